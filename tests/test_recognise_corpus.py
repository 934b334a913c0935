"""Smoke test of the recognise stage over the shared wild and dev corpora."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from shared_paths import CORPUS as SHARED_CORPUS
from shared_paths import requires_corpora

from mcplint.parse import ParseError, decode, parse
from mcplint.parse.document import Scalar, walk
from mcplint.recognise.recogniser import kind_from_path, recognise

CORPUS = SHARED_CORPUS
WILD = CORPUS / "wild"
DEV = CORPUS / "dev" / "repos"
FORMATS = {".json": "jsonc", ".jsonc": "jsonc", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}
# SOURCES.tsv kind → recognised kind.
WILD_KINDS = {
    "mcpb-manifest": "mcpb",
    "registry-server-json": "registry-server",
    "docker-compose": "compose",
    "env-example": "dotenv",
    "omp": "generic",
    "mcphub": "generic",
    "antigravity": "generic",  # a bare mcp_config.json: the name alone does not say Antigravity
    "generic-mcp-config": "generic",
    "librechat": "generic",
}

pytestmark = requires_corpora(CORPUS)


def fmt_of(relpath: str) -> str | None:
    if kind_from_path(relpath) == "dotenv":
        return "dotenv"
    return FORMATS.get(Path(relpath).suffix.lower())


def recognise_file(file: Path, relpath: str):
    """The parsed document and its config (None if not recognised); ParseError propagates."""
    fmt = fmt_of(relpath)
    assert fmt is not None, relpath
    doc = parse(decode(file.read_bytes()), fmt)
    return doc, recognise(file, relpath, doc, kind_from_path(relpath))


def check_slots(doc, config) -> None:
    """No two slots share a token; every string scalar of the file has a slot (or is a name)."""
    tokens = [slot.value.span.start for slot in config.slots]
    assert len(tokens) == len(set(tokens))
    strings = sum(
        1 for root in doc.roots for _, node in walk(root) if isinstance(node, Scalar) and isinstance(node.value, str)
    )
    extra = ("map key", "comment")  # token-length keys and comments are scanned as slots too
    assert len([slot for slot in config.slots if slot.field not in extra]) <= strings
    assert len([slot for slot in config.slots if slot.field == "comment"]) <= len(doc.comments)


def wild_files() -> list[tuple[str, str, Path, str]]:
    if not WILD.is_dir():
        return []
    with (WILD / "SOURCES.tsv").open() as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(row["id"], row["kind"], WILD / "files" / row["id"] / row["path"], row["path"]) for row in rows]


@pytest.mark.parametrize(("ident", "kind", "file", "relpath"), wild_files(), ids=lambda v: str(v)[:40])
def test_wild_file_is_recognised(ident: str, kind: str, file: Path, relpath: str) -> None:
    try:
        doc, config = recognise_file(file, relpath)
    except ParseError:
        pytest.skip(f"{ident} does not parse")
    assert config is not None, f"{ident} ({kind}) not recognised"
    assert config.kind == WILD_KINDS.get(kind, kind)
    check_slots(doc, config)


def dev_files() -> list[tuple[Path, str]]:
    if not DEV.is_dir():
        return []
    skip = {"README.md", "_gitignore", "_git.json"}
    return [
        (file, file.relative_to(repo).as_posix())
        for repo in sorted(DEV.iterdir())
        for file in sorted(repo.rglob("*"))
        if file.is_file() and file.name not in skip
    ]


def test_dev_corpus_recognised() -> None:
    seen = 0
    for file, relpath in dev_files():
        if fmt_of(relpath) is None:
            continue
        try:
            doc, config = recognise_file(file, relpath)
        except ParseError:
            continue
        hint = kind_from_path(relpath)
        assert config is not None, relpath
        if hint is not None:
            assert config.kind == hint, relpath
        check_slots(doc, config)
        seen += 1
    assert seen > 60
