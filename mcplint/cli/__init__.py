"""Command line: parses arguments and hands each command to one function that returns an exit code.

Exit codes (stable, documented in the README):
0  nothing at or above ``--fail-on``;  1  findings at or above it, or an incomplete scan;
2  usage or configuration error, or a report that could not be written;
3  internal error (a bug: please report it).
"""

from __future__ import annotations

import sys

import typer

from mcplint import __version__
from mcplint.cli.common import EXIT_INTERNAL, EXIT_USAGE

app = typer.Typer(
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


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """mcplint: a secret-leak linter for Model Context Protocol configuration."""


def _register_commands() -> None:
    """Each command lives in its own module of ``mcplint.cli`` and registers itself."""
    from mcplint.cli import audit, baseline, fix, hook, init, mcp, rules, scan

    for command in (scan, rules, baseline, init, audit, fix, mcp, hook):
        command.register(app)


_register_commands()


def run() -> None:
    """Console entry point: no traceback ever reaches the user; write errors are one line."""
    from mcplint.cli.output import install

    stdout = install()
    code: int | str | None = 0
    try:
        app()
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
