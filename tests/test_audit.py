"""``mcplint audit`` on fake homes laid out as macOS, Linux and Windows.

Each home holds the user-level configs of 20+ clients (JSON, JSONC, YAML, TOML) with generated
secrets and references planted at known lines. The audit must find every config, report every
secret at its file and line, report no reference, never print a secret, and flag group- or
world-readable files that hold one (MCP011).
"""

from __future__ import annotations

import io
import json
import os
import random
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import secret as pattern_secret
from typer.testing import CliRunner

from mcplint.audit import audit
from mcplint.cli import app
from mcplint.discover.locations import LOCATIONS, PLATFORMS, Roots, locations
from mcplint.pipeline import scan
from mcplint.recognise.recogniser import CLIENTS
from mcplint.settings.values import Settings

RNG = random.Random(6006)
SECRET_RULES = ("MCP001", "MCP002")
# The per-user variables the audit reads; unset for the CLI runs so the real machine never leaks in.
AUDIT_ENV_VARS = (
    "XDG_CONFIG_HOME", "APPDATA", "LOCALAPPDATA", "USERPROFILE", "CLAUDE_CONFIG_DIR", "CODEX_HOME",
    "CONTINUE_GLOBAL_DIR", "CLINE_DIR", "COPILOT_HOME", "CLINE_MCP_SETTINGS_PATH", "OPENCODE_CONFIG",
)
CLEAN_ENV: dict[str, str | None] = {name: None for name in AUDIT_ENV_VARS}


def github_token() -> str:
    return pattern_secret("github-pat", RNG)


# Client files: (client id, base, path under the base, format, template). In a template, {secret}
# is replaced by a fresh token and {ref} lines carry references; each sits on its own line.
# Bases: home, config (the platform's app config dir), xdg (~/.config), local (Windows only).
TEMPLATES: dict[str, str] = {
    "mcpServers": """\
{{
  "mcpServers": {{
    "gh": {{
      "command": "npx",
      "env": {{
        "GITHUB_TOKEN": "{secret}",
        "OTHER_TOKEN": "{ref}"
      }}
    }}
  }}
}}
""",
    "claude.json": """\
{{
  "numStartups": 3,
  "mcpServers": {{
    "docs": {{"command": "npx", "env": {{"DOCS_TOKEN": "{ref}"}}}}
  }},
  "projects": {{
    "/work/app": {{
      "mcpServers": {{
        "gh": {{
          "command": "npx",
          "env": {{
            "GITHUB_TOKEN": "{secret}"
          }}
        }}
      }}
    }}
  }}
}}
""",
    "claude-settings": """\
{{
  "env": {{
    "GITHUB_TOKEN": "{secret}",
    "OTHER_TOKEN": "{ref}"
  }}
}}
""",
    "vscode-mcp": """\
{{
  // user servers (JSON with comments)
  "inputs": [{{"type": "promptString", "id": "tok", "password": true}}],
  "servers": {{
    "gh": {{
      "type": "stdio",
      "command": "npx",
      "env": {{
        "GITHUB_TOKEN": "{secret}",
        "OTHER_TOKEN": "{ref}"
      }},
    }},
  }},
}}
""",
    "vscode-settings": """\
{{
  "editor.fontSize": 13,
  "mcp": {{
    "servers": {{
      "gh": {{
        "command": "npx",
        "env": {{
          "GITHUB_TOKEN": "{secret}",
          "OTHER_TOKEN": "{ref}"
        }}
      }}
    }}
  }}
}}
""",
    "windsurf": """\
{{
  "mcpServers": {{
    "gh": {{
      "serverUrl": "https://api.example.com/mcp",
      "headers": {{
        "Authorization": "Bearer {secret}",
        "X-Other": "Bearer {ref}"
      }}
    }}
  }}
}}
""",
    "zed": """\
// Zed settings
{{
  "theme": "One Dark",
  "context_servers": {{
    "gh": {{
      "command": "npx",
      "env": {{
        "GITHUB_TOKEN": "{secret}",
        "OTHER": "{ref}"
      }}
    }}
  }}
}}
""",
    "continue": """\
name: local
version: 0.0.1
schema: v1
mcpServers:
  - name: gh
    command: npx
    env:
      GITHUB_TOKEN: {secret}
      OTHER_TOKEN: "{ref}"
""",
    "codex": """\
[mcp_servers.gh]
command = "npx"
env_vars = ["OTHER_TOKEN"]

[mcp_servers.gh.env]
GITHUB_TOKEN = "{secret}"
""",
    "goose": """\
extensions:
  gh:
    type: stdio
    name: gh
    cmd: npx
    envs:
      GITHUB_TOKEN: {secret}
    env_keys: ["OTHER_TOKEN"]
    enabled: true
""",
    "opencode": """\
{{
  "$schema": "https://opencode.ai/config.json",
  // global config
  "mcp": {{
    "gh": {{
      "type": "remote",
      "url": "https://api.example.com/mcp",
      "headers": {{
        "Authorization": "Bearer {secret}",
        "X-Other": "{ref}",
      }},
    }},
  }},
}}
""",
    "crush": """\
{{
  "mcp": {{
    "gh": {{
      "type": "http",
      "url": "https://api.example.com/mcp",
      "headers": {{
        "Authorization": "Bearer {secret}",
        "X-Other": "{ref}"
      }}
    }}
  }}
}}
""",
    "gemini-extension": """\
{{
  "name": "gh-ext",
  "version": "1.0.0",
  "mcpServers": {{
    "gh": {{
      "command": "node",
      "env": {{
        "GITHUB_TOKEN": "{secret}",
        "OTHER_TOKEN": "{ref}"
      }}
    }}
  }}
}}
""",
}

