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
from mcplint.discover.tree import Candidate, discover_files, sniff_relevant
from mcplint.model import McpConfig
from mcplint.parse.document import ParseError
from mcplint.recognise.client_table import ClientKind
from mcplint.results import suppress
from mcplint.results.findings import Diagnostic, Finding, ScanResult
from mcplint.results.redaction import redact_snippets
from mcplint.rules.base import Context, Rule
from mcplint.settings.values import Settings

if TYPE_CHECKING:
    from mcplint.detect import Detector


@dataclass(slots=True)
class Loaded:
    """The outcome of reading one candidate."""

    config: McpConfig | None = None
    diagnostic: Diagnostic | None = None
    skip_reason: str | None = None
    unreadable: bool = False  # could not be read or decoded: the scan is incomplete


def scan_root(paths: list[Path]) -> tuple[Path, Repo | None]:
    """The root findings are reported relative to, and the repository around it.

    It follows the paths given, never the current directory: the top level of the git repository
    holding them all (whatever subdirectory or file is named), so paths in SARIF, baselines and
    annotations match the files GitHub shows; outside git (or across repositories) the deepest
    directory holding them all (a directory given, or a file's own directory), taken out of a
    client's own directory such as ``.cursor/``.
    """
    paths = paths or [Path.cwd()]
    # Devices, FIFOs and missing paths are only warned about: they do not move the root.
    scanned = [path for path in paths if path.is_dir() or path.is_file()] or paths
    anchors = [_anchor(path) for path in scanned]
    repo = Repo.find(anchors[0])
    if repo is not None and all(repo.relative(anchor) is not None for anchor in anchors[1:]):
        return repo.root, repo
    common = Path(os.path.commonpath([os.fspath(anchor) for anchor in anchors]))
    if len(anchors) > 1:
        repo = Repo.find(common)
        if repo is not None:
            return repo.root, repo
    return _out_of_client_directory(common), None


def _out_of_client_directory(directory: Path) -> Path:
    """``directory``, or the one holding the client directory it lies in (``.cursor``,
    ``.continue/mcpServers``, ``.config/Claude``): recognisers read the client from the relative
    path, so ``.cursor/mcp.json`` must keep its ``.cursor/``."""
    parts = directory.parts
    for depth in (2, 1):
        if len(parts) > depth and parts[-depth].startswith("."):
            return Path(*parts[:-depth])
    return directory


def _anchor(path: Path) -> Path:
    """The directory a path stands for: itself when a directory, else the one holding it."""
    absolute = Path(os.path.abspath(path))
    return absolute.resolve() if absolute.is_dir() else absolute.parent.resolve()


def load(candidate: Candidate) -> Loaded:
    """Read, decode, parse and recognise one file; never raises."""
    try:
        data = candidate.path.read_bytes()
    except OSError as error:
        message = f"could not read: {error.strerror or 'error'}"
        return Loaded(diagnostic=Diagnostic(candidate.rel, message, level="error"), unreadable=True)
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
            diagnostic = Diagnostic(candidate.rel, f"could not read: {error.message}", level="error")
            return Loaded(diagnostic=diagnostic, unreadable=True)
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
        # Whether an ignore rule also matches a file git tracks matters for .env files only
        # (MCP003/MCP004); not asking about tracked configs saves the hook path a git process.
        asks = {
            c.relpath for c in configs if c.kind == ClientKind.DOTENV or not repo.is_tracked(in_repo[c.relpath] or "")
        }
        repo.check_ignored([rel for path, rel in in_repo.items() if rel is not None and path in asks])
        for config in configs:
            rel = in_repo[config.relpath]
            if rel is None:
                continue
            config.git_tracked = repo.is_tracked(rel)
            if config.relpath in asks:
                config.git_ignored = repo.is_ignored(rel)
    else:
        for config in configs:
            if config.kind == ClientKind.DOTENV:
                config.git_ignored = ignored_without_git(root, config.relpath)


def enabled_rules(settings: Settings) -> list[Rule]:
    """The rules this run executes."""
    from mcplint.rules import all_rules

    return [rule for rule in all_rules() if settings.rule_enabled(rule.code)]


def run_rules(configs: list[McpConfig], rules: list[Rule], ctx: Context) -> list[Finding]:
    """Per-file rules on each config, then project rules on all of them, then deferrals."""
    findings: list[Finding] = []
    for config in configs:
        for rule in rules:
            if rule.check is not None:
                findings.extend(rule.check(config, ctx))
    for rule in rules:
        if rule.check_project is not None:
            findings.extend(rule.check_project(configs, ctx))
    return drop_deferred(findings, rules)


