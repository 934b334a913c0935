"""A value that carries a provider's prefix but fails that provider's pattern is not reported (class 9)."""

from __future__ import annotations

import random
import string

import pytest

from mcplint.detect import Detector

DETECTOR = Detector.default()
_RNG = random.Random("mcplint-test-detect-prefix")
STEMS = [stem for stem, _ in DETECTOR._prefix_claims]
PLACEMENTS = [("{v}", "API_TOKEN"), ("Bearer {v}", "Authorization"), ("--api-key={v}", None), ('{{"SERVICE_TOKEN": "{v}"}}', None)]


def _body(length: int = 14) -> str:
    """Random, credential-shaped, but far too short for any provider's real format."""
    chars = [_RNG.choice(string.ascii_lowercase), _RNG.choice(string.ascii_uppercase), _RNG.choice(string.digits)]
    chars += [_RNG.choice(string.ascii_letters + string.digits) for _ in range(length - 3)]
    return "".join(chars)


def test_every_prefix_claim_belongs_to_a_bundled_pattern() -> None:
    ids = {p.id for p in DETECTOR.patterns.patterns}
    assert len(STEMS) >= 40
    assert all(pattern_id in ids for _, pattern_id in DETECTOR._prefix_claims)
    assert "sk" not in STEMS  # shared by many formats: claims nothing


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize(("template", "key"), PLACEMENTS)
def test_prefixed_stand_in_is_not_reported(stem: str, template: str, key: str | None) -> None:
    body = _body() + _body()
    control = template.format(v="Z" + body)
    assert [h.pattern_id for h in DETECTOR.scan(control, key)] == ["secret-named-value"], "control must be reported"
    for separator in ("-", "_"):
        value = template.format(v=f"{stem}{separator}{body}")
        # The provider's own pattern may accept the shape; the name-aware fallback never adds one.
        assert [h for h in DETECTOR.scan(value, key) if h.pattern_id == "secret-named-value"] == [], value


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("glpat_hello" + "W0rld" * 3, "GITLAB_PERSONAL_ACCESS_TOKEN"),
        ("sk-ant-api02-notarealkey", "ANTHROPIC_API_KEY"),
        ("hf_FakeFakeFakeFake" + "Q9", "HF_TOKEN"),
        ("ghp_" + "Ab3" * 5, "GITHUB_TOKEN"),
    ],
)
def test_issue_examples(value: str, key: str) -> None:
    assert DETECTOR.scan(value, key) == []


def test_a_real_token_with_the_prefix_is_still_reported(secret) -> None:  # noqa: ANN001
    for pattern_id in ("gitlab-pat", "anthropic-api-key", "huggingface-token"):
        token = secret(pattern_id)
        assert [h.pattern_id for h in DETECTOR.scan(token, "API_TOKEN")] == [pattern_id]
