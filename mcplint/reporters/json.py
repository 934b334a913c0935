"""Machine-readable JSON output (format version 1).

The document is one object; keys are sorted, indented by 2, and the text ends with a newline.
Non-ASCII characters are written as ``\\uXXXX`` escapes, so the bytes are ASCII whatever the
output encoding. Findings are sorted by path, line, column and rule; diagnostics by path and
position. New keys may be added within version 1; existing keys keep their meaning.

.. code-block:: text

    {
      "version": 1,                           # this format's version
      "tool": {"name": "mcplint", "version": "0.1.0"},
      "summary": {
        "files_scanned": 14,                  # files read and checked
        "findings": 3,                        # len(findings)
        "by_severity": {"error": 2, "warning": 1, "note": 0},   # every severity, 0 if none
        "skipped": {"binary": 2, "too-large": 1},               # files not scanned, per reason
        "not_scanned": 0,                     # files named on the command line but skipped
        "unreadable": 0,                      # selected files that could not be read or decoded
        "complete": true                      # false when unreadable > 0: the scan is incomplete
      },
      "findings": [{
        "rule_id": "MCP001",                  # rule code
        "rule_name": "hardcoded-secret",      # "" when the rule is not in the scan's rules
        "severity": "error",                  # note | warning | error
        "category": "secret",                 # SARIF tag of the rule
        "path": "config/mcp.json",            # POSIX, relative to the scan root (or as given)
        "line": 4, "column": 24,              # 1-based start
        "end_line": 4, "end_column": 64,      # 1-based end, column exclusive
        "message": "...",                     # redacted
        "snippet": "...",                     # the redacted source line ("" if none)
        "fingerprint": "9f2c...",             # stable id of the finding (baselines, dedup)
        "commit": {                           # history scans only (--history, --since)
          "sha": "…", "author_name": "…", "date": "2026-03-01T12:00:00+00:00",
          "still_in_head": true, "later_commits": 3,
          "author_email": "…"                 # only with --show-emails
        }
      }],
      "diagnostics": [{                       # files that could not be read or parsed
        "path": "broken.json",
        "line": 3, "column": 7,               # 0 when the problem has no position
        "level": "warning",                   # warning | error
        "message": "..."
      }]
    }
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import mcplint
from mcplint.reporters import rules_by_code, severity_counts, sorted_diagnostics, sorted_findings

if TYPE_CHECKING:
    from mcplint.results.findings import CommitInfo, ScanResult

FORMAT_VERSION = 1


def render(result: ScanResult, *, show_emails: bool = False, **_options: Any) -> str:
    """Render ``result`` as the version-1 JSON document described in this module."""
    return json.dumps(to_dict(result, show_emails=show_emails), indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def commit_fields(commit: CommitInfo, show_emails: bool = False) -> dict[str, Any]:
    """A history finding's commit, as JSON (the e-mail only when asked for)."""
    fields: dict[str, Any] = {
        "sha": commit.sha,
        "author_name": commit.author_name,
        "date": commit.date,
        "still_in_head": commit.still_in_head,
        "later_commits": commit.later_commits,
    }
    if show_emails:
        fields["author_email"] = commit.author_email
    return fields


def to_dict(result: ScanResult, *, show_emails: bool = False) -> dict[str, Any]:
    """The JSON document as Python data."""
    rules = rules_by_code(result)
    findings = [
        {
            "rule_id": finding.rule_id,
            "rule_name": rules[finding.rule_id].name if finding.rule_id in rules else "",
            "severity": finding.severity,
            "category": finding.category,
            "path": finding.path,
            "line": finding.span.line,
            "column": finding.span.col,
            "end_line": finding.span.end_line,
            "end_column": finding.span.end_col,
            "message": finding.message,
            "snippet": finding.snippet,
            "fingerprint": finding.fingerprint,
            **({"commit": commit_fields(finding.commit, show_emails)} if finding.commit else {}),
        }
        for finding in sorted_findings(result.findings)
    ]
    diagnostics = [
        {
            "path": diagnostic.path,
            "line": diagnostic.line,
            "column": diagnostic.col,
            "level": diagnostic.level,
            "message": diagnostic.message,
        }
        for diagnostic in sorted_diagnostics(result.diagnostics)
    ]
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "mcplint", "version": result.version or mcplint.__version__},
        "summary": {
            "files_scanned": result.files_scanned,
            "findings": len(findings),
            "by_severity": severity_counts(result.findings),
            "skipped": dict(sorted(result.skipped.items())),
            "not_scanned": result.not_scanned,
            "unreadable": result.unreadable,
            "complete": result.complete,
        },
        "findings": findings,
        "diagnostics": diagnostics,
    }
