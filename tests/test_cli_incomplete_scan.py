"""An incomplete scan is never a clean one: a selected file that could not be read or decoded
shows in the summary of every format, makes SARIF's invocation unsuccessful and fails the run
(exit 1) unless ``--fail-on never``. A parse error still scans what it recovers, as before."""

from __future__ import annotations

import json
import pathlib
from pathlib import Path

import pytest
from conftest import write_tree
from typer.testing import CliRunner

from mcplint.cli import app

runner = CliRunner()
CLEAN = '{"mcpServers": {"a": {"command": "npx", "env": {"TOKEN": "${TOKEN}"}}}}\n'
# A UTF-16 byte-order mark followed by an odd number of bytes: no UTF-16 text, and not UTF-8.
UNDECODABLE = b"\xff\xfe{\x00\x00"


@pytest.fixture
def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean config and a `.cursor/mcp.json` whose read fails (as root, chmod 000 is no barrier)."""
    write_tree(tmp_path, {".mcp.json": CLEAN, ".cursor/mcp.json": CLEAN})
    blocked = (tmp_path / ".cursor" / "mcp.json").resolve()
    real_read = pathlib.Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.resolve() == blocked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    return tmp_path


def scan(root: Path, *args: str):  # noqa: ANN201
    return runner.invoke(app, ["scan", str(root), *args])


def test_clean_tree_is_still_clean(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mcp.json": CLEAN})
    result = scan(tmp_path)
    assert result.exit_code == 0 and "No problems found; 1 file scanned." in result.stdout


def test_unreadable_file_fails_the_run_and_the_summary_says_so(unreadable: Path) -> None:
    result = scan(unreadable)
    assert result.exit_code == 1, result.stdout
    assert "No problems found; 1 file scanned." not in result.stdout
    assert ".cursor/mcp.json: error: could not read: Permission denied" in result.stdout
    assert "1 file could not be read: the scan is incomplete" in result.stdout


def test_undecodable_file_fails_the_run(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mcp.json": CLEAN, ".cursor/mcp.json": UNDECODABLE})
    result = scan(tmp_path)
    assert result.exit_code == 1
    assert "the scan is incomplete" in result.stdout


def test_fail_on_never_still_exits_zero_but_says_it(unreadable: Path) -> None:
    result = scan(unreadable, "--fail-on", "never")
    assert result.exit_code == 0
    assert "the scan is incomplete" in result.stdout


def test_sarif_invocation_is_unsuccessful_with_a_notification(unreadable: Path) -> None:
    result = scan(unreadable, "--format", "sarif")
    assert result.exit_code == 1
    invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "could not read" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ".cursor/mcp.json"


def test_sarif_of_a_complete_scan_is_successful(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mcp.json": CLEAN, "broken/.mcp.json": '{"mcpServers": {"a": {,}'})
    invocation = json.loads(scan(tmp_path, "--format", "sarif").stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True  # a parse error is a warning: what it recovers is scanned


def test_json_summary_counts_unreadable_files(unreadable: Path) -> None:
    summary = json.loads(scan(unreadable, "--format", "json").stdout)["summary"]
    assert summary["unreadable"] == 1 and summary["complete"] is False and summary["files_scanned"] == 1


def test_github_format_reports_the_incomplete_scan(unreadable: Path) -> None:
    result = scan(unreadable, "--format", "github")
    assert result.exit_code == 1
    assert "::error file=.cursor/mcp.json" in result.stdout and "the scan is incomplete" in result.stdout


def test_parse_error_is_not_an_incomplete_scan(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mcp.json": CLEAN, "broken/.mcp.json": '{"mcpServers": {"a": {,}'})
    result = scan(tmp_path)
    assert result.exit_code == 0 and "could not parse" in result.stdout and "incomplete" not in result.stdout
