"""``mcplint hook``: a coding agent's pending write is scanned as it would be after the edit; a leak is
denied in the agent's own protocol with the client's reference syntax, clean and unrelated writes
pass, and a malformed event or a failure is an explicit deny, never a crash or a silent pass."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import make_repo, write_tree

from mcplint.agent import hooks
from mcplint.agent.content import EditError, TextEdit, apply_edits

CHECKOUT = Path(__file__).resolve().parent.parent


# -- events as the agents send them --------------------------------------------------------------


def claude_event(cwd: Path, tool: str, tool_input: dict[str, Any]) -> dict[str, Any]:
    """A Claude Code PreToolUse event, with every field the agent sends."""
    return {
        "session_id": "0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9",
        "transcript_path": str(cwd / ".claude" / "transcript.jsonl"),
        "cwd": str(cwd),
        "permission_mode": "default",
        "hook_event_name": "PreToolUse",
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "toolu_01ABCDEF",
    }


def gemini_event(cwd: Path, tool: str, tool_input: dict[str, Any]) -> dict[str, Any]:
    """A Gemini CLI BeforeTool event, with every field the agent sends."""
    return {
        "session_id": "a1b2c3d4",
        "transcript_path": str(cwd / ".gemini" / "transcript.json"),
        "cwd": str(cwd),
        "hook_event_name": "BeforeTool",
        "timestamp": "2026-01-28T10:00:00.000Z",
        "tool_name": tool,
        "tool_input": tool_input,
    }


def run_hook(agent: str, event: Any) -> hooks.Answer:
    raw = event if isinstance(event, bytes) else json.dumps(event).encode()
    return hooks.run(agent, raw)


def claude_denied(answer: hooks.Answer) -> str:
    """The deny reason of a Claude Code answer (fails unless it is a well-formed deny)."""
    assert answer.exit_code == 0
    output = json.loads(answer.stdout)
    specific = output["hookSpecificOutput"]
    assert specific["hookEventName"] == "PreToolUse"
    assert specific["permissionDecision"] == "deny"
    return specific["permissionDecisionReason"]


def gemini_denied(answer: hooks.Answer) -> str:
    assert answer.exit_code == 0
    output = json.loads(answer.stdout)
    assert output["decision"] == "deny"
    return output["reason"]


def servers(key: str, env: dict[str, str]) -> str:
    return json.dumps({key: {"github": {"command": "npx", "args": ["-y", "server-github"], "env": env}}}, indent=2)


# Client file, its server-map key, the reference the deny must tell the agent to write.
JSON_CLIENTS = [
    (".mcp.json", "mcpServers", "${GITHUB_TOKEN}"),
    (".cursor/mcp.json", "mcpServers", "${env:GITHUB_TOKEN}"),
    (".vscode/mcp.json", "servers", "${env:GITHUB_TOKEN}"),
    (".gemini/settings.json", "mcpServers", "${GITHUB_TOKEN}"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "project", {"README.md": "demo\n", ".gitignore": ".env\n"})


# -- Claude Code ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "key", "reference"), JSON_CLIENTS)
def test_claude_write_of_a_leak_is_denied_with_the_clients_reference(
    project: Path, secret, name: str, key: str, reference: str
) -> None:
    token = secret("github-pat")
    content = servers(key, {"GITHUB_TOKEN": token})
    answer = run_hook("claude-code", claude_event(project, "Write", {"file_path": str(project / name), "content": content}))
    reason = claude_denied(answer)
    assert token not in answer.stdout
    assert "MCP001" in reason and reference in reason
    line = next(n for n, text in enumerate(content.splitlines(), 1) if token in text)
    assert f"{name}:{line}:" in reason  # the value's line in the file as it would be written
    assert not (project / name).exists()  # the hook never writes


@pytest.mark.parametrize(("name", "key", "reference"), JSON_CLIENTS)
def test_claude_write_of_a_reference_passes_silently(project: Path, name: str, key: str, reference: str) -> None:
    content = servers(key, {"GITHUB_TOKEN": reference})
    answer = run_hook("claude-code", claude_event(project, "Write", {"file_path": str(project / name), "content": content}))
    assert answer == hooks.Answer("", 0)


def test_claude_write_to_a_file_discovery_would_not_scan_passes(project: Path, secret) -> None:
    token = secret("github-pat")
    for name in ("src/main.py", "node_modules/pkg/.mcp.json", "notes.txt"):
        event = claude_event(project, "Write", {"file_path": str(project / name), "content": f'TOKEN = "{token}"\n'})
        assert run_hook("claude-code", event) == hooks.Answer("", 0), name


def test_claude_tools_that_write_no_file_pass(project: Path, secret) -> None:
    token = secret("github-pat")
    event = claude_event(project, "Bash", {"command": f"echo {token} > .mcp.json"})
    assert run_hook("claude-code", event) == hooks.Answer("", 0)


def test_claude_edit_is_scanned_after_it_is_applied(project: Path, secret) -> None:
    token = secret("github-pat")
    write_tree(project, {".mcp.json": servers("mcpServers", {"GITHUB_TOKEN": "${GITHUB_TOKEN}"})})
    leak = {"file_path": str(project / ".mcp.json"), "old_string": '"${GITHUB_TOKEN}"', "new_string": f'"{token}"'}
    answer = run_hook("claude-code", claude_event(project, "Edit", leak))
    reason = claude_denied(answer)
    assert token not in answer.stdout and "${GITHUB_TOKEN}" in reason
    # The new string alone is no config: only the file as edited shows the leak. An unrelated edit passes.
    harmless = {"file_path": str(project / ".mcp.json"), "old_string": "server-github", "new_string": "server-gh"}
    assert run_hook("claude-code", claude_event(project, "Edit", harmless)) == hooks.Answer("", 0)


def test_claude_edit_that_removes_a_leak_passes(project: Path, secret) -> None:
    token = secret("github-pat")
    write_tree(project, {".cursor/mcp.json": servers("mcpServers", {"GITHUB_TOKEN": token})})
    fix = {"file_path": str(project / ".cursor/mcp.json"), "old_string": token, "new_string": "${env:GITHUB_TOKEN}"}
    assert run_hook("claude-code", claude_event(project, "Edit", fix)) == hooks.Answer("", 0)


def test_claude_multiedit_applies_every_edit_in_order(project: Path, secret) -> None:
    token = secret("github-pat")
    write_tree(project, {".vscode/mcp.json": servers("servers", {"GITHUB_TOKEN": "${env:GITHUB_TOKEN}"})})
    path = str(project / ".vscode/mcp.json")
    edits = [
        {"old_string": "${env:GITHUB_TOKEN}", "new_string": "PLACEHOLDER_ONE"},
        {"old_string": "PLACEHOLDER_ONE", "new_string": token},  # only the second edit writes the token
    ]
    answer = run_hook("claude-code", claude_event(project, "MultiEdit", {"file_path": path, "edits": edits}))
    assert "${env:GITHUB_TOKEN}" in claude_denied(answer) and token not in answer.stdout
    undo = edits + [{"old_string": token, "new_string": "${env:GITHUB_TOKEN}"}]
    assert run_hook("claude-code", claude_event(project, "MultiEdit", {"file_path": path, "edits": undo})) == hooks.Answer("", 0)


def test_relative_file_path_is_resolved_from_the_events_cwd(project: Path, secret) -> None:
    token = secret("github-pat")
    event = claude_event(project, "Write", {"file_path": ".mcp.json", "content": servers("mcpServers", {"GITHUB_TOKEN": token})})
    assert "MCP001" in claude_denied(run_hook("claude-code", event))


def test_dotenv_write_is_judged_by_git_ignore_rules(project: Path, secret) -> None:
    token = secret("github-pat")
    ignored = claude_event(project, "Write", {"file_path": str(project / ".env"), "content": f"GITHUB_TOKEN={token}\n"})
    assert run_hook("claude-code", ignored) == hooks.Answer("", 0)  # an ignored .env is where secrets belong
    exposed = claude_event(project, "Write", {"file_path": str(project / "config/.env.local"), "content": f"GITHUB_TOKEN={token}\n"})
    answer = run_hook("claude-code", exposed)
    assert token not in answer.stdout
    assert "config/.env.local" in claude_denied(answer)


# -- Gemini CLI ----------------------------------------------------------------------------------


def test_gemini_write_file_leak_is_denied_and_clean_write_allowed(project: Path, secret) -> None:
    token = secret("github-pat")
    path = str(project / ".gemini/settings.json")
    answer = run_hook("gemini-cli", gemini_event(project, "write_file", {"file_path": path, "content": servers("mcpServers", {"GITHUB_TOKEN": token})}))
    reason = gemini_denied(answer)
    assert token not in answer.stdout and "${GITHUB_TOKEN}" in reason
    clean = gemini_event(project, "write_file", {"file_path": path, "content": servers("mcpServers", {"GITHUB_TOKEN": "${GITHUB_TOKEN}"})})
    assert run_hook("gemini-cli", clean) == hooks.Answer("{}\n", 0)


def test_gemini_replace_codex_toml_leak_is_denied_with_codex_advice(project: Path, secret) -> None:
    token = secret("github-pat")
    write_tree(project, {".codex/config.toml": '[mcp_servers.github]\ncommand = "npx"\nenv_vars = ["GITHUB_TOKEN"]\n'})
    edit = {
        "file_path": str(project / ".codex/config.toml"),
        "old_string": 'env_vars = ["GITHUB_TOKEN"]',
        "new_string": f'env = {{ GITHUB_TOKEN = "{token}" }}',
        "expected_replacements": 1,
    }
    answer = run_hook("gemini-cli", gemini_event(project, "replace", edit))
    reason = gemini_denied(answer)
    assert token not in answer.stdout and "env_vars" in reason
    assert ".codex/config.toml:3:" in reason


def test_gemini_replace_with_the_wrong_count_cannot_be_checked(project: Path) -> None:
    write_tree(project, {".mcp.json": servers("mcpServers", {"A_TOKEN": "${A_TOKEN}", "B_TOKEN": "${A_TOKEN}"})})
    edit = {"file_path": str(project / ".mcp.json"), "old_string": "${A_TOKEN}", "new_string": "x", "expected_replacements": 1}
    assert "expected 1 occurrences, the file has 2" in gemini_denied(run_hook("gemini-cli", gemini_event(project, "replace", edit)))


def test_gemini_other_tools_pass(project: Path) -> None:
    assert run_hook("gemini-cli", gemini_event(project, "read_file", {"file_path": str(project / ".mcp.json")})) == hooks.Answer("{}\n", 0)


# -- malformed events and failures ---------------------------------------------------------------


MALFORMED = [
    (b"not json at all", "not JSON"),
    (b"\xff\xfe{}", "not JSON"),
    (b"[1, 2]", "the event is not a JSON object"),
    (b'{"tool_input": {}}', "tool_name is missing"),
    (b'{"tool_name": "Write", "tool_input": "file"}', "tool_input is not a JSON object"),
    (b'{"tool_name": "Write", "tool_input": {"content": "x"}}', "tool_input.file_path is missing"),
    (b'{"tool_name": "Write", "tool_input": {"file_path": ".mcp.json", "content": 3}}', "tool_input.content is missing"),
    (b'{"tool_name": "Edit", "tool_input": {"file_path": ".mcp.json", "old_string": "a"}}', "tool_input.new_string"),
    (b'{"tool_name": "MultiEdit", "tool_input": {"file_path": ".mcp.json", "edits": {}}}', "tool_input.edits is missing"),
    (b'{"tool_name": "MultiEdit", "tool_input": {"file_path": ".mcp.json", "edits": [{"old_string": "a", "new_string": "b", "replace_all": "yes"}]}}', "replace_all is not true or false"),
]


@pytest.mark.parametrize(("raw", "why"), MALFORMED)
def test_malformed_claude_event_is_an_explicit_one_line_deny(raw: bytes, why: str) -> None:
    reason = claude_denied(hooks.run("claude-code", raw))
    assert why in reason and "\n" not in reason


def test_malformed_gemini_event_is_an_explicit_deny() -> None:
    reason = gemini_denied(hooks.run("gemini-cli", b'{"tool_name": "replace", "tool_input": {"file_path": "a.json", "old_string": "a", "new_string": "b", "expected_replacements": 0}}'))
    assert "expected_replacements is not a positive whole number" in reason


def test_malformed_event_never_quotes_the_event(secret) -> None:
    token = secret("github-pat")
    raw = json.dumps({"tool_name": "Write", "tool_input": {"file_path": ".mcp.json", "content": {"GITHUB_TOKEN": token}}}).encode()
    answer = hooks.run("claude-code", raw)
    claude_denied(answer)
    assert token not in answer.stdout


def test_edit_to_a_missing_file_or_missing_text_is_denied(project: Path) -> None:
    edit = {"file_path": str(project / ".mcp.json"), "old_string": "a", "new_string": "b"}
    assert "does not exist" in claude_denied(run_hook("claude-code", claude_event(project, "Edit", edit)))
    write_tree(project, {".mcp.json": "{}\n"})
    assert "not in the file" in claude_denied(run_hook("claude-code", claude_event(project, "Edit", edit)))


def test_a_failure_inside_mcplint_denies(project: Path, monkeypatch: pytest.MonkeyPatch, secret) -> None:
    token = secret("github-pat")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"boom {token}")

    monkeypatch.setattr("mcplint.agent.content.scan_content", broken)
    event = claude_event(project, "Write", {"file_path": str(project / ".mcp.json"), "content": "{}"})
    answer = run_hook("claude-code", event)
    assert "RuntimeError" in claude_denied(answer) and token not in answer.stdout


# -- applying edits ------------------------------------------------------------------------------


def test_apply_edits() -> None:
    assert apply_edits("a b a", [TextEdit("a", "c")]) == "c b c"
    assert apply_edits("a b", [TextEdit("a", "x"), TextEdit("x b", "y")]) == "y"
    assert apply_edits(None, [TextEdit("", "new")]) == "new"
    assert apply_edits("", [TextEdit("", "new")]) == "new"
    assert apply_edits("a a", [TextEdit("a", "b", expected=2)]) == "b b"
    for current, edit in ((None, TextEdit("a", "b")), ("x", TextEdit("", "b")), ("x", TextEdit("a", "b")),
                          ("a a", TextEdit("a", "b", expected=1))):
        with pytest.raises(EditError):
            apply_edits(current, [edit])


# -- the command ---------------------------------------------------------------------------------


def test_command_fast_path_and_typer_command_answer_alike(project: Path, secret) -> None:
    token = secret("github-pat")
    raw = json.dumps(claude_event(project, "Write", {"file_path": str(project / ".mcp.json"), "content": servers("mcpServers", {"GITHUB_TOKEN": token})}))
    fast = [sys.executable, "-c", "from mcplint.entry import run; run()", "hook", "claude-code"]
    full = [sys.executable, "-m", "mcplint", "hook", "claude-code"]
    answers = [subprocess.run(cmd, input=raw, capture_output=True, text=True, cwd=CHECKOUT) for cmd in (fast, full)]
    for done in answers:
        assert done.returncode == 0, done.stderr
        assert token not in done.stdout + done.stderr
        assert "MCP001" in json.loads(done.stdout)["hookSpecificOutput"]["permissionDecisionReason"]
    assert answers[0].stdout == answers[1].stdout
    clean = subprocess.run(fast[:-1] + ["gemini-cli"], input="{oops", capture_output=True, text=True, cwd=CHECKOUT)
    assert clean.returncode == 0 and json.loads(clean.stdout)["decision"] == "deny"


# -- the README's snippets -----------------------------------------------------------------------

README = CHECKOUT / "README.md"
# Snippet → the file it goes in, and the kind mcplint must recognise it as.
AGENT_SNIPPETS = {
    "mcp-claude-code": (".mcp.json", "claude-code"),
    "mcp-cursor": (".cursor/mcp.json", "cursor"),
    "mcp-vscode": (".vscode/mcp.json", "vscode"),
    "hook-claude-code": (".claude/settings.json", "claude-code"),
    "hook-gemini-cli": (".gemini/settings.json", "gemini"),
}


def readme_snippet(name: str) -> str:
    import re

    match = re.search(rf"<!-- snippet: {re.escape(name)} -->\n```json\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert match, f"snippet {name} missing from README.md"
    return match.group(1)


def test_readme_agent_snippets_scan_clean(tmp_path: Path) -> None:
    from mcplint.pipeline import collect, scan
    from mcplint.settings.values import Settings

    write_tree(tmp_path, {path: readme_snippet(name) for name, (path, _kind) in AGENT_SNIPPETS.items()})
    kinds = {config.relpath: config.kind for config in collect([tmp_path], Settings()).configs}
    assert kinds == {path: kind for path, kind in AGENT_SNIPPETS.values()}
    result = scan([tmp_path], Settings())
    assert result.findings == [] and result.diagnostics == []
    servers = json.loads(readme_snippet("mcp-vscode"))["servers"]
    assert servers["mcplint"]["args"] == ["mcp"]


def test_readme_hook_snippets_run_the_hooks_on_the_tools_they_handle() -> None:
    claude = json.loads(readme_snippet("hook-claude-code"))["hooks"]["PreToolUse"][0]
    assert set(claude["matcher"].split("|")) == {"Write", "Edit", "MultiEdit"}
    assert claude["hooks"] == [{"type": "command", "command": "mcplint hook claude-code"}]
    gemini = json.loads(readme_snippet("hook-gemini-cli"))["hooks"]["BeforeTool"][0]
    assert set(gemini["matcher"].split("|")) == {"write_file", "replace"}
    assert gemini["hooks"][0]["command"] == "mcplint hook gemini-cli"
    # Each matched tool is one the hook reads (an unread one would pass unchecked).
    for tool in claude["matcher"].split("|"):
        with pytest.raises(hooks.MalformedEvent):
            hooks.claude_code_write({"tool_name": tool, "tool_input": {}}, CHECKOUT)
    for tool in gemini["matcher"].split("|"):
        with pytest.raises(hooks.MalformedEvent):
            hooks.gemini_cli_write({"tool_name": tool, "tool_input": {}}, CHECKOUT)


def test_readme_test_command_is_what_ci_runs() -> None:
    import re

    command = re.search(r"Install and run the whole test suite:\n\n```sh\n(.*?)\n```", README.read_text(encoding="utf-8"))
    assert command and "'.[test,mcp]'" in command.group(1)
    assert command.group(1) in (CHECKOUT / ".ci" / "run").read_text(encoding="utf-8")
