"""Recognise stage: kinds, servers and slots for every supported file family."""

from __future__ import annotations

import base64
import textwrap
from pathlib import Path

import pytest

from mcplint.model import (
    FIELD_ARG,
    FIELD_COMMAND,
    FIELD_ENV,
    FIELD_HEADER,
    FIELD_INPUT,
    FIELD_OTHER,
    FIELD_URL,
    McpConfig,
    Slot,
)
from mcplint.parse import parse
from mcplint.recognise.recogniser import CLIENTS, kind_from_path, recognise

FORMATS = {".json": "jsonc", ".jsonc": "jsonc", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}


def load(relpath: str, text: str, fmt: str | None = None) -> McpConfig | None:
    """Parse ``text`` as the file ``relpath`` and recognise it."""
    text = textwrap.dedent(text).lstrip("\n")
    if fmt is None:
        fmt = "dotenv" if kind_from_path(relpath) == "dotenv" else FORMATS[Path(relpath).suffix]
    doc = parse(text, fmt)
    return recognise(Path("/repo") / relpath, relpath, doc, kind_from_path(relpath))


def config_of(relpath: str, text: str, fmt: str | None = None) -> McpConfig:
    config = load(relpath, text, fmt)
    assert config is not None, f"{relpath} not recognised"
    return config


def position(config: McpConfig, slot: Slot) -> tuple[int, int]:
    """Line and column of the slot value's first character."""
    return config.document.position(slot.value.source_offset(0))


def locate(config: McpConfig, needle: str) -> tuple[int, int]:
    """Line and column of ``needle`` in the file text (must occur once)."""
    text = config.document.text
    assert text.count(needle) == 1, needle
    return config.document.position(text.index(needle))


def slot_for(config: McpConfig, value: str) -> Slot:
    """The one slot whose value is ``value``."""
    found = [slot for slot in config.slots if slot.text == value]
    assert len(found) == 1, (value, [(s.field, s.key, s.text[:8]) for s in found])
    return found[0]


def assert_slot(
    config: McpConfig, value: str, field: str, key: str | None, server: str | None, needle: str | None = None
) -> Slot:
    """The slot holding ``value`` has this field/key/server and sits where ``needle`` starts."""
    slot = slot_for(config, value)
    assert (slot.field, slot.key, slot.server) == (field, key, server)
    assert position(config, slot) == locate(config, needle or value)
    return slot


def assert_no_duplicates(config: McpConfig) -> None:
    """Every string scalar is at most one slot."""
    tokens = [(slot.value.span.start, slot.value.span.end) for slot in config.slots]
    assert len(tokens) == len(set(tokens))


# -- kind_from_path ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relpath", "kind"),
    [
        ("claude_desktop_config.json", "claude-desktop"),
        ("Library/Application Support/Claude/claude_desktop_config.json", "claude-desktop"),
        ("claude_desktop_config.example.json", "claude-desktop"),
        (".mcp.json", "claude-code"),
        ("packages/signer/.mcp.json", "claude-code"),
        (".claude/mcp.json", "claude-code"),
        (".claude/settings.local.json", "claude-code"),
        (".claude.json", "claude-code"),
        (".cursor/mcp.json", "cursor"),
        ("apps/worker/.cursor/mcp.json", "cursor"),
        (".vscode/mcp.json", "vscode"),
        (".vscode/settings.json", "vscode"),
        (".devcontainer/devcontainer.json", "vscode"),
        (".copilot/mcp-config.json", "copilot-cli"),
        (".codeium/windsurf/mcp_config.json", "windsurf"),
        (".windsurf/mcp_config.json", "windsurf"),
        (".gemini/config/mcp_config.json", "antigravity"),
        ("mcp_config.json", None),
        ("cline_mcp_settings.json", "cline"),
        (".roo/mcp.json", "roo"),
        (".zed/settings.json", "zed"),
        (".config/zed/settings.json", "zed"),
        (".continue/mcpServers/x.yaml", "continue"),
        (".continue/config.yaml", "continue"),
        (".gemini/settings.json", "gemini"),
        ("gemini-extension.json", "gemini"),
        (".codex/config.toml", "codex"),
        (".config/goose/config.yaml", "goose"),
        ("goose/config.yaml", "goose"),
        (".amazonq/mcp.json", "amazonq"),
        (".kiro/settings/mcp.json", "kiro"),
        (".junie/mcp/mcp.json", "junie"),
        (".lmstudio/mcp.json", "lmstudio"),
        ("opencode.json", "opencode"),
        (".config/opencode/opencode.jsonc", "opencode"),
        (".crush.json", "crush"),
        ("server.json", "registry-server"),
        ("servers/neo4j/server.yaml", "docker-mcp-catalog"),
        ("manifest.json", "mcpb"),
        ("smithery.yaml", "smithery"),
        ("docker-compose.yml", "compose"),
        ("deploy/compose.yaml", "compose"),
        ("docker-compose.prod.yaml", "compose"),
        (".env", "dotenv"),
        (".env.production", "dotenv"),
        ("apps/api/.env.example", "dotenv"),
        ("config/prod.env", "dotenv"),
        (".envrc", "dotenv"),
        (".env.d.ts", None),
        ("package.json", None),
        ("config.yaml", None),
        ("README.md", None),
        ("mcp.json", None),
    ],
)
def test_kind_from_path(relpath: str, kind: str | None) -> None:
    assert kind_from_path(relpath) == kind


