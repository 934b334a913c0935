"""MCP001 hardcoded-secret: security severity by where the secret sits; one-word passwords for remote hosts."""

from __future__ import annotations

import json
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


# A one-word password and what sits beside it: (files, where the finding must be, or None).
WORD = "Marmalade"  # one dictionary word: alone it reads as a name, not a credential
REMOTE_CASES = {
    "env host, JSON": ({".mcp.json": mcp_json({"pg": {"command": "npx", "env": {
        "PGHOST": "db.acme-corp.io", "PGUSER": "app", "PGPASSWORD": WORD}}})}, ".mcp.json"),
    "url in args, JSON": ({".cursor/mcp.json": mcp_json({"db": {"command": "npx", "args": [
        "mcp-db", "postgresql://db.acme-corp.io:5432/app"], "env": {"DB_PASSWORD": WORD}}})}, ".cursor/mcp.json"),
    "private address, TOML": ({".codex/config.toml": (
        '[mcp_servers.db]\ncommand = "mcp-db"\n[mcp_servers.db.env]\n'
        f'DB_HOST = "10.20.30.40"\nDB_PASSWORD = "{WORD}"\n')}, ".codex/config.toml"),
    "remote host, .env": ({".env.production": f"DB_HOST=db.acme-corp.io:5432\nDB_PASSWORD={WORD}\n"},
                          ".env.production"),
}
LOCAL_CASES = {
    "loopback": {".mcp.json": mcp_json({"pg": {"command": "npx", "env": {"PGHOST": "localhost", "PGPASSWORD": WORD}}})},
    "container alias": {".mcp.json": mcp_json({"pg": {"command": "npx", "env": {"PGHOST": "db", "PGPASSWORD": WORD}}})},
    "documentation host": {".mcp.json": mcp_json({"pg": {"command": "npx", "env": {
        "PGHOST": "db.example.com", "PGPASSWORD": WORD}}})},
    "image default": {".mcp.json": mcp_json({"pg": {"command": "npx", "env": {
        "PGHOST": "db.acme-corp.io", "PGPASSWORD": "postgres"}}})},
    "placeholder": {".mcp.json": mcp_json({"pg": {"command": "npx", "env": {
        "PGHOST": "db.acme-corp.io", "PGPASSWORD": "changeme"}}})},
    "another server's host": {".mcp.json": mcp_json({
        "api": {"url": "https://api.acme-corp.io/mcp"}, "pg": {"command": "npx", "env": {"PGPASSWORD": WORD}}})},
    "not a password name": {".mcp.json": mcp_json({"pg": {"command": "npx", "env": {
        "PGHOST": "db.acme-corp.io", "PGDATABASE": WORD}}})},
}


@pytest.mark.parametrize("case", sorted(REMOTE_CASES))
def test_a_one_word_password_for_a_remote_host_is_reported(tmp_path: Path, case: str) -> None:
    files, where = REMOTE_CASES[case]
    repo = make_repo(tmp_path / "repo", files)
    found = hits(run(repo, "MCP001"), "MCP001")
    assert [(f.path, f.span.line) for f in found] == [(where, line_of(repo, where, WORD))]
    column = (repo / where).read_text(encoding="utf-8").splitlines()[found[0].span.line - 1].index(WORD) + 1
    assert found[0].span.col == column and "remote host" in found[0].message
    assert WORD not in render("text", run(repo, "MCP001")) and WORD not in render("sarif", run(repo, "MCP001"))


@pytest.mark.parametrize("case", sorted(LOCAL_CASES))
def test_a_one_word_password_without_a_remote_host_is_not(tmp_path: Path, case: str) -> None:
    repo = make_repo(tmp_path / "repo", LOCAL_CASES[case])
    assert hits(run(repo, "MCP001"), "MCP001") == []
