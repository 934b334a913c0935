"""The history modes of ``mcplint scan``: ``--history [REV-RANGE]`` and ``--since REF``."""

from __future__ import annotations

import sys
from pathlib import Path

from mcplint.results.findings import ScanResult
from mcplint.settings.values import Settings


def history_result(
    targets: list[Path],
    settings: Settings,
    history: bool,
    all_refs: bool,
    since: str | None,
    allow_shallow: bool,
    verbose: bool = False,
) -> ScanResult:
    """Run the history mode asked for; a bad range or repository exits 2 with one line."""
    from mcplint.cli.common import fail
    from mcplint.history.scan import HistoryError, scan_history, to_scan_result

    try:
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
