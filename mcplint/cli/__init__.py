"""Command line: parses arguments and hands each command to one function that returns an exit code.

Exit codes (stable, documented in the README):
0  nothing at or above ``--fail-on``;  1  findings at or above it;
2  usage or configuration error;      3  internal error (a bug: please report it).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List

import typer

from mcplint import __version__
from mcplint.settings.values import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # pretty tracebacks print local variables: they could hold secrets
    rich_markup_mode=None,
    help="Find hardcoded secrets in MCP configuration files.",
)


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


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print an error for the user and return the exit to raise."""
    typer.echo(f"mcplint: error: {message}", err=True)
    return typer.Exit(code)


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
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


@app.command()
def scan(
    paths: List[Path] = typer.Argument(None, help="Files and directories to scan (default: the current directory)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    fail_on: FailOn | None = typer.Option(
        None, "--fail-on", help="Lowest severity that fails the run (default: warning)."
    ),
    select: List[str] = typer.Option([], "--select", help="Run only these rules (codes or prefixes)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these rules (codes or prefixes)."),
    config: Path | None = typer.Option(None, "--config", help="Configuration file (.mcplint.yaml or pyproject.toml)."),
    max_file_size: int | None = typer.Option(None, "--max-file-size", help="Skip files larger than this many bytes."),
    sarif_category: str = typer.Option("mcplint/", "--sarif-category", help="SARIF automationDetails.id."),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Report only findings not in this baseline (mcplint's or a detect-secrets one)."
    ),
    warn_unused_ignores: bool = typer.Option(
        False, "--warn-unused-ignores", help="Warn about inline 'mcplint: ignore' comments that suppress nothing."
    ),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=0, help="Processes that parse a large tree (0: one per CPU); same output for any N."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also show skipped-file counts."),
    no_color: bool = typer.Option(False, "--no-color", help="Never colour the text report."),
) -> None:
    """Scan files and directories for hardcoded secrets."""
    from mcplint import pipeline as engine
    from mcplint.reporters import render
    from mcplint.results.findings import severity_rank

    targets = list(paths or [])
    try:
        settings = settings_for(targets, config)
    except UsageError as error:
        raise fail(str(error)) from None
    settings.select = list(select) or settings.select
    settings.ignore = settings.ignore + list(ignore)
    if fail_on is not None:
        settings.fail_on = fail_on.value
    if max_file_size is not None:
        settings.max_file_size = max_file_size
    if baseline is not None:
        settings.baseline_path = str(baseline)
    settings.warn_unused_ignores = settings.warn_unused_ignores or warn_unused_ignores
    from mcplint.results.baseline import BaselineError

    try:
        result = engine.scan(targets, settings, jobs or os.cpu_count() or 1)
    except BaselineError as error:
        raise fail(str(error)) from None
    options = {"color": use_color(no_color) and output is None, "verbose": verbose}
    if format is Format.sarif:
        options = {"category": sarif_category}
    elif format is not Format.text:
        options = {}
    write_output(render(format.value, result, **options), output)
    if settings.fail_on == "never":
        raise typer.Exit(EXIT_OK)
    threshold = severity_rank(settings.fail_on)
    failing = any(severity_rank(f.severity) >= threshold for f in result.findings)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command("rules")
def list_rules(
    explain: str | None = typer.Option(None, "--explain", help="Show one rule's full documentation."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
) -> None:
    """List every rule: code, name, default severity and summary."""
    from mcplint.rules import all_rules, get

    if explain:
        rule = get(explain)
        if rule is None:
            raise fail(f"unknown rule: {explain}")
        typer.echo(f"{rule.code} {rule.name} ({rule.severity}, category {rule.category})\n")
        typer.echo(rule.doc)
        return
    rules = all_rules()
    if format is Format.json:
        import json

        payload = [
            {"code": r.code, "name": r.name, "severity": r.severity, "category": r.category,
             "summary": r.summary, "enabled_by_default": r.enabled_by_default}
            for r in rules
        ]
        typer.echo(json.dumps(payload, indent=2))
        return
    for rule in rules:
        flag = "" if rule.enabled_by_default else "  (off by default)"
        typer.echo(f"{rule.code}  {rule.name:<36} {rule.severity:<8} {rule.summary}{flag}")


@app.command("rule")
def explain_rule(code: str = typer.Argument(..., help="Rule code or name, e.g. MCP001.")) -> None:
    """Show one rule's documentation (same as `rules --explain`)."""
    list_rules(explain=code, format=Format.text)


def _register_commands() -> None:
    """Subcommands that live in their own modules (``mcplint.cli.*``), after the core ones."""
    from mcplint.cli import audit, baseline, fix, init

    for command in (baseline, init, audit, fix):
        command.register(app)


_register_commands()


def run() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("mcplint: interrupted\n")
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - last line of defence; the message may hold file content
        sys.stderr.write(f"mcplint: internal error ({type(error).__name__}); please report it with --verbose output\n")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    run()
