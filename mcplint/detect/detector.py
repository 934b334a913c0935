"""``Detector.scan``: provider patterns, embedded structures and the name-aware check on one value."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mcplint.detect.filters import (
    find_references,
    is_password_name,
    is_placeholder,
    is_reference,
    is_secretish_name,
    looks_like_credential,
    placeholder_reason,
)
from mcplint.detect.patterns import Pattern, PatternSet, bundled_patterns, jwt_claims, parse_patterns

__all__ = ["Detector", "SecretHit"]

NAME_AWARE_ID = "secret-named-value"
BASIC_AUTH_ID = "basic-auth-credentials"


@dataclass(frozen=True, slots=True)
class SecretHit:
    """A secret found in a value; ``start``/``end`` span the secret itself inside the value."""

    pattern_id: str
    description: str
    start: int
    end: int
    confidence: str  # "high" (provider pattern) | "medium" (name-aware / decoded)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A sub-span of the value that stands under a name (the key, a JSON key, ``NAME=``, ``--flag=``)."""

    start: int
    end: int
    name: str | None


_SCHEME_RE = re.compile(r"(?i)^(?:bearer|token|bot|apikey|api-key|sso-key|key)\s+")
_BASIC_RE = re.compile(r"(?i)\bbasic\s+([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])")
_WHOLE_ASSIGN_RE = re.compile(r"^\s*(?:export\s+)?(--?[A-Za-z][\w.-]*|[A-Za-z_][\w.-]*)=(.+)$", re.S)
_INNER_ASSIGN_RE = re.compile(r"(?<=[\s,{(])(--?[A-Za-z][\w.-]*|[A-Za-z_][\w.-]*)=([^\s\"',;]+)")
_HEADER_LINE_RE = re.compile(r"(?m)^[ \t]*([A-Za-z][\w.-]*):[ \t]+(\S[^\r\n]*?)[ \t]*$")
# A quoted "key": "value" / key = "value" pair, as commented-out config lines and inline tables
# (``{ API_KEY = "…" }``) are written.
# Quotes may be escaped (``--config "{\\"SOME_API_KEY\\":\\"…\\"}"``): JSON written inside a string.
_PAIR_RE = re.compile(
    r"""(?<![\w.-])\\*["']?([A-Za-z_][\w.-]{0,100})\\*["']?[ \t]*[:=][ \t]*\\*(["'])([^"'\\\r\n]{1,2000})\\*\2"""
)
_SHORT_PASSWORD_FLAG_RE = re.compile(r"^-p([^\s-][^\s]{5,})$")
_MAX_JSON_DEPTH = 4
_PEM_ARMOR_RE = re.compile(r"-----(?:BEGIN|END)[ A-Z0-9_-]{0,40}-----")


def _bundled_patterns() -> tuple[Pattern, ...]:
    """The ``mcplint/detect/providers/*.yaml`` patterns, once per process (see ``patterns.bundled_patterns``)."""
    return bundled_patterns()


