"""TOML parser that keeps the exact position of every key and value.

Text is validated by stdlib ``tomllib`` (``tomli`` on Python 3.10) first; its errors carry
"(at line N, column M)", which becomes the ``ParseError`` position. Neither ``tomllib`` nor
``tomlkit`` exposes positions, so the positioned tree is then built by the hand-written scanner
below, which only has to handle valid TOML. Arrays and inline tables are parsed with an explicit stack (no recursion).

Tree shape: ``[a.b]`` tables and dotted keys become nested Mappings (``[mcp_servers.x.env]`` is
root -> "mcp_servers" -> "x" -> "env"); ``[[a]]`` is a Sequence of Mappings under key "a". Keys
point at their text in the header or assignment that first created them. Dates and times are
kept as ``str`` Scalars.
"""

from __future__ import annotations

import re
import sys

from mcplint.parse.document import Comment, Document, Key, Mapping, Node, ParseError, Scalar, Sequence, always_match
from mcplint.parse.jsonc import span_function

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MAX_DEPTH = 512

_BLANK = re.compile(r"[ \t]*")
_SPACE = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_COMMENT = re.compile(r"#[^\n]*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""((?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*)("{3,5})')
_ML_LITERAL = re.compile(r"'''((?:[^']|'{1,2}(?!'))*)('{3,5})")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?"
    r"|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
)
_BARE_VALUE = re.compile(r"[A-Za-z0-9_+\-.]+")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|[ \t]*\r?\n[ \t\r\n]*|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_TOMLLIB_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def _unescape(match: re.Match[str]) -> str:
    short, long, simple = match.group(1), match.group(2), match.group(3)
    if short or long:
        return chr(int(short or long, 16))
    if simple is None:
        return ""  # line-ending backslash: trims the newline and following whitespace
    return _SIMPLE_ESCAPES.get(simple, simple)


def _number(token: str) -> int | float | bool:
    if token == "true" or token == "false":
        return token == "true"
    digits = token.replace("_", "")
    if digits.lstrip("+-") in ("inf", "nan"):
        return float(digits)
    if digits[:2] in ("0x", "0o", "0b"):
        return int(digits, 0)
    if "." in digits or "e" in digits or "E" in digits or len(digits) > 4000:
        return float(digits)
    return int(digits)


