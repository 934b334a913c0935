"""Provider tokens anywhere in a scanned file, and secrets in commented-out lines (classes 3 and 2)."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from conftest import make_repo, scan_tree, secret

_RNG = random.Random("mcplint-test-detect-anywhere")


def _random_key(length: int = 32) -> str:
    """A provider-less credential: what the name-aware check is for."""
    return "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(length))


def _secret_findings(root: Path, files: dict[str, str]) -> list[tuple[str, int, int, str]]:
    make_repo(root, files)
    return sorted(
        (f.path, f.span.line, f.span.col, f.message) for f in scan_tree(root).findings if f.rule_id == "MCP001"
    )


def _line_col(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# -- class 3: anywhere in a parsed file ------------------------------------------------------------


def test_tokens_in_positional_args_other_sections_list_items_and_keys(tmp_path: Path) -> None:
    tokens = [secret("github-pat") for _ in range(4)]
    text = json.dumps(
        {
            "app": {"apiKey": tokens[0], "plugins": ["a", tokens[1]], "cache": {tokens[2]: True}},
            "mcpServers": {"x": {"command": "mcp-server-x", "args": ["start", tokens[3]]}},
        },
        indent=2,
    )
    found = _secret_findings(tmp_path / "repo", {".mcp.json": text})
    assert [(line, col) for _, line, col, _ in found] == [_line_col(text, token) for token in tokens]
    assert "mapping key" in found[2][3]


def test_token_as_a_yaml_map_key_and_list_item(tmp_path: Path) -> None:
    key_token, item_token = secret("anthropic-api-key"), secret("slack-bot-token")
    text = (
        "name: x\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: x\n    command: x\n"
        f"    args:\n      - {item_token}\nextra:\n  {key_token}: enabled\n"
    )
    found = _secret_findings(tmp_path / "repo", {".continue/mcpServers/x.yaml": text})
    assert [(line, col) for _, line, col, _ in found] == [_line_col(text, item_token), _line_col(text, key_token)]


def test_short_keys_are_not_scanned_as_tokens(tmp_path: Path) -> None:
    text = json.dumps({"mcpServers": {"github": {"command": "x", "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}}}})
    assert _secret_findings(tmp_path / "repo", {".mcp.json": text}) == []


# -- class 3: inside unparsable files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "template"),
    [
        (".cursor/mcp.json", '{"mcpServers": {"x": {"command": "x", "args": ["a", "{t}",, ]}}}\n'),
        (".vscode/mcp.json", '{"servers": {"x": {"command": "x",\n  "args": ["{t}" "b"]}}}\n'),
        (".codex/config.toml", '[mcp_servers.x]\ncommand = "x"\n[mcp_servers.x]\nargs = ["--verbose", "{t}"]\n'),
        (".codex/config.toml", "[mcp_servers.x]\ncommand = 'x'\n[mcp_servers.x]\nargs = ['{t}']\n"),
        (".continue/mcpServers/x.yaml", "mcpServers:\n  - name: x\n    args: [{t}\n  bad: : :\n"),
    ],
)
def test_every_provider_token_of_a_broken_file_is_found_with_its_position(
    tmp_path: Path, path: str, template: str
) -> None:
    token = secret("github-pat")
    text = template.replace("{t}", token)
    make_repo(tmp_path / "repo", {path: text})
    result = scan_tree(tmp_path / "repo")
    assert any(d.path == path and "could not parse" in d.message for d in result.diagnostics)
    found = [(f.span.line, f.span.col) for f in result.findings if f.rule_id == "MCP001"]
    assert found == [_line_col(text, token)]


def test_a_broken_file_reports_each_token_once(tmp_path: Path) -> None:
    first, second = secret("github-pat"), secret("openai-project-key")
    text = '{"mcpServers": {"x": {"env": {"GITHUB_TOKEN": "' + first + '"}, "args": ["' + second + '",,]}}}'
    make_repo(tmp_path / "repo", {".mcp.json": text})
    found = [(f.span.line, f.span.col) for f in scan_tree(tmp_path / "repo").findings if f.rule_id == "MCP001"]
    assert found == [_line_col(text, first), _line_col(text, second)]


# -- class 2: commented-out lines ------------------------------------------------------------------

CASES = [
    (".vscode/mcp.json", '{\n  // "GITHUB_TOKEN": "{v}",\n  "servers": {"x": {"command": "x"}}\n}\n'),
    (".cursor/mcp.json", '{\n  /* old config:\n     "API_KEY": "{v}" */\n  "mcpServers": {}\n}\n'),
    (".continue/mcpServers/x.yaml", "mcpServers:\n  - name: x\n    command: x\n    env:\n      # API_KEY: {v}\n"),
    (".codex/config.toml", '[mcp_servers.x]\ncommand = "x"\n# env = { API_KEY = "{v}" }\n'),
    (".env", "X=1\n# API_KEY={v}\n"),
]


@pytest.mark.parametrize(("path", "template"), CASES)
def test_named_secret_in_a_comment_is_reported(tmp_path: Path, path: str, template: str) -> None:
    value = _random_key()
    text = template.replace("{v}", value)
    found = _secret_findings(tmp_path / "repo", {path: text})
    assert [(p, line, col) for p, line, col, _ in found] == [(path, *_line_col(text, value))]
    assert "in a comment" in found[0][3]


@pytest.mark.parametrize(("path", "template"), CASES)
def test_provider_token_in_a_comment_is_reported(tmp_path: Path, path: str, template: str) -> None:
    token = secret("gitlab-pat")
    text = template.replace("API_KEY", "OLD").replace("GITHUB_TOKEN", "OLD").replace("{v}", token)
    found = _secret_findings(tmp_path / "repo", {path: text})
    assert [(line, col) for _, line, col, _ in found] == [_line_col(text, token)]
    assert found[0][3].startswith("GitLab") and "in a comment" in found[0][3]


@pytest.mark.parametrize(("path", "template"), CASES)
@pytest.mark.parametrize("value", ["${API_KEY}", "your-api-key-here", "sk-proj-abc…xxx…", "<API_KEY>", "changeme"])
def test_references_and_placeholders_in_comments_are_not_reported(
    tmp_path: Path, path: str, template: str, value: str
) -> None:
    assert _secret_findings(tmp_path / "repo", {path: template.replace("{v}", value)}) == []


def test_prose_comment_is_not_reported(tmp_path: Path) -> None:
    text = "# Set API_KEY in your shell before starting; see the README for the token scopes.\nX=1\n"
    assert _secret_findings(tmp_path / "repo", {".env": text}) == []
