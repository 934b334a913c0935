"""Placeholder left in a committed MCP config where a real value is expected (opt-in).

## What it does
Reports values in a server's `env`, `headers`, `args` and `url` (and secret-named fields such as
Continue's `apiKey`) that are documentation placeholders rather than values: `<YOUR_TOKEN>`,
`your-api-key-here`, `YOUR_API_KEY`, `ghp_xxxxxxxx`, `sk-...`, `REPLACE_ME`, `https://<your-org>.example.com`.
They are not secrets, so the secret rules stay quiet about them; this rule catches the "forgot to
configure" case instead.

Only files git tracks (or any file outside git) are checked; env files, manifests (`server.json`,
`manifest.json`, `smithery.yaml`: their examples are meant to be placeholders) and files that are
examples by name or location (`mcp.example.json`, `examples/`, `docs/`) are skipped. Values that
are references (`${VAR}`) are never placeholders. Off by default: enable it with
`--select MCP016` (or `select = ["MCP016"]` in the configuration).

## Why is this bad?
A committed config with `<YOUR_TOKEN>` in it starts a server that fails on its first call, often
with an unhelpful authentication error, and invites each teammate to paste a real token into the
shared file to fix it, which is how tokens get committed.

## Example
```json
{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
  "env": {"GITHUB_TOKEN": "<YOUR_GITHUB_TOKEN>"}}}}
```

## Use instead
```json
{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
  "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}}}}
```
and document `GITHUB_TOKEN=` in `.env.example`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Iterator

from mcplint.detect.filters import find_references, is_secretish_name
from mcplint.model import FIELD_ARG, FIELD_ENV, FIELD_HEADER, FIELD_OTHER, FIELD_URL, McpConfig, Slot
from mcplint.names.env import TEMPLATE_WORDS, name_words
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import anchor_of, make_finding, slot_secrets

_SKIPPED_KINDS = frozenset({"dotenv", "registry-server", "mcpb", "smithery", "docker-mcp-catalog"})
_EXAMPLE_DIRS = frozenset({"docs", "doc", "example", "examples", "sample", "samples", "templates", "fixtures"})
# Markers that say "put the real value here" without doubt (substring matches on the value).
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("angle", re.compile(r"<[A-Za-z][^<>\n]{1,60}>")),  # <YOUR_TOKEN>, <api key>, https://<org>.example.com
    (
        "your",  # your-api-key-here, YOUR_API_KEY, yourdomain.com; not a random "...9yOuR..." token
        re.compile(
            r"(?i)(?<![a-z0-9])your(?:[-_ .]|api|key|token|secret|pass|user|name|domain|org|project|server|host"
            r"|email|account|id|url|app|team|workspace|company|instance|tenant|region|bucket|database|db)"
        ),
    ),
    ("here", re.compile(r"(?i)[-_ ](?:goes[-_ ])?here$")),  # token_here, key-goes-here
    (
        "fill",
        re.compile(
            r"(?i)(?<![a-z])(?:replace[-_ ]?(?:me|this|with)|change[-_ ]?me|insert[-_ ]|paste[-_ ]|fill[-_ ]?in)"
        ),
    ),
    ("xxx", re.compile(r"(?i)(?<![a-z0-9])(?:x{4,}|\*{4,})(?![a-z0-9])")),  # ghp_xxxxxxxx, ****
    ("ellipsis", re.compile(r"^[A-Za-z0-9]{1,12}(?:[-_][A-Za-z0-9]{1,12}){0,3}[-_]?(?:\.{3}|…)$")),  # sk-proj-...
    ("todo", re.compile(r"(?<![A-Za-z0-9])(?:TODO|TBD|FIXME)(?![A-Za-z0-9])")),
)


def placeholder_marker(text: str) -> str | None:
    """The marker that makes ``text`` an unfilled placeholder, or None (references are removed first)."""
    plain = list(text)
    for ref in find_references(text):
        plain[ref.start : ref.end] = [" "] * (ref.end - ref.start)
    literal = "".join(plain).strip()
    if not literal:
        return None
    for name, pattern in _MARKERS:
        if pattern.search(literal):
            return name
    return None


def is_example_file(relpath: str) -> bool:
    """Examples by name (``mcp.example.json``) or by location (``examples/``, ``docs/``)."""
    parts = PurePosixPath(relpath).parts
    if any(part.lower() in _EXAMPLE_DIRS for part in parts[:-1]):
        return True
    return any(word in TEMPLATE_WORDS for word in name_words(parts[-1] if parts else ""))


def _expects_value(slot: Slot) -> bool:
    if slot.field in (FIELD_ENV, FIELD_HEADER, FIELD_ARG, FIELD_URL):
        return True
    return slot.field == FIELD_OTHER and slot.server is not None and is_secretish_name(slot.key)


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Every clear placeholder in a server field of a committed, non-example MCP config."""
    if config.kind in _SKIPPED_KINDS or config.git_tracked is False or is_example_file(config.relpath):
        return
    for slot in config.slots:
        text = slot.value.value
        if not isinstance(text, str) or not _expects_value(slot) or slot_secrets(slot, ctx):
            continue
        marker = placeholder_marker(text)
        if marker is None:
            continue
        message = (
            f"{slot.where()} still holds a placeholder; the server gets this text instead of a real value."
            " Reference a variable your client expands and document it in .env.example."
        )
        yield make_finding(
            RULE, config, slot.value.span.start, slot.value.span.end, message, anchor=anchor_of(slot, marker)
        )


RULE = Rule(
    code="MCP016",
    name="unfilled-placeholder",
    summary="Placeholder left in a committed MCP config where a real value is expected",
    severity="note",
    category="placeholder",
    security_severity="1.0",
    precision="high",
    enabled_by_default=False,
    check=check,
    doc=__doc__,
)