class Detector:
    """Finds literal secrets in single decoded config values."""

    def __init__(self, patterns: Sequence[Pattern], allowlist_regexes: Sequence[str] = ()) -> None:
        self.patterns = PatternSet(patterns)
        self._allowlist = tuple(re.compile(regex) for regex in allowlist_regexes)
        self._prefix_claims = _prefix_claims(self.patterns.patterns)

    def claimed_provider(self, secret: str) -> str | None:
        """The pattern whose distinctive prefix ``secret`` carries (``glpat-``, ``hf_``), if any.

        A value that carries a provider's prefix but fails that provider's own pattern is a
        hand-made stand-in (``glpat_hello…``, ``sk-ant-api02-notarealkey``): the provider pattern
        already had its say, so the name-aware check must not report it anyway.
        """
        lowered = secret[:40].lower()
        for stem, pattern_id in self._prefix_claims:
            if lowered.startswith(stem) and lowered[len(stem) : len(stem) + 1] in ("-", "_", "."):
                return pattern_id
        return None

    @classmethod
    def default(cls, extra_patterns: list[dict] | None = None, allowlist_regexes: Sequence[str] = ()) -> Detector:
        """The bundled patterns plus ``extra_patterns`` (same schema) from user config."""
        extra = parse_patterns(extra_patterns, "config: extra patterns") if extra_patterns else []
        return cls([*_bundled_patterns(), *extra], allowlist_regexes)

    def scan(self, value: str, key: str | None = None) -> list[SecretHit]:
        """Secrets in ``value``, which stands under ``key`` (env name, header, flag, …) if given."""
        if not value or not value.strip():
            return []
        references = find_references(value) if any(c in value for c in "${%<") else []
        blocked = _blocked_spans(value, references)
        hits: list[SecretHit] = []
        for pattern in self.patterns.candidates(value):
            hits.extend(self._pattern_hits(pattern, value, 0, len(value), blocked))
        for ref in references:
            if ref.default is not None:  # scanned alone too: "${K:-sk-…}" puts "-" before the token
                default = value[ref.default[0] : ref.default[1]]
                for pattern in self.patterns.candidates(default):
                    hits.extend(self._pattern_hits(pattern, value, *ref.default, blocked))
        hits.extend(_basic_auth_hits(value, blocked))
        # A value a provider pattern already matched needs no name-aware look (which may import
        # detect-secrets' heuristics: ~0.1 s that the hook path should not pay for nothing).
        matched = [*blocked, *((hit.start, hit.end) for hit in hits)]
        for candidate in _candidates(value, key, references):
            if candidate.name is None:
                continue
            for pattern in self.patterns.key_bound:
                if pattern.applies_to_key(candidate.name):
                    hits.extend(self._pattern_hits(pattern, value, candidate.start, candidate.end, blocked))
            hit = _name_aware_hit(value, candidate, matched)
            if hit is not None and self.claimed_provider(value[hit.start : hit.end]) is None:
                hits.append(hit)
        return self._resolve(value, hits)

    def explain(self, value: str, key: str | None = None) -> list[tuple[int, int, str]]:
        """Candidate secrets in ``value`` that :meth:`scan` drops, as (start, end, reason).

        Only for ``--verbose``: a user testing with a hand-made ``ghp_1234567890abcdef…`` sees
        why it is not reported. Costs a second pass, so the normal scan never calls it.
        """
        if not value or not value.strip():
            return []
        references = find_references(value) if any(c in value for c in "${%<") else []
        reported = [(hit.start, hit.end) for hit in self.scan(value, key)]
        dropped: list[tuple[int, int, str]] = []

        def note(start: int, end: int, reason: str) -> None:
            if not _overlaps(start, end, reported) and not _overlaps(start, end, [d[:2] for d in dropped]):
                dropped.append((start, end, reason))

        for pattern in self.patterns.candidates(value):
            for start, end in pattern.find(value):
                secret = value[start:end]
                reason = placeholder_reason(_pem_body(secret) if secret.startswith("-----BEGIN") else secret)
                if reason is not None:
                    note(start, end, f"placeholder ({pattern.description}): {reason}")
        for candidate in _candidates(value, key, references):
            if candidate.name is None or not is_secretish_name(candidate.name):
                continue
            text = value[candidate.start : candidate.end]
            start = candidate.start + len(text) - len(text.lstrip())
            end = start + len(text.strip())
            if end - start >= 2 and value[start] == value[end - 1] and value[start] in "\"'":
                start, end = start + 1, end - 1
            scheme = _SCHEME_RE.match(value[start:end])
            start += scheme.end() if scheme else 0
            secret = value[start:end]
            if start >= end or len(secret) < 6:
                continue
            if is_reference(secret) or _overlaps(start, end, [(r.start, r.end) for r in references]):
                note(start, end, f"reference under {candidate.name!r}")
            elif (reason := placeholder_reason(secret)) is not None:
                note(start, end, f"placeholder under {candidate.name!r}: {reason}")
            elif (claimed := self.claimed_provider(secret)) is not None:
                note(start, end, f"carries the {claimed} prefix but does not match its format")
        return sorted(dropped)

    def _pattern_hits(
        self, pattern: Pattern, value: str, start: int, end: int, blocked: list[tuple[int, int]]
    ) -> Iterator[SecretHit]:
        for hit_start, hit_end in pattern.find(value[start:end], start):
            secret = value[hit_start:hit_end]
            if _overlaps(hit_start, hit_end, blocked) or _is_placeholder_secret(secret, pattern):
                continue
            if secret.startswith("eyJ") and (jwt_claims(secret) or {}).get("role") == "anon":
                continue  # Supabase anon key: publishable by design
            yield SecretHit(pattern.id, pattern.description, hit_start, hit_end, "high")

    def _resolve(self, value: str, hits: list[SecretHit]) -> list[SecretHit]:
        """Drop allowlisted hits and overlaps; provider hits win over name-aware ones."""
        priorities = {p.id: p.priority for p in self.patterns.patterns}

        def rank(hit: SecretHit) -> tuple[int, int, int, int]:
            return (hit.confidence != "high", -priorities.get(hit.pattern_id, 0), hit.start - hit.end, hit.start)

        accepted: list[SecretHit] = []
        for hit in sorted(hits, key=rank):
            secret = value[hit.start : hit.end]
            if any(regex.search(secret) for regex in self._allowlist):
                continue
            if not any(hit.start < other.end and other.start < hit.end for other in accepted):
                accepted.append(hit)
        return sorted(accepted, key=lambda hit: (hit.start, hit.end))


