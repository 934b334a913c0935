"""``.env`` parser that keeps the exact position of every variable name and value.

Hand-written because python-dotenv reports no positions. Follows python-dotenv's dialect:
``[export ]KEY = value``; unquoted values end at a blank followed by ``#`` and are right-stripped;
single quotes and backticks take the content literally; double quotes decode ``\\n \\r \\t \\" \\\\``
(and ``\\'``); quoted values may span lines. A quote that is never closed is read as an unquoted
value (so a broken line still shows its value). Lines that are not assignments are skipped, so this
parser never raises ParseError.
"""

from __future__ import annotations

import re

from mcplint.parse.document import Comment, Document, Key, Mapping, Scalar, always_match
from mcplint.parse.jsonc import span_function

_ASSIGNMENT = re.compile(r"[ \t]*(?:export[ \t]+)?([^\s=#'\"`]+)[ \t]*=[ \t]*")
_COMMENT_LINE = re.compile(r"[ \t]*#")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\[\s\S])*)"')
_SINGLE = re.compile(r"'([^']*)'")
_BACKTICK = re.compile(r"`([^`]*)`")
_UNQUOTED = re.compile(r"[^\n]*?(?=[ \t]+#|[ \t\r]*(?:\n|$))")
_AFTER_QUOTE = re.compile(r"[ \t]*(#[^\n]*)?")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "'": "'"}


def _unescape(match: re.Match[str]) -> str:
    char = match.group(1)
    return _ESCAPES.get(char, match.group())


def parse_dotenv(text: str, fmt: str = "dotenv") -> Document:
    """Parse ``.env`` text; the single root is a Mapping of variable names to string Scalars."""
    doc = Document(text=text, format=fmt)
    span = span_function(doc)
    entries: list[tuple[Key, Scalar]] = []
    length = len(text)

    def add_comment(start: int, end: int) -> None:
        if text[end - 1 : end] == "\r":
            end -= 1
        doc.comments.append(Comment(text[start + 1 : end], span(start, end)))

    def line_end(pos: int) -> int:
        end = text.find("\n", pos)
        return length if end == -1 else end

    pos = 0
    while pos < length:
        match = _ASSIGNMENT.match(text, pos)
        if match is None:
            comment = _COMMENT_LINE.match(text, pos)
            end = line_end(pos)
            if comment is not None:
                add_comment(comment.end() - 1, end)
            pos = end + 1
            continue
        key = Key(match.group(1), span(match.start(1), match.end(1)))
        start = match.end()
        quote = text[start : start + 1]
        quoted = None
        if quote == '"':
            quoted = _DOUBLE.match(text, start)
        elif quote == "'":
            quoted = _SINGLE.match(text, start)
        elif quote == "`":
            quoted = _BACKTICK.match(text, start)
        if quoted is not None:
            raw = quoted.group(1)
            escaped = quote == '"' and "\\" in raw
            value = _ESCAPE.sub(_unescape, raw) if escaped else raw
            scalar = Scalar(value, span(start, quoted.end()), start + 1, not escaped, quote)
            after = always_match(_AFTER_QUOTE, text, quoted.end())
            if after.group(1) is not None:
                add_comment(after.start(1), after.end(1))
            end = line_end(quoted.end())
        else:
            content_start = start + 1 if quote in ('"', "'", "`") else start
            value_match = always_match(_UNQUOTED, text, content_start)
            value_end = value_match.end()
            scalar = Scalar(text[content_start:value_end], span(start, value_end), content_start, True, "plain")
            end = line_end(value_end)
            hash_at = text.find("#", value_end, end)
            if hash_at != -1:
                add_comment(hash_at, end)
        entries.append((key, scalar))
        pos = end + 1

    doc.roots = [Mapping(entries, span(0, length))]  # type: ignore[arg-type]
    return doc
