"""Configuration through the CLI: .mcplint.yaml vs [tool.mcplint], errors, each key's effect, `mcplint init`."""

from __future__ import annotations

import hashlib
import json
import re
import string
from pathlib import Path

import pytest
import yaml
from conftest import secret
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.cli.init import STARTER
from mcplint.settings import load as config
from mcplint.settings.values import Settings

ALNUM = string.ascii_letters + string.digits
runner = CliRunner()


def token() -> str:
    return secret("github-pat")


def mcp_json(**env: str) -> str:
    servers = {name.lower(): {"command": "npx", "env": {name: value}} for name, value in env.items()}
    return json.dumps({"mcpServers": servers}, indent=2) + "\n"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def scan(root: Path, *args: str) -> tuple[int, list[dict], str]:
    """Exit code, JSON findings and stderr of `mcplint scan ROOT --format json ARGS`."""
    result = runner.invoke(app, ["scan", str(root), "--format", "json", *args])
    findings = json.loads(result.stdout)["findings"] if result.exit_code in (0, 1) else []
    return result.exit_code, findings, result.stderr


def rules_of(findings: list[dict]) -> list[str]:
    return [f["rule_id"] for f in findings]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A directory with one leaking config (MCP001) and a URL credential (MCP002)."""
    write(
        tmp_path,
        ".mcp.json",
        json.dumps(
            {
                "mcpServers": {
                    "gh": {"command": "npx", "env": {"GITHUB_TOKEN": token()}},
                    "db": {
                        "command": "npx",
                        "args": [
                            "postgres://admin:"
                            + "Xq7Lm2Rv9Tz4Kw8Np3Hs"  # a fixed 20-character password
                            + "@db.internal:5432/app"
                        ],
                    },
                }
            },
            indent=2,
        ),
    )
    return tmp_path


def test_defaults_find_both(project: Path) -> None:
    code, findings, _ = scan(project)
    assert code == 1 and sorted(rules_of(findings)) == ["MCP001", "MCP002"]


def test_pyproject_table_applies(project: Path) -> None:
    write(project, "pyproject.toml", '[project]\nname = "x"\n\n[tool.mcplint]\nignore = ["MCP002"]\n')
    assert rules_of(scan(project)[1]) == ["MCP001"]


def test_mcplint_yaml_wins_over_pyproject_in_the_same_directory(project: Path) -> None:
    write(project, "pyproject.toml", '[tool.mcplint]\nignore = ["MCP002"]\n')
    write(project, ".mcplint.yaml", "ignore: [MCP001]\n")
    assert rules_of(scan(project)[1]) == ["MCP002"]


def test_nearest_file_wins_across_directories(project: Path) -> None:
    write(project, ".mcplint.yaml", "ignore: [MCP001]\n")
    sub = project / "sub"
    write(sub, ".mcp.json", mcp_json(GITHUB_TOKEN=token()))
    write(sub, "pyproject.toml", '[tool.mcplint]\nignore = ["MCP002"]\n')
    assert rules_of(scan(sub)[1]) == ["MCP001"]  # sub/pyproject.toml is nearer than ../.mcplint.yaml
    assert rules_of(scan(project, "--config", str(sub / "pyproject.toml"))[1]) == ["MCP001", "MCP001"]


@pytest.mark.parametrize(
    "name, text",
    [
        (".mcplint.yaml", "selct: [MCP001]\n"),
        ("pyproject.toml", '[tool.mcplint]\nselct = ["MCP001"]\n'),
    ],
)
def test_unknown_key_is_exit_2_naming_the_key(project: Path, name: str, text: str) -> None:
    write(project, name, text)
    code, _, stderr = scan(project)
    assert code == 2
    assert "unknown key 'selct'" in stderr and name in stderr


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("severity: {MCP001: fatal}\n", "severity.MCP001"),
        ("allowlist: {regexes: ['(']}\n", "allowlist.regexes"),
        ("extra-patterns: [{id: github-pat, description: clash, regex: 'x'}]\n", "duplicate id"),
        ("extra-patterns: [{id: acme, regex: 'x'}]\n", "missing keys"),
        ("baseline: 3\n", "'baseline'"),
        ("warn-unused-ignores: sometimes\n", "'warn-unused-ignores'"),
    ],
)
def test_bad_values_are_exit_2(project: Path, text: str, fragment: str) -> None:
    write(project, ".mcplint.yaml", text)
    code, _, stderr = scan(project)
    assert code == 2 and fragment in stderr


def test_per_rule_severity_and_fail_on(project: Path) -> None:
    write(project, ".mcplint.yaml", "severity:\n  MCP001: warning\n  mcp002: note\nfail-on: error\n")
    code, findings, _ = scan(project)
    assert code == 0  # nothing at error any more
    assert sorted((f["rule_id"], f["severity"]) for f in findings) == [("MCP001", "warning"), ("MCP002", "note")]


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    for rel in (".mcp.json", "fixtures/.mcp.json", "docs/.cursor/mcp.json"):
        write(tmp_path, rel, mcp_json(GITHUB_TOKEN=token()))
    write(tmp_path, ".mcplint.yaml", "exclude: ['fixtures/**']\n")
    assert sorted(f["path"] for f in scan(tmp_path)[1]) == [".mcp.json", "docs/.cursor/mcp.json"]
    write(tmp_path, ".mcplint.yaml", "include: ['docs/**']\n")
    assert [f["path"] for f in scan(tmp_path)[1]] == ["docs/.cursor/mcp.json"]


def test_extra_patterns_use_the_rules_schema(tmp_path: Path) -> None:
    acme = "acme_" + "3f9a1c7e5b2d8046f1e3a9c7b5d20e84"  # the shape the extra pattern below matches
    write(tmp_path, ".mcp.json", json.dumps({"mcpServers": {"acme": {"command": "acme-mcp", "args": ["--id", acme]}}}))
    assert scan(tmp_path)[1] == []
    write(
        tmp_path,
        ".mcplint.yaml",
        yaml.safe_dump(
            {
                "extra-patterns": [
                    {
                        "id": "acme-api-key",
                        "description": "ACME internal API key",
                        "regex": "acme_[0-9a-f]{32}",
                        "keywords": ["acme_"],
                        "examples": {"tp_generate": [{"prefix": "acme_", "alphabet": "hex", "length": 32}]},
                    }
                ]
            }
        ),
    )
    code, findings, _ = scan(tmp_path)
    assert code == 1 and rules_of(findings) == ["MCP001"] and "ACME internal API key" in findings[0]["message"]
    assert acme not in json.dumps(findings)


def test_allowlist_by_regex_and_by_hash(tmp_path: Path) -> None:
    kept, by_regex, by_hash = token(), "ghp_" + "Test" + token()[8:], token()
    write(tmp_path, ".mcp.json", mcp_json(KEPT_TOKEN=kept, REGEX_TOKEN=by_regex, HASH_TOKEN=by_hash))
    assert len(scan(tmp_path)[1]) == 3
    digest = hashlib.sha256(by_hash.encode()).hexdigest()
    write(tmp_path, ".mcplint.yaml", f"allowlist:\n  regexes: ['^ghp_Test']\n  hashes: ['{digest}']\n")
    findings = scan(tmp_path)[1]
    assert ["KEPT_TOKEN" in f["message"] for f in findings] == [True]


def test_max_file_size(tmp_path: Path) -> None:
    write(tmp_path, ".mcp.json", mcp_json(GITHUB_TOKEN=token()))
    write(tmp_path, ".mcplint.yaml", "max-file-size: 20\n")
    assert scan(tmp_path)[1] == []


# --- mcplint init ---------------------------------------------------------------------------


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["init"])
    assert first.exit_code == 0, first.output
    target = tmp_path / ".mcplint.yaml"
    assert target.read_text() == STARTER
    assert config.load_settings(start=tmp_path) == Settings()  # everything commented out: the defaults

    target.write_text("ignore: [MCP002]\n")
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert target.read_text() == "ignore: [MCP002]\n"
    forced = runner.invoke(app, ["init", "--force"])
    assert forced.exit_code == 0 and target.read_text() == STARTER
    assert not [p.name for p in tmp_path.iterdir() if p.name != ".mcplint.yaml"]  # no temp file left behind


def test_init_every_commented_setting_is_valid(tmp_path: Path) -> None:
    """Removing the '# ' in front of each setting gives a configuration mcplint accepts."""
    enabled = "\n".join(re.sub(r"^# ", "", line) for line in STARTER.splitlines() if not line.startswith("##"))
    table = yaml.safe_load(enabled)
    assert set(table) == config.KNOWN_KEYS - {"environments", "require-prefix", "follow-symlinks"}
    settings = config.apply(table, Settings(), tmp_path / ".mcplint.yaml")
    assert settings.severity == {"MCP002": "warning"} and settings.extra_patterns[0]["id"] == "acme-api-key"
    assert settings.baseline_path == str(tmp_path / ".mcplint-baseline.json")


def test_init_writes_to_a_given_path(tmp_path: Path) -> None:
    target = tmp_path / "conf" / "mcplint.yaml"
    target.parent.mkdir()
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0 and target.read_text() == STARTER


# --- the documented examples ----------------------------------------------------------------


def doc_snippet(name: str) -> str:
    docs = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    match = re.search(rf"<!-- snippet: {name} -->\n```[a-z]*\n(.*?)```", docs, re.DOTALL)
    assert match, name
    return match.group(1)


def test_documented_yaml_and_pyproject_examples_are_equivalent_and_valid(tmp_path: Path) -> None:
    write(tmp_path, "a/.mcplint.yaml", doc_snippet("mcplint-yaml"))
    write(tmp_path, "b/pyproject.toml", doc_snippet("pyproject"))
    from_yaml = config.load_settings(start=tmp_path / "a")
    from_toml = config.load_settings(start=tmp_path / "b")
    assert from_yaml.baseline_path == str(tmp_path / "a" / ".mcplint-baseline.json")
    from_toml.baseline_path = from_yaml.baseline_path
    assert from_yaml == from_toml != Settings()
    assert from_yaml.severity == {"MCP002": "warning"} and from_yaml.fail_on == "error"


def test_documented_suppression_example_works(tmp_path: Path) -> None:
    # the documented values stand for real-looking tokens: put generated ones in their place
    example = re.sub(r"(_TOKEN: )\S+", lambda m: m.group(1) + token(), doc_snippet("suppressions"))
    assert example.count("ghp_") == 2
    write(tmp_path, ".continue/mcpServers/demo.yaml", "name: demo\nversion: 0.0.1\nschema: v1\n" + example)
    assert scan(tmp_path, "--warn-unused-ignores")[1] == []
    unsuppressed = re.sub(r"#\s*mcplint: ignore\S*", "#", example)
    write(tmp_path, ".continue/mcpServers/demo.yaml", "name: demo\nversion: 0.0.1\nschema: v1\n" + unsuppressed)
    assert rules_of(scan(tmp_path)[1]) == ["MCP001", "MCP001"]
