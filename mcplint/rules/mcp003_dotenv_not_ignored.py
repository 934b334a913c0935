"""`.env` file with secrets that git would not ignore.

## What it does
Reports a `.env`-style file (`.env`, `.env.local`, `.env.production`, `prod.env`, `config/.env`,
…) that holds at least one secret (a provider token, a credential in a URL, or a real-looking
value under a secret-ish name) and that no ignore rule matches. Inside a git repository git itself
answers (`git check-ignore --no-index`: nested `.gitignore` files, `.git/info/exclude`, the global
excludes file and negations such as `!.env.example` count exactly as git applies them); outside a
repository the `.gitignore` files on the way down are matched with `pathspec`.

Templates meant to be committed (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`,
`*.example.env`) are exempt; secrets in them are MCP008's. One finding per file, at the first
secret (its value masked in the snippet).

## Why is this bad?
The next `git add -A` commits the file, and with it every secret in it, into a history that is
hard to clean and is copied to every clone, fork and CI runner.

## Example
```text
# .gitignore
node_modules/
```
with `.env` holding `OPENAI_API_KEY=sk-proj-…`.

## Use instead
```text
# .gitignore
.env
.env.*
!.env.example
```
and commit only a `.env.example` with empty values.
"""

from __future__ import annotations

from typing import Iterator

from mcplint.model import McpConfig
from mcplint.names.env import gitignore_line
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import make_finding
from mcplint.rules.envfiles import is_checked_env_file, secret_slots, value_span, variable_names


def message_for(config: McpConfig, names: str) -> str:
    """What is wrong and the exact `.gitignore` line that fixes it."""
    line = gitignore_line(config.path.name)
    keep = ' followed by "!.env.example" (so templates stay committed)' if line == ".env.*" else ""
    where = "git would not ignore it" if config.git_tracked is not None else "no .gitignore rule matches it"
    return (
        f'{config.relpath} holds secrets ({names}) and {where}: add the line "{line}"{keep} to the '
        ".gitignore at the repository root."
    )


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """One finding for a non-template env file with secrets that no ignore rule matches."""
    if config.git_ignored is not False or not is_checked_env_file(config, ctx):
        return
    secrets = secret_slots(config, ctx)
    if not secrets:
        return
    start, end = value_span(secrets[0])
    message = message_for(config, variable_names(secrets))
    yield make_finding(RULE, config, start, end, message, anchor="file", masks_span=True)


RULE = Rule(
    code="MCP003",
    name="dotenv-not-ignored",
    summary="`.env` file with secrets is not git-ignored",
    severity="error",
    category="dotenv-not-ignored",
    security_severity="7.5",
    precision="very-high",
    check=check,
    doc=__doc__,
)
