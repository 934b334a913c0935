"""Client configuration files: the ``mcpServers`` family, VS Code, Zed, Continue, Codex, Goose, opencode.

They share one reader: each known container key (``mcpServers``, ``servers``, ``context_servers``,
``mcp_servers``, ``mcp``, ``extensions``, ``projects.*.mcpServers``, devcontainer customizations)
holds server entries whose fields :meth:`Builder.read_server_fields` understands.
"""

from __future__ import annotations

from mcplint.model import FIELD_INPUT, DeclaredInput
from mcplint.parse.document import Key, Mapping, Node, Scalar, Sequence
from mcplint.recognise.builder import (
    SERVER_HINT_KEYS,
    Builder,
    Path,
    looks_like_server_map,
    text_of,
)
from mcplint.recognise.client_table import ClientKind

# Kinds whose file may hold VS Code's ``servers`` + ``inputs`` shape.
_K = ClientKind
_SERVERS_KINDS = frozenset({_K.VSCODE, _K.COPILOT_JETBRAINS, _K.VISUAL_STUDIO, _K.COPILOT_ECLIPSE})
_CATALOG_KINDS = (None, _K.DOCKER_MCP_TOOLKIT, _K.GENERIC)
_GOOSE_KEYS = frozenset({"cmd", "uri", "envs", "env_keys"})
_GOOSE_TYPES = frozenset({"stdio", "sse", "streamable_http", "builtin", "platform", "frontend", "inline_python"})


def read_server_map(b: Builder, node: Node | None, path: Path) -> None:
    """Every mapping entry of ``node`` is a server named by its key."""
    if isinstance(node, Mapping):
        for key, entry in node.items():
            b.read_server(key.text, key, entry, path + (key.text,))


def read_server_list(b: Builder, node: Sequence, path: Path) -> None:
    """Continue's ``mcpServers`` list: items named by their ``name`` field."""
    for index, entry in enumerate(node.items):
        if not isinstance(entry, Mapping):
            continue
        name_node = entry.get("name")
        name = text_of(name_node) or f"{path[-1]}[{index}]"
        name_key = Key(name, name_node.span) if isinstance(name_node, Scalar) else None
        b.read_server(name, name_key, entry, path + (index,))


def looks_like_server_map_entry(entry: Mapping) -> bool:
    """An entry with a server field (command, url, args, …)."""
    return any(k.text in SERVER_HINT_KEYS for k, _ in entry.items())


def read_inputs(b: Builder, node: Node | None, path: Path) -> None:
    """VS Code ``inputs[]``: a promptString ``default`` is a literal waiting to be committed."""
    if not isinstance(node, Sequence):
        return
    for index, item in enumerate(node.items):
        if isinstance(item, Mapping):
            default = item.get("default")
            if isinstance(default, Scalar):
                b.add(default, FIELD_INPUT, key=text_of(item.get("id")), path=path + (index, "default"))


def _goose_entry(entry: Node | None) -> bool:
    if not isinstance(entry, Mapping):
        return False
    keys = {k.text for k, _ in entry.items()}
    return bool(keys & _GOOSE_KEYS) or text_of(entry.get("type")) in _GOOSE_TYPES


def is_goose_extensions(node: Node | None) -> bool:
    """Goose ``extensions``: a map (config.yaml) or a list (recipes) of entries with ``cmd``/``uri``/
    ``envs`` or a Goose ``type``."""
    if isinstance(node, Mapping):
        return any(_goose_entry(entry) for _, entry in node.items())
    if isinstance(node, Sequence):
        return any(_goose_entry(entry) for entry in node.items)
    return False


def is_server_list(node: Node | None) -> bool:
    """A list of server objects (``[[mcp_servers]]``, ``mcp.servers: [...]``, Augment's list)."""
    return isinstance(node, Sequence) and any(
        isinstance(item, Mapping) and looks_like_server_map_entry(item) for item in node.items
    )


