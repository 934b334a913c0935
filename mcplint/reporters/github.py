"""GitHub Actions output: workflow-command annotations, a full plain log, and a job summary.

1. Annotations: ``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=MCP001 name::message``
   (``note`` findings become ``::notice``). GitHub shows at most 10 annotations per level in a
   step and drops the rest silently, so at most 10 are printed per level and one ``::notice``
   says how many were left out (it counts as a notice itself, so notices get 9 slots then).
2. The plain log: one ``path:line:col: RULE [severity] message`` line per finding and per
   diagnostic, then the summary. It is wrapped in ``::stop-commands::`` so nothing from a
   scanned file can act as a workflow command.
3. When ``GITHUB_STEP_SUMMARY`` names a file, a Markdown table of every finding is appended to it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, NamedTuple

from mcplint.reporters import (
    clean_line,
    plural,
    rules_by_code,
    sorted_diagnostics,
    sorted_findings,
    summary_sentence,
)
from mcplint.results.findings import stable_hash

if TYPE_CHECKING:
    from mcplint.results.findings import Diagnostic, Finding, ScanResult

ANNOTATIONS_PER_LEVEL = 10  # GitHub's per-step limit for each of error, warning, notice
STEP_SUMMARY_LIMIT = 1_000_000  # bytes; GitHub rejects step summaries over 1 MiB
_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}
_MARKDOWN_ESCAPES = {
    **{char: "\\" + char for char in "\\`*_[]|~"},
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\r": " ",
    "\n": " ",
}


class Annotation(NamedTuple):
    """One workflow command: its name, parameters and message."""

    command: str
    properties: dict[str, str]
    message: str

    def line(self) -> str:
        params = ",".join(f"{key}={escape_property(value)}" for key, value in self.properties.items())
        return f"::{self.command} {params}::{escape_data(self.message)}"


def escape_data(text: str) -> str:
    """Escape a workflow-command message (as actions/toolkit does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command parameter value (as actions/toolkit does)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: ScanResult, **_options: Any) -> str:
    """Annotations, the omitted-count notice, the plain log; appends the step summary if asked."""
    findings = sorted_findings(result.findings)
    diagnostics = sorted_diagnostics(result.diagnostics)
    rules = rules_by_code(result)
    # A history finding is annotated on its file while HEAD still holds it; else the summary has it.
    annotations = [
        _finding_annotation(f, rules[f.rule_id].name if f.rule_id in rules else "")
        for f in findings
        if f.commit is None or (f.commit.still_in_head and os.path.isfile(os.path.join(result.root, f.path)))
    ]
    annotations += [_diagnostic_annotation(d) for d in diagnostics]
    lines, omitted = _capped(annotations)

    summary_file = os.environ.get("GITHUB_STEP_SUMMARY", "")
    summary_error = _append_step_summary(summary_file, result, findings, diagnostics) if summary_file else None
    if summary_error:
        lines.append(f"::warning::{escape_data(f'mcplint could not write the job summary: {summary_error}')}")
    if any(omitted.values()):
        where = "the log below and the job summary" if summary_file and not summary_error else "the log below"
        breakdown = ", ".join(plural(count, command) for command, count in omitted.items() if count)
        total = sum(omitted.values())
        lines.append(
            "::notice::"
            + escape_data(
                f"mcplint: {total} more annotations omitted ({breakdown}); GitHub shows at most "
                f"{ANNOTATIONS_PER_LEVEL} per level in a step. Every finding is listed in {where}."
            )
        )

    log = [_log_line(f) for f in findings] + [_diagnostic_log_line(d) for d in diagnostics]
    log.append(summary_sentence(result))
    token = "mcplint-" + stable_hash(*log)  # cannot appear in the log it is derived from
    lines += [f"::stop-commands::{token}", *log, f"::{token}::"]
    return "\n".join(lines) + "\n"


def _capped(annotations: list[Annotation]) -> tuple[list[str], dict[str, int]]:
    """Annotation lines within the per-level limit, and how many were omitted per command."""
    counts = {command: 0 for command in ("error", "warning", "notice")}
    for annotation in annotations:
        counts[annotation.command] += 1
    needs_notice = any(count > ANNOTATIONS_PER_LEVEL for count in counts.values())
    limits = {command: ANNOTATIONS_PER_LEVEL for command in counts}
    if needs_notice:
        limits["notice"] -= 1  # room for the omitted-count notice
    printed = {command: 0 for command in counts}
    lines: list[str] = []
    for annotation in annotations:
        if printed[annotation.command] < limits[annotation.command]:
            printed[annotation.command] += 1
            lines.append(annotation.line())
    return lines, {command: counts[command] - printed[command] for command in counts}