def drop_deferred(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """Drop each finding whose rule defers to another rule that reported an overlapping span.

    Runs before suppressions, so a value's finding is dropped whether or not the finding it
    defers to is later suppressed: one value, one rule.
    """
    defers = {rule.code: set(rule.defers_to) for rule in rules if rule.defers_to}
    if not defers:
        return findings
    wanted = set().union(*defers.values())
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.rule_id in wanted:
            spans.setdefault((finding.path, finding.rule_id), []).append((finding.span.start, finding.span.end))

    def deferred(finding: Finding) -> bool:
        start, end = finding.span.start, finding.span.end
        return any(
            other_start < end and start < other_end
            for code in defers.get(finding.rule_id, ())
            for other_start, other_end in spans.get((finding.path, code), ())
        )

    return [finding for finding in findings if not deferred(finding)]


@dataclass(slots=True)
class Collected:
    """The pipeline's first half: every recognised config of a scan, with git state annotated."""

    root: Path
    repo: Repo | None
    configs: list[McpConfig]
    diagnostics: list[Diagnostic]
    skipped: Counter[str]
    not_scanned: int = 0
    unreadable: int = 0


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
    found = discover_files(paths, root, repo, settings)
    candidates, skipped = found.sorted_candidates(), Counter(found.skipped)
    configs: list[McpConfig] = []
    diagnostics: list[Diagnostic] = list(found.not_scanned)
    unreadable = 0
    for loaded in load_all(candidates, jobs):
        unreadable += loaded.unreadable
        if loaded.diagnostic is not None:
            diagnostics.append(loaded.diagnostic)
        if loaded.skip_reason is not None:
            skipped[loaded.skip_reason] += 1
        if loaded.config is not None:
            configs.append(loaded.config)
    annotate_git(configs, {c.rel: c for c in candidates}, root, repo)
    return Collected(root, repo, configs, diagnostics, skipped, len(found.not_scanned), unreadable)


def scan(paths: list[Path], settings: Settings, jobs: int = 1, *, explain: bool = False) -> ScanResult:
    """Scan files and directories; the whole pipeline.

    ``explain`` (``--verbose``) also lists, per file, the candidate values judged placeholders or
    references, redacted.
    """
    found = collect(paths, settings, jobs)
    diagnostics = found.diagnostics
    findings, rules = check_configs(found.configs, diagnostics, settings, found.root, repo=found.repo)
    not_reported: dict[str, list[str]] = {}
    if explain:
        from mcplint.detect import Detector
        from mcplint.detect.explain import explain_configs

        detector = Detector.default(settings.extra_patterns, settings.allowlist_regexes)
        not_reported = explain_configs(found.configs, detector)
    return ScanResult(
        not_reported=not_reported,
        findings=findings,
        diagnostics=sorted(diagnostics, key=lambda d: (d.path, d.line, d.col)),
        rules=rules,
        root=os.fspath(found.root),
        files_scanned=len(found.configs),
        skipped=dict(sorted(found.skipped.items())),
        version=__version__,
        not_scanned=found.not_scanned,
        unreadable=found.unreadable,
    )


def check_configs(
    configs: list[McpConfig],
    diagnostics: list[Diagnostic],
    settings: Settings,
    root: Path,
    *,
    repo: Repo | None = None,
    file_modes: dict[str, int] | None = None,
    unsuppressed: list[Finding] | None = None,
    detector: Detector | None = None,
) -> tuple[list[Finding], list[Rule]]:
    """The pipeline's second half: rules, redaction, suppressions, severity overrides.

    :func:`scan` runs it on the files it discovered; ``mcplint audit`` on configs it loaded
    itself, so both apply the same rules, redaction, suppressions and severity overrides; the audit
    passes the ``file_modes`` it recorded (MCP011). Appends to ``diagnostics``; ``unsuppressed``
    receives every finding before suppressions (``fix`` masks those values too). A caller checking
    many file versions one at a time (history scans) passes its ``detector``, built once.
    """
    if detector is None:
        from mcplint.detect import Detector

        detector = Detector.default(settings.extra_patterns, settings.allowlist_regexes)
    ctx = Context(detector=detector, settings=settings, root=root, repo=repo, file_modes=dict(file_modes or {}))
    rules = enabled_rules(settings)
    findings = run_rules(configs, rules, ctx)
    redact_snippets(findings, configs, detector)
    if unsuppressed is not None:
        unsuppressed.extend(findings)
    findings = suppress.apply(findings, configs, settings, diagnostics)
    for finding in findings:
        finding.severity = settings.severity.get(finding.rule_id, finding.severity)
    findings.sort(key=Finding.sort_key)
    return findings, rules