def read_declared_inputs(b: Builder, node: Node | None, path: Path, source: str) -> None:
    """Claude Code plugin ``userConfig`` (a map) or Gemini extension ``settings`` (a list) as inputs.

    A ``default`` is a literal waiting to be committed (a ``FIELD_INPUT`` slot); ``envVar`` names a variable.
    """
    entries: list[tuple[Key | None, str, Mapping, Path]] = []
    if isinstance(node, Mapping):
        entries = [
            (key, key.text, entry, path + (key.text,)) for key, entry in node.items() if isinstance(entry, Mapping)
        ]
    elif isinstance(node, Sequence):
        for index, entry in enumerate(node.items):
            if isinstance(entry, Mapping):
                name_node = entry.get("name")
                name = text_of(entry.get("envVar")) or text_of(name_node) or f"{source}[{index}]"
                key = Key(name, name_node.span) if isinstance(name_node, Scalar) else None
                entries.append((key, name, entry, path + (index,)))
    for key, name, entry, here in entries:
        b.skip(entry.get("envVar"))
        sensitive = entry.get("sensitive")
        wording = " ".join(t for t in (text_of(entry.get("title")), text_of(entry.get("name")),
                                       text_of(entry.get("description"))) if t)
        marked = isinstance(sensitive, Scalar) and sensitive.value is True
        b.inputs.append(DeclaredInput(name, source, entry, key, marked, wording))
        default = entry.get("default")
        if isinstance(default, Scalar):
            b.add(default, FIELD_INPUT, key=name, path=here + ("default",))


def is_opencode_map(node: Node | None) -> bool:
    """opencode/Crush ``mcp``: entries with ``type: local|remote`` or an array ``command``."""
    if not isinstance(node, Mapping):
        return False
    for _, entry in node.items():
        if isinstance(entry, Mapping) and (
            text_of(entry.get("type")) in ("local", "remote") or isinstance(entry.get("command"), Sequence)
        ):
            return True
    return looks_like_server_map(node)


def _container(name: str) -> str:
    """A dotted settings key names its last part: ``amp.mcpServers``, ``augment.advanced.mcpServers``."""
    return "mcpServers" if name.endswith(".mcpServers") else name


def read_client(b: Builder, root: Node | None, kind: str | None, path: Path = ()) -> bool:
    """Read every server container of a client file; True when one was found."""
    if not isinstance(root, Mapping):
        return False
    found = False
    for key, value in root.items():
        name = _container(key.text)
        here = path + (key.text,)
        if name in ("mcpServers", "mcp-servers") and isinstance(value, Mapping):
            read_server_map(b, value, here)
            found = True
        elif name == "mcpServers" and isinstance(value, Sequence):
            read_server_list(b, value, here)
            found = True
        elif (name in ("context_servers", "mcp_servers") and isinstance(value, Mapping)) or (
            name == "servers"
            and ((kind in _SERVERS_KINDS and isinstance(value, Mapping)) or looks_like_server_map(value))
        ):
            read_server_map(b, value, here)
            found = True
        elif (
            name == "servers"
            and isinstance(value, Sequence)
            and any(isinstance(item, Mapping) and looks_like_server_map_entry(item) for item in value.items)
        ):
            read_server_list(b, value, here)
            found = True
        elif name == "mcp_servers" and is_server_list(value):  # Mistral Vibe [[mcp_servers]]
            assert isinstance(value, Sequence)
            read_server_list(b, value, here)
            found = True
        elif name == "inputs" and isinstance(value, Sequence):
            read_inputs(b, value, here)
        elif name == "userConfig" and isinstance(value, Mapping):  # Claude Code plugin.json
            read_declared_inputs(b, value, here, "userConfig")
        elif name == "profiles" and kind == ClientKind.CODEX and isinstance(value, Mapping):  # [profiles.<name>]
            for profile_key, profile in value.items():
                found = read_client(b, profile, kind, here + (profile_key.text,)) or found
        elif name == "registry" and isinstance(value, Mapping) and kind in _CATALOG_KINDS:
            from mcplint.recognise.manifests import is_docker_catalog_file, read_docker_catalog_file

            if is_docker_catalog_file(root):
                read_docker_catalog_file(b, root)
                found = True
        elif name == "mcp" and isinstance(value, Mapping):
            if is_server_list(value.get("servers")):  # mcp.servers: [...]
                servers = value.get("servers")
                assert isinstance(servers, Sequence)
                read_server_list(b, servers, here + ("servers",))
                found = True
            elif isinstance(value.get("servers"), Mapping):  # VS Code settings.json
                found = read_client(b, value, "vscode", here) or found
            elif kind in (ClientKind.OPENCODE, ClientKind.CRUSH) or is_opencode_map(value):
                read_server_map(b, value, here)
                found = True
        elif name == "projects" and isinstance(value, Mapping):  # ~/.claude.json
            for project_key, project in value.items():
                if isinstance(project, Mapping) and isinstance(project.get("mcpServers"), Mapping):
                    read_server_map(b, project.get("mcpServers"), here + (project_key.text, "mcpServers"))
                    found = True
        elif name == "customizations" and isinstance(value, Mapping):  # devcontainer.json
            vscode = value.get("vscode")
            if isinstance(vscode, Mapping) and isinstance(vscode.get("mcp"), Mapping):
                found = read_client(b, vscode.get("mcp"), "vscode", here + ("vscode", "mcp")) or found
        elif name == "extensions" and (kind == ClientKind.GOOSE or is_goose_extensions(value)):
            if isinstance(value, Mapping):
                read_server_map(b, value, here)
                found = True
            elif isinstance(value, Sequence):  # a Goose recipe's extensions list
                read_server_list(b, value, here)
                found = True
        elif name == "experimental" and isinstance(value, Mapping):  # Continue legacy config.json
            servers = value.get("modelContextProtocolServers")
            if isinstance(servers, Sequence):
                read_server_list(b, servers, here + ("modelContextProtocolServers",))
                found = True
        elif name == "env" and kind == ClientKind.CLAUDE_CODE and isinstance(value, Mapping):
            b.read_env(None, value, here)  # .claude/settings*.json session environment
        elif name == "settings" and isinstance(value, Sequence):  # gemini-extension.json
            read_declared_inputs(b, value, here, "settings")
    if kind == ClientKind.DOCKER_MCP_TOOLKIT and not found:  # config.yaml: each top-level key configures one server
        for key, value in root.items():
            if isinstance(value, Mapping):
                b.open_server(key.text, key, path + (key.text,))
    return found


