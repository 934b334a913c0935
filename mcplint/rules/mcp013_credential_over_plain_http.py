"""Credential sent to a remote MCP server over plain `http://`.

## What it does
Reports a server whose URL uses `http://` to a host that is not loopback while the config sends a
credential with the request: an auth header (`Authorization`, `Proxy-Authorization`, `Cookie`,
`X-API-Key`, `api-key`, any secret-ish header name) with a non-empty value, literal or reference
(`Bearer ${TOKEN}` counts: the token is sent all the same); Codex `bearer_token_env_var` or a
secret-ish `env_http_headers` entry; Continue's `apiKey`; a token query parameter
(`?api_key=…`, `?token=…`); or a password in the URL user-info. The URL is the server's `url`
(`serverUrl`, `httpUrl`, `uri`) or, for a stdio bridge such as `mcp-remote`, an `http://` argument
next to `--header` arguments.

Loopback hosts are not reported: `localhost` and `*.localhost`, `127.0.0.0/8`, `::1`, `0.0.0.0`,
and `host.docker.internal` / `gateway.docker.internal` (Docker's name for the machine the
container runs on: the request stays on that machine's virtual network). Private addresses
(`10.x`, `192.168.x`), cluster-internal names (`*.svc.cluster.local`) and any other host are
reported: the request crosses a network. A URL whose scheme or host is itself a reference
(`${MCP_URL}`) is not judged.

## Why is this bad?
Plain HTTP sends headers, query strings and user-info unencrypted. Anyone on the path (shared
Wi-Fi, a proxy, another pod on the node, a compromised router) can read the token and replay it
against the server for as long as it is valid.

## Example
```json
{"mcpServers": {"tickets": {"type": "http", "url": "http://tickets.example.com/mcp",
  "headers": {"Authorization": "Bearer ${TICKETS_TOKEN}"}}}}
```

## Use instead
```json
{"mcpServers": {"tickets": {"type": "http", "url": "https://tickets.example.com/mcp",
  "headers": {"Authorization": "Bearer ${TICKETS_TOKEN}"}}}}
```
If the server really is only reachable over plain HTTP inside a trusted network (a service mesh
with mTLS), suppress the finding with a comment saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import unquote

from mcplint.detect.filters import find_references, is_reference, is_secretish_name
from mcplint.detect.hosts import is_loopback
from mcplint.model import FIELD_ARG, FIELD_HEADER, FIELD_OTHER, FIELD_URL, McpConfig, Slot
from mcplint.parse.document import Mapping, Scalar, Sequence, walk
from mcplint.recognise.references import referenced_variables
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import make_finding

AUTH_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "apikey", "x-auth-token", "x-token"}
)
_HTTP_URL = re.compile(r"(?i)\bhttp://[^\s\"'<>]+")
# User-info runs to the authority's last "@", as urllib reads it (a password may hold an "@").
_AUTHORITY = re.compile(r"(?i)^http://(?:(?P<user>[^/?#]*)@)?(?P<host>\[[^\]]*\]|[^/?#:@]*)")
_QUERY = re.compile(r"[?&](?P<name>[A-Za-z][\w.\-\[\]]*)=(?P<value>[^&#\s]*)")
_QUERY_TOKEN_NAMES = frozenset({"key", "apikey", "api_key", "access_token", "token", "auth", "sig", "signature"})


@dataclass(frozen=True, slots=True)
class PlainUrl:
    """An ``http://`` URL to a non-loopback host, located in the document."""

    host: str
    text: str
    scalar: Scalar
    offset: int  # index of the URL inside the scalar's value


def plain_http_url(scalar: Scalar | None) -> PlainUrl | None:
    """The first ``http://`` URL of a value whose host is literal and not loopback."""
    if scalar is None or not isinstance(scalar.value, str):
        return None
    value = scalar.value
    match = _HTTP_URL.search(value)
    if match is None:
        return None
    # ${URL:-http://…} is a default, the URL actually used comes from the environment first.
    if any(ref.start <= match.start() < ref.end for ref in find_references(value)):
        return None
    url = match.group(0)
    authority = _AUTHORITY.match(url)
    if authority is None:
        return None
    host = authority.group("host")
    if not host or any(ch in host for ch in "${}%<>") or is_loopback(host):
        return None
    return PlainUrl(host, url, scalar, match.start())


@dataclass(frozen=True, slots=True)
class Credential:
    """Something secret the request carries, with where to point at it."""

    what: str
    start: int
    end: int
    anchor: str
    secret: str | None = None  # the literal value, so the snippet is masked; None for references


def _literal(text: str) -> str | None:
    """``text`` when it holds a literal credential (not only references), else None."""
    return text if text.strip() and not is_reference(text) else None