def _validate(text: str) -> None:
    """Raise ParseError at tomllib's reported position if ``text`` is not valid TOML."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOMLLIB_POSITION.search(message)
        if match is None:
            raise ParseError(message) from None
        message = message[: match.start()]
        if match.group(1):
            raise ParseError(message, int(match.group(1)), int(match.group(2))) from None
        doc = Document(text=text, format="toml")
        raise ParseError(message, *doc.position(len(text))) from None
    except RecursionError:
        raise ParseError("nesting too deep") from None
    except (ValueError, OverflowError):
        raise ParseError("invalid TOML value") from None


class _Builder:
    """Builds the positioned tree of already-validated TOML text."""

    def __init__(self, text: str, fmt: str) -> None:
        self.text = text
        self.doc = Document(text=text, format=fmt)
        self.span = span_function(self.doc)
        # Children by key text for each Mapping (by id), so lookups are not linear scans.
        self.index: dict[int, dict[str, Node]] = {}

    def fail(self, message: str, offset: int) -> ParseError:
        return ParseError(message, *self.doc.position(min(offset, len(self.text))))

    # -- whitespace and comments -------------------------------------------------------------

    def skip_space(self, pos: int) -> int:
        """Skip blanks, newlines and comments (recorded); return the next offset."""
        end = always_match(_SPACE, self.text, pos).end()
        if self.text.find("#", pos, end) != -1:
            for match in _COMMENT.finditer(self.text, pos, end):
                self.add_comment(match.start(), match.end())
        return end

    def add_comment(self, start: int, end: int) -> None:
        if self.text[end - 1 : end] == "\r":
            end -= 1
        self.doc.comments.append(Comment(self.text[start + 1 : end], self.span(start, end)))

    def end_of_line(self, pos: int) -> int:
        """After a statement: blanks, an optional comment, then a newline or the end."""
        pos = always_match(_BLANK, self.text, pos).end()
        if self.text.startswith("#", pos):
            match = always_match(_COMMENT, self.text, pos)
            self.add_comment(pos, match.end())
            pos = match.end()
        if self.text.startswith("\r\n", pos):
            return pos + 2
        if pos >= len(self.text):
            return pos
        if self.text.startswith("\n", pos):
            return pos + 1
        raise self.fail("expected the end of the line", pos)

    # -- keys and tables ---------------------------------------------------------------------

    def read_key(self, pos: int) -> tuple[list[Key], int]:
        """A possibly dotted key; returns its parts and the offset after it."""
        text = self.text
        parts: list[Key] = []
        while True:
            pos = always_match(_BLANK, text, pos).end()
            char = text[pos : pos + 1]
            if char == '"':
                match = _BASIC.match(text, pos)
                name = _ESCAPE.sub(_unescape, match.group()[1:-1]) if match else ""
            elif char == "'":
                match = _LITERAL.match(text, pos)
                name = match.group()[1:-1] if match else ""
            else:
                match = _BARE_KEY.match(text, pos)
                name = match.group() if match else ""
            if match is None:
                raise self.fail("expected a key", pos)
            parts.append(Key(name, self.span(pos, match.end())))
            pos = always_match(_BLANK, text, match.end()).end()
            if not text.startswith(".", pos):
                return parts, pos
            pos += 1

    def add(self, mapping: Mapping, key: Key, node: Node) -> None:
        mapping.entries.append((key, node))
        self.index.setdefault(id(mapping), {})[key.text] = node

    def child_table(self, mapping: Mapping, key: Key) -> Mapping:
        """The table under ``key`` (last of an array of tables), created if missing."""
        node = self.index.get(id(mapping), {}).get(key.text)
        if isinstance(node, Sequence) and node.items and isinstance(node.items[-1], Mapping):
            return node.items[-1]
        if isinstance(node, Mapping):
            return node
        table = Mapping([], key.span)
        self.add(mapping, key, table)
        return table

    # -- values --------------------------------------------------------------------------------

    def read_scalar(self, pos: int) -> tuple[Scalar, int]:
        text = self.text
        char = text[pos : pos + 1]
        if text.startswith('"""', pos) or text.startswith("'''", pos):
            pattern = _ML_BASIC if char == '"' else _ML_LITERAL
            match = pattern.match(text, pos)
            if match is None:
                raise self.fail("unterminated string", pos)
            content_start = match.start(1)
            if text.startswith("\r\n", content_start):
                content_start += 2
            elif text.startswith("\n", content_start):
                content_start += 1
            raw = text[content_start : match.end(1)] + match.group(2)[3:]
            basic = char == '"' and "\\" in raw
            value = _ESCAPE.sub(_unescape, raw) if basic else raw
            verbatim = not basic and "\r\n" not in raw
            value = value.replace("\r\n", "\n")  # as tomllib does
            return Scalar(value, self.span(pos, match.end()), content_start, verbatim, char), match.end()
        if char == '"' or char == "'":
            match = (_BASIC if char == '"' else _LITERAL).match(text, pos)
            if match is None:
                raise self.fail("unterminated string", pos)
            raw = match.group()[1:-1]
            basic = char == '"' and "\\" in raw
            value = _ESCAPE.sub(_unescape, raw) if basic else raw
            return Scalar(value, self.span(pos, match.end()), pos + 1, not basic, char), match.end()
        match = _DATETIME.match(text, pos)
        if match is not None:
            after = text[match.end() : match.end() + 1]
            if not after or after in " \t\r\n,]}#":
                token = match.group()
                return Scalar(token, self.span(pos, match.end()), pos, True, "plain"), match.end()
        match = _BARE_VALUE.match(text, pos)
        if match is None:
            raise self.fail("expected a value", pos)
        try:
            number = _number(match.group())
        except ValueError:
            raise self.fail("invalid value", pos) from None
        return Scalar(number, self.span(pos, match.end()), pos, False, "plain"), match.end()

    def read_value(self, pos: int) -> tuple[Node, int]:
        """A value at ``pos``: scalar, array or inline table (nested ones via a stack)."""
        text = self.text
        # Each frame: [start offset, Mapping or Sequence contents, pending key parts].
        stack: list[tuple[int, Mapping | Sequence, list[list[Key]]]] = []
        node: Node
        expect_value = True
        while True:
            if expect_value:
                char = text[pos : pos + 1]
                if char == "[" or char == "{":
                    if len(stack) >= MAX_DEPTH:
                        raise self.fail("nesting too deep", pos)
                    empty = self.span(pos, pos)
                    container: Mapping | Sequence = Sequence([], empty) if char == "[" else Mapping([], empty)
                    stack.append((pos, container, []))
                    pos = self.skip_space(pos + 1) if char == "[" else always_match(_BLANK, text, pos + 1).end()
                    if char == "[" and text.startswith("]", pos):
                        expect_value = False
                        continue
                    if char == "{":
                        if text.startswith("}", pos):
                            expect_value = False
                            continue
                        pos = self.inline_key(stack[-1], pos)
                    continue
                node, pos = self.read_scalar(pos)
            else:
                start, container, _ = stack.pop()
                pos += 1  # the closing bracket
                container.span = self.span(start, pos)
                node = container
            if not stack:
                return node, pos
            # Attach to the enclosing array or inline table, then read a separator.
            _, parent, pending = stack[-1]
            if isinstance(parent, Sequence):
                parent.items.append(node)
                pos = self.skip_space(pos)
                if text.startswith(",", pos):
                    pos = self.skip_space(pos + 1)
                expect_value = not text.startswith("]", pos)
            else:
                parts = pending.pop()
                table = parent
                for part in parts[:-1]:
                    table = self.child_table(table, part)
                self.add(table, parts[-1], node)
                pos = always_match(_BLANK, text, pos).end()
                if text.startswith(",", pos):
                    pos = self.inline_key(stack[-1], always_match(_BLANK, text, pos + 1).end())
                    expect_value = True
                else:
                    expect_value = False
            if not expect_value and not text.startswith(("]", "}"), pos):
                raise self.fail("expected ',' or a closing bracket", pos)

    def inline_key(self, frame: tuple[int, Mapping | Sequence, list[list[Key]]], pos: int) -> int:
        """Read ``key =`` inside an inline table; return the offset of its value."""
        parts, pos = self.read_key(pos)
        if not self.text.startswith("=", pos):
            raise self.fail("expected '='", pos)
        frame[2].append(parts)
        return always_match(_BLANK, self.text, pos + 1).end()

    # -- document ------------------------------------------------------------------------------

    def build(self) -> Document:
        text = self.text
        root = Mapping([], self.span(0, len(text)))
        table = root
        pos = self.skip_space(0)
        while pos < len(text):
            if text.startswith("[", pos):
                is_array = text.startswith("[[", pos)
                parts, after = self.read_key(pos + (2 if is_array else 1))
                closer = "]]" if is_array else "]"
                if not text.startswith(closer, after):
                    raise self.fail(f"expected '{closer}'", after)
                header_end = after + len(closer)
                header = self.span(pos, header_end)
                parent = root
                for part in parts[:-1]:
                    parent = self.child_table(parent, part)
                last = parts[-1]
                existing = self.index.get(id(parent), {}).get(last.text)
                if is_array:
                    if not isinstance(existing, Sequence):
                        existing = Sequence([], header)
                        self.add(parent, last, existing)
                    table = Mapping([], header)
                    existing.items.append(table)
                    existing.span = self.span(existing.span.start, header_end)
                elif isinstance(existing, Mapping):
                    table = existing  # created implicitly by an earlier [a.b.c] header
                    table.span = header
                else:
                    table = Mapping([], header)
                    self.add(parent, last, table)
                pos = self.end_of_line(header_end)
            else:
                parts, pos = self.read_key(pos)
                if not text.startswith("=", pos):
                    raise self.fail("expected '='", pos)
                node, end = self.read_value(always_match(_BLANK, text, pos + 1).end())
                target = table
                for part in parts[:-1]:
                    target = self.child_table(target, part)
                    target.span = self.span(target.span.start, end)
                self.add(target, parts[-1], node)
                if table is not root:
                    table.span = self.span(table.span.start, end)
                pos = self.end_of_line(end)
            pos = self.skip_space(pos)
        self.doc.roots = [root]
        return self.doc


def parse_toml(text: str, fmt: str = "toml") -> Document:
    """Parse TOML ``text`` into a Document whose single root is a Mapping."""
    _validate(text)
    return _Builder(text, fmt).build()
