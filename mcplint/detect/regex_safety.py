"""Reject regular expressions that would backtrack catastrophically (ReDoS), before they ever run.

mcplint runs user-supplied patterns (``extra-patterns`` in the configuration) over values from
untrusted repositories, and Python's ``re`` is a backtracking engine that cannot be interrupted.
A pattern is accepted only when it passes two checks:

1. **Static analysis** of the parsed expression (:func:`static_problem`). Inside every repetition
   whose maximum is above one (``*``, ``+``, ``{m,n}``), an expression is *ambiguous* when

   * a variable-length part (a quantifier with ``min < max``, an optional group, an alternation of
     different widths, a back-reference) can consume a character that whatever follows it inside the
     loop — the rest of the iteration, or the start of the next one — can also begin with: the engine
     may then split the same text between iterations in exponentially many ways (``(a+)+$``,
     ``(\\w+\\s?)*$``, ``(a|aa)*c``);
   * two alternatives of an alternation under the loop can begin with the same character
     (``(\\w|\\d)*$``).

   Character sets are compared over a fixed universe (Latin-1 plus representative non-Latin
   letters, digits and spaces) with case folded, which can only make the check stricter.
   Possessive quantifiers (``a++``) and atomic groups (``(?>…)``) never backtrack into themselves
   and count as fixed. Nested loops are analysed recursively. This rules out exponential blow-ups.

2. **A timed trial** (:func:`trial_problem`) catches the polynomial ones that static analysis
   lets through (``\\w+\\w+$`` is cubic, ``[a-z]+!`` quadratic under ``search``): in a child
   process, the compiled pattern is searched in adversarial 1 MiB lines — long runs of each
   character of its own alphabet, its literal prefix repeated (near misses), the prefix followed by a
   run, each ending in a character that breaks the match — and the whole trial must finish within
   :data:`TRIAL_SECONDS`. That is the same bound the bundled ``rules/`` meet (a test holds them to
   it): a configuration file can be up to 1 MiB, so a value can be a 1 MiB line.

The child process is killed at the deadline, so the trial itself cannot hang. It runs once per
distinct expression per process.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef, unused-ignore]  # 3.10 only
    import sre_parse  # type: ignore[no-redef, unused-ignore]  # 3.10 only

__all__ = ["TRIAL_BYTES", "TRIAL_SECONDS", "UnsafeRegexError", "check_regex", "static_problem", "trial_problem"]

TRIAL_BYTES = 1 << 20
TRIAL_SECONDS = 3.0
_MAX_ALPHABET = 6
_MAXREPEAT = sre_constants.MAXREPEAT

# Every Latin-1 character plus representatives of non-Latin letters, digits and spaces.
_UNIVERSE: frozenset[str] = frozenset(
    [chr(code) for code in range(256)] + ["Ж", "ß", "ſ", "K", "٣", "\u2028", "\u3000", "中", "\U0001f600"]
)
_CATEGORY_RE = {name: re.compile(rf"\{name}") for name in "dDsSwW"}
_HINT = (
    "bound the repetition (e.g. {1,64}), make it possessive ('+' -> '++') or atomic ('(?>...)'), "
    "or make the repeated parts unable to match the same characters"
)


class UnsafeRegexError(ValueError):
    """A regular expression that could backtrack catastrophically; the message says why."""


@dataclass(frozen=True, slots=True)
class _Info:
    """What one parsed item can match: its first characters, all its characters, its widths."""

    first: frozenset[str]
    chars: frozenset[str]
    nullable: bool
    variable: bool


_EMPTY = _Info(frozenset(), frozenset(), True, False)
_ANYTHING = _Info(_UNIVERSE, _UNIVERSE, True, True)


def _fold(chars: Iterable[str]) -> frozenset[str]:
    """Add case variants (case-insensitive flags can only widen a set)."""
    folded: set[str] = set()
    for char in chars:
        folded.update((char, char.lower(), char.upper(), char.swapcase()))
    return frozenset(c for c in folded if len(c) == 1)


def _category(name: str) -> frozenset[str]:
    key = {"DIGIT": "d", "SPACE": "s", "WORD": "w", "LINEBREAK": "n"}[name.rsplit("_", 1)[-1]]
    chars = frozenset("\n") if key == "n" else frozenset(c for c in _UNIVERSE if _CATEGORY_RE[key].match(c))
    return _UNIVERSE - chars if "NOT" in name else chars


def _charset(op: Any, av: Any) -> frozenset[str] | None:
    """The characters a single-character item matches, or None if ``op`` is not one."""
    name = str(op)
    if name == "LITERAL":
        return _fold([chr(av)])
    if name == "NOT_LITERAL":
        return _UNIVERSE - frozenset([chr(av)])
    if name == "ANY":
        return _UNIVERSE
    if name == "CATEGORY":
        return _category(str(av))
    if name == "IN":
        chars: set[str] = set()
        negate = False
        for sub_op, sub_av in av:
            sub = str(sub_op)
            if sub == "NEGATE":
                negate = True
            elif sub == "RANGE":
                low, high = sub_av
                chars.update(c for c in _UNIVERSE if low <= ord(c) <= high)
                chars.update(chr(code) for code in range(low, min(high, low + 512) + 1))
            elif sub in ("LITERAL", "CATEGORY"):
                chars.update(_charset(sub_op, sub_av) or ())
        folded = _fold(chars)
        return _UNIVERSE - folded if negate else folded
    return None


def _flatten(items: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """A sequence with plain groups inlined: ``a(bc)d`` -> ``a b c d``."""
    flat: list[tuple[Any, Any]] = []
    for op, av in items:
        if str(op) == "SUBPATTERN":
            flat.extend(_flatten(av[-1]))
        else:
            flat.append((op, av))
    return flat


def _seq_info(items: Sequence[tuple[Any, Any]]) -> _Info:
    first: set[str] = set()
    chars: set[str] = set()
    nullable = True
    variable = False
    for op, av in items:
        info = _info(op, av)
        chars |= info.chars
        variable = variable or info.variable
        if nullable:
            first |= info.first
            nullable = info.nullable
    return _Info(frozenset(first), frozenset(chars), nullable, variable)


def _info(op: Any, av: Any) -> _Info:
    name = str(op)
    single = _charset(op, av)
    if single is not None:
        return _Info(single, single, False, False)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _EMPTY
    if name == "SUBPATTERN":
        return _seq_info(_flatten(av[-1]))
    if name == "ATOMIC_GROUP":
        inner = _seq_info(_flatten(av))
        return _Info(inner.first, inner.chars, inner.nullable, False)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        inner = _seq_info(_flatten(body))
        nullable = low == 0 or inner.nullable
        variable = name != "POSSESSIVE_REPEAT" and (low != high or inner.variable)
        return _Info(inner.first, inner.chars if high else frozenset(), nullable, variable)
    if name == "BRANCH":
        # Alternatives with disjoint first characters (checked in loops) are chosen by their first
        # character, so widths may differ; an empty alternative makes the branch optional.
        alternatives = [_seq_info(_flatten(alt)) for alt in av[1]]
        nullable = any(a.nullable for a in alternatives)
        return _Info(
            frozenset().union(*(a.first for a in alternatives)),
            frozenset().union(*(a.chars for a in alternatives)),
            nullable,
            nullable or any(a.variable for a in alternatives),
        )
    if name == "GROUPREF_EXISTS":
        _group, yes, no = av
        branches = [_seq_info(_flatten(yes))] + ([_seq_info(_flatten(no))] if no else [_EMPTY])
        return _Info(
            frozenset().union(*(b.first for b in branches)),
            frozenset().union(*(b.chars for b in branches)),
            any(b.nullable for b in branches),
            True,
        )
    return _ANYTHING  # GROUPREF and anything unknown: assume the worst


def _follow(items: Sequence[tuple[Any, Any]], start: int, tail: frozenset[str]) -> frozenset[str]:
    """Characters that can come right after ``items[start - 1]``: the rest of the sequence, then ``tail``."""
    rest = _seq_info(items[start:])
    return rest.first | tail if rest.nullable else rest.first


def _choice_overlaps(op: Any, av: Any, follow: frozenset[str]) -> bool:
    """Whether the item may stop or go on at a point where ``follow`` could also take the next character.

    A quantifier chooses between one more repetition and stopping; an alternation with an empty
    alternative between taking a branch and skipping it; a back-reference is unknown. Alternatives
    themselves are handled by recursion and by the disjoint-first-characters rule.
    """
    name = str(op)
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high, body = av
        return low != high and bool(_seq_info(_flatten(body)).first & follow)
    if name in ("BRANCH", "GROUPREF_EXISTS"):
        info = _info(op, av)
        return info.nullable and bool(info.first & follow)
    if name == "GROUPREF":
        return bool(follow)
    return False


def _cannot_fail(op: Any, av: Any) -> bool:
    """Whether an item always matches (possibly empty): ``x*``, ``(?:…)?``, groups of such items."""
    name = str(op)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return av[0] == 0
    if name == "SUBPATTERN":
        return all(_cannot_fail(o, a) for o, a in av[-1])
    if name == "BRANCH":
        return any(all(_cannot_fail(o, a) for o, a in alt) for alt in av[1])
    return False


def _check(
    items: Sequence[tuple[Any, Any]], tail: frozenset[str], in_loop: bool, free_after: bool = False
) -> str | None:
    """The first ambiguity found in a flattened sequence, or None.

    ``tail`` is what may follow the sequence, ``in_loop`` whether a failure after it makes the
    engine retry earlier iterations of an enclosing loop, and ``free_after`` whether everything
    after the sequence always matches (then a loop at its end is never forced to backtrack).
    """
    for index, (op, av) in enumerate(items):
        name = str(op)
        follow = _follow(items, index + 1, tail)
        rest_free = free_after and all(_cannot_fail(o, a) for o, a in items[index + 1 :])
        if in_loop and _choice_overlaps(op, av, follow):
            return (
                "nested quantifier: a variable-length part inside a repeated group can match the same "
                "characters as what follows it, so a failing match tries exponentially many splits"
            )
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            _low, high, body = av
            flat = _flatten(body)
            loops = high > 1
            wrap = _seq_info(flat).first if loops else frozenset()
            # A loop with nothing failable after it exits instead of retrying earlier iterations.
            retries = in_loop or (loops and not rest_free)
            problem = _check(flat, wrap | follow if loops else follow, retries, rest_free)
            if problem:
                return problem
        elif name == "BRANCH":
            alternatives = [_flatten(alt) for alt in av[1]]
            if in_loop:
                seen: set[str] = set()
                empty = 0
                for alt in alternatives:
                    info = _seq_info(alt)
                    first = info.first
                    empty += info.nullable
                    if first & seen or empty > 1:
                        return (
                            "overlapping alternatives under a quantifier: two branches can begin with the "
                            "same character, so a failing match tries exponentially many combinations"
                        )
                    seen |= first
            for alt in alternatives:
                problem = _check(alt, follow, in_loop, rest_free)
                if problem:
                    return problem
        elif name in ("ASSERT", "ASSERT_NOT"):
            problem = _check(_flatten(av[1]), frozenset(), False)
            if problem:
                return problem
        elif name == "ATOMIC_GROUP":
            problem = _check(_flatten(av), frozenset(), False)
            if problem:
                return problem
        elif name == "POSSESSIVE_REPEAT":
            problem = _check(_flatten(av[2]), frozenset(), False)
            if problem:
                return problem
        elif name == "GROUPREF_EXISTS":
            for branch in av[1:]:
                problem = _check(_flatten(branch or []), follow, in_loop, rest_free)
                if problem:
                    return problem
    return None


def static_problem(regex: str) -> str | None:
    """Why ``regex`` could backtrack exponentially, or None when the analysis finds nothing."""
    parsed = sre_parse.parse(regex)
    return _check(_flatten(parsed), frozenset(), False, free_after=True)


def _alphabet(items: Iterable[tuple[Any, Any]]) -> list[str]:
    """Representative characters the pattern matches (for adversarial inputs)."""
    found: list[str] = []

    def walk(sequence: Iterable[tuple[Any, Any]]) -> None:
        for op, av in sequence:
            chars = _charset(op, av)
            if chars is not None:
                ordered = sorted(chars, key=lambda c: (not c.isalnum(), ord(c)))
                found.extend(ordered[:1] + ordered[len(ordered) // 2 : len(ordered) // 2 + 1])
                continue
            if isinstance(av, (list, tuple)):
                for part in av:
                    if isinstance(part, sre_parse.SubPattern):
                        walk(part)
                    elif isinstance(part, list):
                        for alt in part:
                            if isinstance(alt, sre_parse.SubPattern):
                                walk(alt)
            elif isinstance(av, sre_parse.SubPattern):
                walk(av)

    walk(items)
    unique = list(dict.fromkeys(found))
    return unique[:_MAX_ALPHABET] or ["a"]


def _prefix(items: Sequence[tuple[Any, Any]]) -> str:
    """The literal characters the pattern starts with (lookarounds and anchors skipped)."""
    prefix: list[str] = []
    for op, av in _flatten(items):
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name != "LITERAL":
            break
        prefix.append(chr(av))
    return "".join(prefix)


def adversarial_inputs(regex: str, size: int = TRIAL_BYTES) -> list[str]:
    """Lines of about ``size`` characters built to make ``regex`` backtrack.

    Runs of characters from the pattern's own alphabet, its literal prefix repeated (near misses),
    the prefix followed by a long run, and the alphabet cycled; each ends in a character that
    breaks the match.
    """
    parsed = sre_parse.parse(regex)
    alphabet = _alphabet(parsed)
    prefix = _prefix(parsed)
    breakers = ["!", "\n", "\x00"]
    inputs = [char * size + breakers[index % len(breakers)] for index, char in enumerate(alphabet)]
    if prefix:
        body = [c for c in alphabet if c not in prefix][:2] or alphabet[:1]
        inputs.extend(prefix + char * (size - len(prefix)) + "!" for char in body)
        inputs.append(prefix * (size // len(prefix)) + "!")
        if len(prefix) > 1:
            inputs.append((prefix + prefix[:-1]) * (size // (2 * len(prefix) - 1)) + "!")
    cycle = "".join(alphabet)
    inputs.append(cycle * (size // len(cycle) + 1) + "!")
    return [_fit(text, size) for text in inputs]


def _fit(text: str, size: int) -> str:
    """``text`` cut or padded (by repeating its body) to ``size`` characters, keeping its last one."""
    body, end = text[:-1], text[-1]
    return (body * (size // max(len(body), 1) + 1))[:size] + end


_TRIAL_CHILD = """
import re, sys
from mcplint.detect.regex_safety import adversarial_inputs
regex = sys.stdin.read()
compiled = re.compile(regex)
for text in adversarial_inputs(regex):
    for _ in compiled.finditer(text):
        pass
