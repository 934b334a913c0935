"""Reporters: turn a :class:`~mcplint.results.findings.ScanResult` into text for people or machines.

Reporters never detect anything and never see raw secrets: they print only a finding's rule
fields, path, position, ``message`` and ``snippet`` (both redacted by the rules), and a
diagnostic's path, position, level and message. Reporter modules are imported lazily so that the
pre-commit path pays only for the format it uses.
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any

from mcplint.results.findings import SEVERITIES, severity_rank

if TYPE_CHECKING:
    from mcplint.results.findings import Diagnostic, Finding, ScanResult
    from mcplint.rules.base import Rule

FORMATS = ("text", "json", "sarif", "github")

# C0/C1 control characters except TAB; LF and CR are handled by each reporter.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def render(fmt: str, result: ScanResult, *, color: bool = False, verbose: bool = False, **options: Any) -> str:
    """Render ``result`` in format ``fmt`` (one of :data:`FORMATS`).

    ``color`` and ``verbose`` apply to the text format; other ``options`` are passed to the
    reporter (e.g. ``category`` for SARIF). Unknown options are ignored by reporters.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    module = importlib.import_module(f"mcplint.reporters.{fmt}")
    return module.render(result, color=color, verbose=verbose, **options)


# Shared helpers (used by the reporter modules; not part of the public API).


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in a stable order: path, line, column, rule, then the remaining fields."""
    return sorted(findings, key=lambda f: (*f.sort_key(), f.span.end_line, f.span.end_col, f.message, f.fingerprint))


def sorted_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in a stable order: path, line, column, message."""
    return sorted(diagnostics, key=lambda d: (d.path, d.line, d.col, d.level, d.message))


def rules_by_code(result: ScanResult) -> dict[str, Rule]:
    """The rules that ran, by code."""
    return {rule.code: rule for rule in result.rules}


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    """Number of findings per severity, most severe first, every severity present."""
    counts = {severity: 0 for severity in reversed(SEVERITIES)}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_sentence(result: ScanResult) -> str:
    """``Found 3 problems (2 errors, 1 warning) in 2 files; 14 files scanned.``

    Files named on the command line but skipped are counted (``…, 1 named file not scanned.``)
    and an incomplete scan says so (``1 file could not be read: the scan is incomplete.``).
    """
    scanned = plural(result.files_scanned, "file") + " scanned"
    if result.not_scanned:
        scanned += f", {plural(result.not_scanned, 'named file')} not scanned"
    if not result.findings:
        clean = "No problems found" if result.complete else "No problems found in the files read"
        sentence = f"{clean}; {scanned}."
    else:
        parts = [plural(count, severity) for severity, count in severity_counts(result.findings).items() if count]
        files = len({finding.path for finding in result.findings})
        sentence = (
            f"Found {plural(len(result.findings), 'problem')} ({', '.join(parts)}) "
            f"in {plural(files, 'file')}; {scanned}."
        )
    if result.unreadable:
        sentence += f" {plural(result.unreadable, 'file')} could not be read: the scan is incomplete."
    return sentence


def fixable_count(findings: list[Finding]) -> int:
    """Findings ``mcplint fix`` can rewrite (the rule marks them)."""
    return sum(1 for finding in findings if finding.fixable)


def fixable_hint(result: ScanResult) -> str:
    """``2 fixable with `mcplint fix` (…).``, or "" when none is."""
    count = fixable_count(result.findings)
    return f"{count} fixable with `mcplint fix` (it shows the diff before --write)." if count else ""


def statistics(result: ScanResult) -> list[dict[str, Any]]:
    """Findings per rule, most frequent first (as ``ruff --statistics``)."""
    rules = rules_by_code(result)
    by_code: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_code.setdefault(finding.rule_id, []).append(finding)
    rows = [
        {"code": code, "name": rules[code].name if code in rules else "", "count": len(found),
         "fixable": fixable_count(found)}
        for code, found in by_code.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["code"]))


def clean_line(text: str) -> str:
    """``text`` on one line with control characters made visible (no terminal escapes)."""
    text = text.replace("\r\n", "\n").replace("\r", "\\r").replace("\n", "\\n")
    return _CONTROL_CHARS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def severity_order(finding: Finding) -> int:
    """Severity rank, unknown severities counted as the lowest."""
    try:
        return severity_rank(finding.severity)
    except ValueError:
        return -1