# client, base, path, template, reference written in that client's syntax
CLIENT_FILES: list[tuple[str, str, str, str, str]] = [
    ("claude-desktop", "config", "Claude/claude_desktop_config.json", "mcpServers", "<YOUR_TOKEN>"),
    ("claude-code", "home", ".claude.json", "claude.json", "${DOCS_TOKEN}"),
    ("claude-code", "home", ".claude/settings.json", "claude-settings", "${OTHER_TOKEN}"),
    ("cursor", "home", ".cursor/mcp.json", "mcpServers", "${env:OTHER_TOKEN}"),
    ("vscode", "config", "Code/User/mcp.json", "vscode-mcp", "${input:tok}"),
    ("vscode", "config", "Code - Insiders/User/settings.json", "vscode-settings", "${env:OTHER_TOKEN}"),
    ("copilot-cli", "home", ".copilot/mcp-config.json", "mcpServers", "${OTHER_TOKEN}"),
    ("windsurf", "home", ".codeium/windsurf/mcp_config.json", "windsurf", "${env:OTHER_TOKEN}"),
    ("cline", "home", ".cline/data/settings/cline_mcp_settings.json", "mcpServers", "${env:OTHER_TOKEN}"),
    ("cline", "config", "Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
     "mcpServers", "${env:OTHER_TOKEN}"),
    ("roo", "config", "Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
     "mcpServers", "${env:OTHER_TOKEN}"),
    ("continue", "home", ".continue/config.yaml", "continue", "${{ secrets.OTHER_TOKEN }}"),
    ("gemini", "home", ".gemini/settings.json", "mcpServers", "${OTHER_TOKEN}"),
    ("gemini", "home", ".gemini/extensions/gh-ext/gemini-extension.json", "gemini-extension", "${OTHER_TOKEN}"),
    ("antigravity", "home", ".gemini/config/mcp_config.json", "mcpServers", "${OTHER_TOKEN}"),
    ("codex", "home", ".codex/config.toml", "codex", ""),
    ("amazonq", "home", ".aws/amazonq/mcp.json", "mcpServers", "${env:OTHER_TOKEN}"),
    ("kiro", "home", ".kiro/settings/mcp.json", "mcpServers", "${OTHER_TOKEN}"),
    ("junie", "home", ".junie/mcp/mcp.json", "mcpServers", "${OTHER_TOKEN}"),
    ("lmstudio", "home", ".lmstudio/mcp.json", "mcpServers", "${OTHER_TOKEN}"),
    ("opencode", "xdg", "opencode/opencode.jsonc", "opencode", "{env:OTHER_TOKEN}"),
]
# Files whose place differs per platform: client -> {platform: (base, path)}.
PLATFORM_FILES: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "zed": ("zed", {"macos": ("xdg", "zed/settings.json"), "linux": ("xdg", "zed/settings.json"),
                    "windows": ("config", "Zed/settings.json")}),
    "goose": ("goose", {"macos": ("xdg", "goose/config.yaml"), "linux": ("xdg", "goose/config.yaml"),
                        "windows": ("config", "Block/goose/config/config.yaml")}),
    "crush": ("crush", {"macos": ("xdg", "crush/crush.json"), "linux": ("xdg", "crush/crush.json"),
                        "windows": ("local", "crush/crush.json")}),
    "copilot-jetbrains": ("mcpServers", {
        "macos": ("xdg", "github-copilot/intellij/mcp.json"), "linux": ("xdg", "github-copilot/intellij/mcp.json"),
        "windows": ("local", "github-copilot/intellij/mcp.json")}),
}
REFS_BY_CLIENT = {
    "zed": "<YOUR_TOKEN>", "goose": "", "crush": "${OTHER_TOKEN}", "copilot-jetbrains": "${env:OTHER_TOKEN}",
}


