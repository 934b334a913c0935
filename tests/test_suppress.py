"""Inline suppressions (`mcplint: ignore[...]`) and allowlisted hashes, through the engine and the CLI."""

from __future__ import annotations

import hashlib
import json
import string
from pathlib import Path

import pytest
from conftest import secret
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.pipeline import scan
from mcplint.settings.values import Settings

ALNUM = string.ascii_letters + string.digits


def token() -> str:
    """A fresh GitHub-shaped token, made at test time."""
    return secret("github-pat")


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lines_of(root: Path, settings: Settings | None = None) -> list[tuple[str, int, str]]:
    result = scan([root], settings or Settings(select=["MCP001"]))
    return [(f.path, f.span.line, f.rule_id) for f in result.findings]


def continue_yaml(first: str, second: str, comment_above: str = "", trailing: str = "") -> str:
    above = f"      {comment_above}\n" if comment_above else ""
    return (
        "name: GitHub\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: github\n    command: npx\n    env:\n"
        f"{above}      GITHUB_TOKEN: {first}{trailing}\n      OTHER_TOKEN: {second}\n"
    )


@pytest.mark.parametrize(
    "directive",
    [
        "# mcplint: ignore[MCP001]",
        "# mcplint: ignore",
        "#mcplint:ignore[mcp001]",
        "# mcplint: ignore[hardcoded-secret]",
    ],
)
def test_yaml_comment_on_the_line_above_suppresses_only_the_next_line(tmp_path: Path, directive: str) -> None:
    write(tmp_path, ".continue/mcpServers/gh.yaml", continue_yaml(token(), token(), comment_above=directive))
    assert lines_of(tmp_path) == [(".continue/mcpServers/gh.yaml", 10, "MCP001")]


def test_yaml_trailing_comment_suppresses_its_own_line_not_the_next(tmp_path: Path) -> None:
    write(tmp_path, ".continue/mcpServers/gh.yaml", continue_yaml(token(), token(), trailing="  # mcplint: ignore"))
    assert lines_of(tmp_path) == [(".continue/mcpServers/gh.yaml", 9, "MCP001")]


def test_other_rule_code_does_not_suppress(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".continue/mcpServers/gh.yaml",
        continue_yaml(token(), token(), comment_above="# mcplint: ignore[MCP002]"),
    )
    assert [line for _, line, _ in lines_of(tmp_path)] == [9, 10]


def test_toml_jsonc_and_dotenv_comments(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".codex/config.toml",
        f'[mcp_servers.github]\ncommand = "npx"\n# mcplint: ignore[MCP001]\nenv = {{ GITHUB_TOKEN = "{token()}" }}\n'
        f'[mcp_servers.other]\ncommand = "npx"\nenv = {{ OTHER_TOKEN = "{token()}" }}\n',
    )
    write(
        tmp_path,
        ".vscode/mcp.json",
        '{\n  "servers": {\n    "github": {\n      "command": "npx",\n      // mcplint: ignore[MCP001,MCP002]\n'
        f'      "env": {{"GITHUB_TOKEN": "{token()}"}}\n    }},\n'
        f'    "other": {{"command": "npx", "env": {{"OTHER_TOKEN": "{token()}"}}}} /* mcplint: ignore */\n  }}\n}}\n',
    )
    write(
        tmp_path,
        ".env",
        f"# mcplint: ignore\nA_TOKEN={token()}\nB_TOKEN={token()} # mcplint: ignore[MCP001]\nC_TOKEN={token()}\n",
    )
    assert lines_of(tmp_path) == [(".codex/config.toml", 7, "MCP001"), (".env", 4, "MCP001")]


def test_plain_json_strings_are_not_comments(tmp_path: Path) -> None:
    """A directive inside a JSON string value is data, not a suppression."""
    write(
        tmp_path,
        ".mcp.json",
        json.dumps(
            {"mcpServers": {"gh": {"command": "npx", "env": {"NOTE": "mcplint: ignore", "GITHUB_TOKEN": token()}}}},
            indent=2,
        ),
    )
    assert [rule for _, _, rule in lines_of(tmp_path)] == ["MCP001"]


