"""Audit per client: project entries named, distinct secrets counted, --select/--ignore as in scan."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import secret
from test_audit import CLEAN_ENV
from typer.testing import CliRunner

from mcplint.audit import audit
from mcplint.cli import app


def claude_json(token: str) -> str:
    return json.dumps({
        "mcpServers": {},
        "projects": {
            "/home/u/code/app": {"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": token}}}},
            "/home/u/code/other": {"mcpServers": {}},
        },
    }, indent=2)  # fmt: skip


def test_finding_in_a_claude_json_project_entry_names_the_project(tmp_path: Path) -> None:
    (tmp_path / ".claude.json").write_text(claude_json(secret("github-pat")))
    report = audit(platform="linux", home=tmp_path, env={})
    messages = [f.message for f in report.result.findings if f.rule_id == "MCP001"]
    assert len(messages) == 1 and messages[0].endswith('(in project "/home/u/code/app")')


def test_secrets_column_counts_distinct_secrets(tmp_path: Path) -> None:
    token = secret("github-pat")
    server = {"command": "npx", "args": ["--token", token], "env": {"GITHUB_TOKEN": token}}
    user = tmp_path / ".config" / "Code" / "User"
    user.mkdir(parents=True)
    (user / "mcp.json").write_text(json.dumps({"servers": {"gh": server}}, indent=2))
    (user / "settings.json").write_text(json.dumps({"mcp": {"servers": {"gh": server}}}, indent=2))
    report = audit(platform="linux", home=tmp_path, env={})
    assert len([f for f in report.result.findings if f.rule_id == "MCP001"]) == 4  # two places, two files
    assert [c.secrets for c in report.configs] == [1, 1]
    (row,) = report.summary()
    assert (row.app, row.configs, row.secrets) == ("VS Code", 2, 1)


def run_audit(home: Path, *args: str) -> list[str]:
    result = CliRunner(env=CLEAN_ENV).invoke(app, ["audit", "--home", str(home), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return sorted({f["rule_id"] for f in json.loads(result.stdout)["findings"]})


def test_select_and_ignore_work_as_in_scan(tmp_path: Path) -> None:
    config = tmp_path / ".cursor" / "mcp.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}}}}))
    config.chmod(0o644)
    assert run_audit(tmp_path, "--platform", "linux") == ["MCP001", "MCP011"]
    assert run_audit(tmp_path, "--platform", "linux", "--select", "MCP001") == ["MCP001"]
    assert run_audit(tmp_path, "--platform", "linux", "--ignore", "MCP001") == ["MCP011"]
    assert run_audit(tmp_path, "--platform", "linux", "--select", "MCP0", "--ignore", "MCP011") == ["MCP001"]
