"""Local audit: find every user-level MCP config on this machine and check it like ``scan`` does.

The table of locations searched is :mod:`mcplint.discover.locations`. The audit only reads; it
never writes or changes a file or its mode.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from mcplint import __version__
from mcplint.discover.locations import (
    AUDIT_MAX_FILE_SIZE,
    SCOPE_PROJECT,
    SCOPE_USER,
    Location,
    Roots,
    expand,
    locations,
    running_platform,
)
from mcplint.discover.tree import Candidate, discover, parse_format, relative_name
from mcplint.model import McpConfig
from mcplint.parse.document import Mapping as DocMapping
from mcplint.recognise.client_table import ClientKind
from mcplint.results.findings import Diagnostic, Finding, ScanResult
from mcplint.settings.values import Settings


@dataclass(slots=True)
class FoundFile:
    """A config file at a known location, ready to load."""

    location: Location
    path: Path
    rel: str
    mode: int | None  # st_mode of the file (of a link's target), POSIX hosts only


@dataclass(slots=True)
class AuditedConfig:
    """One recognised config and what the audit counted in it."""

    client: str
    app: str
    path: Path
    rel: str
    scope: str  # user | project
    servers: int
    secrets: int = 0  # distinct plaintext secrets (one value reported by several rules counts once)
    references: int = 0  # slots whose whole value is a reference (${VAR}, {env:VAR}, …)
    secret_digests: frozenset[str] = frozenset()  # sha256 of each secret, to count distinct ones per client


@dataclass(slots=True)
class ClientSummary:
    """One row of the per-client summary table."""

    client: str
    app: str
    configs: int = 0
    servers: int = 0
    secrets: int = 0
    references: int = 0


@dataclass(slots=True)
class AuditReport:
    """The audit's outcome: a ScanResult for the reporters plus the configs and locations."""

    result: ScanResult
    configs: list[AuditedConfig]
    locations: list[Location]
    platform: str
    home: Path
    projects: list[Path] = field(default_factory=list)

    def summary(self) -> list[ClientSummary]:
        """Per client app, in the order the configs were found."""
        rows: dict[tuple[str, str], ClientSummary] = {}
        digests: dict[tuple[str, str], set[str]] = {}
        for config in self.configs:
            key = (config.client, config.app)
            row = rows.setdefault(key, ClientSummary(config.client, config.app))
            row.configs += 1
            row.servers += config.servers
            row.references += config.references
            digests.setdefault(key, set()).update(config.secret_digests)
            row.secrets = len(digests[key])
        return list(rows.values())

    def display_path(self, config_or_path: AuditedConfig | Path) -> str:
        """``~/…`` for a path inside the home, else the absolute path."""
        path = config_or_path.path if isinstance(config_or_path, AuditedConfig) else config_or_path
        try:
            return "~/" + Path(os.path.abspath(path)).relative_to(self.home).as_posix()
        except ValueError:
            return Path(os.path.abspath(path)).as_posix()


def find_files(
    locs: list[Location], home: Path, max_size: int = AUDIT_MAX_FILE_SIZE
) -> tuple[list[FoundFile], list[Diagnostic]]:
    """Existing config files at the locations; a warning for anything there that is not one.

    Missing files are silent. A broken link, a directory, a special file or an oversized file
    gives a diagnostic. The same file reached twice (a link, an overlapping override) counts once.
    """
    files: list[FoundFile] = []
    diagnostics: list[Diagnostic] = []
    seen: set[tuple[int, int]] = set()
    for location in locs:
        for path in expand(location):
            rel = relative_name(path, home)
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            except OSError as error:
                diagnostics.append(Diagnostic(rel, f"could not read: {error.strerror or 'error'}"))
                continue
            if stat.S_ISLNK(info.st_mode):
                try:
                    info = os.stat(path)
                except OSError:
                    diagnostics.append(Diagnostic(rel, "could not read: broken symbolic link"))
                    continue
            if stat.S_ISDIR(info.st_mode):
                diagnostics.append(Diagnostic(rel, "could not read: a directory where a config file belongs"))
                continue
            if not stat.S_ISREG(info.st_mode):
                diagnostics.append(Diagnostic(rel, "could not read: not a regular file"))
                continue
            if info.st_size > max_size:
                diagnostics.append(Diagnostic(rel, f"could not read: larger than {max_size} bytes"))
                continue
            identity = (info.st_dev, info.st_ino)
            if identity in seen and info.st_ino:
                continue
            seen.add(identity)
            files.append(FoundFile(location, path, rel, info.st_mode if os.name == "posix" else None))
    return files, diagnostics


Progress = Callable[[str], None]


def _load_project_tree(
    top: Path, home: Path, settings: Settings, skipped: dict[str, int], progress: Progress | None
) -> tuple[list[McpConfig], list[Diagnostic]]:
    """Project-level configs under ``top``, discovered, loaded and git-annotated as ``scan`` does.

    Paths are then renamed relative to the home (absolute outside it), like the user configs.
    """
    from mcplint.discover.git import Repo
    from mcplint.pipeline import annotate_git, load

    root = Path(os.path.abspath(top))
    repo = Repo.find(root)
    if progress:
        progress(f"searching {root} …")
    candidates, passed = discover([root], root, repo, settings)
    for reason, count in passed.items():
        skipped[reason] = skipped.get(reason, 0) + count
    configs: list[McpConfig] = []
    diagnostics: list[Diagnostic] = []
    for index, candidate in enumerate(candidates, 1):
        if progress:
            progress(f"{root}: {index}/{len(candidates)} files")
        loaded = load(candidate)  # a parse error may come with what could be recovered
        if loaded.diagnostic is not None:
            diagnostics.append(replace(loaded.diagnostic, path=relative_name(candidate.path, home)))
        if loaded.skip_reason is not None:
            skipped[loaded.skip_reason] = skipped.get(loaded.skip_reason, 0) + 1
        if loaded.config is not None:
            configs.append(loaded.config)
    annotate_git(configs, {c.rel: c for c in candidates}, root, repo)
    for config in configs:
        config.relpath = relative_name(config.path, home)
    return configs, diagnostics


