"""No ReDoS: every bundled pattern stays fast on adversarial 1 MiB lines, and user patterns that
would backtrack catastrophically are rejected when the configuration is loaded."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcplint.detect import Detector
from mcplint.detect.patterns import PatternError, parse_patterns
from mcplint.detect.regex_safety import (
    TRIAL_BYTES,
    UnsafeRegexError,
    adversarial_inputs,
    check_regex,
    static_problem,
)
from mcplint.settings.load import ConfigError, load_settings

REPO = Path(__file__).resolve().parent.parent
PATTERNS = Detector.default().patterns.patterns
BOUND_SECONDS = 2.0  # a safety bound per 1 MiB input, not a performance target
CATASTROPHIC = [r"(a+)+$", r"(a|aa)*c", r"(\w+\s?)*$", r"(a|a)*b", r"((ab)+)+$", r"(a+ba+)+$", r"(x|y+)*z"]

# Runs in a child so that a catastrophic pattern makes the test fail at its timeout instead of
# hanging: prints one JSON line per (pattern, input) with the elapsed seconds.
_TIMER = textwrap.dedent(
    """
    import json, sys, time
    from mcplint.detect import Detector
    from mcplint.detect.regex_safety import adversarial_inputs
    shard, shards = int(sys.argv[1]), int(sys.argv[2])
    for index, pattern in enumerate(Detector.default().patterns.patterns):
        if index % shards != shard:
            continue
        regexes = [pattern.regex.pattern] + ([pattern.key_regex.pattern] if pattern.key_regex else [])
        for regex in regexes:
            for number, text in enumerate(adversarial_inputs(regex)):
                print(json.dumps({"id": pattern.id, "regex": regex, "input": number}), flush=True)
                start = time.perf_counter()
                if regex == pattern.regex.pattern:
                    for _ in pattern.regex.finditer(text):
                        pass
                    list(pattern.find(text))  # the post-checks (entropy, JWT claims) on every match too
                else:
                    pattern.applies_to_key(text)  # a key name can be a 1 MiB line too
                elapsed = time.perf_counter() - start
                print(json.dumps({"id": pattern.id, "input": number, "seconds": elapsed, "size": len(text)}),
                      flush=True)
    """
)


def test_every_bundled_pattern_is_fast_on_adversarial_1mib_lines() -> None:
    shards = 2
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _TIMER, str(shard), str(shards)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        for shard in range(shards)
    ]
    timings: list[dict] = []
    for child in children:
        try:
            out, _ = child.communicate(timeout=150)
        except subprocess.TimeoutExpired:
            child.kill()
            out, _ = child.communicate()
            last = [json.loads(line) for line in out.splitlines()][-1]
            pytest.fail(f"pattern {last['id']} hung on adversarial input {last['input']} ({last.get('regex')})")
        assert child.returncode == 0
        timings += [entry for entry in map(json.loads, out.splitlines()) if "seconds" in entry]
    measured = {entry["id"] for entry in timings}
    assert measured == {p.id for p in PATTERNS}
    assert all(entry["size"] > TRIAL_BYTES for entry in timings)
    slow = [entry for entry in timings if entry["seconds"] > BOUND_SECONDS]
    assert not slow, f"patterns over {BOUND_SECONDS} s on a 1 MiB line: {slow}"
    print(f"\n{len(timings)} adversarial 1 MiB searches; slowest {max(e['seconds'] for e in timings):.3f} s")


def test_adversarial_inputs_use_the_patterns_own_alphabet_and_prefix() -> None:
    inputs = adversarial_inputs(r"(?<![\w-])ghp_[0-9A-Za-z]{36}(?![\w-])", size=1000)
    assert any(text.startswith("ghp_ghp_ghp_") for text in inputs)  # near-miss prefixes
    assert any(text.startswith("ghp_") and text[4:40] == text[4] * 36 for text in inputs)  # prefix + long run
    assert any(set(text[:-1]) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-") for text in inputs)


def test_bundled_patterns_pass_the_static_analysis() -> None:
    """The analysis user patterns must pass does not reject any shipped pattern either."""
    problems = {
        p.id: static_problem(regex)
        for p in PATTERNS
        for regex in [p.regex.pattern] + ([p.key_regex.pattern] if p.key_regex else [])
        if static_problem(regex)
    }
    assert not problems


@pytest.mark.parametrize("regex", CATASTROPHIC)
def test_catastrophic_regexes_are_found_statically(regex: str) -> None:
    assert static_problem(regex) is not None
    with pytest.raises(UnsafeRegexError, match="backtrack catastrophically"):
        check_regex(regex, trial=False)


@pytest.mark.parametrize(
    "regex",
    [
        r"acme_[0-9a-f]{32}",
        r"(?<![\w-])tok_(?:live|test)_[A-Za-z0-9]{24,40}(?![\w-])",
        r"(\.[a-z]+)+",  # separator first: each iteration is determined
        r"(?:\\+[nr]|\s)*-----END",  # alternatives with disjoint first characters
        r"(a++)+$",  # possessive: never backtracks
        r"(?>a+)+$",  # atomic group
        r"(?:x(a+)+)+",  # nothing after the loops can fail
    ],
)
def test_safe_regexes_pass_the_static_analysis(regex: str) -> None:
    assert static_problem(regex) is None


@pytest.mark.parametrize("regex", [r"(a+)+$", r"(a|aa)*c", r"(\w+\s?)*$"])
def test_user_pattern_that_backtracks_is_rejected_at_load(regex: str) -> None:
    entry = {"id": "acme-key", "description": "Acme key", "regex": regex, "keywords": ["a"]}
    with pytest.raises(PatternError) as excinfo:
        parse_patterns([entry], "config: extra patterns")
    message = str(excinfo.value)
    assert "acme-key" in message and regex in message and "backtrack catastrophically" in message
    assert "possessive" in message  # says how to fix it
    with pytest.raises(PatternError, match="backtrack catastrophically"):
        Detector.default(extra_patterns=[entry])


def test_user_key_regex_is_checked_too() -> None:
    entry = {"id": "acme-key", "description": "d", "regex": "acme_[a-z]{8}", "key_regex": r"(\w+\s?)*$"}
    with pytest.raises(PatternError, match="key_regex .* backtrack catastrophically"):
        parse_patterns([entry], "cfg")


def test_config_file_with_backtracking_pattern_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / ".mcplint.yaml"
    config.write_text("extra-patterns:\n  - {id: acme-key, description: Acme, regex: '(a|aa)*c', keywords: [a]}\n")
    with pytest.raises(ConfigError) as excinfo:
        load_settings(config)
    assert "extra-patterns" in str(excinfo.value) and "backtrack catastrophically" in str(excinfo.value)


def test_cli_refuses_a_backtracking_pattern_with_exit_code_2(tmp_path: Path) -> None:
    config = tmp_path / ".mcplint.yaml"
    config.write_text("extra-patterns:\n  - {id: acme-key, description: Acme, regex: '(a+)+$', keywords: [a]}\n")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", str(tmp_path), "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "backtrack catastrophically" in done.stderr and "acme-key" in done.stderr
    assert "Traceback" not in done.stderr
    assert time.perf_counter() - started < 30


def test_polynomial_backtracking_is_caught_by_the_timed_trial() -> None:
    """``\\w+\\w+$`` has no nested loop (static analysis passes) but is cubic: the trial rejects it."""
    regex = r"\w+\w+$"
    assert static_problem(regex) is None
    started = time.perf_counter()
    with pytest.raises(UnsafeRegexError, match="too slow on adversarial input"):
        check_regex(regex)
    assert time.perf_counter() - started < 20  # the child is killed at the deadline


def test_safe_user_pattern_is_accepted_after_the_trial() -> None:
    entry = {"id": "acme-key", "description": "Acme", "regex": r"(?<![\w-])acme_[0-9a-f]{32}(?![\w-])",
             "keywords": ["acme_"]}
    assert [p.id for p in parse_patterns([entry], "cfg")] == ["acme-key"]


# --- soundness of the static analysis: what it accepts does not blow up exponentially ---------

_ATOMS = st.sampled_from(["a", "b", "[ab]", r"\w", "."])


def _regexes() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{1,3}"])).map(lambda p: f"(?:{p[0]}){p[1]}"),
        )

    return st.recursive(_ATOMS, extend, max_leaves=6).map(lambda body: body + "$")


_EXP_CHILD = textwrap.dedent(
    """
    import re, sys
    regex = sys.stdin.read()
    compiled = re.compile(regex)
    for char in "ab":
        for size in (10, 20, 28):
            compiled.search(char * size + "!")
            compiled.search("ab" * (size // 2) + "!")
    """
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_regexes())
def test_regexes_the_static_analysis_accepts_do_not_explode(regex: str) -> None:
    """Random small regexes: if the analysis accepts one, a 28-character adversarial input is quick.

    Exponential backtracking on 28 characters takes seconds to minutes; any polynomial pattern takes
    microseconds, so a timeout here means the analysis missed an exponential construct.
    """
    if static_problem(regex) is not None:
        return
    try:
        subprocess.run([sys.executable, "-c", _EXP_CHILD], input=regex, text=True, timeout=5, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"static analysis accepted an exponential regex: {regex!r}")


def test_backtracking_allowlist_regex_is_a_config_error(tmp_path) -> None:
    from mcplint.settings.load import ConfigError, load_settings

    config = tmp_path / ".mcplint.yaml"
    config.write_text("allowlist:\n  regexes: ['(a+)+$']\n")
    with pytest.raises(ConfigError, match="allowlist.regexes"):
        load_settings(config)
    config.write_text("allowlist:\n  regexes: ['^sk-test-']\n")
    assert load_settings(config).allowlist_regexes == ["^sk-test-"]
