"""What ``mcplint fix`` plans: moved secrets, secrets left in place, file changes, the whole plan."""

from __future__ import annotations

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
    _index: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _index_size: int = field(default=-1, repr=False)

    def mask(self, text: str) -> str:
        """``text`` with every known secret (any case) replaced by the mask: a last line of defence.

        Secrets are indexed by their first four characters (lower-cased), so one pass over the
        text checks only the secrets that could start at each position: linear in the text
        however many secrets the plan knows (a minified config can hold thousands).
        """
        if not self.secrets:
            return text
        if self._index_size != len(self.secrets):  # the plan only ever adds secrets
            index: dict[str, list[str]] = {}
            for secret in sorted((s for s in self.secrets if s), key=len, reverse=True):
                index.setdefault(secret[:_KEY].lower(), []).append(secret.lower())
            self._index, self._index_size = index, len(self.secrets)
        lowered = text.lower()
        out, pos, i = [], 0, 0
        short = [key for key in self._index if len(key) < _KEY]
        while i < len(text):
            candidates = self._index.get(lowered[i : i + _KEY], [])
            if short:
                candidates = candidates + [s for k in short for s in self._index[k]]
            hit = next((s for s in candidates if lowered.startswith(s, i)), None)
            if hit is None:
                i += 1
                continue
            out.append(text[pos:i])
            out.append(MASK)
            i = pos = i + len(hit)
        out.append(text[pos:])
        return "".join(out)


_KEY = 4
