"""YAML parser built on PyYAML's event stream, keeping exact positions.

PyYAML (libyaml-backed ``CSafeLoader`` when available) does the scanning; we build our tree from
its *events* rather than ``compose_all`` because the composer is recursive (deep input would hit
``RecursionError``) and expands nothing lazily. Building from events lets us bound nesting depth,
refuse recursive aliases, and cap the number of nodes that alias expansion may produce (so a
"billion laughs" file fails fast). Mark ``index`` values are character offsets in both loaders
(checked by ``tests/test_parse_yaml.py`` with non-ASCII text); lines/columns are recomputed from
them because PyYAML also treats a lone ``\\r`` as a line break and our lines split on ``\\n`` only.

Values are the scalars' source strings: YAML core types are not resolved, except a plain empty,
``~`` or ``null`` scalar, which becomes ``None``. PyYAML drops comments, so they are recovered by a
scan: a ``#`` at line start or after a blank that lies outside every scalar token.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import yaml

from mcplint.parse.document import Comment, Document, Key, Mapping, Node, ParseError, Scalar, Sequence, always_match
from mcplint.parse.jsonc import span_function

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 512
MAX_EXPANDED_NODES = 100_000  # nodes that aliases may add; billion-laughs stops here

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_STYLES = {None: "plain", "": "plain", "'": "'", '"': '"', "|": "|", ">": ">"}
# Anchor and tag properties in front of a scalar token (with blanks and comments after them).
_PROPERTIES = re.compile(r"(?:[&!][^ \t\r\n]*(?:[ \t\r\n]+|#[^\n]*)*)*")
_BLOCK_INDENT = re.compile(r"[ \r\n]*")
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\n]*", re.MULTILINE)


class _Frame:
    """An open sequence or mapping while events stream in."""

    __slots__ = ("start", "anchor", "flow", "is_mapping", "entries", "items", "key", "size", "last_end")

    def __init__(self, start: int, anchor: str | None, flow: bool, is_mapping: bool) -> None:
        self.start = start
        self.anchor = anchor
        self.flow = flow
        self.is_mapping = is_mapping
        self.entries: list[tuple[Key, Node]] = []
        self.items: list[Node] = []
        self.key: Key | None = None
        self.size = 1
        self.last_end = start


def _error_position(error: yaml.YAMLError) -> tuple[str, int | None]:
    """A short message and character offset for a PyYAML error (never the file's content)."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "invalid YAML"
        return message, (mark.index if mark is not None else None)
    if isinstance(error, yaml.reader.ReaderError):
        return "control characters are not allowed", error.position
    return "invalid YAML", None


def parse_yaml(text: str, fmt: str = "yaml") -> Document:
    """Parse YAML ``text``; one root per document (none for empty or comment-only text)."""
    doc = Document(text=text, format=fmt)
    span = span_function(doc)
    length = len(text)
    scalar_regions: list[tuple[int, int]] = []  # where a '#' is scalar content, not a comment

    def fail(message: str, offset: int | None) -> ParseError:
        if offset is None:
            return ParseError(message)
        line, col = doc.position(max(0, min(offset, length)))
        return ParseError(message, line, col)

    def scalar_node(event: yaml.ScalarEvent) -> Scalar:
        assert event.start_mark is not None and event.end_mark is not None  # the parser marks every event
        start, end = event.start_mark.index, event.end_mark.index
        if event.anchor is not None or event.tag is not None:
            start = always_match(_PROPERTIES, text, start, end).end()
        style = _STYLES.get(event.style, "plain")
        value: str | None = event.value
        text_value: str = event.value or ""
        if style in ("|", ">"):
            end = start + len(text[start:end].rstrip())
            header_end = text.find("\n", start, end)
            content_start = always_match(_BLOCK_INDENT, text, header_end + 1).end() if header_end != -1 else end
            scalar_regions.append((header_end if header_end != -1 else end, end))
            single_line = text_value.rstrip("\n")
            verbatim = "\n" not in single_line and text.startswith(single_line, content_start)
        else:
            scalar_regions.append((start, end))
            quoted = style != "plain"
            content_start = start + 1 if quoted else start
            content_end = end - 1 if quoted else end
            verbatim = content_end - content_start == len(text_value) and text.startswith(text_value, content_start)
            if not quoted and event.implicit[0] and value in _NULLS:
                value = None
        return Scalar(value, span(start, end), content_start, verbatim, style)

    loader = None
    roots: list[Node] = []
    node: Node
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Node, int]] = {}
    open_anchors: set[str] = set()
    expanded = 0  # nodes added by alias expansion (source nodes are bounded by the text itself)
    try:
        loader = Loader(text)
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if stack and stack[-1].is_mapping and stack[-1].key is None:
                    # Keys are recorded as Key objects directly (their value stays a string).
                    node = scalar_node(event)
                    stack[-1].key = Key(event.value, node.span)
                    stack[-1].size += 1
                    stack[-1].last_end = node.span.end
                    if event.anchor is not None:
                        anchors[event.anchor] = (node, 1)
                    continue
                node = scalar_node(event)
                size, end = 1, node.span.end
                if event.anchor is not None:
                    anchors[event.anchor] = (node, 1)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise fail("nesting too deep", event.start_mark.index)
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                stack.append(
                    _Frame(event.start_mark.index, event.anchor, bool(event.flow_style), kind is yaml.MappingStartEvent)
                )
                continue
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                frame = stack.pop()
                end = event.end_mark.index if frame.flow else frame.last_end
                end = max(end, frame.start)
                if frame.is_mapping:
                    node = Mapping(frame.entries, span(frame.start, end))
                else:
                    node = Sequence(frame.items, span(frame.start, end))
                size = frame.size
                if frame.anchor is not None:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (node, size)
            elif kind is yaml.AliasEvent:
                if event.anchor in open_anchors:
                    raise fail("recursive alias", event.start_mark.index)
                if event.anchor not in anchors:
                    raise fail("undefined alias", event.start_mark.index)
                node, size = anchors[event.anchor]
                expanded += size
                if expanded > MAX_EXPANDED_NODES:
                    raise fail("alias expansion too large", event.start_mark.index)
                end = event.end_mark.index
            elif kind is yaml.DocumentStartEvent:
                anchors.clear()
                continue
            else:  # stream start/end, document end
                continue

            if not stack:
                roots.append(node)
                continue
            parent = stack[-1]
            parent.size += size
            parent.last_end = max(parent.last_end, end)
            if parent.is_mapping:
                if parent.key is None:
                    key_text = node.value if isinstance(node, Scalar) else text[node.span.start : node.span.end]
                    parent.key = Key("" if key_text is None else str(key_text), node.span)
                else:
                    parent.entries.append((parent.key, node))
                    parent.key = None
            else:
                parent.items.append(node)
    except yaml.YAMLError as error:
        message, offset = _error_position(error)
        raise fail(message, offset) from None
    except UnicodeError:
        raise fail("text is not valid Unicode", None) from None
    finally:
        if loader is not None:
            loader.dispose()

    doc.roots = roots
    doc.comments = _comments(doc, scalar_regions)
    return doc


def _comments(doc: Document, scalar_regions: list[tuple[int, int]]) -> list[Comment]:
    """Recover ``#`` comments: those outside every scalar token."""
    text = doc.text
    if "#" not in text:
        return []
    regions = sorted(scalar_regions)
    starts = [start for start, _ in regions]
    comments = []
    for match in _COMMENT.finditer(text):
        pos = match.start()
        index = bisect_right(starts, pos) - 1
        if index >= 0 and pos < regions[index][1]:
            continue
        end = match.end()
        if text[end - 1 : end] == "\r":
            end -= 1
        comments.append(Comment(text[pos + 1 : end], doc.span(pos, end)))
    return comments
