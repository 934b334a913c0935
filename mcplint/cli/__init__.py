"""Command line: parses arguments and hands each command to one function that returns an exit code.

Exit codes (stable, documented in the README):
0  nothing at or above ``--fail-on``;  1  findings at or above it, or an incomplete scan;
2  usage or configuration error, or a report that could not be written;
3  internal error (a bug: please report it).

Start-up cost matters on the pre-commit path, so nothing heavy is imported here:

- ``mcplint scan [--staged] [FILE...]`` with no other option, the way pre-commit runs the hook,
  goes straight to :func:`hook_scan`, which calls :func:`mcplint.cli.scanning.run_scan` (the one
  implementation of ``scan``) without importing typer (~30 ms of a ~60 ms run). Any other option,
  ``--``, ``-`` or another command takes the typer path; ``tests/test_import_budget.py`` checks
  that both paths print the same bytes and exit codes.
- The typer application (:data:`app`) is built on first use, and registers only the command that
  is run (each ``mcplint/cli/<command>.py`` registers itself); ``--help`` or an unknown command
  registers them all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcplint import __version__
from mcplint.cli.common import EXIT_INTERNAL, EXIT_USAGE

if TYPE_CHECKING:
    import typer

# The modules of this package that each register a command (named after it; ``rules`` also adds
# ``rule``). Listed rather than discovered: the package also holds helpers (common, output, …).
COMMANDS = ("scan", "rules", "baseline", "init", "audit", "fix", "mcp", "hook")
HOOK_FLAGS = frozenset({"--staged"})  # the only options the typer-free hook path accepts


def build_app(commands: list[str] | tuple[str, ...] = COMMANDS) -> typer.Typer:
    """The typer application with ``commands`` registered (default: every command)."""
    import importlib

    import typer

    application = typer.Typer(
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,  # pretty tracebacks print local variables: they could hold secrets
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
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

    for name in commands:
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
    if argv and argv[0] in COMMANDS:
        return argv[0]
    return None


def is_hook_invocation(argv: list[str]) -> bool:
    """``scan`` followed by plain paths and ``--staged`` only: the pre-commit hook's command line."""
    return (
        bool(argv)
        and argv[0] == "scan"
        and all(arg and (not arg.startswith("-") or arg in HOOK_FLAGS) for arg in argv[1:])
    )


def hook_scan(arguments: list[str]) -> int:
    """``mcplint scan [--staged] PATH...`` with every other option at its default, without typer."""
    from mcplint.cli.common import CommandExit
    from mcplint.cli.scanning import run_scan

    paths = [Path(argument) for argument in arguments if argument not in HOOK_FLAGS]
    try:
        return run_scan(paths, staged="--staged" in arguments)
    except CommandExit as done:
        return int(done.code or 0)


def main(argv: list[str] | None = None) -> int | None:
    """Run one command line; the exit code (typer's path exits by itself)."""
    arguments = sys.argv[1:] if argv is None else argv
    if is_hook_invocation(arguments):
        return hook_scan(arguments[1:])
    command = _command_of(arguments)
    application = build_app([command] if command is not None else COMMANDS)
    application(args=arguments, prog_name="mcplint")
    return None


def run() -> None:
    """Console entry point: no traceback ever reaches the user; write errors are one line."""
    from mcplint.cli.output import install

    stdout = install()
    code: int | str | None = 0
    try:
        code = main()
    except SystemExit as exit_:
        code = exit_.code
    except KeyboardInterrupt:
        sys.stderr.write("mcplint: interrupted\n")
        code = 130
    except Exception as error:  # noqa: BLE001 - last line of defence; the message may hold file content
        sys.stderr.write(f"mcplint: internal error ({type(error).__name__}); please report it with --verbose output\n")
        code = EXIT_INTERNAL
    stdout.flush()
    if stdout.failure is not None:
        sys.stderr.write(f"mcplint: error: cannot write to standard output: {stdout.failure}\n")
        code = EXIT_USAGE
    sys.exit(code)


if __name__ == "__main__":
    run()
