"""The pre-commit hook, for real: `pre-commit try-repo <this checkout> mcplint` in a temporary git repository.

pre-commit installs the hook repository into its own virtualenv (pip, from PyPI for the
dependencies), so this test is slow on the first run; PRE_COMMIT_HOME points at a temporary
directory so nothing outside it is touched. ``try-repo`` only sees committed, staged and modified
tracked files of the hook repository, so the test snapshots this checkout (tracked files plus
untracked, not ignored ones) into a temporary repository first: it always tests the working tree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import secret

pytest.importorskip("pre_commit", reason="pre-commit is not installed (it is in the `test` extra)")

CHECKOUT = Path(__file__).resolve().parent.parent
ALNUM = string.ascii_letters + string.digits
SNAPSHOT_SKIP = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist", ".*_cache"
)


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        {
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),  # a temp file, never os.devnull
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.invalid",
            "PRE_COMMIT_HOME": str(home),
        }
    )
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def snapshot(dst: Path, env: dict[str, str]) -> Path:
    """This checkout's working tree as a one-commit git repository."""
    try:
        listed = git(CHECKOUT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    except (subprocess.CalledProcessError, FileNotFoundError):
        listed = []
    if listed:
        for rel in filter(None, listed):
            source = CHECKOUT / rel
            if source.is_file():
                (dst / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dst / rel)
    else:  # not a git checkout (an unpacked sdist)
        shutil.copytree(CHECKOUT, dst, ignore=SNAPSHOT_SKIP, dirs_exist_ok=True)
    git(dst, env, "init", "-q")
    git(dst, env, "add", "-A")
    git(dst, env, "commit", "-q", "--no-verify", "-m", "snapshot")
    return dst


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("precommit")
    env = git_env(base / "pre-commit-home")
    (base / "hooks").mkdir()
    return snapshot(base / "hooks", env), env


def try_repo(
    hooks: Path, repo: Path, env: dict[str, str], *files: str, hook: str = "mcplint"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def new_repo(path: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    path.mkdir()
    git(path, env, "init", "-q")
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text)
        (path / rel).chmod(0o600)
    git(path, env, "add", "-A")  # staged, as at commit time
    return path


def token() -> str:
    return secret("github-pat")


def mcp_json(value: str) -> str:
    return json.dumps({"mcpServers": {"github": {"command": "npx", "env": {"GITHUB_TOKEN": value}}}}, indent=2)


def test_manifest_is_valid_and_selects_every_config_name() -> None:
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(CHECKOUT / ".pre-commit-hooks.yaml")],
        check=True,
        capture_output=True,
    )
    hooks = {h["id"]: h for h in yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mcplint", "mcplint-files", "mcplint-fix", "mcplint-pre-push"}
    push = hooks["mcplint-pre-push"]
    assert push["entry"] == "mcplint scan --pre-push" and push["stages"] == ["pre-push"]
    assert push["pass_filenames"] is False and push["always_run"] is True
    hook = hooks["mcplint"]
    assert hooks["mcplint-fix"]["entry"] == "mcplint fix --write" and hooks["mcplint-fix"]["files"] == hook["files"]
    assert hooks["mcplint-files"]["files"] == hook["files"]
    assert hook["entry"] == "mcplint scan --staged" and hook["language"] == "python" and hook["require_serial"] is True
    files = re.compile(hook["files"])
    selected = [
        ".mcp.json",
        ".cursor/mcp.json",
        ".vscode/settings.json",
        "a/opencode.jsonc",
        "manifest.json5",
        ".continue/mcpServers/x.yaml",
        "compose.yml",
        ".codex/config.toml",
        ".env",
        "app/.env.local",
        "prod.env",
        ".envrc",
        "Claude_Desktop_Config.JSON",
    ]
    ignored = ["README.md", "main.py", "env", "src/environment.py", ".envoy/x.txt"]
    assert [p for p in selected if not files.search(p)] == []
    assert [p for p in ignored if files.search(p)] == []


def test_try_repo_fails_a_leaking_commit_and_passes_a_clean_one(
    hook_env: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    hooks, env = hook_env
    secret = token()
    leaking = new_repo(tmp_path / "leaking", env, {".mcp.json": mcp_json(secret), "README.md": "hello\n"})
    result = try_repo(hooks, leaking, env, ".mcp.json", "README.md")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "MCP001" in output and ".mcp.json" in output
    assert secret not in output and secret[4:] not in output

    clean = new_repo(tmp_path / "clean", env, {".mcp.json": mcp_json("${GITHUB_TOKEN}")})
    result = try_repo(hooks, clean, env, ".mcp.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_try_repo_repository_rules_see_git(hook_env: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """Only the staged `.env` is passed, yet the hook knows git would commit it (no .gitignore rule)."""
    hooks, env = hook_env
    secret = token()
    repo = new_repo(tmp_path / "dotenv", env, {".env": f"GITHUB_TOKEN={secret}\n"})
    result = try_repo(hooks, repo, env, ".env")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"MCP00[34]", output), output
    assert secret not in output

    ignored = new_repo(tmp_path / "ignored", env, {".gitignore": ".env\n", ".mcp.json": mcp_json("${GITHUB_TOKEN}")})
    (ignored / ".env").write_text(f"GITHUB_TOKEN={secret}\n")
    (ignored / ".env").chmod(0o600)  # an ignored, private .env is where the secret belongs
    result = try_repo(hooks, ignored, env, ".mcp.json", ".env")
    assert result.returncode == 0, result.stdout + result.stderr


def test_documented_pre_commit_config_is_valid(tmp_path: Path) -> None:
    docs = (CHECKOUT / "README.md").read_text()
    match = re.search(r"<!-- snippet: pre-commit-config -->\n```yaml\n(.*?)```", docs, re.DOTALL)
    assert match
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(match.group(1))
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)], check=True, capture_output=True
    )
    manifest_ids = {hook["id"] for hook in yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())}
    [repo] = yaml.safe_load(match.group(1))["repos"]
    assert set(repo) == {"repo", "rev", "hooks"} and {hook["id"] for hook in repo["hooks"]} <= manifest_ids


def test_try_repo_fix_hook_moves_the_secret_out(hook_env: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """The opt-in `mcplint-fix` hook rewrites the config, so pre-commit fails the commit for review."""
    hooks, env = hook_env
    secret = token()
    repo = new_repo(tmp_path / "fix", env, {".gitignore": ".env\n", ".mcp.json": mcp_json(secret)})
    result = try_repo(hooks, repo, env, ".mcp.json", hook="mcplint-fix")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert secret not in (repo / ".mcp.json").read_text() and secret not in output
    assert try_repo(hooks, repo, env, ".mcp.json").returncode == 0  # the scan hook now passes
