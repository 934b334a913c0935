"""Pre-write hooks for coding agents: block a write that would put a secret in an MCP config.

The agent runs ``mcplint hook <agent>`` before each file write, with the tool call as JSON on
stdin. A write to a file discovery would not scan passes at once; otherwise the content the file
would have after the write (a whole-file write, or the file's current text with the edits applied)
is scanned like ``mcplint scan <file>``. Findings at or above ``fail_on`` (the pre-commit hook's
threshold) block the write, with each finding's message (redacted, ending with the reference syntax
of the file's client) as the reason the agent reads. Protocols, as each agent documents them:

* Claude Code ``PreToolUse`` (tools ``Write``, ``Edit``, ``MultiEdit``): deny with
  ``hookSpecificOutput.permissionDecision = "deny"`` on stdout and exit 0; silence allows.
* Gemini CLI ``BeforeTool`` (tools ``write_file``, ``replace``): deny with ``{"decision": "deny",
  "reason": ...}`` on stdout and exit 0; ``{}`` allows.

Fail closed: both agents let a write through when a hook exits with any other code, so an event
that cannot be read, an edit that cannot be applied or a failure inside mcplint is answered with an
explicit deny and a one-line reason, never with a crash.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mcplint.agent.content import EditError, TextEdit


class MalformedEvent(ValueError):
    """The event is not what the agent's protocol documents; the message never quotes it."""


