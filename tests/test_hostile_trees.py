"""Hostile trees: loops, links out of the root, FIFOs, devices, huge and odd files, deep nesting,
alias bombs, duplicate keys and odd file names. mcplint must finish, skip what it cannot read,
report the rest, and escape what it prints."""

from __future__ import annotations

import json
import os
import random
import re
import string
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from mcplint.pipeline import scan
from mcplint.reporters import render
from mcplint.settings.values import Settings

RNG = random.Random(99)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and symlinks")


def token() -> str:
    return "ghp_" + "".join(RNG.choice(string.ascii_letters + string.digits) for _ in range(36))


def mcp_json(secret: str) -> str:
    return json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret}}}}, indent=2)


def timed_scan(paths: list[Path], settings: Settings | None = None, limit: float = 30.0):
    started = time.perf_counter()
    result = scan(paths, settings or Settings())
    assert time.perf_counter() - started < limit
    return result


def found(result) -> set[str]:
    return {f.path for f in result.findings if f.rule_id == "MCP001"}


@posix_only
def test_symlink_loops_finish(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    os.symlink("..", tmp_path / "sub" / "up")  # directory loop
    os.symlink("..", tmp_path / "sub" / "up2")
    os.symlink("b.json", tmp_path / "a.json")  # file loop
    os.symlink("a.json", tmp_path / "b.json")
    os.symlink(".mcp.json", tmp_path / ".mcp.json.self")
    (tmp_path / "sub" / ".mcp.json").write_text(mcp_json(token()))
    for follow in (False, True):
        result = timed_scan([tmp_path], Settings(follow_symlinks=follow), limit=20)
        assert found(result) == {"sub/.mcp.json"}
        assert result.skipped.get("unreadable or broken link", 0) >= 2


@posix_only
def test_symlink_out_of_the_root_is_not_followed_by_default(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / ".mcp.json").write_text(mcp_json(token()))
    root = tmp_path / "repo"
    root.mkdir()
    os.symlink(outside / ".mcp.json", root / ".mcp.json")
    os.symlink(outside, root / ".cursor")
    (root / "inside.json").write_text("{}")
    os.symlink("inside.json", root / "claude_desktop_config.json")  # inside the root: followed
    result = timed_scan([root])
    assert found(result) == set()
    assert result.skipped.get("symbolic link outside the root") == 1
    followed = timed_scan([root], Settings(follow_symlinks=True))
    assert ".mcp.json" in found(followed)


@posix_only
def test_fifos_devices_directories_and_broken_links_do_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".mcp.json")  # a FIFO named like a config: opening it would block forever
    (tmp_path / ".cursor").mkdir()
    os.mkfifo(tmp_path / ".cursor" / "mcp.json")
    (tmp_path / "claude_desktop_config.json").mkdir()  # a directory in place of a file
    os.symlink("missing.json", tmp_path / "opencode.json")  # broken link
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "mcp.json").write_text(mcp_json(token()))
    result = timed_scan([tmp_path], limit=20)
    assert found(result) == {".vscode/mcp.json"}
    assert result.skipped.get("not a regular file") == 2
    assert result.skipped.get("unreadable or broken link") == 1
    # Explicit arguments (as pre-commit passes them): a FIFO and a character device.
    explicit = [tmp_path / ".mcp.json", Path("/dev/zero"), tmp_path / ".vscode" / "mcp.json"]
    done = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", *map(str, [p for p in explicit if p.exists()]), "-f", "json"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert [f["path"] for f in json.loads(done.stdout)["findings"]] == [".vscode/mcp.json"]


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason="root reads chmod-000 files")
def test_unreadable_file_gives_a_diagnostic(tmp_path: Path) -> None:
    target = tmp_path / ".mcp.json"
    target.write_text(mcp_json(token()))
    target.chmod(0)
    try:
        result = timed_scan([tmp_path])
    finally:
        target.chmod(0o600)
    assert [d.path for d in result.diagnostics] == [".mcp.json"]
    assert "could not read" in result.diagnostics[0].message