def read_bare_server_map(b: Builder, root: Node | None) -> bool:
    """opencode ``.agents/mcp.json``: the root itself is a map of servers."""
    if is_opencode_map(root):
        read_server_map(b, root, ())
        return True
    return False


def content_kind(root: Node | None, fmt: str) -> str | None:
    """The client kind the top-level keys point to (rows of ``client_table.py``), or None without one."""
    if not isinstance(root, Mapping):
        return None
    keys = {k.text for k, _ in root.items()}
    servers = root.get("mcpServers")
    if fmt == "toml" and isinstance(root.get("mcp_servers"), Mapping):
        return ClientKind.CODEX
    if fmt == "toml" and is_server_list(root.get("mcp_servers")):
        return ClientKind.MISTRAL_VIBE
    if any(key.endswith(".mcpServers") for key in keys):
        return ClientKind.GENERIC
    from mcplint.recognise.manifests import is_docker_catalog_file

    if is_docker_catalog_file(root):
        return ClientKind.DOCKER_MCP_TOOLKIT
    if isinstance(servers, Sequence):
        return ClientKind.CONTINUE
    if isinstance(root.get("context_servers"), Mapping):
        return ClientKind.ZED
    if is_goose_extensions(root.get("extensions")):
        return ClientKind.GOOSE
    mcp = root.get("mcp")
    if isinstance(mcp, Mapping):
        if is_server_list(mcp.get("servers")):
            return ClientKind.GENERIC
        if isinstance(mcp.get("servers"), Mapping):
            return ClientKind.VSCODE
        schema = text_of(root.get("$schema")) or ""
        if "opencode.ai" in schema:
            return ClientKind.OPENCODE
        if "charm.land" in schema or "crush" in schema:
            return ClientKind.CRUSH
        if is_opencode_map(mcp):
            return ClientKind.OPENCODE
    projects = root.get("projects")
    if isinstance(projects, Mapping) and any(
        isinstance(p, Mapping) and isinstance(p.get("mcpServers"), Mapping) for _, p in projects.items()
    ):
        return ClientKind.CLAUDE_CODE
    customizations = root.get("customizations")
    if isinstance(customizations, Mapping):
        vscode = customizations.get("vscode")
        if isinstance(vscode, Mapping) and isinstance(vscode.get("mcp"), Mapping):
            return ClientKind.VSCODE
    if "servers" in keys and "inputs" in keys and isinstance(root.get("servers"), Mapping):
        return ClientKind.VSCODE
    if isinstance(servers, Mapping):
        return ClientKind.GENERIC
    if looks_like_server_map(root.get("servers")) or looks_like_server_map(root.get("mcp_servers")):
        return ClientKind.GENERIC
    experimental = root.get("experimental")
    if isinstance(experimental, Mapping) and isinstance(experimental.get("modelContextProtocolServers"), Sequence):
        return ClientKind.CONTINUE
    return None
