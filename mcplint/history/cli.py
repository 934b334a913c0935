"""The history modes of ``mcplint scan``: ``--history [REV-RANGE]`` and ``--since REF``."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from mcplint.results.findings import ScanResult
from mcplint.settings.values import Settings

NO_COMMIT = "0" * 40


def push_range(environ: dict[str, str]) -> tuple[list[str], str | None]:
    """The revisions a push sends, from pre-commit's pre-push variables, and the commit whose
    files were already on the remote (None for a new branch)."""
    from mcplint.history.scan import HistoryError

    from_ref, to_ref = environ.get("PRE_COMMIT_FROM_REF", ""), environ.get("PRE_COMMIT_TO_REF", "")
    if not to_ref:
        raise HistoryError("--pre-push runs in pre-commit's pre-push stage (PRE_COMMIT_TO_REF is not set)")
    if to_ref == NO_COMMIT:
        return [], None  # a branch deletion sends no commits
    if not from_ref or from_ref == NO_COMMIT:
        return [to_ref, "--not", "--remotes"], None  # a new branch: what no remote has yet
    return [f"{from_ref}..{to_ref}"], from_ref


def history_result(
    targets: list[Path],
    settings: Settings,
    history: bool,
    all_refs: bool,
    since: str | None,
    allow_shallow: bool,
    verbose: bool = False,
    pre_push: bool = False,
) -> ScanResult:
    """Run the history mode asked for; a bad range or repository exits 2 with one line."""
    import os

    from mcplint.cli.common import fail
    from mcplint.history.scan import History, HistoryError, scan_history, to_scan_result

    try:
        if pre_push:
            revisions, known_at = push_range(dict(os.environ))
            if not revisions:
                found = History([], [], [], Path.cwd(), 0, 0, 0, Counter())
            else:
                found = scan_history(Path.cwd(), revisions, settings, allow_shallow=True, known_at=known_at)
            return to_scan_result(found)
        if since is not None:
            if history or all_refs:
                raise HistoryError("--since already scans the history of REF..HEAD: drop --history/--all")
            from mcplint.history.since import scan_since

            start = targets[0] if targets else Path.cwd()
            if not start.exists():
                raise HistoryError(f"no such file or directory: {start}")
            return scan_since(start, since, settings)
        revisions = [str(t) for t in targets] + (["--all"] if all_refs else [])
        found = scan_history(Path.cwd(), revisions, settings, allow_shallow=allow_shallow)
    except HistoryError as error:
        raise fail(str(error)) from None
    if verbose:
        sys.stderr.write(
            f"mcplint: history: {found.commits} commits, {found.files_scanned} file versions checked, "
            f"{found.blobs_read} blobs read\n"
        )
    return to_scan_result(found)
