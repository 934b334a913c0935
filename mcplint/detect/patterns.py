"""Secret patterns as data: load and validate ``mcplint/detect/providers/*.yaml``, prefilter by keyword, match.

A pattern is one YAML mapping (see ``rules/github.yaml``)::

    - id: github-pat                       # stable id, used in fingerprints
      description: GitHub personal access token
      regex: 'ghp_[0-9A-Za-z]{36}'
      keywords: [ghp_]                     # lower-case; the regex runs only if one occurs
      entropy: 3.0                         # optional minimum Shannon entropy of the secret
      secret_group: 0                      # optional capture group holding the secret
      key_regex: '(?i)mistral'             # optional: only for values under a matching name
      jwt_claims: {role: service_role}     # optional: JWT payload claims that must match
      priority: 0                          # optional: wins over lower priorities on overlap
      examples: {tp_generate: [...], tp: [...], fp: [...], key: NAME}
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random

__all__ = [
    "Pattern",
    "PatternError",
    "PatternSet",
    "ALPHABETS",
    "bundled_patterns",
    "generate_example",
    "jwt_claims",
    "load_pattern_file",
    "parse_patterns",
    "providers_dir",
    "shannon_entropy",
]

_REQUIRED_KEYS = {"id", "description", "regex"}
_OPTIONAL_KEYS = {"keywords", "entropy", "secret_group", "key_regex", "jwt_claims", "priority", "examples"}
_EXAMPLE_KEYS = {"tp_generate", "tp", "fp", "key"}
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_KEY_CHARS = 256  # how much of a key name ``key_regex`` looks at

# Spelled out rather than built from ``string``: neither it nor ``random`` (only the example
# generator needs one) is imported on the hook path.
_LOWER, _UPPER, _DIGITS = "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
ALPHABETS: dict[str, str] = {
    "alnum": _LOWER + _UPPER + _DIGITS,
    "alpha": _LOWER + _UPPER,
    "lower_alnum": _LOWER + _DIGITS,
    "upper_alnum": _UPPER + _DIGITS,
    "hex": "0123456789abcdef",
    "hex_upper": "0123456789ABCDEF",
    "digits": _DIGITS,
    "base32": _UPPER + "234567",
    "base64": _LOWER + _UPPER + _DIGITS + "+/",
    "base64url": _LOWER + _UPPER + _DIGITS + "-_",
    "bech32_upper": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
}


class PatternError(ValueError):
    """A pattern file or entry is malformed; the message names the file and the id."""


_COMPILED: dict[str, re.Pattern[str]] = {}


def _compiled(regex: str) -> re.Pattern[str]:
    """``re.compile`` once per process (``re``'s own cache is shared and evicts past 512 entries)."""
    compiled = _COMPILED.get(regex)
    if compiled is None:
        compiled = _COMPILED[regex] = re.compile(regex)
    return compiled


@dataclass(frozen=True, slots=True)
class Pattern:
    """One validated secret pattern; its regexes are compiled on first use.

    Compiling all ~70 bundled regexes costs ~15 ms, more than the rest of a hook run's scan; a
    file's values usually contain the keywords of only a few patterns, so only those compile.
    """

    id: str
    description: str
    regex_source: str
    keywords: tuple[str, ...] = ()
    entropy: float | None = None
    secret_group: int = 0
    key_regex_source: str | None = None
    jwt_claims: dict[str, str] = field(default_factory=dict)
    priority: int = 0
    examples: dict[str, Any] = field(default_factory=dict)
    source: str = "<inline>"

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.regex_source)

    @property
    def key_regex(self) -> re.Pattern[str] | None:
        return None if self.key_regex_source is None else _compiled(self.key_regex_source)

    def applies_to_key(self, key: str | None) -> bool:
        """Whether a name-bound pattern may run for ``key`` (always true for unbound patterns)."""
        if self.key_regex_source is None:
            return True
        # Names are short; a hostile file's megabyte-long key must not feed a super-linear key_regex.
        return key is not None and _compiled(self.key_regex_source).search(key[:MAX_KEY_CHARS]) is not None

    def find(self, text: str, offset: int = 0) -> Iterator[tuple[int, int]]:
        """Yield (start, end) spans of secrets in ``text`` (shifted by ``offset``), post-checks applied."""
        for match in self.regex.finditer(text):
            start, end = match.span(self.secret_group)
            if start < 0 or start == end:
                continue
            secret = text[start:end]
            if self.entropy is not None and shannon_entropy(secret) < self.entropy:
                continue
            if self.jwt_claims:
                claims = jwt_claims(secret)
                if claims is None or any(str(claims.get(k)) != v for k, v in self.jwt_claims.items()):
                    continue
            yield start + offset, end + offset


