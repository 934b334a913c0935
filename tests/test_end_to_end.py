"""The whole pipeline on every client format: a planted secret is found at its exact place, and a
reference or placeholder in that client's own syntax is not."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import secret as pattern_secret

from mcplint.pipeline import scan
from mcplint.reporters import FORMATS, render
from mcplint.settings.values import Settings

RNG = random.Random(4242)


def github_token() -> str:
    return pattern_secret("github-pat", RNG)


# relpath, text with {secret} where the literal goes and {ref} where the client's reference goes.
CLIENT_FILES: dict[str, tuple[str, str]] = {
    "claude-desktop": (
        "claude_desktop_config.json",
        '{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n'
        '      "args": ["-y", "@modelcontextprotocol/server-github"],\n'
        '      "env": {"GITHUB_TOKEN": "{secret}", "OTHER_TOKEN": "<YOUR_TOKEN>"}\n    }\n  }\n}\n',
    ),
    "claude-code": (
        ".mcp.json",
        '{\n  "mcpServers": {\n    "github": {\n      "type": "stdio",\n      "command": "npx",\n'
        '      "env": {\n        "GITHUB_TOKEN": "{secret}",\n        "OTHER_TOKEN": "${OTHER_TOKEN}"\n      }\n    }\n  }\n}\n',
    ),
    "cursor": (
        ".cursor/mcp.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "url": "https://api.example.com/mcp",\n'
        '      "headers": {"Authorization": "Bearer {secret}", "X-Other": "Bearer ${env:OTHER_TOKEN}"}\n    }\n  }\n}\n',
    ),
    "vscode": (
        ".vscode/mcp.json",
        '{\n  // workspace servers\n  "inputs": [{"type": "promptString", "id": "tok", "password": true}],\n'
        '  "servers": {\n    "gh": {\n      "type": "stdio",\n      "command": "npx",\n'
        '      "env": {"GITHUB_TOKEN": "{secret}", "OTHER_TOKEN": "${input:tok}"},\n    },\n  },\n}\n',
    ),
    "windsurf": (
        ".codeium/windsurf/mcp_config.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "serverUrl": "https://api.example.com/mcp",\n'
        '      "headers": {"Authorization": "Bearer {secret}", "X-Other": "${env:OTHER_TOKEN}"}\n    }\n  }\n}\n',
    ),
    "cline": (
        "cline_mcp_settings.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "command": "npx",\n      "args": ["server-github"],\n'
        '      "env": {"GITHUB_TOKEN": "{secret}", "OTHER_TOKEN": "${env:OTHER_TOKEN}"},\n'
        '      "disabled": false,\n      "autoApprove": []\n    }\n  }\n}\n',
    ),
    "roo": (
        ".roo/mcp.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "command": "npx",\n'
        '      "env": {"OTHER_TOKEN": "${env:OTHER_TOKEN}", "GITHUB_TOKEN": "{secret}"}\n    }\n  }\n}\n',
    ),
    "zed": (
        ".zed/settings.json",
        '// Zed settings\n{\n  "theme": "One Dark",\n  "context_servers": {\n    "gh": {\n      "command": "npx",\n'
        '      "args": ["server-github"],\n      "env": {"GITHUB_TOKEN": "{secret}", "OTHER_TOKEN": "<YOUR_TOKEN>"}\n    }\n  }\n}\n',
    ),
    "gemini": (
        ".gemini/settings.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "httpUrl": "https://api.example.com/mcp",\n'
        '      "headers": {"Authorization": "Bearer {secret}", "X-Other": "$OTHER_TOKEN"}\n    }\n  }\n}\n',
    ),
    "codex": (
        ".codex/config.toml",
        '# Codex\nmodel = "o4-mini"\n\n[mcp_servers.gh]\ncommand = "npx"\nargs = ["-y", "server-github"]\n'
        'env_vars = ["OTHER_TOKEN"]\n\n[mcp_servers.gh.env]\nGITHUB_TOKEN = "{secret}"\n',
    ),
    "continue": (
        ".continue/mcpServers/github.yaml",
        "name: github\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: gh\n    command: npx\n"
        "    env:\n      GITHUB_TOKEN: {secret}\n      OTHER_TOKEN: ${{ secrets.OTHER_TOKEN }}\n",
    ),
    "goose": (
        ".config/goose/config.yaml",
        "extensions:\n  github:\n    type: stdio\n    name: github\n    cmd: npx\n    args: [-y, server-github]\n"
        "    envs:\n      GITHUB_TOKEN: \"{secret}\"\n    env_keys: [OTHER_TOKEN]\n    enabled: true\n",
    ),
    "lmstudio": (
        ".lmstudio/mcp.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "command": "npx",\n'
        '      "env": {"GITHUB_TOKEN": "{secret}", "OTHER_TOKEN": "your-api-key-here"}\n    }\n  }\n}\n',
    ),
    "opencode": (
        "opencode.jsonc",
        '{\n  "$schema": "https://opencode.ai/config.json",\n  "mcp": {\n    "gh": {\n      "type": "local",\n'
        '      "command": ["npx", "-y", "server-github"],\n'
        '      "environment": {"GITHUB_TOKEN": "{secret}", "OTHER_TOKEN": "{env:OTHER_TOKEN}"},\n    },\n  },\n}\n',
    ),
}


def plant(tmp_path: Path, client: str) -> tuple[Path, str, int, int]:
    """Write the client's file with a fresh secret; return repo, secret and its 1-based line/column."""
    relpath, template = CLIENT_FILES[client]
    secret = github_token()
    text = template.replace("{secret}", secret)
    target = tmp_path / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    before = text[: text.index(secret)]
    return tmp_path, secret, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize("client", sorted(CLIENT_FILES))