"""


@functools.lru_cache(maxsize=256)
def trial_problem(regex: str, seconds: float = TRIAL_SECONDS) -> str | None:
    """Why ``regex`` failed the timed trial on adversarial 1 MiB lines, or None if it passed."""
    import os

    import mcplint

    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(mcplint.__file__)))
    env = {**os.environ, "PYTHONPATH": package_parent + os.pathsep + os.environ.get("PYTHONPATH", "")}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _TRIAL_CHILD],
            input=regex,
            capture_output=True,
            text=True,
            timeout=seconds,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return (
            f"too slow on adversarial input: searching 1 MiB lines of its own characters took more than "
            f"{seconds:g} s (super-linear backtracking)"
        )
    except OSError:
        return None  # no interpreter to run the trial in (frozen build): the static check stands alone
    if done.returncode != 0:
        return None  # the child could not run the trial (e.g. out of memory); not the pattern's fault
    return None


def check_regex(regex: str, *, trial: bool = True) -> None:
    """Raise :class:`UnsafeRegexError` if ``regex`` could backtrack catastrophically.

    ``regex`` must already compile. ``trial=False`` runs only the static analysis.
    """
    problem = static_problem(regex)
    if problem is None and trial:
        problem = trial_problem(regex)
    if problem is not None:
        raise UnsafeRegexError(f"may backtrack catastrophically ({problem}); {_HINT}")