def test_one_gib_file_is_skipped_by_size_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / ".mcp.json"
    with huge.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: no disk used
    (tmp_path / ".cursor").mkdir()
    (tmp_path / ".cursor" / "mcp.json").write_text(mcp_json(token()))
    opened: list[str] = []
    real_read_bytes, real_open = Path.read_bytes, Path.open

    def spy_read_bytes(self: Path) -> bytes:
        opened.append(self.name)
        return real_read_bytes(self)

    def spy_open(self: Path, *args, **kwargs):
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", spy_read_bytes)
    monkeypatch.setattr(Path, "open", spy_open)
    result = timed_scan([tmp_path], limit=10)
    assert found(result) == {".cursor/mcp.json"}
    assert result.skipped.get("over the size limit") == 1
    assert ".mcp.json" not in opened and "mcp.json" in opened


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_files_are_scanned_at_the_right_place(tmp_path: Path, encoding: str) -> None:
    secret = token()
    text = mcp_json(secret)
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8-sig": b""}[encoding]
    (tmp_path / ".mcp.json").write_bytes(bom + text.encode(encoding))
    result = timed_scan([tmp_path])
    assert not result.diagnostics
    [finding] = [f for f in result.findings if f.rule_id == "MCP001"]
    line_text = text.splitlines()[finding.span.line - 1]
    assert line_text[finding.span.col - 1 :].startswith(secret)


def test_non_utf8_file_is_a_diagnostic_not_a_crash_and_hides_nothing_else(tmp_path: Path) -> None:
    (tmp_path / ".mcp.json").write_bytes(b'{"mcpServers": {"a": {"command": "\xff\xfe\x80\x81", "env": {}}}}')
    (tmp_path / ".cursor").mkdir()
    (tmp_path / ".cursor" / "mcp.json").write_bytes(b"\x00\x01binary\xff" * 10)
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "mcp.json").write_text(mcp_json(token()))
    result = timed_scan([tmp_path])
    assert found(result) == {".vscode/mcp.json"}
    assert [d.path for d in result.diagnostics] == [".mcp.json"]
    assert "UTF-8" in result.diagnostics[0].message


def test_latin1_config_is_read_and_its_secret_found(tmp_path: Path) -> None:
    secret = token()
    text = '{"mcpServers": {"caf\xe9": {"command": "npx", "env": {"GITHUB_TOKEN": "SECRET"}}}}'.replace("SECRET", secret)
    (tmp_path / ".mcp.json").write_bytes(text.encode("latin-1"))
    result = timed_scan([tmp_path])
    assert found(result) == {".mcp.json"}
    assert [d.message for d in result.diagnostics] == ["not UTF-8: read as Latin-1"]
    [finding] = [f for f in result.findings if f.rule_id == "MCP001"]
    assert finding.span.col == text.index(secret) + 1


@pytest.mark.parametrize("depth", [600, 100_000])
def test_very_deep_nesting_is_bounded(tmp_path: Path, depth: int) -> None:
    (tmp_path / ".mcp.json").write_text('{"mcpServers": ' + "[" * depth + "]" * depth + "}")
    (tmp_path / "x.yaml").write_text("mcpServers:\n  a: " + "[" * depth + "]" * depth + "\n")
    (tmp_path / ".codex").mkdir()
    (tmp_path / ".codex" / "config.toml").write_text("[mcp_servers.a]\nargs = " + "[" * depth + "]" * depth + "\n")
    (tmp_path / ".cursor").mkdir()
    (tmp_path / ".cursor" / "mcp.json").write_text(mcp_json(token()))
    result = timed_scan([tmp_path])
    assert found(result) == {".cursor/mcp.json"}
    assert {d.path for d in result.diagnostics} == {".mcp.json", "x.yaml", ".codex/config.toml"}


