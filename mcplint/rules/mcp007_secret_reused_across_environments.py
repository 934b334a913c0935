"""The same secret value in several env files.

## What it does
Compares the secret values of every env file in the scan (`.env`, `.env.production`,
`.env.staging`, `deploy/prod/.env`, …; templates excluded; ignored files included) and reports
each occurrence of a value that already occurs, earlier in path order, in a different file, at
its line. Values are compared after their quotes are removed, as keyed hashes held in memory only:
neither the value nor its hash is written anywhere. Equal non-secret values (ids, regions, URLs
without credentials) are not findings; a value counts as a secret when any of its occurrences is
one (a provider token, a credential in a URL, a real-looking value under a secret-ish name).

## Why is this bad?
A secret shared between environments makes the weakest one the key to all of them: a staging
leak, a developer laptop or a test log exposes production. It also cannot be rotated for one
environment without breaking the others.

## Example
```dotenv
# .env.development
DEV_OPENAI_API_KEY=sk-proj-AAAA…
# .env.production
PROD_OPENAI_API_KEY=sk-proj-AAAA…
```

## Use instead
Issue one credential per environment (most providers allow several keys per account) and scope
each to what that environment needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Iterator

from mcplint.model import McpConfig, Slot
from mcplint.results.findings import Finding, keyed_hash
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import anchor_of, make_finding
from mcplint.rules.envfiles import is_checked_env_file, is_secret_variable, key_of_slot, value_span

MIN_LENGTH = 8  # shorter equal values are too likely to be coincidences (ports, flags)


def comparable(slot: Slot) -> str | None:
    """The value as compared: surrounding whitespace and any leftover quotes removed."""
    text = slot.value.value
    if not isinstance(text, str):
        return None
    text = text.strip()
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'`":
        text = text[1:-1].strip()
    return text if len(text) >= MIN_LENGTH else None


def occurrences(configs: Iterable[McpConfig], ctx: Context) -> list[tuple[McpConfig, Slot, str, bool]]:
    """(config, slot, keyed hash, is secret) for every value of every env file, files in path order."""
    found: list[tuple[McpConfig, Slot, str, bool]] = []
    seen_files: set[str] = set()
    for config in sorted(configs, key=lambda c: c.relpath):
        if not is_checked_env_file(config, ctx):
            continue
        real = _real_path(config)
        if real in seen_files:
            continue  # the same file reached twice (a hard link or an explicit path); not a reuse
        seen_files.add(real)
        for slot in config.slots:
            value = comparable(slot)
            if value is not None:
                found.append((config, slot, keyed_hash(value), is_secret_variable(slot, ctx)))
    return found


def _real_path(config: McpConfig) -> str:
    try:
        return str(config.path.resolve())
    except (OSError, RuntimeError):
        return str(config.path)


def check_project(configs: list[McpConfig], ctx: Context) -> Iterator[Finding]:
    """Every later occurrence of a secret value that an earlier, different file already holds."""
    found = occurrences(configs, ctx)
    secret_values = {digest for _, _, digest, secret in found if secret}
    first_seen: dict[str, tuple[McpConfig, Slot]] = {}
    for config, slot, digest, _ in found:
        if digest not in secret_values:
            continue
        earlier = first_seen.setdefault(digest, (config, slot))
        if earlier[0] is config:
            continue
        first_config, first_slot = earlier
        first_line = first_config.document.position(first_slot.value.span.start)[0]
        name = slot.key or "this variable"
        first_name = first_slot.key or "a variable"
        key = key_of_slot(config, slot)
        message = (
            f"The value of {name} is the same secret as {first_name} in {first_config.relpath} (line {first_line}): "
            "give each environment its own credential and rotate the shared one."
        )
        start, end = value_span(slot)
        yield make_finding(
            RULE,
            config,
            start,
            end,
            message,
            anchor=anchor_of(slot, f"reuse:{key.text if key else ''}:{first_config.relpath}"),
            secret=slot.text,
            pattern_id="secret-reuse",
        )


RULE = Rule(
    code="MCP007",
    name="secret-reused-across-environments",
    summary="Same secret value in several env files",
    severity="warning",
    category="secret-reuse",
    security_severity="6.0",
    precision="high",
    check_project=check_project,
    doc=__doc__,
)
