"""The client table: every recognised kind is a ClientKind with one row, and every reader uses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcplint.discover.locations import LOCATIONS
from mcplint.recognise.client_table import (
    CLIENTS,
    FIX_STRATEGY,
    ROWS,
    ClientKind,
    FixStrategy,
    fix_strategy,
    kind_of_path,
    markdown,
    readme_with_tables,
    syntaxes_of,
)
from mcplint.recognise.clients import CLIENTS as LEGACY_CLIENTS
from mcplint.recognise.dotenv import is_dotenv_name
from mcplint.recognise.recogniser import kind_from_path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_kind_has_exactly_one_row() -> None:
    assert [row.kind for row in ROWS].count(ClientKind.CLAUDE_CODE) == 1
    assert {row.kind for row in ROWS} == set(ClientKind)
    assert len(ROWS) == len(ClientKind)
    assert set(CLIENTS) == {kind.value for kind in ClientKind} == set(LEGACY_CLIENTS)
    assert set(FIX_STRATEGY) == set(ClientKind)


def test_kinds_compare_as_strings() -> None:
    assert ClientKind.CLAUDE_CODE == "claude-code"
    assert CLIENTS[ClientKind.CURSOR].id == "cursor"
    assert fix_strategy("no-such-client") is FixStrategy.NONE


def test_reference_strategy_only_where_the_client_has_a_reference() -> None:
    for row in ROWS:
        assert (row.fix is FixStrategy.REFERENCE) == (row.reference is not None), row.kind
        if row.fix is FixStrategy.REFERENCE:
            assert "VAR" in str(row.reference) and row.expands, row.kind
            assert row.syntaxes, row.kind


def test_every_row_says_where_it_was_checked_or_why_not() -> None:
    for row in ROWS:
        assert row.name and row.advice, row.kind
        assert row.docs or row.note or row.kind in (ClientKind.DOTENV,), row.kind


def test_each_rows_patterns_name_the_row() -> None:
    """Every literal pattern (no ``*``) resolves to its own row: no pattern is shadowed by another."""
    for row in ROWS:
        for pattern in row.patterns:
            if pattern.startswith(("re:", "@")) or "*" in pattern:
                continue
            assert kind_of_path("some/project/" + pattern) is row.kind, pattern
            assert kind_from_path(pattern) == row.kind.value, pattern


@pytest.mark.parametrize(
    ("relpath", "kind"),
    [
        (".warp/.mcp.json", "warp"),
        ("proj/.mcp.json", "claude-code"),
        (".kilocode/cli/global/settings/mcp_settings.json", "kilo"),
        ("mcp_settings.json", "roo"),
        (".devin/mcp_config.json", "devin"),
        (".config/devin/config.json", "devin-cli"),
        (".github/copilot/mcp.json", "copilot-eclipse"),
        (".github/agents/reviewer.agent.md", "copilot-agent"),
        (".air/mcp.json", "jetbrains-air"),
        (".vibe/config.toml", "mistral-vibe"),
        (".tabnine/agent/settings.json", "tabnine"),
        (".config/amp/settings.json", "amp"),
        (".docker/mcp/config.yaml", "docker-mcp-toolkit"),
        ("Library/Application Support/Factory Bridge/mcp.json", "factory"),
        ("plugin/.codex-plugin/plugin.json", "codex-plugin"),
        ("kilo.jsonc", "kilo"),
    ],
)
def test_new_client_paths(relpath: str, kind: str) -> None:
    assert kind_from_path(relpath) == kind


def test_syntaxes_come_from_the_table() -> None:
    assert syntaxes_of("claude-code") == frozenset({"shell"})
    assert syntaxes_of("codex") == frozenset()
    assert syntaxes_of("warp") == frozenset({"shell", "env", "opencode", "continue"})  # undocumented
    assert syntaxes_of("no-such-client") == syntaxes_of("warp")


def test_audit_locations_are_every_rows_locations() -> None:
    expected = [(row.kind.value, loc.base, loc.path) for row in ROWS for loc in row.locations]
    assert [(spec.client, spec.base, spec.path) for spec in LOCATIONS] == expected


def test_readme_client_tables_are_generated_from_the_table() -> None:
    text = README.read_text(encoding="utf-8")
    assert readme_with_tables(text) == text, "README is stale: python -m mcplint.recognise.client_table --write-readme"
    for row in ROWS:
        assert f"| {row.name} |" in markdown()


def test_dotenv_names() -> None:
    assert all(is_dotenv_name(n) for n in (".env", ".envrc", ".env.production", "prod.env"))
    assert not any(is_dotenv_name(n) for n in (".env.json", "env", ".env.py", ".envrc.sh"))
