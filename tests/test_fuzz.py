"""Fuzzing (hypothesis): random and mutated inputs never raise out of mcplint's parsers or scans,
always give a valid SARIF document, and a malformed file never hides findings in other files.

Seeds are the client templates of ``test_end_to_end`` (always available) plus the real configs of
the shared corpora (``tests/shared_paths.py``) when present. Inputs that once crashed mcplint live in
``tests/fixtures/regressions/<case>/`` and are replayed by every run.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_paths import CORPUS as SHARED_CORPUS

from mcplint.parse import FORMATS, decode, parse
from mcplint.parse.document import ParseError
from mcplint.parse.recover import recover_pairs
from mcplint.pipeline import scan
from mcplint.reporters import render
from mcplint.settings.values import Settings
from tests.test_end_to_end import CLIENT_FILES

HERE = Path(__file__).parent
REGRESSIONS = HERE / "fixtures" / "regressions"
CORPUS = [SHARED_CORPUS / "wild" / "files", SHARED_CORPUS / "dev" / "repos"]
SUFFIX_FORMAT = {".json": "jsonc", ".jsonc": "jsonc", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("MCPLINT_FUZZ_PROFILE", "ci")


def fuzz_settings(examples: int):
    """``examples`` in CI; the ``long`` profile (MCPLINT_FUZZ_PROFILE=long) runs 5 000 per test."""
    count = 5000 if PROFILE == "long" else examples
    return settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck))


def _format_of(path: Path) -> str | None:
    if path.name.startswith(".env") or path.suffix == ".env":
        return "dotenv"
    return SUFFIX_FORMAT.get(path.suffix.lower())


def _seeds() -> list[tuple[str, str, bytes]]:
    """(relpath to write it at, parser format, content) for every seed."""
    secret = "ghp_" + "Zq8Xk2Lm4Np6Rt8Vw0Yb3Cd5Ef7Gh9Jk1Mn3P"[:36]
    seeds = [
        (relpath, _format_of(Path(relpath)) or "jsonc", template.replace("{secret}", secret).encode())
        for relpath, template in CLIENT_FILES.values()
    ]
    seeds.append((".env", "dotenv", b"GITHUB_TOKEN=" + secret.encode() + b"\nexport X='y' # c\nMULTI=\"a\nb\"\n"))
    for base in CORPUS:
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            fmt = _format_of(path)
            if fmt and path.is_file() and path.stat().st_size < 64_000:
                seeds.append((f"{fmt}-seed/{path.name}", fmt, path.read_bytes()))
    return seeds


SEEDS = _seeds()
TOKENS = [b"{", b"}", b"[", b"]", b'"', b"'", b":", b",", b"=", b"\n", b"#", b"//", b"/*", b"*/", b"- ", b"&a ",
          b"*a", b"!!python/object ", b"<<: ", b"[[x]]", b"\\", b"\\u", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00",
          b"\t", b"\r", b"${", b"${env:", b"}}", b"%", b"\"\"\"", b"'''", b"---\n", b"...\n", b"? ", b"|\n",
          b">-\n", b"0x", b"1e999", b"-inf", b"nan", b"true", b"null", b"\xf0\x9f\x99\x82", b"\xc3", "\u2028".encode()]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """A seed with a few random edits: deletions, insertions of syntax tokens, duplications, flips."""
    relpath, fmt, data = draw(st.sampled_from(SEEDS))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(buffer)))
        op = draw(st.sampled_from(["delete", "insert", "token", "duplicate", "flip", "truncate"]))
        if op == "delete":
            del buffer[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=12))
        elif op == "token":
            buffer[at:at] = draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 3))
        elif op == "duplicate":
            buffer[at:at] = buffer[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 4))
        elif op == "flip" and buffer:
            index = min(at, len(buffer) - 1)
            buffer[index] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del buffer[at:]
    return relpath, fmt, bytes(buffer)


def _parse_or_parse_error(text: str, fmt: str) -> None:
    with contextlib.suppress(ParseError):
        parse(text, fmt)
    recover_pairs(text, fmt)  # the fallback for broken files must take anything


# --- parsers -----------------------------------------------------------------------------------


@fuzz_settings(150)
@given(st.binary(max_size=400))
def test_decode_raises_only_parse_error(data: bytes) -> None:
    try:
        text = decode(data)
    except ParseError:
        return
    assert isinstance(text, str) and "\x00" not in text


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz_settings(120)
@given(text=st.text(alphabet=st.sampled_from(list('{}[]":,=#\n \t-*&!|>\'ak1.\\$/') + ["\u2028", "é"]), max_size=200))
def test_parsers_take_random_syntax_soup(fmt: str, text: str) -> None:
    _parse_or_parse_error(text, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz_settings(60)
@given(text=st.text(max_size=300))
def test_parsers_take_random_unicode(fmt: str, text: str) -> None:
    _parse_or_parse_error(text, fmt)


@fuzz_settings(250)
@given(mutated())
def test_parsers_take_mutated_real_configs(case: tuple[str, str, bytes]) -> None:
    _relpath, fmt, data = case
    try:
        text = decode(data)
    except ParseError:
        return
    for each in {fmt, "jsonc", "yaml", "toml", "dotenv"}:
        _parse_or_parse_error(text, each)


# --- whole scans -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


GOOD_RELPATH = ".cursor/mcp.json"


def _good_file(root: Path, rng: random.Random) -> str:
    """A well-formed config with a live-looking secret that must always be found."""
    secret = "ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36))
    (root / ".cursor").mkdir(parents=True, exist_ok=True)
    (root / GOOD_RELPATH).write_text(json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret}}}}))
    return secret


def check_scan(root: Path, validator, secret: str | None) -> None:
    """Scan ``root``; nothing raises, SARIF validates, the good file's secret is reported, not printed."""
    result = scan([root], Settings())
    outputs = {fmt: render(fmt, result) for fmt in ("text", "json", "sarif", "github")}
    outputs["verbose"] = render("text", result, verbose=True)
    errors = list(validator.iter_errors(json.loads(outputs["sarif"])))
    assert not errors, [e.message for e in errors[:3]]
    json.loads(outputs["json"])
    if secret is not None:
        assert any(f.path == GOOD_RELPATH and f.rule_id == "MCP001" for f in result.findings), result.diagnostics
        assert all(secret not in text for text in outputs.values())