# Prefix stems shared by many unrelated formats claim nothing (``sk-`` is OpenAI, DeepSeek, Clerk…).
_GENERIC_STEMS = frozenset({"sk", "pk", "rk", "key", "keys", "secret", "api", "token", "pat", "sg"})


def _prefix_claims(patterns: Sequence[Pattern]) -> tuple[tuple[str, str], ...]:
    """(stem, pattern id) for every keyword that is a distinctive token prefix, longest first."""
    claims: dict[str, str] = {}
    for pattern in patterns:
        if pattern.key_regex is not None:
            continue
        for keyword in pattern.keywords:
            stem = keyword.rstrip("-_.")
            if stem == keyword or len(stem) < 2 or stem in _GENERIC_STEMS or not stem[0].isalpha():
                continue
            claims.setdefault(stem, pattern.id)
    return tuple(sorted(claims.items(), key=lambda item: -len(item[0])))


def _is_placeholder_secret(secret: str, pattern: Pattern) -> bool:
    """A provider match whose body is documentation filler (``sk_test_placeholder_…``)."""
    if secret.startswith("-----BEGIN"):
        # Judge the key material only: the armour lines are fixed text, not filler.
        return is_placeholder(_pem_body(secret))
    body = secret
    for keyword in pattern.keywords:
        index = secret.lower().find(keyword)
        if index == 0:
            body = secret[len(keyword) :]
            break
    return is_placeholder(secret) or is_placeholder(body)


def _pem_body(secret: str) -> str:
    """The key material of a PEM block: armour lines and line breaks removed."""
    return re.sub(r"(?:\\+[nr]|\s)+", "", _PEM_ARMOR_RE.sub(" ", secret))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _blocked_spans(value: str, references: list) -> list[tuple[int, int]]:
    """Reference spans, minus the ``${VAR:-default}`` default parts (those are scanned)."""
    blocked: list[tuple[int, int]] = []
    for ref in references:
        if ref.default is None:
            blocked.append((ref.start, ref.end))
        else:
            blocked.append((ref.start, ref.default[0]))
            blocked.append((ref.default[1], ref.end))
    return blocked


def _candidates(value: str, key: str | None, references: list) -> Iterator[_Candidate]:
    """The value itself and every named sub-value inside it."""
    yield _Candidate(0, len(value), key)
    for ref in references:
        if ref.default is not None:
            yield _Candidate(ref.default[0], ref.default[1], key if is_secretish_name(key) else ref.name)
    stripped = value.lstrip()
    if stripped[:1] in "{[":
        yield from _json_candidates(value)
    whole = _WHOLE_ASSIGN_RE.match(value)
    if whole:
        yield _Candidate(whole.start(2), whole.end(2), whole.group(1))
    for match in _INNER_ASSIGN_RE.finditer(value):
        yield _Candidate(match.start(2), match.end(2), match.group(1))
    if "\"" in value or "'" in value:
        for match in _PAIR_RE.finditer(value):
            yield _Candidate(match.start(3), match.end(3), match.group(1))
    if ":" in value:
        for match in _HEADER_LINE_RE.finditer(value):
            if not match.group(2).startswith("//"):
                yield _Candidate(match.start(2), match.end(2), match.group(1))
    short = _SHORT_PASSWORD_FLAG_RE.match(value)
    if short and (key is None or key.startswith("-")):
        yield _Candidate(2, len(value), "-p")


