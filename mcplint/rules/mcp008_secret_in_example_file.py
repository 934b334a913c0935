"""Real-looking secret in an env template such as `.env.example`.

## What it does
Reports provider tokens, credentials in URLs and real-looking values under secret-ish names in env
templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `.env.defaults`,
`*.example.env`, …). Placeholders (`sk-proj-...`, `<api-key>`, `changeme`, empty values) and
references (`${VAR}`) are fine. A template that git ignores and does not track is not reported.

## Why is this bad?
Templates are committed by design and copied into every checkout, README and issue. A real token
left in one (often pasted while writing the template from a working `.env`) is published with the
repository.

## Example
```dotenv
# .env.example
GITHUB_TOKEN=ghp_…a real token…
```

## Use instead
```dotenv
# .env.example
GITHUB_TOKEN=
```
or a visible placeholder (`GITHUB_TOKEN=<your-github-token>`); rotate the token that was committed.
"""

from __future__ import annotations

from typing import Iterator

from mcplint.model import McpConfig
from mcplint.names.env import is_template
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import anchor_of, make_finding, slot_secrets, slot_url_credentials, value_offsets


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Every detector hit and URL credential in a template env file."""
    if config.kind != "dotenv" or not is_template(config.relpath):
        return
    if config.git_ignored and not config.git_tracked:
        return  # an ignored, untracked template is never committed
    advice = "templates are committed: leave the value empty or use a placeholder, and rotate this secret."
    for slot in config.slots:
        credentials = slot_url_credentials(slot, ctx)
        in_urls = [(c.start, c.end) for c in credentials]
        spans = [(c.start, c.end, f"url-{c.kind}", "Credential in a URL") for c in credentials]
        spans += [
            (hit.start, hit.end, hit.pattern_id, hit.description)
            for hit in slot_secrets(slot, ctx)
            if not any(s <= hit.start and hit.end <= e for s, e in in_urls)
        ]
        for index, (begin, stop, pattern_id, description) in enumerate(sorted(spans)):
            start, end = value_offsets(slot, begin, stop)
            yield make_finding(
                RULE,
                config,
                start,
                end,
                f"{description} in {slot.where()} of template {config.relpath}: {advice}",
                anchor=anchor_of(slot, str(index)),
                secret=slot.text[begin:stop],
                pattern_id=pattern_id,
            )


RULE = Rule(
    code="MCP008",
    name="secret-in-example-file",
    summary="Real-looking secret in an env template",
    severity="error",
    category="secret",
    security_severity="7.5",
    precision="high",
    check=check,
    doc=__doc__,
)
