"""Literal secret in an MCP configuration, manifest, deployment or unsafe `.env` file.

## What it does
Finds credentials written as literal values anywhere in a server definition (`env`, `headers`,
`args`, `url`) or elsewhere in the file: provider tokens recognised by their format (GitHub,
Anthropic, OpenAI, Slack, AWS, …, see `rules/`), and any literal, non-placeholder value under a
secret-ish name (`*_TOKEN`, `*_API_KEY`, `*PASSWORD*`, `Authorization`, …).

References (`${VAR}`, `${env:VAR}`, `${input:id}`, `{env:VAR}`, `op://…`, Vault and AWS Secrets
Manager references, `secretKeyRef`) and placeholders (`<YOUR_TOKEN>`, `your-api-key-here`) are
never reported. In a `.env` file, secrets are reported only when git tracks the file or would not
ignore it: an ignored, untracked `.env` is where secrets belong.

## Why is this bad?
MCP config files get committed, shared in READMEs and copied between machines. A token in one is
readable by everyone with the repository, and stays in its history after it is removed. Where the
value sits makes it worse: `args` show in process listings and shell history, URLs land in proxy
and server logs.

## Example
```json
{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
  "env": {"GITHUB_TOKEN": "ghp_…"}}}}
```

## Use instead
```json
{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
  "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}}}}
```
with `GITHUB_TOKEN` set in an ignored `.env` or a secret manager, in the reference syntax your
client expands (`${VAR}` for Claude Code, `${env:VAR}` for Cursor and VS Code, `{env:VAR}` for
opencode, `env_vars` for Codex). Rotate any secret that was committed.
"""

from __future__ import annotations

from typing import Iterator

from mcplint.model import FIELD_ARG, FIELD_COMMAND, FIELD_ENV, FIELD_HEADER, FIELD_URL, McpConfig, Slot
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import (
    anchor_of,
    make_finding,
    slot_secrets,
    value_offsets,
    variable_name,
    word_password_hits,
)
from mcplint.rules.envfiles import value_rules_apply

# Severity by location: env < header < args < url (the same secret is worse where more can see it).
LOCATION_RISK = {
    FIELD_ENV: ("7.5", ""),
    FIELD_HEADER: ("8.0", ""),
    FIELD_ARG: ("8.5", "; arguments show in process listings and shell history"),
    FIELD_COMMAND: ("8.5", "; the command line shows in process listings and shell history"),
    FIELD_URL: ("9.1", "; URLs end up in proxy and server logs"),
}


def advice(config: McpConfig, slot: Slot) -> str:
    """How to keep this value out of this client's file."""
    client = config.client
    name = variable_name(slot)
    if config.kind == "dotenv":
        return "Keep it in a git-ignored .env or a secret manager, and rotate it if it was committed."
    if client.reference and slot.field in client.expands:
        ref = client.reference.replace("VAR", name)
        return f"{client.name} expands {client.reference}: write {ref} and set {name} outside the file."
    return client.advice or "Move it to an environment variable or a secret manager."


def fixable(config: McpConfig, slot: Slot) -> bool:
    """Whether ``mcplint fix`` can write a reference here: the client expands one in this field."""
    client = config.client
    return config.kind != "dotenv" and bool(client.reference) and slot.field in client.expands


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Every provider token or secret-named literal in the file's slots."""
    if not value_rules_apply(config):
        return
    word_passwords = word_password_hits(config)
    for slot in config.slots:
        hits = slot_secrets(slot, ctx)
        if not hits and id(slot) in word_passwords:
            hits = [word_passwords[id(slot)]]
        if not hits:
            continue
        risk, why = LOCATION_RISK.get(slot.field, ("7.5", ""))
        for index, hit in enumerate(hits):
            start, end = value_offsets(slot, hit.start, hit.end)
            message = f"{hit.description} in {slot.where()}{why}. {advice(config, slot)}"
            finding = make_finding(
                RULE,
                config,
                start,
                end,
                message,
                anchor=anchor_of(slot, str(index)),
                secret=slot.text[hit.start : hit.end],
                pattern_id=hit.pattern_id,
                security_severity=risk,
            )
            finding.location = slot.field  # SARIF: one rule descriptor per location class
            if fixable(config, slot):
                finding.fixable = True  # for the closing "N fixable with `mcplint fix`" hint
            yield finding


RULE = Rule(
    code="MCP001",
    name="hardcoded-secret",
    summary="Literal secret in an MCP configuration",
    severity="error",
    category="secret",
    security_severity="8.0",
    precision="high",
    defers_to=("MCP002",),
    check=check,
    doc=__doc__,
)
