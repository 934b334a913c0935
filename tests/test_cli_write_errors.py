"""Write errors give one clear line and exit 2, never "internal error": an ``--output`` that
cannot be written, a full disk, a closed standard output. A pipe closed by its reader (``| head``)
ends the output quietly and keeps the command's own exit code (0 for ``rules``)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import secret, write_tree
from typer.testing import CliRunner

from mcplint.cli import app

MCPLINT = [sys.executable, "-m", "mcplint"]
runner = CliRunner()


def leaking(tmp_path: Path) -> Path:
    config = {"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}}}}
    return write_tree(tmp_path / "proj", {".mcp.json": json.dumps(config)})


def run_with_stdout(args: list[str], stdout: int | None, **kwargs) -> tuple[int, str]:  # noqa: ANN003
    done = subprocess.run(
        [*MCPLINT, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60, check=False, **kwargs
    )
    return done.returncode, done.stderr


def broken_pipe() -> int:
    """The write end of a pipe whose reader is already gone: every write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    return write_end


def assert_one_clear_line(stderr: str, *fragments: str) -> None:
    assert stderr.count("\n") == 1 and stderr.startswith("mcplint: error: "), stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in stderr, stderr


@pytest.mark.parametrize("args", [["rules", "--explain", "MCP001"], ["rules"], ["--help"], ["rules", "--format", "json"]])
def test_reader_closing_the_pipe_is_a_quiet_exit_zero(args: list[str]) -> None:
    pipe = broken_pipe()
    try:
        code, stderr = run_with_stdout(args, pipe)
    finally:
        os.close(pipe)
    assert (code, stderr) == (0, "")


def test_closed_pipe_keeps_the_scan_verdict(tmp_path: Path) -> None:
    pipe = broken_pipe()
    try:
        code, stderr = run_with_stdout(["scan", str(leaking(tmp_path))], pipe)
    finally:
        os.close(pipe)
    assert (code, stderr) == (1, "")


def test_closed_standard_output_is_exit_2() -> None:
    code, stderr = run_with_stdout(["rules"], None, preexec_fn=lambda: os.close(1))
    assert code == 2
    assert_one_clear_line(stderr, "standard output", "closed")


def test_standard_output_on_a_full_disk_is_exit_2(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:  # a device as stdout, never as a path mcplint writes
        code, stderr = run_with_stdout(["scan", str(leaking(tmp_path))], full.fileno())
    assert code == 2
    assert_one_clear_line(stderr, "standard output", "No space left on device")


def test_output_on_a_full_disk_is_exit_2(tmp_path: Path) -> None:
    # mcplint/fsutil.py writes through character devices and never renames over them.
    code, stderr = run_with_stdout(["scan", str(leaking(tmp_path)), "-o", "/dev/full"], subprocess.DEVNULL)
    assert code == 2
    assert_one_clear_line(stderr, "/dev/full", "No space left on device")


@pytest.mark.parametrize("command", ["scan", "audit", "baseline"])
def test_output_in_a_missing_directory_is_exit_2(tmp_path: Path, command: str) -> None:
    target = tmp_path / "missing" / "report.out"
    args = [command, "-o", str(target)]
    if command == "audit":
        args += ["--home", str(tmp_path)]
    else:
        args.append(str(leaking(tmp_path)))
    code, stderr = run_with_stdout(args, subprocess.DEVNULL)
    assert code == 2
    assert_one_clear_line(stderr, str(target))


def test_baseline_to_a_fifo_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "baseline.fifo"
    os.mkfifo(fifo)  # reading it would block forever (and /dev/full or /dev/zero would never end)
    code, stderr = run_with_stdout(["baseline", str(leaking(tmp_path)), "-o", str(fifo)], subprocess.DEVNULL)
    assert code == 2
    assert_one_clear_line(stderr, str(fifo), "not a regular file")


def test_baseline_on_a_full_disk_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mcplint.fsutil

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(mcplint.fsutil, "atomic_write_text", full)
    result = runner.invoke(app, ["baseline", str(leaking(tmp_path)), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, "b.json", "No space left on device")
