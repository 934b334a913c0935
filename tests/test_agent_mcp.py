"""``mcplint mcp``, driven over stdio by the MCP SDK's own client: its tools, their results (the same
JSON as ``mcplint scan --format json``), read-only unless ``--allow-fix``, malformed calls answered
with an MCP error and never a traceback, and no secret in any response or on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest
from conftest import make_repo

pytest.importorskip("mcp", reason="the MCP SDK (mcplint[mcp]) is not installed")

import anyio  # noqa: E402 - installed with the SDK
from mcp import ClientSession, StdioServerParameters, stdio_client  # noqa: E402
from mcp.shared.exceptions import MCPError  # noqa: E402

READ_ONLY_TOOLS = {"scan_paths", "scan_text", "explain_rule", "fix_preview"}


def servers(key: str, env: dict[str, str]) -> str:
    return json.dumps({key: {"github": {"command": "npx", "args": ["-y", "server-github"], "env": env}}}, indent=2) + "\n"


@pytest.fixture
def token(secret) -> str:
    return secret("github-pat")


@pytest.fixture
def project(tmp_path: Path, token: str) -> Path:
    return make_repo(tmp_path / "project", {
        ".gitignore": ".env\n",
        ".mcp.json": servers("mcpServers", {"GITHUB_TOKEN": token}),
        ".cursor/mcp.json": servers("mcpServers", {"GITHUB_TOKEN": "${env:GITHUB_TOKEN}"}),
    })


class Server:
    """One ``mcplint mcp`` process and every text it sent back (results, errors, stderr)."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.cwd = cwd
        self.args = args
        self.seen: list[str] = []
        self.stderr = cwd.parent / "server-stderr.txt"

    def run(self, body: Callable[[ClientSession], Awaitable[None]]) -> None:
        async def main() -> None:
            params = StdioServerParameters(
                command=sys.executable, args=["-m", "mcplint", "mcp", *self.args], cwd=self.cwd, env=dict(os.environ)
            )
            with self.stderr.open("w", encoding="utf-8") as errlog:
                async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(read, write) as session:
                    await session.initialize()
                    await body(session)
            self.seen.append(self.stderr.read_text(encoding="utf-8"))

        anyio.run(main)

    async def call(self, session: ClientSession, name: str, arguments: dict[str, Any]) -> tuple[bool, str]:
        """(is_error, text) of a tool result; an MCP error is raised, after its message is kept."""
        try:
            result = await session.call_tool(name, arguments)
        except MCPError as error:
            self.seen.append(f"{error.error.code} {error.error.message} {error.error.data!r}")
            raise
        text = "".join(getattr(block, "text", "") for block in result.content)
        self.seen.append(text + json.dumps(result.structured_content))
        return bool(result.is_error), text

    def assert_never_leaked(self, token: str) -> None:
        everything = "\n".join(self.seen)
        assert token not in everything
        assert "Traceback" not in everything