def count_references(config: McpConfig) -> int:
    """Slots whose value is only a reference (``${VAR}``, ``${env:VAR}``, ``{env:VAR}``, …)."""
    from mcplint.detect.filters import is_reference

    return sum(1 for slot in config.slots if isinstance(slot.value.value, str) and is_reference(slot.value.value))


def audit(
    settings: Settings | None = None,
    *,
    platform: str | None = None,
    home: Path | None = None,
    env: Mapping[str, str] | None = None,
    projects: Iterable[Path] = (),
    progress: Progress | None = None,
) -> AuditReport:
    """Find and check every user-level config of ``platform`` (default: the running OS) under ``home``.

    ``projects`` adds the project-level configs of those trees. Rules, redaction and suppressions
    are exactly ``scan``'s (:func:`mcplint.pipeline.check_configs`); findings are relative to the home.
    """
    from mcplint.pipeline import check_configs, load

    settings = settings or Settings()
    if not settings.select:  # file modes matter on a laptop; an explicit --select is taken as given
        settings.extend_select = [*settings.extend_select, "MCP011"]
    roots = Roots(platform or running_platform(), home, env)
    locs = locations(roots)
    files, diagnostics = find_files(locs, roots.home)
    configs: list[McpConfig] = []
    origin: dict[int, tuple[str, str, str]] = {}  # id(config) -> (client, app, scope)
    modes: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for found in files:
        candidate = Candidate(found.path, found.rel, found.location.client, _format(found), explicit=True)
        loaded = load(candidate)  # a parse error may come with what could be recovered
        if loaded.diagnostic is not None:
            diagnostics.append(loaded.diagnostic)
        if loaded.skip_reason is not None:
            skipped[loaded.skip_reason] = skipped.get(loaded.skip_reason, 0) + 1
        if loaded.config is not None:
            configs.append(loaded.config)
            origin[id(loaded.config)] = (found.location.client, found.location.spec.app, SCOPE_USER)
            if found.mode is not None:
                modes[os.fspath(found.path)] = found.mode
    project_roots = [Path(os.path.abspath(p)) for p in projects]
    known = {os.path.realpath(c.path) for c in configs}
    for top in project_roots:
        tree_configs, tree_diagnostics = _load_project_tree(top, roots.home, settings, skipped, progress)
        for config in tree_configs:
            real = os.path.realpath(config.path)
            if real in known:
                continue  # already read: a user config inside the tree, or overlapping trees
            known.add(real)
            configs.append(config)
            origin[id(config)] = (config.kind, config.client.name, SCOPE_PROJECT)
        diagnostics.extend(tree_diagnostics)
    findings, rules = check_configs(configs, diagnostics, settings, roots.home, file_modes=modes)
    by_rel = {config.relpath: config for config in configs}
    findings = [_name_project(finding, by_rel.get(finding.path)) for finding in findings]
    digests_by_path: dict[str, set[str]] = {}
    for finding in findings:
        owner = by_rel.get(finding.path)
        if finding.masks_span and owner is not None:
            value = owner.document.text[finding.span.start : finding.span.end]
            digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()
            digests_by_path.setdefault(finding.path, set()).add(digest)
    audited = [
        AuditedConfig(
            client=origin[id(config)][0],
            app=origin[id(config)][1],
            path=config.path,
            rel=config.relpath,
            scope=origin[id(config)][2],
            servers=len(config.servers),
            secrets=len(digests_by_path.get(config.relpath, ())),
            references=count_references(config),
            secret_digests=frozenset(digests_by_path.get(config.relpath, ())),
        )
        for config in configs
    ]
    result = ScanResult(
        findings=findings,
        diagnostics=sorted(diagnostics, key=lambda d: (d.path, d.line, d.col)),
        rules=rules,
        root=os.fspath(roots.home),
        files_scanned=len(configs),
        skipped=dict(sorted(skipped.items())),
        version=__version__,
    )
    return AuditReport(result, audited, locs, roots.platform, roots.home, project_roots)


def _name_project(finding: Finding, config: McpConfig | None) -> Finding:
    """A finding inside a ``~/.claude.json`` ``projects.<path>`` entry says which project it is in."""
    if config is None or config.kind != ClientKind.CLAUDE_CODE:
        return finding
    root = config.document.root
    projects = root.get("projects") if isinstance(root, DocMapping) else None
    if not isinstance(projects, DocMapping):
        return finding
    for key, project in projects.items():
        if project.span.start <= finding.span.start < project.span.end:
            return replace(finding, message=f'{finding.message} (in project "{key.text}")')
    return finding


def _format(found: FoundFile) -> str:
    """Parser for a found file: from its name, JSON with comments when the name says nothing."""
    return parse_format(found.path.name, found.location.client) or "jsonc"
