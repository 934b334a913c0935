"""Which environment variables an MCP config refers to, in the syntax its client expands.

Two sources (each client's row in ``client_table.py`` names its syntaxes and cites the client's
docs, e.g. https://code.visualstudio.com/docs/reference/variables-reference for VS Code):

* references inside string values: ``${VAR}`` / ``${VAR:-default}`` / ``$VAR`` (Claude Code, Gemini
  CLI, Kiro, Copilot CLI, Compose), ``${env:VAR}`` (VS Code, Cursor, Windsurf, Cline, Roo, Amazon
  Q), ``{env:VAR}`` (opencode), ``${{ secrets.VAR }}`` (Continue), ``%VAR%`` (Gemini on Windows);
* fields whose value *is* a variable name and that are therefore not slots: Codex ``env_vars``,
  ``bearer_token_env_var`` and ``env_http_headers``, Goose ``env_keys``, Gemini extension
  ``settings[].envVar``, registry ``environmentVariables[].name`` and Docker catalog
  ``config.secrets[].env``. These are read from the recognised document tree.

A client whose expansion is undocumented (Claude Desktop, Zed, manifests, generic files) gets
every braced form: the author meant a variable even if that client passes the text on literally.
Editor variables (``${workspaceFolder}``, ``${userHome}``, ``${input:id}``, ``${user_config.x}``,
``${CLAUDE_PLUGIN_ROOT}``, ``$HOME`` …) are not environment variables a user has to set and are
left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcplint.model import McpConfig
from mcplint.parse.document import Mapping, Node, Scalar, Sequence, walk
from mcplint.recognise import client_table

__all__ = ["BUILTIN_VARIABLES", "VariableUse", "forwarded_names", "referenced_variables", "syntaxes_of"]

# Syntax ids → pattern with a ``name`` group (and ``default`` for the shell form).
_SYNTAXES: dict[str, re.Pattern[str]] = {
    "shell": re.compile(r"(?<!\$)\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-=?+])(?P<default>[^{}]*))?\}"),
    "bare": re.compile(r"(?<!\$)\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)"),
    "env": re.compile(r"\$\{env:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}"),
    "opencode": re.compile(r"(?<!\$)\{env:(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}"),
    "continue": re.compile(r"\$\{\{\s*secrets\.(?P<name>[A-Za-z_][A-Za-z0-9_-]*)\s*\}\}"),
    "percent": re.compile(r"(?<![A-Za-z0-9%])%(?P<name>[A-Za-z_][A-Za-z0-9_]*)%"),
}
# Variables every shell or host defines, and host-provided template variables (``HOME``, ``PATH``…;
# ``${workspaceFolder}``, ``${userHome}``… in https://code.visualstudio.com/docs/reference/variables-reference).
BUILTIN_VARIABLES = frozenset(
    {
        "HOME", "USER", "USERNAME", "LOGNAME", "PATH", "PWD", "OLDPWD", "SHELL", "TERM", "LANG", "TMPDIR",
        "TEMP", "TMP", "HOSTNAME", "APPDATA", "LOCALAPPDATA", "USERPROFILE", "PROGRAMFILES", "PROGRAMDATA",
        "SYSTEMROOT", "WINDIR", "DESKTOP", "DOCUMENTS", "DOWNLOADS", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
        "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "XDG_STATE_HOME", "CLAUDE_PLUGIN_ROOT", "CLAUDE_PLUGIN_DATA",
        "CLAUDE_PROJECT_DIR", "CODEX_HOME", "workspaceFolder", "workspaceFolderBasename", "userHome",
        "pathSeparator", "cwd", "file", "fileDirname", "extensionPath", "workspacePath", "__dirname",
        "GITHUB_WORKSPACE", "RUNNER_TEMP", "CI",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class VariableUse:
    """One mention of an environment variable: where (document offsets) and how."""

    name: str
    start: int
    end: int
    server: str | None
    field: str  # a slot field (env, header, arg, url, …) or the name field (``env_vars``, …)
    syntax: str  # shell, bare, env, opencode, continue, percent, or ``name`` for name fields
    has_default: bool = False
    key: str | None = None  # the env key / header name the reference sits under, when known
    default: str | None = None  # the fallback of ``${VAR:-default}`` (may itself be a secret: never print it)


def syntaxes_of(client_id: str) -> frozenset[str]:
    """The reference forms ``client_id`` expands (its client-table row; every braced form when undocumented)."""
    return client_table.syntaxes_of(client_id)


def _in_value(config: McpConfig) -> list[VariableUse]:
    forms = syntaxes_of(config.kind)
    if not forms:
        return []
    expands = config.client.expands
    found: list[VariableUse] = []
    for slot in config.slots:
        if expands and slot.field not in expands:
            continue
        text = slot.value.value
        if not isinstance(text, str) or ("$" not in text and "{" not in text and "%" not in text):
            continue
        taken: list[tuple[int, int]] = []
        for syntax in ("continue", "env", "opencode", "shell", "bare", "percent"):
            if syntax not in forms:
                continue
            for match in _SYNTAXES[syntax].finditer(text):
                begin, stop = match.span()
                if any(begin < e and stop > s for s, e in taken):
                    continue
                taken.append((begin, stop))
                name = match.group("name")
                if name in BUILTIN_VARIABLES:
                    continue
                op = match.groupdict().get("op") or ""
                default = match.groupdict().get("default") if op.lstrip(":") in ("-", "=") else None
                scalar = slot.value
                start, end = scalar.source_offset(begin), scalar.source_offset(stop)
                if end <= start:
                    start, end = scalar.span.start, scalar.span.end
                found.append(
                    VariableUse(name, start, end, slot.server, slot.field, syntax, bool(default), slot.key, default)
                )
    return found


_CONTAINERS = frozenset(
    {"mcp_servers", "mcpServers", "mcp-servers", "servers", "context_servers", "mcp", "extensions", "registry"}
)


def _node_at(root: Node | None, path: tuple[str | int, ...]) -> Node | None:
    node = root
    for part in path:
        if isinstance(part, int) and isinstance(node, Sequence) and part < len(node.items):
            node = node.items[part]
        elif isinstance(part, str) and isinstance(node, Mapping):
            node = node.get(part)
        else:
            return None
    return node


def _server_of(path: tuple[str | int, ...], config: McpConfig) -> str | None:
    for index, part in enumerate(path[:-1]):
        container = isinstance(part, str) and (part in _CONTAINERS or part.endswith(".mcpServers"))
        if container and isinstance(path[index + 1], str):
            if path[index + 1] in _CONTAINERS:  # mcp.servers.<name> (VS Code settings): the inner one names it
                continue
            return str(path[index + 1])
        if container and isinstance(path[index + 1], int):  # a list of servers, each named by its name field
            item = _node_at(config.document.root, path[: index + 2])
            name = item.get("name") if isinstance(item, Mapping) else None
            if isinstance(name, Scalar) and isinstance(name.value, str):
                return name.value
    if config.kind in ("registry-server", "docker-mcp-catalog") and config.servers:
        return config.servers[0].name if len(config.servers) == 1 else None
    return None


def _name_field(path: tuple[str | int, ...], kind: str) -> tuple[str, str | None] | None:
    """(field, header) when the scalar at ``path`` holds a variable name, else None."""
    last = path[-1] if path else None
    parent = path[-2] if len(path) > 1 else None
    grand = path[-3] if len(path) > 2 else None
    if last == "bearer_token_env_var":
        return "bearer_token_env_var", "Authorization"
    if last == "api_key_env":  # Mistral Vibe
        return "api_key_env", None
    if last == "envVar" and grand == "settings":
        return "envVar", None
    if parent in ("env_vars", "env_keys") and isinstance(last, int):
        return str(parent), None
    if grand == "env_vars" and last == "name":
        return "env_vars", None
    if parent == "env_http_headers" and isinstance(last, str):
        return "env_http_headers", last
    if kind == "registry-server" and grand in ("environmentVariables", "environment_variables") and last == "name":
        return "environmentVariables", None
    if kind == "docker-mcp-catalog" and path[:2] == ("config", "secrets") and last == "env":
        return "config.secrets", None
    return None


def _in_name_fields(config: McpConfig) -> list[VariableUse]:
    if config.kind in ("dotenv", "kubernetes", "compose"):
        return []
    found: list[VariableUse] = []
    for index, root in enumerate(config.document.roots):
        base: tuple[str | int, ...] = (index,) if index else ()
        for path, node in walk(root, base):
            if not isinstance(node, Scalar) or not isinstance(node.value, str) or not path:
                continue
            named = _name_field(path, config.kind)
            name = node.value.strip()
            if named is None or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or name in BUILTIN_VARIABLES:
                continue
            field, header = named
            found.append(
                VariableUse(name, node.span.start, node.span.end, _server_of(path, config), field, "name", key=header)
            )
    return found


def referenced_variables(config: McpConfig) -> list[VariableUse]:
    """Every environment variable ``config`` refers to, in document order."""
    uses = _in_value(config) + _in_name_fields(config)
    return sorted(uses, key=lambda use: (use.start, use.end))


def forwarded_names(node: Node | None) -> list[str]:
    """Names listed by a Codex ``env_vars`` array (strings or ``{name = …}`` tables)."""
    names: list[str] = []
    if isinstance(node, Sequence):
        for item in node.items:
            if isinstance(item, Scalar) and isinstance(item.value, str):
                names.append(item.value)
            elif isinstance(item, Mapping):
                name = item.get("name")
                if isinstance(name, Scalar) and isinstance(name.value, str):
                    names.append(name.value)
    return names
