"""New provider formats found where MCP configs put them, in several client formats (class 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_repo, scan_tree, secret

from mcplint.detect import Detector

DETECTOR = Detector.default()
NEW_PATTERNS = [
    "cloudflare-origin-ca-key", "slack-workflow-webhook-url", "microsoft-teams-webhook",
    "slack-config-access-token", "slack-config-refresh-token", "gitlab-runner-registration-token",
    "bundler-credentials", "rubygems-api-key", "vault-service-token", "vault-batch-token",
    "terraform-cloud-token", "pulumi-access-token", "doppler-token", "heroku-api-key", "flyio-token",
    "planetscale-token", "openshift-user-token", "artifactory-api-key", "dynatrace-api-token",
    "new-relic-user-api-key", "onepassword-service-account-token", "age-secret-key",
    "sourcegraph-access-token", "clickhouse-cloud-api-secret", "prefect-api-key", "atlassian-api-token",
    "posthog-personal-api-key", "mapbox-secret-token", "brevo-api-key", "square-access-token",
    "apify-api-token", "xai-api-key", "huggingface-org-token", "x-bearer-token", "azure-entra-refresh-token",
]  # fmt: skip


def test_at_least_25_new_patterns_are_bundled() -> None:
    ids = {p.id for p in DETECTOR.patterns.patterns}
    assert len(NEW_PATTERNS) >= 25
    assert set(NEW_PATTERNS) <= ids


def _lines(root: Path, files: dict[str, str]) -> set[tuple[str, int]]:
    make_repo(root, files)
    return {(f.path, f.span.line) for f in scan_tree(root).findings if f.rule_id in ("MCP001", "MCP002")}


@pytest.mark.parametrize("pattern_id", [p for p in NEW_PATTERNS if p != "bundler-credentials"])
def test_new_pattern_found_in_cursor_env_and_codex_header(tmp_path: Path, pattern_id: str) -> None:
    token = secret(pattern_id)
    cursor = {"mcpServers": {"svc": {"command": "npx", "args": ["-y", "svc-mcp"], "env": {"SERVICE_TOKEN": token}}}}
    codex = (
        "[mcp_servers.svc]\nurl = \"https://mcp.example.org/mcp\"\n"
        f"http_headers = {{ \"Authorization\" = {json.dumps('Bearer ' + token)} }}\n"
    )
    found = _lines(tmp_path / "repo", {".cursor/mcp.json": json.dumps(cursor, indent=2), ".codex/config.toml": codex})
    assert (".cursor/mcp.json", 10) in found
    assert (".codex/config.toml", 3) in found


def test_slack_refresh_token_inside_a_url_query_string(tmp_path: Path) -> None:
    token = secret("slack-config-refresh-token")
    url = f"https://slack.example.org/mcp?team=T1&refresh_token={token}"
    hits = DETECTOR.scan(url, "url")
    assert [h.pattern_id for h in hits] == ["slack-config-refresh-token"]
    assert url[hits[0].start : hits[0].end] == token
    config = {"servers": {"slack": {"type": "http", "url": url}}}
    assert (".vscode/mcp.json", 5) in _lines(tmp_path / "repo", {".vscode/mcp.json": json.dumps(config, indent=2)})


def test_slack_config_access_token_as_a_positional_argument() -> None:
    token = secret("slack-config-access-token")
    assert token.startswith("xoxe.xoxp-")
    assert [h.pattern_id for h in DETECTOR.scan(token, None)] == ["slack-config-access-token"]
    assert DETECTOR.scan("xoxe.xoxp-1-RANDOMSTRINGHERE", "SLACK_CONFIG_TOKEN") == []


@pytest.mark.parametrize("pattern_id", ["gitlab-runner-token", "gitlab-runner-registration-token"])
def test_gitlab_runner_tokens_in_args(pattern_id: str) -> None:
    token = secret(pattern_id)
    assert [h.pattern_id for h in DETECTOR.scan(f"--registration-token={token}", None)] == [pattern_id]


def test_bundler_credentials_in_env_file_and_env_block(tmp_path: Path) -> None:
    value = secret("bundler-credentials")
    files = {
        ".env": f"BUNDLE_GEMS__CONTRIBSYS__COM={value}\nBUNDLE_RUBYGEMS__PKG__GITHUB__COM=username:password\n",
        ".mcp.json": json.dumps(
            {"mcpServers": {"ruby": {"command": "ruby-mcp", "env": {"BUNDLE_GEMS__EXAMPLE__COM": value}}}}, indent=2
        ),
    }
    assert _lines(tmp_path / "repo", files) == {(".env", 1), (".mcp.json", 6)}


def test_teams_webhook_in_continue_yaml(tmp_path: Path) -> None:
    url = secret("microsoft-teams-webhook")
    yaml_text = (
        "name: teams\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: teams\n    command: teams-mcp\n"
        f"    env:\n      TEAMS_WEBHOOK: {url}\n"
    )
    assert (".continue/mcpServers/teams.yaml", 8) in _lines(tmp_path / "repo", {".continue/mcpServers/teams.yaml": yaml_text})
