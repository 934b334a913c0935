"""The pipeline: discover files → parse with positions → recognise the MCP format → run rules → findings.

Reporters take the :class:`~mcplint.findings.ScanResult` from here. Nothing in this module
detects anything itself; it wires the stages together, isolates failures per file (a broken file
gives one diagnostic and the scan goes on) and redacts every snippet before it leaves.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from mcplint import __version__
from mcplint.discover import Candidate, discover, sniff_relevant
from mcplint.document import ParseError
from mcplint.findings import Diagnostic, Finding, ScanResult, redact
from mcplint.gitrepo import Repo, ignored_without_git
from mcplint.model import McpConfig
from mcplint.rules.base import Context, RuleInfo
from mcplint.settings import Settings

SNIPPET_WIDTH = 160


@dataclass(slots=True)
class Loaded:
    """The outcome of reading one candidate."""

    config: McpConfig | None = None
    diagnostic: Diagnostic | None = None
    skip_reason: str | None = None


def scan_root(paths: list[Path]) -> Path:
    """The root findings are reported relative to: a single directory argument, else the git top level or cwd."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0].resolve()
    cwd = Path.cwd()
    repo = Repo.find(cwd)
    return repo.root if repo is not None else cwd


def load(candidate: Candidate) -> Loaded:
    """Read, decode, parse and recognise one file; never raises."""
    from mcplint.parse import decode, parse
    from mcplint.recognise import recognise

    try:
        data = candidate.path.read_bytes()
    except OSError as error:
        return Loaded(diagnostic=Diagnostic(candidate.rel, f"could not read: {error.strerror or 'error'}"))
    if candidate.kind_hint is None and not candidate.explicit and not sniff_relevant(data):
        return Loaded(skip_reason="no MCP content")
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Loaded(skip_reason="binary")
    try:
        text = decode(data)
        document = parse(text, candidate.fmt or "jsonc")
    except ParseError as error:
        return Loaded(diagnostic=Diagnostic(candidate.rel, f"could not parse: {error.message}", error.line, error.col))
    except RecursionError:
        return Loaded(diagnostic=Diagnostic(candidate.rel, "could not parse: nesting too deep"))
    config = recognise(candidate.path, candidate.rel, document, candidate.kind_hint)
    if config is None:
        return Loaded(skip_reason="no MCP content")
    return Loaded(config=config)


def annotate_git(configs: list[McpConfig], candidates: dict[str, Candidate], root: Path, repo: Repo | None) -> None:
    """Record whether git tracks each file and whether a .gitignore rule matches it."""
    if repo is not None:
        in_repo = {c.relpath: repo.relative(c.path) for c in configs}
        repo.check_ignored([rel for rel in in_repo.values() if rel is not None])
        for config in configs:
            rel = in_repo[config.relpath]
            if rel is None:
                continue
            config.git_tracked = repo.is_tracked(rel)
            config.git_ignored = repo.is_ignored(rel)
    else:
        for config in configs:
            if config.kind == "dotenv":
                config.git_ignored = ignored_without_git(root, config.relpath)


def enabled_rules(settings: Settings) -> list[RuleInfo]:
    """The rules this run executes."""
    from mcplint.rules import all_rules

    return [rule for rule in all_rules() if settings.rule_enabled(rule.code)]


def run_rules(configs: list[McpConfig], rules: list[RuleInfo], ctx: Context) -> list[Finding]:
    """Per-file rules on each config, then project rules on all of them."""
    findings: list[Finding] = []
    for config in configs:
        for rule in rules:
            check = getattr(rule.module, "check", None)
            if check is not None:
                findings.extend(check(config, ctx))
    for rule in rules:
        check_project = getattr(rule.module, "check_project", None)
        if check_project is not None:
            findings.extend(check_project(configs, ctx))
    return findings


def redact_snippets(findings: list[Finding], configs: Iterable[McpConfig]) -> None:
    """Give every finding its source line with every detected secret on it masked."""
    by_path = {config.relpath: config for config in configs}
    secret_ranges: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.extra.get("redact"):
            secret_ranges.setdefault(finding.path, []).append((finding.span.start, finding.span.end))
    for finding in findings:
        config = by_path.get(finding.path)
        if config is None:
            continue
        document = config.document
        starts = document.line_starts()
        line_no = finding.span.line
        if not 1 <= line_no <= len(starts):
            continue
        line_start = starts[line_no - 1]
        line = document.line_text(line_no)
        masked = list(line)
        for start, end in secret_ranges.get(finding.path, ()):
            lo, hi = max(start - line_start, 0), min(end - line_start, len(line))
            if lo < hi:
                masked[lo:hi] = list(redact(line[lo:hi]).ljust(hi - lo, "*")[: hi - lo])
        snippet = "".join(masked)
        if len(snippet) > SNIPPET_WIDTH:
            centre = finding.span.col - 1
            begin = max(0, min(centre - SNIPPET_WIDTH // 3, len(snippet) - SNIPPET_WIDTH))
            snippet = ("…" if begin else "") + snippet[begin : begin + SNIPPET_WIDTH] + "…"
        finding.snippet = snippet


def scan(paths: list[Path], settings: Settings) -> ScanResult:
    """Scan files and directories; the whole pipeline."""
    from mcplint.detect import Detector

    paths = paths or [Path.cwd()]
    root = scan_root(paths)
    repo = Repo.find(root)
    candidates, skipped = discover(paths, root, repo, settings)
    skipped = Counter(skipped)
    configs: list[McpConfig] = []
    diagnostics: list[Diagnostic] = []
    for candidate in candidates:
        loaded = load(candidate)
        if loaded.diagnostic is not None:
            diagnostics.append(loaded.diagnostic)
        elif loaded.skip_reason is not None:
            skipped[loaded.skip_reason] += 1
        elif loaded.config is not None:
            configs.append(loaded.config)
    annotate_git(configs, {c.rel: c for c in candidates}, root, repo)
    detector = Detector.default(settings.extra_patterns, settings.allowlist_regexes)
    ctx = Context(detector=detector, settings=settings, root=root, repo=repo)
    rules = enabled_rules(settings)
    findings = run_rules(configs, rules, ctx)
    redact_snippets(findings, configs)
    for finding in findings:
        finding.severity = settings.severity.get(finding.rule_id, finding.severity)
    findings.sort(key=Finding.sort_key)
    return ScanResult(
        findings=findings,
        diagnostics=sorted(diagnostics, key=lambda d: (d.path, d.line, d.col)),
        rules=rules,
        root=os.fspath(root),
        files_scanned=len(configs),
        skipped=dict(sorted(skipped.items())),
        version=__version__,
    )
