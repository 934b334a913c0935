"""Helpers shared by rules: the cached secret analysis of a slot and finding construction."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from mcplint.detect.detector import SecretHit
from mcplint.detect.filters import is_password_name, looks_like_word_password
from mcplint.detect.hosts import is_remote_host
from mcplint.model import FIELD_COMMENT, McpConfig, Slot
from mcplint.recognise.client_table import ClientKind
from mcplint.results.findings import Finding, SecretDigest, stable_hash
from mcplint.rules.base import Context, Rule


def slot_secrets(slot: Slot, ctx: Context) -> list:
    """The detector's hits for a slot (cached per scan, so several rules share one analysis)."""
    cache = ctx.memo.slot_secrets
    ident = (id(slot.value), slot.key)
    if ident not in cache:
        text = slot.value.value
        cache[ident] = ctx.detector.scan(text, slot.key) if isinstance(text, str) and text else []
    return cache[ident]


def slot_url_credentials(slot: Slot, ctx: Context) -> list:
    """Credentials inside URLs or connection strings in a slot (cached per scan)."""
    cache = ctx.memo.slot_urls
    ident = id(slot.value)
    if ident not in cache:
        from mcplint.detect.urls import find_url_credentials

        text = slot.value.value
        cache[ident] = find_url_credentials(text) if isinstance(text, str) and "://" in text else []
    return cache[ident]


def value_offsets(slot: Slot, start: int, end: int) -> tuple[int, int]:
    """Document offsets of ``slot.value.value[start:end]`` (the whole token when not verbatim)."""
    scalar = slot.value
    if scalar.verbatim and scalar.content_start >= 0:
        return scalar.content_start + start, scalar.content_start + end
    return scalar.span.start, scalar.span.end


def secret_hash(secret: str) -> str:
    """SHA-256 of a secret: what a baseline stores instead of the value (as detect-secrets does)."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def make_finding(
    rule: Rule,
    config: McpConfig,
    start: int,
    end: int,
    message: str,
    *,
    anchor: str,
    secret: str | None = None,
    pattern_id: str = "",
    severity: str | None = None,
    security_severity: str | None = None,
    masks_span: bool = False,
) -> Finding:
    """A Finding for ``rule`` at document offsets [start, end).

    ``anchor`` names the place independently of line numbers (a key path), so the fingerprint
    survives edits elsewhere in the file; it never includes the secret.
    """
    span = config.document.span(start, end)
    finding = Finding(
        rule_id=rule.code,
        path=config.relpath,
        span=span,
        message=message,
        severity=severity or rule.severity,
        category=rule.category,
        fingerprint=stable_hash(rule.code, config.relpath, anchor, pattern_id),
        secret_hash=stable_hash(rule.code, config.relpath, pattern_id, secret_hash(secret)) if secret else None,
        security_severity=security_severity or rule.security_severity,
        digest=SecretDigest.of(secret) if secret is not None else None,
        masks_span=masks_span or secret is not None,
    )
    return finding


def anchor_of(slot: Slot, suffix: str = "") -> str:
    """A stable name for a slot's place in its file."""
    base = "/".join(str(part) for part in slot.path) or (slot.key or "")
    return f"{base}#{suffix}" if suffix else base


def variable_name(slot: Slot) -> str:
    """The environment variable a slot's secret should move to (the name ``mcplint fix`` uses)."""
    from mcplint.names.variables import name_candidates, valid_name

    return valid_name(name_candidates(slot, "")[0])


_HOST_NAME_WORDS = frozenset({"host", "hostname", "server", "addr", "address", "endpoint"})
_NAME_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
WORD_PASSWORD_ID = "password-word"


def _hosts_named(slot: Slot) -> list[str]:
    """The host a slot names: a URL's host, or the value under a ``*_HOST`` / ``--server`` name."""
    text = slot.text.strip()
    if "://" in text:
        try:
            host = urlsplit(text).hostname
        except ValueError:
            return []
        return [host] if host else []
    words = [word.lower() for word in _NAME_WORD.findall(slot.key or "")]
    if not words or not words[-1].endswith(tuple(_HOST_NAME_WORDS)) or not text or any(ch.isspace() for ch in text):
        return []
    host, _, port = text.rpartition(":") if text.count(":") == 1 else (text, "", "")
    return [host if port.isdigit() else text]


def word_password_hits(config: McpConfig) -> dict[int, SecretHit]:
    """One-word passwords (``sunshine``) that go to a remote host, by ``id`` of their slot.

    The detector judges one value at a time and rightly refuses a lone word under ``*_PASSWORD``;
    beside a ``*_HOST`` or URL naming another machine (in the same server, or the same ``.env``)
    the word is that machine's password.
    """
    groups: dict[str | None, list[Slot]] = {}
    for slot in config.slots:
        if slot.field != FIELD_COMMENT:
            groups.setdefault(None if config.kind == ClientKind.DOTENV else slot.server, []).append(slot)
    hits: dict[int, SecretHit] = {}
    for slots in groups.values():
        words = [s for s in slots if is_password_name(s.key) and looks_like_word_password(s.text)]
        if words and any(is_remote_host(host) for s in slots for host in _hosts_named(s)):
            for slot in words:
                start = slot.text.index(slot.text.strip())
                hits[id(slot)] = SecretHit(WORD_PASSWORD_ID, "Password for a remote host", start,
                                           start + len(slot.text.strip()), "medium")
    return hits