@fuzz_settings(60)
@given(cases=st.lists(mutated(), min_size=1, max_size=3), seed=st.integers(0, 2**32))
def test_scans_of_mutated_trees_never_crash_and_hide_nothing(
    tmp_path_factory: pytest.TempPathFactory, sarif_validator, cases: list, seed: int
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    for index, (relpath, _fmt, data) in enumerate(cases):
        target = root / (relpath if index == 0 else f"more{index}/{relpath}")
        if target.as_posix().endswith(GOOD_RELPATH):
            target = target.with_name("other.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    secret = _good_file(root, random.Random(seed))
    check_scan(root, sarif_validator, secret)


@fuzz_settings(40)
@given(
    relpath=st.sampled_from([relpath for relpath, _ in CLIENT_FILES.values()] + [".env", "docker-compose.yml"]),
    data=st.binary(max_size=300),
)
def test_scans_of_random_bytes_under_config_names(
    tmp_path_factory: pytest.TempPathFactory, sarif_validator, relpath: str, data: bytes
) -> None:
    root = tmp_path_factory.mktemp("bytes")
    (root / relpath).parent.mkdir(parents=True, exist_ok=True)
    (root / relpath).write_bytes(data)
    check_scan(root, sarif_validator, _good_file(root, random.Random(len(data))) if relpath != GOOD_RELPATH else None)


# --- regressions: every input that once broke mcplint -------------------------------------------

REGRESSION_CASES = sorted(p for p in REGRESSIONS.iterdir() if p.is_dir()) if REGRESSIONS.is_dir() else []


@pytest.mark.parametrize("case", REGRESSION_CASES, ids=[p.name for p in REGRESSION_CASES])
def test_regression_inputs(case: Path, sarif_validator, tmp_path: Path) -> None:
    for path in case.rglob("*"):
        if path.is_file() and path.name != "README.md":
            data = path.read_bytes()
            try:
                text = decode(data)
            except ParseError:
                continue
            for fmt in FORMATS:
                _parse_or_parse_error(text, fmt)
    check_scan(case, sarif_validator, None)


def test_regression_fixtures_exist() -> None:
    assert REGRESSION_CASES, "tests/fixtures/regressions/ holds the inputs that once crashed mcplint"
