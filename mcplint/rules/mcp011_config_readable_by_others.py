"""Config file holding a secret is readable by other users.

## What it does
On POSIX systems, reports an MCP configuration file that holds at least one plaintext secret
(anything MCP001 or MCP002 would report) while its permission bits let its group or every user
on the machine read it (mode `0644`, `0640`, …). It suggests `chmod 600`.

The rule is about files where secrets legitimately live, so that file permissions are what
protects them: *user-level* configs, the private files where a client keeps its servers
(`mcplint audit --list-locations` lists them), and `.env` files git does not track (ignored, or
outside a repository). `mcplint audit` checks every user-level config it finds (it reads each
file's mode when it finds the file). The rule is off for `mcplint scan`, whose files are usually
a checkout with the umask's modes; `mcplint scan --select MCP011 ~/.cursor/mcp.json` opts in,
and then checks the same kinds of file. Project configs (`.mcp.json`,
`.vscode/mcp.json`, also under `mcplint audit --projects`) and tracked `.env` files are not
checked: their mode is the umask of a checkout, and the fix there is to take the secret out of
the file (MCP001, MCP004), not `chmod`. On Windows the rule never reports: ACLs, not mode bits,
decide there.

## Why is this bad?
User-level MCP configs (`~/.claude.json`, `~/.cursor/mcp.json`, `~/.codex/config.toml`, …) are
created with the default umask, so on most systems every local account, service and container
with the home mounted can read the tokens in them. A 0700 home directory protects them only as
long as nobody loosens it.

## Example
```console
$ ls -l ~/.cursor/mcp.json
-rw-r--r--  1 alice  staff  412 ~/.cursor/mcp.json      # holds "GITHUB_TOKEN": "ghp_…"
```

## Use instead
```console
$ chmod 600 ~/.cursor/mcp.json
-rw-------  1 alice  staff  412 ~/.cursor/mcp.json
```
Better still, move the secret out of the file (see MCP001) and rotate it if others could read it.
"""

from __future__ import annotations

import os
import shlex
import stat
from pathlib import Path
from typing import Iterator

from mcplint.model import McpConfig
from mcplint.parse.document import Span
from mcplint.results.findings import Finding, stable_hash
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import slot_secrets, slot_url_credentials

# A file-level finding has no position: reporters show the path alone and no code frame.
WHOLE_FILE = Span(0, 0, 0, 0, 0, 0)


def file_mode(config: McpConfig, ctx: Context) -> int | None:
    """The mode of a file this rule checks: as the audit recorded it, else read here; None for others."""
    recorded = ctx.file_modes
    key = os.fspath(config.path)
    if key in recorded:
        return recorded[key]
    untracked_dotenv = config.kind == "dotenv" and not config.git_tracked
    if not (untracked_dotenv or is_user_level(config, ctx)):
        return None
    try:
        return os.stat(config.path).st_mode
    except OSError:
        return None


def is_user_level(config: McpConfig, ctx: Context) -> bool:
    """Whether the file is at a user-level location of the running OS (the audit's table)."""
    from mcplint.discover.locations import Roots, locations, matches, running_platform

    patterns = ctx.memo.user_locations
    if patterns is None:
        patterns = [location.path for location in locations(Roots(running_platform()))]
        ctx.memo.user_locations = patterns
    candidates = {Path(os.path.abspath(config.path)), Path(os.path.realpath(config.path))}
    return any(matches(path, pattern) for path in candidates for pattern in patterns)


def secret_count(config: McpConfig, ctx: Context) -> int:
    """Slots holding a detected secret or a credential inside a URL."""
    return sum(1 for slot in config.slots if slot_secrets(slot, ctx) or slot_url_credentials(slot, ctx))


def readers(mode: int) -> str | None:
    """Who besides the owner may read: "its group", "every user", both, or None."""
    group, others = bool(mode & stat.S_IRGRP), bool(mode & stat.S_IROTH)
    if group and others:
        return "its group and every user"
    if others:
        return "every user"
    if group:
        return "its group"
    return None


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """One file-level finding when a file with secrets is group- or world-readable."""
    if os.name != "posix":
        return
    mode = file_mode(config, ctx)
    if mode is None or not stat.S_ISREG(mode):
        return
    who = readers(mode)
    if who is None:
        return
    count = secret_count(config, ctx)
    if not count:
        return
    noun = "secret" if count == 1 else "secrets"
    message = (
        f"This file holds {count} plaintext {noun} and is readable by {who} "
        f"(mode {stat.S_IMODE(mode):04o}). Run: chmod 600 {shlex.quote(os.fspath(config.path))}"
    )
    yield Finding(
        rule_id=RULE.code,
        path=config.relpath,
        span=WHOLE_FILE,
        message=message,
        severity=RULE.severity,
        category=RULE.category,
        fingerprint=stable_hash(RULE.code, config.relpath, "mode"),
        security_severity=RULE.security_severity,
    )


RULE = Rule(
    code="MCP011",
    name="config-readable-by-others",
    summary="Config file holding a secret is readable by its group or by everyone",
    severity="warning",
    category="secret-permissions",
    security_severity="5.5",
    precision="high",
    enabled_by_default=False,  # on in `mcplint audit`; `scan --select MCP011` opts in
    check=check,
    doc=__doc__,
)
