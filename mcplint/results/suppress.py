"""The post-rule stage: drop findings the user has accepted, in this order:

1. **Allowlisted values by hash** (``allowlist.hashes``): the SHA-256 of the secret
   (``printf %s "$SECRET" | sha256sum``), or a finding's ``secret_hash`` from a baseline.
2. **Inline suppressions** in a comment, for formats that have comments (YAML, TOML, JSONC, .env)::

       # mcplint: ignore[MCP001]            only these rules (codes or names, comma separated)
       // mcplint: ignore[MCP001,MCP002]
       # mcplint: ignore                    every rule

   A directive applies to findings on its own line, and, when the comment stands on a line of its
   own, to findings on the next line. A directive on the first line of a file also covers the
   findings about the file as a whole (a committed ``.env``, a world-readable config). Plain JSON
   has no comments: suppress there through the configuration (``allowlist``, ``ignore``,
   ``exclude``) or a baseline.
3. **The baseline** (``--baseline FILE`` or ``baseline:`` in the configuration).

With ``--warn-unused-ignores``, a directive (or one code in it) that suppressed nothing is
reported as a warning-level :class:`~mcplint.results.findings.Diagnostic` (shown by every reporter, not a
finding: it does not change the exit code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from mcplint.model import McpConfig
from mcplint.parse.document import Comment, Document
from mcplint.results.findings import Diagnostic, Finding
from mcplint.settings.values import Settings

DIRECTIVE = re.compile(r"\bmcplint:\s*ignore\b(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)


@dataclass(slots=True)
class Directive:
    """One ``mcplint: ignore`` comment and what it has suppressed so far."""

    path: str
    line: int
    col: int
    lines: frozenset[int]  # lines whose findings it covers
    codes: tuple[str, ...]  # rule codes; empty means every rule
    raw: str
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        first = max(finding.span.line, 0)
        if not self.lines.intersection(range(first, max(finding.span.end_line, first) + 1)):
            return False
        return not self.codes or finding.rule_id in self.codes


def rule_code(token: str) -> str:
    """A code (``MCP001``) for a code or rule name (``hardcoded-secret``); unknown tokens upper-cased."""
    from mcplint.rules import get

    rule = get(token)
    return rule.code if rule is not None else token.strip().upper()


def directives_in(document: Document, path: str) -> list[Directive]:
    """Every suppression directive in a document's comments."""
    found = []
    for comment in document.comments:
        match = DIRECTIVE.search(comment.text)
        if match is None:
            continue
        codes = match.group("codes")
        parsed = tuple(rule_code(c) for c in codes.split(",") if c.strip()) if codes is not None else ()
        found.append(
            Directive(
                path,
                comment.span.line,
                comment.span.col,
                covered_lines(document, comment),
                parsed,
                match.group(0).strip(),
            )
        )
    return found


def covered_lines(document: Document, comment: Comment) -> frozenset[int]:
    """The comment's own lines, plus the next line when nothing precedes it on its first line."""
    lines = set(range(comment.span.line, comment.span.end_line + 1))
    before = document.line_text(comment.span.line)[: comment.span.col - 1]
    if not before.strip():
        lines.add(comment.span.end_line + 1)
    if comment.span.line == 1:
        lines.add(0)  # file-level findings have no line
    return frozenset(lines)


def allowlisted(finding: Finding, hashes: set[str]) -> bool:
    """Whether the finding's secret is allowlisted by hash."""
    if not hashes:
        return False
    candidates = (finding.digest.sha256 if finding.digest else None, finding.secret_hash)
    return any(value and value.lower() in hashes for value in candidates)


def normalise_hash(value: str) -> str:
    value = value.strip().lower()
    return value.split(":", 1)[1] if value.startswith(("sha256:", "sha-256:")) else value


def apply_inline(
    findings: list[Finding], configs: Iterable[McpConfig], settings: Settings, diagnostics: list[Diagnostic]
) -> list[Finding]:
    """Drop findings covered by an inline directive; report unused ones when asked."""
    by_path: dict[str, list[Directive]] = {}
    for config in configs:
        if config.document.comments:
            directives = directives_in(config.document, config.relpath)
            if directives:
                by_path[config.relpath] = directives
    if not by_path:
        return findings
    kept = []
    for finding in findings:
        directive = next((d for d in by_path.get(finding.path, ()) if d.covers(finding)), None)
        if directive is None:
            kept.append(finding)
        else:
            directive.used.add(finding.rule_id)
    if settings.warn_unused_ignores:
        for directives in by_path.values():
            for directive in directives:
                warning = unused(directive, settings)
                if warning is not None:
                    diagnostics.append(warning)
    return kept


def unused(directive: Directive, settings: Settings) -> Diagnostic | None:
    """A warning for a directive, or the codes of one, that suppressed nothing."""
    from mcplint.rules import RULES

    if not directive.codes:
        if directive.used:
            return None
        message = f"unused suppression '{directive.raw}': no finding on this or the next line"
    else:
        idle = [c for c in directive.codes if c not in directive.used and (c not in RULES or settings.rule_enabled(c))]
        if not idle:
            return None
        unknown = [c for c in idle if c not in RULES]
        detail = f" (unknown rule {', '.join(unknown)})" if unknown else ""
        message = f"unused suppression of {', '.join(idle)} in '{directive.raw}'{detail}"
    return Diagnostic(directive.path, message, directive.line, directive.col, "warning")


def apply(
    findings: list[Finding], configs: Iterable[McpConfig], settings: Settings, diagnostics: list[Diagnostic]
) -> list[Finding]:
    """The whole stage: allowlisted hashes, inline directives, then the baseline.

    Appends to ``diagnostics`` (unused suppressions); raises
    :class:`mcplint.results.baseline.BaselineError` when the configured baseline cannot be read.
    """
    hashes = {normalise_hash(h) for h in settings.allowlist_hashes}
    findings = [finding for finding in findings if not allowlisted(finding, hashes)]
    findings = apply_inline(findings, configs, settings, diagnostics)
    if settings.baseline_path:
        from mcplint.results import baseline

        findings = baseline.new_findings(findings, baseline.load(settings.baseline_path))
    return findings
