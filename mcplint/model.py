"""The one MCP model every rule reads, whatever file shape a server came from.

A recogniser (``mcplint.recognise.recogniser``) turns a parsed :class:`~mcplint.parse.document.Document` into an
:class:`McpConfig`: the client or manifest kind, its servers, and a flat list of :class:`Slot`
objects, one per literal string value worth checking, each with the context a message needs
(which server, which field, under which name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mcplint.parse.document import Document, Key, Mapping, Scalar

# Where a value sits; also orders severity (issue: env < header < args < url).
FIELD_ENV = "env"
FIELD_HEADER = "header"
FIELD_ARG = "arg"
FIELD_URL = "url"
FIELD_COMMAND = "command"
FIELD_INPUT = "input"  # defaults / example values of declared inputs (manifests, VS Code inputs)
FIELD_OTHER = "other"  # any other string in the file
FIELD_MAP_KEY = "map key"  # a mapping key long enough to be a token (``{"ghp_…": …}``)
FIELD_COMMENT = "comment"  # the text of a comment (``// "API_KEY": "…"``, ``# TOKEN=…``)


@dataclass(frozen=True, slots=True)
class Client:
    """What a client or format is and how it references variables.

    ``reference`` is the template for a variable reference (``${VAR}``, ``${env:VAR}``, …) in the
    fields of ``expands``; ``None`` when the client expands nothing (Claude Desktop, Codex).
    """

    id: str
    name: str
    reference: str | None = None
    expands: frozenset[str] = frozenset()
    advice: str = ""


@dataclass(slots=True)
class Slot:
    """A literal string value in a config, with where it sits."""

    value: Scalar
    field: str
    key: str | None = None
    server: str | None = None
    path: tuple[str | int, ...] = ()

    @property
    def text(self) -> str:
        return self.value.value if isinstance(self.value.value, str) else str(self.value.value)

    def where(self) -> str:
        """Human description: ``env.GITHUB_TOKEN of server "github"``."""
        if self.field == FIELD_ENV and self.key:
            place = f"env.{self.key}"
        elif self.field == FIELD_HEADER and self.key:
            place = f"header {self.key}"
        elif self.field == FIELD_ARG:
            place = f"args ({self.key})" if self.key else "args"
        elif self.field == FIELD_URL:
            place = "url"
        elif self.field == FIELD_COMMENT:
            place = "a comment"
        elif self.field == FIELD_MAP_KEY:
            place = "a mapping key"
        elif self.field == FIELD_INPUT and self.key:
            place = f"input {self.key}"
        elif self.key:
            place = self.key
        else:
            place = ".".join(str(p) for p in self.path) or "value"
        if self.server:
            return f'{place} of server "{self.server}"'
        return place


@dataclass(slots=True)
class Server:
    """One MCP server entry, normalised."""

    name: str
    name_key: Key | None = None
    transport: str = "stdio"
    command: Scalar | None = None
    args: list[Scalar] = field(default_factory=list)
    env: list[tuple[Key, Scalar]] = field(default_factory=list)
    url: Scalar | None = None
    headers: list[tuple[Key, Scalar]] = field(default_factory=list)


@dataclass(slots=True)
class DeclaredInput:
    """A value a plugin or extension asks its user for (Claude Code plugin ``userConfig``, Gemini
    extension ``settings[]``): where it is declared, what it says and whether it is marked sensitive."""

    name: str
    source: str  # "userConfig", "settings"
    entry: Mapping
    name_key: Key | None = None
    sensitive: bool = False
    wording: str = ""  # title and description, for telling a credential from a setting


@dataclass(slots=True)
class McpConfig:
    """A recognised file: its kind, servers and every literal string worth checking."""

    path: Path
    relpath: str
    document: Document
    client: Client
    servers: list[Server] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    git_tracked: bool | None = None  # None outside a git repository
    git_ignored: bool | None = None  # a .gitignore rule matches the file
    inputs: list[DeclaredInput] = field(default_factory=list)  # declared user inputs (plugins, extensions)

    @property
    def kind(self) -> str:
        return self.client.id
