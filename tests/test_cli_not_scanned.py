"""Files named on the command line that are skipped get a one-line warning each and count as
"not scanned" in the summary, in every format."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import write_tree
from typer.testing import CliRunner

from mcplint.cli import app

runner = CliRunner()
CLEAN = '{"mcpServers": {"a": {"command": "npx", "env": {"TOKEN": "${TOKEN}"}}}}\n'


def scan(*args: str):  # noqa: ANN201
    return runner.invoke(app, ["scan", *args])


def test_named_file_over_the_size_limit_is_warned_about(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mcp.json": CLEAN, "big/.mcp.json": CLEAN + " " * 200})
    result = scan(str(tmp_path / ".mcp.json"), str(tmp_path / "big" / ".mcp.json"), "--max-file-size", "100")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "not scanned" in line]
    assert any(line.endswith("big/.mcp.json: warning: not scanned: over the size limit (100 bytes)") for line in lines)
    assert "No problems found; 1 file scanned, 1 named file not scanned." in result.stdout


def test_named_fifo_broken_link_and_directory_are_each_warned_about(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mcp.json": CLEAN})
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    (tmp_path / "settings.json").mkdir()  # e.g. a bind mount of a missing file creates a directory
    result = scan(*(str(tmp_path / n) for n in (".mcp.json", "pipe.json", "gone.json", "settings.json")))
    warnings = [line for line in result.stdout.splitlines() if ": warning: not scanned:" in line]
    assert len(warnings) == 3, result.stdout
    assert any("pipe.json: warning: not scanned: not a regular file" in w for w in warnings)
    assert any("gone.json: warning: not scanned: unreadable or broken link" in w for w in warnings)
    assert any("settings.json: warning: not scanned: a directory named like a config file" in w for w in warnings)
    assert "1 file scanned, 3 named files not scanned." in result.stdout


def test_named_file_mcplint_does_not_read_is_warned_about(tmp_path: Path) -> None:
    write_tree(tmp_path, {"notes.txt": "hello\n"})
    result = scan(str(tmp_path / "notes.txt"))
    assert "notes.txt: warning: not scanned: not a file type mcplint reads" in result.stdout
    assert "0 files scanned, 1 named file not scanned." in result.stdout


def test_json_and_sarif_carry_the_not_scanned_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    data = json.loads(scan(str(tmp_path / "pipe.json"), "--format", "json").stdout)
    assert data["summary"]["not_scanned"] == 1
    assert [d["path"] for d in data["diagnostics"]] == ["pipe.json"]
    sarif = json.loads(scan(str(tmp_path / "pipe.json"), "--format", "sarif").stdout)
    [note] = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "not scanned" in note["message"]["text"]


def test_files_skipped_inside_a_walked_directory_are_only_counted(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mcp.json": CLEAN, "big/.mcp.json": CLEAN + " " * 200})
    result = scan(str(tmp_path), "--max-file-size", "100")
    assert "not scanned" not in result.stdout and result.exit_code == 0