def shannon_entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    if not text:
        return 0.0
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in Counter(text).values())


def jwt_claims(token: str) -> dict[str, Any] | None:
    """Decode a JWT's payload (no verification); None if it is not a decodable JWT."""
    parts = token.split(".")
    if len(parts) < 2:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        decoded = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, ValueError):
        return None
    return decoded if isinstance(decoded, dict) else None


def providers_dir() -> Path:
    """Where the bundled provider patterns (``mcplint/detect/providers/*.yaml``) live."""
    return Path(__file__).resolve().parent / "providers"


def _fail(source: str, pattern_id: object, message: str) -> PatternError:
    return PatternError(f"{source}: pattern {pattern_id!r}: {message}")


def _compile(source: str, pattern_id: str, name: str, regex: object, *, trusted: bool = True) -> re.Pattern[str]:
    """Compile ``regex``; an untrusted (user) one must also pass :mod:`mcplint.detect.regex_safety`."""
    if not isinstance(regex, str) or not regex:
        raise _fail(source, pattern_id, f"{name} must be a non-empty string")
    try:
        compiled = _compiled(regex)
    except re.error as exc:
        raise _fail(source, pattern_id, f"{name} does not compile: {exc}") from None
    if not trusted:
        from mcplint.detect.regex_safety import UnsafeRegexError, check_regex

        try:
            check_regex(regex)
        except UnsafeRegexError as exc:
            raise _fail(source, pattern_id, f"{name} '{regex}' {exc}") from None
    return compiled


def _validate_examples(source: str, pattern_id: str, examples: object) -> dict[str, Any]:
    if examples is None:
        return {}
    if not isinstance(examples, dict):
        raise _fail(source, pattern_id, "examples must be a mapping")
    unknown = set(examples) - _EXAMPLE_KEYS
    if unknown:
        raise _fail(source, pattern_id, f"unknown examples keys: {sorted(unknown)}")
    for name in ("tp", "fp"):
        items = examples.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise _fail(source, pattern_id, f"examples.{name} must be a list of strings")
    specs = examples.get("tp_generate", [])
    if isinstance(specs, dict):
        specs = [specs]
    if not isinstance(specs, list):
        raise _fail(source, pattern_id, "examples.tp_generate must be a list")
    for spec in specs:
        try:
            import random

            generate_example(spec, random.Random(0))
        except (KeyError, TypeError, ValueError) as exc:
            raise _fail(source, pattern_id, f"bad tp_generate entry {spec!r}: {exc}") from None
    return {**examples, "tp_generate": specs}


