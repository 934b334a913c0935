"""The client table: every recognised kind is a ClientKind with a fix strategy that matches its client."""

from __future__ import annotations

from mcplint.recognise.client_table import FIX_STRATEGY, ClientKind, FixStrategy, fix_strategy
from mcplint.recognise.clients import CLIENTS
from mcplint.recognise.dotenv import is_dotenv_name


def test_every_client_is_a_kind_with_a_strategy() -> None:
    assert {kind.value for kind in ClientKind} == set(CLIENTS)
    assert set(FIX_STRATEGY) == set(ClientKind)


def test_kinds_compare_as_strings() -> None:
    assert ClientKind.CLAUDE_CODE == "claude-code"
    assert CLIENTS[ClientKind.CURSOR].id == "cursor"
    assert fix_strategy("no-such-client") is FixStrategy.NONE


def test_reference_strategy_only_where_the_client_has_a_reference() -> None:
    for kind, strategy in FIX_STRATEGY.items():
        client = CLIENTS[kind]
        assert (strategy is FixStrategy.REFERENCE) == (client.reference is not None), kind
        if strategy is FixStrategy.REFERENCE:
            assert "VAR" in str(client.reference) and client.expands, kind


def test_dotenv_names() -> None:
    assert all(is_dotenv_name(n) for n in (".env", ".envrc", ".env.production", "prod.env"))
    assert not any(is_dotenv_name(n) for n in (".env.json", "env", ".env.py", ".envrc.sh"))
