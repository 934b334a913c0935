"""MCP013 credential-over-plain-http."""

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

from mcplint.detect.hosts import is_loopback


@pytest.mark.parametrize(
    "host",
    ["localhost", "api.localhost", "127.0.0.1", "127.8.9.10", "[::1]", "0.0.0.0", "host.docker.internal"],
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host", ["10.0.0.4", "192.168.1.2", "mcp.example.com", "svc.ns.svc.cluster.local", "[fe80::1]"]
)
def test_non_loopback_hosts(host: str) -> None:
    assert not is_loopback(host)


def test_mcp013_reports_each_credential_sent_over_http(tmp_path: Path) -> None:
    token = github_token()
    root = make_repo(
        tmp_path,
        {
            ".mcp.json": mcp_json(
                {
                    "header-ref": {
                        "type": "http",
                        "url": "http://tickets.example.com/mcp",
                        "headers": {"Authorization": "Bearer ${TICKETS_TOKEN}", "Accept": "text/event-stream"},
                    },
                    "header-literal": {
                        "type": "http",
                        "url": "http://10.0.0.7:8000/mcp",
                        "headers": {"X-API-Key": token},
                    },
                    "query": {"type": "sse", "url": "http://search.example.com/sse?api_key=${SEARCH_KEY}"},
                    "userinfo": {"type": "http", "url": "http://bot:${BOT_PASSWORD}@chat.example.com/mcp"},
                    "bridge": {
                        "command": "npx",
                        "args": ["mcp-remote", "http://wiki.example.com/sse", "--header", "Authorization: Bearer ${W}"],
                    },
                }
            ),
            ".codex/config.toml": '[mcp_servers.t]\nurl = "http://tracker.example.com/mcp"\n'
            'bearer_token_env_var = "TRACKER_TOKEN"\n',
        },
    )
    result = run(root, "MCP013")
    found = hits(result, "MCP013", ".mcp.json")
    lines = {f.span.line for f in found}
    for needle in (
        '"Authorization": "Bearer ${TICKETS',
        '"X-API-Key"',
        "api_key=",
        "bot:",
        "Authorization: Bearer ${W}",
    ):
        assert line_of(root, ".mcp.json", needle) in lines, needle
    assert line_of(root, ".mcp.json", '"Accept"') not in lines
    assert len(found) == 5
    assert all(f.severity == "error" and f.category == "insecure-transport" for f in found)
    (codex,) = hits(result, "MCP013", ".codex/config.toml")
    assert codex.span.line == line_of(root, ".codex/config.toml", "bearer_token_env_var")
    assert "tracker.example.com" in codex.message
    assert_never_printed(result, [token])


def test_mcp013_clean_for_https_loopback_and_unauthenticated_http(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            ".mcp.json": mcp_json(
                {
                    "tls": {
                        "type": "http",
                        "url": "https://t.example.com/mcp",
                        "headers": {"Authorization": "Bearer ${T}"},
                    },
                    "local": {
                        "type": "http",
                        "url": "http://localhost:3000/mcp",
                        "headers": {"Authorization": "Bearer ${T}"},
                    },
                    "docker": {
                        "type": "http",
                        "url": "http://host.docker.internal:8080/mcp",
                        "headers": {"X-API-Key": "${K}"},
                    },
                    "v6": {"type": "http", "url": "http://[::1]:9000/mcp?token=${T}"},
                    "anon": {"type": "http", "url": "http://docs.example.com/mcp"},
                    "empty": {"type": "http", "url": "http://docs.example.com/mcp", "headers": {"Authorization": ""}},
                    "ref-url": {"type": "http", "url": "${MCP_URL}", "headers": {"Authorization": "Bearer ${T}"}},
                    "ref-default": {
                        "type": "http",
                        "url": "${MCP_URL:-http://docs.example.com/mcp}",
                        "headers": {"Authorization": "Bearer ${T}"},
                    },
                }
            )
        },
    )
    assert hits(run(root, "MCP013"), "MCP013") == []


def test_mcp013_reads_secret_headers_declared_by_a_registry_remote(tmp_path: Path) -> None:
    remote = {
        "type": "streamable-http",
        "url": "http://tracker.example.com/mcp",
        "headers": [{"name": "Authorization", "isSecret": True}, {"name": "X-Trace", "isSecret": False}],
    }
    server_json = {"name": "io.example/tracker", "version": "1.0.0", "remotes": [remote]}
    root = make_repo(tmp_path, {"server.json": json.dumps(server_json, indent=2)})
    (finding,) = hits(run(root, "MCP013"), "MCP013")
    assert finding.span.line == line_of(root, "server.json", '"Authorization"')