def test_every_kind_has_a_client() -> None:
    kinds = {
        "claude-desktop", "claude-code", "cursor", "vscode", "copilot-cli", "windsurf", "cline", "roo", "zed",
        "continue", "gemini", "codex", "goose", "amazonq", "kiro", "junie", "lmstudio", "opencode", "crush",
        "antigravity", "generic", "registry-server", "mcpb", "smithery", "docker-mcp-catalog", "compose",
        "kubernetes", "dotenv",
    }  # fmt: skip
    assert kinds <= set(CLIENTS)
    for kind, client in CLIENTS.items():
        assert client.id == kind and client.name and client.advice
    assert CLIENTS["claude-code"].reference == "${VAR}"
    assert CLIENTS["cursor"].reference == "${env:VAR}"
    assert CLIENTS["vscode"].reference == "${env:VAR}"
    assert CLIENTS["opencode"].reference == "{env:VAR}"
    assert CLIENTS["continue"].reference == "${{ secrets.VAR }}"
    for kind in ("claude-desktop", "codex", "goose", "zed", "lmstudio"):
        assert CLIENTS[kind].reference is None
    assert FIELD_HEADER in CLIENTS["claude-code"].expands
    assert "env_vars" in CLIENTS["codex"].advice and "env_keys" in CLIENTS["goose"].advice


# -- mcpServers family -----------------------------------------------------------------------------


def test_claude_desktop_env_and_args() -> None:
    config = config_of(
        "claude_desktop_config.json",
        """
        {
          "mcpServers": {
            "notes": {
              "command": "npx",
              "args": ["-y", "@example/notes-mcp", "--api-key", "planted-key-1", "--token=abc123"],
              "env": { "NOTES_API_TOKEN": "planted-env-1" }
            }
          }
        }
        """,
    )
    assert config.kind == "claude-desktop"
    (server,) = config.servers
    assert (server.name, server.transport, server.command.value) == ("notes", "stdio", "npx")
    assert [key.text for key, _ in server.env] == ["NOTES_API_TOKEN"]
    assert_slot(config, "planted-env-1", FIELD_ENV, "NOTES_API_TOKEN", "notes")
    assert_slot(config, "planted-key-1", FIELD_ARG, "--api-key", "notes")
    assert_slot(config, "npx", FIELD_COMMAND, "command", "notes")
    assert_slot(config, "-y", FIELD_ARG, None, "notes")
    # --flag=value: a derived scalar whose column points at the value part
    derived = assert_slot(config, "abc123", FIELD_ARG, "--token", "notes")
    assert derived.value.verbatim and derived.path == ("mcpServers", "notes", "args", 4)
    assert position(config, derived) == locate(config, "abc123")
    assert_no_duplicates(config)


def test_claude_code_remote_headers_and_projects() -> None:
    config = config_of(
        ".mcp.json",
        """
        {
          "mcpServers": {
            "tickets": {
              "type": "http",
              "url": "https://tickets.example.com/mcp?key=planted-url",
              "headers": { "Authorization": "Bearer planted-header" }
            }
          }
        }
        """,
    )
    assert config.kind == "claude-code"
    (server,) = config.servers
    assert server.transport == "http" and [k.text for k, _ in server.headers] == ["Authorization"]
    assert_slot(config, "Bearer planted-header", FIELD_HEADER, "Authorization", "tickets")
    assert_slot(config, "https://tickets.example.com/mcp?key=planted-url", FIELD_URL, "url", "tickets")
    assert_slot(config, "http", FIELD_OTHER, "type", "tickets", needle='http",')

    user = config_of(
        ".claude.json",
        """
        {
          "numStartups": 3,
          "projects": {
            "/home/me/app": {
              "mcpServers": { "db": { "command": "uvx", "env": { "DB_PASSWORD": "planted-project" } } }
            }
          }
        }
        """,
    )
    assert user.kind == "claude-code" and [s.name for s in user.servers] == ["db"]
    slot = assert_slot(user, "planted-project", FIELD_ENV, "DB_PASSWORD", "db")
    assert slot.path == ("projects", "/home/me/app", "mcpServers", "db", "env", "DB_PASSWORD")


def test_claude_code_settings_env_map() -> None:
    config = config_of(
        ".claude/settings.local.json",
        """
        {
          "env": { "ANTHROPIC_API_KEY": "planted-settings" },
          "apiKeyHelper": "echo planted-helper",
          "enabledMcpjsonServers": ["github"]
        }
        """,
    )
    assert config.kind == "claude-code" and config.servers == []
    assert_slot(config, "planted-settings", FIELD_ENV, "ANTHROPIC_API_KEY", None)
    assert_slot(config, "echo planted-helper", FIELD_OTHER, "apiKeyHelper", None)


