"""SARIF 2.1.0 output that validates against the OASIS schema and meets GitHub code scanning's rules.

One run; ``tool.driver.rules`` holds one descriptor per rule that ran (plus a minimal one for
any rule id a finding uses that is not among them). Artifact URIs are POSIX paths relative to
``%SRCROOT%`` (the scan root), percent-encoded; ``originalUriBaseIds`` describes ``%SRCROOT%``
without its absolute path, which would carry the user's home directory and name (upload-sarif
resolves it to the checkout).

GitHub reads ``security-severity`` only from the rule descriptor, never from a result. So a
finding whose rule rates it by where it sits (MCP001: ``env`` < headers < ``args`` < URLs) gets a
descriptor of its own per location class, ``MCP001/env``, ``MCP001/url``…, with that class's
security severity, and its result's ``ruleId`` names it. The ids are stable (the same secret in
the same place keeps its alert); text, JSON, baselines and suppressions keep the plain code. A
finding rated apart from its rule's default without a location class gets ``<code>/<score>``.

``partialFingerprints`` carry the finding's own
fingerprint, so upload-sarif never hashes the line holding a secret. At most
:data:`MAX_RESULTS` results are written (GitHub's per-run limit), the most severe first; a
tool notification says how many were dropped. Output is deterministic: same input, same bytes.

Options: ``category`` (default ``mcplint``) sets ``automationDetails.id`` to ``<category>/``;
``max_results`` lowers the cap.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import mcplint
from mcplint.reporters import rules_by_code, severity_order, sorted_diagnostics, sorted_findings

if TYPE_CHECKING:
    from mcplint.results.findings import Diagnostic, Finding, ScanResult
    from mcplint.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/mcplint/mcplint"
SRCROOT = "%SRCROOT%"
DEFAULT_CATEGORY = "mcplint"
MAX_RESULTS = 25_000  # GitHub rejects runs with more results
MAX_DESCRIPTION = 1024  # GitHub's limit for shortDescription / fullDescription
MAX_NAME = 255  # GitHub's limit for a rule name
LOCATION_LABELS = {"env": "env", "header": "a header", "arg": "args", "url": "a URL", "command": "the command",
                   "input": "an input default", "other": "another field"}
LEVELS = ("note", "warning", "error")

_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
_WINDOWS_ABSOLUTE = re.compile(r"^[A-Za-z]:[/\\]")
ROOT_DESCRIPTION = "The scan root: the repository's top level (outside git, the directory scanned)."


def render(
    result: ScanResult,
    *,
    category: str | None = None,
    max_results: int = MAX_RESULTS,
    show_emails: bool = False,
    **_options: Any,
) -> str:
    """Render ``result`` as a SARIF 2.1.0 log (UTF-8-safe ASCII JSON, trailing newline)."""
    log = to_sarif(result, category=category, max_results=max_results, show_emails=show_emails)
    return json.dumps(log, indent=2, ensure_ascii=True) + "\n"


def to_sarif(
    result: ScanResult, *, category: str | None = None, max_results: int = MAX_RESULTS, show_emails: bool = False
) -> dict[str, Any]:
    """The SARIF log as Python data (key order is part of the deterministic output)."""
    descriptors, index_of = _rule_descriptors(result)
    kept, dropped = _cap(result.findings, max(0, max_results))
    results = [_result(finding, sarif_rule_id(finding, result), index_of, show_emails) for finding in kept]
    notifications = [_diagnostic_notification(diagnostic) for diagnostic in sorted_diagnostics(result.diagnostics)]
    if dropped:
        notifications.append(
            {
                "level": "warning",
                "message": {
                    "text": (
                        f"{dropped} of {len(result.findings)} results were dropped to stay within "
                        f"{max_results} results per run; the most severe were kept."
                    )
                },
            }
        )
    # An unreadable file means the run could not check what it was asked to: not a success.
    invocation: dict[str, Any] = {"executionSuccessful": result.complete}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    version = result.version or mcplint.__version__
    driver: dict[str, Any] = {"name": "mcplint", "version": version}
    if _SEMVER.match(version):
        driver["semanticVersion"] = version
    driver["informationUri"] = INFORMATION_URI
    driver["rules"] = descriptors
    run = {
        "tool": {"driver": driver},
        "automationDetails": {"id": _automation_id(category)},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": ROOT_DESCRIPTION}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _automation_id(category: str | None) -> str:
    """``<category>/``: a category with an empty run id, as upload-sarif writes it."""
    category = (category or DEFAULT_CATEGORY).strip()
    return category if category.endswith("/") else category + "/"


def artifact_location(path: str) -> dict[str, str]:
    """``artifactLocation`` for a finding path: relative to ``%SRCROOT%``, or an absolute file URI."""
    posix = path.replace("\\", "/") if _WINDOWS_ABSOLUTE.match(path) else path
    if posix.startswith("/"):
        return {"uri": "file://" + _quote(posix)}
    if _WINDOWS_ABSOLUTE.match(posix):
        return {"uri": "file:///" + posix[:2] + _quote(posix[2:])}
    relative = str(PurePosixPath(posix)) if posix else "."  # drops "./" and doubled slashes
    return {"uri": _quote(relative), "uriBaseId": SRCROOT}


def _quote(path: str) -> str:
    """Percent-encode a path as UTF-8 (undecodable file-name bytes kept as the original bytes)."""
    try:
        return quote(path, safe="/", errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(path, safe="/", errors="surrogatepass")


def sarif_rule_id(finding: Finding, result: ScanResult) -> str:
    """The ``ruleId`` of a finding in SARIF: its code, or ``<code>/<location class>`` (module docstring)."""
    location = finding.location
    if location:
        return f"{finding.rule_id}/{location}"
    rule = rules_by_code(result).get(finding.rule_id)
    score = (finding.security_severity or "").strip()
    if rule is not None and _valid_security_severity(score) and score != rule.security_severity.strip():
        return f"{finding.rule_id}/{score}"
    return finding.rule_id


def _rule_descriptors(result: ScanResult) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Descriptors sorted by rule id, and each id's index."""
    rules = rules_by_code(result)
    descriptors = {code: _descriptor(rule) for code, rule in rules.items()}
    for finding in result.findings:
        rule_id = sarif_rule_id(finding, result)
        if rule_id in descriptors:
            continue
        if finding.rule_id in rules and rule_id != finding.rule_id:
            descriptors[rule_id] = _class_descriptor(rules[finding.rule_id], rule_id, finding)
        elif finding.rule_id not in descriptors:
            descriptors[finding.rule_id] = _fallback_descriptor(finding)
    ordered = [descriptors[code] for code in sorted(descriptors)]
    return ordered, {descriptor["id"]: index for index, descriptor in enumerate(ordered)}


