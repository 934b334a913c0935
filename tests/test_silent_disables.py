"""Nothing silently disables the scan: an empty rule prefix or a non-positive size limit is a
usage error (exit 2), on the command line and in the configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import secret
from typer.testing import CliRunner

from mcplint.cli import app


@pytest.fixture
def leaking_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    config = {"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}}}}
    (tmp_path / ".mcp.json").write_text(json.dumps(config))
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [["--ignore", ""], ["--ignore", " "], ["--select", ""], ["--max-file-size", "-5"], ["--max-file-size", "0"]],
)
def test_cli_options_that_would_disable_the_scan_are_usage_errors(leaking_tree: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["scan", *args, str(leaking_tree)])
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize("line", ['ignore: [""]', "select: ['']", 'ignore: ["MCP002", " "]'])
def test_config_with_an_empty_rule_prefix_is_an_error(leaking_tree: Path, line: str) -> None:
    (leaking_tree / ".mcplint.yaml").write_text(line + "\n")
    result = CliRunner().invoke(app, ["scan", str(leaking_tree)])
    assert result.exit_code == 2, result.output
    assert "empty string" in result.output


def test_a_real_ignore_still_works(leaking_tree: Path) -> None:
    assert CliRunner().invoke(app, ["scan", str(leaking_tree)]).exit_code == 1
    result = CliRunner().invoke(app, ["scan", "--ignore", "MCP001", "--format", "json", str(leaking_tree)])
    assert result.exit_code != 2 and '"MCP001"' not in result.stdout