def test_cursor_auth_secret_and_docker_env_args() -> None:
    config = config_of(
        ".cursor/mcp.json",
        """
        {
          "mcpServers": {
            "search": {
              "url": "https://search.example.com/mcp",
              "auth": { "CLIENT_ID": "id-1", "CLIENT_SECRET": "planted-auth" }
            },
            "box": {
              "command": "docker",
              "args": ["run", "-i", "--rm", "-e", "API_KEY=planted-docker", "-e", "PASS", "example/image"]
            }
          }
        }
        """,
    )
    assert config.kind == "cursor"
    assert [(s.name, s.transport) for s in config.servers] == [("search", "http"), ("box", "stdio")]
    assert_slot(config, "planted-auth", FIELD_OTHER, "CLIENT_SECRET", "search")
    assert_slot(config, "planted-docker", FIELD_ARG, "API_KEY", "box")
    assert_slot(config, "PASS", FIELD_ARG, "-e", "box")


def test_vscode_servers_inputs_and_header_arg() -> None:
    config = config_of(
        ".vscode/mcp.json",
        """
        {
          "inputs": [
            { "type": "promptString", "id": "wiki-token", "password": true, "default": "planted-input" }
          ],
          "servers": {
            "wiki": {
              "type": "sse",
              "url": "https://wiki.example.com/sse",
              "headers": { "Authorization": "Bearer ${input:wiki-token}" }
            },
            "proxy": {
              "command": "npx",
              "args": ["-y", "mcp-remote", "https://api.example.com/mcp", "--header", "X-Api-Key: planted-proxy"]
            }
          }
        }
        """,
    )
    assert config.kind == "vscode"
    assert [(s.name, s.transport) for s in config.servers] == [("wiki", "sse"), ("proxy", "stdio")]
    assert_slot(config, "planted-input", FIELD_INPUT, "wiki-token", None)
    assert_slot(config, "planted-proxy", FIELD_HEADER, "X-Api-Key", "proxy")


def test_vscode_devcontainer_and_settings() -> None:
    devcontainer = config_of(
        ".devcontainer/devcontainer.json",
        """
        {
          "name": "dev",
          "customizations": { "vscode": { "mcp": { "servers": {
            "files": { "command": "npx", "env": { "FILES_TOKEN": "planted-dev" } }
          } } } }
        }
        """,
    )
    assert devcontainer.kind == "vscode" and [s.name for s in devcontainer.servers] == ["files"]
    assert_slot(devcontainer, "planted-dev", FIELD_ENV, "FILES_TOKEN", "files")

    settings = config_of(
        ".vscode/settings.json",
        """
        {
          "editor.tabSize": 2,
          "mcp": { "servers": { "ctx": { "type": "http", "url": "https://c.example.com/mcp",
                   "headers": { "CONTEXT7_API_KEY": "planted-settings" } } } }
        }
        """,
    )
    assert settings.kind == "vscode"
    assert_slot(settings, "planted-settings", FIELD_HEADER, "CONTEXT7_API_KEY", "ctx")
    # an editor settings file without MCP servers is not an MCP config
    assert load(".vscode/settings.json", '{ "editor.tabSize": 2, "token": "x" }') is None
    assert load(".devcontainer/devcontainer.json", '{ "name": "dev", "image": "python" }') is None


def test_windsurf_server_url() -> None:
    config = config_of(
        ".codeium/windsurf/mcp_config.json",
        """
        {
          "mcpServers": {
            "issues": {
              "serverUrl": "https://issues.example.com/mcp",
              "headers": { "X-API-Key": "planted-windsurf" }
            }
          }
        }
        """,
    )
    assert config.kind == "windsurf"
    (server,) = config.servers
    assert server.transport == "http" and server.url is not None and server.url.value.startswith("https://issues")
    assert_slot(config, "https://issues.example.com/mcp", FIELD_URL, "serverUrl", "issues")
    assert_slot(config, "planted-windsurf", FIELD_HEADER, "X-API-Key", "issues")


def test_cline_nested_transport() -> None:
    config = config_of(
        "cline_mcp_settings.json",
        """
        {
          "mcpServers": {
            "crm": {
              "transport": {
                "type": "streamableHttp",
                "url": "https://crm.example.com/mcp",
                "headers": { "X-API-Key": "planted-cline" }
              },
              "disabled": false
            }
          }
        }
        """,
    )
    assert config.kind == "cline"
    (server,) = config.servers
    assert (server.name, server.transport) == ("crm", "http")
    assert_slot(config, "planted-cline", FIELD_HEADER, "X-API-Key", "crm")


