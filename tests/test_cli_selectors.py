"""Rule selectors: `--select`/`--ignore` and the configuration's `select`, `ignore`, `severity`.

Every selector is a comma list of rule codes (any case), code prefixes, rule names or ``ALL``,
alike on the command line and in the configuration; anything else is a usage error (exit 2)
that names the valid choices, never a run that silently checks nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import secret, write_tree
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.settings.selectors import SelectorError, resolve

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """One MCP001 (hardcoded token) and one MCP002 (password in a URL)."""
    config = {
        "mcpServers": {
            "gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}},
            "db": {"command": "pg", "args": ["postgres://admin:Xq7vR2mK9pLw4sZt@db.example.com/app"]},
        }
    }
    write_tree(tmp_path, {".mcp.json": json.dumps(config, indent=2) + "\n"})
    return tmp_path


def scan(root: Path, *args: str) -> tuple[int, list[str], str]:
    result = runner.invoke(app, ["scan", str(root), "--format", "json", *args])
    rules = sorted({f["rule_id"] for f in json.loads(result.stdout)["findings"]}) if result.exit_code in (0, 1) else []
    return result.exit_code, rules, result.stderr


def test_both_rules_found_by_default(project: Path) -> None:
    assert scan(project)[:2] == (1, ["MCP001", "MCP002"])


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "MCP001,MCP002"],
        ["--select", "mcp001, mcp002"],
        ["--select", "hardcoded-secret,credential-in-url"],
        ["--select", "MCP00"],
        ["--select", "all"],
        ["--select", "MCP001", "--select", "Credential-In-Url"],
    ],
)
def test_select_accepts_comma_lists_any_case_prefixes_and_names(project: Path, args: list[str]) -> None:
    assert scan(project, *args)[:2] == (1, ["MCP001", "MCP002"])


@pytest.mark.parametrize("selector", ["mcp002", "credential-in-url", "MCP002"])
def test_select_one_rule_in_any_spelling(project: Path, selector: str) -> None:
    assert scan(project, "--select", selector)[:2] == (1, ["MCP002"])


@pytest.mark.parametrize("selector", ["hardcoded-secret", "mcp001", "MCP001,"])
def test_ignore_accepts_names_and_any_case(project: Path, selector: str) -> None:
    assert scan(project, "--ignore", selector)[:2] == (1, ["MCP002"])


@pytest.mark.parametrize(
    "args",
    [["--select", "FOO123"], ["--select", "MCP001,FOO123"], ["--ignore", "hardcoded-secrets"], ["--select", "MCP999"]],
)
def test_unknown_selector_is_a_usage_error_naming_the_valid_choices(project: Path, args: list[str]) -> None:
    code, _, stderr = scan(project, *args)
    assert code == 2
    assert stderr.count("\n") == 1 and "unknown rule" in stderr
    assert "MCP001" in stderr and "MCP016" in stderr and "hardcoded-secret" in stderr


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("select: [mcp002]\n", (1, ["MCP002"])),
        ("select: MCP001,credential-in-url\n", (1, ["MCP001", "MCP002"])),
        ("ignore: [hardcoded-secret]\n", (1, ["MCP002"])),
        ("severity: {hardcoded-secret: note, mcp002: note}\nfail-on: warning\n", (0, ["MCP001", "MCP002"])),
    ],
)
def test_configuration_takes_the_same_selectors(project: Path, config: str, expected: tuple) -> None:
    write_tree(project, {".mcplint.yaml": config})
    assert scan(project)[:2] == expected


@pytest.mark.parametrize(
    "config", ["select: [FOO1]\n", "ignore: [MCP0X]\n", "severity: {MCP999: error}\n", "severity: {nope: note}\n"]
)
def test_unknown_selector_in_the_configuration_is_exit_2(project: Path, config: str) -> None:
    write_tree(project, {".mcplint.yaml": config})
    code, _, stderr = scan(project)
    assert code == 2
    assert ".mcplint.yaml" in stderr and "unknown rule" in stderr and "MCP001" in stderr


def test_severity_prefix_applies_to_every_matching_rule(project: Path) -> None:
    write_tree(project, {".mcplint.yaml": "severity: {MCP00: note}\n"})
    result = runner.invoke(app, ["scan", str(project), "--format", "json"])
    assert result.exit_code == 0
    assert {f["severity"] for f in json.loads(result.stdout)["findings"]} == {"note"}


def test_resolve_keeps_order_and_drops_duplicates() -> None:
    assert resolve(["mcp002,MCP001", "credential-in-url"], "--select") == ["MCP002", "MCP001"]
    assert resolve(["ALL"], "--select") == ["MCP"]
    with pytest.raises(SelectorError, match="--select"):
        resolve(["MCPX"], "--select")
