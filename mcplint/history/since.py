"""Pull-request scans (``mcplint scan --since REF``): only what a branch adds.

Two parts, one report:

1. **The working tree against the merge base** (``git merge-base REF HEAD``): files the branch
   added are scanned whole; in files it modified, only findings on added lines are kept (the
   added lines come from ``git diff -U0`` hunks). Untracked files that git does not ignore count
   as added.
2. **The history of the branch** (``REF..HEAD``): a secret committed and removed again within the
   branch is still in the history it pushes. What the merge base already held is not reported,
   and a finding the working-tree part reports is not reported twice.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mcplint.history.scan import GitRepo, HistoryError, finding_key, run_git, scan_history
from mcplint.results.findings import Finding, ScanResult
from mcplint.settings.values import Settings

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13, b'"': 34, b"\\": 92}


def unquote_path(raw: bytes) -> str:
    """A path as git prints it in a patch header: C-quoted when it holds special bytes."""
    if not (raw.startswith(b'"') and raw.endswith(b'"')):
        return os.fsdecode(raw)
    body, out, index = raw[1:-1], bytearray(), 0
    while index < len(body):
        char = body[index : index + 1]
        if char == b"\\" and index + 1 < len(body):
            following = body[index + 1 : index + 2]
            if following.isdigit():
                out.append(int(body[index + 1 : index + 4], 8))
                index += 4
                continue
            out.append(_ESCAPES.get(following, following[0]))
            index += 2
            continue
        out += char
        index += 1
    return os.fsdecode(bytes(out))


def added_lines(patch: bytes) -> dict[str, set[int]]:
    """Line numbers (in the new version) each file of a ``git diff -U0`` gained."""
    lines: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in patch.split(b"\n"):
        if line.startswith(b"+++ "):
            target = line[4:]
            current = None if target == b"/dev/null" else lines.setdefault(unquote_path(target)[2:], set())
        elif line.startswith(b"@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or b"1")
                current.update(range(start, start + count))
    return lines


def resolve(repo: GitRepo, ref: str) -> str:
    """The commit ``ref`` names; :class:`HistoryError` when it names none."""
    done = run_git(["rev-parse", "--verify", "-q", "--end-of-options", f"{ref}^{{commit}}"], repo.cwd)
    if done.returncode != 0 or not done.stdout.strip():
        raise HistoryError(f"unknown revision: {ref}")
    return done.stdout.decode("ascii").strip()


def merge_base(repo: GitRepo, ref: str) -> str:
    """``git merge-base REF HEAD``, with a message that says why there is none."""
    resolve(repo, ref)
    done = run_git(["merge-base", "--end-of-options", ref, "HEAD"], repo.cwd)
    if done.returncode != 0 or not done.stdout.strip():
        if repo.shallow:
            raise HistoryError(
                f"shallow clone: no common ancestor of {ref} and HEAD was fetched (fetch more history, "
                "e.g. actions/checkout with fetch-depth: 0)"
            )
        raise HistoryError(f"{ref} and HEAD have no common ancestor")
    return done.stdout.decode("ascii").strip()


def changed_files(repo: GitRepo, base: str) -> tuple[set[str], set[str]]:
    """(added, modified) paths between ``base`` and the working tree, untracked files as added.

    Both questions walk the working tree: they are asked at once.
    """
    import subprocess

    from mcplint.history.scan import git_env

    asks = [
        ["diff", "--name-status", "-z", "--no-renames", "--no-ext-diff", base, "--"],
        ["ls-files", "-z", "--others", "--exclude-standard"],
    ]
    try:
        walks = [
            subprocess.Popen(["git", *args], cwd=repo.cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env=git_env())
            for args in asks
        ]
    except OSError as error:
        raise HistoryError(f"cannot run git: {error.strerror or error}") from None
    (diff, _), (untracked, _) = (walk.communicate() for walk in walks)
    if walks[0].returncode != 0:
        raise HistoryError(f"cannot compare the working tree with {base[:12]}")
    added: set[str] = set()
    modified: set[str] = set()
    tokens = diff.split(b"\0")
    for status, raw in zip(tokens[0::2], tokens[1::2], strict=False):
        path = os.fsdecode(raw)
        if status.startswith(b"A"):
            added.add(path)
        elif status.startswith((b"M", b"T")):
            modified.add(path)
    added.update(os.fsdecode(p) for p in untracked.split(b"\0") if p)
    return added, modified


def on_added_lines(finding: Finding, lines: set[int]) -> bool:
    """A finding whose span touches a line the branch added (file-level findings never do)."""
    span = finding.span
    return span.line >= 1 and any(n in lines for n in range(span.line, max(span.end_line, span.line) + 1))


def scan_since(start: Path, ref: str, settings: Settings) -> ScanResult:
    """The pull-request scan of the repository around ``start`` against ``ref``.

    A shallow clone is fine as long as the merge base was fetched.
    """
    from mcplint import pipeline
    from mcplint.discover.tree import name_filter

    repo = GitRepo.open(start)
    if repo.work_tree is None:
        raise HistoryError("--since compares the working tree with REF: a bare repository has none")
    base = merge_base(repo, ref)
    added, modified = changed_files(repo, base)
    wanted = {p for p in added | modified if not isinstance(name_filter(p, settings), str)}
    root = repo.work_tree
    targets = [root / p for p in sorted(wanted) if (root / p).is_file()]
    lines: dict[str, set[int]] = {}
    touched = sorted(wanted & modified)
    if touched:
        args = ["--literal-pathspecs", "diff", "-U0", "--no-color", "--no-renames", "--no-ext-diff", "--no-textconv"]
        done = run_git([*args, "--src-prefix=a/", "--dst-prefix=b/", base, "--", *touched], root)
        if done.returncode != 0:
            raise HistoryError(f"cannot compare the working tree with {base[:12]}")
        lines = added_lines(done.stdout)
    if targets:
        # The tree scan reports paths relative to the repository around the current directory.
        previous = os.getcwd()
        os.chdir(root)
        try:
            tree = pipeline.scan(targets, settings)
        finally:
            os.chdir(previous)
    else:
        from mcplint import __version__

        tree = ScanResult([], [], pipeline.enabled_rules(settings), os.fspath(root), version=__version__)
    kept = [f for f in tree.findings if f.path not in modified or on_added_lines(f, lines.get(f.path, set()))]
    history = scan_history(start, [f"{ref}..HEAD"], settings, allow_shallow=True, known_at=base)
    reported = {finding_key(f, f.path) for f in kept}
    kept += [f for f in history.findings if finding_key(f, f.path) not in reported]
    return ScanResult(
        findings=sorted(kept, key=Finding.sort_key),
        diagnostics=sorted([*tree.diagnostics, *history.diagnostics], key=lambda d: (d.path, d.line, d.col)),
        rules=tree.rules,
        root=os.fspath(root),
        files_scanned=tree.files_scanned + history.files_scanned,
        skipped=tree.skipped,
        version=tree.version,
    )