def _build(entry: object, source: str, trusted: bool = True) -> Pattern:
    if not isinstance(entry, dict):
        raise PatternError(f"{source}: each pattern must be a mapping, got {type(entry).__name__}")
    pattern_id = entry.get("id", "<missing id>")
    missing = _REQUIRED_KEYS - set(entry)
    if missing:
        raise _fail(source, pattern_id, f"missing keys: {sorted(missing)}")
    unknown = set(entry) - _REQUIRED_KEYS - _OPTIONAL_KEYS
    if unknown:
        raise _fail(source, pattern_id, f"unknown keys: {sorted(unknown)}")
    if not isinstance(pattern_id, str) or not _ID_RE.match(pattern_id):
        raise _fail(source, pattern_id, "id must be lower-case words joined by '-'")
    if not isinstance(entry["description"], str) or not entry["description"].strip():
        raise _fail(source, pattern_id, "description must be a non-empty string")
    regex = _compile(source, pattern_id, "regex", entry["regex"], trusted=trusted)
    keywords = entry.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k for k in keywords):
        raise _fail(source, pattern_id, "keywords must be a list of non-empty strings")
    entropy = entry.get("entropy")
    if entropy is not None and (isinstance(entropy, bool) or not isinstance(entropy, int | float)):
        raise _fail(source, pattern_id, "entropy must be a number")
    group = entry.get("secret_group", 0)
    if isinstance(group, bool) or not isinstance(group, int) or not 0 <= group <= regex.groups:
        raise _fail(source, pattern_id, f"secret_group must be an int in 0..{regex.groups}")
    key_regex = entry.get("key_regex")
    claims = entry.get("jwt_claims", {})
    if not isinstance(claims, dict) or not all(isinstance(v, str) for v in claims.values()):
        raise _fail(source, pattern_id, "jwt_claims must map claim names to strings")
    priority = entry.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int):
        raise _fail(source, pattern_id, "priority must be an int")
    if key_regex is not None:
        _compile(source, pattern_id, "key_regex", key_regex, trusted=trusted)
    return Pattern(
        id=pattern_id,
        description=entry["description"].strip(),
        regex_source=regex.pattern,
        keywords=tuple(k.lower() for k in keywords),
        entropy=float(entropy) if entropy is not None else None,
        secret_group=group,
        key_regex_source=key_regex,
        jwt_claims=dict(claims),
        priority=priority,
        examples=_validate_examples(source, pattern_id, entry.get("examples")),
        source=source,
    )


def parse_patterns(entries: object, source: str, *, trusted: bool = False) -> list[Pattern]:
    """Validate and compile a list of pattern mappings (from a file or user config).

    Patterns are untrusted by default: each regex must also pass the ReDoS check of
    :mod:`mcplint.detect.regex_safety` (static analysis plus a timed trial). The bundled ``rules/`` are
    trusted here; a test holds every one of them to the same time bound.
    """
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise PatternError(f"{source}: expected a list of patterns, got {type(entries).__name__}")
    return [_build(entry, source, trusted) for entry in entries]


def load_pattern_file(path: Path) -> list[Pattern]:
    """Load one ``*.yaml`` pattern file (validated; the regexes compile when first used)."""
    import yaml  # only here: a run uses the generated module (~20 ms of YAML import and parsing saved)

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe loader (C if available)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        raise PatternError(f"{path.name}: invalid YAML: {exc}") from None
    return parse_patterns(data, path.name, trusted=True)


def provider_files() -> list[Path]:
    """The bundled pattern files, by name."""
    return sorted(providers_dir().glob("*.yaml"))


def provider_fingerprint(with_digest: bool = True) -> tuple[tuple[str, int, str], ...]:
    """(name, size, sha256) of every bundled pattern file; the digest is left empty when not asked for."""
    import hashlib

    entries = []
    for path in provider_files():
        data = path.read_bytes() if with_digest else b""
        size = len(data) if with_digest else path.stat().st_size
        entries.append((path.name, size, hashlib.sha256(data).hexdigest() if with_digest else ""))
    return tuple(entries)


def _generated_is_current(sources: tuple[tuple[str, int, str], ...]) -> bool:
    """Whether the generated module was built from the pattern files present, by names and sizes.

    A cheap check (one directory listing) so that a pattern file added, removed or resized
    without ``python -m mcplint.detect.build`` is still loaded; an edit keeping the size is
    caught by ``tests/test_patterns_generated.py``, which compares the digests.
    """
    try:
        with os.scandir(providers_dir()) as entries:
            present = sorted((e.name, e.stat().st_size) for e in entries if e.name.endswith(".yaml"))
    except OSError:
        return False
    return present == sorted((name, size) for name, size, _ in sources)