def _finding_annotation(finding: Finding, rule_name: str) -> Annotation:
    """``::error file=…,line=…,…,title=RULE name::message``."""
    span = finding.span
    properties = {"file": finding.path}
    if span.line >= 1:
        end_line = max(span.end_line, span.line)
        properties.update({"line": str(span.line), "endLine": str(end_line)})
        if end_line == span.line and span.col >= 1:
            properties.update({"col": str(span.col), "endColumn": str(max(span.end_col, span.col))})
    properties["title"] = f"{finding.rule_id} {rule_name}".strip()
    message = _commit_label(finding) + (finding.message or finding.rule_id)
    return Annotation(_COMMANDS.get(finding.severity, "warning"), properties, message)


def _commit_label(finding: Finding) -> str:
    """``abc1234 2026-03-01 `` for a history finding (never the author's e-mail)."""
    commit = finding.commit
    return f"{commit.short} {commit.date[:10]} " if commit is not None else ""


def _diagnostic_annotation(diagnostic: Diagnostic) -> Annotation:
    """A warning (or error) annotation for a file that could not be read or parsed."""
    properties = {"file": diagnostic.path}
    if diagnostic.line >= 1:
        properties.update({"line": str(diagnostic.line), "endLine": str(diagnostic.line)})
        if diagnostic.col >= 1:
            properties["col"] = str(diagnostic.col)
    properties["title"] = "mcplint: file problem"
    command = "error" if diagnostic.level == "error" else "warning"
    return Annotation(command, properties, diagnostic.message or "could not read or parse the file")


def _location(path: str, line: int, col: int) -> str:
    """``path:line:col`` (just ``path`` without a position)."""
    return f"{path}:{line}:{max(col, 1)}" if line >= 1 else path


def _log_line(finding: Finding) -> str:
    """``path:line:col: RULE [severity] message`` on one line."""
    location = _commit_label(finding) + _location(finding.path, finding.span.line, finding.span.col)
    return clean_line(f"{location}: {finding.rule_id} [{finding.severity}] {finding.message}")


def _diagnostic_log_line(diagnostic: Diagnostic) -> str:
    """``path:line:col: warning: message`` on one line."""
    location = _location(diagnostic.path, diagnostic.line, diagnostic.col)
    return clean_line(f"{location}: {diagnostic.level}: {diagnostic.message}")


def _markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell (no formatting, no HTML, no cell breaks)."""
    return "".join(_MARKDOWN_ESCAPES.get(char, char) for char in text)


def step_summary(result: ScanResult, findings: list[Finding], diagnostics: list[Diagnostic]) -> str:
    """Markdown for the job summary: a sentence, a table of every finding, unscanned files."""
    rules = rules_by_code(result)
    parts = ["## mcplint", "", _markdown_cell(summary_sentence(result)), ""]
    footer: list[str] = []
    if findings:
        parts += ["| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"]
        size = sum(len(part.encode("utf-8", "backslashreplace")) + 1 for part in parts)
        for shown, finding in enumerate(findings):
            name = rules[finding.rule_id].name if finding.rule_id in rules else ""
            row = "| {} | {} | {} | {} |".format(
                _markdown_cell(finding.severity),
                _markdown_cell(f"{finding.rule_id} {name}".strip()),
                _markdown_cell(_commit_label(finding) + _location(finding.path, finding.span.line, finding.span.col)),
                _markdown_cell(finding.message),
            )
            size += len(row.encode("utf-8", "backslashreplace")) + 1
            if size > STEP_SUMMARY_LIMIT - 4096:  # leave room for the footer and diagnostics
                footer = ["", f"_{len(findings) - shown} more findings not shown here; see the step log._"]
                break
            parts.append(row)
        parts += footer
    if diagnostics:
        parts += ["", "### Files not scanned", ""]
        for diagnostic in diagnostics[:50]:
            location = _location(diagnostic.path, diagnostic.line, diagnostic.col)
            parts.append(f"- {_markdown_cell(location)}: {_markdown_cell(diagnostic.message)}")
        if len(diagnostics) > 50:
            parts.append(f"- _{len(diagnostics) - 50} more; see the step log._")
    return "\n".join(parts) + "\n\n"


def _append_step_summary(
    path: str, result: ScanResult, findings: list[Finding], diagnostics: list[Diagnostic]
) -> str | None:
    """Append the job summary to ``path``; the error text if it could not be written."""
    try:
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(step_summary(result, findings, diagnostics))
    except OSError as error:
        return error.strerror or type(error).__name__
    return None
