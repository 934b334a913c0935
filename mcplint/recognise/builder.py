"""Shared machinery for recognisers: collect slots and servers, read common server fields.

A :class:`Builder` hands out each string :class:`Scalar` at most once. Recognisers claim the
scalars they understand (env values, headers, args, …); :meth:`Builder.finish` turns every string
nobody claimed into a ``FIELD_OTHER`` slot, so every string of a recognised file is one slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcplint.model import (
    FIELD_ARG,
    FIELD_COMMAND,
    FIELD_COMMENT,
    FIELD_ENV,
    FIELD_HEADER,
    FIELD_MAP_KEY,
    FIELD_OTHER,
    FIELD_URL,
    DeclaredInput,
    Server,
    Slot,
)
from mcplint.parse.document import Document, Key, Mapping, Node, Scalar, Sequence, walk

Path = tuple[str | int, ...]

ENV_KEYS = ("env", "envs", "environment")
HEADER_KEYS = ("headers", "http_headers")
URL_KEYS = ("url", "serverUrl", "httpUrl", "uri")
COMMAND_KEYS = ("command", "cmd")
# Fields whose values are variable *names*, not values (Codex, Goose, Gemini extensions).
NAME_FIELDS = ("env_vars", "bearer_token_env_var", "env_http_headers", "env_keys", "envVar", "api_key_env")
SERVER_HINT_KEYS = frozenset(COMMAND_KEYS + URL_KEYS + ("args", "type", "transport", "env", "envs", "headers"))

FLAG = re.compile(r"-{1,2}[A-Za-z][A-Za-z0-9_.-]*")
ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=", re.S)
HEADER_LINE = re.compile(r"([A-Za-z0-9_-]+):[ \t]*", re.S)
HEADER_FLAGS = frozenset({"--header", "-H", "--headers"})

MIN_TOKEN_KEY = 16  # no provider token is shorter; shorter keys are names, not tokens
_HTTP_TYPES = frozenset({"http", "streamable-http", "streamablehttp", "streamable_http", "streamable", "remote"})


def is_text(node: Node | None) -> bool:
    """True for a Scalar holding a string."""
    return isinstance(node, Scalar) and isinstance(node.value, str)


def text_of(node: Node | None) -> str | None:
    """The string of a string Scalar, else None."""
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return node.value
    return None


def derive(scalar: Scalar, index: int) -> Scalar:
    """A Scalar for ``scalar.value[index:]``: same token span, content start moved to the part."""
    assert isinstance(scalar.value, str)
    start = scalar.content_start
    if scalar.verbatim and start >= 0:
        start += index
    return Scalar(scalar.value[index:], scalar.span, start, scalar.verbatim, scalar.style)


def looks_like_server_map(node: Node | None) -> bool:
    """A mapping with at least one entry that has a server field (command, url, args, …)."""
    if not isinstance(node, Mapping):
        return False
    return any(
        isinstance(entry, Mapping) and any(k.text in SERVER_HINT_KEYS for k, _ in entry.items())
        for _, entry in node.items()
    )


def normalise_transport(declared: str | None, server: Server, url_key: str | None) -> str:
    """``stdio``, ``http`` or ``sse`` from a declared type and the fields present."""
    kind = (declared or "").strip().lower()
    if kind in ("stdio", "local"):
        return "stdio"
    if kind == "sse":
        return "sse"
    if kind in _HTTP_TYPES:
        return "http"
    if server.url is not None and server.command is None:
        url = text_of(server.url) or ""
        if url_key == "url" and re.search(r"/sse/?($|\?)", url):
            return "sse"
        return "http"
    return "stdio"


class Builder:
    """Collects the slots and servers of one document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.slots: list[Slot] = []
        self.servers: list[Server] = []
        self.inputs: list[DeclaredInput] = []
        self._claimed: set[int] = set()
        self._server_paths: dict[Path, str] = {}

    # -- slots -----------------------------------------------------------------------------
    def add(
        self,
        scalar: Scalar,
        field: str,
        key: str | None = None,
        server: str | None = None,
        path: Path = (),
        origin: Scalar | None = None,
    ) -> None:
        """Record ``scalar`` as a slot unless its source scalar already has one."""
        source = origin if origin is not None else scalar
        if id(source) in self._claimed or not isinstance(scalar.value, str):
            return
        self._claimed.add(id(source))
        self.slots.append(Slot(value=scalar, field=field, key=key, server=server, path=path))

    def skip(self, node: Node | None) -> None:
        """Claim every scalar under ``node`` without making slots (variable-name fields)."""
        for _, child in walk(node):
            if isinstance(child, Scalar):
                self._claimed.add(id(child))

    def claimed(self, scalar: Scalar) -> bool:
        return id(scalar) in self._claimed

    # -- servers ---------------------------------------------------------------------------
    def open_server(self, name: str, name_key: Key | None, path: Path) -> Server:
        """Start a server whose entry sits at ``path``; strings under it get its name."""
        server = Server(name=name, name_key=name_key)
        self.servers.append(server)
        self._server_paths.setdefault(path, name)
        return server

    def server_at(self, path: Path) -> str | None:
        """Name of the innermost server whose entry contains ``path``."""
        for end in range(len(path), -1, -1):
            name = self._server_paths.get(path[:end])
            if name is not None:
                return name
        return None

    def finish(self, roots: list[tuple[Path, Node]]) -> list[Slot]:
        """Give every unclaimed string a ``FIELD_OTHER`` slot; slots in document order."""
        for base, root in roots:
            for path, node in walk(root, base):
                if isinstance(node, Scalar) and isinstance(node.value, str) and not self.claimed(node):
                    key = next((p for p in reversed(path) if isinstance(p, str)), None)
                    self.add(node, FIELD_OTHER, key=key, server=self.server_at(path), path=path)
        self.slots.extend(self._key_and_comment_slots())
        self.slots.sort(key=lambda slot: (slot.value.span.start, slot.value.source_offset(0)))
        return self.slots

    def _key_and_comment_slots(self) -> list[Slot]:
        """Slots for token-length mapping keys and for every comment, so nothing is left unscanned.

        A token pasted as a key (``{"ghp_…": true}``) or left in a commented-out line is committed
        all the same. Neither names a secret itself, so they carry no key: only provider patterns
        (and, in comments, the names written inside the comment) decide.
        """
        slots: list[Slot] = []
        text = self.document.text
        for index, root in enumerate(self.document.roots):
            for path, node in walk(root, (index,) if len(self.document.roots) > 1 else ()):
                if not isinstance(node, Mapping):
                    continue
                for position, (key, _) in enumerate(node.entries):
                    if len(key.text) < MIN_TOKEN_KEY:
                        continue
                    start = key.span.start + (1 if text[key.span.start : key.span.start + 1] in "\"'" else 0)
                    verbatim = text[start : start + len(key.text)] == key.text
                    scalar = Scalar(key.text, key.span, start, verbatim)
                    anchor = path + (f"key#{position}",)  # never the key text: it may be the secret
                    slots.append(Slot(scalar, FIELD_MAP_KEY, None, self.server_at(path), anchor))
        for position, comment in enumerate(self.document.comments):
            if not comment.text.strip():
                continue
            start = text.find(comment.text, comment.span.start)
            scalar = Scalar(comment.text, comment.span, start, start >= 0)
            slots.append(Slot(scalar, FIELD_COMMENT, None, None, (f"comment#{position}",)))
        return slots

    # -- common field readers ----------------------------------------------------------------
    def read_env(self, server: Server | None, node: Node | None, path: Path) -> None:
        """An env block: a mapping, a ``KEY=value`` list, or a ``[{name, value}]`` list."""
        owner = server.name if server else None
        if isinstance(node, Mapping):
            for key, value in node.items():
                if isinstance(value, Scalar):
                    if server is not None:
                        server.env.append((key, value))
                    self.add(value, FIELD_ENV, key=key.text, server=owner, path=path + (key.text,))
        elif isinstance(node, Sequence):
            for index, item in enumerate(node.items):
                here = path + (index,)
                if is_text(item):
                    assert isinstance(item, Scalar) and isinstance(item.value, str)
                    match = ASSIGNMENT.match(item.value)
                    if match:
                        value = derive(item, match.end())
                        if server is not None:
                            server.env.append((Key(match.group(1), item.span), value))
                        self.add(value, FIELD_ENV, match.group(1), owner, here, origin=item)
                elif isinstance(item, Mapping):
                    self.read_named_value(server, item, here, FIELD_ENV)

    def read_named_value(self, server: Server | None, item: Mapping, path: Path, field: str) -> None:
        """A ``{name: X, value: v}`` entry (Kubernetes env, registry inputs): v keyed by X."""
        name_node = item.get("name")
        name = text_of(name_node)
        if name is None:
            return
        self.skip(name_node)
        value = item.get("value")
        if isinstance(value, Scalar):
            if server is not None:
                target = server.env if field == FIELD_ENV else server.headers
                target.append((Key(name, name_node.span), value))  # type: ignore[union-attr]
            self.add(value, field, key=name, server=server.name if server else None, path=path + ("value",))
        self.skip(item.get("valueFrom"))

    def read_headers(self, server: Server | None, node: Node | None, path: Path) -> None:
        """A header map (name → value)."""
        if not isinstance(node, Mapping):
            return
        for key, value in node.items():
            if isinstance(value, Scalar):
                if server is not None:
                    server.headers.append((key, value))
                self.add(
                    value, FIELD_HEADER, key=key.text, server=server.name if server else None, path=path + (key.text,)
                )

    def read_args(self, server: Server | None, node: Node | None, path: Path, start: int = 0) -> None:
        """Command-line arguments: keyed by the preceding flag, ``--flag=``, ``KEY=`` or header."""
        if not isinstance(node, Sequence):
            return
        owner = server.name if server else None
        previous_flag: str | None = None
        for index in range(start, len(node.items)):
            item = node.items[index]
            here = path + (index,)
            if not is_text(item):
                previous_flag = None
                continue
            assert isinstance(item, Scalar) and isinstance(item.value, str)
            if server is not None:
                server.args.append(item)
            self._read_arg(item, previous_flag, owner, here)
            previous_flag = item.value if FLAG.fullmatch(item.value) else None

    def _read_arg(self, item: Scalar, previous_flag: str | None, owner: str | None, path: Path) -> None:
        text = item.value
        assert isinstance(text, str)
        if previous_flag in HEADER_FLAGS and (header := HEADER_LINE.match(text)):
            self.add(derive(item, header.end()), FIELD_HEADER, header.group(1), owner, path, item)
            return
        flag, equals, _ = text.partition("=")
        if equals and FLAG.fullmatch(flag):
            offset = len(flag) + 1
            header = HEADER_LINE.match(text, offset) if flag in HEADER_FLAGS else None
            if header:
                self.add(derive(item, header.end()), FIELD_HEADER, header.group(1), owner, path, item)
            else:
                self.add(derive(item, offset), FIELD_ARG, flag, owner, path, item)
            return
        assignment = ASSIGNMENT.match(text)
        if assignment:
            self.add(derive(item, assignment.end()), FIELD_ARG, assignment.group(1), owner, path, item)
        elif previous_flag is not None:
            self.add(item, FIELD_ARG, previous_flag, owner, path)
        else:
            self.add(item, FIELD_ARG, None, owner, path)

    def read_command(self, server: Server, node: Node | None, path: Path) -> None:
        """``command`` as a string, an array (program + args) or Zed's ``{path, args, env}``."""
        if is_text(node):
            assert isinstance(node, Scalar)
            if server.command is None:
                server.command = node
            key = path[-1] if path and isinstance(path[-1], str) else None
            self.add(node, FIELD_COMMAND, key=key, server=server.name, path=path)
        elif isinstance(node, Sequence) and node.items:
            first = node.items[0]
            if is_text(first):
                assert isinstance(first, Scalar)
                if server.command is None:
                    server.command = first
                self.add(first, FIELD_COMMAND, key="command", server=server.name, path=path + (0,))
            self.read_args(server, node, path, start=1)
        elif isinstance(node, Mapping):
            self.read_command(server, node.get("path"), path + ("path",))
            self.read_args(server, node.get("args"), path + ("args",))
            self.read_env(server, node.get("env"), path + ("env",))

    def read_server(self, name: str, name_key: Key | None, entry: Node, path: Path) -> Server | None:
        """One server entry in the client JSON/YAML/TOML family (flat or nested ``transport``)."""
        if not isinstance(entry, Mapping):
            return None
        server = self.open_server(name, name_key, path)
        self.read_server_fields(server, entry, path)
        return server

    def read_server_fields(self, server: Server, entry: Mapping, path: Path) -> None:
        """Read the known fields of ``entry`` into ``server`` (unknown ones are left for finish)."""
        declared: str | None = None
        url_key: str | None = None
        sources: list[tuple[Mapping, Path]] = [(entry, path)]
        nested = entry.get("transport")
        if isinstance(nested, Mapping):
            sources.append((nested, path + ("transport",)))
        for mapping, base in sources:
            for key, value in mapping.items():
                name = key.text
                here = base + (name,)
                if name in COMMAND_KEYS:
                    self.read_command(server, value, here)
                elif name == "args":
                    self.read_args(server, value, here)
                elif name in ENV_KEYS:
                    self.read_env(server, value, here)
                elif name in HEADER_KEYS:
                    self.read_headers(server, value, here)
                elif name == "requestOptions" and isinstance(value, Mapping):
                    self.read_headers(server, value.get("headers"), here + ("headers",))
                elif name in URL_KEYS and is_text(value):
                    assert isinstance(value, Scalar)
                    if server.url is None:
                        server.url, url_key = value, name
                    self.add(value, FIELD_URL, key=name, server=server.name, path=here)
                elif name in ("type", "transportType", "transport_type", "transport") and is_text(value):
                    declared = text_of(value)
                elif name in NAME_FIELDS:
                    self.skip(value)
        server.transport = normalise_transport(declared, server, url_key)


def items_of(node: Node | None) -> Iterator[tuple[int, Node]]:
    """Enumerate a Sequence's items (nothing for anything else)."""
    if isinstance(node, Sequence):
        yield from enumerate(node.items)
