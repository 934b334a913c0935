"""The pre-commit hook under batching: pre-commit splits a long file list into several processes,
so the `mcplint` hook passes no names and asks git for the staged set itself (`scan --staged`):
one summary, one `--output`, and the rules that compare files see every file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import git, make_repo, secret, write_tree
from test_precommit import CHECKOUT, hook_env, new_repo, try_repo  # noqa: F401
from typer.testing import CliRunner

from mcplint.cli import app

runner = CliRunner()
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())}


def leaking(name: str = "GITHUB_TOKEN") -> str:
    return json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {name: secret("github-pat")}}}})


def paths_in(result) -> set[str]:  # noqa: ANN001
    return {f["path"] for f in json.loads(result.stdout)["findings"]}


def test_hook_asks_git_and_says_what_is_safe() -> None:
    hook = HOOKS["mcplint"]
    assert hook["entry"] == "mcplint scan --staged" and hook["pass_filenames"] is False
    manifest = (CHECKOUT / ".pre-commit-hooks.yaml").read_text()
    assert "Batching" in manifest and "safe under batching" in manifest
    assert HOOKS["mcplint-files"]["entry"] == "mcplint scan"


def test_staged_scans_the_staged_files_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo", {"committed/.mcp.json": leaking()})
    write_tree(repo, {"staged/.mcp.json": leaking(), "untracked/.mcp.json": leaking(), "notes.md": "x\n"})
    git(repo, "add", "staged/.mcp.json", "notes.md")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["scan", "--staged", "--format", "json"])
    assert result.exit_code == 1
    assert paths_in(result) == {"staged/.mcp.json"}
    assert json.loads(result.stdout)["summary"]["not_scanned"] == 0  # notes.md is not "named"


def test_nothing_staged_scans_the_whole_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo", {"a/.mcp.json": leaking(), "b/.mcp.json": leaking()})
    monkeypatch.chdir(repo / "a")
    result = runner.invoke(app, ["scan", "--staged", "--format", "json"])
    assert paths_in(result) == {"a/.mcp.json", "b/.mcp.json"}


def test_pre_push_scans_the_pushed_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo", {"old/.mcp.json": leaking()})
    base = git(repo, "rev-parse", "HEAD").strip()
    write_tree(repo, {"new/.mcp.json": leaking()})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "new")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", base)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    assert paths_in(runner.invoke(app, ["scan", "--staged", "--format", "json"])) == {"new/.mcp.json"}


def test_staged_with_paths_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path / "repo", {"a.json": "{}"})
    monkeypatch.chdir(tmp_path / "repo")
    result = runner.invoke(app, ["scan", "--staged", "a.json"])
    assert result.exit_code == 2 and "--staged takes no paths" in result.stderr


def test_hook_is_correct_when_pre_commit_would_batch(hook_env: tuple[Path, dict[str, str]], tmp_path: Path) -> None:  # noqa: F811
    """Over 128 KiB of file names: pre-commit splits them. One summary, and MCP007 sees both ends."""
    hooks, env = hook_env
    reused = secret("github-pat")
    files = {f"pad/{i:04d}-{'x' * 100}.json": "{}\n" for i in range(1400)}
    files |= {".env.production": f"PROD_TOKEN={reused}\n", "zz/.env.staging": f"STAGING_TOKEN={reused}\n"}
    repo = new_repo(tmp_path / "many", env, files)
    result = try_repo(hooks, repo, env, *sorted(files))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert len(re.findall(r"^(Found \d+ problems?|No problems found)", output, re.M)) == 1, output[-2000:]
    assert "MCP007" in output and reused not in output
