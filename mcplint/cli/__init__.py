"""Command line: parses arguments and hands each command to one function that returns an exit code.

Exit codes (stable, documented in the README):
0  nothing at or above ``--fail-on``;  1  findings at or above it;
2  usage or configuration error;      3  internal error (a bug: please report it).

Start-up cost matters on the pre-commit path, so nothing heavy is imported here:

- ``mcplint scan FILE...`` with no option, the way pre-commit runs the hook, goes straight to
  :func:`hook_scan`, which does what ``mcplint scan`` does with its defaults without importing
  typer (~30 ms of a ~60 ms run). Any option, ``--``, ``-`` or another command takes the typer path;
  ``tests/test_import_budget.py`` checks that both paths print the same bytes and exit codes.
- The typer application (:data:`app`) is built on first use, and registers only the command that
  is run (each ``mcplint/cli/<command>.py`` registers itself); ``--help`` or an unknown command
  registers them all.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcplint import __version__

if TYPE_CHECKING:
    import typer

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3  # the same as mcplint.cli.common's

_NOT_COMMANDS = frozenset({"common"})  # modules of this package that register no command


def command_modules() -> list[str]:
    """The command modules of this package: one per command, named after it."""
    import pkgutil

    return sorted(
        info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")
        and info.name not in _NOT_COMMANDS
    )


def build_app(commands: list[str] | None = None) -> typer.Typer:
    """The typer application with ``commands`` registered (default: every command)."""
    import importlib

    import typer

    application = typer.Typer(
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,  # pretty tracebacks print local variables: they could hold secrets
        rich_markup_mode=None,
        help="Find hardcoded secrets in MCP configuration files.",
    )

    def version_callback(value: bool) -> None:
        if value:
            typer.echo(f"mcplint {__version__}")
            raise typer.Exit()

    @application.callback()
    def main(
        version: bool = typer.Option(
            False, "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ) -> None:
        """mcplint: a secret-leak linter for Model Context Protocol configuration."""

    for name in commands if commands is not None else command_modules():
        importlib.import_module(f"{__name__}.{name}").register(application)
    return application


def __getattr__(name: str) -> Any:
    """``mcplint.cli.app``: the full application, built when first asked for (tests, embedding)."""
    if name == "app":
        application = build_app()
        globals()["app"] = application
        return application
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _command_of(argv: list[str]) -> str | None:
    """The command named by ``argv`` when it is one of ours, before any option (else None)."""
    if argv and not argv[0].startswith("-") and argv[0] in command_modules():
        return argv[0]
    return None


def is_hook_invocation(argv: list[str]) -> bool:
    """``scan`` followed by plain paths only: the pre-commit hook's command line."""
    return bool(argv) and argv[0] == "scan" and all(arg and not arg.startswith("-") for arg in argv[1:])


def hook_scan(arguments: list[str]) -> int:
    """``mcplint scan PATH...`` with every option at its default, without typer: the exit code.

    The same steps as ``mcplint.cli.scan.scan`` with its defaults (text report on stdout, colour on
    a terminal, ``--fail-on`` from the configuration, one process); kept in step with it by the
    tests that run both.
    """
    from mcplint import pipeline
    from mcplint.reporters import render
    from mcplint.results.baseline import BaselineError
    from mcplint.results.findings import severity_rank
    from mcplint.settings.load import ConfigError, load_settings

    def usage_error(message: str) -> int:
        sys.stderr.write(f"mcplint: error: {message}\n")
        sys.stderr.flush()
        return EXIT_USAGE

    targets = [Path(argument) for argument in arguments]
    missing = [p for p in targets if not p.exists() and not p.is_symlink()]
    if missing:
        return usage_error(f"no such file or directory: {missing[0]}")
    try:
        settings = load_settings(None, start=targets[0] if targets else Path.cwd())
    except ConfigError as error:
        return usage_error(str(error))
    try:
        result = pipeline.scan(targets, settings, 1)
    except BaselineError as error:
        return usage_error(str(error))
    color = "NO_COLOR" not in os.environ and sys.stdout.isatty()
    sys.stdout.write(render("text", result, color=color, verbose=False))
    sys.stdout.flush()
    if settings.fail_on == "never":
        return EXIT_OK
    threshold = severity_rank(settings.fail_on)
    failing = any(severity_rank(f.severity) >= threshold for f in result.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def main(argv: list[str] | None = None) -> int | None:
    """Run one command line; the exit code (typer's path exits by itself)."""
    arguments = sys.argv[1:] if argv is None else argv
    if is_hook_invocation(arguments):
        return hook_scan(arguments[1:])
    command = _command_of(arguments)
    application = build_app([command] if command is not None else None)
    application(args=arguments)
    return None


def run() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        code = main()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("mcplint: interrupted\n")
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - last line of defence; the message may hold file content
        sys.stderr.write(f"mcplint: internal error ({type(error).__name__}); please report it with --verbose output\n")
        sys.exit(EXIT_INTERNAL)
    sys.exit(code or 0)


if __name__ == "__main__":
    run()
