"""One leak/clean fixture pair per client-table row, checked end to end.

``tests/fixtures/clients/<id>/`` holds ``leak/`` and ``clean/`` trees and ``target`` (the config's
path inside them). The leak file carries one synthetic, pattern-valid GitHub token (generated
once from the pattern's ``tp_generate``); the clean file is the same config written the way that
client keeps a secret out (its reference syntax, a variable-name field, or no value at all).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import git

from mcplint.recognise.client_table import ROWS, ClientKind, ClientRow, FixStrategy
from mcplint.recognise.references import referenced_variables
from mcplint.settings.values import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "clients"
TOKEN = "ghp_9naHVck6pbd4ZRj2SxphvDTwrzqwo72n3wZu"
# Kinds that are files rather than clients: their advice need not name a client.
NOT_CLIENTS = {"manifest", "deployment", "dotenv"}
ROW_IDS = [row.kind.value for row in ROWS]


def target_of(row: ClientRow) -> str:
    return (FIXTURES / row.kind.value / "target").read_text().strip()


def copy_variant(row: ClientRow, variant: str, dest: Path) -> Path:
    shutil.copytree(FIXTURES / row.kind.value / variant, dest)
    return dest / target_of(row)


def scan(path: Path):  # noqa: ANN201 - a pipeline.Collected plus findings
    from mcplint import pipeline

    settings = Settings()
    found = pipeline.collect([path], settings)
    findings, _ = pipeline.check_configs(found.configs, found.diagnostics, settings, found.root, repo=found.repo)
    return found, findings


def token_position(text: str) -> tuple[int, int]:
    offset = text.index(TOKEN)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def test_every_row_has_a_fixture_pair() -> None:
    assert {p.name for p in FIXTURES.iterdir()} == {kind.value for kind in ClientKind}
    for row in ROWS:
        leak = (FIXTURES / row.kind.value / "leak" / target_of(row)).read_text()
        clean = (FIXTURES / row.kind.value / "clean" / target_of(row)).read_text()
        assert leak.count(TOKEN) == 1 and TOKEN not in clean, row.kind


@pytest.mark.parametrize("kind", ROW_IDS)
def test_leak_fixture_is_found_where_the_token_is(kind: str, tmp_path: Path) -> None:
    row = next(r for r in ROWS if r.kind.value == kind)
    target = copy_variant(row, "leak", tmp_path / "leak")
    found, findings = scan(tmp_path / "leak")
    rel = target.relative_to(tmp_path / "leak").as_posix()
    config = next(c for c in found.configs if c.relpath == rel)
    assert config.kind == row.kind.value
    line, col = token_position(target.read_text())
    hits = [f for f in findings if f.path == rel and f.span.line == line and f.span.col == col]
    assert hits, [(f.rule_id, f.path, f.span.line, f.span.col) for f in findings]
    assert all(TOKEN not in f.message for f in findings)
    if row.family not in NOT_CLIENTS and row.kind is not ClientKind.GENERIC:
        short = row.name.split()[-1]
        assert any(row.name in f.message or short in f.message for f in hits), hits[0].message


@pytest.mark.parametrize("kind", ROW_IDS)
def test_clean_fixture_gives_nothing(kind: str, tmp_path: Path) -> None:
    row = next(r for r in ROWS if r.kind.value == kind)
    target = copy_variant(row, "clean", tmp_path / "clean")
    found, findings = scan(tmp_path / "clean")
    rel = target.relative_to(tmp_path / "clean").as_posix()
    assert any(c.relpath == rel and c.kind == row.kind.value for c in found.configs)
    assert [(f.rule_id, f.path, f.message) for f in findings if f.rule_id != "MCP012"] == []


def _fix(tmp_path: Path, row: ClientRow) -> tuple[Path, str]:
    from typer.testing import CliRunner

    from mcplint.cli import app

    repo = tmp_path / "repo"
    target = copy_variant(row, "leak", repo)
    git(repo, "init", "-q")
    result = CliRunner().invoke(app, ["fix", "--write", str(repo)])
    assert result.exit_code == 1, result.output  # a secret was moved, or one is left that fix cannot move
    return target, result.output


@pytest.mark.parametrize("kind", ROW_IDS)
def test_fix_writes_only_the_rows_own_syntax(kind: str, tmp_path: Path) -> None:
    row = next(r for r in ROWS if r.kind.value == kind)
    before = (FIXTURES / row.kind.value / "leak" / target_of(row)).read_text()
    target, output = _fix(tmp_path, row)
    after = target.read_text()
    if row.fix is not FixStrategy.REFERENCE:
        assert after == before, "fix rewrote a file whose client has no reference it expands"
        assert "not auto-fixable" in output
        return
    assert row.reference is not None and TOKEN not in after
    template = re.escape(row.reference).replace("VAR", "(?P<name>[A-Za-z_][A-Za-z0-9_]*)")
    written = re.search(template, after)
    assert written is not None, after
    found, findings = scan(tmp_path / "repo")
    rel = target.relative_to(tmp_path / "repo").as_posix()
    assert [f for f in findings if f.path == rel and f.rule_id == "MCP001"] == []
    config = next(c for c in found.configs if c.relpath == rel)
    uses = [u for u in referenced_variables(config) if u.name == written.group("name")]
    assert uses and all(u.syntax in (row.syntaxes or ()) for u in uses)
    assert (tmp_path / "repo" / ".env").read_text().count(TOKEN) == 1


# -- audit: one user-level config of every row in a fake home ------------------------------------


def _fake_home(home: Path, platform: str) -> dict[str, str]:
    """The leak fixture of every row at the row's first location for ``platform``; rel path -> kind."""
    from mcplint.discover.locations import Roots

    roots = Roots(platform, home, {})
    planted: dict[str, str] = {}
    for row in ROWS:
        location = next((loc for loc in row.locations if platform in loc.platforms), None)
        if location is None:
            continue
        base = roots.base(location.base)[-1]  # the default directory (no environment override)
        path = base.joinpath(*location.path.replace("*", "planted").split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((FIXTURES / row.kind.value / "leak" / target_of(row)).read_text())
        planted[path.relative_to(home).as_posix()] = row.kind.value
    return planted


@pytest.mark.parametrize("platform", ["macos", "linux", "windows"])
def test_audit_finds_every_planted_secret(platform: str, tmp_path: Path) -> None:
    from mcplint.audit import audit

    home = tmp_path / "home"
    home.mkdir()
    planted = _fake_home(home, platform)
    report = audit(platform=platform, home=home, env={})
    secret_findings = [f for f in report.result.findings if f.rule_id == "MCP001"]
    assert sorted(f.path for f in secret_findings) == sorted(planted)
    by_path = {c.rel: c for c in report.configs}
    for rel, kind in planted.items():
        assert by_path[rel].client == kind and by_path[rel].secrets == 1, rel
    with_locations = {row.kind.value for row in ROWS if any(platform in loc.platforms for loc in row.locations)}
    assert set(planted.values()) == with_locations
