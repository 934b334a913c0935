"""Server collections of every shape, shared file names, MCP resources in Kubernetes, declared inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import secret

from mcplint.settings.values import Settings


def scan_tree(root: Path, files: dict[str, str], *select: str):  # noqa: ANN201 - (configs by path, findings)
    from mcplint import pipeline

    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    settings = Settings()
    if select:
        settings.extend_select = list(select)
    found = pipeline.collect([root], settings)
    findings, _ = pipeline.check_configs(found.configs, found.diagnostics, settings, found.root, repo=found.repo)
    return {c.relpath: c for c in found.configs}, findings


def at(text: str, value: str) -> tuple[int, int]:
    offset = text.index(value)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def found_at(findings: list, path: str, text: str, value: str, rule: str = "MCP001") -> bool:
    line, col = at(text, value)
    return any(f.rule_id == rule and f.path == path and (f.span.line, f.span.col) == (line, col) for f in findings)


# -- lists of server objects and dotted keys ------------------------------------------------------


def test_mcp_servers_list_in_json(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = json.dumps({"mcp": {"servers": [{"name": "gh", "command": "npx", "env": {"GITHUB_TOKEN": token}}]}}, indent=2)
    configs, findings = scan_tree(tmp_path, {"tools/mcp-settings.json": text})
    config = configs["tools/mcp-settings.json"]
    assert [s.name for s in config.servers] == ["gh"]
    assert found_at(findings, "tools/mcp-settings.json", text, token)
    assert 'server "gh"' in next(f.message for f in findings if f.rule_id == "MCP001")


def test_goose_recipe_extensions_list(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = (
        "version: 1.0.0\ntitle: Review\ninstructions: Review the PR\nextensions:\n"
        "  - type: stdio\n    name: github\n    cmd: npx\n    args: [-y, server-github]\n"
        f"    envs:\n      GITHUB_TOKEN: {token}\n"
    )
    configs, findings = scan_tree(tmp_path, {"recipes/review.yaml": text})
    assert configs["recipes/review.yaml"].kind == "goose"
    assert [s.name for s in configs["recipes/review.yaml"].servers] == ["github"]
    assert found_at(findings, "recipes/review.yaml", text, token)


def test_toml_array_of_tables_is_mistral_vibe_by_content(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = f'[[mcp_servers]]\nname = "gh"\ntransport = "stdio"\ncommand = "npx"\nenv = {{ GITHUB_TOKEN = "{token}" }}\n'
    configs, findings = scan_tree(tmp_path, {"agent/settings.toml": text})
    assert configs["agent/settings.toml"].kind == "mistral-vibe"
    assert found_at(findings, "agent/settings.toml", text, token)


def test_api_key_env_names_a_variable_not_a_value(tmp_path: Path) -> None:
    text = '[[mcp_servers]]\nname = "gh"\ntransport = "http"\nurl = "https://example.com/mcp"\napi_key_env = "GH_API_TOKEN"\n'
    configs, findings = scan_tree(tmp_path, {".vibe/config.toml": text})
    from mcplint.recognise.references import referenced_variables

    uses = referenced_variables(configs[".vibe/config.toml"])
    assert [(u.name, u.field, u.server) for u in uses] == [("GH_API_TOKEN", "api_key_env", "gh")]
    assert not [s for s in configs[".vibe/config.toml"].slots if s.text == "GH_API_TOKEN"]


@pytest.mark.parametrize("key", ["amp.mcpServers", "augment.advanced.mcpServers"])
def test_dotted_keys(tmp_path: Path, key: str) -> None:
    token = secret("github-pat")
    servers: object = {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": token}}}
    if key.startswith("augment"):
        servers = [{"name": "gh", "command": "npx", "env": {"GITHUB_TOKEN": token}}]
    text = json.dumps({"editor.fontSize": 12, key: servers}, indent=2)
    configs, findings = scan_tree(tmp_path, {"User/settings-export.json": text})
    assert [s.name for s in configs["User/settings-export.json"].servers] == ["gh"]
    assert found_at(findings, "User/settings-export.json", text, token)


def test_codex_profiles_hold_servers(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = f'[profiles.work.mcp_servers.gh]\ncommand = "npx"\n\n[profiles.work.mcp_servers.gh.env]\nGH_TOKEN = "{token}"\n'
    configs, findings = scan_tree(tmp_path, {".codex/config.toml": text})
    assert [s.name for s in configs[".codex/config.toml"].servers] == ["gh"]
    assert found_at(findings, ".codex/config.toml", text, token)


def test_docker_catalog_file_registry_entries(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = (
        "registry:\n  github:\n    image: mcp/github\n    title: GitHub\n    secrets:\n"
        "      - name: github.token\n        env: GITHUB_TOKEN\n    config:\n      secrets:\n"
        f"        - name: github.token\n          env: GITHUB_TOKEN\n          example: {token}\n"
    )
    configs, findings = scan_tree(tmp_path, {".docker/mcp/catalogs/custom.yaml": text})
    config = configs[".docker/mcp/catalogs/custom.yaml"]
    assert config.kind == "docker-mcp-toolkit" and [s.name for s in config.servers] == ["github"]
    assert found_at(findings, ".docker/mcp/catalogs/custom.yaml", text, token)


# -- plugins, extensions and shared names -------------------------------------------------------


def test_claude_plugin_mcp_json_beside_claude_plugin_folder(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = json.dumps({"gh": {"command": "${CLAUDE_PLUGIN_ROOT}/server", "env": {"GITHUB_TOKEN": token}}}, indent=2)
    configs, findings = scan_tree(tmp_path, {"plugin/.mcp.json": text, "plugin/.claude-plugin/plugin.json": "{}"})
    assert configs["plugin/.mcp.json"].kind == "claude-code-plugin"
    assert found_at(findings, "plugin/.mcp.json", text, token)


def test_mcp_json_with_mcp_servers_stays_claude_code(tmp_path: Path) -> None:
    text = json.dumps({"mcpServers": {"gh": {"command": "npx"}}})
    configs, _ = scan_tree(tmp_path, {".mcp.json": text})
    assert configs[".mcp.json"].kind == "claude-code"


def test_plugin_json_server_path_is_not_a_server(tmp_path: Path) -> None:
    text = json.dumps({"name": "tools", "mcpServers": "./.mcp.json"})
    configs, findings = scan_tree(tmp_path, {".claude-plugin/plugin.json": text})
    assert configs[".claude-plugin/plugin.json"].servers == [] and findings == []


def test_plugin_user_config_and_extension_settings_are_declared_inputs(tmp_path: Path) -> None:
    plugin = json.dumps({"name": "t", "userConfig": {
        "api_token": {"type": "string", "title": "API token"},
        "marked_token": {"type": "string", "title": "API token", "sensitive": True},
        "workspace": {"type": "string", "title": "Workspace"},
    }}, indent=2)  # fmt: skip
    extension = json.dumps({"name": "t", "version": "1", "settings": [
        {"name": "API key", "description": "Service API key", "envVar": "SERVICE_API_KEY"},
        {"name": "Token", "description": "Service token", "envVar": "SERVICE_TOKEN", "sensitive": True},
        {"name": "Region", "description": "Region", "envVar": "SERVICE_REGION"},
    ]}, indent=2)  # fmt: skip
    configs, findings = scan_tree(tmp_path, {".claude-plugin/plugin.json": plugin, "gemini-extension.json": extension})
    inputs = configs[".claude-plugin/plugin.json"].inputs
    assert [(i.name, i.sensitive) for i in inputs] == [("api_token", False), ("marked_token", True), ("workspace", False)]
    flagged = sorted((f.path, f.span.line) for f in findings if f.rule_id == "MCP009")
    assert flagged == [(".claude-plugin/plugin.json", at(plugin, '"api_token"')[0]),
                       ("gemini-extension.json", at(extension, '"API key"')[0])]
    # an envVar names a variable: not a slot, but a reference
    assert not [s for s in configs["gemini-extension.json"].slots if s.text == "SERVICE_API_KEY"]


def test_plugin_user_config_default_holding_a_secret_is_found(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = json.dumps({"name": "t", "userConfig": {"gh": {"type": "string", "sensitive": True, "default": token}}},
                      indent=2)
    _, findings = scan_tree(tmp_path, {".claude-plugin/plugin.json": text})
    assert found_at(findings, ".claude-plugin/plugin.json", text, token)


# -- MCP resources in Kubernetes ----------------------------------------------------------------


def test_toolhive_mcpserver_env_is_read_like_a_deployment(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = (
        "apiVersion: toolhive.stacklok.dev/v1alpha1\nkind: MCPServer\nmetadata:\n  name: github\nspec:\n"
        "  image: ghcr.io/github/github-mcp-server\n  transport: stdio\n  env:\n"
        f"    - name: GITHUB_PERSONAL_ACCESS_TOKEN\n      value: {token}\n"
        "  secrets:\n    - name: github-token\n      key: token\n      targetEnvName: GITHUB_TOKEN\n"
    )
    configs, findings = scan_tree(tmp_path, {"deploy/github.yaml": text})
    config = configs["deploy/github.yaml"]
    assert config.kind == "kubernetes" and [s.name for s in config.servers] == ["github"]
    assert found_at(findings, "deploy/github.yaml", text, token)
    assert not any(f.path == "deploy/github.yaml" and "github-token" in f.message for f in findings)


def test_toolhive_env_gives_what_the_same_deployment_env_gives(tmp_path: Path) -> None:
    env = "    - name: DATABASE_PASSWORD\n      value: Vq8#kLz2!mRt7wPq\n"
    crd = "apiVersion: toolhive.stacklok.dev/v1alpha1\nkind: MCPServer\nmetadata:\n  name: db\nspec:\n  env:\n" + env
    deployment = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: db\n          env:\n" + "".join("        " + line + "\n" for line in env.splitlines())
    )
    _, findings = scan_tree(tmp_path, {"a/crd.yaml": crd, "b/deployment.yaml": deployment})
    rules = {path: sorted(f.rule_id for f in findings if f.path == path) for path in ("a/crd.yaml", "b/deployment.yaml")}
    assert rules["a/crd.yaml"] == rules["b/deployment.yaml"] != []
    assert found_at(findings, "a/crd.yaml", crd, "Vq8#kLz2!mRt7wPq", rule=rules["a/crd.yaml"][0])


def test_kagent_remote_mcp_server_headers(tmp_path: Path) -> None:
    token = secret("github-pat")
    text = (
        "apiVersion: kagent.dev/v1alpha2\nkind: RemoteMCPServer\nmetadata:\n  name: github\nspec:\n"
        "  protocol: STREAMABLE_HTTP\n  url: https://api.githubcopilot.com/mcp/\n  headersFrom:\n"
        f"    - name: Authorization\n      value: Bearer {token}\n"
        "    - name: X-Other\n      valueFrom:\n        type: Secret\n        name: other\n        key: token\n"
    )
    configs, findings = scan_tree(tmp_path, {"deploy/remote.yaml": text})
    server = configs["deploy/remote.yaml"].servers[0]
    assert server.name == "github" and server.transport == "http"
    assert [k.text for k, _ in server.headers] == ["Authorization"]
    assert found_at(findings, "deploy/remote.yaml", text, token)


def test_variable_names_in_nested_and_listed_containers_know_their_server(tmp_path: Path) -> None:
    from mcplint.recognise.references import referenced_variables

    settings = json.dumps({"mcp": {"servers": {"gh": {"command": "npx", "env_vars": ["GH_TOKEN"]}}}})
    listed = json.dumps({"mcp": {"servers": [{"name": "gh", "command": "npx", "env_vars": ["GH_TOKEN"]}]}})
    configs, _ = scan_tree(tmp_path, {".vscode/settings.json": settings, "tools/mcp.json": listed})
    for rel in (".vscode/settings.json", "tools/mcp.json"):
        assert [(u.name, u.server) for u in referenced_variables(configs[rel])] == [("GH_TOKEN", "gh")], rel
