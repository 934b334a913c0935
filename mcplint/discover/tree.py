"""Stage 1: decide which files to scan.

Inside a git repository the candidates are what git tracks plus untracked files it does not
ignore (and ignored ``.env`` files, which the environment rules still read); elsewhere a
directory walk. A file is scanned when its name says it is an MCP config, manifest, deployment
or ``.env`` file, or when it is a JSON/YAML/TOML file whose content mentions a server map.
Every file passed over is counted by reason, for ``--verbose``.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from mcplint.discover.git import Repo
from mcplint.results.findings import Diagnostic
from mcplint.settings.values import Settings

DATA_SUFFIXES = {
    ".json": "jsonc", ".jsonc": "jsonc", ".json5": "jsonc", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml",
}
_DATA_ENDINGS = tuple(DATA_SUFFIXES)
SKIP_DIRS = {
    ".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".hg", ".svn", "site-packages", "bower_components", ".terraform",
}
# Cheap content sniff, per format: only files mentioning one of these get parsed when their name
# says nothing. (YAML `servers:` is OpenAPI's, not MCP's: VS Code's `servers` lives in JSON.)
_SNIFF_COMMON = rb"mcpServers|mcp_servers|context_servers"
SNIFF = {
    "jsonc": re.compile(_SNIFF_COMMON + rb"|\"servers\"\s*:|\"mcp\"\s*:|manifest_version|dxt_version"),
    "yaml": re.compile(
        _SNIFF_COMMON + rb"|^mcp:|^apiVersion:|^services:|^extensions:|startCommand|^\s*env:", re.MULTILINE
    ),
    "toml": re.compile(_SNIFF_COMMON),
}
# Well-known files that never hold MCP configuration, passed over by name before any read.
NOT_MCP_FILES = {"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "composer.json", "tsconfig.json"}
SNIFF_BYTES = 1 << 20
_TOO_LARGE = "over the size limit"
_CONFIGURED_SKIPS = {"excluded by configuration", "not included by configuration"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to read: where it is, how reports name it, and what its name suggests."""

    path: Path
    rel: str
    kind_hint: str | None
    fmt: str | None  # parser format from the name, None to decide from content
    explicit: bool = False
    ignored: bool = False  # git ignores it (only ever true for env files)


def parse_format(name: str, kind: str | None) -> str | None:
    """The parser for a file name and kind: jsonc, yaml, toml or dotenv."""
    if kind == "dotenv":
        return "dotenv"
    if kind == "copilot-agent":
        return "markdown"
    suffix = os.path.splitext(name)[1].lower()
    return DATA_SUFFIXES.get(suffix)