@dataclass
class FakeHome:
    """A home directory with planted configs, and where each secret and reference sits."""

    home: Path
    platform: str
    configs: dict[str, str] = field(default_factory=dict)  # rel -> client id
    secrets: list[tuple[str, int, str]] = field(default_factory=list)  # rel, line, secret
    references: list[tuple[str, int]] = field(default_factory=list)  # rel, line
    unread_secrets: list[str] = field(default_factory=list)  # planted where the audit must not look

    def all_secrets(self) -> list[str]:
        return [secret for _, _, secret in self.secrets] + self.unread_secrets


def base_dir(home: Path, platform: str, base: str) -> Path:
    """The fake home's directory for a base, with the platform's default layout."""
    if base == "home":
        return home
    if base == "xdg":
        return home / ".config"
    if base == "local":
        assert platform == "windows"
        return home / "AppData" / "Local"
    return {"macos": home / "Library" / "Application Support", "linux": home / ".config",
            "windows": home / "AppData" / "Roaming"}[platform]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def plant(fake: FakeHome, client: str, path: Path, template: str, ref: str) -> None:
    """Write one config with a fresh secret (and reference), recording both lines; mode 0600."""
    secret = github_token()
    text = TEMPLATES[template].format(secret=secret, ref=ref or "unused")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    rel = path.relative_to(fake.home).as_posix()
    fake.configs[rel] = client
    fake.secrets.append((rel, line_of(text, secret), secret))
    if ref:
        fake.references.append((rel, line_of(text, ref)))


def build_home(root: Path, platform: str) -> FakeHome:
    """A fake home for ``platform`` with 25 configs of 22 clients."""
    home = root / f"home-{platform}"
    home.mkdir()
    fake = FakeHome(home, platform)
    for client, base, rel, template, ref in CLIENT_FILES:
        plant(fake, client, base_dir(home, platform, base) / rel, template, ref)
    for client, (template, places) in PLATFORM_FILES.items():
        base, rel = places[platform]
        plant(fake, client, base_dir(home, platform, base) / rel, template, REFS_BY_CLIENT[client])
    # Goose's keyring fallback sits next to its config: a secret store the audit never reads.
    goose_dir = (base_dir(home, platform, PLATFORM_FILES["goose"][1][platform][0])
                 / PLATFORM_FILES["goose"][1][platform][1]).parent
    unread = github_token()
    (goose_dir / "secrets.yaml").write_text(f"GITHUB_TOKEN: {unread}\n", encoding="utf-8")
    # A config somewhere no client looks.
    other = github_token()
    (home / "notes").mkdir()
    (home / "notes" / "mcp.json").write_text(json.dumps({"mcpServers": {"x": {"env": {"GITHUB_TOKEN": other}}}}))
    fake.unread_secrets += [unread, other]
    return fake


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env=CLEAN_ENV).invoke(app, ["audit", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(params=PLATFORMS)
def fake_home(request: pytest.FixtureRequest, tmp_path: Path) -> FakeHome:
    return build_home(tmp_path, request.param)


# --- the location table -------------------------------------------------------------------------


def test_every_location_names_a_known_client() -> None:
    assert {spec.client for spec in LOCATIONS} <= set(CLIENTS)
    clients = {spec.client for spec in LOCATIONS}
    for required in ("claude-desktop", "claude-code", "cursor", "vscode", "windsurf", "cline", "roo", "zed",
                     "gemini", "codex", "continue", "goose", "amazonq", "kiro", "junie", "lmstudio", "opencode",
                     "crush", "copilot-cli", "copilot-jetbrains", "antigravity"):
        assert required in clients


def test_goose_secrets_store_is_not_a_location() -> None:
    for platform in PLATFORMS:
        paths = [loc.path.name for loc in locations(Roots(platform, Path("/h"), {}))]
        assert "secrets.yaml" not in paths


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("macos", "/h/Library/Application Support/Claude/claude_desktop_config.json"),
        ("windows", "/h/AppData/Roaming/Claude/claude_desktop_config.json"),
        ("linux", "/h/.config/Claude/claude_desktop_config.json"),
        ("macos", "/h/Library/Application Support/Code/User/mcp.json"),
        ("linux", "/h/.config/Code - Insiders/User/settings.json"),
        ("windows", "/h/AppData/Roaming/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json"),
        ("windows", "/h/AppData/Local/github-copilot/intellij/mcp.json"),
        ("windows", "/h/AppData/Roaming/Block/goose/config/config.yaml"),
        ("windows", "/h/.codex/config.toml"),
        ("macos", "/h/.config/zed/settings.json"),
        ("linux", "/h/.claude.json"),
        ("linux", "/h/.claude/settings.json"),
    ],
)
def test_default_paths(platform: str, expected: str) -> None:
    paths = {loc.path.as_posix() for loc in locations(Roots(platform, Path("/h"), {}))}
    assert expected in paths


