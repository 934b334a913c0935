"""The scan root is the repository (or, outside git, the directory) of the paths given, not the
current directory: report paths, baselines and the repository rules all follow the files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import make_repo, secret, write_tree
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.pipeline import scan_root

runner = CliRunner()


def leaking_config() -> str:
    return json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}}}})


def scan_json(*args: str) -> dict:
    result = runner.invoke(app, ["scan", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current directory that is an unrelated git repository."""
    cwd = make_repo(tmp_path / "cwd", {"README.md": "unrelated\n"})
    monkeypatch.chdir(cwd)
    return cwd


def test_file_in_another_repository_is_reported_relative_to_that_repository(tmp_path: Path, elsewhere: Path) -> None:
    proj = make_repo(tmp_path / "proj", {"sub/.mcp.json": leaking_config()})
    data = scan_json(os.path.relpath(proj / "sub" / ".mcp.json"))
    assert [f["path"] for f in data["findings"]] == ["sub/.mcp.json"]


def test_outside_git_the_root_is_the_directory_of_the_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path / "plain" / "proj", {".mcp.json": leaking_config()})
    write_tree(tmp_path / "plain" / "sibling", {".env.example": "UNRELATED_TOKEN=\n"})
    monkeypatch.chdir(tmp_path / "plain")
    assert scan_root([Path("proj/.mcp.json")])[0] == (tmp_path / "plain" / "proj").resolve()
    assert [f["path"] for f in scan_json("proj/.mcp.json")["findings"]] == [".mcp.json"]


def test_root_of_several_files_outside_git_is_their_common_directory(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a/x/.mcp.json": "{}", "a/y/.mcp.json": "{}"})
    root, repo = scan_root([tmp_path / "a" / "x" / ".mcp.json", tmp_path / "a" / "y"])
    assert (root, repo) == ((tmp_path / "a").resolve(), None)


def test_baseline_made_inside_the_project_matches_a_scan_from_outside(tmp_path: Path, elsewhere: Path) -> None:
    proj = make_repo(tmp_path / "proj", {".mcp.json": leaking_config()})
    os.chdir(proj)
    made = runner.invoke(app, ["baseline"])
    assert made.exit_code == 0, made.stderr
    os.chdir(elsewhere)
    result = runner.invoke(app, ["scan", str(proj / ".mcp.json"), "--baseline", str(proj / ".mcplint-baseline.json")])
    assert result.exit_code == 0, result.stdout
    assert "No problems found" in result.stdout


def test_inside_a_repository_the_root_stays_its_top_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proj = make_repo(tmp_path / "proj", {"a/.mcp.json": "{}", "b/.mcp.json": "{}"})
    monkeypatch.chdir(proj / "a")
    assert scan_root([Path(".mcp.json")])[0] == proj.resolve()
    assert scan_root([proj / "a" / ".mcp.json", proj / "b"])[0] == proj.resolve()