def _descriptor(rule: Rule) -> dict[str, Any]:
    """A reportingDescriptor with everything GitHub reads."""
    summary = _truncate(rule.summary.strip() or rule.name or rule.code, MAX_DESCRIPTION)
    doc = rule.doc.strip()
    properties: dict[str, Any] = {"tags": _tags("security", rule.category), "precision": rule.precision}
    if _valid_security_severity(rule.security_severity):
        properties["security-severity"] = rule.security_severity.strip()
    descriptor: dict[str, Any] = {"id": rule.code}
    if rule.name:
        descriptor["name"] = rule.name[:MAX_NAME]
    descriptor.update(
        {
            "shortDescription": {"text": summary},
            "fullDescription": {"text": _truncate(_first_paragraph(doc) or summary, MAX_DESCRIPTION)},
            "help": {"text": doc or summary, "markdown": doc or summary},
            "defaultConfiguration": {"level": _level(rule.severity)},
            "properties": properties,
        }
    )
    return descriptor


def _class_descriptor(rule: Rule, rule_id: str, finding: Finding) -> dict[str, Any]:
    """The rule's descriptor for one location class: its own id and security severity."""
    descriptor = _descriptor(rule)
    descriptor["id"] = rule_id
    where = rule_id.partition("/")[2]
    label = f"in {LOCATION_LABELS.get(where, where)}" if finding.location else f"rated {where}"
    summary = f"{descriptor['shortDescription']['text']} ({label})"
    descriptor["shortDescription"] = {"text": _truncate(summary, MAX_DESCRIPTION)}
    properties = dict(descriptor["properties"])
    properties["tags"] = _tags(*properties["tags"], rule.code)
    if finding.security_severity and _valid_security_severity(finding.security_severity):
        properties["security-severity"] = finding.security_severity.strip()
    descriptor["properties"] = properties
    return descriptor


