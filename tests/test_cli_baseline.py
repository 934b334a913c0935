"""`mcplint baseline` writes where the configuration's `baseline:` says, else at the repository's
top level, whatever directory it runs in; and it counts in good English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_repo, secret
from typer.testing import CliRunner

from mcplint.cli import app

runner = CliRunner()


def leaking() -> str:
    return json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}}}})


def test_configured_baseline_path_is_used_from_any_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo", {".mcplint.yaml": "baseline: .baselines/mcplint.json\n", "sub/.mcp.json": leaking()})
    (repo / ".baselines").mkdir()
    monkeypatch.chdir(repo / "sub")
    made = runner.invoke(app, ["baseline"])
    assert made.exit_code == 0, made.stderr
    assert (repo / ".baselines" / "mcplint.json").is_file()
    assert not (repo / "sub" / ".mcplint-baseline.json").exists()
    scanned = runner.invoke(app, ["scan"])  # the configured baseline applies to the scan as well
    assert scanned.exit_code == 0 and "No problems found" in scanned.stdout


def test_default_baseline_goes_to_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo", {"sub/.mcp.json": leaking()})
    monkeypatch.chdir(repo / "sub")
    made = runner.invoke(app, ["baseline"])
    assert made.exit_code == 0, made.stderr
    assert (repo / ".mcplint-baseline.json").is_file() and not (repo / "sub" / ".mcplint-baseline.json").exists()
    entries = json.loads((repo / ".mcplint-baseline.json").read_text())["entries"]
    assert [e["path"] for e in entries] == ["sub/.mcp.json"]


def test_explicit_output_still_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo", {".mcplint.yaml": "baseline: configured.json\n", ".mcp.json": leaking()})
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["baseline", "-o", "other.json"]).exit_code == 0
    assert (repo / "other.json").is_file() and not (repo / "configured.json").exists()


@pytest.mark.parametrize(("count", "words"), [(1, "1 entry (1 added, 0 dropped)"), (2, "2 entries (2 added, 0 dropped)")])
def test_entry_count_is_singular_or_plural(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, words: str) -> None:
    repo = make_repo(tmp_path / "repo", {f"s{i}/.mcp.json": leaking() for i in range(count)})
    monkeypatch.chdir(repo)
    made = runner.invoke(app, ["baseline"])
    assert made.exit_code == 0 and words in made.stderr, made.stderr
