"""Server manifests: registry ``server.json``, MCPB ``manifest.json``, ``smithery.yaml``, Docker catalog."""

from __future__ import annotations

from mcplint.model import FIELD_ARG, FIELD_ENV, FIELD_HEADER, FIELD_INPUT, FIELD_OTHER, FIELD_URL, Server
from mcplint.parse.document import Key, Mapping, Node, Scalar, Sequence, walk
from mcplint.recognise.builder import Builder, Path, is_text, normalise_transport, text_of
from mcplint.recognise.deploy import block_view


def _pick(mapping: Mapping, *names: str) -> tuple[str, Node] | tuple[None, None]:
    """The first of ``names`` present in ``mapping`` (camelCase or the 2025-07-09 snake_case)."""
    for name in names:
        node = mapping.get(name)
        if node is not None:
            return name, node
    return None, None


# -- MCP registry server.json -------------------------------------------------------------------


def is_registry_server(root: Node | None) -> bool:
    """``packages``/``remotes`` lists or a registry ``$schema``."""
    if not isinstance(root, Mapping):
        return False
    schema = text_of(root.get("$schema")) or ""
    if "modelcontextprotocol.io" in schema and "server" in schema:
        return True
    return isinstance(root.get("packages"), Sequence) or isinstance(root.get("remotes"), Sequence)


def _read_variables(b: Builder, owner: str | None, node: Node | None, path: Path) -> None:
    """``variables: {name: Input}``: a ``value``/``default`` is an input keyed by the name."""
    if isinstance(node, Mapping):
        for key, spec in node.items():
            if isinstance(spec, Mapping):
                for field_name in ("value", "default"):
                    value = spec.get(field_name)
                    if isinstance(value, Scalar):
                        b.add(value, FIELD_INPUT, key.text, owner, path + (key.text, field_name))


def _read_key_value_inputs(b: Builder, server: Server, node: Node | None, path: Path, field: str) -> None:
    """``environmentVariables[]`` / ``headers[]``: fixed ``value`` → ``field``, ``default`` → input."""
    if not isinstance(node, Sequence):
        return
    for index, item in enumerate(node.items):
        if not isinstance(item, Mapping):
            continue
        here = path + (index,)
        name_node = item.get("name")
        name = text_of(name_node)
        b.skip(name_node)
        value = item.get("value")
        if isinstance(value, Scalar) and name is not None:
            assert isinstance(name_node, Scalar)
            target = server.env if field == FIELD_ENV else server.headers
            target.append((Key(name, name_node.span), value))
        if isinstance(value, Scalar):
            b.add(value, field, name, server.name, here + ("value",))
        default = item.get("default")
        if isinstance(default, Scalar):
            b.add(default, FIELD_INPUT, name, server.name, here + ("default",))
        _read_variables(b, server.name, item.get("variables"), here + ("variables",))


def _read_arguments(b: Builder, server: Server, node: Node | None, path: Path) -> None:
    """``packageArguments[]`` / ``runtimeArguments[]``: named flags key their value."""
    if not isinstance(node, Sequence):
        return
    for index, item in enumerate(node.items):
        if not isinstance(item, Mapping):
            continue
        here = path + (index,)
        key = text_of(item.get("name")) if text_of(item.get("type")) == "named" else None
        key = key or text_of(item.get("valueHint")) or text_of(item.get("value_hint"))
        for field_name in ("value", "default"):
            value = item.get(field_name)
            if isinstance(value, Scalar):
                if field_name == "value":
                    server.args.append(value)
                b.add(value, FIELD_ARG, key, server.name, here + (field_name,))
        _read_variables(b, server.name, item.get("variables"), here + ("variables",))


def _read_remote(b: Builder, server: Server, remote: Mapping, path: Path) -> None:
    """A transport or remote: ``url``, ``headers[]`` and ``variables``."""
    url = remote.get("url")
    if isinstance(url, Scalar) and is_text(url):
        server.url = server.url or url
        b.add(url, FIELD_URL, "url", server.name, path + ("url",))
    _read_key_value_inputs(b, server, remote.get("headers"), path + ("headers",), FIELD_HEADER)
    _read_variables(b, server.name, remote.get("variables"), path + ("variables",))
    _, declared = _pick(remote, "type", "transport_type")
    server.transport = normalise_transport(text_of(declared), server, "url")


