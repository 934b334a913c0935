"""Human-readable output: findings grouped by file, each with a code frame, then a summary.

Example::

    config/mcp.json:4:24: MCP001 [error] Hardcoded GitHub token in "env.GITHUB_TOKEN"
       |
     4 |       "GITHUB_TOKEN": "ghp_********"
       |                       ^^^^^^^^^^^^

    Found 1 problem (1 error) in 1 file; 14 files scanned.

Colour (ANSI) only with ``color=True``; the CLI decides (a TTY and no ``NO_COLOR``). Control
characters coming from scanned files are shown escaped, never sent to the terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from mcplint.reporters import (
    clean_line,
    fixable_hint,
    plural,
    sorted_diagnostics,
    sorted_findings,
    statistics,
    summary_sentence,
)

if TYPE_CHECKING:
    from mcplint.results.findings import Diagnostic, Finding, ScanResult

_TOKEN_END = re.compile(r"""[\s"',;}\]]""")
# A redacted value: up to 4 characters shown, then a run of stars; shortened from 13 stars on, so
# the short form (9 characters) always saves space.
_LONG_MASK = re.compile(r"(?P<shown>[^\s\"'`*=:,;{}\[\]()<>]{0,4})\*{13,}")
_RESET = "\x1b[0m"
_STYLES = {
    "path": "\x1b[1m",
    "rule": "\x1b[1m",
    "gutter": "\x1b[34m",
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "note": "\x1b[1;36m",
    "summary": "\x1b[1m",
}


