"""Safe file writes: a regular file is replaced atomically (temp file in the same directory, fsync,
rename) with its mode kept; a device or FIFO is written through; anything else is refused.

Renaming over a path replaces whatever is there: as root, ``-o /dev/null`` would turn the
system's ``/dev/null`` into a regular file for every process. So the target is looked at first:

=====================================  ==============================================
what is at the path                    what happens
=====================================  ==============================================
nothing                                a new file (``mode``, else 0644), atomically
a regular file                         replaced atomically, its mode kept; refused if
                                       it has no owner write bit (a read-only file)
a character device or a FIFO           written through, never replaced
  (``/dev/null``, ``/dev/stdout``…)
a symbolic link to a device or FIFO    written through (``/dev/stdout`` is one)
any other symbolic link                refused: replacing it would drop the link, and
                                       writing through would change a file elsewhere
a directory, block device, socket      refused
=====================================  ==============================================

The temporary file is ``.NAME.XXXX.tmp`` beside the target, or in ``temp_dir`` when one is given
on the same file system (``fix`` passes the repository's git directory, where ``git add -A``
cannot pick up a temp file that a ``kill -9`` left behind holding a secret).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


class UnsafeWriteTarget(OSError):
    """The path holds something mcplint must not replace; ``strerror`` says what."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EPERM, reason, os.fspath(path))


def _write_through(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def _is_stream(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


TEMP_PREFIX = "mcplint-"


def _temp_dir_for(path: Path, temp_dir: Path | None) -> tuple[Path, str]:
    """Where the temporary file goes and its name prefix: ``temp_dir`` only on the target's file
    system (a rename cannot cross file systems)."""
    parent = path.parent if str(path.parent) else Path(".")
    if temp_dir is not None:
        try:
            if os.stat(temp_dir).st_dev == os.stat(parent).st_dev:
                return temp_dir, f"{TEMP_PREFIX}{path.name}."
        except OSError:
            pass
    return parent, f".{path.name}."


def check_target(path: Path) -> tuple[str, int]:
    """How a write to ``path`` would go: ``("stream", 0)`` (written through) or ``("replace",
    mode)`` (atomic replace keeping ``mode``); :class:`UnsafeWriteTarget` when it would be refused.

    Lets a caller that writes several files (``fix``) refuse before it writes any of them.
    """
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "replace", -1
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.stat(path)
        except OSError:
            raise UnsafeWriteTarget(path, "is a broken symbolic link; not replaced") from None
        if _is_stream(target.st_mode):
            return "stream", 0
        raise UnsafeWriteTarget(path, "is a symbolic link; not replaced (write to its target instead)")
    if _is_stream(info.st_mode):
        return "stream", 0
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeWriteTarget(path, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeWriteTarget(path, "is not a regular file; not replaced")
    if not info.st_mode & stat.S_IWUSR:
        raise UnsafeWriteTarget(path, "is read-only; not replaced")
    return "replace", stat.S_IMODE(info.st_mode)


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None, temp_dir: Path | None = None) -> None:
    """Write ``data`` to ``path`` as the table in this module's docstring says."""
    path = Path(path)
    how, keep = check_target(path)
    if how == "stream":
        _write_through(path, data)
        return
    if keep < 0:
        keep = mode if mode is not None else 0o644
    directory, prefix = _temp_dir_for(path, temp_dir)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, keep)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(path.parent or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def atomic_write_text(path: Path, text: str, mode: int | None = None) -> None:
    """Text version of :func:`atomic_write_bytes` (UTF-8, newlines as given)."""
    atomic_write_bytes(path, text.encode("utf-8"), mode)
