"""``mcplint scan --staged``: the files to check, asked of git itself (the pre-commit hook's entry).

pre-commit splits long file lists into batches, one process each: every batch would print its
own summary, ``--output`` would keep only the last batch, and the rules that compare files
(MCP007 secret reuse, MCP012 undocumented variables) would see one batch at a time. So the hook
passes no file names (``pass_filenames: false``) and mcplint asks git for the whole set, once:

- on pre-push (``PRE_COMMIT_FROM_REF`` and ``PRE_COMMIT_TO_REF`` set): the files changed in
  ``FROM...TO``;
- otherwise the staged files (added, copied, modified, renamed; not deleted);
- nothing staged (``pre-commit run --all-files`` on a clean index, or a manual run): the whole
  repository, never an empty, silently "clean" run.
"""

from __future__ import annotations

import os
from pathlib import Path

from mcplint.cli.common import UsageError


def staged_targets(cwd: Path) -> tuple[list[Path], str]:
    """The paths to scan and a word for what they are (``staged``, ``changed``, ``repository``)."""
    from mcplint.discover.git import Repo, _git, _split_z
    from mcplint.discover.tree import _may_be_config, parse_format
    from mcplint.recognise.recogniser import kind_from_path

    repo = Repo.find(cwd)
    if repo is None:
        raise UsageError("--staged needs a git repository")
    old, new = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    if old and new:
        listing = _git(["diff", "--name-only", "--no-ext-diff", "-z", "--diff-filter=d", f"{old}...{new}"], repo.root)
        what = "changed"
    else:
        listing = _git(["diff", "--cached", "--name-only", "--no-ext-diff", "-z", "--diff-filter=d"], repo.root)
        what = "staged"
    if listing is None:
        raise UsageError(f"git could not list the {what} files")
    names = _split_z(listing)
    if not names:
        return [repo.root], "repository"
    kept = [
        repo.root / rel
        for rel in names
        if _may_be_config(rel.rpartition("/")[2].lower()) and parse_format(rel, kind_from_path(rel)) is not None
    ]
    return kept, what
