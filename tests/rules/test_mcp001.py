"""MCP001 hardcoded-secret: security severity by where the secret sits."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_repo
from rule_helpers import (
    assert_never_printed,
    github_token,
    hits,
    mcp_json,
    run,
)

from mcplint.reporters import render


def test_mcp001_security_severity_grows_env_header_args_url(tmp_path: Path) -> None:
    token = github_token()
    root = make_repo(
        tmp_path,
        {
            ".mcp.json": mcp_json(
                {
                    "in-env": {"command": "npx", "env": {"GITHUB_TOKEN": token}},
                    "in-header": {"type": "http", "url": "https://a.example.com/mcp", "headers": {"X-Token": token}},
                    "in-args": {"command": "npx", "args": ["-y", "@example/gh-mcp", "--token", token]},
                    "in-url": {"type": "http", "url": f"https://a.example.com/{token}/mcp"},
                    "in-command": {"command": f"gh-mcp --token {token}"},
                }
            )
        },
    )
    result = run(root, "MCP001")
    by_server = {f.message.split('of server "')[1].split('"')[0]: f for f in hits(result, "MCP001")}
    assert {name: f.security_severity for name, f in by_server.items()} == {
        "in-env": "7.5",
        "in-header": "8.0",
        "in-args": "8.5",
        "in-url": "9.1",
        "in-command": "8.5",
    }
    assert "process listings and shell history" in by_server["in-args"].message
    assert "proxy and server logs" in by_server["in-url"].message
    assert "process listings" in by_server["in-command"].message
    assert "process listings" not in by_server["in-env"].message
    sarif = json.loads(render("sarif", result))
    severities = sorted(float(r["properties"]["security-severity"]) for r in sarif["runs"][0]["results"])
    assert severities == [7.5, 8.0, 8.5, 8.5, 9.1]
    assert_never_printed(result, [token])
