"""Standard output that fails cleanly: a write error is one line for the user, never a traceback.

- The reader closed the pipe (``mcplint rules --explain MCP001 | head``): the rest of the output
  is dropped quietly and the command keeps its own exit code (0 for ``rules``; a scan's verdict
  stays 1 with findings), as common command-line tools behave.
- Standard output closed (``mcplint rules >&-``) or failing (a full disk): the run ends with exit
  code 2 and ``mcplint: error: cannot write to standard output: <reason>``.

Hand-written rather than click's ``PacifyFlushWrapper``: that one only hides errors at exit and
turns every broken pipe into exit 1.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO


class GuardedStdout(io.TextIOBase):
    """Wraps ``sys.stdout`` and records the first write failure instead of raising it."""

    def __init__(self, inner: TextIO | None) -> None:
        super().__init__()
        self.inner = inner
        self.failure: str | None = None  # why writing failed (not a closed pipe)
        self.pipe_closed = False

    @property
    def done(self) -> bool:
        return self.failure is not None or self.pipe_closed

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return self.inner is not None and self.inner.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self.inner is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self.inner.fileno()

    def write(self, text: Any) -> int:
        if not isinstance(text, str):
            raise TypeError("GuardedStdout writes text")  # click probes for a binary stream this way
        if self.done:
            return len(text)
        if self.inner is None:
            self.failure = "it is closed"
            return len(text)
        try:
            return self.inner.write(text)
        except OSError as error:
            self._failed(error)
            return len(text)

    def flush(self) -> None:
        if self.done or self.inner is None:
            return
        try:
            self.inner.flush()
        except OSError as error:
            self._failed(error)

    def _failed(self, error: OSError) -> None:
        if error.errno == errno.EPIPE:
            self.pipe_closed = True
        elif error.errno == errno.EBADF:
            self.failure = "it is closed"
        else:
            self.failure = error.strerror or type(error).__name__
        _silence_stdout_descriptor()


def _silence_stdout_descriptor() -> None:
    """Point descriptor 1 at the null device, so the interpreter's own flush at exit cannot fail.

    (A descriptor is duplicated; nothing is written to or replaced at the device's path.)
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(null, 1)
    except OSError:
        pass
    finally:
        os.close(null)


def install() -> GuardedStdout:
    """Put the guard in place of ``sys.stdout``; returns it to read the outcome after the run."""
    guard = GuardedStdout(sys.stdout)
    sys.stdout = guard
    return guard


@contextmanager
def unguarded_stdout() -> Iterator[None]:
    """The real ``sys.stdout`` for a protocol that needs its binary ``buffer`` (``mcplint mcp``)."""
    guarded = sys.stdout
    if isinstance(guarded, GuardedStdout) and guarded.inner is not None:
        sys.stdout = guarded.inner
        try:
            yield
        finally:
            sys.stdout = guarded
    else:
        yield
