"""Every bundled pattern keeps its promise: generated tps are found in every context, fps are not."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml

from mcplint.detect import Detector
from mcplint.detect.patterns import (
    Pattern,
    PatternError,
    generate_example,
    load_pattern_file,
    parse_patterns,
    providers_dir,
)

DETECTOR = Detector.default()
PATTERNS: tuple[Pattern, ...] = DETECTOR.patterns.patterns
SAMPLES_PER_SPEC = 3


def _generated(pattern: Pattern) -> list[str]:
    rng = random.Random(f"mcplint:{pattern.id}")
    return [
        generate_example(spec, rng) for spec in pattern.examples.get("tp_generate", []) for _ in range(SAMPLES_PER_SPEC)
    ]


def _true_positives(pattern: Pattern) -> list[str]:
    return _generated(pattern) + list(pattern.examples.get("tp", []))


def _contexts(secret: str, key: str) -> list[tuple[str, str | None, str]]:
    """(text, key, expected secret text) in the shapes secrets take inside MCP configs."""
    return [
        (secret, key, secret),
        (json.dumps({"env": {key: secret}}), None, json.dumps(secret)[1:-1]),
        (f"{key}={secret}", None, secret),
        (f"{key}: {secret}", None, secret),
        (f"-e {key}={secret}", None, secret),
        (f"--token={secret}", key, secret),
        (f"Bearer {secret}", key, secret),
        # The header shape every HTTP server config uses, as a header value and as a header line.
        (f"Bearer {secret}", "Authorization", secret),
        (f"Authorization: Bearer {secret}", None, secret),
        (json.dumps({"headers": {"Authorization": f"Bearer {secret}"}}), None, json.dumps(secret)[1:-1]),
    ]


def _ids(patterns: tuple[Pattern, ...]) -> list[str]:
    return [p.id for p in patterns]


def test_bundled_providers_directory_has_patterns() -> None:
    assert providers_dir().is_dir()
    assert len(PATTERNS) >= 100


def test_pattern_ids_are_unique() -> None:
    ids = _ids(PATTERNS)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids(PATTERNS))
def test_pattern_has_true_positive_examples(pattern: Pattern) -> None:
    assert _true_positives(pattern), f"{pattern.id} has no tp examples"
    if pattern.key_regex is not None:
        assert pattern.applies_to_key(pattern.examples.get("key")), "examples.key must match key_regex"


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids(PATTERNS))
def test_true_positives_contain_a_keyword(pattern: Pattern) -> None:
    for secret in _true_positives(pattern):
        if pattern.keywords:
            assert any(k in secret.lower() for k in pattern.keywords), f"{pattern.id}: tp lacks keyword"


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids(PATTERNS))
def test_true_positives_found_in_every_context(pattern: Pattern) -> None:
    key = pattern.examples.get("key") or "API_TOKEN"
    for secret in _true_positives(pattern):
        for text, context_key, expected in _contexts(secret, key):
            if pattern.key_regex is not None and context_key is None and f"{key}" not in text:
                continue  # a name-bound pattern needs its name somewhere
            if pattern.key_regex is not None and context_key != key and key not in text:
                continue
            hits = [h for h in DETECTOR.scan(text, context_key) if h.pattern_id == pattern.id]
            assert hits, f"{pattern.id} missed in context {text[:24]!r}…"
            core = re.sub(r"(?:\\[nr]|\s)+$", "", expected)
            assert any(text[h.start : h.end] == core for h in hits) or pattern.secret_group, (
                f"{pattern.id}: span is not the secret in context {text[:24]!r}…"
            )


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids(PATTERNS))
def test_pattern_has_false_positive_examples(pattern: Pattern) -> None:
    assert pattern.examples.get("fp"), f"{pattern.id}: give the filler shapes it must not report"


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids(PATTERNS))
def test_false_positives_not_found(pattern: Pattern) -> None:
    key = pattern.examples.get("key")
    for example in pattern.examples.get("fp", []):
        assert DETECTOR.scan(example, key) == [], f"{pattern.id}: fp {example[:16]!r}… was reported"


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids(PATTERNS))
def test_pattern_is_not_fooled_by_references(pattern: Pattern) -> None:
    key = pattern.examples.get("key") or "API_TOKEN"
    for reference in ("${API_TOKEN}", "${env:API_TOKEN}", "${input:api_token}", "{env:API_TOKEN}"):
        assert DETECTOR.scan(reference, key) == []


def test_every_rules_file_loads_on_its_own() -> None:
    for path in sorted(Path(providers_dir()).glob("*.yaml")):
        assert load_pattern_file(path), f"{path.name} is empty"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "x", "description": "d", "regex": "a", "colour": 1}, "unknown keys"),
        ({"id": "x", "description": "d"}, "missing keys"),
        ({"id": "x", "description": "d", "regex": "("}, "does not compile"),
        ({"id": "Bad Id", "description": "d", "regex": "a"}, "id must be"),
        ({"id": "x", "description": "d", "regex": "a", "secret_group": 2}, "secret_group"),
        ({"id": "x", "description": "d", "regex": "a", "examples": {"tps": []}}, "unknown examples keys"),
        (
            {
                "id": "x",
                "description": "d",
                "regex": "a",
                "examples": {"tp_generate": [{"alphabet": "nope", "length": 3}]},
            },
            "bad tp_generate",
        ),
    ],
)
def test_invalid_patterns_are_rejected_with_file_and_id(entry: dict, message: str) -> None:
    with pytest.raises(PatternError) as excinfo:
        parse_patterns([entry], "custom.yaml")
    assert "custom.yaml" in str(excinfo.value)
    assert message in str(excinfo.value)


def test_extra_patterns_from_config_are_used() -> None:
    prefix = "acme" + "_live_"
    detector = Detector.default(
        extra_patterns=[
            {"id": "acme-key", "description": "Acme key", "regex": prefix + "[0-9a-f]{24}", "keywords": [prefix]}
        ]
    )
    rng = random.Random(5)
    secret = prefix + "".join(rng.choice("0123456789abcdef") for _ in range(24))
    assert [h.pattern_id for h in detector.scan(secret, None)] == ["acme-key"]


def test_duplicate_extra_pattern_id_is_rejected() -> None:
    with pytest.raises(PatternError, match="duplicate id"):
        Detector.default(extra_patterns=[{"id": "github-pat", "description": "again", "regex": "x", "keywords": ["x"]}])


def test_yaml_files_have_no_live_looking_literal_tps() -> None:
    """Literal tps are only allowed for shapes that cannot be live keys (PEM headers)."""
    for path in sorted(Path(providers_dir()).glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text()) or []:
            for literal in (entry.get("examples") or {}).get("tp", []):
                assert literal.startswith("-----BEGIN"), f"{path.name}:{entry['id']}: use tp_generate"
