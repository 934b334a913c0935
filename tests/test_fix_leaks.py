"""``mcplint fix`` never prints a secret: not in diff hunks (suppressed, baselined and allowlisted
values included, credential-looking values under neutral keys, every value of a line holding one,
every ``.env`` value and token), not in the wrapper advice, not as a name in any message."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from conftest import secret as pattern_secret

from mcplint.cli.fix import run_fix
from mcplint.pipeline import scan
from mcplint.results import baseline
from mcplint.settings.values import Settings


@pytest.fixture(autouse=True)
def in_tmp_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def run(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str]:
    code = run_fix(list(paths), False, None)
    out, err = capsys.readouterr()
    return code, out + err


def leaked(secret: str, text: str, window: int = 8) -> str | None:
    """A piece of ``secret`` (``window`` characters or the whole of a shorter one) found in ``text``."""
    if len(secret) <= window:
        return secret if secret in text else None
    for start in range(len(secret) - window + 1):
        piece = secret[start : start + window]
        if piece in text:
            return piece
    return None


def fixable_config(extra_env: str = "", extra_line: str = "") -> tuple[str, str]:
    token = pattern_secret("github-pat")
    text = (
        '{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n'
        f'      "env": {{\n        "GITHUB_TOKEN": "{token}",{extra_env}\n'
        '        "LOG_LEVEL": "info"\n      }\n    }\n  }\n}\n' + extra_line
    )
    return token, text


def test_an_inline_suppressed_secret_is_masked_in_the_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    accepted = pattern_secret("slack-bot-token")
    token, text = fixable_config(f'\n        "SLACK_TOKEN": "{accepted}",  // mcplint: ignore[MCP001]')
    write(repo / ".mcp.json", text)

    code, output = run(capsys, repo)

    assert code == 1 and '"SLACK_TOKEN": "****"' in output
    assert leaked(token, output) is None and leaked(accepted, output) is None


def test_a_baselined_secret_is_masked_in_the_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    accepted = pattern_secret("slack-bot-token")
    write(repo / ".mcp.json", '{"mcpServers": {"github": {"command": "npx", "env": {\n'
          f'  "SLACK_TOKEN": "{accepted}"\n}}}}}}}}\n')
    entries = baseline.entries_from(scan([repo], Settings()).findings)
    baseline.write(repo / ".mcplint-baseline.json", entries)
    write(repo / ".mcplint.yaml", "baseline: .mcplint-baseline.json\n")
    token = pattern_secret("github-pat")
    write(repo / ".mcp.json", '{"mcpServers": {"github": {"command": "npx", "env": {\n'
          f'  "SLACK_TOKEN": "{accepted}",\n  "GITHUB_TOKEN": "{token}"\n}}}}}}}}\n')

    code, output = run(capsys, repo)

    assert code == 1 and "${GITHUB_TOKEN}" in output
    assert leaked(token, output) is None and leaked(accepted, output) is None


def test_an_allowlisted_secret_is_masked_in_the_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    accepted = pattern_secret("slack-bot-token")
    digest = hashlib.sha256(accepted.encode()).hexdigest()
    write(repo / ".mcplint.yaml", f"allowlist:\n  hashes: ['{digest}']\n")
    token, text = fixable_config(f'\n        "SLACK_TOKEN": "{accepted}",')
    write(repo / ".mcp.json", text)

    code, output = run(capsys, repo)

    assert code == 1
    assert leaked(token, output) is None and leaked(accepted, output) is None


def test_a_credential_looking_value_under_a_neutral_key_is_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = git_repo(tmp_path / "repo")
    neutral = "q7Xv2LpR9sKd4NwB8tZc3MhF"  # mixed case and digits: what scan's snippets mask
    token, text = fixable_config(f'\n        "REGION": "{neutral}",')
    write(repo / ".mcp.json", text)

    code, output = run(capsys, repo)

    assert code == 1
    assert leaked(token, output) is None and leaked(neutral, output) is None


def test_every_value_of_a_line_holding_a_secret_is_masked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    token = pattern_secret("github-pat")
    write(repo / ".mcp.json", '{"mcpServers": {"github": {"command": "npx", "env": {'
          f'"GITHUB_TOKEN": "{token}", "DB_PASSPHRASE_HINT": "correct horse battery"}}}}}}}}\n')

    code, output = run(capsys, repo)

    assert code == 1 and "${GITHUB_TOKEN}" in output
    removed = [line for line in output.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed and all("correct horse" not in line for line in removed)
    assert leaked(token, output) is None


def test_the_wrapper_advice_echoes_no_argument_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    accepted = pattern_secret("github-pat")
    token = pattern_secret("slack-bot-token")
    write(repo / "claude_desktop_config.json", json.dumps({"mcpServers": {"gh": {
        "command": "npx",
        "args": ["-y", "server-github", "--token", accepted, "--db-password", "PLACEHOLDER"],
        "env": {"SLACK_TOKEN": token},
    }}}).replace("PLACEHOLDER", "Tr0ub4dor\\u0053ecret"))
    env_hash = hashlib.sha256(token.encode()).hexdigest()
    findings = scan([repo], Settings()).findings
    accepted_args = [baseline.Entry.of(f) for f in findings if f.digest is not None and f.digest.sha256 != env_hash]
    assert accepted_args  # the --token argument (and the password) are baselined; the env secret is not
    baseline.write(repo / ".mcplint-baseline.json", accepted_args)
    write(repo / ".mcplint.yaml", "baseline: .mcplint-baseline.json\n")

    code, output = run(capsys, repo)

    assert code == 1 and "not auto-fixable" in output and '"command": "sh"' in output
    for value in (accepted, token, "Tr0ub4dorSecret", "Tr0ub4dor\\u0053ecret", "Tr0ub4dor"):
        assert leaked(value, output) is None, value


def test_env_diffs_mask_every_value_and_token(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    in_comment, colon, bare, in_set = (pattern_secret("github-pat") for _ in range(4))
    short = "hunter2!x"
    write(repo / ".env", f"# the old one was {in_comment}\nAPI_KEY: {colon}\n{bare}\nset OTHER={in_set}\n"
          f"PASSWORD = {short}\n")
    token, text = fixable_config()
    write(repo / ".mcp.json", text)

    code, output = run(capsys, repo)

    assert code == 1 and "+GITHUB_TOKEN=****" in output
    for value in (token, in_comment, colon, bare, in_set, short):
        assert leaked(value, output, 6) is None, value


SECRET_NAME_CONFIGS = {
    "env key": ('{"mcpServers": {"gh": {"command": "npx", "env": {"NAME": "VALUE"}}}}', ".mcp.json"),
    "header key": ('{"mcpServers": {"gh": {"url": "https://x.example.com/mcp", "headers": {"NAME": "VALUE"}}}}',
                   ".mcp.json"),
    "server name": ('{"mcpServers": {"NAME": {"command": "npx", "env": {"API_TOKEN": "VALUE"}}}}', ".mcp.json"),
    "continue name": ("name: NAME\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: NAME\n    command: npx\n"
                      "    env:\n      API_TOKEN: VALUE\n", ".continue/mcpServers/x.yaml"),
}


@pytest.mark.parametrize("case", sorted(SECRET_NAME_CONFIGS))
def test_a_secret_used_as_a_name_is_masked_in_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    repo = git_repo(tmp_path / "repo")
    name, value = pattern_secret("github-pat"), pattern_secret("slack-bot-token")
    template, relpath = SECRET_NAME_CONFIGS[case]
    write(repo / relpath, template.replace("NAME", name).replace("VALUE", value))

    code, output = run(capsys, repo)
    messages = "\n".join(f.message + "\n" + f.snippet for f in scan([repo], Settings()).findings)

    assert code == 1
    for secret in (name, value, name.upper()):
        assert leaked(secret, output) is None, (secret, output)
        assert leaked(secret, messages) is None, (secret, messages)
