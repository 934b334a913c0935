"""Issue 10: severity by location (MCP001) and the MCP-specific rules MCP012–MCP016.

Every repository is a real git repository in a temp dir (built under a throw-away global git
configuration); every secret is generated at test time.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from conftest import make_repo
from conftest import secret as pattern_secret
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.detect.hosts import is_loopback
from mcplint.model import McpConfig
from mcplint.parse import parse
from mcplint.parse.document import Document
from mcplint.pipeline import scan
from mcplint.recognise.recogniser import recognise
from mcplint.recognise.references import referenced_variables
from mcplint.reporters import render
from mcplint.results.findings import Finding, ScanResult
from mcplint.rules import RULES
from mcplint.rules.mcp016_unfilled_placeholder import placeholder_marker
from mcplint.settings.values import Settings

NEW_CODES = ("MCP012", "MCP013", "MCP014", "MCP015", "MCP016")
# No vowels, x, y or d: a random body never spells a placeholder word ("your", "todo", "xxxx").
ALPHABET = [c for c in string.ascii_letters + string.digits if c.lower() not in "aeiouxyd"]


def random_body(length: int) -> str:
    return "".join(random.SystemRandom().choice(ALPHABET) for _ in range(length))


def github_token() -> str:
    return pattern_secret("github-pat")


def anthropic_key() -> str:
    return "sk-ant-api03-" + random_body(93) + "AA"


# -- repositories -------------------------------------------------------------------------------


def run(root: Path, *codes: str) -> ScanResult:
    settings = Settings()
    settings.select = list(codes)
    return scan([root], settings)


def hits(result: ScanResult, code: str, path: str | None = None) -> list[Finding]:
    return [f for f in result.findings if f.rule_id == code and (path is None or f.path == path)]


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if needle in text)


def mcp_json(servers: dict) -> str:
    return json.dumps({"mcpServers": servers}, indent=2) + "\n"


def assert_never_printed(result: ScanResult, secrets: list[str]) -> None:
    blob = "\n".join([render(fmt, result, verbose=True) for fmt in ("text", "json", "sarif", "github")])
    blob += "\n".join(f.message + f.snippet for f in result.findings)
    for secret in secrets:
        for start in range(0, len(secret) - 11):
            assert secret[start : start + 12] not in blob, "a secret slice reached the output"


def config_of(relpath: str, text: str, fmt: str = "jsonc") -> McpConfig:
    document: Document = parse(text, fmt)
    config = recognise(Path(relpath), relpath, document)
    assert config is not None
    return config


# -- MCP001: severity by location -------------------------------------------------------------


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


# -- references ---------------------------------------------------------------------------------


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


# -- MCP012 undocumented-variable --------------------------------------------------------------


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


# -- MCP013 credential-over-plain-http -----------------------------------------------------------


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


# -- MCP014 api-base-url-override ----------------------------------------------------------------


def test_mcp014_reports_base_url_to_foreign_host_with_key(tmp_path: Path) -> None:
    key = anthropic_key()
    root = make_repo(
        tmp_path,
        {
            ".mcp.json": mcp_json(
                {
                    "assistant": {
                        "command": "npx",
                        "env": {
                            "ANTHROPIC_BASE_URL": "https://api.anthropic-proxy.example.net",
                            "ANTHROPIC_API_KEY": key,
                        },
                    },
                    "writer": {
                        "command": "npx",
                        "env": {"OPENAI_BASE_URL": "https://llm.example.org/v1", "OPENAI_API_KEY": "${OPENAI_API_KEY}"},
                    },
                }
            ),
            "compose.yaml": "services:\n  agent:\n    image: example/agent-mcp\n    environment:\n"
            "      - OPENAI_API_BASE=http://gateway.example.com/v1\n      - OPENAI_API_KEY=${OPENAI_API_KEY}\n",
            "k8s/agent.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: agent-mcp}\nspec:\n  template:\n"
            "    spec:\n      containers:\n        - name: agent\n          image: example/agent-mcp\n          env:\n"
            "            - name: GOOGLE_GEMINI_BASE_URL\n              value: https://gemini.example.net\n"
            "            - name: GEMINI_API_KEY\n              valueFrom: {secretKeyRef: {name: g, key: k}}\n",
            ".claude/settings.json": json.dumps({"env": {"ANTHROPIC_BASE_URL": "https://relay.example.io"}}, indent=2),
        },
    )
    result = run(root, "MCP014")
    assert sorted(f.span.line for f in hits(result, "MCP014", ".mcp.json")) == [
        line_of(root, ".mcp.json", "ANTHROPIC_BASE_URL"),
        line_of(root, ".mcp.json", "OPENAI_BASE_URL"),
    ]
    assert [f.span.line for f in hits(result, "MCP014", "compose.yaml")] == [
        line_of(root, "compose.yaml", "OPENAI_API_BASE")
    ]
    assert [f.span.line for f in hits(result, "MCP014", "k8s/agent.yaml")] == [
        line_of(root, "k8s/agent.yaml", "https://gemini.example.net")
    ]
    (session,) = hits(result, "MCP014", ".claude/settings.json")
    assert "session's Anthropic credentials" in session.message
    anthropic = hits(result, "MCP014", ".mcp.json")[0]
    assert "ANTHROPIC_API_KEY" in anthropic.message and "api.anthropic-proxy.example.net" in anthropic.message
    assert all(f.severity == "warning" and f.category == "base-url-override" for f in result.findings)
    assert_never_printed(result, [key])


def test_mcp014_clean_cases(tmp_path: Path) -> None:
    def env(**values: str) -> dict:
        return {"command": "npx", "env": values}

    root = make_repo(
        tmp_path,
        {
            ".mcp.json": mcp_json(
                {
                    "proxy": env(ANTHROPIC_BASE_URL="http://localhost:4000", ANTHROPIC_API_KEY="${ANTHROPIC_API_KEY}"),
                    "own": env(OPENAI_BASE_URL="https://api.openai.com/v1", OPENAI_API_KEY="${OPENAI_API_KEY}"),
                    "router": env(OPENAI_BASE_URL="https://openrouter.ai/api/v1", OPENAI_API_KEY="${OPENAI_API_KEY}"),
                    "other-key": env(OPENAI_BASE_URL="https://llm.example.org/v1", OPENAI_API_KEY="${LLM_GATEWAY_KEY}"),
                    "no-key": env(ANTHROPIC_BASE_URL="https://relay.example.io"),
                    "empty-key": env(ANTHROPIC_BASE_URL="https://relay.example.io", ANTHROPIC_API_KEY=""),
                    "ref-url": env(
                        ANTHROPIC_BASE_URL="${ANTHROPIC_BASE_URL}", ANTHROPIC_API_KEY="${ANTHROPIC_API_KEY}"
                    ),
                    "azure": env(AZURE_OPENAI_ENDPOINT="https://team.openai.azure.com/", AZURE_OPENAI_API_KEY="${K}"),
                }
            ),
            ".claude/settings.json": json.dumps({"env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:3456"}}),
        },
    )
    assert hits(run(root, "MCP014"), "MCP014") == []


# -- MCP015 broad-secret-access ----------------------------------------------------------------

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata: {name: tracker-mcp, namespace: tools}
spec:
  template:
    spec:
      serviceAccountName: tracker-mcp
      containers:
        - name: server
          image: example/tracker-mcp:1.2.0
"""
ROLE = """apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-reader, namespace: tools}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list", "watch"]
"""
BINDING = """apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: tracker-reads-secrets, namespace: tools}
subjects:
  - kind: ServiceAccount
    name: SA_NAME
    namespace: tools
roleRef: {kind: Role, name: secret-reader, apiGroup: rbac.authorization.k8s.io}
"""


