"""Conventions users expect of a linter's command line: ``-h``, ``--quiet``, ``--statistics``,
``FORCE_COLOR``, a closing "N fixable with `mcplint fix`" hint, JSON for ``rules`` and
``audit --list-locations``, and the one-line summary on stderr when ``-o`` takes the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import secret, write_tree
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.rules import all_rules

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two fixable MCP001 (Claude Code expands ${VAR} in env) and one MCP002 (not fixable)."""
    config = {
        "mcpServers": {
            "a": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}},
            "b": {"command": "npx", "env": {"OTHER_GITHUB_TOKEN": secret("github-pat")}},
            "db": {"command": "pg", "args": ["postgres://admin:Xq7vR2mK9pLw4sZt@db.example.com/app"]},
        }
    }
    return write_tree(tmp_path / "proj", {".mcp.json": json.dumps(config, indent=2) + "\n"})


@pytest.mark.parametrize("args", [["-h"], ["scan", "-h"], ["rules", "-h"], ["audit", "-h"], ["baseline", "-h"]])
def test_short_help(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_fixable_hint_closes_the_text_report(project: Path) -> None:
    result = runner.invoke(app, ["scan", str(project)])
    assert result.exit_code == 1
    assert result.stdout.rstrip().splitlines()[-1] == "2 fixable with `mcplint fix` (it shows the diff before --write)."


def test_no_hint_without_fixable_findings(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mcp.json": '{"mcpServers": {"a": {"command": "x", "env": {"T": "${T}"}}}}'})
    assert "fixable" not in runner.invoke(app, ["scan", str(tmp_path)]).stdout


def test_quiet_prints_findings_only(project: Path) -> None:
    result = runner.invoke(app, ["scan", str(project), "--quiet"])
    assert result.exit_code == 1
    assert "MCP001" in result.stdout and "Found" not in result.stdout and "fixable" not in result.stdout


def test_statistics_counts_per_rule(project: Path) -> None:
    result = runner.invoke(app, ["scan", str(project), "--statistics"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "2\tMCP001\t[*] hardcoded-secret" in lines and "1\tMCP002\t    credential-in-url" in lines
    assert "^^^" not in result.stdout  # counts instead of the findings
    stats = json.loads(runner.invoke(app, ["scan", str(project), "--statistics", "--format", "json"]).stdout)
    assert stats == [
        {"code": "MCP001", "name": "hardcoded-secret", "count": 2, "fixable": 2},
        {"code": "MCP002", "name": "credential-in-url", "count": 1, "fixable": 0},
    ]


@pytest.mark.parametrize(("env", "colored"), [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False), ({}, False)])
def test_force_color(project: Path, env: dict[str, str], colored: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    result = runner.invoke(app, ["scan", str(project)], env=env)
    assert ("\x1b[" in result.stdout) is colored
    assert "\x1b[" not in runner.invoke(app, ["scan", str(project), "--no-color"], env=env).stdout


def test_output_file_keeps_the_summary_on_stderr(project: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(project), "-f", "sarif", "-o", str(tmp_path / "r.sarif")])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "Found 3 problems (3 errors) in 1 file; 1 file scanned.",
        f"Report written to {tmp_path / 'r.sarif'}.",
    ]


def test_rules_json_lists_every_rule_with_its_documentation() -> None:
    data = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)
    assert [r["code"] for r in data] == [r.code for r in all_rules()]
    assert {"code", "name", "severity", "category", "summary", "enabled_by_default", "security_severity", "doc"} <= set(data[0])
    one = json.loads(runner.invoke(app, ["rules", "--explain", "hardcoded-secret", "--format", "json"]).stdout)
    assert one["code"] == "MCP001" and "## What it does" in one["doc"]


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_rules_refuses_formats_it_does_not_have(fmt: str) -> None:
    result = runner.invoke(app, ["rules", "--format", fmt])
    assert result.exit_code == 2 and "text or json" in result.stderr


def test_audit_list_locations_as_json(tmp_path: Path) -> None:
    home = write_tree(tmp_path / "home", {".cursor/mcp.json": "{}"})
    result = runner.invoke(app, ["audit", "--list-locations", "--format", "json", "--home", str(home), "--platform", "linux"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["platform"] == "linux" and data["home"] == str(home)
    cursor = [loc for loc in data["read"] if loc["app"] == "Cursor" and loc["path"] == str(home / ".cursor" / "mcp.json")]
    assert [loc["state"] for loc in cursor] == ["found"]
    assert all({"app", "client", "path", "state", "note"} <= set(loc) for loc in data["read"])
    assert all({"app", "path", "note"} <= set(loc) for loc in data["never_read"])
