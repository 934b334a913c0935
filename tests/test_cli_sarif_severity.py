"""SARIF for GitHub code scanning: MCP001's per-location security severity reaches GitHub, which
reads ``security-severity`` only from ``tool.driver.rules[].properties``; and no absolute local
path (the home directory, so the user name) is written to ``originalUriBaseIds``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import secret, write_tree
from typer.testing import CliRunner

from mcplint.cli import app

runner = CliRunner()
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text())


def sarif_of(root: Path, *args: str) -> dict:
    result = runner.invoke(app, ["scan", str(root), "--format", "sarif", *args])
    assert result.exit_code in (0, 1), result.stderr
    log = json.loads(result.stdout)
    assert not list(jsonschema.Draft7Validator(SCHEMA).iter_errors(log))
    return log


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The same kind of token in env, in an argument and in a header."""
    config = {
        "mcpServers": {
            "a": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}},
            "b": {"command": "npx", "args": ["--token", secret("github-pat")]},
            "c": {"url": "https://mcp.example.com/sse", "headers": {"Authorization": "Bearer " + secret("github-pat")}},
        }
    }
    return write_tree(tmp_path / "proj", {".mcp.json": json.dumps(config, indent=2) + "\n"})


def github_security_severity(run: dict, result: dict) -> str:
    """What code scanning shows: the security-severity of the rule the result points at."""
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"]
    return rule["properties"]["security-severity"]


def test_each_location_class_reaches_github_through_its_rule_descriptor(project: Path) -> None:
    run = sarif_of(project)["runs"][0]
    mcp001 = [r for r in run["results"] if r["ruleId"].startswith("MCP001")]
    seen = {r["ruleId"]: github_security_severity(run, r) for r in mcp001}
    assert seen == {"MCP001/env": "7.5", "MCP001/arg": "8.5", "MCP001/header": "8.0"}
    for result in mcp001:  # the per-result property, for other consumers, agrees
        assert result["properties"]["security-severity"] == github_security_severity(run, result)


def test_location_descriptors_keep_the_rule_name_and_say_where(project: Path) -> None:
    rules = {r["id"]: r for r in sarif_of(project)["runs"][0]["tool"]["driver"]["rules"]}
    env = rules["MCP001/env"]
    assert env["name"] == rules["MCP001"]["name"] == "hardcoded-secret"
    assert "MCP001" in env["properties"]["tags"]
    assert "env" in env["shortDescription"]["text"]
    assert env["help"] == rules["MCP001"]["help"]


def test_rule_ids_are_stable_across_runs(project: Path) -> None:
    first = [(r["ruleId"], r["partialFingerprints"]) for r in sarif_of(project)["runs"][0]["results"]]
    assert first == [(r["ruleId"], r["partialFingerprints"]) for r in sarif_of(project)["runs"][0]["results"]]


def test_json_and_text_keep_the_plain_rule_code(project: Path) -> None:
    result = runner.invoke(app, ["scan", str(project), "--format", "json"])
    assert {f["rule_id"] for f in json.loads(result.stdout)["findings"]} <= {"MCP001", "MCP002"}


def test_no_absolute_local_path_in_original_uri_base_ids(project: Path) -> None:
    log = sarif_of(project)
    run = log["runs"][0]
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]
    assert str(project) not in json.dumps(log) and str(project.parent) not in json.dumps(log)


def test_audit_sarif_does_not_carry_the_home_directory(tmp_path: Path) -> None:
    home = tmp_path / "home" / "zqhomeuser"
    write_tree(home, {".cursor/mcp.json": json.dumps({"mcpServers": {"a": {"command": "x", "env": {"GITHUB_TOKEN": secret("github-pat")}}}})})
    (home / ".cursor" / "mcp.json").chmod(0o600)  # MCP011's chmod advice names the file by its full path
    result = runner.invoke(app, ["audit", "--home", str(home), "--platform", "linux", "--format", "sarif"])
    assert result.exit_code == 1, result.stderr
    assert "zqhomeuser" not in result.stdout
    log = json.loads(result.stdout)
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]] == [
        {"uri": ".cursor/mcp.json", "uriBaseId": "%SRCROOT%"}
    ]
