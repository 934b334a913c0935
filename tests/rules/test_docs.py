"""Rules MCP012-MCP016 document why and how to fix; SARIF tags each result with its rule's category."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_repo
from rule_helpers import (
    NEW_CODES,
    mcp_json,
    run,
)
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.reporters import render
from mcplint.rules import RULES


@pytest.mark.parametrize("code", NEW_CODES)
def test_rules_explain_their_why_and_fix(code: str) -> None:
    result = CliRunner().invoke(app, ["rules", "--explain", code])
    assert result.exit_code == 0, result.output
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in result.output
    assert RULES[code].category in result.output


def test_sarif_carries_each_rules_category_tag(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            ".env.example": "OTHER=\n",
            ".mcp.json": mcp_json(
                {"t": {"type": "http", "url": "http://t.example.com/mcp", "headers": {"Authorization": "Bearer ${T}"}}}
            ),
        },
    )
    result = run(root, *NEW_CODES)
    sarif = json.loads(render("sarif", result))
    driver_rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    expected = {
        "MCP012": "undocumented-variable",
        "MCP013": "insecure-transport",
        "MCP014": "base-url-override",
        "MCP015": "rbac",
        "MCP016": "placeholder",
    }
    for code, category in expected.items():
        assert category in driver_rules[code]["properties"]["tags"], code
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"MCP012", "MCP013"}
    assert all(expected[r["ruleId"]] in r["properties"]["tags"] for r in results)