def relative_name(path: Path, root: Path) -> str:
    """POSIX path relative to the scan root; absolute when outside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.resolve().as_posix()


class Discovery:
    """Collects candidates and skip counts for one scan."""

    def __init__(self, root: Path, repo: Repo | None, settings: Settings) -> None:
        from mcplint.recognise.recogniser import kind_from_path

        self.root = root
        self.repo = repo
        self.settings = settings
        self.kind_from_path = kind_from_path
        self.skipped: Counter[str] = Counter()
        self.candidates: dict[str, Candidate] = {}
        # Files named on the command line but passed over: each gets a warning in the report.
        self.not_scanned: list[Diagnostic] = []

    def sorted_candidates(self) -> list[Candidate]:
        return [self.candidates[rel] for rel in sorted(self.candidates)]

    def warn_not_scanned(self, path: Path, reason: str) -> None:
        rel = relative_name(path, self.root)
        self.not_scanned.append(Diagnostic(rel, f"not scanned: {reason}"))

    def add_explicit(self, path: Path) -> None:
        """A file named on the command line (as pre-commit passes them): scanned as given."""
        rel = relative_name(path, self.root)
        reason = self._skip_reason(path, rel)
        if reason is not None:
            self.skipped[reason] += 1
            if reason not in _CONFIGURED_SKIPS:  # the user asked for those: no warning on every commit
                detail = f" ({self.settings.max_file_size} bytes)" if reason == _TOO_LARGE else ""
                self.warn_not_scanned(path, reason + detail)
            return
        kind = self.kind_from_path(rel)
        fmt = parse_format(path.name, kind)
        if fmt is None:
            self.skipped["not a config file"] += 1
            self.warn_not_scanned(path, "not a file type mcplint reads")
            return
        self.candidates[rel] = Candidate(path, rel, kind, fmt, explicit=True)

    def add_directory(self, path: Path) -> None:
        """A directory named on the command line; one named like a config file is a likely mistake."""
        if parse_format(path.name, self.kind_from_path(path.name)) is not None:
            self.warn_not_scanned(path, "a directory named like a config file (the files under it are scanned)")
        self.add_tree(path)

    def add_tree(self, top: Path) -> None:
        """Every relevant file under a directory."""
        if self.repo is not None and self.repo.relative(top) is not None:
            self._add_git_tree(top)
        else:
            self._add_walk(top)

    def _add_git_tree(self, top: Path) -> None:
        assert self.repo is not None
        prefix = self.repo.relative(top) or ""
        prefix = "" if prefix in ("", ".") else prefix.rstrip("/") + "/"
        # Paths relative to the scan root by string slicing when the root is inside the repo.
        root_in_repo = self.repo.relative(self.root)
        root_prefix = None if root_in_repo is None else ("" if root_in_repo in ("", ".") else root_in_repo + "/")
        self.repo.prefetch_listings()  # the two working-tree walks run side by side
        listed = sorted(self.repo.tracked | self.repo.untracked)
        for rel_in_repo in listed:
            if prefix and not rel_in_repo.startswith(prefix):
                continue
            if not _may_be_config(rel_in_repo.rpartition("/")[2].lower()):
                self.skipped["not a config file"] += 1
                continue
            if any(part in SKIP_DIRS for part in rel_in_repo.split("/")[:-1]):
                self.skipped["excluded directory"] += 1
                continue
            rel = None
            if root_prefix is not None and rel_in_repo.startswith(root_prefix):
                rel = rel_in_repo[len(root_prefix) :]
            self._consider(self.repo.root / rel_in_repo, rel)
        # Ignored env files still matter to the environment rules (prefix, reuse).
        for rel_in_repo in self.repo.ignored_files():
            if rel_in_repo.endswith("/") or (prefix and not rel_in_repo.startswith(prefix)):
                continue
            path = self.repo.root / rel_in_repo
            rel = relative_name(path, self.root)
            if self.kind_from_path(rel) == "dotenv" and self._usable(path, rel):
                self.candidates[rel] = Candidate(path, rel, "dotenv", "dotenv", ignored=True)

    def _add_walk(self, top: Path) -> None:
        stack = [top]
        visited: set[tuple[int, int]] = set()  # (device, inode): with --follow-symlinks, links can loop
        while stack:
            directory = stack.pop()
            try:
                info = os.stat(directory)
                if (info.st_dev, info.st_ino) in visited:
                    self.skipped["directory already visited (link loop)"] += 1
                    continue
                visited.add((info.st_dev, info.st_ino))
                entries = sorted(os.scandir(directory), key=lambda e: e.name)
            except OSError:
                self.skipped["unreadable directory"] += 1
                continue
            for entry in entries:
                try:
                    is_dir = entry.is_dir(follow_symlinks=self.settings.follow_symlinks)
                except OSError:
                    is_dir = False
                if is_dir:
                    if entry.name in SKIP_DIRS or os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
                        self.skipped["excluded directory"] += 1
                        continue
                    stack.append(Path(entry.path))
                else:
                    self._consider(Path(entry.path))

    def _consider(self, path: Path, rel: str | None = None) -> None:
        if not _may_be_config(path.name.lower()):
            self.skipped["not a config file"] += 1
            return
        rel = rel if rel is not None else relative_name(path, self.root)
        kind = self.kind_from_path(rel)
        fmt = parse_format(path.name, kind)
        if fmt is None:
            self.skipped["not a config file"] += 1
            return
        if not self._usable(path, rel):
            return
        self.candidates[rel] = Candidate(path, rel, kind, fmt)

    def _usable(self, path: Path, rel: str) -> bool:
        """A regular file, within the size limit, not excluded by configuration."""
        reason = self._skip_reason(path, rel)
        if reason is not None:
            self.skipped[reason] += 1
        return reason is None

    def _skip_reason(self, path: Path, rel: str) -> str | None:
        """Why ``path`` is not read, or None for a regular file within the limit, not excluded."""
        if self.settings.exclude and _matches_any(rel, self.settings.exclude):
            return "excluded by configuration"
        if self.settings.include and not _matches_any(rel, self.settings.include):
            return "not included by configuration"
        try:
            info = os.stat(path, follow_symlinks=False)
            if stat.S_ISLNK(info.st_mode):
                # A link is followed only to a target inside the scan root (or with --follow-symlinks).
                target = path.resolve(strict=True)
                if not self.settings.follow_symlinks and not target.is_relative_to(self.root.resolve()):
                    return "symbolic link outside the root"
                info = os.stat(target)
        except (OSError, RuntimeError):
            return "unreadable or broken link"
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > self.settings.max_file_size:
            return _TOO_LARGE
        return None


def _may_be_config(lower_name: str) -> bool:
    """A first look at a lower-cased file name, before any path object or read."""
    return lower_name not in NOT_MCP_FILES and (
        lower_name.endswith(_DATA_ENDINGS) or "env" in lower_name or lower_name.endswith(".agent.md")
    )


def name_filter(rel: str, settings: Settings) -> tuple[str | None, str] | str:
    """The checks a tree scan makes on a repository path before reading the file, for sources
    without a working tree (git history): ``(kind, parser format)`` for a path it would read,
    else the reason it would count the path as skipped."""
    from mcplint.recognise.recogniser import kind_from_path

    head, _, name = rel.rpartition("/")
    if not _may_be_config(name.lower()):
        return "not a config file"
    if head and any(part in SKIP_DIRS for part in head.split("/")):
        return "excluded directory"
    kind = kind_from_path(rel)
    fmt = parse_format(name, kind)
    if fmt is None:
        return "not a config file"
    if settings.exclude and _matches_any(rel, settings.exclude):
        return "excluded by configuration"
    if settings.include and not _matches_any(rel, settings.include):
        return "not included by configuration"
    return kind, fmt


def sniff_relevant(data: bytes, fmt: str | None = None) -> bool:
    """Whether a data file that its name does not identify may hold MCP servers or deployments."""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    patterns = [SNIFF[fmt]] if fmt in SNIFF else list(SNIFF.values())
    return any(pattern.search(head) is not None for pattern in patterns)


def _matches_any(rel: str, globs: list[str]) -> bool:
    return _compiled_globs(tuple(globs)).match_file(rel)


@functools.lru_cache(maxsize=8)
def _compiled_globs(globs: tuple[str, ...]):  # noqa: ANN202 - pathspec is imported lazily
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(globs)


def discover_files(paths: list[Path], root: Path, repo: Repo | None, settings: Settings) -> Discovery:
    """Every candidate under ``paths``, the count of files passed over and the named files skipped."""
    found = Discovery(root, repo, settings)
    for path in paths:
        if path.is_dir():
            found.add_directory(path)
        elif path.exists() or path.is_symlink():
            found.add_explicit(path)
        else:
            found.skipped["missing"] += 1
            found.warn_not_scanned(path, "no such file")
    return found


def discover(
    paths: list[Path], root: Path, repo: Repo | None, settings: Settings
) -> tuple[list[Candidate], Counter[str]]:
    """Candidates (sorted by relative path) and the count of files passed over, by reason."""
    found = discover_files(paths, root, repo, settings)
    return found.sorted_candidates(), found.skipped