def test_warn_unused_ignores_reports_diagnostics_not_findings(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".env",
        f"# mcplint: ignore[MCP001, MCP999]\nA_TOKEN={token()}\n"
        "# mcplint: ignore\nPLAIN=${HOME}\n"
        "B=1 # mcplint: ignore[MCP001]\n",
    )
    quiet = scan([tmp_path], Settings(select=["MCP001"]))
    assert quiet.findings == [] and quiet.diagnostics == []

    result = scan([tmp_path], Settings(select=["MCP001"], warn_unused_ignores=True))
    assert result.findings == []
    found = [(d.path, d.line, d.level) for d in result.diagnostics]
    assert found == [(".env", 1, "warning"), (".env", 3, "warning"), (".env", 5, "warning")]
    assert result.diagnostics[0].message.startswith("unused suppression of MCP999 in ")  # MCP001 was used
    assert all("unused suppression" in d.message for d in result.diagnostics)


def test_warn_unused_ignores_cli_flag_and_config_key(tmp_path: Path) -> None:
    write(tmp_path, ".env", "# mcplint: ignore\nPLAIN=${HOME}\n")
    runner = CliRunner()
    clean = runner.invoke(app, ["scan", str(tmp_path), "--select", "MCP001", "--format", "json"])
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.stdout)["diagnostics"] == []

    flagged = runner.invoke(
        app, ["scan", str(tmp_path), "--select", "MCP001", "--format", "json", "--warn-unused-ignores"]
    )
    assert flagged.exit_code == 0, flagged.output  # a warning, not a failing finding
    [diagnostic] = json.loads(flagged.stdout)["diagnostics"]
    assert diagnostic["path"] == ".env" and diagnostic["line"] == 1 and "unused suppression" in diagnostic["message"]

    write(tmp_path, ".mcplint.yaml", "warn-unused-ignores: true\n")
    configured = runner.invoke(app, ["scan", str(tmp_path), "--select", "MCP001", "--format", "json"])
    assert len(json.loads(configured.stdout)["diagnostics"]) == 1


def test_allowlist_hash_is_sha256_of_the_secret(tmp_path: Path) -> None:
    allowed, other = token(), token()
    write(
        tmp_path,
        ".mcp.json",
        json.dumps(
            {
                "mcpServers": {
                    "a": {"command": "npx", "env": {"A_TOKEN": allowed}},
                    "b": {"command": "npx", "env": {"B_TOKEN": other}},
                }
            },
            indent=2,
        ),
    )
    assert len(lines_of(tmp_path)) == 2
    digest = hashlib.sha256(allowed.encode()).hexdigest()
    for spelling in (digest, digest.upper(), f"sha256:{digest}"):
        result = scan([tmp_path], Settings(select=["MCP001"], allowlist_hashes=[spelling]))
        assert ["B_TOKEN" in f.message for f in result.findings] == [True], spelling


def test_reporters_never_print_internal_hashes(tmp_path: Path) -> None:
    """Finding.digest carries the secret's SHA-1/SHA-256 for matching; no report may contain them."""
    from mcplint.reporters import render

    secret = token()
    write(tmp_path, ".mcp.json", json.dumps({"mcpServers": {"a": {"command": "npx", "env": {"A_TOKEN": secret}}}}))
    result = scan([tmp_path], Settings(select=["MCP001"]))
    assert len(result.findings) == 1
    forbidden = [secret, hashlib.sha1(secret.encode()).hexdigest(), hashlib.sha256(secret.encode()).hexdigest()]
    for fmt in ("text", "json", "sarif", "github"):
        output = render(fmt, result)
        assert not any(value in output for value in forbidden), fmt


def test_first_line_directive_covers_file_level_findings(tmp_path: Path) -> None:
    """MCP011 (config readable by others) reports the file as a whole, at line 0."""
    path = write(tmp_path, ".env", f"A_TOKEN={token()}\n")
    path.chmod(0o644)
    assert "MCP011" in [rule for _, _, rule in lines_of(tmp_path, Settings(select=["MCP011"]))]
    path.write_text(f"# mcplint: ignore[MCP011]\nA_TOKEN={token()}\n")
    assert lines_of(tmp_path, Settings(select=["MCP001", "MCP011"])) == [(".env", 2, "MCP001")]
