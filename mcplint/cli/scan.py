"""``mcplint scan``: the whole pipeline on files and directories, one report out."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, List

import typer

from mcplint.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FailOn,
    Format,
    UsageError,
    fail,
    settings_for,
    use_color,
    write_output,
)


def register(app: typer.Typer) -> None:
    app.command()(scan)


def scan(
    paths: List[Path] = typer.Argument(None, help="Files and directories to scan (default: the current directory)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    fail_on: FailOn | None = typer.Option(
        None, "--fail-on", help="Lowest severity that fails the run (default: warning)."
    ),
    select: List[str] = typer.Option(
        [], "--select", help="Run only these rules: codes, prefixes or names, comma separated (MCP001,MCP01)."
    ),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these rules: codes, prefixes or names, comma list."),
    config: Path | None = typer.Option(None, "--config", help="Configuration file (.mcplint.yaml or pyproject.toml)."),
    max_file_size: int | None = typer.Option(
        None, "--max-file-size", min=1, help="Skip files larger than this many bytes."
    ),
    sarif_category: str = typer.Option("mcplint/", "--sarif-category", help="SARIF automationDetails.id."),
    sarif_output: Path | None = typer.Option(
        None, "--sarif-output", help="Also write a SARIF report to this file, from the same scan."
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Report only findings not in this baseline (mcplint's or a detect-secrets one)."
    ),
    warn_unused_ignores: bool = typer.Option(
        False, "--warn-unused-ignores", help="Warn about inline 'mcplint: ignore' comments that suppress nothing."
    ),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=0, help="Processes that parse a large tree (0: one per CPU); same output for any N."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Also show skipped-file counts and values judged placeholders/references."
    ),
    staged: bool = typer.Option(
        False, "--staged", help="Scan what git has staged (the pre-commit hook); all files when nothing is staged."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings and file problems only (no summary)."),
    show_statistics: bool = typer.Option(
        False, "--statistics", help="Print the number of findings per rule instead of the findings (text, json)."
    ),
    no_color: bool = typer.Option(False, "--no-color", help="Never colour the text report."),
) -> None:
    """Scan files and directories for hardcoded secrets."""
    from mcplint import pipeline as engine
    from mcplint.reporters import render
    from mcplint.results.findings import severity_rank

    targets = list(paths or [])
    try:
        if staged:
            from mcplint.cli.staged import staged_targets

            if targets:
                raise UsageError("--staged takes no paths: git names the files")
            targets, what = staged_targets(Path.cwd())
            if not targets:
                typer.echo(f"mcplint: none of the {what} files is one mcplint reads; nothing to scan.", err=True)
                raise typer.Exit(EXIT_OK)
        settings = settings_for(targets, config)
    except UsageError as error:
        raise fail(str(error)) from None
    if not all(code.strip() for code in [*select, *ignore]):
        # An empty prefix matches every rule: `--ignore ""` would silently disable them all.
        raise fail("--select and --ignore take rule codes or prefixes, not an empty string")
    from mcplint.settings.selectors import SelectorError, resolve

    try:
        settings.select = resolve(select, "--select") or settings.select
        settings.ignore = settings.ignore + resolve(ignore, "--ignore")
    except SelectorError as error:
        raise fail(str(error)) from None
    if fail_on is not None:
        settings.fail_on = fail_on.value
    if max_file_size is not None:
        settings.max_file_size = max_file_size
    if baseline is not None:
        settings.baseline_path = str(baseline)
    settings.warn_unused_ignores = settings.warn_unused_ignores or warn_unused_ignores
    from mcplint.results.baseline import BaselineError

    try:
        result = engine.scan(targets, settings, jobs or os.cpu_count() or 1, explain=verbose)
    except BaselineError as error:
        raise fail(str(error)) from None
    options: dict[str, Any] = {}
    if format is Format.text:
        options = {"color": use_color(no_color) and output is None, "verbose": verbose, "quiet": quiet,
                   "show_statistics": show_statistics}
    elif format is Format.sarif:
        options = {"category": sarif_category}
    if sarif_output is not None:  # first: the SARIF upload must not depend on the log report
        write_output(render("sarif", result, category=sarif_category), sarif_output)
    if show_statistics and format is Format.json:
        import json

        from mcplint.reporters import statistics

        text = json.dumps(statistics(result), indent=2) + "\n"
    else:
        text = render(format.value, result, **options)
    write_output(text, output)
    if output is not None and not quiet:
        from mcplint.reporters import summary_sentence

        # The report went to a file: the verdict still shows where the command ran.
        typer.echo(summary_sentence(result), err=True)
        typer.echo(f"Report written to {output}.", err=True)
    if settings.fail_on == "never":
        raise typer.Exit(EXIT_OK)
    threshold = severity_rank(settings.fail_on)
    failing = any(severity_rank(f.severity) >= threshold for f in result.findings)
    # An incomplete scan (a selected file could not be read) is never a clean one.
    raise typer.Exit(EXIT_FINDINGS if failing or not result.complete else EXIT_OK)
