"""dotenv parser: spans of names and values, quoting, export, comments, CRLF."""

from __future__ import annotations

import codecs
import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from mcplint.parse import decode, parse
from mcplint.parse.document import Mapping, ParseError, Span
from mcplint.parse.dotenv import parse_dotenv

ENV = """# GitHub MCP server
GITHUB_TOKEN=ghp_abc123
export OPENAI_API_KEY = "sk-x\\ny"  # quoted
PLAIN=value with spaces   # inline comment
HASH=abc#def
SINGLE='lit\\n $HOME'
TICK=`cmd`
EMPTY=
MULTI="line one
line two"
this line is not an assignment
GITHUB_TOKEN=second
"""


def where(span: Span) -> tuple[int, int, int, int]:
    return span.line, span.col, span.end_line, span.end_col


def test_names_and_values_have_exact_spans() -> None:
    doc = parse(ENV, "dotenv")
    root = doc.root
    assert isinstance(root, Mapping)
    key, value = root.entries[0]
    assert key.text == "GITHUB_TOKEN" and where(key.span) == (2, 1, 2, 13)
    assert value.value == "ghp_abc123" and where(value.span) == (2, 14, 2, 24)
    assert value.verbatim and value.source_offset(4) == ENV.index("abc123")
    assert where(root.key("OPENAI_API_KEY").span) == (3, 8, 3, 22)
    openai = root.get("OPENAI_API_KEY")
    assert openai.value == "sk-x\ny" and openai.style == '"' and not openai.verbatim
    assert where(openai.span) == (3, 25, 3, 34)


def test_quoting_rules() -> None:
    root = parse(ENV, "dotenv").root
    assert root.get("PLAIN").value == "value with spaces"
    assert where(root.get("PLAIN").span) == (4, 7, 4, 24)
    assert root.get("HASH").value == "abc#def"
    single = root.get("SINGLE")
    assert single.value == "lit\\n $HOME" and single.style == "'" and single.verbatim
    assert root.get("TICK").value == "cmd" and root.get("TICK").style == "`"
    empty = root.get("EMPTY")
    assert empty.value == "" and where(empty.span) == (8, 7, 8, 7)
    multi = root.get("MULTI")
    assert multi.value == "line one\nline two" and where(multi.span) == (9, 7, 10, 10)


def test_duplicates_kept_and_non_assignments_skipped() -> None:
    root = parse(ENV, "dotenv").root
    names = [k.text for k, _ in root.entries]
    assert names == [
        "GITHUB_TOKEN",
        "OPENAI_API_KEY",
        "PLAIN",
        "HASH",
        "SINGLE",
        "TICK",
        "EMPTY",
        "MULTI",
        "GITHUB_TOKEN",
    ]
    assert root.get("GITHUB_TOKEN").value == "second"


def test_comments_are_recorded() -> None:
    doc = parse(ENV, "dotenv")
    assert [c.text for c in doc.comments] == [" GitHub MCP server", " quoted", " inline comment"]
    assert where(doc.comments[1].span) == (3, 36, 3, 44)


def test_crlf_bom_and_utf16() -> None:
    text = "A=one\r\nB = 'two'  # c\r\n"
    for data in (codecs.BOM_UTF8 + text.encode(), codecs.BOM_UTF16_LE + text.encode("utf-16-le")):
        doc = parse(decode(data), "dotenv")
        assert doc.root.get("A").value == "one" and where(doc.root.get("A").span) == (1, 3, 1, 6)
        assert where(doc.root.get("B").span) == (2, 5, 2, 10)
        assert where(doc.comments[0].span) == (2, 12, 2, 15)


def test_non_ascii_columns_are_characters() -> None:
    doc = parse("NAME=é😀 # ü\nK=v\n", "dotenv")
    assert where(doc.root.get("NAME").span) == (1, 6, 1, 8)
    assert where(doc.comments[0].span) == (1, 9, 1, 12)


def test_unclosed_quote_is_read_to_end_of_line() -> None:
    doc = parse('TOKEN="abc\nNEXT=1\n', "dotenv")
    token = doc.root.get("TOKEN")
    assert token.value == "abc" and where(token.span) == (1, 7, 1, 11)
    assert doc.root.get("NEXT").value == "1"


def test_empty_and_comment_only() -> None:
    assert parse("", "dotenv").root.entries == []
    doc = parse("  # only\n", "dotenv")
    assert doc.root.entries == [] and where(doc.comments[0].span) == (1, 3, 1, 9)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("AB_=#'\"`\\ \t\r\nxport"), max_size=60))
def test_random_env_like_text_parses(text: str) -> None:
    doc = parse_dotenv(text)
    for key, value in doc.root.entries:
        assert text[key.span.start : key.span.end] == key.text
        assert value.span.start <= value.span.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_random_text_only_raises_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_dotenv(text)
