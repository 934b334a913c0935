"""``--verbose`` explains, per file, the candidate values judged placeholders or references (class 11)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import make_repo, secret

from mcplint.detect import Detector
from mcplint.detect.explain import redacted

DETECTOR = Detector.default()
HAND_MADE = "ghp_" + "1234567890abcdef" * 2 + "1234"  # what a user types to test the hook


def _reasons(value: str, key: str | None) -> list[str]:
    return [reason for _, _, reason in DETECTOR.explain(value, key)]


def test_each_kind_of_drop_has_its_reason() -> None:
    assert _reasons(HAND_MADE, "GITHUB_TOKEN") == [
        "placeholder (GitHub personal access token): a sequential run (abcdefg, 1234567, qwerty)"
    ]
    assert _reasons("${GITHUB_TOKEN}", "GITHUB_TOKEN") == ["reference under 'GITHUB_TOKEN'"]
    assert _reasons("process.env.API_KEY", "apiKey") == ["reference under 'apiKey'"]
    assert _reasons("glpat_helloW0rld9Q3x7Z", "GITLAB_TOKEN") == [
        "carries the gitlab-pat prefix but does not match its format"
    ]
    (reason,) = _reasons("Bearer sk-proj-abc…xxx…", "Authorization")
    assert reason.startswith("placeholder under 'Authorization': masked")


def test_reported_and_unnamed_values_are_not_explained() -> None:
    assert DETECTOR.explain(secret("github-pat"), "GITHUB_TOKEN") == []
    assert DETECTOR.explain("hello world", "DESCRIPTION") == []


def test_redaction_keeps_four_characters_and_the_length() -> None:
    assert redacted(HAND_MADE) == "ghp_…(40)"
    assert redacted("short") == "…(5)"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mcplint", *args], capture_output=True, text=True, check=False)


def test_verbose_lists_dropped_values_per_file_redacted(tmp_path: Path) -> None:
    env = {"GITHUB_TOKEN": HAND_MADE, "API_KEY": "${API_KEY}", "SLACK_TOKEN": "xoxb-your-bot-token"}
    text = json.dumps({"mcpServers": {"gh": {"command": "x", "env": env}}}, indent=2)
    repo = make_repo(tmp_path / "repo", {".mcp.json": text, ".env": "# OPENAI_API_KEY=sk-...\n"})
    done = _cli("scan", str(repo), "--verbose")
    out = done.stdout
    assert "Not reported (judged placeholders or references):" in out
    assert "  .mcp.json: 3 values" in out
    assert ".mcp.json:6:26 ghp_…(40) placeholder (GitHub personal access token): a sequential run" in out
    assert ".mcp.json:7:21 ${AP…(10) reference under 'API_KEY'" in out
    assert ".mcp.json:8:25 xoxb…(19) placeholder under 'SLACK_TOKEN': contains a placeholder word" in out
    assert ".env:1:18 …(6) placeholder under 'OPENAI_API_KEY': masked" in out  # in a comment too
    assert HAND_MADE not in out and "xoxb-your-bot-token" not in out


def test_without_verbose_nothing_is_explained(tmp_path: Path) -> None:
    text = json.dumps({"mcpServers": {"gh": {"command": "x", "env": {"GITHUB_TOKEN": HAND_MADE}}}})
    repo = make_repo(tmp_path / "repo", {".mcp.json": text})
    assert "Not reported" not in _cli("scan", str(repo)).stdout
    assert "Not reported" not in _cli("scan", str(repo), "--verbose", "--format", "json").stdout
