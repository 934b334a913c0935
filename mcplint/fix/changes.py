"""What ``mcplint fix`` plans: moved secrets, secrets left in place, file changes, the whole plan."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

RULE = "MCP001"
MASK = "****"
ENV_FILE = ".env"
NEW_ENV_MODE = 0o600
NEW_TEXT_MODE = 0o644
EXAMPLE_NAMES = (".env.example", ".env.sample", ".env.template", ".env.dist")


class FixError(Exception):
    """A write failed part-way, or a file cannot be used; the message never holds a secret."""


@dataclass(slots=True)
class Moved:
    """One secret moved (or to be moved) from a config into an env file."""

    path: str
    line: int
    col: int
    where: str
    name: str
    reference: str
    env_file: str
    reused: bool = False  # the env file already held this variable with this value


@dataclass(slots=True)
class NotFixable:
    """A secret left in place, with why and what to do instead."""

    path: str
    line: int
    col: int
    where: str
    reason: str
    alternative: str


@dataclass(slots=True)
class FileChange:
    """The new content of one file. ``old`` is None for a file that does not exist yet."""

    path: Path
    display: str
    role: str  # "gitignore", "env", "config" or "example"
    old: str | None
    new: str
    masked_old: str
    masked_new: str
    original: bytes | None  # the bytes read while planning (to refuse writing over a changed file)
    bom: bytes = b""
    codec: str = "utf-8"
    new_mode: int = NEW_TEXT_MODE

    def encoded(self) -> bytes:
        return self.bom + self.new.encode(self.codec, "surrogatepass")


@dataclass(slots=True)
class Plan:
    """Everything ``fix`` would do. ``errors`` (name clashes, a tracked .env) block the whole plan."""

    root: Path
    changes: list[FileChange] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    not_fixable: list[NotFixable] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set, repr=False)  # only to mask output
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _pattern_of: frozenset[str] = field(default_factory=frozenset, repr=False)

    def mask(self, text: str) -> str:
        """``text`` with every known secret (any case) replaced by the mask: a last line of defence.

        One alternation, longest first, matched in one pass: the cost stays linear in the text
        however many secrets there are.
        """
        secrets = frozenset(s for s in self.secrets if s)
        if not secrets:
            return text
        if self._pattern is None or self._pattern_of != secrets:
            ordered = sorted(secrets, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(s) for s in ordered), re.IGNORECASE)
            self._pattern_of = secrets
        return self._pattern.sub(MASK, text)