def test_yaml_billion_laughs_is_bounded(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    secret = token()
    lines += ["mcpServers:", "  gh:", "    command: npx", "    args: *i", "    env:", f"      GITHUB_TOKEN: {secret}"]
    (tmp_path / ".continue" / "mcpServers").mkdir(parents=True)
    (tmp_path / ".continue" / "mcpServers" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    result = timed_scan([tmp_path], limit=20)
    assert [d.message for d in result.diagnostics] == ["could not parse: alias expansion too large"]
    assert found(result) == {".continue/mcpServers/bomb.yaml"}  # recovered from the broken file


DUPLICATES = {
    "json": (".mcp.json", '{"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": "{a}",\n'
             '"GITHUB_TOKEN": "{b}"}}}}\n'),
    "json-servers": (".cursor/mcp.json", '{"mcpServers": {"gh": {"command": "npx", "env": {"T": "{a}"}},\n'
                     '"gh": {"command": "npx", "env": {"T": "{b}"}}}}\n'),
    "yaml": (".continue/mcpServers/gh.yaml", "mcpServers:\n  - name: gh\n    command: npx\n    env:\n"
             "      GITHUB_TOKEN: {a}\n      GITHUB_TOKEN: {b}\n"),
    "dotenv": (".env", "GITHUB_TOKEN={a}\nGITHUB_TOKEN={b}\n"),
}


@pytest.mark.parametrize("case", sorted(DUPLICATES))
def test_duplicate_keys_report_the_used_value_and_the_shadowed_one(tmp_path: Path, case: str) -> None:
    relpath, template = DUPLICATES[case]
    first, last = token(), token()
    text = template.replace("{a}", first).replace("{b}", last)
    (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / relpath).write_text(text)
    result = timed_scan([tmp_path])
    positions = set()
    for finding in result.findings:
        line = text.splitlines()[finding.span.line - 1]
        positions.update(s for s in (first, last) if line[finding.span.col - 1 :].startswith(s))
    assert positions == {first, last}, [(f.rule_id, f.span, f.message) for f in result.findings]


ODD_NAMES = ["new\nline", 'quote"comma,colon:', "percent%41 space", "esc\x1b[31mred", "tab\tand\rcr", "ünï🙂"]


@posix_only
@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names_are_escaped_in_every_format(tmp_path: Path, name: str) -> None:
    directory = tmp_path / name
    directory.mkdir()
    (directory / ".mcp.json").write_text(mcp_json(token()))
    result = timed_scan([tmp_path])
    relpath = f"{name}/.mcp.json"
    assert found(result) == {relpath}
    text = render("text", result)
    assert "\x1b" not in text and "\r" not in text
    assert all(not line.startswith(".mcp.json") for line in text.splitlines())  # no line was broken in two
    data = json.loads(render("json", result))
    assert {f["path"] for f in data["findings"]} == {relpath}
    sarif = json.loads(render("sarif", result))
    [uri] = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert urllib.parse.unquote(uri) == relpath
    assert re.fullmatch(r"[A-Za-z0-9\-._~/%!$&'()*+,;=:@]+", uri), uri  # only URI characters, the rest %-encoded
    github = [line for line in render("github", result).splitlines() if line.startswith("::") and "file=" in line]
    assert github
    for line in github:
        properties = line.split("::")[1]
        assert "\n" not in line and "\r" not in line
        file_value = properties.split("file=", 1)[1].split(",line=", 1)[0]
        unescaped = file_value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
        assert unescaped.replace("%25", "%") == relpath


def test_megabyte_long_key_and_value_lines_scan_quickly(tmp_path: Path) -> None:
    """A 1 MiB key name must not feed a super-linear ``key_regex`` (regression: twilio's took hours)."""
    payload = {"mcpServers": {"a": {"command": "x", "env": {"twilio" * 170_000: "ab" * 20, "K": "sk-" * 300_000}}}}
    (tmp_path / ".mcp.json").write_text(json.dumps(payload))
    timed_scan([tmp_path], Settings(max_file_size=4 << 20), limit=30)
