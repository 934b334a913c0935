"""What every command shares: exit codes, report formats, errors for the user, settings, output.

No typer here: the pre-commit fast path (:func:`mcplint.cli.hook_scan`) uses this module too.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

from mcplint.settings.values import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"
    never = "never"


class CommandExit(SystemExit):
    """Ends a command with an exit code; typer lets it through, :func:`mcplint.cli.run` exits with it."""


def fail(message: str, code: int = EXIT_USAGE) -> CommandExit:
    """Print an error for the user and return the exit to raise."""
    sys.stderr.write(f"mcplint: error: {message}\n")
    sys.stderr.flush()
    return CommandExit(code)


def note(message: str) -> None:
    """One line for the user on standard error (not part of the report)."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


class UsageError(Exception):
    """Bad paths or configuration: the message is for the user, exit code 2."""


def settings_for(paths: list[Path], config: Path | None) -> Settings:
    """Settings for a command on ``paths``: they must exist; the configuration that applies is read."""
    from mcplint.settings.load import ConfigError, load_settings

    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or directory: {missing[0]}")
    try:
        return load_settings(config, start=paths[0] if paths else Path.cwd())
    except ConfigError as error:
        raise UsageError(str(error)) from None


def write_output(text: str, output: Path | None) -> None:
    """Write a report to a file (atomically) or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from mcplint.fsutil import atomic_write_text

    try:
        atomic_write_text(output, text)
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror or error}") from None


def use_color(no_color: bool) -> bool:
    """Colour on a terminal; ``--no-color`` and ``NO_COLOR`` (no-color.org) turn it off, and
    ``FORCE_COLOR`` (force-color.org) turns it on elsewhere (CI logs)."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return sys.stdout.isatty()
