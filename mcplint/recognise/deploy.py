"""Deployment files: Docker Compose, Kubernetes manifests (multi-document) and Helm values."""

from __future__ import annotations

import base64
import binascii

from mcplint.model import FIELD_ENV, FIELD_HEADER, FIELD_URL
from mcplint.parse.document import Document, Mapping, Node, Scalar, Sequence, walk
from mcplint.recognise.builder import Builder, Path, is_text, text_of

_COMPOSE_SERVICE_KEYS = frozenset(
    {
        "image",
        "build",
        "environment",
        "command",
        "entrypoint",
        "ports",
        "volumes",
        "env_file",
        "depends_on",
        "networks",
        "restart",
        "container_name",
    }
)
_CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")


# -- Docker Compose ---------------------------------------------------------------------------------


def is_compose(root: Node | None) -> bool:
    """A ``services`` map whose entries look like Compose services."""
    if not isinstance(root, Mapping):
        return False
    services = root.get("services")
    if not isinstance(services, Mapping):
        return False
    return any(
        isinstance(service, Mapping) and any(k.text in _COMPOSE_SERVICE_KEYS for k, _ in service.items())
        for _, service in services.items()
    )


def read_compose(b: Builder, root: Mapping) -> None:
    """Each service is a server: ``environment`` (map or ``KEY=value`` list), command, entrypoint."""
    services = root.get("services")
    if not isinstance(services, Mapping):
        return
    for key, service in services.items():
        if not isinstance(service, Mapping):
            continue
        here: Path = ("services", key.text)
        server = b.open_server(key.text, key, here)
        b.read_env(server, service.get("environment"), here + ("environment",))
        for name in ("entrypoint", "command"):
            node = service.get(name)
            if is_text(node) or (isinstance(node, Sequence) and server.command is None):
                b.read_command(server, node, here + (name,))
            else:
                b.read_args(server, node, here + (name,))
        healthcheck = service.get("healthcheck")
        if isinstance(healthcheck, Mapping):
            b.read_args(None, healthcheck.get("test"), here + ("healthcheck", "test"))


# -- Kubernetes ----------------------------------------------------------------------------------


def is_kubernetes(root: Node | None) -> bool:
    """A document with string ``apiVersion`` and ``kind``."""
    return isinstance(root, Mapping) and is_text(root.get("apiVersion")) and is_text(root.get("kind"))


def decode_base64(scalar: Scalar) -> Scalar | None:
    """A derived Scalar holding the decoded text of a Secret ``data`` value (None if not text)."""
    if not isinstance(scalar.value, str):
        return None
    try:
        raw = base64.b64decode("".join(scalar.value.split()), validate=True)
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    return Scalar(text, scalar.span, scalar.content_start, False, scalar.style)


def block_view(document: Document, scalar: Scalar) -> Scalar:
    """A block scalar (``|``/``>``) as its source text, so offsets map to the line a token is on.

    The parser's value of a multi-line block is not verbatim (indentation removed, ``>`` folded),
    so a finding inside it would point at the block's first line. The source text keeps every
    token intact (a token never spans lines) and embedded JSON still parses. Other scalars are
    returned unchanged.
    """
    if scalar.style not in ("|", ">") or scalar.verbatim or scalar.content_start < 0:
        return scalar
    raw = document.text[scalar.content_start : scalar.span.end]
    if not raw.strip():
        return scalar
    return Scalar(raw, scalar.span, scalar.content_start, True, scalar.style)


def _read_containers(b: Builder, containers: Sequence, path: Path) -> None:
    for index, container in enumerate(containers.items):
        if not isinstance(container, Mapping):
            continue
        here = path + (index,)
        server = b.open_server(text_of(container.get("name")) or f"{path[-1]}[{index}]", None, here)
        env = container.get("env")
        for position, item in enumerate(env.items if isinstance(env, Sequence) else []):
            if isinstance(item, Mapping):
                b.read_named_value(server, item, here + ("env", position), FIELD_ENV)
        command = container.get("command")
        if isinstance(command, Sequence):
            b.read_command(server, command, here + ("command",))
        b.read_args(server, container.get("args"), here + ("args",))


