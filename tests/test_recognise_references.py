"""The variables each client's reference syntax names, and where they sit."""

from __future__ import annotations

import json

import pytest
from rule_helpers import (
    config_of,
    mcp_json,
)

from mcplint.recognise.references import referenced_variables


@pytest.mark.parametrize(
    ("relpath", "text", "fmt", "expected"),
    [
        (
            ".mcp.json",
            mcp_json({"s": {"command": "x", "env": {"A": "${ALPHA}", "B": "${env:BETA}", "C": "${GAMMA:-x}"}}}),
            "jsonc",
            {"ALPHA", "GAMMA"},  # Claude Code does not expand ${env:BETA}
        ),
        (
            ".vscode/mcp.json",
            json.dumps(
                {
                    "servers": {
                        "s": {
                            "command": "x",
                            "args": ["${workspaceFolder}", "${input:tok}"],
                            "env": {"A": "${env:ALPHA}", "H": "${userHome}"},
                        }
                    }
                }
            ),
            "jsonc",
            {"ALPHA"},
        ),
        (
            "opencode.json",
            json.dumps(
                {"mcp": {"s": {"type": "remote", "url": "https://e.example.com", "headers": {"A": "{env:ALPHA}"}}}}
            ),
            "jsonc",
            {"ALPHA"},
        ),
        (
            ".continue/mcpServers/s.yaml",
            "name: t\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: s\n    command: npx\n"
            "    env:\n      A: ${{ secrets.ALPHA }}\n",
            "yaml",
            {"ALPHA"},
        ),
        (
            ".gemini/settings.json",
            mcp_json({"s": {"command": "x", "env": {"A": "$ALPHA", "B": "%BETA%", "H": "$HOME"}}}),
            "jsonc",
            {"ALPHA", "BETA"},
        ),
        (
            ".codex/config.toml",
            '[mcp_servers.t]\nurl = "https://t.example.com/mcp"\nbearer_token_env_var = "ALPHA"\n'
            'env_http_headers = { "X-Org" = "BETA" }\n\n[mcp_servers.w]\ncommand = "npx"\n'
            'env_vars = ["GAMMA", { name = "DELTA", source = "local" }]\n',
            "toml",
            {"ALPHA", "BETA", "GAMMA", "DELTA"},
        ),
        (
            "server.json",
            json.dumps(
                {
                    "name": "io.example/s",
                    "version": "1.0.0",
                    "packages": [
                        {"registryType": "npm", "identifier": "@e/s", "environmentVariables": [{"name": "ALPHA"}]}
                    ],
                }
            ),
            "jsonc",
            {"ALPHA"},
        ),
    ],
)
def test_referenced_variables_follow_each_clients_syntax(relpath: str, text: str, fmt: str, expected: set) -> None:
    config = config_of(relpath, text, fmt)
    assert {use.name for use in referenced_variables(config)} == expected


def test_referenced_variable_offsets_point_at_the_reference() -> None:
    text = mcp_json({"s": {"type": "http", "url": "https://e.example.com", "headers": {"A": "Bearer ${TOK}"}}})
    config = config_of(".mcp.json", text)
    (use,) = referenced_variables(config)
    assert text[use.start : use.end] == "${TOK}"
    assert (use.server, use.field, use.key) == ("s", "header", "A")
