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
    history: bool = typer.Option(
        False, "--history", help="Scan git history: PATHS are a revision range (default: all reachable from HEAD)."
    ),
    all_refs: bool = typer.Option(False, "--all", help="With --history: every branch, tag and ref."),
    since: str | None = typer.Option(
        None, "--since", metavar="REF", help="Pull-request mode: only what HEAD and the tree add to REF."
    ),
    allow_shallow: bool = typer.Option(False, "--allow-shallow", help="With --history: scan a shallow clone."),
    pre_push: bool = typer.Option(
        False, "--pre-push", help="Scan the commits a push sends (pre-commit's PRE_COMMIT_FROM_REF/TO_REF)."
    ),
    show_emails: bool = typer.Option(False, "--show-emails", help="Print commit authors' e-mail addresses."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also show skipped-file counts."),
    no_color: bool = typer.Option(False, "--no-color", help="Never colour the text report."),
) -> None:
    """Scan files and directories for hardcoded secrets."""
    history = history or all_refs  # --all is a history range
    from mcplint import pipeline as engine
    from mcplint.reporters import render
    from mcplint.results.findings import severity_rank

    targets = list(paths or [])
    try:
        settings = settings_for([] if history or pre_push else targets, config)
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
        if history or since is not None or pre_push:
            from mcplint.history.cli import history_result

            result = history_result(targets, settings, history, all_refs, since, allow_shallow, verbose, pre_push)
        else:
            result = engine.scan(targets, settings, jobs or os.cpu_count() or 1)
    except BaselineError as error:
        raise fail(str(error)) from None
    options: dict[str, Any] = {"color": use_color(no_color) and output is None, "verbose": verbose}
    if format is Format.sarif:
        options = {"category": sarif_category}
    elif format is not Format.text:
        options = {}
    options["show_emails"] = show_emails
    write_output(render(format.value, result, **options), output)
    if settings.fail_on == "never":
        raise typer.Exit(EXIT_OK)
    threshold = severity_rank(settings.fail_on)
    failing = any(severity_rank(f.severity) >= threshold for f in result.findings)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)
