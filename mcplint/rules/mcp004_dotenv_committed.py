"""`.env` file tracked by git.

## What it does
Reports a `.env`-style file (`.env`, `.env.local`, `.env.production`, `prod.env`, …) that git
tracks, also when a `.gitignore` rule matches it now (ignoring a file does not untrack it, and
`git add -f` commits it anyway). Severity is error when the file holds a secret, warning
otherwise. Templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`) are meant to be
committed and are exempt.

## Why is this bad?
Every secret in a committed `.env` is in the repository's history, on every clone, fork and CI
cache, and stays there after the file is deleted or ignored. Only rotating the secret helps.

## Example
```console
$ git ls-files
.env
src/server.ts
```

## Use instead
```console
$ git rm --cached .env
$ echo ".env" >> .gitignore
```
then rotate every secret the file ever held and keep a `.env.example` with empty values.
"""

from __future__ import annotations

import shlex
from typing import Iterator

from mcplint.model import McpConfig
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import make_finding
from mcplint.rules.envfiles import is_checked_env_file, secret_slots, value_span, variable_names

NO_SECRET_SEVERITY = ("warning", "4.0")


def repo_path(config: McpConfig, ctx: Context) -> str:
    """The file's path as `git rm` at the repository root wants it."""
    rel = ctx.repo.relative(config.path) if ctx.repo is not None else None
    return rel or config.relpath


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """One finding for a tracked non-template env file; error when it holds secrets."""
    if not config.git_tracked or not is_checked_env_file(config, ctx):
        return
    untrack = f"git rm --cached {shlex.quote(repo_path(config, ctx))}"
    ignored = ""
    if config.git_ignored:
        ignored = " (a .gitignore rule matches it, but git keeps tracking a file once it was added)"
    secrets = secret_slots(config, ctx)
    if not secrets:
        message = (
            f"{config.relpath} is tracked by git{ignored}: untrack it with `{untrack}` and ignore it; "
            "real values would otherwise be committed with the next change."
        )
        severity, security = NO_SECRET_SEVERITY
        yield make_finding(RULE, config, 0, 0, message, anchor="file", severity=severity, security_severity=security)
        return
    message = (
        f"{config.relpath} is tracked by git{ignored} and holds secrets ({variable_names(secrets)}): untrack it with "
        f"`{untrack}`, ignore it, and rotate every secret in it: committed secrets stay in the history."
    )
    start, end = value_span(secrets[0])
    yield make_finding(RULE, config, start, end, message, anchor="file", masks_span=True)


RULE = Rule(
    code="MCP004",
    name="dotenv-committed",
    summary="`.env` file is committed to git",
    severity="error",
    category="dotenv-committed",
    security_severity="8.0",
    precision="very-high",
    check=check,
    doc=__doc__,
)