class _Painter:
    """Wraps text in ANSI styles, or leaves it alone when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text or style not in _STYLES:
            return text
        return f"{_STYLES[style]}{text}{_RESET}"


def render(
    result: ScanResult,
    *,
    color: bool = False,
    verbose: bool = False,
    quiet: bool = False,
    show_statistics: bool = False,
    show_emails: bool = False,
    **_options: Any,
) -> str:
    """Render findings, diagnostics and a summary as plain (optionally coloured) text.

    ``quiet``: findings and diagnostics only, no summary or hint. ``show_statistics``: one line
    per rule (count, code, ``[*]`` when fixable, name) in place of the findings.
    """
    paint = _Painter(color)
    lines: list[str] = []
    if show_statistics:
        for row in statistics(result):
            mark = "[*]" if row["fixable"] else "   "
            lines.append(f"{row['count']}\t{paint('rule', row['code'])}\t{mark} {row['name']}")
        if lines:
            lines.append("")
    else:
        # Sorting by path groups each file's findings together, by line and column.
        for finding in sorted_findings(result.findings):
            lines.extend([_finding_block(finding, paint, show_emails), ""])
    for diagnostic in sorted_diagnostics(result.diagnostics):
        lines.append(_diagnostic_line(diagnostic, paint))
    if result.diagnostics:
        lines.append("")
    if quiet:
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines) + "\n" if lines else ""
    lines.append(paint("summary", summary_sentence(result)))
    if verbose:
        lines.extend(_skipped_lines(result.skipped))
        lines.extend(_not_reported_lines(result.not_reported))
    hint = fixable_hint(result)
    if hint:
        lines.append(hint)
    return "\n".join(lines) + "\n"


def _location(path: str, line: int, col: int) -> str:
    """``path:line:col`` (just ``path`` without a position)."""
    if line < 1:
        return clean_line(path)
    return f"{clean_line(path)}:{line}:{max(col, 1)}"


def _finding_block(finding: Finding, paint: _Painter, show_emails: bool = False) -> str:
    """Header line plus code frame for one finding (a history finding starts with its commit)."""
    span = finding.span
    header = (
        f"{_commit_prefix(finding, show_emails)}{paint('path', _location(finding.path, span.line, span.col))}: "
        f"{paint('rule', finding.rule_id)} {paint(finding.severity, f'[{finding.severity}]')} "
        f"{clean_line(finding.message)}"
    )
    return "\n".join([header, *_code_frame(finding, paint)])


def _commit_prefix(finding: Finding, show_emails: bool) -> str:
    """``abc1234 2026-03-01 `` for a history finding; nothing for the working tree."""
    commit = finding.commit
    if commit is None:
        return ""
    author = f" {clean_line(commit.author_name)} <{clean_line(commit.author_email)}>" if show_emails else ""
    return f"{commit.short} {commit.date[:10]}{author} "


def _code_frame(finding: Finding, paint: _Painter) -> list[str]:
    """Gutter, redacted snippet and (for one-line spans) a caret underline."""
    if not finding.snippet:
        return []
    span = finding.span
    source_lines = finding.snippet.replace("\r\n", "\n").split("\n")
    numbers = [str(span.line + i) if span.line >= 1 else "" for i in range(len(source_lines))]
    width = max(len(number) for number in numbers)
    blank_gutter = paint("gutter", " " * width + " |")
    frame = [blank_gutter]
    shortened = [shorten_masks(text) for text in source_lines]
    for number, (text, _) in zip(numbers, shortened, strict=True):
        frame.append(f"{paint('gutter', number.rjust(width) + ' |')} {clean_line(text)}")
    if span.line >= 1 and span.end_line == span.line and span.col >= 1:
        text, new_index = shortened[0]
        original = source_lines[0]
        col = new_index[min(span.col - 1, len(original))] + 1
        end = span.end_col - 1  # past the snippet's end (a redacted, shorter line): shift, not map
        end_col = (new_index[end] if end <= len(original) else len(text) + end - len(original)) + 1
        underline = _underline(text, col, end_col)
        if underline:
            prefix, carets = underline
            frame.append(f"{blank_gutter} {prefix}{paint(finding.severity, carets)}")
    return frame


def shorten_masks(text: str) -> tuple[str, list[int]]:
    """``text`` with each long mask shortened (``ghp_****…(40)``: 40 characters masked and shown),
    and where each original index lands in the result (one more entry, for the end).

    A mask is a run of ``*`` (the redaction's); what it shortens is only the run itself, so the
    visible prefix and any quote or bracket around the value stay exactly as they were.
    """
    new_index: list[int] = []
    out: list[str] = []
    position = 0
    for match in _LONG_MASK.finditer(text):
        start, end = match.span()
        for index in range(position, start):
            new_index.append(len(out))
            out.append(text[index])
        prefix = len(match.group("shown"))
        stars_start = start + prefix
        for index in range(start, stars_start):
            new_index.append(len(out))
            out.append(text[index])
        replacement = f"****\u2026({end - start})"
        base = len(out)
        for offset in range(end - stars_start):  # every masked column maps into the replacement
            new_index.append(base + min(offset, len(replacement) - 1))
        out.extend(replacement)
        position = end
    for index in range(position, len(text)):
        new_index.append(len(out))
        out.append(text[index])
    new_index.append(len(out))
    return "".join(out), new_index


def _underline(text: str, col: int, end_col: int) -> tuple[str, str] | None:
    """Padding (keeping tabs) and carets under columns ``col``..``end_col`` (exclusive) of ``text``.

    The snippet is redacted, so it can be shorter than the source line the span was measured on.
    When the span runs past the snippet's end, the carets cover the (redacted) token at ``col``.
    """
    start = col - 1
    if start > len(text):
        return None
    stop = max(end_col - 1, start + 1)
    if stop > len(text):
        match = _TOKEN_END.search(text, start + 1)
        stop = match.start() if match else len(text)
    # Width as printed: tabs kept, escaped control characters counted at their escaped width.
    prefix = "".join("\t" if char == "\t" else " " * len(clean_line(char)) for char in text[:start])
    carets = sum(len(clean_line(char)) for char in text[start:stop]) or 1
    return prefix, "^" * carets


def _diagnostic_line(diagnostic: Diagnostic, paint: _Painter) -> str:
    """``path:line:col: warning: message`` (the engine words the message: could not parse, …)."""
    level = diagnostic.level if diagnostic.level in ("warning", "error") else "warning"
    message = clean_line(diagnostic.message)
    location = paint("path", _location(diagnostic.path, diagnostic.line, diagnostic.col))
    return f"{location}: {paint(level, level + ':')} {message}"


def _not_reported_lines(not_reported: dict[str, list[str]]) -> list[str]:
    """Per file, the candidate values judged placeholders or references (already redacted)."""
    if not not_reported:
        return []
    lines = ["Not reported (judged placeholders or references):"]
    for path, entries in sorted(not_reported.items()):
        lines.append(f"  {clean_line(path)}: {plural(len(entries), 'value')}")
        lines.extend(f"    {clean_line(path)}:{clean_line(entry)}" for entry in entries)
    return lines


def _skipped_lines(skipped: dict[str, int]) -> list[str]:
    """``Skipped 5 files:`` followed by one line per reason."""
    total = sum(skipped.values())
    if not total:
        return ["No files skipped."]
    lines = [f"Skipped {plural(total, 'file')}:"]
    lines.extend(f"  {clean_line(reason)}: {count}" for reason, count in sorted(skipped.items()) if count)
    return lines