def _span(scalar: Scalar, index: int, length: int) -> tuple[int, int]:
    if scalar.verbatim and scalar.content_start >= 0:
        return scalar.content_start + index, scalar.content_start + index + length
    return scalar.span.start, scalar.span.end


def url_credentials(url: PlainUrl) -> list[Credential]:
    """User-info passwords and token query parameters of the URL itself (references count)."""
    found: list[Credential] = []
    authority = _AUTHORITY.match(url.text)
    user = authority.group("user") if authority else None
    if user and ":" in user and user.split(":", 1)[1]:
        start, end = _span(url.scalar, url.offset + len("http://"), len(user))
        found.append(Credential("a password in the URL user-info", start, end, "userinfo", _literal(user)))
    for match in _QUERY.finditer(url.text):
        name, value = match.group("name"), unquote(match.group("value"))
        if value and (is_secretish_name(name) or name.lower() in _QUERY_TOKEN_NAMES):
            start, end = _span(url.scalar, url.offset + match.start("value"), len(match.group("value")))
            literal = _literal(match.group("value"))
            found.append(Credential(f"the {name} query parameter", start, end, f"query:{name}", literal))
    return found


def is_auth_header(name: str | None) -> bool:
    return bool(name) and (name.strip().lower() in AUTH_HEADERS or is_secretish_name(name))


def _header_credentials(config: McpConfig, server: str) -> list[Credential]:
    found: list[Credential] = []
    for slot in config.slots:
        if slot.server != server or not isinstance(slot.value.value, str) or not slot.value.value.strip():
            continue
        if slot.field == FIELD_HEADER and is_auth_header(slot.key):
            found.append(_slot_credential(slot, f"the {slot.key} header"))
        elif slot.field == FIELD_OTHER and slot.key == "apiKey":  # Continue: sent as a Bearer header
            found.append(_slot_credential(slot, "apiKey (sent as a Bearer header)"))
    for use in referenced_variables(config):
        if use.server != server or use.syntax != "name":
            continue
        if use.field == "bearer_token_env_var" or (use.field == "env_http_headers" and is_auth_header(use.key)):
            found.append(Credential(f"the {use.key} header from {use.name}", use.start, use.end, f"name:{use.name}"))
    return found


def _slot_credential(slot: Slot, what: str) -> Credential:
    anchor = "/".join(str(p) for p in slot.path)
    return Credential(what, slot.value.span.start, slot.value.span.end, anchor, _literal(slot.text))


def _declared_headers(config: McpConfig, url: PlainUrl) -> list[Credential]:
    """Registry ``server.json``: secret header inputs declared next to the URL (``headers[].name``)."""
    if config.kind != "registry-server":
        return []
    found: list[Credential] = []
    for path, node in walk(config.document.root):
        if not isinstance(node, Mapping) or node.get("url") is not url.scalar:
            continue
        headers = node.get("headers")
        for item in headers.items if isinstance(headers, Sequence) else []:
            name = item.get("name") if isinstance(item, Mapping) else None
            if isinstance(name, Scalar) and isinstance(name.value, str) and is_auth_header(name.value):
                anchor = "/".join(str(p) for p in path) + f"/headers/{name.value}"
                found.append(Credential(f"the {name.value} header", name.span.start, name.span.end, anchor))
    return found


def _server_urls(config: McpConfig, server: str, url: Scalar | None) -> list[PlainUrl]:
    """The server's own URL, else ``http://`` arguments of a stdio bridge (``mcp-remote http://…``)."""
    urls = [found] if (found := plain_http_url(url)) else []
    if url is None:
        for slot in config.slots:
            if slot.server == server and slot.field in (FIELD_ARG, FIELD_URL):
                found = plain_http_url(slot.value)
                if found is not None:
                    urls.append(found)
                    break
    return urls


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Every credential a server sends to a non-loopback ``http://`` URL."""
    if config.kind in ("dotenv", "kubernetes", "compose"):
        return
    for server in config.servers:
        for url in _server_urls(config, server.name, server.url):
            credentials = url_credentials(url) + _header_credentials(config, server.name)
            credentials += _declared_headers(config, url)
            for credential in credentials:
                message = (
                    f'Server "{server.name}" sends {credential.what} to http://{url.host} unencrypted;'
                    " anyone on the network path can read it. Use https:// (or a loopback address"
                    " for a local proxy)."
                )
                yield make_finding(
                    RULE,
                    config,
                    credential.start,
                    credential.end,
                    message,
                    anchor=f"{server.name}#{credential.anchor}",
                    secret=credential.secret,
                    pattern_id="plain-http",
                )


RULE = Rule(
    code="MCP013",
    name="credential-over-plain-http",
    summary="Credential sent to a remote MCP server over plain http://",
    severity="error",
    category="insecure-transport",
    security_severity="7.5",
    precision="high",
    check=check,
    doc=__doc__,
)
