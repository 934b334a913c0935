"""Showing and applying a plan: the masked diff, the lock, the writes in the safe order.

Two ``fix --write`` runs at once would each read the ``.env``, each append their secret and the
second write would drop the first's: so the whole plan-and-apply runs under an exclusive lock
(``fcntl.flock`` on ``mcplint-fix.lock`` in the repository's git directory, or on
``.mcplint-fix.lock`` in the scanned directory outside git), and the ``.env`` is read under it.
Temporary files go to the git directory too, where ``git add -A`` never sees them.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from mcplint.fix.changes import FileChange, FixError, Plan
from mcplint.fix.files import read_bytes
from mcplint.fsutil import TEMP_PREFIX, atomic_write_bytes

LOCK_NAME = "mcplint-fix.lock"
OUTSIDE_GIT_LOCK_NAME = ".mcplint-fix.lock"
_ORDER = {"gitignore": 0, "env": 1, "config": 2, "example": 3}


def git_dir(start: Path) -> Path | None:
    """The git directory of the repository around ``start`` (None outside git)."""
    where = start if start.is_dir() else start.parent
    try:
        out = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=where, capture_output=True,
                             check=False, timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0 or not out.stdout.strip():
        return None
    return Path(os.fsdecode(out.stdout.strip()))


@contextlib.contextmanager
def exclusive_lock(start: Path) -> Iterator[Path | None]:
    """Hold the fix lock for ``start``'s repository (or directory) while the body runs.

    Yields the git directory (None outside git). Where ``fcntl`` does not exist (Windows) there
    is no lock: concurrent runs are then the user's to avoid.
    """
    directory = git_dir(start)
    lock_path = directory / LOCK_NAME if directory is not None else (
        (start if start.is_dir() else start.parent) / OUTSIDE_GIT_LOCK_NAME)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield directory
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as error:
        raise FixError(f"cannot create the lock file {lock_path}: {error.strerror or error}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield directory
    finally:
        os.close(fd)  # closing releases the lock


def stale_temp_files(directory: Path | None, targets: list[Path]) -> list[Path]:
    """Temporary files an interrupted write left: ours in the git directory, and the
    ``.NAME.XXXX.tmp`` ones written beside ``targets`` (outside git, or by earlier versions)."""
    found: list[Path] = []
    if directory is not None:
        found.extend(sorted(directory.glob(f"{TEMP_PREFIX}*.tmp")))
    for target in dict.fromkeys(targets):
        found.extend(sorted(target.parent.glob(f".{glob_escape(target.name)}.*.tmp")))
    return [path for path in dict.fromkeys(found) if path.is_file() and not path.is_symlink()]


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


def ordered(changes: list[FileChange]) -> list[FileChange]:
    """Write order: .gitignore, .env (the secret is safe before any config loses it), configs, examples."""
    return sorted(changes, key=lambda c: (_ORDER[c.role], c.display))


def render_diff(result: Plan) -> str:
    """A unified diff of every change, secrets masked (``.env`` values shown as ``****``)."""
    out: list[str] = []
    for change in sorted(result.changes, key=lambda c: (c.role != "config", c.display)):
        old_lines = change.masked_old.splitlines(keepends=True) if change.old is not None else []
        new_lines = change.masked_new.splitlines(keepends=True)
        fromfile = f"a/{change.display}" if change.old is not None else "/dev/null"
        for line in difflib.unified_diff(old_lines, new_lines, fromfile, f"b/{change.display}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return result.mask("".join(out))


def apply(result: Plan, temp_dir: Path | None = None) -> list[str]:
    """Write every change in the safe order; returns the files written.

    Raises :class:`FixError` naming what was already written when a write fails; a config is
    never rewritten before its secrets are in the ``.env``.
    """
    preflight(result)
    written: list[str] = []
    for change in ordered(result.changes):
        try:
            current = read_bytes(change.path, change.display)
        except FixError as error:
            raise FixError(_partial(str(error), written)) from None
        if current != change.original:
            raise FixError(_partial(f"{change.display} changed while mcplint fix ran", written))
        try:
            atomic_write_bytes(change.path, change.encoded(), change.new_mode, temp_dir=temp_dir)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise FixError(_partial(f"could not write {change.display}: {reason}", written)) from None
        written.append(change.display)
    return written


def preflight(result: Plan) -> None:
    """Refuse before writing anything when any file could not be written (a symbolic link, a
    directory, a read-only file): otherwise the ``.env`` would be written and the config not."""
    from mcplint.fsutil import check_target

    for change in ordered(result.changes):
        try:
            check_target(change.path)
        except OSError as error:
            raise FixError(f"{change.display} {error.strerror}; nothing was changed") from None


def _partial(message: str, written: list[str]) -> str:
    if not written:
        return f"{message}; nothing was changed"
    return (
        f"{message}; already written: {', '.join(written)} (the secrets are in the .env, the configs not yet"
        " rewritten keep theirs). Run mcplint fix again to finish."
    )