@pytest.mark.parametrize(
    ("relpath", "kind"),
    [
        (".roo/mcp.json", "roo"),
        (".kiro/settings/mcp.json", "kiro"),
        (".amazonq/mcp.json", "amazonq"),
        (".junie/mcp/mcp.json", "junie"),
        (".lmstudio/mcp.json", "lmstudio"),
        (".copilot/mcp-config.json", "copilot-cli"),
        (".gemini/config/mcp_config.json", "antigravity"),
    ],
)
def test_mcp_servers_clients(relpath: str, kind: str) -> None:
    config = config_of(
        relpath,
        """
        {
          "mcpServers": {
            "gh": { "command": "npx", "args": ["-y", "server-github"], "env": { "GITHUB_TOKEN": "planted-gh" } }
          }
        }
        """,
    )
    assert config.kind == kind and config.client.id == kind
    assert [(s.name, s.transport) for s in config.servers] == [("gh", "stdio")]
    assert_slot(config, "planted-gh", FIELD_ENV, "GITHUB_TOKEN", "gh")


def test_gemini_http_url_and_oauth_secret() -> None:
    config = config_of(
        ".gemini/settings.json",
        """
        {
          // comment
          "mcpServers": {
            "tickets": {
              "httpUrl": "https://tickets.example.com/mcp",
              "oauth": { "enabled": true, "clientId": "cid", "clientSecret": "planted-oauth" }
            }
          },
          "mcp": { "allowed": ["tickets"] }
        }
        """,
    )
    assert config.kind == "gemini"
    (server,) = config.servers
    assert (server.name, server.transport) == ("tickets", "http")
    assert_slot(config, "https://tickets.example.com/mcp", FIELD_URL, "httpUrl", "tickets")
    assert_slot(config, "planted-oauth", FIELD_OTHER, "clientSecret", "tickets")
    assert_slot(config, "tickets", FIELD_OTHER, "allowed", None, needle='tickets"]')


def test_gemini_extension_names_are_not_slots() -> None:
    config = config_of(
        "gemini-extension.json",
        """
        {
          "name": "ext",
          "mcpServers": { "s": { "command": "node", "args": ["${extensionPath}/index.js"] } },
          "settings": [ { "name": "Key", "envVar": "EXT_API_KEY", "sensitive": true } ]
        }
        """,
    )
    assert config.kind == "gemini"
    assert "EXT_API_KEY" not in [slot.text for slot in config.slots]


def test_zed_context_servers_extension_settings_and_legacy_command() -> None:
    config = config_of(
        ".zed/settings.json",
        """
        {
          // Zed settings
          "theme": "One Dark",
          "context_servers": {
            "mcp-server-github": { "settings": { "github_personal_access_token": "planted-zed" } },
            "kv": { "command": { "path": "npx", "args": ["-y", "memory"], "env": { "KV_TOKEN": "planted-kv" } } },
            "wiki": { "url": "https://wiki.example.com/mcp", "headers": { "Authorization": "Bearer planted-w" } },
          },
        }
        """,
    )
    assert config.kind == "zed"
    assert [(s.name, s.transport) for s in config.servers] == [
        ("mcp-server-github", "stdio"), ("kv", "stdio"), ("wiki", "http"),
    ]  # fmt: skip
    assert_slot(config, "planted-zed", FIELD_OTHER, "github_personal_access_token", "mcp-server-github")
    assert_slot(config, "planted-kv", FIELD_ENV, "KV_TOKEN", "kv")
    assert_slot(config, "npx", FIELD_COMMAND, "path", "kv")
    assert_slot(config, "Bearer planted-w", FIELD_HEADER, "Authorization", "wiki")
    assert_slot(config, "One Dark", FIELD_OTHER, "theme", None)


def test_continue_yaml_list_api_key_and_request_headers() -> None:
    config = config_of(
        ".continue/mcpServers/team.yaml",
        """
        name: team-mcp
        version: 0.0.1
        schema: v1
        mcpServers:
          - name: tracker
            type: streamable-http
            url: https://tracker.example.com/mcp
            apiKey: planted-apikey
            requestOptions:
              headers:
                X-Org: planted-reqheader
          - name: warehouse
            command: npx
            args: ["-y", "@example/warehouse-mcp", "--password", "planted-pw"]
            env:
              WAREHOUSE_PASSWORD: ${{ secrets.WAREHOUSE_PASSWORD }}
        """,
    )
    assert config.kind == "continue"
    assert [(s.name, s.transport) for s in config.servers] == [("tracker", "http"), ("warehouse", "stdio")]
    assert config.servers[0].name_key is not None and config.servers[0].name_key.span.line == 5
    assert_slot(config, "planted-apikey", FIELD_OTHER, "apiKey", "tracker")
    assert_slot(config, "planted-reqheader", FIELD_HEADER, "X-Org", "tracker")
    assert_slot(config, "planted-pw", FIELD_ARG, "--password", "warehouse")
    assert_slot(config, "${{ secrets.WAREHOUSE_PASSWORD }}", FIELD_ENV, "WAREHOUSE_PASSWORD", "warehouse")


