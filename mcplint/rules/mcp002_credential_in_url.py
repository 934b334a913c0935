"""Credential inside a URL or connection string.

## What it does
Finds passwords in the user-info part of URLs and connection strings
(`postgresql://user:pass@host/db`, `redis://:pass@host`, `https://user:pass@mcp.example.com`) and
tokens in query parameters (`?api_key=…`, `?token=…`, `?access_token=…`), in any field of an MCP
config: `url`, `args`, `env` values and elsewhere. References (`${DB_PASSWORD}`) and placeholders
(`<password>`) are not reported.

## Why is this bad?
A URL is copied into logs, error messages, proxy logs and browser history. A credential inside it
travels everywhere the URL does, and a committed config leaks it to everyone with the repository.

## Example
```json
{"mcpServers": {"db": {"command": "npx", "args": ["-y", "@example/postgres-mcp",
  "postgresql://app:s3cr3t-pw@db.example.com/app"]}}}
```

## Use instead
Pass the connection string through a variable the client expands
(`"${DATABASE_URL}"` in Claude Code, `"${env:DATABASE_URL}"` in Cursor and VS Code) and keep the
value in an ignored `.env` or a secret manager. For remote servers, send tokens in a header that
references a variable instead of the query string.
"""

from __future__ import annotations

from typing import Iterator

from mcplint.model import McpConfig
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import anchor_of, make_finding, slot_url_credentials, value_offsets
from mcplint.rules.envfiles import value_rules_apply


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Every user-info password and token query parameter in the file's string values."""
    if not value_rules_apply(config):
        return
    for slot in config.slots:
        for index, cred in enumerate(slot_url_credentials(slot, ctx)):
            start, end = value_offsets(slot, cred.start, cred.end)
            if cred.kind == "userinfo":
                what = "password in the URL user-info"
            else:
                what = f"token in URL query parameter {cred.name}"
            message = (
                f"{what[0].upper()}{what[1:]} of {slot.where()}; URLs end up in logs. "
                "Reference the whole URL or the credential through an environment variable."
            )
            yield make_finding(
                RULE,
                config,
                start,
                end,
                message,
                anchor=anchor_of(slot, f"url{index}"),
                secret=slot.text[cred.start : cred.end],
                pattern_id=f"url-{cred.kind}",
            )


RULE = Rule(
    code="MCP002",
    name="credential-in-url",
    summary="Password or token inside a URL or connection string",
    severity="error",
    category="secret",
    security_severity="8.5",
    precision="high",
    check=check,
    doc=__doc__,
)
