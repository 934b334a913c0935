"""``mcplint baseline``: record today's findings so that later scans report only new ones.

The file is rewritten from the scan (fixed findings drop out, the rest stay byte for byte);
entries for files outside the scanned paths are kept, so ``mcplint baseline some/dir`` updates
only that part. Inline suppressions and allowlists apply first; a configured baseline does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from mcplint.results import baseline
from mcplint.results.baseline import DEFAULT_FILE


def in_scope(entry_path: str, scopes: list[str]) -> bool:
    """Whether a baseline entry's file lies under one of the scanned paths (``""`` = everything)."""
    return any(scope in ("", ".") or entry_path == scope or entry_path.startswith(scope + "/") for scope in scopes)


def _output_for(output: Path | None, configured: str | None, paths: list[Path]) -> Path:
    """The baseline file: ``--output``, else the configuration's ``baseline:``, else
    ``.mcplint-baseline.json`` at the scan root (the repository's top level)."""
    if output is not None:
        return output
    if configured:
        return Path(configured)
    from mcplint import pipeline as engine

    return engine.scan_root(paths)[0] / DEFAULT_FILE


def _previous(output: Path) -> tuple[str, list[baseline.Entry]] | str:
    """The salt and entries of the baseline already at ``output`` (a new salt and none when there is
    no file), or the error to print."""
    salt = baseline.new_salt()
    if not output.exists():
        return salt, []
    if not output.is_file():
        # Never read a device or FIFO as a baseline: /dev/zero never ends, a FIFO blocks.
        return f"cannot write {output}: not a regular file"
    try:
        known = baseline.load(output)
    except baseline.BaselineError as error:
        return f"{error} (remove it or choose another --output)"
    salt = known.salt or salt  # keep the salt: regenerating changes nothing
    return salt, known.entries_salted(salt)


def _write(output: Path, entries: set[baseline.Entry], salt: str, previous: list[baseline.Entry], what: str) -> int:
    """Write the entries atomically and say what changed; the exit code."""
    from mcplint.cli.common import EXIT_OK, EXIT_USAGE

    try:
        baseline.write(output, entries, salt)
    except OSError as error:
        typer.echo(f"mcplint: error: cannot write {output}: {error.strerror or type(error).__name__}", err=True)
        return EXIT_USAGE
    added, dropped = len(entries - set(previous)), len(set(previous) - entries)
    count = "1 entry" if len(entries) == 1 else f"{len(entries)} entries"
    typer.echo(f"mcplint: wrote {output}: {count}{what} ({added} added, {dropped} dropped)", err=True)
    return EXIT_OK


def write_baseline(paths: list[Path], output: Path | None, config: Path | None) -> int:
    """Scan ``paths`` and write the baseline to ``output``; returns the exit code.

    Without ``output``: the configuration's ``baseline:`` (relative to the configuration file),
    else ``.mcplint-baseline.json`` at the scan root (the repository's top level), so the file is
    the same whatever directory the command runs in.
    """
    from mcplint import pipeline as engine
    from mcplint.cli.common import EXIT_USAGE, UsageError, settings_for
    from mcplint.discover.tree import relative_name

    try:
        settings = settings_for(paths, config)
    except UsageError as error:
        typer.echo(f"mcplint: error: {error}", err=True)
        return EXIT_USAGE
    output = _output_for(output, settings.baseline_path, paths)
    settings.baseline_path = None  # record everything there is, not only what is new
    known = _previous(output)
    if isinstance(known, str):
        typer.echo(f"mcplint: error: {known}", err=True)
        return EXIT_USAGE
    salt, previous = known
    result = engine.scan(paths, settings)
    root = Path(result.root)
    scopes = [relative_name(p.resolve(), root) for p in paths] if paths else [""]
    entries = set(baseline.entries_from(result.findings, salt))
    entries.update(entry for entry in previous if not in_scope(entry.path, scopes))
    return _write(output, entries, salt, previous, "")


def write_history_baseline(
    revisions: list[str], output: Path | None, config: Path | None, allow_shallow: bool
) -> int:
    """Record every finding of the history of ``revisions`` (by secret hash); returns the exit code."""
    from mcplint.cli.common import EXIT_USAGE, UsageError, settings_for
    from mcplint.history.scan import HistoryError, scan_history

    try:
        settings = settings_for([], config)
        output = _output_for(output, settings.baseline_path, [])
        settings.baseline_path = None
        known = _previous(output)
        if isinstance(known, str):
            raise UsageError(known)
        salt, previous = known
        found = scan_history(Path.cwd(), revisions, settings, allow_shallow=allow_shallow)
    except (UsageError, HistoryError) as error:
        typer.echo(f"mcplint: error: {error}", err=True)
        return EXIT_USAGE
    entries = set(baseline.entries_from(found.findings, salt))
    return _write(output, entries, salt, previous, f" from {found.commits} commits")


def register(app: typer.Typer) -> None:
    """Add the ``baseline`` command to ``app``."""

    @app.command("baseline")
    def baseline_command(
        paths: List[Path] = typer.Argument(
            None, help="Files and directories to scan (default: the current directory)."
        ),
        output: Path | None = typer.Option(
            None,
            "--output",
            "-o",
            help=f"Baseline file (default: the configuration's baseline, else {DEFAULT_FILE} at the repository root).",
        ),
        config: Path | None = typer.Option(
            None, "--config", help="Configuration file (.mcplint.yaml or pyproject.toml)."
        ),
        history: bool = typer.Option(
            False, "--history", help="Record the findings of git history: PATHS are a revision range."
        ),
        all_refs: bool = typer.Option(False, "--all", help="With --history: every branch, tag and ref."),
        allow_shallow: bool = typer.Option(False, "--allow-shallow", help="With --history: a shallow clone."),
    ) -> None:
        """Write a baseline of the current findings (hashes and fingerprints only, never a secret)."""
        if history:
            revisions = [str(p) for p in paths or []] + (["--all"] if all_refs else [])
            raise typer.Exit(write_history_baseline(revisions, output, config, allow_shallow))
        raise typer.Exit(write_baseline(list(paths or []), output, config))