def _fallback_descriptor(finding: Finding) -> dict[str, Any]:
    """A minimal but complete descriptor for a rule id that is not among the scan's rules."""
    text = f"mcplint rule {finding.rule_id}"
    properties: dict[str, Any] = {"tags": _tags("security", finding.category)}
    if finding.security_severity and _valid_security_severity(finding.security_severity):
        properties["security-severity"] = finding.security_severity.strip()
    return {
        "id": finding.rule_id,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text},
        "defaultConfiguration": {"level": _level(finding.severity)},
        "properties": properties,
    }


def _result(finding: Finding, rule_id: str, index_of: dict[str, int], show_emails: bool = False) -> dict[str, Any]:
    """One SARIF result for one finding.

    A history finding's fingerprint is its secret's hash (rule, path, pattern, SHA-256 of the
    secret) when it has one: the same secret keeps it on every re-run, and a rotated secret at the
    same place is a new alert. Its commit goes to ``properties``.
    """
    span = finding.span
    start_line = max(span.line, 1)
    start_column = max(span.col, 1)
    end_line = max(span.end_line, start_line)
    end_column = max(span.end_col, 1)
    if end_line == start_line:
        end_column = max(end_column, start_column)
    region: dict[str, Any] = {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    if finding.snippet:
        region["snippet"] = {"text": finding.snippet}
    properties: dict[str, Any] = {"tags": _tags(finding.category)}
    if finding.security_severity and _valid_security_severity(finding.security_severity):
        properties["security-severity"] = finding.security_severity.strip()
    fingerprint = finding.fingerprint
    if finding.commit is not None:
        fingerprint = finding.secret_hash or finding.fingerprint
        commit = finding.commit
        properties.update(
            {
                "commit": commit.sha,
                "commitAuthor": commit.author_name,
                "commitDate": commit.date,
                "stillInHead": commit.still_in_head,
                "laterCommits": commit.later_commits,
            }
        )
        if show_emails:
            properties["commitAuthorEmail"] = commit.author_email
    return {
        "ruleId": rule_id,
        "ruleIndex": index_of[rule_id],
        "level": _level(finding.severity),
        "message": {"text": finding.message or finding.rule_id},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(finding.path), "region": region}}],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint, "mcplint/v1": fingerprint},
        "properties": properties,
    }


def _diagnostic_notification(diagnostic: Diagnostic) -> dict[str, Any]:
    """A toolExecutionNotification for a file that could not be read or parsed."""
    physical: dict[str, Any] = {"artifactLocation": artifact_location(diagnostic.path)}
    if diagnostic.line >= 1:
        physical["region"] = {"startLine": diagnostic.line, "startColumn": max(diagnostic.col, 1)}
    return {
        "level": diagnostic.level if diagnostic.level in ("warning", "error") else "warning",
        "message": {"text": diagnostic.message or "could not read or parse the file"},
        "locations": [{"physicalLocation": physical}],
    }


def _cap(findings: list[Finding], limit: int) -> tuple[list[Finding], int]:
    """The ``limit`` most severe findings in report order, and how many were dropped."""
    if len(findings) <= limit:
        return sorted_findings(findings), 0
    by_importance = sorted(
        sorted_findings(findings),
        key=lambda f: (-severity_order(f), -_score(f.security_severity)),
    )  # stable: ties keep report order
    return sorted_findings(by_importance[:limit]), len(findings) - limit


def _score(value: str | None) -> float:
    """A security-severity as a number (0.0 when missing or invalid)."""
    return float(value) if value and _valid_security_severity(value) else 0.0


def _valid_security_severity(value: str) -> bool:
    """True when GitHub can read ``value`` as a number from 0.0 to 10.0."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and 0.0 <= number <= 10.0


def _level(severity: str) -> str:
    """SARIF level for an mcplint severity (unknown ones become ``warning``, SARIF's default)."""
    return severity if severity in LEVELS else "warning"


def _tags(*tags: str) -> list[str]:
    """Non-empty tags without duplicates, in order."""
    return list(dict.fromkeys(tag for tag in tags if tag))


def _first_paragraph(doc: str) -> str:
    """The first paragraph of prose in a Markdown doc (headings skipped), on one line."""
    for paragraph in re.split(r"\n\s*\n", doc):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        if lines:
            return " ".join(lines)
    return ""


def _truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
