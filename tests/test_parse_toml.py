"""TOML parser: exact spans for tables, dotted keys, arrays and strings; tomllib error positions."""

from __future__ import annotations

import contextlib

import pytest
import tomllib
from hypothesis import given, settings
from hypothesis import strategies as st

from mcplint.parse import parse
from mcplint.parse.document import Mapping, ParseError, Scalar, Sequence, Span
from mcplint.parse.toml import parse_toml

CONFIG = """# Codex config
model = "o3"

[mcp_servers.github]
command = "npx"  # launcher
args = [
  "-y",  # yes
  '@modelcontextprotocol/server-github',
]

[mcp_servers.github.env]
GITHUB_TOKEN = "ghp_abc\\u00e9"
"quoted.key" = 'C:\\path'
"""


def where(span: Span) -> tuple[int, int, int, int]:
    return span.line, span.col, span.end_line, span.end_col


def plain(node):
    if isinstance(node, Mapping):
        return {k.text: plain(v) for k, v in node.entries}
    if isinstance(node, Sequence):
        return [plain(i) for i in node.items]
    return node.value


def test_nested_tables_have_exact_key_and_value_spans() -> None:
    doc = parse(CONFIG, "toml")
    servers = doc.root.get("mcp_servers")
    assert where(doc.root.key("mcp_servers").span) == (4, 2, 4, 13)
    github = servers.get("github")
    assert where(servers.key("github").span) == (4, 14, 4, 20)
    env = github.get("env")
    assert where(github.key("env").span) == (11, 21, 11, 24)
    token = env.get("GITHUB_TOKEN")
    assert token.value == "ghp_abcé" and not token.verbatim
    assert where(env.key("GITHUB_TOKEN").span) == (12, 1, 12, 13)
    assert where(token.span) == (12, 16, 12, 31)
    literal = env.get("quoted.key")
    assert literal.value == "C:\\path" and literal.verbatim and literal.style == "'"
    assert where(env.key("quoted.key").span) == (13, 1, 13, 13)
    args = github.get("args")
    assert isinstance(args, Sequence) and where(args.span) == (6, 8, 9, 2)
    assert where(args.items[1].span) == (8, 3, 8, 40)
    assert plain(doc.root) == tomllib.loads(CONFIG)


def test_comments_are_recorded() -> None:
    doc = parse(CONFIG, "toml")
    assert [c.text for c in doc.comments] == [" Codex config", " launcher", " yes"]
    assert where(doc.comments[1].span) == (5, 18, 5, 28)


def test_arrays_of_tables_inline_tables_and_dotted_keys() -> None:
    text = (
        "[[servers]]\nname = 'a'\nenv = { TOKEN = \"t1\", nested.deep = 1 }\n"
        "[[servers]]\nname = 'b'\nsite.url = \"https://x\"\n[servers.extra]\nk = true\n"
    )
    doc = parse(text, "toml")
    servers = doc.root.get("servers")
    assert isinstance(servers, Sequence) and len(servers.items) == 2
    first, second = servers.items
    assert where(first.get("env").get("TOKEN").span) == (3, 17, 3, 21)
    assert first.get("env").get("nested").get("deep").value == 1
    assert where(second.get("site").get("url").span) == (6, 12, 6, 23)
    assert where(second.key("site").span) == (6, 1, 6, 5)
    assert second.get("extra").get("k").value is True
    assert plain(doc.root) == tomllib.loads(text)


def test_multiline_strings() -> None:
    text = 'a = """\nline1\nline2"""\nb = """\\\n    folded \\\n    text"""\nc = \'\'\'\nraw \\n\'\'\'\nd = """q""""\n'
    doc = parse(text, "toml")
    a, b, c, d = (doc.root.get(k) for k in "abcd")
    assert a.value == "line1\nline2" and a.verbatim and a.source_offset(0) == text.index("line1")
    assert where(a.span) == (1, 5, 3, 9)
    assert b.value == "folded text" and not b.verbatim
    assert c.value == "raw \\n" and c.verbatim
    assert d.value == 'q"'
    assert plain(doc.root) == tomllib.loads(text)


def test_numbers_bools_and_dates() -> None:
    text = "i = 1_000\nh = 0xff\nf = -1.5e3\nn = inf\nb = false\nd = 1979-05-27T07:32:00Z\nt = 07:32:00\n"
    root = parse(text, "toml").root
    assert [root.get(k).value for k in "ihfbdt"] == [1000, 255, -1500.0, False, "1979-05-27T07:32:00Z", "07:32:00"]
    assert root.get("n").value == float("inf")
    assert where(root.get("d").span) == (6, 5, 6, 25)


def test_implicit_table_defined_later_reuses_the_mapping() -> None:
    doc = parse("[a.b]\nx = 1\n[a]\ny = 2\n", "toml")
    a = doc.root.get("a")
    assert [k.text for k, _ in doc.root.entries] == ["a"]
    assert [k.text for k, _ in a.entries] == ["b", "y"]
    assert where(a.span) == (3, 1, 4, 6)


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a = 1\nb = \n", 2, 5),
        ("a = 1\na = 2\n", 2, 6),
        ('a = "open\n', 1, 10),
        ("[t]\n[t]\n", 2, 3),
    ],
)
def test_tomllib_errors_become_positioned_parse_errors(text: str, line: int, col: int) -> None:
    with pytest.raises(ParseError) as raised:
        parse(text, "toml")
    assert (raised.value.line, raised.value.col) == (line, col)
    assert "(at line" not in raised.value.message


def test_error_at_end_of_document_points_at_the_end() -> None:
    with pytest.raises(ParseError) as raised:
        parse('a = 1\nb = """open', "toml")
    assert (raised.value.line, raised.value.col) == (2, 12)


def test_empty_and_comment_only() -> None:
    empty = parse("", "toml")
    assert isinstance(empty.root, Mapping) and empty.root.entries == []
    only_comment = parse("# hello\r\n", "toml")
    assert [c.text for c in only_comment.comments] == [" hello"]
    assert where(only_comment.comments[0].span) == (1, 1, 1, 8)


def test_deep_nesting_and_garbage_give_parse_error() -> None:
    with pytest.raises(ParseError):
        parse("a = " + "[" * 10_000 + "]" * 10_000, "toml")
    with pytest.raises(ParseError):
        parse(bytes(range(256)).decode("latin-1"), "toml")


def test_multiline_string_newlines_are_normalised_like_tomllib() -> None:
    text = "a = \"\"\"\r\nx\r\ny\"\"\"\r\nb = '''x\r\ny'''\r\n"
    root = parse(text, "toml").root
    assert root.get("a").value == root.get("b").value == "x\ny" == tomllib.loads(text)["a"]
    assert not root.get("a").verbatim
    assert where(root.get("a").span) == (1, 5, 3, 5)


def test_crlf_and_non_ascii() -> None:
    text = '["é"]\r\nkey = "ü"  # c\r\n'
    doc = parse(text, "toml")
    assert where(doc.root.key("é").span) == (1, 2, 1, 5)
    value = doc.root.get("é").get("key")
    assert isinstance(value, Scalar) and where(value.span) == (2, 7, 2, 10)
    assert doc.comments[0].text == " c" and where(doc.comments[0].span) == (2, 12, 2, 15)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.=[]{}\"',#\n 1-:xe+_"), max_size=60))
def test_random_toml_like_text_only_raises_parse_error(text: str) -> None:
    try:
        doc = parse_toml(text)
    except ParseError:
        return
    assert plain(doc.root) == tomllib.loads(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_random_text_only_raises_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_toml(text)