def _json_candidates(value: str) -> Iterator[_Candidate]:
    """Leaves of a JSON document embedded in the value, located back in the raw text."""
    try:
        document = json.loads(value)
    except (ValueError, RecursionError):  # a value of 100 000 nested brackets must not end the scan
        return
    cursor = 0
    for name, leaf in _json_leaves(document, None, 0):
        encoded = json.dumps(leaf, ensure_ascii=False)[1:-1]
        index = value.find(encoded, cursor)
        if index < 0:
            continue
        cursor = index + len(encoded)
        if encoded == leaf:
            yield _Candidate(index, cursor, name)
        # An escaped leaf cannot be mapped char-for-char; the provider pass already covered it.


def _json_leaves(node: object, name: str | None, depth: int) -> Iterator[tuple[str | None, str]]:
    if depth > _MAX_JSON_DEPTH:
        return
    if isinstance(node, dict):
        for child_name, child in node.items():
            yield from _json_leaves(child, str(child_name), depth + 1)
    elif isinstance(node, list):
        for child in node:
            yield from _json_leaves(child, name, depth + 1)
    elif isinstance(node, str):
        yield name, node


def _name_aware_hit(value: str, candidate: _Candidate, blocked: list[tuple[int, int]]) -> SecretHit | None:
    """``secret-named-value``: a credential-shaped literal under a secret-ish name."""
    name = candidate.name
    if not is_secretish_name(name):
        return None
    start, end = candidate.start, candidate.end
    text = value[start:end]
    lead = len(text) - len(text.lstrip())
    start += lead
    end = start + len(text.strip())
    if end - start >= 2 and value[start] == value[end - 1] and value[start] in "\"'":
        start, end = start + 1, end - 1
    scheme = _SCHEME_RE.match(value[start:end])
    if scheme:
        start += scheme.end()
    elif value[start:end].lower().startswith("basic "):
        return None  # handled by the Basic decoder
    if start >= end or _overlaps(start, end, blocked):
        return None
    secret = value[start:end]
    if is_reference(secret):
        return None
    bearer = scheme is not None and scheme.group(0).strip().lower() == "bearer"
    credential = looks_like_credential(secret, password=is_password_name(name), key=name)
    if not (credential or bearer and _is_bearer_id(secret)):
        return None
    return SecretHit(NAME_AWARE_ID, f"Credential-like literal under secret-named key {name!r}", start, end, "medium")


_LONG_DIGITS_RE = re.compile(r"^[0-9]{16,}$")
_UUID_TOKEN_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _is_bearer_id(secret: str) -> bool:
    """All-digit or UUID values after ``Bearer``: a bearer credential by where it is written.

    Elsewhere such values are identifiers (account numbers, tenant ids); an ``Authorization:
    Bearer`` header has no other use than carrying a credential, so they count there. Filler
    (``0000…``, ``1234…``) is still refused.
    """
    if is_placeholder(secret):
        return False
    return bool(_LONG_DIGITS_RE.match(secret) or _UUID_TOKEN_RE.match(secret))


def _basic_auth_hits(value: str, blocked: list[tuple[int, int]]) -> Iterator[SecretHit]:
    """``Basic base64(user:password)`` with a real password."""
    if "asic" not in value:
        return
    for match in _BASIC_RE.finditer(value):
        start, end = match.span(1)
        if _overlaps(start, end, blocked):
            continue
        encoded = match.group(1)
        try:
            decoded = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        user, sep, password = decoded.partition(":")
        if not sep or not password or is_placeholder(password) or is_reference(password):
            continue
        if password.lower() in {"test", "password", "admin", "secret"} or password == user:
            continue
        yield SecretHit(BASIC_AUTH_ID, "HTTP Basic credentials (base64 user:password)", start, end, "medium")
