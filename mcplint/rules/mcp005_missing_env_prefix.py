"""Secret in an environment-specific file without that environment's prefix.

## What it does
In an environment-specific env file (`.env.production`, `.env.prod`, `prod.env`, `.env.staging`,
`.env.development`, `deploy/prod/.env`, or a file listed under `environments.<name>.files`),
reports a variable that holds a secret but whose name lacks the environment's prefix (`PROD_`,
`STAGING_`/`STG_`, `DEV_` by default; the environment's own name, `PRODUCTION_`, is accepted too).
It applies whether or not the file is git-ignored. Non-secret settings (`PORT`, `APP_ENV`,
`TENANT_ID`, `LOG_LEVEL`, URLs without credentials) need no prefix. A name carrying another
environment's prefix is MCP006's, not this rule's.

With `require-prefix: true`, an MCP server's `env` or header reference to a secret-ish variable
(`"${DB_PASSWORD}"`) is reported too: in an environment-specific MCP config it must carry that
environment's prefix, elsewhere any configured environment prefix.

## Why is this bad?
Unprefixed names are the same in every environment, so a production secret is one copied file or
one wrong `--env-file` away from a development laptop or a staging log, and nothing shows which
environment a value belongs to.

## Example
```dotenv
# .env.production
STRIPE_API_KEY=rk_live_…
```

## Use instead
```dotenv
# .env.production
PROD_STRIPE_API_KEY=rk_live_…
```
and map it where it is used (`"env": {"STRIPE_API_KEY": "${PROD_STRIPE_API_KEY}"}`).
"""

from __future__ import annotations

from typing import Iterator

from mcplint.model import McpConfig
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import anchor_of, make_finding
from mcplint.rules.envfiles import PrefixProblem, prefix_problems, prefixes_of, value_span


def message_for(config: McpConfig, problem: PrefixProblem, ctx: Context) -> str:
    """Which prefix is missing and the name to use instead."""
    if problem.env is None:
        every = ", ".join(p for env in ctx.settings.environments for p in prefixes_of(env, ctx.settings)[:1])
        return (
            f"{problem.slot.where()} references ${{{problem.name}}}, a secret without an environment prefix "
            f"({every}); require-prefix is set: reference the variable of the environment this config is for."
        )
    prefix = prefixes_of(problem.env, ctx.settings)[0]
    if problem.reference:
        return (
            f"{problem.slot.where()} references ${{{problem.name}}} in a {problem.env} config: "
            f"reference ${{{prefix}{problem.name}}} so only the {problem.env} secret can be used here."
        )
    return (
        f"{problem.name} holds a secret in the {problem.env} file {config.relpath} but lacks the {prefix} prefix: "
        f"rename it {prefix}{problem.name} so it cannot be loaded into another environment."
    )


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Secret variables (or, with require-prefix, secret references) lacking the environment prefix."""
    for problem in prefix_problems(config, ctx):
        if problem.foreign is not None:
            continue  # MCP006
        start, end = value_span(problem.slot)
        yield make_finding(
            RULE,
            config,
            start,
            end,
            message_for(config, problem, ctx),
            anchor=anchor_of(problem.slot, "prefix"),
            # a dotenv value is the secret itself: mask it; a ${VAR} reference is not a secret
            secret=None if problem.reference else problem.slot.text,
            pattern_id="env-prefix",
        )


RULE = Rule(
    code="MCP005",
    name="missing-env-prefix",
    summary="Secret variable without its environment's prefix",
    severity="warning",
    category="env-prefix",
    security_severity="4.0",
    precision="high",
    check=check,
    doc=__doc__,
)