def test_continue_config_without_servers_is_still_recognised() -> None:
    config = config_of(
        ".continue/config.yaml",
        """
        name: Local
        models:
          - name: GLM
            apiKey: planted-model-key
        """,
    )
    assert config.kind == "continue" and config.servers == []
    assert_slot(config, "planted-model-key", FIELD_OTHER, "apiKey", None)


def test_codex_toml_literals_and_name_fields() -> None:
    config = config_of(
        ".codex/config.toml",
        """
        model = "gpt-5"

        [mcp_servers.tracker]
        url = "https://tracker.example.com/mcp"
        bearer_token_env_var = "TRACKER_TOKEN"
        env_http_headers = { "X-Org-Id" = "TRACKER_ORG_ID" }
        http_headers = { "X-Api-Key" = "planted-codex-header" }

        [mcp_servers.warehouse]
        command = "npx"
        args = ["-y", "@example/warehouse-mcp"]
        env_vars = ["WAREHOUSE_PASSWORD", { name = "OTHER", source = "local" }]

        [mcp_servers.warehouse.env]
        WAREHOUSE_USER = "planted-codex-env"
        """,
    )
    assert config.kind == "codex"
    assert [(s.name, s.transport) for s in config.servers] == [("tracker", "http"), ("warehouse", "stdio")]
    assert_slot(config, "planted-codex-header", FIELD_HEADER, "X-Api-Key", "tracker")
    assert_slot(config, "planted-codex-env", FIELD_ENV, "WAREHOUSE_USER", "warehouse")
    texts = {slot.text for slot in config.slots}
    assert not texts & {"TRACKER_TOKEN", "TRACKER_ORG_ID", "WAREHOUSE_PASSWORD", "OTHER", "local"}
    assert_slot(config, "gpt-5", FIELD_OTHER, "model", None)


def test_goose_extensions() -> None:
    config = config_of(
        ".config/goose/config.yaml",
        """
        GOOSE_PROVIDER: anthropic
        extensions:
          crm:
            type: streamable_http
            name: crm
            uri: https://crm.example.com/mcp
            headers:
              X-Api-Key: planted-goose-header
          mailer:
            type: stdio
            cmd: npx
            args: ["-y", "mailgun-mcp"]
            envs:
              MAILGUN_API_KEY: planted-goose-env
            env_keys: ["MAILGUN_DOMAIN"]
        """,
    )
    assert config.kind == "goose"
    assert [(s.name, s.transport) for s in config.servers] == [("crm", "http"), ("mailer", "stdio")]
    assert config.servers[1].command is not None and config.servers[1].command.value == "npx"
    assert_slot(config, "https://crm.example.com/mcp", FIELD_URL, "uri", "crm")
    assert_slot(config, "planted-goose-header", FIELD_HEADER, "X-Api-Key", "crm")
    assert_slot(config, "planted-goose-env", FIELD_ENV, "MAILGUN_API_KEY", "mailer")
    assert "MAILGUN_DOMAIN" not in {slot.text for slot in config.slots}


def test_opencode_command_array_and_environment() -> None:
    config = config_of(
        "opencode.jsonc",
        """
        {
          "$schema": "https://opencode.ai/config.json",
          "mcp": {
            "tracker": {
              "type": "remote",
              "url": "https://tracker.example.com/mcp",
              "headers": { "Authorization": "Bearer {env:TRACKER_TOKEN}" },
            },
            "warehouse": {
              "type": "local",
              "command": ["npx", "-y", "@example/warehouse-mcp", "--key", "planted-oc-arg"],
              "environment": { "WAREHOUSE_PASSWORD": "planted-oc-env" },
            },
          },
        }
        """,
    )
    assert config.kind == "opencode"
    tracker, warehouse = config.servers
    assert (tracker.transport, warehouse.transport) == ("http", "stdio")
    assert warehouse.command is not None and warehouse.command.value == "npx"
    assert [arg.value for arg in warehouse.args] == ["-y", "@example/warehouse-mcp", "--key", "planted-oc-arg"]
    assert_slot(config, "npx", FIELD_COMMAND, "command", "warehouse")
    assert_slot(config, "planted-oc-arg", FIELD_ARG, "--key", "warehouse")
    assert_slot(config, "planted-oc-env", FIELD_ENV, "WAREHOUSE_PASSWORD", "warehouse")


def test_crush_mcp_map() -> None:
    config = config_of(
        ".crush.json",
        '{ "mcp": { "gh": { "type": "http", "url": "https://api.example.com/mcp/",'
        ' "headers": { "Authorization": "Bearer planted-crush" } } } }',
    )
    assert config.kind == "crush" and [(s.name, s.transport) for s in config.servers] == [("gh", "http")]
    assert_slot(config, "Bearer planted-crush", FIELD_HEADER, "Authorization", "gh")


