"""A ``fix --write`` killed mid-write leaves its temporary file (which holds the secret) where
``git add -A`` cannot pick it up, and the next run reports it."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
from pathlib import Path

import pytest
from conftest import secret

from mcplint import fsutil
from mcplint.cli.fix import run_fix


def _killed_during_env_write(root: str) -> None:
    """The child: run fix --write and die like ``kill -9`` just before the .env is renamed into place."""
    real_replace = os.replace

    def die_on_env(src: str, dst: str) -> None:
        if os.path.basename(os.fspath(dst)) == ".env":
            os._exit(9)
        real_replace(src, dst)

    fsutil.os.replace = die_on_env  # type: ignore[assignment]
    os.chdir(root)
    run_fix([Path(root)], True, None)
    os._exit(0)


def test_a_killed_write_leaves_no_temp_file_git_would_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    token = secret("github-pat")
    (repo / ".mcp.json").write_text(json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": token}}}}))

    child = multiprocessing.get_context("fork").Process(target=_killed_during_env_write, args=(str(repo),))
    child.start()
    child.join(120)
    assert child.exitcode == 9

    untracked = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo,
                               capture_output=True, text=True, check=True).stdout
    assert ".tmp" not in untracked, untracked
    for path in repo.rglob("*"):
        if path.is_file() and ".git" not in path.relative_to(repo).parts:
            assert token not in path.read_text(errors="replace") or path.name == ".mcp.json", path
    assert not (repo / ".env").exists()

    monkeypatch.chdir(repo)
    capsys.readouterr()
    assert run_fix([repo], False, None) == 1
    err = capsys.readouterr().err
    assert "temporary file left by an interrupted write" in err and token not in err
