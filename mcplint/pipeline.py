"""The pipeline: discover files → parse with positions → recognise the MCP format → run rules → findings.

Reporters take the :class:`~mcplint.results.findings.ScanResult` from here. Nothing in this module
detects anything itself; it wires the stages together, isolates failures per file (a broken file
gives one diagnostic and the scan goes on) and redacts every snippet before it leaves.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mcplint import __version__
from mcplint.discover.git import Repo, ignored_without_git
from mcplint.discover.tree import Candidate, discover, sniff_relevant
from mcplint.model import McpConfig
from mcplint.parse.document import ParseError
from mcplint.results import suppress
from mcplint.results.findings import Diagnostic, Finding, ScanResult
from mcplint.results.redaction import redact_snippets
from mcplint.rules.base import Context, RuleInfo
from mcplint.settings.values import Settings

if TYPE_CHECKING:
    from mcplint.detect import Detector


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
    try:
        data = candidate.path.read_bytes()
    except OSError as error:
        return Loaded(diagnostic=Diagnostic(candidate.rel, f"could not read: {error.strerror or 'error'}"))
    return load_bytes(candidate, data)


def load_bytes(candidate: Candidate, data: bytes) -> Loaded:
    """Decode, parse and recognise one file's content, wherever it came from; never raises.

    The working tree (:func:`load`), a git blob (history scans) and a write an agent is about to
    make all enter the pipeline here.
    """
    from mcplint.parse import decode, parse
    from mcplint.recognise.recogniser import recognise

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
        from mcplint.recognise.recogniser import recognise_recovered

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
    detector: Detector | None = None,
) -> tuple[list[Finding], list[RuleInfo]]:
    """The pipeline's second half: rules, redaction, suppressions, severity overrides.

    :func:`scan` runs it on the files it discovered; ``mcplint audit`` on configs it loaded
    itself, so both apply the same rules, redaction, suppressions and severity overrides as :func:`scan`; ``state``
    seeds ``Context.state`` (the audit passes file modes for MCP011); a caller checking many file
    versions one at a time (history scans) passes its ``detector``, built once. Appends to ``diagnostics``.
    """
    if detector is None:
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