def test_generic_content_only() -> None:
    config = config_of(
        "config/mcp/mcp.config.json",
        '{ "servers": { "brave": { "command": "npx", "env": { "BRAVE_API_KEY": "planted-generic" } } } }',
    )
    assert config.kind == "generic" and [s.name for s in config.servers] == ["brave"]
    assert_slot(config, "planted-generic", FIELD_ENV, "BRAVE_API_KEY", "brave")

    yaml_config = config_of(
        "librechat.yaml",
        """
        interface:
          mcpServers: { use: true }
        mcpServers:
          clickhouse:
            type: streamable-http
            url: http://clickhouse:8000/mcp
        """,
    )
    assert yaml_config.kind == "generic" and [s.name for s in yaml_config.servers] == ["clickhouse"]


@pytest.mark.parametrize(
    ("relpath", "text"),
    [
        ("package.json", '{ "name": "x", "dependencies": { "a": "1" }, "scripts": { "t": "pytest" } }'),
        ("config.yaml", "servers:\n  - web\n  - db\nmode: fast\n"),
        ("pyproject.toml", '[project]\nname = "x"\n'),
        ("pnpm-workspace.yaml", "packages:\n  - apps/*\n"),
        ("manifest.json", '{ "manifest_version": 3, "name": "chrome ext", "permissions": ["tabs"] }'),
        ("server.json", '{ "port": 8080, "host": "0.0.0.0" }'),
        ("docker-compose.yml", "version: '3'\n"),
    ],
)
def test_files_without_servers_are_not_recognised(relpath: str, text: str) -> None:
    assert load(relpath, text) is None


# -- manifests ---------------------------------------------------------------------------------------


def test_registry_server_json() -> None:
    config = config_of(
        "server.json",
        """
        {
          "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
          "name": "io.github.example/tracker",
          "version": "1.2.0",
          "packages": [
            {
              "registryType": "npm",
              "identifier": "@example/tracker-mcp",
              "transport": { "type": "stdio" },
              "packageArguments": [ { "type": "named", "name": "--token", "value": "planted-pkg-arg" } ],
              "environmentVariables": [
                { "name": "TRACKER_TOKEN", "isSecret": true, "default": "planted-reg-default" },
                { "name": "TRACKER_REGION", "value": "planted-reg-value" }
              ]
            }
          ],
          "remotes": [
            {
              "type": "streamable-http",
              "url": "https://{tenant}.tracker.example.com/mcp",
              "headers": [ { "name": "Authorization", "value": "Bearer planted-reg-header" } ]
            }
          ]
        }
        """,
    )
    assert config.kind == "registry-server"
    assert [(s.name, s.transport) for s in config.servers] == [
        ("@example/tracker-mcp", "stdio"), ("io.github.example/tracker", "http"),
    ]  # fmt: skip
    assert_slot(config, "planted-reg-default", FIELD_INPUT, "TRACKER_TOKEN", "@example/tracker-mcp")
    assert_slot(config, "planted-reg-value", FIELD_ENV, "TRACKER_REGION", "@example/tracker-mcp")
    assert_slot(config, "planted-pkg-arg", FIELD_ARG, "--token", "@example/tracker-mcp")
    assert_slot(config, "Bearer planted-reg-header", FIELD_HEADER, "Authorization", "io.github.example/tracker")
    assert_slot(config, "https://{tenant}.tracker.example.com/mcp", FIELD_URL, "url", "io.github.example/tracker")
    assert "TRACKER_TOKEN" not in {slot.text for slot in config.slots}


def test_registry_server_json_snake_case() -> None:
    config = config_of(
        "server.json",
        """
        {
          "$schema": "https://static.modelcontextprotocol.io/schemas/2025-07-09/server.schema.json",
          "name": "io.github.example/old",
          "packages": [
            { "registry_type": "pypi", "identifier": "old-mcp",
              "environment_variables": [ { "name": "OLD_KEY", "default": "planted-snake" } ],
              "runtime_arguments": [ { "type": "positional", "value_hint": "dsn", "value": "planted-rt" } ] }
          ],
          "remotes": [ { "transport_type": "sse", "url": "https://old.example.com/sse" } ]
        }
        """,
    )
    assert [(s.name, s.transport) for s in config.servers] == [("old-mcp", "stdio"), ("io.github.example/old", "sse")]
    assert_slot(config, "planted-snake", FIELD_INPUT, "OLD_KEY", "old-mcp")
    assert_slot(config, "planted-rt", FIELD_ARG, "dsn", "old-mcp")


