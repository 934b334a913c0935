"""What git knows about a tree: which files it tracks and which it would ignore.

We ask git itself (``git ls-files``, ``git check-ignore``) rather than re-implementing gitignore:
only git knows nested ignores, ``.git/info/exclude``, the global excludes file and negations
exactly as it applies them. Outside a repository, :mod:`pathspec` stands in (see
:func:`ignored_without_git`).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes | None:
    """Run git; None when git is missing or fails (never raises)."""
    env = dict(os.environ)
    env.setdefault("GIT_OPTIONAL_LOCKS", "0")
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
    except OSError:
        return None
    if done.returncode not in (0, 1):
        return None
    return done.stdout


class _Listing:
    """A git command started now and read when its output is wanted (by a thread, so it never blocks
    on a full pipe and is reaped even when nobody asks)."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        import threading

        self._out: bytes | None = None
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
            )
        except OSError:
            self._process = None
            return
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._process is not None
        out, _ = self._process.communicate()
        self._out = out if self._process.returncode == 0 else None

    def result(self) -> bytes | None:
        """The command's output, None if it failed."""
        if self._process is None:
            return None
        self._reader.join()
        return self._out


_UNTRACKED_LISTING = ["ls-files", "-z", "--others", "--exclude-standard"]
_IGNORED_LISTING = ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"]


def _split_z(data: bytes | None) -> list[str]:
    if not data:
        return []
    return [os.fsdecode(item) for item in data.split(b"\0") if item]