def read_registry_server(b: Builder, root: Mapping) -> None:
    """Packages become servers named by ``identifier``; remotes by ``remotes[i]``."""
    title = text_of(root.get("name"))
    packages = root.get("packages")
    for index, package in enumerate(packages.items if isinstance(packages, Sequence) else []):
        if not isinstance(package, Mapping):
            continue
        here: Path = ("packages", index)
        _, identifier = _pick(package, "identifier", "name")
        server = b.open_server(text_of(identifier) or f"packages[{index}]", None, here)
        _, runtime = _pick(package, "runtimeHint", "runtime_hint")
        if isinstance(runtime, Scalar) and is_text(runtime):
            server.command = runtime
        for names in (("runtimeArguments", "runtime_arguments"), ("packageArguments", "package_arguments")):
            name, arguments = _pick(package, *names)
            if name:
                _read_arguments(b, server, arguments, here + (name,))
        name, variables = _pick(package, "environmentVariables", "environment_variables")
        if name:
            _read_key_value_inputs(b, server, variables, here + (name,), FIELD_ENV)
        transport = package.get("transport")
        if isinstance(transport, Mapping):
            _read_remote(b, server, transport, here + ("transport",))
        elif is_text(transport):
            server.transport = normalise_transport(text_of(transport), server, "url")
    remotes = root.get("remotes")
    remote_list = remotes.items if isinstance(remotes, Sequence) else []
    for index, remote in enumerate(remote_list):
        if isinstance(remote, Mapping):
            here = ("remotes", index)
            name = title or "remote"
            server = b.open_server(name if len(remote_list) == 1 else f"{name}[{index}]", None, here)
            _read_remote(b, server, remote, here)


# -- MCPB / DXT manifest.json -----------------------------------------------------------------------


def is_mcpb(root: Node | None) -> bool:
    """``manifest_version``/``dxt_version`` or a ``server.mcp_config`` block."""
    if not isinstance(root, Mapping):
        return False
    server = root.get("server")
    has_config = isinstance(server, Mapping) and isinstance(server.get("mcp_config"), Mapping)
    versioned = root.get("manifest_version") is not None or root.get("dxt_version") is not None
    return has_config or (versioned and isinstance(server, Mapping))


def read_mcpb(b: Builder, root: Mapping) -> None:
    """``server.mcp_config`` (+ ``platform_overrides``) and ``user_config.<key>.default``."""
    name = text_of(root.get("name")) or "server"
    server_node = root.get("server")
    config = server_node.get("mcp_config") if isinstance(server_node, Mapping) else None
    if isinstance(config, Mapping):
        here: Path = ("server", "mcp_config")
        server = b.open_server(name, None, ("server",))
        b.read_server_fields(server, config, here)
        overrides = config.get("platform_overrides")
        if isinstance(overrides, Mapping):
            for key, override in overrides.items():
                if isinstance(override, Mapping):
                    b.read_server_fields(server, override, here + ("platform_overrides", key.text))
        server.transport = "stdio"
    user_config = root.get("user_config")
    if isinstance(user_config, Mapping):
        for key, spec in user_config.items():
            if isinstance(spec, Mapping):
                default = spec.get("default")
                for path, node in walk(default, ("user_config", key.text, "default")):
                    if isinstance(node, Scalar):
                        b.add(node, FIELD_INPUT, key.text, None, path)


# -- smithery.yaml -------------------------------------------------------------------------------


def is_smithery(root: Node | None) -> bool:
    return isinstance(root, Mapping) and (
        isinstance(root.get("startCommand"), Mapping) or text_of(root.get("runtime")) is not None
    )