def _metadata_name(root: Mapping, fallback: str) -> str:
    metadata = root.get("metadata")
    return (text_of(metadata.get("name")) if isinstance(metadata, Mapping) else None) or fallback


def read_mcp_resource(b: Builder, root: Mapping, base: Path) -> bool:
    """MCP-specific resources read like a Deployment's container; True when ``root`` is one.

    ToolHive ``MCPServer`` (``toolhive.stacklok.dev``): ``spec.env[]`` name/value pairs and
    ``spec.args``; ``spec.secrets[]`` only names a Secret (``name``/``key``/``targetEnvName``).
    kagent ``RemoteMCPServer`` (``kagent.dev``): ``spec.url`` and ``spec.headersFrom[]`` name/value
    pairs, whose ``valueFrom`` references a Secret.
    """
    api, kind, spec = text_of(root.get("apiVersion")) or "", text_of(root.get("kind")), root.get("spec")
    if not isinstance(spec, Mapping):
        return False
    here = base + ("spec",)
    if kind == "MCPServer" and api.startswith("toolhive.stacklok.dev/"):
        server = b.open_server(_metadata_name(root, "MCPServer"), None, here)
        env = spec.get("env")
        for index, item in enumerate(env.items if isinstance(env, Sequence) else []):
            if isinstance(item, Mapping):
                b.read_named_value(server, item, here + ("env", index), FIELD_ENV)
        b.read_args(server, spec.get("args"), here + ("args",))
        secrets = spec.get("secrets")
        for item in secrets.items if isinstance(secrets, Sequence) else []:
            if isinstance(item, Mapping):
                for name in ("name", "key", "targetEnvName"):
                    b.skip(item.get(name))
        return True
    if kind == "RemoteMCPServer" and api.startswith("kagent.dev/"):
        server = b.open_server(_metadata_name(root, "RemoteMCPServer"), None, here)
        url = spec.get("url")
        if isinstance(url, Scalar) and isinstance(url.value, str):
            server.url = url
            server.transport = "http"
            b.add(url, FIELD_URL, key="url", server=server.name, path=here + ("url",))
        headers = spec.get("headersFrom")
        for index, item in enumerate(headers.items if isinstance(headers, Sequence) else []):
            if isinstance(item, Mapping):
                b.read_named_value(server, item, here + ("headersFrom", index), FIELD_HEADER)
        return True
    return False


def read_kubernetes(b: Builder, root: Mapping, base: Path) -> None:
    """Containers' ``env[].value``, args and command; ``Secret``/``ConfigMap`` data; MCP resources."""
    kind = text_of(root.get("kind"))
    read_mcp_resource(b, root, base)
    if kind == "SealedSecret":  # encrypted for one cluster's controller: not a usable secret
        spec = root.get("spec")
        if isinstance(spec, Mapping):
            b.skip(spec.get("encryptedData"))
        b.skip(root.get("encryptedData"))
    if kind in ("Secret", "ConfigMap"):
        for section in ("stringData", "data"):
            node = root.get(section)
            if not isinstance(node, Mapping):
                continue
            for key, value in node.items():
                if not isinstance(value, Scalar):
                    continue
                path = base + (section, key.text)
                decoded = decode_base64(value) if kind == "Secret" and section == "data" else None
                if decoded is not None:
                    b.add(decoded, FIELD_ENV, key.text, None, path, origin=value)
                else:
                    b.add(block_view(b.document, value), FIELD_ENV, key.text, None, path, origin=value)
    for path, node in walk(root, base):
        if path and path[-1] in _CONTAINER_LISTS and isinstance(node, Sequence):
            _read_containers(b, node, path)


# -- Helm values -----------------------------------------------------------------------------------


def has_helm_env(root: Node | None) -> bool:
    """Helm ``values.yaml`` content: an ``env``/``image`` key anywhere."""
    return any(path and path[-1] in ("env", "image", "extraEnv") for path, _ in walk(root))


def read_helm_values(b: Builder, root: Node) -> None:
    """Every ``env``/``extraEnv`` block (a map or a ``[{name, value}]`` list) is an env block."""
    for path, node in walk(root):
        if path and path[-1] in ("env", "extraEnv", "envVars") and isinstance(node, (Mapping, Sequence)):
            b.read_env(None, node, path)