@dataclass(frozen=True, slots=True)
class PendingWrite:
    """A write the agent is about to make: the whole new content, or edits to the current one."""

    path: Path
    content: str | None = None
    edits: list[TextEdit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Answer:
    """What the hook prints on stdout, and its exit code."""

    stdout: str
    exit_code: int = 0


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedEvent(f"{what} is not a JSON object")
    return value


def _string(container: dict[str, Any], key: str, what: str, *, optional: bool = False) -> str | None:
    value = container.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise MalformedEvent(f"{what}.{key} is missing or not a string")
    return value


def _path(tool_input: dict[str, Any], cwd: Path, what: str) -> Path:
    raw = _string(tool_input, "file_path", what)
    assert raw is not None
    if not raw or "\0" in raw:
        raise MalformedEvent(f"{what}.file_path is not a usable path")
    return Path(os.path.abspath(cwd / raw))


def _edit(item: Any, what: str, *, replace_all_key: str | None, count_key: str | None) -> TextEdit:
    entry = _object(item, what)
    old = _string(entry, "old_string", what)
    new = _string(entry, "new_string", what)
    assert old is not None and new is not None
    expected = None
    if count_key is not None and entry.get(count_key) is not None:
        count = entry[count_key]
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise MalformedEvent(f"{what}.{count_key} is not a positive whole number")
        expected = count
    if replace_all_key is not None and not isinstance(entry.get(replace_all_key, False), bool):
        raise MalformedEvent(f"{what}.{replace_all_key} is not true or false")
    return TextEdit(old, new, expected)


def _event(raw: bytes) -> tuple[dict[str, Any], Path]:
    try:
        event = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise MalformedEvent("the event on stdin is not JSON") from None
    event = _object(event, "the event")
    cwd = _string(event, "cwd", "the event", optional=True)
    return event, Path(cwd) if cwd else Path.cwd()


def claude_code_write(event: dict[str, Any], cwd: Path) -> PendingWrite | None:
    """The write a Claude Code ``PreToolUse`` event makes, or None for a tool that writes no file."""
    tool = event.get("tool_name")
    if not isinstance(tool, str):
        raise MalformedEvent("tool_name is missing or not a string")
    if tool not in ("Write", "Edit", "MultiEdit"):
        return None
    tool_input = _object(event.get("tool_input"), "tool_input")
    path = _path(tool_input, cwd, "tool_input")
    if tool == "Write":
        return PendingWrite(path, content=_string(tool_input, "content", "tool_input"))
    if tool == "Edit":
        edit = _edit(tool_input, "tool_input", replace_all_key="replace_all", count_key=None)
        return PendingWrite(path, edits=[edit])
    edits = tool_input.get("edits")
    if not isinstance(edits, list) or not edits:
        raise MalformedEvent("tool_input.edits is missing or not a list of edits")
    return PendingWrite(path, edits=[
        _edit(item, f"tool_input.edits[{index}]", replace_all_key="replace_all", count_key=None)
        for index, item in enumerate(edits)
    ])


def gemini_cli_write(event: dict[str, Any], cwd: Path) -> PendingWrite | None:
    """The write a Gemini CLI ``BeforeTool`` event makes, or None for a tool that writes no file."""
    tool = event.get("tool_name")
    if not isinstance(tool, str):
        raise MalformedEvent("tool_name is missing or not a string")
    if tool not in ("write_file", "replace"):
        return None
    tool_input = _object(event.get("tool_input"), "tool_input")
    path = _path(tool_input, cwd, "tool_input")
    if tool == "write_file":
        return PendingWrite(path, content=_string(tool_input, "content", "tool_input"))
    edit = _edit(tool_input, "tool_input", replace_all_key=None, count_key="expected_replacements")
    return PendingWrite(path, edits=[edit])


def _claude_deny(reason: str) -> Answer:
    output = {"hookSpecificOutput": {
        "hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": reason,
    }}
    return Answer(json.dumps(output) + "\n")


def _gemini_deny(reason: str) -> Answer:
    return Answer(json.dumps({"decision": "deny", "reason": reason}) + "\n")


@dataclass(frozen=True, slots=True)
class Protocol:
    """One agent's hook protocol: which tool calls write files, and how to allow or deny them."""

    name: str
    pending_write: Callable[[dict[str, Any], Path], PendingWrite | None]
    allow: Answer
    deny: Callable[[str], Answer]


PROTOCOLS: dict[str, Protocol] = {
    "claude-code": Protocol("Claude Code", claude_code_write, Answer(""), _claude_deny),
    "gemini-cli": Protocol("Gemini CLI", gemini_cli_write, Answer("{}\n"), _gemini_deny),
}


def _current_text(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise EditError(f"cannot read the file to apply the edit: {error.strerror or type(error).__name__}") from None
    # surrogateescape: bytes that are not UTF-8 come back unchanged when the result is encoded.
    return data.decode("utf-8", "surrogateescape")


def _reason(result: Any, threshold: str, path: str) -> str | None:
    """The deny reason for the findings that fail the write, or None when none does."""
    from mcplint.results.findings import severity_rank

    if threshold == "never":
        return None
    failing = [f for f in result.findings if severity_rank(f.severity) >= severity_rank(threshold)]
    if not failing:
        return None
    secrets = any(f.category == "secret" for f in failing)
    what = "a secret" if secrets else "a problem mcplint reports"
    lines = [f"mcplint blocked this write: it would put {what} in {path}."]
    lines += [f"{f.path}:{f.span.line}:{f.span.col}: {f.rule_id} {f.message}" for f in failing]
    if secrets:
        lines.append(
            "Write the variable reference shown above instead of the value, and ask the user to set the"
            " variable in their environment or a git-ignored .env. Do not write the value anywhere else."
        )
    return "\n".join(lines)


def decide(pending: PendingWrite, cwd: Path) -> str | None:
    """The reason to block ``pending``, or None to let it through."""
    from mcplint.agent.content import apply_edits, candidate_for, scan_content, scan_root_for
    from mcplint.discover.tree import _may_be_config
    from mcplint.settings.load import ConfigError, load_settings

    if not _may_be_config(pending.path.name.lower()):
        return None  # most writes are source files: answered before anything else is loaded
    root, repo = scan_root_for(pending.path, cwd)
    try:
        settings = load_settings(None, start=pending.path.parent if pending.path.parent.is_dir() else root)
    except ConfigError as error:
        return f"mcplint cannot check this write: {error}"
    candidate = candidate_for(pending.path, root, settings)
    if isinstance(candidate, str):
        return None
    if pending.content is not None:
        text = pending.content
    else:
        try:
            text = apply_edits(_current_text(pending.path), pending.edits)
        except EditError as error:
            return f"mcplint cannot check this write: {error}"
    data = text.encode("utf-8", "surrogateescape")
    return _reason(scan_content(pending.path, data, settings, root, repo), settings.fail_on, candidate.rel)


def run(agent: str, raw: bytes) -> Answer:
    """The answer to one hook event, in ``agent``'s protocol; never raises."""
    protocol = PROTOCOLS[agent]
    try:
        event, cwd = _event(raw)
        pending = protocol.pending_write(event, cwd)
        if pending is None:
            return protocol.allow
        reason = decide(pending, cwd)
    except MalformedEvent as error:
        return protocol.deny(f"mcplint cannot check this tool call: {error} ({protocol.name} hook event)")
    except Exception as error:  # noqa: BLE001 - fail closed; the message could quote file content
        return protocol.deny(f"mcplint failed while checking this write ({type(error).__name__}); please report it")
    return protocol.allow if reason is None else protocol.deny(reason)