def test_mcpb_manifest() -> None:
    config = config_of(
        "manifest.json",
        """
        {
          "manifest_version": "0.3",
          "name": "tracker",
          "server": {
            "type": "node",
            "entry_point": "server/index.js",
            "mcp_config": {
              "command": "node",
              "args": ["${__dirname}/server/index.js"],
              "env": { "TRACKER_TOKEN": "${user_config.tracker_token}", "LITERAL": "planted-mcpb-env" },
              "platform_overrides": { "win32": { "command": "node.exe", "env": { "WIN_KEY": "planted-win" } } }
            }
          },
          "user_config": {
            "tracker_token": { "type": "string", "sensitive": true, "default": "planted-mcpb-default" }
          }
        }
        """,
    )
    assert config.kind == "mcpb"
    (server,) = config.servers
    assert (server.name, server.transport, server.command.value) == ("tracker", "stdio", "node")
    assert_slot(config, "planted-mcpb-env", FIELD_ENV, "LITERAL", "tracker")
    assert_slot(config, "planted-win", FIELD_ENV, "WIN_KEY", "tracker")
    assert_slot(config, "node.exe", FIELD_COMMAND, "command", "tracker")
    assert_slot(config, "planted-mcpb-default", FIELD_INPUT, "tracker_token", None)


def test_smithery_yaml() -> None:
    config = config_of(
        "smithery.yaml",
        """
        runtime: container
        env:
          LOG_LEVEL: planted-smithery-env
        startCommand:
          type: stdio
          configSchema:
            type: object
            properties:
              trackerToken: { type: string, default: planted-schema-default }
          commandFunction: |-
            (config) => ({ command: 'node', args: ['dist/index.js'] })
          exampleConfig:
            trackerToken: "planted-example"
        """,
    )
    assert config.kind == "smithery"
    assert_slot(config, "planted-schema-default", FIELD_INPUT, "trackerToken", None)
    assert_slot(config, "planted-example", FIELD_INPUT, "trackerToken", None)
    assert_slot(config, "planted-smithery-env", FIELD_ENV, "LOG_LEVEL", None)
    command_function = next(slot for slot in config.slots if slot.key == "commandFunction")
    assert command_function.field == FIELD_OTHER


def test_docker_mcp_catalog() -> None:
    config = config_of(
        "servers/tracker/server.yaml",
        """
        name: tracker
        image: mcp/tracker
        type: server
        config:
          secrets:
            - name: tracker.token
              env: TRACKER_TOKEN
              example: planted-catalog-example
          env:
            - name: TRACKER_URL
              example: https://tracker.example.com
              value: "{{tracker.url}}"
        """,
    )
    assert config.kind == "docker-mcp-catalog" and [s.name for s in config.servers] == ["tracker"]
    assert_slot(config, "planted-catalog-example", FIELD_INPUT, "TRACKER_TOKEN", "tracker")
    assert_slot(config, "{{tracker.url}}", FIELD_ENV, "TRACKER_URL", "tracker")
    assert not {"TRACKER_TOKEN", "tracker.token", "TRACKER_URL"} & {slot.text for slot in config.slots}


# -- deployment --------------------------------------------------------------------------------------


def test_compose_environment_map_and_list() -> None:
    config = config_of(
        "docker-compose.yml",
        """
        services:
          db:
            image: postgres:15
            environment:
              POSTGRES_PASSWORD: planted-compose-map
          mcp:
            image: example/mcp
            command: ["python", "server.py", "--token", "planted-compose-arg"]
            environment:
              - API_KEY=planted-compose-list
              - PASSTHROUGH
        """,
    )
    assert config.kind == "compose"
    assert [s.name for s in config.servers] == ["db", "mcp"]
    assert_slot(config, "planted-compose-map", FIELD_ENV, "POSTGRES_PASSWORD", "db")
    listed = assert_slot(config, "planted-compose-list", FIELD_ENV, "API_KEY", "mcp")
    assert listed.value.span.col == locate(config, "API_KEY=")[1]  # the derived scalar keeps the token span
    assert_slot(config, "python", FIELD_COMMAND, "command", "mcp")
    assert_slot(config, "planted-compose-arg", FIELD_ARG, "--token", "mcp")
    assert [key.text for key, _ in config.servers[1].env] == ["API_KEY"]