def read_smithery(b: Builder, root: Mapping) -> None:
    """``configSchema.properties.<p>.default`` and ``exampleConfig.<p>`` → input ``p``; ``env``."""
    start = root.get("startCommand")
    if isinstance(start, Mapping):
        schema = start.get("configSchema")
        properties = schema.get("properties") if isinstance(schema, Mapping) else None
        if isinstance(properties, Mapping):
            for key, spec in properties.items():
                if isinstance(spec, Mapping):
                    base = ("startCommand", "configSchema", "properties", key.text, "default")
                    for path, node in walk(spec.get("default"), base):
                        if isinstance(node, Scalar):
                            b.add(node, FIELD_INPUT, key.text, None, path)
        example = start.get("exampleConfig")
        if isinstance(example, Mapping):
            for key, value in example.items():
                for path, node in walk(value, ("startCommand", "exampleConfig", key.text)):
                    if isinstance(node, Scalar):
                        b.add(node, FIELD_INPUT, key.text, None, path)
        function = start.get("commandFunction")
        if isinstance(function, Scalar):  # JavaScript source: literals pasted into env/args
            view = block_view(b.document, function)
            b.add(view, FIELD_OTHER, "commandFunction", None, ("startCommand", "commandFunction"), origin=function)
    b.read_env(None, root.get("env"), ("env",))


# -- Docker MCP catalog server.yaml -----------------------------------------------------------------


def is_docker_catalog_file(root: Node | None) -> bool:
    """A Docker MCP catalog file: a ``registry:`` map of catalog entries."""
    if not isinstance(root, Mapping):
        return False
    registry = root.get("registry")
    return isinstance(registry, Mapping) and any(
        isinstance(entry, Mapping) and (entry.get("image") is not None or entry.get("remote") is not None)
        for _, entry in registry.items()
    )


def read_docker_catalog_file(b: Builder, root: Mapping) -> None:
    """Each ``registry`` entry is one catalog entry, named by its key."""
    registry = root.get("registry")
    if isinstance(registry, Mapping):
        for key, entry in registry.items():
            if isinstance(entry, Mapping):
                read_docker_catalog(b, entry, ("registry", key.text), key)


def is_docker_catalog(root: Node | None) -> bool:
    """``image`` plus ``config``/``run``/``remote``/``about`` (docker/mcp-registry)."""
    if not isinstance(root, Mapping):
        return False
    keys = {k.text for k, _ in root.items()}
    return "name" in keys and ("image" in keys or "remote" in keys) and bool(keys & {"config", "run", "about", "meta"})


def read_docker_catalog(b: Builder, root: Mapping, base: Path = (), name: Key | None = None) -> None:
    """``config.secrets[]``/``config.env[]`` examples, ``run.env``/``command``, ``remote``.

    ``base`` and ``name`` place one entry of a catalog file's ``registry:`` map (the key names it).
    """
    title = name.text if name is not None else (text_of(root.get("name")) or "server")
    server = b.open_server(title, name, base)
    config = root.get("config")
    if isinstance(config, Mapping):
        for list_name in ("secrets", "env"):
            entries = config.get(list_name)
            for index, item in enumerate(entries.items if isinstance(entries, Sequence) else []):
                if not isinstance(item, Mapping):
                    continue
                here: Path = base + ("config", list_name, index)
                if list_name == "secrets":  # values live in the secret store; name/env are names
                    key = text_of(item.get("env")) or text_of(item.get("name"))
                    b.skip(item.get("env"))
                    b.skip(item.get("name"))
                else:
                    key = text_of(item.get("name"))
                    b.read_named_value(server, item, here, FIELD_ENV)
                example = item.get("example")
                if isinstance(example, Scalar):
                    b.add(example, FIELD_INPUT, key, server.name, here + ("example",))
    run = root.get("run")
    if isinstance(run, Mapping):
        b.read_env(server, run.get("env"), base + ("run", "env"))
        b.read_args(server, run.get("command"), base + ("run", "command"))
    remote = root.get("remote")
    if isinstance(remote, Mapping):
        b.read_server_fields(server, remote, base + ("remote",))
    oauth = root.get("oauth")
    if isinstance(oauth, Sequence):
        for item in oauth.items:
            if isinstance(item, Mapping):
                b.skip(item.get("env"))