def test_planted_secret_found_at_exact_place_and_reference_not(tmp_path: Path, client: str) -> None:
    root, secret, line, col = plant(tmp_path, client)
    result = scan([root], Settings())
    assert not result.diagnostics, result.diagnostics
    relpath = CLIENT_FILES[client][0]
    hits = [(f.rule_id, f.path, f.span.line, f.span.col) for f in result.findings]
    assert hits == [("MCP001", relpath, line, col)], hits
    assert result.findings[0].span.end_col == col + len(secret)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_reporter_prints_a_planted_secret(tmp_path: Path, fmt: str) -> None:
    secrets = []
    for client in CLIENT_FILES:
        _, secret, _, _ = plant(tmp_path, client)
        secrets.append(secret)
    result = scan([tmp_path], Settings())
    assert len(result.findings) == len(CLIENT_FILES)
    output = render(fmt, result)
    for secret in secrets:
        assert secret not in output
        assert secret[4:16] not in output  # not even a 12-character slice of the body


def test_cli_scan_sarif_file_and_exit_code(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    plant(repo, "claude-code")
    out = tmp_path / "out.sarif"
    done = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", str(repo), "--format", "sarif", "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    log = json.loads(out.read_text())
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["MCP001/env"]  # one descriptor per location class
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ".mcp.json"


def test_cli_clean_tree_exits_zero(tmp_path: Path) -> None:
    (tmp_path / ".mcp.json").write_text('{"mcpServers": {"a": {"command": "x", "env": {"T": "${T}"}}}}')
    done = subprocess.run([sys.executable, "-m", "mcplint", "scan", str(tmp_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No problems found" in done.stdout


def test_cli_usage_error_exits_two(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", str(tmp_path / "missing")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_malformed_file_does_not_hide_other_findings(tmp_path: Path) -> None:
    root, _, line, _ = plant(tmp_path, "claude-code")
    (tmp_path / ".cursor").mkdir()
    (tmp_path / ".cursor" / "mcp.json").write_text('{"mcpServers": {"x": {"command": "npx",,}')
    result = scan([root], Settings())
    assert [d.path for d in result.diagnostics] == [".cursor/mcp.json"]
    assert result.diagnostics[0].line == 1
    assert [(f.path, f.span.line) for f in result.findings] == [(".mcp.json", line)]


def test_paths_are_relative_to_the_repository_when_a_subdirectory_is_scanned(tmp_path: Path) -> None:
    sub = tmp_path / "services" / "api"
    sub.mkdir(parents=True)
    _, _, line, _ = plant(sub, "claude-code")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = scan([sub], Settings())
    assert [(f.path, f.span.line) for f in result.findings] == [("services/api/.mcp.json", line)]
