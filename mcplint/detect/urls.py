"""Credentials carried by URLs and connection strings: user-info passwords and token query params."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from mcplint.detect.filters import find_references, is_placeholder, is_reference, is_secretish_name

__all__ = ["UrlCredential", "find_url_credentials"]


@dataclass(frozen=True, slots=True)
class UrlCredential:
    """A secret inside a URL; ``start``/``end`` span the secret part only."""

    kind: Literal["userinfo", "query"]
    name: str  # the user name for user-info (may be ""), the parameter name for a query
    start: int
    end: int


_SCHEME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-")
_AUTHORITY_END = re.compile(r"[\s/?#\"'<>]")
_MAX_SCHEME = 32
_QUERY_RE = re.compile(r"[?&](?P<name>[A-Za-z][\w.\-\[\]]*)=(?P<value>[^&#\s\"'<>]*)")
_CONN_PASSWORD_RE = re.compile(r"(?i)(?:^|;)\s*(?P<name>password|pwd)\s*=\s*(?P<value>[^;\"']*)")
_QUERY_SECRET_NAMES = frozenset({"key", "sig", "signature", "apikey", "api_key", "code_secret"})
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "host.docker.internal"})
_DEFAULT_PASSWORDS = frozenset(
    [
        "postgres",
        "postgresql",
        "mysql",
        "root",
        "admin",
        "password",
        "pass",
        "secret",
        "guest",
        "test",
        "dev",
        "local",
        "example",
        "changeme",
        "redis",
        "mongo",
        "mongodb",
        "rabbitmq",
        "sa",
        "default",
        "user",
    ]
)


def _is_default_local(user: str, password: str, host: str) -> bool:
    """``postgres:postgres@localhost`` and friends: well-known local development credentials."""
    if host.lower() not in _LOOPBACK_HOSTS and not host.lower().endswith(".localhost"):
        return False
    lowered = password.lower()
    return lowered in _DEFAULT_PASSWORDS or lowered == user.lower() or lowered.startswith(user.lower() + "_")


def _is_literal_secret(raw: str, value: str, start: int, end: int) -> bool:
    """The candidate span holds a literal, not a reference, placeholder or empty string."""
    if not raw or is_reference(raw) or is_placeholder(unquote(raw)):
        return False
    return not any(ref.start < end and ref.end > start for ref in find_references(value))


def _userinfo_passwords(value: str) -> list[tuple[str, int, int, str]]:
    """(user, password start, password end, host) of every ``scheme://user:password@host`` in ``value``.

    Split as ``urllib.parse`` splits it: the authority runs to the first ``/``, ``?`` or ``#``, the
    user-info is everything before its *last* ``@`` (a password with an unencoded ``@`` stays
    whole), the password everything after the user-info's first ``:``. Hand-written rather than a
    regex so a long run of scheme characters is walked once, not once per start position.
    """
    found = []
    position = value.find("://")
    while position != -1:
        begin = position
        while begin > 0 and position - begin < _MAX_SCHEME and value[begin - 1] in _SCHEME_CHARS:
            begin -= 1
        while begin < position and not value[begin].isalpha():
            begin += 1  # a scheme starts with a letter
        scheme_ok = begin < position
        authority_start = position + 3
        stop = _AUTHORITY_END.search(value, authority_start)
        authority_end = stop.start() if stop else len(value)
        at = value.rfind("@", authority_start, authority_end)
        if scheme_ok and at != -1:
            colon = value.find(":", authority_start, at)
            if colon != -1:
                host_part = value[at + 1 : authority_end]
                host = host_part[: host_part.index("]") + 1] if host_part.startswith("[") and "]" in host_part \
                    else host_part.split(":", 1)[0]
                found.append((value[authority_start:colon], colon + 1, at, host))
        position = value.find("://", max(authority_end, position + 3))
    return found


def find_url_credentials(value: str) -> list[UrlCredential]:
    """Passwords in URL user-info / connection strings and tokens in query parameters of ``value``."""
    found: list[UrlCredential] = []
    if "://" in value:
        for user, start, end, host in _userinfo_passwords(value):
            password = value[start:end]
            if not _is_literal_secret(password, value, start, end):
                continue
            if _is_default_local(user, unquote(password), host):
                continue
            found.append(UrlCredential("userinfo", user, start, end))
    if "=" in value:
        for match in _QUERY_RE.finditer(value):
            name = match.group("name")
            if not (is_secretish_name(name) or name.lower() in _QUERY_SECRET_NAMES):
                continue
            start, end = match.span("value")
            raw = match.group("value")
            if len(raw) < 8 or not _is_literal_secret(raw, value, start, end):
                continue
            found.append(UrlCredential("query", name, start, end))
        for match in _CONN_PASSWORD_RE.finditer(value) if ";" in value else ():
            start, end = match.span("value")
            raw = match.group("value").strip()
            end = start + len(raw)
            if raw and _is_literal_secret(raw, value, start, end):
                found.append(UrlCredential("userinfo", match.group("name"), start, end))
    return found