def test_environment_overrides_add_locations_inside_the_home() -> None:
    env = {
        "XDG_CONFIG_HOME": "/h/xdg", "CODEX_HOME": "/h/codex", "CLAUDE_CONFIG_DIR": "/h/claude-cfg",
        "CONTINUE_GLOBAL_DIR": "/h/cont", "CLINE_DIR": "/h/cline", "CLINE_MCP_SETTINGS_PATH": "/h/x/cline.json",
        "OPENCODE_CONFIG": "/h/oc.json", "COPILOT_HOME": "/h/cop",
    }
    paths = {loc.path.as_posix(): loc.client for loc in locations(Roots("linux", Path("/h"), env))}
    assert paths["/h/xdg/zed/settings.json"] == "zed"
    assert paths["/h/.config/zed/settings.json"] == "zed"  # the default stays a location
    assert paths["/h/codex/config.toml"] == "codex"
    assert paths["/h/claude-cfg/.claude.json"] == "claude-code"
    assert paths["/h/claude-cfg/settings.json"] == "claude-code"
    assert paths["/h/.claude.json"] == "claude-code"
    assert paths["/h/cont/config.yaml"] == "continue"
    assert paths["/h/cline/data/settings/cline_mcp_settings.json"] == "cline"
    assert paths["/h/x/cline.json"] == "cline"
    assert paths["/h/oc.json"] == "opencode"
    assert paths["/h/cop/mcp-config.json"] == "copilot-cli"


def test_windows_appdata_and_localappdata(tmp_path: Path) -> None:
    home = tmp_path / "u"
    env = {"APPDATA": str(home / "Roam"), "LOCALAPPDATA": str(home / "Loc")}
    paths = {loc.path for loc in locations(Roots("windows", home, env))}
    assert home / "Roam" / "Claude" / "claude_desktop_config.json" in paths
    assert home / "Loc" / "crush" / "crush.json" in paths


def test_with_home_overrides_outside_it_are_ignored() -> None:
    env = {"XDG_CONFIG_HOME": "/elsewhere/.config", "CODEX_HOME": "/elsewhere/codex", "APPDATA": "/elsewhere/ad"}
    for platform in PLATFORMS:
        for loc in locations(Roots(platform, Path("/h"), env)):
            assert loc.path.is_relative_to("/h"), loc.path


def test_without_home_the_environment_picks_the_home() -> None:
    roots = Roots("windows", None, {"USERPROFILE": "/users/alice", "HOME": "/other"})
    assert roots.home == Path("/users/alice")
    assert Roots("linux", None, {"HOME": "/home/bob"}).home == Path("/home/bob")
    # Without --home, overrides anywhere count (the user's own layout).
    linux = Roots("linux", None, {"HOME": "/home/bob", "CODEX_HOME": "/opt/codex"})
    assert Path("/opt/codex/config.toml") in {loc.path for loc in locations(linux)}


# --- the audit on fake homes --------------------------------------------------------------------