@functools.lru_cache(maxsize=1)
def bundled_patterns() -> tuple[Pattern, ...]:
    """The bundled provider patterns: from the generated module when it is current, else the YAML."""
    try:
        from mcplint.detect import patterns_data
    except ImportError:  # pragma: no cover - the module ships with the package
        patterns_data = None  # type: ignore[assignment]
    if patterns_data is not None and _generated_is_current(patterns_data.SOURCES):
        return tuple(Pattern(**entry) for entry in patterns_data.PATTERNS)
    return tuple(pattern for path in provider_files() for pattern in load_pattern_file(path))


class PatternSet:
    """Patterns with a single-pass keyword prefilter (gitleaks style)."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.patterns: tuple[Pattern, ...] = tuple(patterns)
        seen: dict[str, str] = {}
        for pattern in self.patterns:
            if pattern.id in seen:
                raise PatternError(
                    f"{pattern.source}: pattern {pattern.id!r}: duplicate id (also in {seen[pattern.id]})"
                )
            seen[pattern.id] = pattern.source
        self._by_keyword: dict[str, list[Pattern]] = {}
        self.unbound_always: tuple[Pattern, ...] = tuple(
            p for p in self.patterns if not p.keywords and p.key_regex_source is None
        )
        self.key_bound: tuple[Pattern, ...] = tuple(p for p in self.patterns if p.key_regex_source is not None)
        for pattern in self.patterns:
            if pattern.key_regex_source is None:
                for keyword in pattern.keywords:
                    self._by_keyword.setdefault(keyword, []).append(pattern)
        self._keywords: tuple[str, ...] = tuple(self._by_keyword)

    def candidates(self, text: str) -> list[Pattern]:
        """Unbound patterns whose keyword occurs in ``text`` (plus keyword-less ones).

        Only these patterns' regexes are ever compiled (:attr:`Pattern.regex` compiles on first
        use), so a hook run compiles the few patterns whose keywords its files contain.
        """
        selected: dict[str, Pattern] = {p.id: p for p in self.unbound_always}
        lowered = text.lower()
        # One ``in`` per keyword rather than a combined regex of the escaped keywords: Python has no
        # Aho-Corasick in the standard library, and ``str.__contains__`` (a C two-way search) over
        # ~80 keywords is faster on config-sized values than ``re``'s backtracking alternation,
        # which retries every alternative at every position.
        for keyword in self._keywords:
            if keyword in lowered:
                for pattern in self._by_keyword[keyword]:
                    selected[pattern.id] = pattern
        return list(selected.values())


def generate_example(spec: object, rng: random.Random) -> str:
    """Build a synthetic secret from ``{prefix, alphabet, length, suffix}`` or ``{parts: [...]}``.

    A part is a literal string, ``[alphabet, length]``, or ``{jwt_payload: {claims}}``.
    """
    if not isinstance(spec, dict):
        raise TypeError("tp_generate entry must be a mapping")
    if "parts" in spec:
        if set(spec) != {"parts"} or not isinstance(spec["parts"], list):
            raise ValueError("'parts' must be a list and stand alone")
        return "".join(_generate_part(part, rng) for part in spec["parts"])
    unknown = set(spec) - {"prefix", "alphabet", "length", "suffix"}
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    body = _generate_part([spec["alphabet"], spec["length"]], rng)
    return f"{spec.get('prefix', '')}{body}{spec.get('suffix', '')}"


def _generate_part(part: object, rng: random.Random) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, list) and len(part) == 2:
        alphabet, length = part
        if alphabet not in ALPHABETS:
            raise KeyError(f"unknown alphabet {alphabet!r}")
        if not isinstance(length, int) or length <= 0:
            raise ValueError("length must be a positive int")
        return "".join(rng.choice(ALPHABETS[alphabet]) for _ in range(length))
    if isinstance(part, dict) and set(part) == {"jwt_payload"} and isinstance(part["jwt_payload"], dict):
        claims = {
            **part["jwt_payload"],
            "jti": _generate_part(["alnum", 16], rng),
            "iat": rng.randrange(10**9, 2 * 10**9),
        }
        raw = json.dumps(claims, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")
    raise ValueError(f"bad part {part!r}")
