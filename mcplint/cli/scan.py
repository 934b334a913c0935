"""``mcplint scan``: the whole pipeline on files and directories, one report out."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from mcplint.cli.common import FailOn, Format


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
    no_color: bool = typer.Option(False, "--no-color", help="Never colour the text report."),
) -> None:
    """Scan files and directories for hardcoded secrets."""
    from mcplint.cli.scanning import run_scan

    raise typer.Exit(
        run_scan(
            paths, format=format, output=output, fail_on=fail_on, select=select, ignore=ignore, config=config,
            max_file_size=max_file_size, sarif_category=sarif_category, sarif_output=sarif_output,
            baseline=baseline, warn_unused_ignores=warn_unused_ignores, jobs=jobs, verbose=verbose,
            staged=staged, quiet=quiet, show_statistics=show_statistics, no_color=no_color, history=history,
            all_refs=all_refs, since=since, allow_shallow=allow_shallow, pre_push=pre_push, show_emails=show_emails,
        )
    )
