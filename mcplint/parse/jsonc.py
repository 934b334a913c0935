"""JSON and JSON-with-comments parser that keeps the exact position of every key and value.

Hand-written because neither stdlib ``json`` nor ``json5`` report positions, and MCP clients
(VS Code, Cursor, Claude Code) accept ``//`` / ``/* */`` comments and trailing commas that we
must both tolerate and record with exact spans. Each token (with the whitespace before it) is
one match of a compiled regex, and containers are handled with an explicit stack (no recursion),
so 10,000-deep input fails with
``ParseError("nesting too deep")`` instead of ``RecursionError``. Strings containing escapes are
decoded by the C-accelerated ``json.decoder.scanstring`` (handles surrogate pairs).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from json.decoder import scanstring  # type: ignore[attr-defined]  # public since 2.6, missing from typeshed
from typing import Callable

from mcplint.parse.document import (
    Comment,
    Document,
    Key,
    Mapping,
    Node,
    ParseError,
    Scalar,
    Sequence,
    Span,
    always_match,
)

MAX_DEPTH = 512

_WHITESPACE = re.compile(r"[ \t\r\n]*")
# Whitespace, then one token; ``lastindex`` says which kind (the number's inner groups close first).
_TOKEN = re.compile(
    r"""[ \t\r\n]*(?:
      ([{}\[\],:])                                                      # 1 punctuation
     |("[^"\\\n]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\n]*)*")     # 2 string
     |(-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)(?![0-9.eE])   # 3 number (4, 5)
     |(true|false|null)(?![A-Za-z0-9_$])                               # 6 literal
     |(/)                                                              # 7 comment
    )""",
    re.VERBOSE,
)
_PUNCT, _STRING, _NUMBER, _LITERAL, _COMMENT = 1, 2, 3, 6, 7
# Scans a bad string to find where it goes wrong (bad escape, newline, end of text).
_STRING_PREFIX = re.compile(r'"[^"\\\n]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\n]*)*')
_LITERALS: dict[str, bool | None] = {"true": True, "false": False, "null": None}

# Parser states: what the next token may be.
_VALUE, _KEY_OR_CLOSE, _VALUE_OR_CLOSE, _COMMA_OR_CLOSE, _COLON, _END = range(6)
_EXPECTED = {
    _VALUE: "expected a value",
    _VALUE_OR_CLOSE: "expected a value",
    _KEY_OR_CLOSE: "expected a string key or '}'",
    _COLON: "expected ':'",
    _END: "unexpected content after the top-level value",
}


def span_function(doc: Document) -> Callable[[int, int], Span]:
    """A fast equivalent of ``doc.span`` (same result; one bisect when start and end share a line).

    Shared by all parsers: ``Document.position`` is too slow for hundreds of thousands of calls.
    """
    starts = doc.line_starts()
    line_count = len(starts)

    def span(start: int, end: int) -> Span:
        index = bisect_right(starts, start) - 1
        line_start = starts[index]
        if index + 1 == line_count or end < starts[index + 1]:
            return Span(index + 1, start - line_start + 1, index + 1, end - line_start + 1, start, end)
        end_index = bisect_right(starts, end) - 1
        return Span(index + 1, start - line_start + 1, end_index + 1, end - starts[end_index] + 1, start, end)

    return span


class _Frame:
    """An open object or array."""

    __slots__ = ("start", "entries", "items", "key")

    def __init__(self, start: int, is_object: bool) -> None:
        self.start = start
        self.entries: list[tuple[Key, Node]] | None = [] if is_object else None
        self.items: list[Node] | None = None if is_object else []
        self.key: Key | None = None


def parse_jsonc(text: str, fmt: str = "jsonc") -> Document:
    """Parse JSON/JSONC ``text``. Empty or comment-only text gives a document without roots."""
    doc = Document(text=text, format=fmt)
    length = len(text)
    comments = doc.comments
    span = span_function(doc)

    def fail(message: str, offset: int) -> ParseError:
        line, col = doc.position(min(offset, length))
        return ParseError(message, line, col)

    def comment(pos: int) -> int:
        """Record the comment at ``pos`` (a '/'); return the offset after it."""
        nxt = text[pos + 1 : pos + 2]
        if nxt == "/":
            end = text.find("\n", pos)
            if end == -1:
                end = length
            if end > pos and text[end - 1] == "\r":
                end -= 1
            comments.append(Comment(text[pos + 2 : end], span(pos, end)))
            return end
        if nxt == "*":
            close = text.find("*/", pos + 2)
            if close == -1:
                raise fail("unterminated comment", pos)
            comments.append(Comment(text[pos + 2 : close], span(pos, close + 2)))
            return close + 2
        raise fail("unexpected character '/'", pos)

    def bad_token(pos: int, state: int) -> ParseError:
        """The error for text at ``pos`` that is no token acceptable in ``state``."""
        char = text[pos]
        if char == '"' and state in (_VALUE, _VALUE_OR_CLOSE, _KEY_OR_CLOSE):
            stop = always_match(_STRING_PREFIX, text, pos).end()
            if stop < length and text[stop] == "\\":
                return fail("invalid escape in string", stop)
            return fail("unterminated string", pos)
        if (char == "-" or "0" <= char <= "9") and state in (_VALUE, _VALUE_OR_CLOSE):
            return fail("invalid number", pos)
        if state == _COMMA_OR_CLOSE:
            return fail(f"expected ',' or '{'}' if stack[-1].entries is not None else ']'}'", pos)
        return fail(_EXPECTED[state], pos)

    stack: list[_Frame] = []
    roots: list[Node] = []
    state = _VALUE
    pos = 0
    token = _TOKEN.match

    while True:
        match = token(text, pos)
        if match is None:
            pos = always_match(_WHITESPACE, text, pos).end()
            if pos < length:
                raise bad_token(pos, state)
            if state == _END or (state == _VALUE and not stack):
                break
            raise fail("unexpected end of text", length)
        kind = match.lastindex
        assert kind is not None  # every alternative of _TOKEN is one group
        start = match.start(kind)
        if kind == _COMMENT:
            pos = comment(start)
            continue
        pos = match.end()
        if state == _END:
            raise fail(_EXPECTED[_END], start)

        if kind == _PUNCT:
            char = text[start]
            if state == _COLON:
                if char != ":":
                    raise bad_token(start, state)
                state = _VALUE
                continue
            if state == _COMMA_OR_CLOSE and char == ",":
                state = _KEY_OR_CLOSE if stack[-1].entries is not None else _VALUE_OR_CLOSE
                continue
            if (char == "}" and state in (_KEY_OR_CLOSE, _COMMA_OR_CLOSE) and stack[-1].entries is not None) or (
                char == "]" and state in (_VALUE_OR_CLOSE, _COMMA_OR_CLOSE) and stack[-1].entries is None
            ):
                top = stack.pop()
                if top.entries is not None:
                    node: Node = Mapping(top.entries, span(top.start, pos))
                else:
                    node = Sequence(top.items, span(top.start, pos))  # type: ignore[arg-type]
            elif (char == "{" or char == "[") and state in (_VALUE, _VALUE_OR_CLOSE):
                if len(stack) >= MAX_DEPTH:
                    raise fail("nesting too deep", start)
                stack.append(_Frame(start, char == "{"))
                state = _KEY_OR_CLOSE if char == "{" else _VALUE_OR_CLOSE
                continue
            else:
                raise bad_token(start, state)
        elif state == _KEY_OR_CLOSE:
            if kind != _STRING:
                raise bad_token(start, state)
            raw = match.group(kind)
            key_text = raw[1:-1] if "\\" not in raw else scanstring(text, start + 1, False)[0]
            stack[-1].key = Key(key_text, span(start, pos))
            state = _COLON
            continue
        elif state in (_COLON, _COMMA_OR_CLOSE):
            raise bad_token(start, state)
        elif kind == _STRING:
            raw = match.group(kind)
            if "\\" not in raw:
                node = Scalar(raw[1:-1], span(start, pos), start + 1, True, '"')
            else:
                node = Scalar(scanstring(text, start + 1, False)[0], span(start, pos), start + 1, False, '"')
        elif kind == _NUMBER:
            raw = match.group(kind)
            # int() refuses more than 4300 digits; such a number is kept as a float.
            is_float = match.group(4) or match.group(5) or len(raw) > 4000
            node = Scalar(float(raw) if is_float else int(raw), span(start, pos), start, False, "plain")
        else:
            node = Scalar(_LITERALS[match.group(kind)], span(start, pos), start, False, "plain")

        # Attach the finished value to its parent (or make it the root).
        if not stack:
            roots.append(node)
            state = _END
            continue
        top = stack[-1]
        if top.entries is not None:
            top.entries.append((top.key, node))  # type: ignore[arg-type]
            top.key = None
        else:
            top.items.append(node)  # type: ignore[union-attr]
        state = _COMMA_OR_CLOSE

    doc.roots = roots
    return doc
