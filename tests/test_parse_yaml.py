"""YAML parser: exact spans from PyYAML marks, comments, aliases, errors."""

from __future__ import annotations

import codecs
import contextlib

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mcplint.parse import decode, parse
from mcplint.parse import yaml as yaml_parser
from mcplint.parse.document import Mapping, ParseError, Scalar, Sequence, Span, walk
from mcplint.parse.yaml import MAX_EXPANDED_NODES, parse_yaml

CONFIG = """# Continue config
name: assistant
mcpServers:
  - name: github   # the GitHub server
    command: npx
    env:
      GITHUB_TOKEN: "ghp_abc"
      SINGLE: 'it''s'
      EMPTY:
      NUM: 8080
    script: |
      echo hi # not a comment
url: "http://x/#frag" # trailing
"""


def where(span: Span) -> tuple[int, int, int, int]:
    return span.line, span.col, span.end_line, span.end_col


def test_keys_and_values_have_exact_spans() -> None:
    doc = parse(CONFIG, "yaml")
    server = doc.root.get("mcpServers").items[0]
    env = server.get("env")
    key = env.key("GITHUB_TOKEN")
    assert where(key.span) == (7, 7, 7, 19)
    token = env.get("GITHUB_TOKEN")
    assert token.value == "ghp_abc" and token.style == '"' and token.verbatim
    assert where(token.span) == (7, 21, 7, 30)
    assert token.source_offset(0) == CONFIG.index("ghp_abc")
    single = env.get("SINGLE")
    assert single.value == "it's" and single.style == "'" and not single.verbatim
    assert env.get("EMPTY").value is None
    assert env.get("NUM").value == "8080"  # core types are not resolved
    script = server.get("script")
    assert script.style == "|" and script.value == "echo hi # not a comment\n"
    assert where(script.span) == (11, 13, 12, 30)
    assert script.verbatim and CONFIG[script.content_start : script.content_start + 7] == "echo hi"


def test_comments_outside_scalars_are_recovered() -> None:
    doc = parse(CONFIG, "yaml")
    assert [c.text for c in doc.comments] == [" Continue config", " the GitHub server", " trailing"]
    assert where(doc.comments[1].span) == (4, 20, 4, 39)


def test_marks_are_character_offsets_with_non_ascii() -> None:
    text = 'é😀: ü\nkey: "ab😀c"  # ç\n'
    doc = parse(text, "yaml")
    assert doc.root.entries[0][0].text == "é😀"
    value = doc.root.get("key")
    assert text[value.span.start : value.span.end] == '"ab😀c"'
    assert where(value.span) == (2, 6, 2, 12)
    assert where(doc.comments[0].span) == (2, 14, 2, 17)


def test_python_loader_fallback_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "é: [ü, {k: 'v'}]\n"
    fast = parse(text, "yaml")
    monkeypatch.setattr(yaml_parser, "Loader", yaml.SafeLoader)
    slow = parse(text, "yaml")
    assert [(p, n.span) for p, n in walk(fast.root)] == [(p, n.span) for p, n in walk(slow.root)]


def test_multi_document_gives_one_root_each() -> None:
    doc = parse("a: 1\n---\n- b\n---\n", "yaml")
    assert len(doc.roots) == 3
    assert isinstance(doc.roots[0], Mapping) and isinstance(doc.roots[1], Sequence)
    assert isinstance(doc.roots[2], Scalar) and doc.roots[2].value is None


def test_duplicate_keys_and_merge_keys_are_kept() -> None:
    doc = parse("base: &b {x: 1}\nk: 1\nk: 2\nm:\n  <<: *b\n  y: 2\n", "yaml")
    assert [k.text for k, _ in doc.root.entries] == ["base", "k", "k", "m"]
    merged = doc.root.get("m")
    assert merged.entries[0][0].text == "<<"
    assert merged.get("<<") is doc.root.get("base")


def test_aliases_expand_to_the_anchored_node() -> None:
    doc = parse("env: &e\n  TOKEN: abc\nother: *e\n", "yaml")
    assert doc.root.get("other").get("TOKEN").value == "abc"
    assert where(doc.root.get("other").get("TOKEN").span) == (2, 10, 2, 13)


def test_billion_laughs_is_bounded() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    try:
        doc = parse("\n".join(lines) + "\n", "yaml")
    except ParseError as error:
        assert "alias expansion too large" in error.message
    else:  # if it parses, the tree must be bounded
        assert sum(1 for _ in walk(doc.root)) <= MAX_EXPANDED_NODES + 200


def test_recursive_alias_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="recursive alias") as raised:
        parse("a: &x\n  b: *x\n", "yaml")
    assert (raised.value.line, raised.value.col) == (2, 6)


def test_custom_tags_do_not_fail() -> None:
    doc = parse("Value: !Ref MyParam\nData: !!binary aGVsbG8=\nT: !!str 12\n", "yaml")
    ref = doc.root.get("Value")
    assert ref.value == "MyParam" and where(ref.span) == (1, 13, 1, 20) and ref.verbatim
    assert doc.root.get("Data").value == "aGVsbG8="


def test_syntax_error_position() -> None:
    with pytest.raises(ParseError) as raised:
        parse("a: 1\nb: [1, 2\nc: 3\n", "yaml")
    assert raised.value.line == 3


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_text_has_no_roots(text: str) -> None:
    assert parse(text, "yaml").roots == []


@pytest.mark.parametrize("loader", [yaml_parser.Loader, yaml.SafeLoader])
def test_deep_nesting_is_a_parse_error(monkeypatch: pytest.MonkeyPatch, loader: type) -> None:
    monkeypatch.setattr(yaml_parser, "Loader", loader)
    for text in ("[" * 10_000 + "]" * 10_000, "- " * 10_000 + "x\n"):
        with pytest.raises(ParseError, match="nesting"):
            parse(text, "yaml")


@pytest.mark.parametrize("loader", [yaml_parser.Loader, yaml.SafeLoader])
@pytest.mark.parametrize("text", ["a: 'unterminated\n", "\x00\x01\x02", "key: value\n\tbad: tab\n", "a: *missing\n"])
def test_bad_input_only_raises_parse_error(monkeypatch: pytest.MonkeyPatch, loader: type, text: str) -> None:
    monkeypatch.setattr(yaml_parser, "Loader", loader)
    with pytest.raises(ParseError):
        parse(text, "yaml")


def test_crlf_and_bom_through_decode() -> None:
    data = codecs.BOM_UTF8 + b"a: 1\r\nb: two # c\r\n"
    doc = parse(decode(data), "yaml")
    assert where(doc.root.get("b").span) == (2, 4, 2, 7)
    assert doc.comments[0].text == " c" and where(doc.comments[0].span) == (2, 8, 2, 11)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc:-?[]{},&*!|>'\"#\n \t%@`~01."), max_size=60))
def test_random_yaml_like_text_only_raises_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_yaml(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_random_text_only_raises_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_yaml(text)
