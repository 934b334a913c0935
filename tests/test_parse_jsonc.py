"""JSON/JSONC parser: exact spans, comments, errors, decoding."""

from __future__ import annotations

import codecs
import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcplint.parse import FORMATS, decode, parse
from mcplint.parse.document import Document, Mapping, ParseError, Scalar, Sequence, Span
from mcplint.parse.jsonc import parse_jsonc, span_function

CONFIG = """{
  // Claude Desktop config
  "mcpServers": {
    "github": {
      "command": "npx", /* inline */
      "env": {
        "GITHUB_TOKEN": "ghp_example\\u00e9",
        "PORT": 8080,
      },
    },
  },
}
"""


def lookup(node, *path):
    for part in path:
        node = node.get(part) if isinstance(node, Mapping) else node.items[part]
    return node


def where(span: Span) -> tuple[int, int, int, int]:
    return span.line, span.col, span.end_line, span.end_col


def test_keys_and_values_have_exact_spans() -> None:
    doc = parse(CONFIG, "jsonc")
    env = lookup(doc.root, "mcpServers", "github", "env")
    key = env.key("GITHUB_TOKEN")
    assert where(key.span) == (7, 9, 7, 23)
    assert CONFIG[key.span.start : key.span.end] == '"GITHUB_TOKEN"'
    token = env.get("GITHUB_TOKEN")
    assert token.value == "ghp_exampleé"
    assert where(token.span) == (7, 25, 7, 44)
    assert token.style == '"' and token.verbatim is False
    port = env.get("PORT")
    assert port.value == 8080 and isinstance(port.value, int)
    assert where(port.span) == (8, 17, 8, 21)
    command = lookup(doc.root, "mcpServers", "github", "command")
    assert command.verbatim and command.source_offset(0) == CONFIG.index("npx")
    assert where(env.span) == (6, 14, 9, 8)
    assert where(doc.root.span) == (1, 1, 12, 2)


def test_comments_are_recorded_with_spans() -> None:
    doc = parse(CONFIG, "jsonc")
    assert [c.text for c in doc.comments] == [" Claude Desktop config", " inline "]
    assert where(doc.comments[0].span) == (2, 3, 2, 27)
    assert where(doc.comments[1].span) == (5, 25, 5, 37)


def test_values_match_stdlib_json() -> None:
    text = '{"a": [1, -2.5e3, true, false, null, "x\\"y", "\\ud83d\\ude00", {}], "b": {"c": []}}'
    doc = parse(text, "json")

    def plain(node):
        if isinstance(node, Mapping):
            return {k.text: plain(v) for k, v in node.entries}
        if isinstance(node, Sequence):
            return [plain(i) for i in node.items]
        return node.value

    assert plain(doc.root) == json.loads(text)
    assert lookup(doc.root, "a", 6).value == "\U0001f600"


def test_duplicate_keys_are_kept_in_order() -> None:
    doc = parse('{"k": 1, "k": 2}', "json")
    assert [(k.text, v.value) for k, v in doc.root.entries] == [("k", 1), ("k", 2)]
    assert doc.root.get("k").value == 2


def test_crlf_and_non_ascii_columns_are_characters() -> None:
    text = '{\r\n  "é😀": "v",\r\n  "k": "w"\r\n}\r\n'
    doc = parse(text, "json")
    key, value = doc.root.entries[0]
    assert where(key.span) == (2, 3, 2, 7)
    assert where(value.span) == (2, 9, 2, 12)
    assert where(doc.root.entries[1][1].span) == (3, 8, 3, 11)


@pytest.mark.parametrize(
    ("text", "message", "line", "col"),
    [
        ('{"a": 1\n "b": 2}', "expected ',' or '}'", 2, 2),
        ('{"a": "abc\n}', "unterminated string", 1, 7),
        ('{"a": "x\\q"}', "invalid escape in string", 1, 9),
        ('{"a": 1', "unexpected end of text", 1, 8),
        ("[1, 2", "unexpected end of text", 1, 6),
        ('{"a": tru}', "expected a value", 1, 7),
        ("{a: 1}", "expected a string key or '}'", 1, 2),
        ('{"a" 1}', "expected ':'", 1, 6),
        ("[1] [2]", "unexpected content after the top-level value", 1, 5),
        ("[1 /* open", "unterminated comment", 1, 4),
        ("[1, }", "expected a value", 1, 5),
        ("[1}", "expected ',' or ']'", 1, 3),
    ],
)
def test_errors_carry_the_offending_position(text: str, message: str, line: int, col: int) -> None:
    with pytest.raises(ParseError) as raised:
        parse(text, "jsonc")
    assert (raised.value.message, raised.value.line, raised.value.col) == (message, line, col)


def test_empty_and_comment_only_text_have_no_root() -> None:
    assert parse("", "json").roots == []
    doc = parse("  // nothing here\n", "jsonc")
    assert doc.roots == [] and [c.text for c in doc.comments] == [" nothing here"]


def test_deep_nesting_is_a_parse_error_not_recursion() -> None:
    with pytest.raises(ParseError, match="nesting too deep"):
        parse("[" * 10_000 + "]" * 10_000, "json")
    assert isinstance(parse("[" * 100 + "]" * 100, "json").root, Sequence)


def test_huge_integer_does_not_crash() -> None:
    value = parse("1" + "0" * 5000, "json").root.value
    assert isinstance(value, float)


def test_decode_handles_bom_and_utf16() -> None:
    text = '{"k": "é"}\r\n'
    assert decode(codecs.BOM_UTF8 + text.encode()) == text
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text
    doc = parse(decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")), "json")
    assert where(doc.root.get("k").span) == (1, 7, 1, 10)


@pytest.mark.parametrize(
    "data", [b"\xff\xfe\x00", b"\x80\x81abc", b"\x00\x01\x02binary", '{"a":1}'.encode("utf-16-le")]
)
def test_decode_rejects_non_text(data: bytes) -> None:
    with pytest.raises(ParseError, match="not a UTF-8 or UTF-16 text file"):
        decode(data)


def test_unknown_format_is_a_programming_error() -> None:
    assert "jsonc" in FORMATS
    with pytest.raises(ValueError):
        parse("{}", "xml")


def test_binary_garbage_gives_parse_error() -> None:
    with pytest.raises(ParseError):
        parse(bytes(range(256)).decode("latin-1"), "json")


def test_scalar_kinds() -> None:
    root = parse('[0, -1.5, 2E2, true, false, null, ""]', "json").root
    assert [type(i.value) for i in root.items] == [int, float, float, bool, bool, type(None), str]
    empty = root.items[-1]
    assert isinstance(empty, Scalar) and empty.verbatim and where(empty.span) == (1, 35, 1, 37)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('{}[]:,"\\/*\n\r tfnul0123456789.eE-+ax'), max_size=60))
def test_random_json_like_text_only_raises_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_jsonc(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_random_text_only_raises_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_jsonc(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n\r", max_size=30), st.data())
def test_span_function_matches_document_span(text: str, data: st.DataObject) -> None:
    doc = Document(text=text, format="json")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert span_function(doc)(start, end) == doc.span(start, end)