@dataclass(slots=True)
class Repo:
    """A git work tree. Listings are asked for only when needed: the hook path, which names a few
    files, asks git about those files alone instead of walking the whole tree."""

    root: Path
    _tracked: set[str] | None = None
    _untracked: set[str] | None = None  # untracked and not ignored
    _ignored_listing: list[str] | None = None
    _tracked_listing: str = ""  # the NUL-separated listing behind ``tracked``, for substring searches
    _pending_listing: _Listing | None = None  # started by :meth:`find`
    _ignored_cache: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def find(cls, start: Path) -> Repo | None:
        """The repository containing ``start``, or None.

        The index listing every run needs (see :attr:`tracked`) starts at the same time as the
        question for the top level, so the hook path waits for one git process instead of two in
        turn (``:/`` and ``--full-name`` make it list the whole index relative to the top level).
        """
        where = start if start.is_dir() else start.parent
        listing = _Listing(["ls-files", "-z", "--cached", "--full-name", "--", ":/"], where)
        out = _git(["rev-parse", "--show-toplevel"], where)
        if not out:
            listing.result()  # reaped, never used
            return None
        return cls(root=Path(os.fsdecode(out.strip())), _pending_listing=listing)

    @property
    def tracked(self) -> set[str]:
        """Every file git tracks (POSIX paths from the root), from one ``git ls-files`` per run."""
        if self._tracked is None:
            pending, self._pending_listing = self._pending_listing, None
            listing = pending.result() if pending is not None else None
            if listing is None:
                listing = _git(["ls-files", "-z", "--cached"], self.root)
            self._tracked_listing = os.fsdecode(listing or b"")
            self._tracked = set(self._tracked_listing.split("\0"))
            self._tracked.discard("")
        return self._tracked

    @property
    def untracked(self) -> set[str]:
        """Every untracked file git does not ignore."""
        if self._untracked is None:
            self._untracked = set(_split_z(_git(_UNTRACKED_LISTING, self.root)))
        return self._untracked

    def relative(self, path: Path) -> str | None:
        """POSIX path of ``path`` relative to the repository root, or None when outside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def tracked_matching(self, globs: list[str]) -> list[str]:
        """Tracked files matching any of ``globs`` (case-insensitive; ``*`` and ``**/`` also match ``/``).

        From the one index listing of the run (see :meth:`check_tracked`): a filtered
        ``git ls-files`` with ``:(icase,glob)`` pathspecs would cost a second git process, and is
        slower than the whole listing (git's case-insensitive wildmatch runs on every index entry).
        """
        import fnmatch

        tracked = self.tracked
        patterns = [glob.lower().replace("**/", "*") for glob in globs]
        listing = self._tracked_listing
        lowered = listing.lower()
        if len(lowered) != len(listing):  # a few characters lower-case to two: no offsets to share
            return sorted(rel for rel in tracked if any(fnmatch.fnmatch(rel.lower(), p) for p in patterns))
        found: set[str] = set()
        for pattern in patterns:
            literal = _longest_literal(pattern)
            if not literal:
                found.update(rel for rel in tracked if fnmatch.fnmatch(rel.lower(), pattern))
                continue
            # Only entries containing the pattern's longest literal can match: find those with
            # str.find over the whole listing (C speed) instead of matching every entry.
            contains = pattern.strip("*") == literal  # "*docs/**": every entry holding the literal matches
            index = lowered.find(literal)
            while index >= 0:
                start = lowered.rfind("\0", 0, index) + 1
                end = lowered.find("\0", index)
                end = len(lowered) if end < 0 else end
                if contains or fnmatch.fnmatch(lowered[start:end], pattern):
                    found.add(listing[start:end])
                index = lowered.find(literal, end)
        return sorted(found)

    def check_tracked(self, rels: list[str]) -> None:
        """Know whether these paths are tracked: from the run's one index listing.

        Listing the whole index costs git no more than answering for a few paths (it reads the
        whole index either way), and the same listing then answers every later question of the
        run (MCP012's documentation files, the tree walk) without another git process.
        """
        if rels:
            self.tracked  # noqa: B018 - loads the listing

    def is_tracked(self, rel: str) -> bool:
        return rel in self.tracked

    def ignored_files(self) -> list[str]:
        """Untracked files git ignores, ignored directories collapsed (``node_modules/``)."""
        if self._ignored_listing is None:
            out = _git(_IGNORED_LISTING, self.root)
            self._ignored_listing = _split_z(out)
        return self._ignored_listing

    def prefetch_listings(self) -> None:
        """List untracked and ignored files with two git processes at once: each walks the
        working tree, the slow part of a tree scan, and they need not wait for each other."""
        if self._untracked is not None or self._ignored_listing is not None:
            return
        # The index listing started by ``find`` ends first: three git processes at once would
        # raise the scan's peak memory (the listing of an 80k-file index alone is ~20 MB).
        self.tracked  # noqa: B018
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        try:
            walks = [
                subprocess.Popen(
                    ["git", *args], cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
                )
                for args in (_UNTRACKED_LISTING, _IGNORED_LISTING)
            ]
        except OSError:
            return
        outputs = [walk.communicate()[0] for walk in walks]
        untracked, ignored = (
            out if walk.returncode == 0 else None for walk, out in zip(walks, outputs, strict=True)
        )
        if untracked is not None:
            self._untracked = set(_split_z(untracked))
        if ignored is not None:
            self._ignored_listing = _split_z(ignored)

    def is_ignored(self, rel: str) -> bool:
        """Whether a .gitignore rule matches ``rel`` (also for a tracked file: ``--no-index``)."""
        if rel not in self._ignored_cache:
            self.check_ignored([rel])
        return self._ignored_cache[rel]

    def check_ignored(self, rels: list[str]) -> None:
        """Ask git once about many paths and cache the answers."""
        todo = [r for r in rels if r not in self._ignored_cache]
        if not todo:
            return
        out = _git(
            ["check-ignore", "--no-index", "-z", "--stdin"],
            self.root,
            stdin=b"\0".join(os.fsencode(r) for r in todo) + b"\0",
        )
        matched = set(_split_z(out))
        for rel in todo:
            self._ignored_cache[rel] = rel in matched


def _longest_literal(pattern: str) -> str:
    """The longest run of ``pattern`` (an fnmatch pattern) between wildcards: text every match
    contains; empty for a pattern with a ``[...]`` set (its edge cases are not worth parsing)."""
    if "[" in pattern:
        return ""
    return max(re.split(r"[*?]", pattern), key=len)


def ignored_without_git(root: Path, rel: str) -> bool:
    """Gitignore matching for a tree that is not a git repository (``.gitignore`` files on the way down)."""
    import pathspec

    parts = rel.split("/")
    ignored = False
    for depth in range(len(parts)):
        base = root.joinpath(*parts[:depth])
        ignore_file = base / ".gitignore"
        if not ignore_file.is_file():
            continue
        try:
            lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        sub = "/".join(parts[depth:])
        result = spec.check_file(sub)
        if result.include is not None:
            ignored = bool(result.include)
    return ignored
