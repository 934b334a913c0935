"""MCP016 unfilled-placeholder."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_repo
from rule_helpers import (
    assert_never_printed,
    github_token,
    hits,
    line_of,
    mcp_json,
    run,
)

from mcplint.pipeline import scan
from mcplint.rules import RULES
from mcplint.rules.mcp016_unfilled_placeholder import placeholder_marker
from mcplint.settings.values import Settings


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<YOUR_TOKEN>", True),
        ("your-api-key-here", True),
        ("YOUR_API_KEY", True),
        ("ghp_xxxxxxxxxxxxxxxx", True),
        ("sk-...", True),
        ("sk-proj-...", True),
        ("api.yourdomain.com", True),
        ("Q9yOuRkTbD7zW2mNcV4pL8sJ", False),  # random text that happens to contain "your"
        ("REPLACE_ME", True),
        ("https://<your-org>.atlassian.net", True),
        ("Bearer <token>", True),
        ("${GITHUB_TOKEN}", False),
        ("Bearer ${TOKEN}", False),
        ("info", False),
        ("", False),
        ("https://api.example.com/v1", False),
    ],
)
def test_placeholder_markers(value: str, expected: bool) -> None:
    assert (placeholder_marker(value) is not None) is expected


def test_mcp016_is_opt_in_and_reports_committed_placeholders(tmp_path: Path) -> None:
    token = github_token()
    servers = {
        "gh": {"command": "npx", "env": {"GITHUB_TOKEN": "<YOUR_GITHUB_TOKEN>", "REAL": token, "REF": "${X}"}},
        "wiki": {"type": "http", "url": "https://wiki.example.com/mcp", "headers": {"Authorization": "Bearer <token>"}},
        "fs": {"command": "npx", "args": ["-y", "@example/fs-mcp", "/Users/YOUR_USERNAME/projects"]},
    }
    root = make_repo(
        tmp_path,
        {
            ".mcp.json": mcp_json(servers),
            "examples/.mcp.json": mcp_json(servers),
            "mcp.example.json": mcp_json(servers),
            ".env.example": "GITHUB_TOKEN=<YOUR_GITHUB_TOKEN>\n",
            ".cursor/mcp.json": mcp_json(servers),
        },
        untracked=(".cursor/mcp.json",),
    )
    assert RULES["MCP016"].enabled_by_default is False
    assert hits(scan([root], Settings()), "MCP016") == []
    result = run(root, "MCP016")
    found = hits(result, "MCP016")
    assert {f.path for f in found} == {".mcp.json"}
    assert sorted(f.span.line for f in found) == sorted(
        line_of(root, ".mcp.json", needle) for needle in ("<YOUR_GITHUB", "Bearer <token>", "YOUR_USERNAME")
    )
    assert all(f.severity == "note" and f.category == "placeholder" for f in found)
    assert_never_printed(result, [token])
