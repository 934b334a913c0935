"""The pipeline: discover files → parse with positions → recognise the MCP format → run rules → findings.

Reporters take the :class:`~mcplint.findings.ScanResult` from here. Nothing in this module
detects anything itself; it wires the stages together, isolates failures per file (a broken file
gives one diagnostic and the scan goes on) and redacts every snippet before it leaves.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from mcplint import __version__, suppress
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


def scan_root(paths: list[Path]) -> tuple[Path, Repo | None]:
    """The root findings are reported relative to, and the repository around it.

    Inside a git repository that is the repository's top level, whatever subdirectory is
    scanned, so paths in SARIF, baselines and annotations match the files GitHub shows.
    Elsewhere it is the one directory given, or the current directory.
    """
    start = paths[0].resolve() if len(paths) == 1 and paths[0].is_dir() else Path.cwd()
    repo = Repo.find(start)
    return (repo.root if repo is not None else start), repo


def load(candidate: Candidate) -> Loaded:
    """Read, decode, parse and recognise one file; never raises."""
    from mcplint.parse import decode, parse
    from mcplint.recognise import recognise

    try:
        data = candidate.path.read_bytes()
    except OSError as error:
        return Loaded(diagnostic=Diagnostic(candidate.rel, f"could not read: {error.strerror or 'error'}"))
    if candidate.kind_hint is None and not candidate.explicit and not sniff_relevant(data, candidate.fmt):
        return Loaded(skip_reason="no MCP content")
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Loaded(skip_reason="binary")
    legacy_text: Diagnostic | None = None
    try:
        text = decode(data)
    except ParseError as error:
        if b"\0" in data:
            return Loaded(diagnostic=Diagnostic(candidate.rel, f"could not read: {error.message}"))
        # Not UTF-8 but no NUL either: an old editor's Latin-1/cp1252. Read it so a token in it is
        # still found; say so, since positions after a non-ASCII byte may differ from the editor's.
        text = data.decode("latin-1")
        legacy_text = Diagnostic(candidate.rel, "not UTF-8: read as Latin-1")
    try:
        document = parse(text, candidate.fmt or "jsonc")
    except ParseError as error:
        # A syntax error must not hide a leak: report it and scan what can be recovered.
        from mcplint.parse.recover import recover_pairs
        from mcplint.recognise import recognise_recovered

        diagnostic = Diagnostic(candidate.rel, f"could not parse: {error.message}", error.line, error.col)
        recovered = recognise_recovered(
            candidate.path, candidate.rel, recover_pairs(text, candidate.fmt or "jsonc"), candidate.kind_hint
        )
        return Loaded(config=recovered, diagnostic=diagnostic)
    config = recognise(candidate.path, candidate.rel, document, candidate.kind_hint)
    if config is None:
        return Loaded(skip_reason="no MCP content")
    return Loaded(config=config, diagnostic=legacy_text)


def annotate_git(configs: list[McpConfig], candidates: dict[str, Candidate], root: Path, repo: Repo | None) -> None:
    """Record whether git tracks each file and whether a .gitignore rule matches it."""
    if repo is not None:
        in_repo = {c.relpath: repo.relative(c.path) for c in configs}
        known = [rel for rel in in_repo.values() if rel is not None]
        repo.check_tracked(known)
        repo.check_ignored(known)
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


_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.~%-")
_TOKEN = re.compile(r"[A-Za-z0-9+/=_.~%-]{16,}")


def _entropy(text: str) -> float:
    return -sum(n / len(text) * math.log2(n / len(text)) for n in Counter(text).values())


def _looks_secret(token: str) -> bool:
    """Letters and digits mixed, or high-entropy mixed case: how random credentials look."""
    has_digit = any(c.isdigit() for c in token)
    has_lower, has_upper = any(c.islower() for c in token), any(c.isupper() for c in token)
    if has_digit and (has_lower or has_upper):
        return _entropy(token) >= 3.0
    return has_lower and has_upper and len(token) >= 20 and _entropy(token) >= 3.8


def mask_secret_looking(line: str, start: int = 0, end: int | None = None) -> str:
    """Mask every credential-looking token of ``line`` that overlaps ``[start, end)``; same length out.

    A snippet shows a whole source line; on a minified file that line holds every other value
    too, and a secret no pattern recognised (a UUID-shaped key under a neutral name) must not be
    printed next to a finding about its neighbour.
    """
    end = len(line) if end is None else end
    # Widen to whole tokens (bounded look-around: a longer token is judged on a long piece of it).
    lo, hi = max(start, 0), min(end, len(line))
    while lo > 0 and start - lo < 1024 and line[lo - 1] in _TOKEN_CHARS:
        lo -= 1
    while hi < len(line) and hi - end < 1024 and line[hi] in _TOKEN_CHARS:
        hi += 1

    def mask(match: re.Match[str]) -> str:
        token = match.group()
        return redact(token).ljust(len(token), "*")[: len(token)] if _looks_secret(token) else token

    return line[:lo] + _TOKEN.sub(mask, line[lo:hi]) + line[hi:]


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
            snippet = mask_secret_looking(snippet, begin, begin + SNIPPET_WIDTH)
            snippet = ("…" if begin else "") + snippet[begin : begin + SNIPPET_WIDTH] + "…"
        else:
            snippet = mask_secret_looking(snippet)
        finding.snippet = snippet


@dataclass(slots=True)
class Collected:
    """The pipeline's first half: every recognised config of a scan, with git state annotated."""

    root: Path
    repo: Repo | None
    configs: list[McpConfig]
    diagnostics: list[Diagnostic]
    skipped: Counter[str]


# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 200


def load_all(candidates: list[Candidate], jobs: int) -> list[Loaded]:
    """``load`` every candidate, in order; across ``jobs`` processes for large trees.

    The order of results is the order of candidates whatever ``jobs`` is, so the report is
    byte-identical for any number of jobs.
    """
    if jobs <= 1 or len(candidates) < PARALLEL_THRESHOLD:
        return [load(candidate) for candidate in candidates]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunk = max(8, len(candidates) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(load, candidates, chunksize=chunk))


def collect(paths: list[Path], settings: Settings, jobs: int = 1) -> Collected:
    """Discover, read, parse and recognise; annotate what git knows of each file."""
    paths = paths or [Path.cwd()]
    root, repo = scan_root(paths)
    candidates, skipped = discover(paths, root, repo, settings)
    skipped = Counter(skipped)
    configs: list[McpConfig] = []
    diagnostics: list[Diagnostic] = []
    for loaded in load_all(candidates, jobs):
        if loaded.diagnostic is not None:
            diagnostics.append(loaded.diagnostic)
        if loaded.skip_reason is not None:
            skipped[loaded.skip_reason] += 1
        if loaded.config is not None:
            configs.append(loaded.config)
    annotate_git(configs, {c.rel: c for c in candidates}, root, repo)
    return Collected(root, repo, configs, diagnostics, skipped)


def scan(paths: list[Path], settings: Settings, jobs: int = 1) -> ScanResult:
    """Scan files and directories; the whole pipeline."""
    found = collect(paths, settings, jobs)
    diagnostics = found.diagnostics
    findings, rules = check_configs(found.configs, diagnostics, settings, found.root, repo=found.repo)
    return ScanResult(
        findings=findings,
        diagnostics=sorted(diagnostics, key=lambda d: (d.path, d.line, d.col)),
        rules=rules,
        root=os.fspath(found.root),
        files_scanned=len(found.configs),
        skipped=dict(sorted(found.skipped.items())),
        version=__version__,
    )


def check_configs(
    configs: list[McpConfig],
    diagnostics: list[Diagnostic],
    settings: Settings,
    root: Path,
    *,
    repo: Repo | None = None,
    state: dict | None = None,
) -> tuple[list[Finding], list[RuleInfo]]:
    """The pipeline's second half: rules, redaction, suppressions, severity overrides.

    :func:`scan` runs it on the files it discovered; ``mcplint audit`` on configs it loaded
    itself, so both apply the same rules, redaction, suppressions and severity overrides as :func:`scan`; ``state``
    seeds ``Context.state`` (the audit passes file modes for MCP011). Appends to ``diagnostics``.
    """
    from mcplint.detect import Detector

    detector = Detector.default(settings.extra_patterns, settings.allowlist_regexes)
    ctx = Context(detector=detector, settings=settings, root=root, repo=repo, state=dict(state or {}))
    rules = enabled_rules(settings)
    findings = run_rules(configs, rules, ctx)
    redact_snippets(findings, configs)
    findings = suppress.apply(findings, configs, settings, diagnostics)
    for finding in findings:
        finding.severity = settings.severity.get(finding.rule_id, finding.severity)
    findings.sort(key=Finding.sort_key)
    return findings, rules
