"""``mcplint mcp``: mcplint as an MCP server over stdio, on the official Python SDK (``mcplint[mcp]``).

Tools: ``scan_paths`` and ``scan_text`` (the ``mcplint scan --format json`` document, redacted),
``explain_rule`` (a rule's documentation) and ``fix_preview`` (the diff ``mcplint fix`` would
apply, secrets masked). Nothing writes unless the server was started with ``--allow-fix``, which
adds ``fix_apply``.

No response carries a secret: findings are redacted by the pipeline, diffs by the fix plan, and
errors are rewritten here. The SDK's own message for arguments that fail validation quotes the
rejected value (pydantic's ``input_value``), which may be the very content to scan: such a call
is answered with an ``INVALID_PARAMS`` error naming only the fields and what was wrong with them,
and an unexpected failure with its exception type alone.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError, UnexpectedToolError
from mcp.shared.exceptions import MCPError
from mcp_types import INTERNAL_ERROR, INVALID_PARAMS, ToolAnnotations
from pydantic import ValidationError

from mcplint import __version__

INSTRUCTIONS = (
    "mcplint finds hardcoded secrets in MCP configuration files (Claude Code, Cursor, VS Code, Gemini CLI,"
    " Codex and more). Call scan_text with the content and file name of a config before writing it, and"
    " write the variable reference a finding's message names instead of a literal secret. Results never"
    " contain a secret: values are masked."
)
READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
WRITES = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=False)


class _Server(MCPServer):
    """The SDK's server with every failure rewritten so that no caller-supplied value is echoed."""

    async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
        if self._tool_manager.get_tool(name) is None:
            raise MCPError(INVALID_PARAMS, "unknown tool; call tools/list for the tools this server has")
        try:
            return await super().call_tool(name, arguments, context)
        except MCPError:
            raise
        except UnexpectedToolError as error:
            cause = type(error.__cause__).__name__ if error.__cause__ is not None else "error"
            raise MCPError(INTERNAL_ERROR, f"{name} failed unexpectedly ({cause}); please report it") from None
        except ToolError as error:
            if isinstance(error.__cause__, ValidationError):
                raise MCPError(INVALID_PARAMS, f"invalid arguments for {name}: {_problems(error.__cause__)}") from None
            raise
        except Exception as error:  # noqa: BLE001 - the message could hold what was scanned
            raise MCPError(INTERNAL_ERROR, f"{name} failed unexpectedly ({type(error).__name__})") from None


def _problems(error: ValidationError) -> str:
    """Each invalid field and what was wrong with it, without the value (pydantic's input_value)."""
    parts = []
    for problem in error.errors(include_input=False, include_url=False, include_context=False):
        where = ".".join(str(part) for part in problem["loc"]) or "arguments"
        parts.append(f"{where}: {problem['msg']}")
    return "; ".join(sorted(set(parts)))


def _paths(paths: list[str]) -> list[Path]:
    """The paths to scan: each must exist. The error names the argument, not the value."""
    if not paths:
        raise ToolError("paths is empty: give at least one file or directory")
    resolved = [Path(p) for p in paths]
    for index, path in enumerate(resolved):
        if not path.exists() and not path.is_symlink():
            raise ToolError(f"paths[{index}]: no such file or directory")
    return resolved


def _settings(paths: list[Path]) -> Any:
    from mcplint.cli.common import UsageError, settings_for

    try:
        return settings_for(paths, None)
    except UsageError as error:
        raise ToolError(str(error)) from None


def scan_paths(paths: list[str]) -> str:
    """Scan MCP config files and directories for hardcoded secrets.

    Returns the `mcplint scan --format json` document: every finding with its file, line, column,
    rule and advice (the client's own variable reference to use instead). Secrets are masked.
    Relative paths are resolved from the server's working directory.
    """
    from mcplint import pipeline
    from mcplint.reporters import render
    from mcplint.results.baseline import BaselineError

    targets = _paths(paths)
    try:
        result = pipeline.scan(targets, _settings(targets))
    except BaselineError as error:
        raise ToolError(str(error)) from None
    return render("json", result)


def scan_text(content: str, file_name: str) -> str:
    """Scan a config before it is written: its content and the file name it will have.

    The name decides the format and the client (`.mcp.json` is Claude Code's, `.cursor/mcp.json`
    Cursor's, `.vscode/mcp.json` VS Code's, `.codex/config.toml` Codex's, ...). Returns the same JSON
    document as `scan_paths`. Nothing is written.
    """
    from mcplint.agent.content import scan_content, scan_root_for
    from mcplint.reporters import render

    if not file_name.strip():
        raise ToolError("file_name is empty: give the name (or path) the file will have")
    path = Path(os.path.abspath(file_name))
    root, repo = scan_root_for(path, Path.cwd())
    settings = _settings([root])
    data = content.encode("utf-8", "surrogatepass")
    return render("json", scan_content(path, data, settings, root, repo))


