"""``mcplint scan`` without the command-line framework: the one implementation of the command.

:mod:`mcplint.cli.scan` declares the options for typer and calls :func:`run_scan`; the pre-commit
fast path (:func:`mcplint.cli.hook_scan`) calls it directly, so both give the same bytes and exit codes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mcplint.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FailOn,
    Format,
    UsageError,
    fail,
    note,
    settings_for,
    use_color,
    write_output,
)


def run_scan(
    paths: Sequence[Path] | None = None,
    *,
    format: Format = Format.text,
    output: Path | None = None,
    fail_on: FailOn | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config: Path | None = None,
    max_file_size: int | None = None,
    sarif_category: str = "mcplint/",
    sarif_output: Path | None = None,
    baseline: Path | None = None,
    warn_unused_ignores: bool = False,
    jobs: int = 1,
    verbose: bool = False,
    staged: bool = False,
    quiet: bool = False,
    show_statistics: bool = False,
    no_color: bool = False,
    history: bool = False,
    all_refs: bool = False,
    since: str | None = None,
    allow_shallow: bool = False,
    pre_push: bool = False,
    show_emails: bool = False,
) -> int:
    """Scan files and directories for hardcoded secrets; the exit code (errors raise ``CommandExit``)."""
    from mcplint import pipeline as engine
    from mcplint.reporters import render
    from mcplint.results.findings import severity_rank

    history = history or all_refs  # --all is a history range
    in_history = history or since is not None or pre_push
    targets = list(paths or [])
    try:
        if staged and in_history:
            raise UsageError("--staged scans the index: it does not combine with --history, --since or --pre-push")
        if staged:
            from mcplint.cli.staged import staged_targets

            if targets:
                raise UsageError("--staged takes no paths: git names the files")
            targets, what = staged_targets(Path.cwd())
            if not targets:
                note(f"mcplint: none of the {what} files is one mcplint reads; nothing to scan.")
                return EXIT_OK
        settings = settings_for([] if history or pre_push else targets, config)
    except UsageError as error:
        raise fail(str(error)) from None
    if not all(code.strip() for code in [*select, *ignore]):
        # An empty prefix matches every rule: `--ignore ""` would silently disable them all.
        raise fail("--select and --ignore take rule codes or prefixes, not an empty string")
    if select or ignore:  # the hook path passes neither: it need not import the selectors
        from mcplint.settings.selectors import SelectorError, resolve

        try:
            settings.select = resolve(list(select), "--select") or settings.select
            settings.ignore = settings.ignore + resolve(list(ignore), "--ignore")
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
        if in_history:
            from mcplint.history.cli import history_result

            result = history_result(targets, settings, history, all_refs, since, allow_shallow, verbose, pre_push)
        else:
            result = engine.scan(targets, settings, jobs or os.cpu_count() or 1, explain=verbose)
    except BaselineError as error:
        raise fail(str(error)) from None
    options: dict[str, Any] = {}
    if format is Format.text:
        options = {"color": use_color(no_color) and output is None, "verbose": verbose, "quiet": quiet,
                   "show_statistics": show_statistics}
    elif format is Format.sarif:
        options = {"category": sarif_category}
    options["show_emails"] = show_emails
    if sarif_output is not None:  # first: the SARIF upload must not depend on the log report
        write_output(render("sarif", result, category=sarif_category, show_emails=show_emails), sarif_output)
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
        note(summary_sentence(result))
        note(f"Report written to {output}.")
    if settings.fail_on == "never":
        return EXIT_OK
    threshold = severity_rank(settings.fail_on)
    failing = any(severity_rank(f.severity) >= threshold for f in result.findings)
    # An incomplete scan (a selected file could not be read) is never a clean one.
    return EXIT_FINDINGS if failing or not result.complete else EXIT_OK
