"""``mcplint fix``: secrets move from MCP configs into a git-ignored ``.env``, the config keeps the
client's reference and nothing else changes; clashes stop, reruns do nothing, a failed write loses
nothing, and clients that expand nothing are left alone with a concrete alternative."""

from __future__ import annotations

import os
import re
import stat
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import secret as pattern_secret

from mcplint.cli.fix import run_fix
from mcplint.fix import apply as fix_apply
from mcplint.fix import edits as fix_edits
from mcplint.fix.plan import dotenv_values
from mcplint.parse import parse
from mcplint.pipeline import scan
from mcplint.recognise.recogniser import kind_from_path
from mcplint.settings.values import Settings

CHECKOUT = Path(__file__).resolve().parent.parent
ALNUM = string.ascii_letters + string.digits


def github_token() -> str:
    return pattern_secret("github-pat")


@pytest.fixture(autouse=True)
def in_tmp_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test runs in its temp dir (git is isolated by conftest.py: a global excludes file could ignore .env)."""
    monkeypatch.chdir(tmp_path)


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def git_ignores(repo: Path, rel: str) -> bool:
    return subprocess.run(["git", "check-ignore", "-q", rel], cwd=repo, check=False).returncode == 0


def write(path: Path, text: str, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def run(capsys: pytest.CaptureFixture[str], *paths: Path, write: bool = False) -> tuple[int, str, str]:
    code = run_fix(list(paths), write, None)
    out, err = capsys.readouterr()
    return code, out, err


def mcp001_in(repo: Path, relpath: str) -> list:
    return [f for f in scan([repo], Settings()).findings if f.rule_id == "MCP001" and f.path == relpath]


# relpath, text with {secret}, the reference fix must leave there. Comments, trailing commas and
# odd spacing are part of what must survive byte for byte.
FIXABLE: dict[str, tuple[str, str, str]] = {
    "claude-code": (
        ".mcp.json",
        '{\n  "mcpServers": {\n    "github": {\n      "type": "stdio",\n      "command": "npx",\n'
        '      "args": ["-y", "@modelcontextprotocol/server-github"],\n'
        '      "env": {\n        "LOG_LEVEL": "info",\n        "GITHUB_TOKEN": "{secret}"\n      }\n    }\n  }\n}\n',
        "${GITHUB_TOKEN}",
    ),
    "cursor": (
        ".cursor/mcp.json",
        '{\n  "mcpServers": {\n    "assistant": {\n      "url": "https://assistant.example.com/mcp",\n'
        '      "headers": {"Authorization": "Bearer {secret}"}\n    }\n  }\n}\n',
        "${env:ASSISTANT_TOKEN}",
    ),
    "vscode": (
        ".vscode/mcp.json",
        '{\n  // workspace servers\n  "inputs": [],\n  "servers": {\n    /* GitHub */\n    "gh": {\n'
        '      "type": "stdio",\n      "command": "npx",\n'
        '      "env": {"GITHUB_TOKEN": "{secret}",},  // trailing comma\n    },\n  },\n}\n',
        "${env:GITHUB_TOKEN}",
    ),
    "windsurf": (
        ".codeium/windsurf/mcp_config.json",
        '{\n  "mcpServers": {\n    "issues": {\n      "serverUrl": "https://issues.example.com/mcp",\n'
        '      "headers": {"X-API-Key": "{secret}"}\n    }\n  }\n}\n',
        "${env:ISSUES_API_KEY}",
    ),
    "cline": (
        "cline_mcp_settings.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "command": "npx",\n      "args": ["server-github"],\n'
        '      "env": {"GITHUB_TOKEN": "{secret}"},\n      "disabled": false,\n'
        '      "autoApprove": []\n    }\n  }\n}\n',
        "${env:GITHUB_TOKEN}",
    ),
    "roo": (
        ".roo/mcp.json",
        '{"mcpServers": {"gh": {"command": "npx", "args": ["server-github", "--token", "{secret}"]}}}',
        "${env:GH_TOKEN}",
    ),
    "gemini": (
        ".gemini/settings.json",
        '{\n  // Gemini CLI\n  "mcpServers": {\n    "tickets": {\n      "httpUrl": "https://tickets.example.com/mcp",\n'
        '      "headers": {"Authorization": "Bearer {secret}"},\n      "timeout": 30000\n    }\n  }\n}\n',
        "${TICKETS_TOKEN}",
    ),
    "opencode": (
        "opencode.jsonc",
        '{\n  "$schema": "https://opencode.ai/config.json",\n  "mcp": {\n    "gh": {\n      "type": "local",\n'
        '      "command": ["npx", "-y", "server-github"],\n'
        '      "environment": {"GITHUB_TOKEN": "{secret}"},  // the token\n    },\n  },\n}\n',
        "{env:GITHUB_TOKEN}",
    ),
    "continue": (
        ".continue/mcpServers/github.yaml",
        "# team servers\nname: github\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: gh  # GitHub\n"
        "    command: npx\n    env:\n      GITHUB_TOKEN: {secret}  # move me\n      LOG_LEVEL: info\n",
        "${{ secrets.GITHUB_TOKEN }}",
    ),
    "kiro": (
        ".kiro/settings/mcp.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "url": "https://api.example.com/mcp",\n'
        '      "headers": {"Authorization": "Bearer {secret}"}\n    }\n  }\n}\n',
        "${GH_TOKEN}",
    ),
    "amazonq": (
        ".amazonq/mcp.json",
        '{\n  "mcpServers": {\n    "gh": {\n      "command": "npx",\n      "env": {"GITHUB_TOKEN": "{secret}"}\n'
        "    }\n  }\n}\n",
        "${env:GITHUB_TOKEN}",
    ),
    "compose": (
        "compose.yaml",
        "services:\n  mcp:\n    image: example/mcp:1\n    # credentials\n    environment:\n"
        "      - LOG_LEVEL=debug\n      - GITHUB_TOKEN={secret}\n",
        "${GITHUB_TOKEN}",
    ),
}


@pytest.mark.parametrize("client", sorted(FIXABLE))
def test_fix_write_moves_the_secret_for_every_fixable_client(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], client: str
) -> None:
    relpath, template, reference = FIXABLE[client]
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    original = template.replace("{secret}", secret)
    config = write(repo / relpath, original)
    assert kind_from_path(relpath) == client
    assert mcp001_in(repo, relpath), "the fixture must leak"

    code, out, err = run(capsys, repo, write=True)

    assert code == 1, err
    assert secret not in out + err
    new = config.read_text(encoding="utf-8")
    assert reference in new
    assert new.replace(reference, secret) == original  # only the secret's characters changed
    parse(new, "yaml" if relpath.endswith(".yaml") else "jsonc")
    assert mcp001_in(repo, relpath) == []
    name = re.search(r"[A-Z][A-Z0-9_]+", reference).group()
    env = repo / ".env"
    assert dotenv_values(env.read_text()) == {name: secret}
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert git_ignores(repo, ".env")
    assert f"{name}=" in (repo / ".env.example").read_text().splitlines()


def test_dry_run_prints_a_masked_diff_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    relpath, template, _ = FIXABLE["claude-code"]
    config = write(repo / relpath, template.replace("{secret}", secret))
    write(repo / ".env", "OTHER_SECRET=" + github_token() + "\n")  # already there: must stay masked too
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}

    code, out, err = run(capsys, repo)

    assert code == 1
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts} == before
    assert not (repo / ".env.example").exists()
    assert secret not in out + err and "ghp_" not in out + err
    assert '-        "GITHUB_TOKEN": "****"\n' in out
    assert '+        "GITHUB_TOKEN": "${GITHUB_TOKEN}"\n' in out
    assert " OTHER_SECRET=****\n" in out and "+GITHUB_TOKEN=****\n" in out
    assert "--- /dev/null\n+++ b/.env.example\n" in out and "+GITHUB_TOKEN=\n" in out
    assert "+.env\n" in out  # the .gitignore entry
    assert config.read_text(encoding="utf-8") == template.replace("{secret}", secret)


def test_second_run_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    for client in ("claude-code", "cursor", "continue"):
        relpath, template, _ = FIXABLE[client]
        write(repo / relpath, template.replace("{secret}", github_token()))
    assert run(capsys, repo, write=True)[0] == 1
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}

    code, out, err = run(capsys, repo, write=True)

    assert code == 0, err
    assert out == "" and "nothing to fix" in err
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts} == after


def test_clash_with_a_different_value_stops_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = git_repo(tmp_path / "repo")
    secret, other = github_token(), github_token()
    relpath, template, _ = FIXABLE["claude-code"]
    write(repo / relpath, template.replace("{secret}", secret))
    write(repo / ".env", f"GITHUB_TOKEN={other}\n")
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}

    code, out, err = run(capsys, repo, write=True)

    assert code == 2
    assert "GITHUB_TOKEN" in err and "different value" in err and "nothing was changed" in err
    assert secret not in out + err and other not in out + err
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts} == before


def test_same_name_same_value_is_reused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    relpath, template, _ = FIXABLE["claude-code"]
    write(repo / relpath, template.replace("{secret}", secret))
    env_text = f"# mine\r\nGITHUB_TOKEN={secret}\r\n"
    write(repo / ".env", env_text)
    write(repo / ".gitignore", "node_modules/\n.env*\n!.env.example")  # already ignored

    code, _, err = run(capsys, repo, write=True)

    assert code == 1
    assert (repo / ".env").read_bytes() == env_text.encode()  # no duplicate line
    assert (repo / ".gitignore").read_text() == "node_modules/\n.env*\n!.env.example"
    assert "already in .env" in err
    assert "${GITHUB_TOKEN}" in (repo / relpath).read_text()


def test_failure_between_the_env_and_the_config_write_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    relpath, template, _ = FIXABLE["claude-code"]
    original = template.replace("{secret}", secret)
    config = write(repo / relpath, original)
    real_write = fix_apply.atomic_write_bytes

    def failing_write(path: Path, data: bytes, mode: int | None = None, temp_dir: Path | None = None) -> None:
        if Path(path).name == ".mcp.json":
            raise OSError(28, "No space left on device")
        real_write(path, data, mode, temp_dir)

    monkeypatch.setattr(fix_apply, "atomic_write_bytes", failing_write)
    code, out, err = run(capsys, repo, write=True)

    assert code == 2
    assert "could not write .mcp.json" in err and "already written" in err
    assert secret not in out + err
    assert config.read_text(encoding="utf-8") == original  # untouched
    assert dotenv_values((repo / ".env").read_text())["GITHUB_TOKEN"] == secret  # and the secret is safe
    assert [p.name for p in config.parent.iterdir() if p.name.endswith(".tmp")] == []

    monkeypatch.setattr(fix_apply, "atomic_write_bytes", real_write)  # the rerun finishes the job
    assert run(capsys, repo, write=True)[0] == 1
    assert "${GITHUB_TOKEN}" in config.read_text(encoding="utf-8")
    assert dotenv_values((repo / ".env").read_text()) == {"GITHUB_TOKEN": secret}
    assert mcp001_in(repo, relpath) == []


def test_an_edit_that_fails_verification_is_rolled_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo(tmp_path / "repo")
    relpath, template, _ = FIXABLE["cursor"]
    original = template.replace("{secret}", github_token())
    config = write(repo / relpath, original)
    monkeypatch.setattr(fix_edits, "verify", lambda *args, **kwargs: "make the file unparseable")

    code, _, err = run(capsys, repo, write=True)

    assert code == 1
    assert "not auto-fixable" in err and "make the file unparseable" in err
    assert config.read_text(encoding="utf-8") == original
    assert not (repo / ".env").exists()


def test_yaml_flow_scalar_is_quoted_when_the_reference_needs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    original = (
        "name: gh\nversion: 0.0.1\nschema: v1\nmcpServers:\n"
        f"  - name: gh\n    command: npx\n    args: [server-github, --token, {secret}]  # flow\n"
    )
    config = write(repo / ".continue/mcpServers/gh.yaml", original)

    assert run(capsys, repo, write=True)[0] == 1

    new = config.read_text()
    assert new == original.replace(secret, '"${{ secrets.GH_TOKEN }}"')
    assert yaml.safe_load(new)["mcpServers"][0]["args"][2] == "${{ secrets.GH_TOKEN }}"
    assert dotenv_values((repo / ".env").read_text()) == {"GH_TOKEN": secret}


def test_crlf_missing_final_newline_and_mode_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    relpath, template, reference = FIXABLE["vscode"]
    original = template.replace("{secret}", secret).rstrip("\n").replace("\n", "\r\n")
    config = repo / relpath
    config.parent.mkdir(parents=True)
    config.write_bytes(original.encode())
    config.chmod(0o640)
    write(repo / ".env", "# local\nEXISTING=1", newline="\r\n")  # no final newline
    write(repo / ".gitignore", "dist/\r\n")

    assert run(capsys, repo, write=True)[0] == 1

    assert config.read_bytes() == original.replace(secret, reference).encode()
    assert stat.S_IMODE(config.stat().st_mode) == 0o640
    assert (repo / ".env").read_bytes() == f"# local\r\nEXISTING=1\r\nGITHUB_TOKEN={secret}\r\n".encode()
    assert (repo / ".gitignore").read_bytes() == b"dist/\r\n.env\r\n"


def test_header_and_flag_names_and_two_secrets_under_one_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = git_repo(tmp_path / "repo")
    first, second, header, flag = (github_token() for _ in range(4))
    original = (
        '{"mcpServers": {\n'
        f'  "a": {{"command": "npx", "env": {{"GITHUB_TOKEN": "{first}"}}}},\n'
        f'  "b": {{"command": "npx", "env": {{"GITHUB_TOKEN": "{second}"}}}},\n'
        f'  "assistant": {{"url": "https://x.example.com/mcp", "headers": {{"Authorization": "Bearer {header}"}}}},\n'
        f'  "search": {{"command": "npx", "args": ["--api-key={flag}"]}}\n'
        "}}\n"
    )
    config = write(repo / ".mcp.json", original)

    assert run(capsys, repo, write=True)[0] == 1

    assert dotenv_values((repo / ".env").read_text()) == {
        "GITHUB_TOKEN": first, "B_GITHUB_TOKEN": second, "ASSISTANT_TOKEN": header, "SEARCH_API_KEY": flag,
    }
    new = config.read_text()
    assert '"Authorization": "Bearer ${ASSISTANT_TOKEN}"' in new
    assert '"--api-key=${SEARCH_API_KEY}"' in new
    assert '"GITHUB_TOKEN": "${B_GITHUB_TOKEN}"' in new


def test_environment_prefix_is_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    relpath, template, _ = FIXABLE["claude-code"]
    config = write(repo / "deploy/prod" / relpath, template.replace("{secret}", secret))

    assert run(capsys, repo, write=True)[0] == 1

    assert '"GITHUB_TOKEN": "${PROD_GITHUB_TOKEN}"' in config.read_text()
    assert dotenv_values((repo / ".env").read_text()) == {"PROD_GITHUB_TOKEN": secret}


def test_existing_example_and_ignored_env_are_respected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    relpath, template, _ = FIXABLE["claude-code"]
    write(repo / relpath, template.replace("{secret}", github_token()))
    write(repo / ".env.sample", "GITHUB_TOKEN=\n")
    write(repo / ".gitignore", ".env\n")

    assert run(capsys, repo, write=True)[0] == 1

    assert (repo / ".env.sample").read_text() == "GITHUB_TOKEN=\n"
    assert not (repo / ".env.example").exists()
    assert (repo / ".gitignore").read_text() == ".env\n"


def test_tracked_env_file_stops_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    relpath, template, _ = FIXABLE["claude-code"]
    original = template.replace("{secret}", github_token())
    write(repo / relpath, original)
    write(repo / ".env", "LOG_LEVEL=info\n")
    subprocess.run(["git", "add", ".env"], cwd=repo, check=True)

    code, _, err = run(capsys, repo, write=True)

    assert code == 2 and "git tracks .env" in err
    assert (repo / relpath).read_text() == original


def test_outside_git_the_env_goes_next_to_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = github_token()
    relpath, template, _ = FIXABLE["cursor"]
    config = write(tmp_path / "home" / relpath, template.replace("{secret}", secret))

    assert run(capsys, config, write=True)[0] == 1

    env = config.parent / ".env"
    assert dotenv_values(env.read_text()) == {"ASSISTANT_TOKEN": secret}
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert not (config.parent / ".gitignore").exists()


def test_escaped_json_value_is_not_auto_fixable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    original = '{"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": "\\u0020' + secret + '"}}}}\n'
    config = write(repo / ".mcp.json", original)

    code, out, err = run(capsys, repo, write=True)

    assert code == 1
    assert "not auto-fixable" in err and "escapes" in err and "${GITHUB_TOKEN}" in err
    assert config.read_text() == original and not (repo / ".env").exists()
    assert secret not in out + err


# relpath, text with {secret}, what the printed alternative must contain.
NOT_FIXABLE: dict[str, tuple[str, str, list[str]]] = {
    "claude-desktop": (
        "claude_desktop_config.json",
        '{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n'
        '      "args": ["-y", "@modelcontextprotocol/server-github"],\n      "env": {"GITHUB_TOKEN": "{secret}"}\n'
        "    }\n  }\n}\n",
        ['"command": "sh"', "set -a; . ", "exec npx -y '<arg2>'", '"op", "args": ["run"'],
    ),
    "codex": (
        ".codex/config.toml",
        '# Codex\n[mcp_servers.gh]\ncommand = "npx"\nargs = ["-y", "server-github"]\n\n'
        '[mcp_servers.gh.env]\nGITHUB_TOKEN = "{secret}"\n',
        ['env_vars = ["GITHUB_TOKEN"]', "[mcp_servers.gh]"],
    ),
    "goose": (
        ".config/goose/config.yaml",
        "extensions:\n  github:\n    type: stdio\n    name: github\n    cmd: npx\n    args: [-y, server-github]\n"
        '    envs:\n      GITHUB_TOKEN: "{secret}"\n    enabled: true\n',
        ["env_keys: [GITHUB_TOKEN]", "goose configure"],
    ),
    "zed": (
        ".zed/settings.json",
        '// Zed\n{\n  "context_servers": {\n    "gh": {\n      "command": "npx",\n      "args": ["server-github"],\n'
        '      "env": {"GITHUB_TOKEN": "{secret}"}\n    }\n  }\n}\n',
        ['"command": "sh"', "exec npx '<arg1>'"],
    ),
    "amazonq-header": (
        ".amazonq/mcp.json",
        '{"mcpServers": {"gh": {"url": "https://api.example.com/mcp",'
        ' "headers": {"Authorization": "Bearer {secret}"}}}}',
        ["only in env"],
    ),
}


@pytest.mark.parametrize("client", sorted(NOT_FIXABLE))
def test_not_fixable_clients_are_left_alone_with_an_alternative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], client: str
) -> None:
    relpath, template, expected = NOT_FIXABLE[client]
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    original = template.replace("{secret}", secret)
    config = write(repo / relpath, original)

    code, out, err = run(capsys, repo, write=True)

    assert code == 1
    assert "not auto-fixable" in err
    for fragment in expected:
        assert fragment in err, (fragment, err)
    assert secret not in out + err
    assert config.read_text() == original
    assert sorted(p.name for p in repo.iterdir()) == sorted([".git", relpath.split("/")[0]])


def test_wrapper_alternative_never_prints_a_secret_argument(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    write(repo / "claude_desktop_config.json",
          '{"mcpServers": {"gh": {"command": "npx", "args": ["server-github", "--token", "' + secret + '"]}}}')

    code, out, err = run(capsys, repo)

    assert code == 1
    assert secret not in out + err
    assert '\\"${GH_TOKEN}\\"' in err  # the wrapper passes the variable, not the value


def test_cli_and_precommit_hook(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    secret = github_token()
    relpath, template, _ = FIXABLE["claude-code"]
    write(repo / relpath, template.replace("{secret}", secret))
    env = dict(os.environ)  # the isolated git configuration of conftest.py

    done = subprocess.run([sys.executable, "-m", "mcplint", "fix", "--write", relpath], cwd=repo, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr  # pre-commit: files changed, re-stage
    assert secret not in done.stdout + done.stderr
    again = subprocess.run([sys.executable, "-m", "mcplint", "fix", "--write", relpath], cwd=repo, env=env,
                           capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    usage = subprocess.run([sys.executable, "-m", "mcplint", "fix", "missing.json"], cwd=repo, env=env,
                           capture_output=True, text=True, check=False)
    assert usage.returncode == 2

    hooks = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())
    [hook] = [h for h in hooks if h["id"] == "mcplint-fix"]
    assert hook["entry"] == "mcplint fix --write"


def test_fix_writes_the_variable_the_scan_message_suggests(tmp_path: Path) -> None:
    import shutil

    from mcplint.fix.plan import plan
    from mcplint.pipeline import scan
    from mcplint.settings.values import Settings

    demo = Path(__file__).resolve().parents[1] / "examples" / "demo"
    shutil.copytree(demo, tmp_path / "demo")
    root = tmp_path / "demo"
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    suggested = {
        (f.path, f.span.line): f.message for f in scan([root], Settings()).findings if f.rule_id == "MCP001"
    }
    moved = plan([root], Settings()).moved
    assert {(m.path, m.line) for m in moved} == set(suggested)
    for item in moved:
        assert f"set {item.name} outside the file" in suggested[(item.path, item.line)]


def test_one_secret_in_args_and_env_of_a_server_becomes_one_variable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo = git_repo(tmp_path / "repo")
    token = github_token()
    config = write(repo / ".mcp.json", (
        '{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n'
        f'      "args": ["-y", "server-github", "--api-key", "{token}"],\n'
        f'      "env": {{"GITHUB_TOKEN": "{token}"}}\n    }}\n  }}\n}}\n'
    ))
    code, out, err = run(capsys, config, write=True)
    assert code == 1, err
    env = dotenv_values((repo / ".env").read_text(encoding="utf-8"))
    assert env == {"GITHUB_TOKEN": token}  # one variable, named after the env entry
    text = config.read_text(encoding="utf-8")
    assert token not in text and text.count("${GITHUB_TOKEN}") == 2
    assert token not in out + err


def test_a_user_level_config_is_not_given_a_dotenv_nobody_reads(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    token = github_token()
    config = write(home / ".cursor" / "mcp.json", '{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n'
                   f'      "env": {{"GITHUB_TOKEN": "{token}"}}\n    }}\n  }}\n}}\n')
    before = config.read_bytes()
    code, out, err = run(capsys, config, write=True)
    assert code == 1
    assert config.read_bytes() == before  # left alone: the value is still the user's to move
    assert not (home / ".cursor" / ".env").exists() and not (home / ".env").exists()
    said = out + err
    assert "user-level" in said and "export GITHUB_TOKEN=" in said and "${env:GITHUB_TOKEN}" in said
    assert token not in said  # nothing of the secret printed
    # The same file in a project is fixed as usual.
    project = git_repo(tmp_path / "project")
    in_project = write(project / ".cursor" / "mcp.json", before.decode("utf-8"))
    assert run(capsys, in_project, write=True)[0] == 1
    assert dotenv_values((project / ".env").read_text(encoding="utf-8")) == {"GITHUB_TOKEN": token}
