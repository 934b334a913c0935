"""Secret variable carrying another environment's prefix.

## What it does
In an environment-specific env file (`.env.production`, `.env.staging`, `.env.development`,
`deploy/prod/.env`, …), reports a variable that holds a secret and whose name carries another
environment's prefix: `PROD_API_KEY` in `.env.development`, `DEV_DB_PASSWORD` in
`.env.production`. It applies whether or not the file is git-ignored. Such a variable gets this
finding only, not also MCP005.

With `require-prefix: true`, an environment-specific MCP config referencing another environment's
secret (`"${PROD_DB_PASSWORD}"` in `deploy/staging/.mcp.json`) is reported too.

## Why is this bad?
A production secret in a development file is a production secret on every developer laptop and
in every dev log; a development secret in production means production runs with test
credentials, or the wrong value was pasted in the wrong file.

## Example
```dotenv
# .env.development
PROD_DATABASE_PASSWORD=…
```

## Use instead
```dotenv
# .env.development
DEV_DATABASE_PASSWORD=…
```
with a development-only value, and keep production secrets in production's secret store.
"""

from __future__ import annotations

from typing import Iterator

from mcplint.model import McpConfig
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import anchor_of, make_finding
from mcplint.rules.envfiles import PrefixProblem, prefix_problems, prefixes_of, value_span


def message_for(config: McpConfig, problem: PrefixProblem, ctx: Context) -> str:
    """Which environment the name belongs to and which it sits in."""
    assert problem.foreign is not None
    other, prefix = problem.foreign
    own = prefixes_of(problem.env, ctx.settings)[0] if problem.env else ""
    if problem.reference:
        return (
            f"{problem.slot.where()} references ${{{problem.name}}}, a {other} ({prefix}) secret, in the "
            f"{problem.env} config {config.relpath}: reference a {problem.env} secret ({own}…) instead."
        )
    return (
        f"{problem.name} carries the {other} prefix {prefix} but sits in the {problem.env} file {config.relpath}: "
        f"use a {problem.env}-only secret named {own}… here, and rotate the value if it is a real {other} secret."
    )


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Secret variables (or, with require-prefix, references) named for another environment."""
    for problem in prefix_problems(config, ctx):
        if problem.foreign is None:
            continue  # MCP005
        start, end = value_span(problem.slot)
        yield make_finding(
            RULE,
            config,
            start,
            end,
            message_for(config, problem, ctx),
            anchor=anchor_of(problem.slot, "prefix"),
            secret=None if problem.reference else problem.slot.text,
            pattern_id="env-prefix",
        )


RULE = Rule(
    code="MCP006",
    name="env-prefix-mismatch",
    summary="Secret variable with another environment's prefix",
    severity="error",
    category="env-prefix",
    security_severity="6.5",
    precision="high",
    check=check,
    doc=__doc__,
)
