"""Reading the files ``fix`` edits: regular files only, bounded, decoded or refused with a clear reason."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from mcplint.fix.changes import FixError

# Side files (.env, .gitignore, .env.example) and configs are small; a bigger one is refused, not read.
MAX_SIDE_FILE = 16 * 1024 * 1024
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def read_bytes(path: Path, display: str) -> bytes | None:
    """A regular file's bytes, None when nothing is there; :class:`FixError` for anything else.

    Opened without blocking (a FIFO never hangs the run) and checked on the open descriptor, so
    what is read is what was checked.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _NOFOLLOW | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise FixError(f"{display} is a broken symbolic link; not replaced. Remove it or point it at a file"
                           ) from None
        return None
    except IsADirectoryError:
        raise FixError(f"{display} is a directory; mcplint fix needs a file there") from None
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            raise FixError(f"{display} is a symbolic link; mcplint fix never replaces links: edit its target"
                           " instead, or replace the link with a file") from None
        raise FixError(f"cannot read {display}: {error.strerror or type(error).__name__}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FixError(f"{display} is a directory; mcplint fix needs a file there")
        if not stat.S_ISREG(info.st_mode):
            raise FixError(f"{display} is not a regular file; mcplint fix edits regular files only")
        if info.st_size > MAX_SIDE_FILE:
            raise FixError(f"{display} is larger than {MAX_SIDE_FILE // (1024 * 1024)} MiB; not edited")
        chunks, total = [], 0
        while True:
            try:
                chunk = os.read(fd, 1 << 20)
            except OSError as error:
                if error.errno == errno.EISDIR:
                    raise FixError(f"{display} is a directory; mcplint fix needs a file there") from None
                raise FixError(f"cannot read {display}: {error.strerror or type(error).__name__}") from None
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_SIDE_FILE:
                raise FixError(f"{display} is larger than {MAX_SIDE_FILE // (1024 * 1024)} MiB; not edited")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path, display: str | None = None) -> tuple[str | None, bytes | None, bytes, str]:
    """(text, raw bytes, BOM, codec) of a file; (None, None, b"", "utf-8") when it does not exist.

    A file that is not UTF-8/UTF-16 text (Latin-1 bytes, NUL bytes) is refused: rewriting it
    would change bytes the user did not ask to change.
    """
    from mcplint.parse import decode
    from mcplint.parse.document import ParseError

    shown = display or path.name
    data = read_bytes(path, shown)
    if data is None:
        return None, None, b"", "utf-8"
    try:
        text = decode(data)
    except ParseError:
        raise FixError(f"{shown} is not UTF-8 text (or holds NUL bytes); convert it to UTF-8 first") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return text, data, bom, codec
    return text, data, b"", "utf-8"


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