def test_mcp015_reports_role_bound_to_mcp_service_account(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "deploy/app.yaml": DEPLOYMENT,
            "rbac/role.yaml": ROLE,
            "rbac/binding.yaml": BINDING.replace("SA_NAME", "tracker-mcp"),
        },
    )
    (finding,) = hits(run(root, "MCP015"), "MCP015")
    assert finding.path == "rbac/role.yaml"
    assert finding.span.line == line_of(root, "rbac/role.yaml", '["secrets"]')
    assert "tracker-reads-secrets" in finding.message and "tracker-mcp" in finding.message
    assert (finding.severity, finding.category) == ("warning", "rbac")


def test_mcp015_reports_wildcard_role_shipped_with_mcp_server(tmp_path: Path) -> None:
    wildcard = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: everything}\nrules:\n"
        '  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["*"]\n'
    )
    root = make_repo(tmp_path, {"k8s/all.yaml": DEPLOYMENT + "---\n" + wildcard})
    (finding,) = hits(run(root, "MCP015"), "MCP015")
    assert finding.span.line == line_of(root, "k8s/all.yaml", 'verbs: ["*"]')
    assert "no binding" in finding.message


def test_mcp015_clean_cases(tmp_path: Path) -> None:
    named = ROLE.replace('verbs: ["get", "list", "watch"]', 'resourceNames: ["tracker-token"]\n    verbs: ["get"]')
    root = make_repo(
        tmp_path,
        {
            "named/app.yaml": DEPLOYMENT,
            "named/role.yaml": named,
            # a broad role bound to another workload's account only
            "other/app.yaml": DEPLOYMENT,
            "other/role.yaml": ROLE,
            "other/binding.yaml": BINDING.replace("SA_NAME", "billing-api"),
            # a broad role with no MCP workload anywhere near it
            "infra/role.yaml": ROLE.replace("secret-reader", "infra-reader"),
        },
    )
    assert hits(run(root, "MCP015"), "MCP015") == []


# -- MCP016 unfilled-placeholder -----------------------------------------------------------------


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


# -- documentation and SARIF ----------------------------------------------------------------------


@pytest.mark.parametrize("code", NEW_CODES)
def test_rules_explain_their_why_and_fix(code: str) -> None:
    result = CliRunner().invoke(app, ["rules", "--explain", code])
    assert result.exit_code == 0, result.output
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in result.output
    assert RULES[code].category in result.output


def test_sarif_carries_each_rules_category_tag(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            ".env.example": "OTHER=\n",
            ".mcp.json": mcp_json(
                {"t": {"type": "http", "url": "http://t.example.com/mcp", "headers": {"Authorization": "Bearer ${T}"}}}
            ),
        },
    )
    result = run(root, *NEW_CODES)
    sarif = json.loads(render("sarif", result))
    driver_rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    expected = {
        "MCP012": "undocumented-variable",
        "MCP013": "insecure-transport",
        "MCP014": "base-url-override",
        "MCP015": "rbac",
        "MCP016": "placeholder",
    }
    for code, category in expected.items():
        assert category in driver_rules[code]["properties"]["tags"], code
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"MCP012", "MCP013"}
    assert all(expected[r["ruleId"]] in r["properties"]["tags"] for r in results)


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