def test_kubernetes_deployment_and_secrets() -> None:
    encoded = base64.b64encode(b"planted-decoded-secret").decode()
    config = config_of(
        "k8s/tools.yaml",
        f"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: tools
        spec:
          template:
            spec:
              containers:
                - name: server
                  image: example/tools:1
                  args: ["--api-key", "planted-k8s-arg"]
                  env:
                    - name: OPENAI_KEY
                      value: planted-k8s-env
                    - name: OTHER_KEY
                      valueFrom:
                        secretKeyRef: {{ name: tools, key: other }}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: tools
        stringData:
          anthropic: planted-string-data
        data:
          token: {encoded}
        """,
    )
    assert config.kind == "kubernetes"
    assert [s.name for s in config.servers] == ["server"]
    env_slot = assert_slot(config, "planted-k8s-env", FIELD_ENV, "OPENAI_KEY", "server")
    assert env_slot.path[0] == 0
    assert_slot(config, "planted-k8s-arg", FIELD_ARG, "--api-key", "server")
    assert_slot(config, "planted-string-data", FIELD_ENV, "anthropic", None)
    decoded = slot_for(config, "planted-decoded-secret")
    assert (decoded.field, decoded.key, decoded.value.verbatim) == (FIELD_ENV, "token", False)
    assert position(config, decoded) == locate(config, encoded)
    assert decoded.path == (1, "data", "token")
    texts = {slot.text for slot in config.slots}
    assert not texts & {"OPENAI_KEY", "OTHER_KEY", "other", encoded}


def test_kubernetes_configmap_and_helm_values() -> None:
    config = config_of("cm.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  DB_URL: planted-cm\n")
    assert config.kind == "kubernetes"
    assert_slot(config, "planted-cm", FIELD_ENV, "DB_URL", None)

    values = config_of(
        "chart/values.yaml",
        """
        image:
          repository: example/mcp
        env:
          API_TOKEN: planted-helm
        """,
    )
    assert values.kind == "kubernetes"
    assert_slot(values, "planted-helm", FIELD_ENV, "API_TOKEN", None)


def test_dotenv_every_variable() -> None:
    config = config_of(".env.production", '# comment\nexport API_KEY=planted-dotenv\nEMPTY=\nQUOTED="q-val"\n')
    assert config.kind == "dotenv" and config.servers == []
    assert [(slot.field, slot.key) for slot in config.slots] == [
        ("comment", None), (FIELD_ENV, "API_KEY"), (FIELD_ENV, "EMPTY"), (FIELD_ENV, "QUOTED"),
    ]  # fmt: skip
    assert position(config, slot_for(config, "planted-dotenv")) == (2, 16)
    assert position(config, slot_for(config, "q-val")) == (4, 9)


def test_every_string_becomes_one_slot() -> None:
    config = config_of(
        ".cursor/mcp.json",
        """
        {
          "mcpServers": {
            "a": { "command": "npx", "args": ["--x=1", "KEY=v", "--header", "H: v2", "plain"],
                   "env": { "E": "e" }, "headers": { "H": "h" }, "url": "https://u", "cwd": "/tmp" }
          },
          "extra": ["one", { "two": "2" }], "n": 3, "b": true, "z": null
        }
        """,
    )
    assert_no_duplicates(config)
    assert sorted(slot.text for slot in config.slots) == sorted(
        ["npx", "1", "v", "--header", "v2", "plain", "e", "h", "https://u", "/tmp", "one", "2"]
    )
    assert {slot.field for slot in config.slots if slot.server == "a"} == {
        FIELD_COMMAND, FIELD_ARG, FIELD_HEADER, FIELD_ENV, FIELD_URL, FIELD_OTHER,
    }  # fmt: skip
    assert [slot.value.span.start for slot in config.slots] == sorted(slot.value.span.start for slot in config.slots)


ODD_JSON = [
    "[]",
    '"x"',
    "{}",
    "null",
    '{"mcpServers": []}',
    '{"mcpServers": {"a": 1, "b": null}}',
    '{"mcpServers": {"a": {"command": 5, "args": "x", "env": ["A", 1, {"name": 2}], "headers": [1], "url": 3}}}',
    '{"mcpServers": {"a": {"command": [], "args": [1, null, ["x"], "--k"], "transport": {"headers": "h"}}}}',
    '{"servers": {"a": {"transport": "x"}}, "inputs": [1, {"default": 2}]}',
    '{"mcp": {"a": {"command": {"path": 1, "args": 2}}}, "projects": {"p": 1}}',
    '{"packages": [1, {"environmentVariables": [{"value": "v"}], "transport": "sse"}], "remotes": [1, {}]}',
    '{"manifest_version": 1, "server": {"mcp_config": {"platform_overrides": [1]}}, "user_config": {"k": 1}}',
    '{"startCommand": {"configSchema": {"properties": [1]}, "exampleConfig": 1}, "env": ["A=1"]}',
    '{"name": "x", "image": "y", "config": {"secrets": [1, {}], "env": [{"name": 1}]}, "remote": 1}',
    '{"services": {"a": 1, "b": {"environment": "A=1", "command": 5, "healthcheck": {"test": 1}}}}',
    '{"apiVersion": "v1", "kind": "Secret", "data": {"a": "!!notbase64", "b": 1, "c": "/w=="}}',
]


@pytest.mark.parametrize("text", ODD_JSON)
def test_recognise_never_raises_on_odd_shapes(text: str) -> None:
    doc = parse(text, "jsonc")
    for hint in [None, *CLIENTS]:
        config = recognise(Path("/repo/x.json"), "x.json", doc, hint)
        if config is not None:
            assert_no_duplicates(config)


def test_secret_data_that_is_not_text_keeps_the_encoded_value() -> None:
    config = config_of("s.yaml", "apiVersion: v1\nkind: Secret\ndata:\n  bin: /w==\n  bad: '!!'\n")
    assert [(slot.key, slot.text, slot.field) for slot in config.slots if slot.key in ("bin", "bad")] == [
        ("bin", "/w==", FIELD_ENV),
        ("bad", "!!", FIELD_ENV),
    ]
