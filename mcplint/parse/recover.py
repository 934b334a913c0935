"""Error recovery for files that do not parse: key/value pairs found line by line.

A malformed config (a JSON fragment pasted without its braces, a YAML file with template tags)
still holds whatever secrets were pasted into it. When a parser fails, the engine reports the
diagnostic *and* scans the pairs this module finds, so a syntax error never hides a leak.
No library recovers partial JSON/YAML with positions, so this is a small regex scanner.
"""

from __future__ import annotations

import json
import re

from mcplint.parse.document import Document, Key, Mapping, Node, Scalar, Sequence
from mcplint.parse.jsonc import span_function

# "key": "value"  (JSON-ish, escapes allowed in the value)
_JSON_PAIR = re.compile(r'"((?:[^"\\\n]|\\.){1,200})"\s*:\s*"((?:[^"\\\n]|\\.)*)"')
# key: value  or  key = value  (YAML / TOML / INI-ish), value up to a comment or end of line
_PLAIN_PAIR = re.compile(
    r"""^[ \t-]*["']?([A-Za-z_][\w.-]{0,200})["']?[ \t]*[:=][ \t]*["']?([^"'#\n\r]+?)["']?[ \t]*(?:#.*)?$""",
    re.MULTILINE,
)


# Any other string token long enough to be a credential: quoted ("…" / '…') or bare.
_LOOSE_QUOTED = re.compile(r"\"((?:[^\"\\\n]|\\.){16,})\"|'([^'\n]{16,})'")
_LOOSE_BARE = re.compile(r"(?<![\w.+/=~-])[A-Za-z0-9_][\w.+/=~:-]{15,}(?![\w.+/=~-])")


def recover_pairs(text: str, fmt: str) -> Document:
    """A Document whose root maps every recognisable ``key: value`` pair of ``text`` (flat, in order).

    A second root lists every other string token of 16+ characters (array items, positional
    arguments, keys, words in comments), so a provider token anywhere in a broken file is still
    found with its line and column.
    """
    document = Document(text=text, format=fmt)
    span = span_function(document)
    entries: list[tuple[Key, Scalar]] = []
    seen: set[int] = set()
    for pattern in (_JSON_PAIR, _PLAIN_PAIR):
        for match in pattern.finditer(text):
            value_start, value_end = match.span(2)
            if value_start in seen or value_start == value_end:
                continue
            seen.add(value_start)
            raw = match.group(2)
            key = Key(match.group(1), span(*match.span(1)))
            verbatim = "\\" not in raw
            value = raw if verbatim else _unescape(raw)
            entries.append((key, Scalar(value, span(value_start, value_end), value_start, verbatim)))
    entries.sort(key=lambda entry: entry[1].span.start)
    covered = [(entry[1].span.start, entry[1].span.end) for entry in entries]
    covered += [(entry[0].span.start, entry[0].span.end) for entry in entries]
    loose: list[Node] = []
    for match in _LOOSE_QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        if _inside(start, end, covered):
            continue
        covered.append((start, end))
        raw = match.group(group)
        verbatim = group == 2 or "\\" not in raw
        loose.append(Scalar(raw if verbatim else _unescape(raw), span(start, end), start, verbatim))
    for match in _LOOSE_BARE.finditer(text):
        start, end = match.span()
        if not _inside(start, end, covered):
            loose.append(Scalar(match.group(0), span(start, end), start, True))
    loose.sort(key=lambda node: node.span.start)
    document.roots = [Mapping(list(entries), span(0, len(text))), Sequence(loose, span(0, len(text)))]
    return document


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any span already recovered."""
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _unescape(raw: str) -> str:
    """JSON string escapes resolved; the raw text when they are malformed."""
    try:
        return json.loads(f'"{raw}"')
    except ValueError:
        return raw
