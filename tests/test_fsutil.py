"""Writes never replace what is not a regular file (``-o``, baseline, init, fix all write through here)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from mcplint.fsutil import UnsafeWriteTarget, atomic_write_text


def test_regular_file_replaced_with_its_mode_kept(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o600)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    leader, follower = os.openpty()
    try:
        device = Path(os.ttyname(follower))
        atomic_write_text(device, "hello")
        assert stat.S_ISCHR(os.stat(device).st_mode)
        assert os.read(leader, 100).replace(b"\r", b"") == b"hello"
        link = tmp_path / "stdout"
        link.symlink_to(device)
        atomic_write_text(link, "again")
        assert link.is_symlink() and stat.S_ISCHR(os.stat(device).st_mode)
    finally:
        os.close(leader)
        os.close(follower)


def test_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    atomic_write_text(fifo, "through")
    reader.join(10)
    assert received == [b"through"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("kind", ["symlink", "dangling", "directory", "read-only"])
def test_refused_targets_are_left_as_they_were(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep")
    if kind == "symlink":
        target.symlink_to(elsewhere)
    elif kind == "dangling":
        target.symlink_to(tmp_path / "missing")
    elif kind == "directory":
        target.mkdir()
    else:
        target.write_text("keep")
        target.chmod(0o444)
    before = os.lstat(target)
    with pytest.raises(UnsafeWriteTarget):
        atomic_write_text(target, "new")
    after = os.lstat(target)
    assert (before.st_mode, before.st_ino) == (after.st_mode, after.st_ino)
    assert elsewhere.read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", "elsewhere.txt"])
