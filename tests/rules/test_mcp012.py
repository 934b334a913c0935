"""MCP012 undocumented-variable."""

from __future__ import annotations

from pathlib import Path

from conftest import make_repo
from rule_helpers import (
    hits,
    line_of,
    mcp_json,
    run,
)


def test_mcp012_reports_variable_missing_from_template_and_readme(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            ".env.example": "GITHUB_TOKEN=\n# SENTRY_DSN=optional\n",
            "README.md": "Set `LINEAR_API_KEY` before starting.\n",
            "docs/setup/notion.md": "NOTION_TOKEN comes from the integration page.\n",
            ".mcp.json": mcp_json(
                {
                    "gh": {"command": "npx", "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}", "S": "${SENTRY_DSN}"}},
                    "jira": {"command": "npx", "env": {"JIRA_TOKEN": "${JIRA_TOKEN}", "J2": "${JIRA_TOKEN}"}},
                    "linear": {"command": "npx", "env": {"K": "${LINEAR_API_KEY}", "N": "${NOTION_TOKEN}"}},
                    "log": {"command": "npx", "env": {"LOG_LEVEL": "${LOG_LEVEL:-info}"}},
                    "hf": {"command": "uvx", "env": {"HF": "${HUGGINGFACE_TOKEN:-<your token>}"}},
                }
            ),
        },
    )
    result = run(root, "MCP012")
    found = hits(result, "MCP012", ".mcp.json")
    assert sorted(f.span.line for f in found) == sorted(
        [line_of(root, ".mcp.json", '"JIRA_TOKEN"'), line_of(root, ".mcp.json", "HUGGINGFACE_TOKEN")]
    )  # once per variable and file; documented names, real defaults and commented template lines pass
    assert all(f.severity == "note" and f.category == "undocumented-variable" for f in found)
    assert any("JIRA_TOKEN" in f.message and ".env.example" in f.message for f in found)


def test_mcp012_is_silent_without_an_env_template(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {".mcp.json": mcp_json({"j": {"command": "npx", "env": {"T": "${JIRA_TOKEN}"}}})})
    assert hits(run(root, "MCP012"), "MCP012") == []


def test_mcp012_ignores_an_untracked_ignored_template(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            ".gitignore": ".env*\n",
            ".env.example": "OTHER=\n",
            ".mcp.json": mcp_json({"j": {"command": "npx", "env": {"T": "${JIRA_TOKEN}"}}}),
        },
    )
    assert hits(run(root, "MCP012"), "MCP012") == []


def test_mcp012_reads_codex_name_fields(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            ".env.example": "TRACKER_TOKEN=\n",
            ".codex/config.toml": '[mcp_servers.tracker]\nurl = "https://t.example.com/mcp"\n'
            'bearer_token_env_var = "TRACKER_TOKEN"\n\n[mcp_servers.wh]\ncommand = "npx"\n'
            'env_vars = ["WAREHOUSE_PASSWORD"]\n',
        },
    )
    (finding,) = hits(run(root, "MCP012"), "MCP012")
    assert finding.span.line == line_of(root, ".codex/config.toml", "WAREHOUSE_PASSWORD")
    assert "WAREHOUSE_PASSWORD (named by env_vars)" in finding.message


def test_mcp012_documented_everywhere_is_clean(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "apps/api/.env.sample": "JIRA_TOKEN=\n",
            ".cursor/mcp.json": mcp_json(
                {"j": {"command": "npx", "env": {"T": "${env:JIRA_TOKEN}", "P": "${userHome}"}}}
            ),
        },
    )
    assert hits(run(root, "MCP012"), "MCP012") == []