def test_api_finds_every_config_secret_and_no_reference(fake_home: FakeHome) -> None:
    report = audit(Settings(), platform=fake_home.platform, home=fake_home.home, env={})
    found = {config.rel: config.client for config in report.configs}
    assert found == fake_home.configs
    assert len({client for client in found.values()}) >= 10
    secret_findings = {(f.path, f.span.line) for f in report.result.findings if f.rule_id in SECRET_RULES}
    assert secret_findings == {(rel, line) for rel, line, _ in fake_home.secrets}
    for rel, line in fake_home.references:
        assert (rel, line) not in secret_findings
    assert not report.result.diagnostics
    # All files are 0600: no MCP011.
    assert not [f for f in report.result.findings if f.rule_id == "MCP011"]


def test_summary_counts_per_client(fake_home: FakeHome) -> None:
    report = audit(Settings(), platform=fake_home.platform, home=fake_home.home, env={})
    rows = {row.app: row for row in report.summary()}
    assert sum(row.configs for row in rows.values()) == len(fake_home.configs)
    assert sum(row.secrets for row in rows.values()) == len(fake_home.secrets)
    assert rows["Cursor"].servers == 1 and rows["Cursor"].secrets == 1 and rows["Cursor"].references == 1
    assert rows["Claude Code"].configs == 2 and rows["Claude Code"].servers == 2  # user + per-project server
    assert rows["Claude Code"].references == 2
    assert rows["OpenAI Codex"].references == 0  # env_vars names are not references
    assert sum(row.references for row in rows.values()) == len(
        [ref for ref in fake_home.references if "YOUR_TOKEN" not in fake_home_line(fake_home, ref)]
    )


