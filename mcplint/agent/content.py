"""Scan content that is not (yet) on disk: an agent's pending write, or text sent to the MCP server.

The content enters the pipeline through :func:`mcplint.pipeline.load_bytes` with the
:class:`~mcplint.discover.tree.Candidate` discovery would build for that path, and goes through
the same rules, redaction and suppressions as ``mcplint scan``; results are reported with the
JSON reporter's own shape, so a tool result equals ``mcplint scan --format json``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the hook imports this module: the pipeline is loaded only for a file worth scanning
    from mcplint.discover.tree import Candidate
    from mcplint.results.findings import ScanResult
    from mcplint.settings.values import Settings


class EditError(ValueError):
    """An edit that cannot be applied to the file's content; the message never holds file content."""


@dataclass(frozen=True, slots=True)
class TextEdit:
    """One string replacement, as the Edit tools of coding agents describe it."""

    old: str
    new: str
    expected: int | None = None  # how many occurrences the edit must replace (Gemini CLI)


def apply_edits(current: str | None, edits: list[TextEdit]) -> str:
    """The content after ``edits``, applied in order as the agent's tool would apply them.

    ``current`` is None for a file that does not exist: only an edit with an empty ``old``
    (creating the file) applies to it. Raises :class:`EditError` when an edit would fail.
    """
    text = current
    for number, edit in enumerate(edits, 1):
        where = f"edit {number}" if len(edits) > 1 else "the edit"
        if text is None or (edit.old == "" and text == ""):
            if edit.old != "":
                raise EditError(f"{where} changes a file that does not exist")
            text = edit.new
            continue
        if edit.old == "":
            raise EditError(f"{where} has an empty old string for a file that has content")
        count = text.count(edit.old)
        if count == 0:
            raise EditError(f"{where}: the text to replace is not in the file")
        if edit.expected is not None and count != edit.expected:
            raise EditError(f"{where}: expected {edit.expected} occurrences, the file has {count}")
        # Every occurrence is replaced even without replace_all: a tool refuses a non-unique old
        # string, and replacing all of them leaves nothing the agent could write unscanned.
        text = text.replace(edit.old, edit.new)
    return text if text is not None else ""


def scan_root_for(path: Path, cwd: Path | None = None) -> tuple[Path, Any]:
    """The root a path's findings are named from, and its git repository (or None).

    The repository's top level when the file is inside one, else ``cwd`` (or the file's folder).
    The file and its folders need not exist yet.
    """
    from mcplint.discover.git import Repo

    existing = path.parent
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    repo = Repo.find(existing)
    if repo is not None:
        return repo.root, repo
    return (cwd if cwd is not None else existing), None


def candidate_for(path: Path, root: Path, settings: Settings, size: int | None = None) -> Candidate | str:
    """The candidate discovery would build for ``path``, or why discovery would pass it over."""
    from mcplint.discover.tree import (
        SKIP_DIRS,
        Candidate,
        _matches_any,
        _may_be_config,
        parse_format,
        relative_name,
    )
    from mcplint.recognise.recogniser import kind_from_path

    if not _may_be_config(path.name.lower()):
        return "not a config file"
    rel = relative_name(path, root)
    if any(part in SKIP_DIRS for part in rel.split("/")[:-1]):
        return "excluded directory"
    if settings.exclude and _matches_any(rel, settings.exclude):
        return "excluded by configuration"
    if settings.include and not _matches_any(rel, settings.include):
        return "not included by configuration"
    if size is not None and size > settings.max_file_size:
        return "over the size limit"
    kind = kind_from_path(rel)
    fmt = parse_format(path.name, kind)
    if fmt is None:
        return "not a config file"
    # Like a file named on the command line (as pre-commit passes them): scanned as given.
    return Candidate(path, rel, kind, fmt, explicit=True)


def scan_content(
    path: Path, data: bytes, settings: Settings, root: Path, repo: Any = None
) -> ScanResult:
    """Scan ``data`` as the content of ``path``: the result ``mcplint scan path`` would give for it."""
    from collections import Counter

    from mcplint import __version__, pipeline
    from mcplint.results.findings import ScanResult

    candidate = candidate_for(path, root, settings, len(data))
    skipped: Counter[str] = Counter()
    configs = []
    diagnostics = []
    if isinstance(candidate, str):
        skipped[candidate] += 1
    else:
        loaded = pipeline.load_bytes(candidate, data)
        if loaded.diagnostic is not None:
            diagnostics.append(loaded.diagnostic)
        if loaded.skip_reason is not None:
            skipped[loaded.skip_reason] += 1
        if loaded.config is not None:
            configs.append(loaded.config)
            pipeline.annotate_git(configs, {candidate.rel: candidate}, root, repo)
    findings, rules = pipeline.check_configs(configs, diagnostics, settings, root, repo=repo)
    return ScanResult(
        findings=findings,
        diagnostics=sorted(diagnostics, key=lambda d: (d.path, d.line, d.col)),
        rules=rules,
        root=os.fspath(root),
        files_scanned=len(configs),
        skipped=dict(sorted(skipped.items())),
        version=__version__,
    )


def as_json(result: ScanResult) -> dict[str, Any]:
    """The ``--format json`` document of a result, as Python data."""
    from mcplint.reporters.json import to_dict

    return to_dict(result)
