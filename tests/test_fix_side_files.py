"""``fix`` on messy or hostile side files: a one-line error, exit 2, nothing changed — never a
traceback, never a replaced link, device or read-only file. ``init`` keeps what is at its path."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import secret
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.cli.fix import run_fix


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    monkeypatch.chdir(root)
    config = {"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}}}}
    (root / ".mcp.json").write_text(json.dumps(config, indent=2) + "\n")
    return root


def snapshot(root: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under ``root`` (outside .git): kind and content or link target."""
    out: dict[str, tuple[str, bytes | str]] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == ".git" or rel.startswith(".git/"):
            continue
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path))
        elif path.is_dir():
            out[rel] = ("dir", "")
        else:
            out[rel] = ("file", path.read_bytes())
    return out


def run(capsys: pytest.CaptureFixture[str], root: Path, write: bool = True) -> tuple[int, str]:
    code = run_fix([root], write, None)
    out, err = capsys.readouterr()
    return code, out + err


MESSY = {
    "latin-1 .env": (".env", b"# caf\xe9\nOTHER=1\n"),
    "NUL in .env": (".env", b"OTHER=1\n\x00\n"),
    "latin-1 .gitignore": (".gitignore", b"node_modules/\n# r\xe9sum\xe9\n"),
    "latin-1 .env.example": (".env.example", b"OTHER=\n# \xff\n"),
    ".env a directory": (".env", None),
    ".gitignore a directory": (".gitignore", None),
    ".env.example a directory": (".env.example", None),
}


@pytest.mark.parametrize("case", sorted(MESSY))
def test_a_messy_side_file_stops_fix_cleanly(repo: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    name, content = MESSY[case]
    if content is None:
        (repo / name).mkdir()
        (repo / name / "keep").write_text("x")
    else:
        (repo / name).write_bytes(content)
    before = snapshot(repo)

    code, output = run(capsys, repo)

    assert code == 2, output
    assert "Traceback" not in output and f"mcplint: error: {name}" in output
    assert snapshot(repo) == before


def test_an_unreadable_env_stops_fix_cleanly(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".env").write_text("OTHER=1\n")
    before = snapshot(repo)
    real_open = os.open

    def deny(path, flags, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's own signature
        if os.fspath(path).endswith(os.sep + ".env"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)  # as root, a 0000 file is still readable
    code, output = run(capsys, repo)

    assert code == 2 and "cannot read .env: Permission denied" in output
    assert snapshot(repo) == before


@pytest.mark.parametrize("name", [".gitignore", ".env", ".env.example"])
def test_a_symlinked_side_file_is_never_replaced(repo: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    target = repo.parent / f"shared{name}"
    target.write_text("OTHER=\n" if name != ".gitignore" else "node_modules/\n")
    (repo / name).symlink_to(target)
    before, target_before = snapshot(repo), target.read_bytes()

    code, output = run(capsys, repo)

    assert code == 2 and "symbolic link" in output, output
    assert snapshot(repo) == before and target.read_bytes() == target_before


def test_a_read_only_config_is_not_rewritten_and_nothing_is_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".mcp.json").chmod(0o444)
    before = snapshot(repo)

    code, output = run(capsys, repo)

    assert code == 2 and "read-only" in output, output
    assert snapshot(repo) == before  # no .env, .gitignore or .env.example either


@pytest.mark.parametrize("force", [False, True])
def test_init_keeps_a_dangling_symlink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool) -> None:
    monkeypatch.chdir(tmp_path)
    link = tmp_path / ".mcplint.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")

    result = CliRunner().invoke(app, ["init", *(["--force"] if force else [])])

    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.output and "Traceback" not in result.output
    assert link.is_symlink() and os.readlink(link) == str(tmp_path / "nowhere.yaml")
    assert not (tmp_path / "nowhere.yaml").exists()


def test_init_force_keeps_a_read_only_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / ".mcplint.yaml"
    existing.write_text("select: [MCP001]\n")
    existing.chmod(0o444)

    result = CliRunner().invoke(app, ["init", "--force"])

    assert result.exit_code == 2 and "read-only" in result.output
    assert existing.read_text() == "select: [MCP001]\n"


def test_baseline_output_symlink_is_refused_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    keep = '{"version": 1, "tool": "mcplint", "entries": []}\n'
    (tmp_path / "elsewhere.json").write_text(keep)
    (tmp_path / "out.json").symlink_to(tmp_path / "elsewhere.json")

    result = CliRunner().invoke(app, ["baseline", "-o", "out.json", str(tmp_path)])

    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.output
    assert (tmp_path / "elsewhere.json").read_text() == keep and (tmp_path / "out.json").is_symlink()
