"""The parsed form every parser produces: a node tree whose every key and value has its position.

Parsers (``mcplint.parse.*``) turn text into a :class:`Document`; recognisers read it; rules and
reporters only ever see spans. Offsets index ``Document.text`` (characters, not bytes);
:meth:`Document.byte_offset` converts to UTF-8 byte offsets where a consumer needs them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterator, Union


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a document: 1-based line and column (end column exclusive) and offsets."""

    line: int
    col: int
    end_line: int
    end_col: int
    start: int
    end: int


@dataclass(slots=True)
class Scalar:
    """A leaf value. ``value`` is decoded (escapes resolved); ``span`` covers the source token.

    ``content_start`` is the offset of the value's first character inside the token (after an
    opening quote). ``verbatim`` is true when the token's content equals ``value`` character for
    character (no escapes, no folding), so an index into ``value`` maps to ``content_start + i``.
    """

    value: str | int | float | bool | None
    span: Span
    content_start: int = -1
    verbatim: bool = False
    style: str = "plain"

    def source_offset(self, index: int) -> int:
        """Offset in the document of character ``index`` of the value (token start if unknown)."""
        if self.verbatim and self.content_start >= 0:
            return self.content_start + index
        return self.span.start


@dataclass(slots=True)
class Key:
    """A mapping key with its position."""

    text: str
    span: Span


@dataclass(slots=True)
class Mapping:
    """An ordered mapping. Duplicate keys are kept in ``entries``; :meth:`get` returns the last."""

    entries: list[tuple[Key, Node]]
    span: Span

    def get(self, name: str) -> Node | None:
        found = None
        for key, node in self.entries:
            if key.text == name:
                found = node
        return found

    def key(self, name: str) -> Key | None:
        found = None
        for key, _ in self.entries:
            if key.text == name:
                found = key
        return found

    def items(self) -> Iterator[tuple[Key, Node]]:
        return iter(self.entries)


@dataclass(slots=True)
class Sequence:
    """An ordered list of nodes."""

    items: list[Node]
    span: Span


Node = Union[Scalar, Mapping, Sequence]


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment, ``text`` without its leading marker (``#``, ``//``, ``/*``)."""

    text: str
    span: Span


@dataclass(slots=True)
class Document:
    """One parsed file. ``roots`` holds one node per YAML document (one for other formats)."""

    text: str
    format: str
    roots: list[Node] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    _line_starts: list[int] | None = None

    @property
    def root(self) -> Node | None:
        return self.roots[0] if self.roots else None

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            text = self.text
            i = text.find("\n")
            while i != -1:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts()
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col, start, end)

    def line_text(self, line: int) -> str:
        starts = self.line_starts()
        if line < 1 or line > len(starts):
            return ""
        begin = starts[line - 1]
        stop = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[begin:stop].rstrip("\r")

    def byte_offset(self, offset: int) -> int:
        """UTF-8 byte offset of a character offset."""
        return len(self.text[:offset].encode("utf-8", "surrogatepass"))


class ParseError(Exception):
    """A file could not be parsed. Carries a position and never the file's content."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col

    def __str__(self) -> str:
        return f"{self.message} (line {self.line}, column {self.col})"


def walk(node: Node | None, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Node]]:
    """Every node under ``node`` with its key path, depth first, in document order."""
    if node is None:
        return
    stack: list[tuple[tuple[str | int, ...], Node]] = [(path, node)]
    while stack:
        here, current = stack.pop()
        yield here, current
        if isinstance(current, Mapping):
            stack.extend((here + (key.text,), child) for key, child in reversed(current.entries))
        elif isinstance(current, Sequence):
            stack.extend((here + (i,), child) for i, child in reversed(list(enumerate(current.items))))


def always_match(pattern: re.Pattern[str], text: str, pos: int, endpos: int | None = None) -> re.Match[str]:
    """``pattern.match`` for a pattern that also matches the empty string (``[ \\t]*``), so it
    matches at every position; the parsers use it to skip blanks and read optional parts."""
    match = pattern.match(text, pos) if endpos is None else pattern.match(text, pos, endpos)
    if match is None:  # only a pattern that cannot match the empty string gets here: a bug
        raise ValueError(f"{pattern.pattern!r} did not match: it must match the empty string")
    return match