def fake_home_line(fake: FakeHome, ref: tuple[str, int]) -> str:
    return (fake.home / ref[0]).read_text(encoding="utf-8").splitlines()[ref[1] - 1]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_cli_reports_without_printing_secrets(fake_home: FakeHome, fmt: str) -> None:
    code, out, err = run_cli("--home", str(fake_home.home), "--platform", fake_home.platform, "--format", fmt)
    assert code == 1
    for secret in fake_home.all_secrets():
        assert secret not in out and secret not in err
        assert secret[6:] not in out  # not even the body without its prefix
    if fmt == "json":
        payload = json.loads(out)
        reported = {(f["path"], f["line"]) for f in payload["findings"] if f["rule_id"] in SECRET_RULES}
        assert reported == {(rel, line) for rel, line, _ in fake_home.secrets}
        assert {c["path"] for c in payload["audit"]["configs"]} == set(fake_home.configs)
        assert payload["audit"]["platform"] == fake_home.platform
    elif fmt == "sarif":
        sarif = json.loads(out)
        results = sarif["runs"][0]["results"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert len(uris) == len(fake_home.configs)
    else:
        assert f"Configs found ({len(fake_home.configs)})" in out
        assert "~/.cursor/mcp.json" in out
        assert "Summary by client:" in out
        for rel, line, _ in fake_home.secrets:
            assert f"{rel}:{line}:" in out


def test_cli_text_summary_table(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "linux")
    _, out, _ = run_cli("--home", str(fake.home), "--platform", "linux")
    table = out[out.index("Summary by client:"):].splitlines()
    assert table[1].split() == ["Client", "Configs", "Servers", "Secrets", "References"]
    cursor = next(line for line in table if line.strip().startswith("Cursor"))
    assert cursor.split()[1:] == ["1", "1", "1", "1"]
    total = table[-1].split()
    assert total[0] == "Total" and total[1] == str(len(fake.configs)) and total[3] == str(len(fake.secrets))


def test_exit_codes(fake_home: FakeHome, tmp_path: Path) -> None:
    assert run_cli("--home", str(fake_home.home), "--platform", fake_home.platform, "--fail-on", "never")[0] == 0
    empty = tmp_path / "empty-home"
    empty.mkdir()
    code, out, _ = run_cli("--home", str(empty), "--platform", fake_home.platform)
    assert code == 0 and "No MCP configs found." in out
    assert run_cli("--home", str(tmp_path / "missing"))[0] == 2
    assert run_cli("--home", str(empty), "--platform", "solaris")[0] == 2


def test_output_file(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "macos")
    target = tmp_path / "report.json"
    code, out, _ = run_cli("--home", str(fake.home), "--platform", "macos", "-f", "json", "-o", str(target))
    assert code == 1 and out == ""
    assert len(json.loads(target.read_text())["audit"]["configs"]) == len(fake.configs)


# --- MCP011 -----------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
def test_mcp011_on_group_or_world_readable_file_with_secret(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "linux")
    cursor = fake.home / ".cursor" / "mcp.json"
    cursor.chmod(0o644)
    gemini = fake.home / ".gemini" / "settings.json"
    gemini.chmod(0o640)
    no_secret = fake.home / ".kiro" / "settings" / "mcp.json"
    no_secret.write_text('{"mcpServers": {"k": {"command": "npx", "env": {"T": "${T}"}}}}')
    no_secret.chmod(0o644)
    report = audit(Settings(), platform="linux", home=fake.home, env={})
    flagged = {f.path: f for f in report.result.findings if f.rule_id == "MCP011"}
    assert set(flagged) == {".cursor/mcp.json", ".gemini/settings.json"}
    assert "chmod 600" in flagged[".cursor/mcp.json"].message
    assert "0644" in flagged[".cursor/mcp.json"].message and "every user" in flagged[".cursor/mcp.json"].message
    assert "its group" in flagged[".gemini/settings.json"].message
    assert flagged[".cursor/mcp.json"].severity == "warning"
    assert flagged[".cursor/mcp.json"].snippet == ""  # file-level: no source line, nothing to leak
    # The audit never changes a mode.
    assert stat.S_IMODE(cursor.stat().st_mode) == 0o644


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
def test_mcp011_is_off_for_scan_by_default(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"GITHUB_TOKEN={github_token()}\n")
    (tmp_path / ".env").chmod(0o644)
    assert {f.rule_id for f in scan([tmp_path], Settings()).findings} == {"MCP001", "MCP003"}


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
def test_mcp011_opted_into_under_scan_only_for_user_level_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    for name in AUDIT_ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    text = json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": github_token()}}}}, indent=2)
    user_file = home / ".cursor" / "mcp.json"
    user_file.parent.mkdir(parents=True)
    user_file.write_text(text)
    user_file.chmod(0o644)
    assert {"MCP001", "MCP011"} <= {f.rule_id for f in scan([user_file], Settings(extend_select=["MCP011"])).findings}
    user_file.chmod(0o600)
    assert "MCP011" not in {f.rule_id for f in scan([user_file], Settings(extend_select=["MCP011"])).findings}

    # A project file (in git or not) is not a user-level config: its mode is the checkout's umask.
    for project in (tmp_path / "loose", tmp_path / "repo"):
        project.mkdir()
        (project / ".mcp.json").write_text(text)
        (project / ".mcp.json").chmod(0o644)
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    for project in (tmp_path / "loose", tmp_path / "repo"):
        rules = {f.rule_id for f in scan([project], Settings(extend_select=["MCP011"])).findings}
        assert "MCP001" in rules and "MCP011" not in rules

    # A .env git does not track is where secrets belong: its mode is what protects them.
    repo = tmp_path / "repo"
    (repo / ".gitignore").write_text(".env\n")
    (repo / ".env").write_text(f"GITHUB_TOKEN={github_token()}\n")
    (repo / ".env").chmod(0o640)
    flagged = [f for f in scan([repo], Settings(extend_select=["MCP011"])).findings if f.rule_id == "MCP011"]
    assert [(f.path, f.span.line) for f in flagged] == [(".env", 0)]
    (repo / ".env").chmod(0o600)
    assert "MCP011" not in {f.rule_id for f in scan([repo], Settings(extend_select=["MCP011"])).findings}
    # Once committed, MCP004 is the problem, not the mode.
    (repo / ".env").chmod(0o644)
    subprocess.run(["git", "-C", str(repo), "add", "-f", ".env"], check=True)
    assert "MCP011" not in {f.rule_id for f in scan([repo], Settings(extend_select=["MCP011"])).findings}


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
def test_mcp011_not_for_project_trees_in_the_audit(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "macos")
    project = fake.home / "code" / "app"
    project.mkdir(parents=True)
    (project / ".mcp.json").write_text(json.dumps({"mcpServers": {"x": {"env": {"GITHUB_TOKEN": github_token()}}}}))
    (project / ".mcp.json").chmod(0o644)
    report = audit(Settings(), platform="macos", home=fake.home, env={}, projects=[fake.home / "code"])
    assert "code/app/.mcp.json" in {f.path for f in report.result.findings if f.rule_id == "MCP001"}
    assert not [f for f in report.result.findings if f.rule_id == "MCP011"]


# --- files that are not what they should be -------------------------------------------------------


def test_directory_and_broken_link_warn_and_the_audit_goes_on(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "linux")
    kiro = fake.home / ".kiro" / "settings" / "mcp.json"
    kiro.unlink()
    kiro.mkdir()
    junie = fake.home / ".junie" / "mcp" / "mcp.json"
    junie.unlink()
    junie.symlink_to(fake.home / "nowhere.json")
    code, out, _ = run_cli("--home", str(fake.home), "--platform", "linux")
    assert code == 1
    assert ".kiro/settings/mcp.json: warning: could not read: a directory where a config file belongs" in out
    assert ".junie/mcp/mcp.json: warning: could not read: broken symbolic link" in out
    report = audit(Settings(), platform="linux", home=fake.home, env={})
    assert {d.path for d in report.result.diagnostics} == {".kiro/settings/mcp.json", ".junie/mcp/mcp.json"}
    assert len(report.configs) == len(fake.configs) - 2
    assert ".cursor/mcp.json" in {f.path for f in report.result.findings}


def test_unparsable_config_warns_and_its_secret_is_still_reported(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "macos")
    secret = github_token()
    broken = '{\n  "mcpServers": {\n    "gh": {\n      "env": {\n        "GITHUB_TOKEN": "' + secret + '",\n'
    (fake.home / ".cursor" / "mcp.json").write_text(broken)
    report = audit(Settings(), platform="macos", home=fake.home, env={})
    assert [d.path for d in report.result.diagnostics] == [".cursor/mcp.json"]
    assert report.result.diagnostics[0].message.startswith("could not parse")
    assert (".cursor/mcp.json", 5) in {(f.path, f.span.line) for f in report.result.findings if f.rule_id == "MCP001"}
    assert len(report.configs) == len(fake.configs)  # the audit went on with every other file


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a mode-000 file anyway")
def test_unreadable_file_warns(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "linux")
    cursor = fake.home / ".cursor" / "mcp.json"
    cursor.chmod(0o000)
    try:
        report = audit(Settings(), platform="linux", home=fake.home, env={})
    finally:
        cursor.chmod(0o600)
    assert [d.path for d in report.result.diagnostics] == [".cursor/mcp.json"]
    assert "could not read" in report.result.diagnostics[0].message
    assert len(report.configs) == len(fake.configs) - 1


def test_symlinked_config_is_read_once(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "linux")
    dotfiles = fake.home / "dotfiles"
    dotfiles.mkdir()
    cursor = fake.home / ".cursor" / "mcp.json"
    target = dotfiles / "cursor-mcp.json"
    cursor.rename(target)
    cursor.symlink_to(target)
    (fake.home / ".lmstudio" / "mcp.json").unlink()
    (fake.home / ".lmstudio" / "mcp.json").symlink_to(target)
    report = audit(Settings(), platform="linux", home=fake.home, env={})
    assert ".cursor/mcp.json" in {c.rel for c in report.configs}
    assert ".lmstudio/mcp.json" not in {c.rel for c in report.configs}


# --- environment, projects, listing ---------------------------------------------------------------


def test_environment_relocations_in_a_fake_home(tmp_path: Path) -> None:
    home = tmp_path / "h"
    secrets = {}
    relocated = (
        "xdg/zed/settings.json",
        "codexhome/config.toml",
        "cfgdir/.claude.json",
        "roam/Claude/claude_desktop_config.json",
    )
    for rel in relocated:
        path = home / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = github_token()
        secrets[rel] = secret
        if rel.endswith(".toml"):
            path.write_text(f'[mcp_servers.a]\ncommand = "x"\nenv = {{ GITHUB_TOKEN = "{secret}" }}\n')
        else:
            key = "context_servers" if "zed" in rel else "mcpServers"
            path.write_text(json.dumps({key: {"a": {"command": "x", "env": {"GITHUB_TOKEN": secret}}}}))
        path.chmod(0o600)
    linux_env = {"XDG_CONFIG_HOME": str(home / "xdg"), "CODEX_HOME": str(home / "codexhome"),
                 "CLAUDE_CONFIG_DIR": str(home / "cfgdir")}
    report = audit(Settings(), platform="linux", home=home, env=linux_env)
    assert {c.rel: c.client for c in report.configs} == {
        "xdg/zed/settings.json": "zed", "codexhome/config.toml": "codex", "cfgdir/.claude.json": "claude-code",
    }
    windows = audit(Settings(), platform="windows", home=home, env={"APPDATA": str(home / "roam")})
    assert [c.rel for c in windows.configs] == ["roam/Claude/claude_desktop_config.json"]
    # Through the CLI, with the variables in the environment.
    result = CliRunner(env={**CLEAN_ENV, **linux_env}).invoke(
        app, ["audit", "--home", str(home), "--platform", "linux", "-f", "json"]
    )
    assert len(json.loads(result.stdout)["audit"]["configs"]) == 3
    assert not any(secret in result.stdout for secret in secrets.values())


def test_projects_tree(tmp_path: Path) -> None:
    fake = build_home(tmp_path, "linux")
    code_dir = fake.home / "code"
    secret = github_token()
    project = code_dir / "app"
    (project / ".cursor").mkdir(parents=True)
    servers = {"gh": {"env": {"GITHUB_TOKEN": secret, "OTHER": "${env:OTHER}"}}}
    cursor_text = json.dumps({"mcpServers": servers}, indent=2)
    (project / ".cursor" / "mcp.json").write_text(cursor_text)
    (project / "node_modules" / "pkg").mkdir(parents=True)
    (project / "node_modules" / "pkg" / ".mcp.json").write_text(
        json.dumps({"mcpServers": {"x": {"env": {"GITHUB_TOKEN": github_token()}}}})
    )
    code, out, err = run_cli("--home", str(fake.home), "--platform", "linux", "--projects", str(code_dir), "-f", "json")
    assert code == 1
    assert err == ""  # no progress indicator when stderr is not a terminal
    payload = json.loads(out)
    project_configs = [c for c in payload["audit"]["configs"] if c["scope"] == "project"]
    assert project_configs == [{
        "client": "cursor", "app": "Cursor", "path": "code/app/.cursor/mcp.json", "scope": "project",
        "servers": 1, "secrets": 1, "references": 1,
    }]
    line = line_of(cursor_text, secret)
    assert ("code/app/.cursor/mcp.json", line) in {(f["path"], f["line"]) for f in payload["findings"]}
    assert secret not in out
    assert run_cli("--projects", str(tmp_path / "nope"))[0] == 2


def test_list_locations(fake_home: FakeHome) -> None:
    (fake_home.home / ".kiro" / "settings" / "mcp.json").unlink()
    code, out, _ = run_cli("--home", str(fake_home.home), "--platform", fake_home.platform, "--list-locations")
    assert code == 0
    assert f"Locations read for {fake_home.platform}" in out
    lines = out.splitlines()
    for rel in fake_home.configs:
        if rel == ".kiro/settings/mcp.json":
            continue
        path = str(fake_home.home / rel)
        matching = [line for line in lines if path in line]
        pattern_line = "gemini-extension.json" in rel
        assert matching or pattern_line, rel
        if matching:
            assert "[found]" in matching[0], matching[0]
    kiro = next(line for line in lines if str(fake_home.home / ".kiro" / "settings" / "mcp.json") in line)
    assert "[missing]" in kiro
    extensions = next(line for line in lines if "extensions/*/gemini-extension.json" in line.replace(os.sep, "/"))
    assert "[1 found]" in extensions
    never = out[out.index("Never read:"):]
    assert "secrets.yaml" in never
    # Listing reads no file content: no secret can appear.
    for secret in fake_home.all_secrets():
        assert secret not in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mcplint.cli.audit import TtyProgress

    fake = build_home(tmp_path, "linux")
    (fake.home / "code" / "app").mkdir(parents=True)
    (fake.home / "code" / "app" / ".mcp.json").write_text('{"mcpServers": {"a": {"command": "x"}}}')
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = TtyProgress()
    audit(Settings(), platform="linux", home=fake.home, env={}, projects=[fake.home / "code"], progress=progress)
    progress.clear()
    written = terminal.getvalue()
    assert "\r" in written and "1/1 files" in written
    assert written.endswith("\r") and written.split("\r")[-2].strip() == ""  # the line is wiped at the end
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    quiet = TtyProgress()
    quiet("searching …")
    quiet.clear()
    assert piped.getvalue() == ""