def explain_rule(rule: str) -> str:
    """The documentation of one rule, by code (`MCP001`) or name (`hardcoded-secret`)."""
    from mcplint.rules import all_rules, get

    found = get(rule)
    if found is None:
        codes = ", ".join(r.code for r in all_rules())
        raise ToolError(f"unknown rule; the rules are {codes}")
    return f"{found.code} {found.name} ({found.severity}, category {found.category})\n\n{found.doc}\n"


def _fix_plan(paths: list[str]) -> Any:
    from mcplint.fix import plan as fix
    from mcplint.results.baseline import BaselineError

    targets = _paths(paths)
    try:
        return fix.plan(targets, _settings(targets))
    except BaselineError as error:
        raise ToolError(str(error)) from None


def _fix_report(plan: Any, verb: str) -> list[str]:
    """What ``mcplint fix`` says about each secret, masked."""
    lines = [plan.mask(f"error: {message}") for message in plan.errors]
    for moved in plan.moved:
        where = "already in" if moved.reused else "value to"
        lines.append(plan.mask(
            f"{moved.path}:{moved.line}:{moved.col}: {verb} the secret in {moved.where} to {moved.reference}"
            f" ({where} {moved.env_file} as {moved.name})"
        ))
    for item in plan.not_fixable:
        lines.append(plan.mask(
            f"{item.path}:{item.line}:{item.col}: MCP001 not auto-fixable ({item.where}): {item.reason}."
            f" {item.alternative}"
        ))
    return lines + (list(plan.notes) if plan.moved else [])


def fix_preview(paths: list[str]) -> str:
    """The unified diff `mcplint fix` would apply to move hardcoded secrets into a git-ignored .env.

    Secrets are masked and `.env` values shown as ****; nothing is written. Followed by one line per
    secret: where it goes, or why it cannot be moved automatically and what to do instead.
    """
    from mcplint.fix import plan as fix

    plan = _fix_plan(paths)
    report = _fix_report(plan, "would move")
    diff = fix.render_diff(plan) if plan.changes and not plan.errors else ""
    if not diff and not report:
        return "nothing to fix\n"
    return diff + "".join(f"# {line}\n" for line in report)


def fix_apply(paths: list[str]) -> str:
    """Apply `mcplint fix --write`: move hardcoded secrets into a git-ignored .env (atomic writes).

    Returns the files written and where each secret went, masked. Only present when the server was
    started with --allow-fix.
    """
    from mcplint.fix import plan as fix

    plan = _fix_plan(paths)
    if plan.errors:
        raise ToolError("; ".join(_fix_report(plan, "would move")) + "; nothing was changed")
    report = _fix_report(plan, "moved")
    if not plan.changes:
        return "".join(f"{line}\n" for line in report) or "nothing to fix\n"
    try:
        written = fix.apply(plan)
    except fix.FixError as error:
        raise ToolError(plan.mask(str(error))) from None
    return f"wrote {', '.join(written)}\n" + "".join(f"{line}\n" for line in report + _unignored_env_files(plan))


def _unignored_env_files(plan: Any) -> list[str]:
    """After writing, as ``mcplint fix --write`` warns: each written .env git does not ignore."""
    from mcplint.discover.git import Repo

    warnings = []
    for change in plan.changes:
        if change.role != "env":
            continue
        repo = Repo.find(change.path.parent)
        rel = repo.relative(change.path) if repo is not None else None
        if repo is not None and rel is not None and not repo.is_ignored(rel):
            warnings.append(f"warning: git does not ignore {change.display}; add it to .gitignore before committing")
    return warnings


def build(allow_fix: bool = False) -> MCPServer:
    """The server with its tools; ``fix_apply`` only when ``allow_fix``."""
    server = _Server("mcplint", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING")
    for tool in (scan_paths, scan_text, explain_rule, fix_preview):
        server.add_tool(tool, annotations=READ_ONLY, structured_output=False)
    if allow_fix:
        server.add_tool(fix_apply, annotations=WRITES, structured_output=False)
    return server


def serve(allow_fix: bool = False) -> None:
    """Serve over stdio until the client closes the connection."""
    build(allow_fix).run("stdio")