def scan_json(cwd: Path, *paths: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", "--format", "json", *paths], cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_lists_the_read_only_tools(project: Path) -> None:
    server = Server(project)
    listed: dict[str, Any] = {}

    async def body(session: ClientSession) -> None:
        listed.update({tool.name: tool for tool in (await session.list_tools()).tools})

    server.run(body)
    assert set(listed) == READ_ONLY_TOOLS
    for tool in listed.values():
        assert tool.annotations.read_only_hint is True
        assert tool.description
    assert set(listed["scan_text"].input_schema["required"]) == {"content", "file_name"}


def test_scan_paths_is_the_json_report(project: Path, token: str) -> None:
    server = Server(project)
    results: list[tuple[bool, str]] = []

    async def body(session: ClientSession) -> None:
        results.append(await server.call(session, "scan_paths", {"paths": ["."]}))
        results.append(await server.call(session, "scan_paths", {"paths": [".cursor/mcp.json"]}))

    server.run(body)
    (leak_error, leak), (clean_error, clean) = results
    assert not leak_error and not clean_error
    assert leak == scan_json(project, ".")
    assert clean == scan_json(project, ".cursor/mcp.json")
    report = json.loads(leak)
    assert [(f["rule_id"], f["path"]) for f in report["findings"]] == [("MCP001", ".mcp.json")]
    assert "${GITHUB_TOKEN}" in report["findings"][0]["message"]
    assert json.loads(clean)["findings"] == []
    server.assert_never_leaked(token)


def test_scan_text_scans_a_config_before_it_is_written(project: Path, token: str) -> None:
    server = Server(project)
    results: list[tuple[bool, str]] = []
    leaking = servers("servers", {"GITHUB_TOKEN": token})

    async def body(session: ClientSession) -> None:
        results.append(await server.call(session, "scan_text", {"content": leaking, "file_name": ".vscode/mcp.json"}))
        clean = servers("servers", {"GITHUB_TOKEN": "${env:GITHUB_TOKEN}"})
        results.append(await server.call(session, "scan_text", {"content": clean, "file_name": ".vscode/mcp.json"}))
        results.append(await server.call(session, "scan_text", {"content": leaking, "file_name": "notes.txt"}))

    server.run(body)
    (_, leak), (_, clean), (_, unrelated) = results
    finding = json.loads(leak)["findings"][0]
    assert finding["rule_id"] == "MCP001" and finding["path"] == ".vscode/mcp.json"
    assert "${env:GITHUB_TOKEN}" in finding["message"]  # VS Code's reference syntax
    line = next(n for n, text in enumerate(leaking.splitlines(), 1) if token in text)
    assert finding["line"] == line
    assert json.loads(clean)["findings"] == []
    assert json.loads(unrelated)["summary"] == {
        "by_severity": {"error": 0, "note": 0, "warning": 0}, "files_scanned": 0, "findings": 0,
        "skipped": {"not a config file": 1}, "complete": True, "not_scanned": 0, "unreadable": 0,
    }
    assert not (project / ".vscode").exists()  # nothing written
    # The same content on disk gives the same report as the scan command.
    (project / ".vscode").mkdir()
    (project / ".vscode/mcp.json").write_text(leaking, encoding="utf-8")
    assert leak == scan_json(project, ".vscode/mcp.json")
    server.assert_never_leaked(token)


def test_explain_rule(project: Path) -> None:
    server = Server(project)
    results: list[tuple[bool, str]] = []

    async def body(session: ClientSession) -> None:
        results.append(await server.call(session, "explain_rule", {"rule": "MCP001"}))
        results.append(await server.call(session, "explain_rule", {"rule": "hardcoded-secret"}))
        results.append(await server.call(session, "explain_rule", {"rule": "MCP999"}))

    server.run(body)
    (error1, by_code), (error2, by_name), (unknown_error, unknown) = results
    assert not error1 and not error2 and by_code == by_name
    assert by_code.startswith("MCP001 hardcoded-secret (error, category secret)") and "## Use instead" in by_code
    assert unknown_error and "unknown rule" in unknown and "MCP999" not in unknown


def test_fix_preview_shows_the_masked_diff_and_writes_nothing(project: Path, token: str) -> None:
    server = Server(project)
    results: list[tuple[bool, str]] = []
    before = (project / ".mcp.json").read_bytes()

    async def body(session: ClientSession) -> None:
        results.append(await server.call(session, "fix_preview", {"paths": ["."]}))
        with pytest.raises(MCPError) as refused:
            await server.call(session, "fix_apply", {"paths": ["."]})
        assert "unknown tool" in refused.value.error.message

    server.run(body)
    ((is_error, preview),) = results
    assert not is_error
    assert '+        "GITHUB_TOKEN": "${GITHUB_TOKEN}"' in preview and "GITHUB_TOKEN=****" in preview
    assert "would move the secret" in preview and "Rotate any secret" in preview
    cli = subprocess.run([sys.executable, "-m", "mcplint", "fix", "."], cwd=project, capture_output=True, text=True)
    assert preview.startswith(cli.stdout)  # the diff `mcplint fix` prints, then one line per secret
    assert (project / ".mcp.json").read_bytes() == before and not (project / ".env").exists()
    server.assert_never_leaked(token)


def test_fix_apply_only_with_allow_fix(project: Path, token: str) -> None:
    server = Server(project, "--allow-fix")
    results: list[tuple[bool, str]] = []
    names: set[str] = set()

    async def body(session: ClientSession) -> None:
        names.update(tool.name for tool in (await session.list_tools()).tools)
        results.append(await server.call(session, "fix_apply", {"paths": ["."]}))
        results.append(await server.call(session, "scan_paths", {"paths": ["."]}))

    server.run(body)
    assert names == READ_ONLY_TOOLS | {"fix_apply"}
    (applied_error, applied), (_, after) = results
    assert not applied_error and applied.startswith("wrote ")
    assert "would move" not in applied and "moved the secret" in applied
    assert "git does not ignore" not in applied  # .gitignore lists .env
    assert '"${GITHUB_TOKEN}"' in (project / ".mcp.json").read_text(encoding="utf-8")
    assert f"GITHUB_TOKEN={token}" in (project / ".env").read_text(encoding="utf-8")
    assert json.loads(after)["findings"] == []
    server.assert_never_leaked(token)


def test_malformed_calls_are_mcp_errors_that_echo_nothing(project: Path, token: str) -> None:
    server = Server(project)
    messages: list[str] = []
    calls = [
        ("scan_text", {"content": {"GITHUB_TOKEN": token}, "file_name": ".mcp.json"}),
        ("scan_text", {"content": token}),
        ("scan_text", {"content": "{}", "file_name": [token]}),
        ("scan_paths", {"paths": token}),
        ("scan_paths", {"paths": [{"p": token}]}),
        ("explain_rule", {"rule": 7, "extra": token}),
        (f"steal_{token}", {"x": token}),
    ]

    async def body(session: ClientSession) -> None:
        for name, arguments in calls:
            with pytest.raises(MCPError) as raised:
                await server.call(session, name, arguments)
            messages.append(raised.value.error.message)
        # Tool errors the tools foresee: a result flagged as an error, not echoing the argument either.
        is_error, text = await server.call(session, "scan_paths", {"paths": [f"missing-{token}"]})
        assert is_error and "paths[0]: no such file or directory" in text
        is_error, text = await server.call(session, "scan_paths", {"paths": []})
        assert is_error and "paths is empty" in text
        # The server is still serving.
        assert not (await server.call(session, "explain_rule", {"rule": "MCP002"}))[0]

    server.run(body)
    assert messages[0] == "invalid arguments for scan_text: content: Input should be a valid string"
    assert messages[1] == "invalid arguments for scan_text: file_name: Field required"
    assert messages[2].startswith("invalid arguments for scan_text: file_name:")
    assert all(m.startswith("invalid arguments for scan_paths: paths") for m in messages[3:5])
    assert messages[5].startswith("invalid arguments for explain_rule: rule:")
    assert messages[6].startswith("unknown tool")
    server.assert_never_leaked(token)


def test_missing_sdk_is_a_one_line_error(tmp_path: Path) -> None:
    # A package named like the SDK that fails to import stands in for an install without the extra.
    shadow = tmp_path / "shadow" / "mcp"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('no SDK here', name='mcp')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "shadow"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "mcplint", "mcp"], capture_output=True, text=True, env=env, input="")
    assert done.returncode == 2
    assert done.stderr == "mcplint: error: mcplint mcp needs the MCP SDK: pip install 'mcplint[mcp]'\n"


def test_an_unexpected_failure_is_an_internal_error_naming_only_its_type(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    from mcplint.agent import server as mcp_server

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"could not scan {token}")

    monkeypatch.setattr("mcplint.agent.content.scan_content", broken)

    async def main() -> None:
        with pytest.raises(MCPError) as raised:
            await mcp_server.build().call_tool("scan_text", {"content": token, "file_name": ".mcp.json"})
        assert raised.value.error.message == "scan_text failed unexpectedly (RuntimeError); please report it"
        assert token not in repr(raised.value.error)

    anyio.run(main)
