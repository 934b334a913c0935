"""Recognise stage: a parsed :class:`Document` → the :class:`McpConfig` rules read.

:func:`kind_from_path` guesses a kind from the file name and location alone; :func:`recognise`
confirms it against the content (the top-level key disambiguates: ``servers`` for VS Code,
``mcpServers`` for most others, ``context_servers`` for Zed; see the rows of ``client_table.py``), falls back to
the content alone, and returns ``None`` for files that hold no MCP servers and are no known
manifest or deployment kind. Every string of a recognised file becomes exactly one :class:`Slot`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path as FilePath

from mcplint.model import McpConfig
from mcplint.parse.document import Document, Mapping, Node, Scalar, Sequence
from mcplint.recognise.builder import Builder, Path, looks_like_server_map
from mcplint.recognise.client_files import content_kind, read_bare_server_map, read_client
from mcplint.recognise.client_table import ClientKind, kind_of_path
from mcplint.recognise.clients import CLIENTS
from mcplint.recognise.deploy import (
    has_helm_env,
    is_compose,
    is_kubernetes,
    read_compose,
    read_helm_values,
    read_kubernetes,
)
from mcplint.recognise.dotenv import read_dotenv
from mcplint.recognise.manifests import (
    is_docker_catalog,
    is_mcpb,
    is_registry_server,
    is_smithery,
    read_docker_catalog,
    read_mcpb,
    read_registry_server,
    read_smithery,
)

__all__ = ["CLIENTS", "kind_from_path", "recognise"]

_K = ClientKind
_MANIFEST_KINDS = (_K.REGISTRY_SERVER, _K.MCPB, _K.SMITHERY, _K.DOCKER_MCP_CATALOG)
_BARE_MAP_KINDS = frozenset({_K.OPENCODE, _K.CLAUDE_PLUGIN, _K.CODEX_PLUGIN, _K.CURSOR_PLUGIN, _K.UNKNOWN_PLUGIN})
_NOT_CLIENT_KINDS = frozenset(_MANIFEST_KINDS + (_K.COMPOSE, _K.KUBERNETES, _K.DOTENV))


def kind_from_path(relpath: str) -> str | None:
    """The kind a file's name and location point to (the client table's patterns), or None."""
    kind = kind_of_path(relpath)
    return kind.value if kind is not None else None


def _is_general_settings(relpath: str) -> bool:
    """Editor-wide files that count only when they hold MCP servers (VS Code settings, devcontainer).

    Every other client file named by :func:`kind_from_path` is recognised even without servers:
    it is that client's own configuration and may hold its credentials (model API keys, …).
    """
    parts = relpath.replace("\\", "/").split("/")
    name = parts[-1]
    parent = parts[-2] if len(parts) > 1 else ""
    return name in ("devcontainer.json", ".devcontainer.json") or (parent == ".vscode" and name == "settings.json")


# Plugin roots: the folder beside a plugin's .mcp.json says whose plugin it is.
_PLUGIN_MARKERS = ((".claude-plugin", ClientKind.CLAUDE_PLUGIN), (".codex-plugin", ClientKind.CODEX_PLUGIN),
                   (".cursor-plugin", ClientKind.CURSOR_PLUGIN))
def shared_name_kind(path: FilePath, relpath: str, root: Node | None, hint: str | None) -> tuple[str | None, bool]:
    """(kind, unsure) for a file whose name several clients share (``.mcp.json``): siblings, then content.

    A plugin root holds ``.claude-plugin/``, ``.codex-plugin/`` or ``.cursor-plugin/`` beside its
    ``.mcp.json``; Visual Studio's ``.mcp.json`` has a top-level ``servers`` map; a bare server map
    with none of these is a plugin's of unknown client (unsure). Anything else stays Claude Code's
    (which the Copilot CLI reads too, with the same ``${VAR}`` syntax).
    """
    name = relpath.replace("\\", "/").rsplit("/", 1)[-1]
    if name != ".mcp.json" or hint != ClientKind.CLAUDE_CODE:
        return hint, False
    for folder, kind in _PLUGIN_MARKERS:
        try:
            if (path.parent / folder).is_dir():
                return kind, False
        except OSError:
            continue
    if isinstance(root, Mapping) and root.get("mcpServers") is None:
        if isinstance(root.get("servers"), Mapping):
            return ClientKind.VISUAL_STUDIO, False
        if root.get("servers") is None and looks_like_server_map(root):
            return ClientKind.UNKNOWN_PLUGIN, True
    return hint, False


_Test = Callable[[Node | None], bool]
_Reader = Callable[[Builder, Mapping], None]
_MANIFESTS: dict[str, tuple[_Test, _Reader]] = {
    "registry-server": (is_registry_server, read_registry_server),
    "mcpb": (is_mcpb, read_mcpb),
    "smithery": (is_smithery, read_smithery),
    "docker-mcp-catalog": (is_docker_catalog, read_docker_catalog),
}


def _strict_manifest(kind: str, root: Node | None) -> bool:
    """Content-only manifest evidence, stricter than with a matching file name."""
    if not isinstance(root, Mapping):
        return False
    if kind == "registry-server":
        schema = root.get("$schema")
        return "modelcontextprotocol.io" in str(getattr(schema, "value", "")) or (
            is_registry_server(root)
            and root.get("name") is not None
            and root.get("version") is not None
            and (root.get("packages") is None or _has_registry_packages(root))
        )
    if kind == "mcpb":
        return is_mcpb(root) and (root.get("manifest_version") is not None or root.get("dxt_version") is not None)
    if kind == "smithery":
        return isinstance(root.get("startCommand"), Mapping)
    return _MANIFESTS[kind][0](root)


def _has_registry_packages(root: Mapping) -> bool:
    """``packages[]`` entries with registry fields (not pnpm's list of globs)."""
    packages = root.get("packages")
    if not isinstance(packages, Sequence):
        return False
    registry_keys = ("registryType", "registry_type", "identifier")
    return any(
        isinstance(item, Mapping) and any(k.text in registry_keys for k, _ in item.items()) for item in packages.items
    )


def _decide(document: Document, relpath: str, hint: str | None) -> tuple[str, Builder] | None:
    """Pick the kind and read the document with the matching recogniser."""
    root = document.root
    b = Builder(document)
    if document.format == "dotenv":
        if isinstance(root, Mapping):
            read_dotenv(b, root)
            return "dotenv", b
        return None
    if hint in _MANIFESTS and isinstance(root, Mapping) and _MANIFESTS[hint][0](root):
        _MANIFESTS[hint][1](b, root)
        return hint, b
    if hint == "compose" and isinstance(root, Mapping) and isinstance(root.get("services"), Mapping):
        read_compose(b, root)
        return "compose", b
    if any(is_kubernetes(node) for node in document.roots):
        many = len(document.roots) > 1
        for index, node in enumerate(document.roots):
            if is_kubernetes(node):
                assert isinstance(node, Mapping)
                read_kubernetes(b, node, (index,) if many else ())
        return "kubernetes", b
    if hint == "kubernetes" and isinstance(root, Mapping) and has_helm_env(root):
        read_helm_values(b, root)
        return "kubernetes", b
    if hint is not None and hint not in _NOT_CLIENT_KINDS:
        found = read_client(b, root, hint)
        if not found and hint in _BARE_MAP_KINDS:
            found = read_bare_server_map(b, root)
        if found or (isinstance(root, Mapping) and not _is_general_settings(relpath)):
            return hint, b
        b = Builder(document)
    kind = content_kind(root, document.format)
    if kind is not None:
        read_client(b, root, kind)
        return kind, b
    for manifest, (_, reader) in _MANIFESTS.items():
        if _strict_manifest(manifest, root):
            assert isinstance(root, Mapping)
            reader(b, root)
            return manifest, b
    if is_compose(root):
        assert isinstance(root, Mapping)
        read_compose(b, root)
        return "compose", b
    return None


def recognise(path: FilePath, relpath: str, doc: Document, hint: str | None = None) -> McpConfig | None:
    """The :class:`McpConfig` of ``doc``, or None when it holds no MCP servers and is no known kind.

    ``hint`` is :func:`kind_from_path` of ``relpath`` (computed when not given). Slot paths start
    at the document root; in a multi-document Kubernetes file they start with the document index.
    """
    if not doc.roots:
        return None
    if hint is None:
        hint = kind_from_path(relpath)
    hint, unsure = shared_name_kind(path, relpath, doc.root, hint)
    if unsure or hint == ClientKind.UNKNOWN_PLUGIN:
        b = Builder(doc)
        read_bare_server_map(b, doc.root)
        decided: tuple[str, Builder] | None = (ClientKind.UNKNOWN_PLUGIN, b)
    else:
        decided = _decide(doc, relpath, hint)
    if decided is None:
        return None
    kind, b = decided
    many = kind == "kubernetes" and len(doc.roots) > 1
    bases: list[tuple[Path, Node]] = [((index,) if many or index else (), node) for index, node in enumerate(doc.roots)]
    slots = b.finish(bases)
    client = CLIENTS[kind]
    return McpConfig(path=path, relpath=relpath, document=doc, client=client, servers=b.servers, slots=slots,
                     inputs=b.inputs)


def recognise_recovered(path: FilePath, relpath: str, doc: Document, hint: str | None = None) -> McpConfig | None:
    """A degraded config for a file that did not parse: each recovered pair is one slot.

    ``doc`` comes from :func:`mcplint.parse.recover.recover_pairs` (a flat root mapping). Nothing
    is known of servers, so every value is checked under its own key name only.
    """
    root = doc.root
    loose = doc.roots[1] if len(doc.roots) > 1 and isinstance(doc.roots[1], Sequence) else None
    if not isinstance(root, Mapping) or not (root.entries or (loose is not None and loose.items)):
        return None
    from mcplint.model import FIELD_OTHER, Slot

    client = CLIENTS.get(hint or kind_from_path(relpath) or "generic", CLIENTS["generic"])
    slots = [
        Slot(value, FIELD_OTHER, key=key.text, path=(key.text,))
        for key, value in root.entries
        if isinstance(value, Scalar)
    ]
    # Other string tokens: no name to judge them by, so only provider patterns apply.
    slots += [
        Slot(item, FIELD_OTHER, key=None, path=(f"line {item.span.line} column {item.span.col}",))
        for item in (loose.items if loose is not None else [])
        if isinstance(item, Scalar)
    ]
    return McpConfig(path=path, relpath=relpath, document=doc, client=client, slots=slots)
