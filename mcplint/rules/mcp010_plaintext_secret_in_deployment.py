"""Plaintext secret where a deployment platform has a secret mechanism for it.

## What it does
Reports secrets written into deployment files in the place the platform keeps for plain
configuration:

- Kubernetes: a container `env[]` variable with a secret-ish name (`*_TOKEN`, `*_SECRET`,
  `*_PASSWORD`, `*_KEY`, …) whose `value:` is a literal instead of `valueFrom.secretKeyRef`; the
  same in Helm `values.yaml` `env`/`extraEnv` blocks.
- Kubernetes: an entry of a committed `Secret`'s `stringData` or `data` (base64 is decoded) that
  holds a real-looking secret. One finding per such entry, at its value; a Secret whose values are
  empty, placeholders, or plainly not secret (`username`, `host`, …) gives none.
- Compose: a service `environment:` variable (map or `KEY=value` list, including the default of
  `${VAR:-default}`) with a secret-ish name and a literal value.

References (`valueFrom.secretKeyRef`, `envFrom.secretRef`, `${VAR}`), placeholders, paths,
single words and SealedSecret `encryptedData` (encrypted for one cluster) are never reported.

**Division of labour with MCP001.** When MCP001 (or MCP002, for a credential inside a URL) already
reports a value, this rule stays silent: MCP001's message for Compose and Kubernetes files
already names the platform's fix (`secretKeyRef`, Compose `secrets:`), and one leaked value gives
one finding. This rule adds what a value detector cannot see: values that are secrets because of
*where* they are, such as a human-chosen password under `WEBHOOK_SECRET` or a random string under
a neutrally named key of a `Secret`. With MCP001 disabled it reports every such value itself.

## Why is this bad?
Deployment manifests are committed, reviewed and copied between environments; a literal there is
readable by everyone with the repository and stays in its history. A Kubernetes `Secret` manifest
is no safer: `data` is base64, an encoding, and `stringData` is plain text.

## Example
```yaml
env:
  - name: WEBHOOK_SECRET
    value: "Harbor42!tide"
```

## Use instead
```yaml
env:
  - name: WEBHOOK_SECRET
    valueFrom:
      secretKeyRef: {name: tracker-secrets, key: webhook}
```
and create `tracker-secrets` outside the repository, or commit it as a SealedSecret
(sealed-secrets) or an ExternalSecret (external-secrets). In Compose, use `secrets:` (mounted
under `/run/secrets/`) or `${VAR}` with the value in a git-ignored `env_file`. Rotate any secret
that was committed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcplint.detect.filters import (
    find_references,
    is_placeholder,
    is_reference,
    is_secretish_name,
    looks_like_credential,
)
from mcplint.model import FIELD_ENV, McpConfig, Slot
from mcplint.parse.document import Mapping, Node, Scalar
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import anchor_of, make_finding, value_offsets

_WORD_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")
# Env names that end in one of these name the secret itself (AUTH_PROVIDER, TOKEN_TTL do not).
_SECRET_LAST_WORDS = frozenset(
    {"token", "secret", "password", "passwd", "pwd", "pass", "passphrase", "key", "apikey", "credential", "credentials"}
)
# Secret keys that hold the non-secret half of a credential or plain connection settings.
_PLAIN_KEY_WORDS = frozenset(
    {
        "user", "username", "login", "email", "host", "hostname", "port", "url", "uri", "endpoint",
        "server", "address", "addr", "domain", "database", "db", "dbname", "name", "namespace",
        "region", "zone", "id", "account", "tenant", "org", "project", "path", "file", "dir", "mode",
        "type", "version", "scheme", "protocol", "issuer", "audience",
    }
)  # fmt: skip
_HOSTNAME = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?$")
_ENV_SEGMENTS = frozenset({"env", "extraEnv", "envVars"})


def _words(name: str) -> list[str]:
    return [w.lower() for w in _WORD_SPLIT.split(name) if w]


def _names_the_secret(name: str | None) -> bool:
    """A secret-ish name whose last word is the secret itself (``WEBHOOK_SECRET``, ``DB_PASSWORD``)."""
    if not name or not is_secretish_name(name):
        return False
    words = _words(name)
    return bool(words) and (words[-1] in _SECRET_LAST_WORDS or words[-1].endswith("password"))


def _literal_part(text: str) -> tuple[int, int] | None:
    """Where the literal sits: the whole value, or the default of a lone ``${VAR:-default}``."""
    references = find_references(text) if any(c in text for c in "${%<") else []
    if not references:
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return (start, end) if end > start else None
    if len(references) == 1 and references[0].default is not None:
        ref = references[0]
        if text[: ref.start].strip() == "" and text[ref.end :].strip() == "":
            return ref.default
    return None


def _document_of(config: McpConfig, slot: Slot) -> tuple[Node | None, tuple[str | int, ...]]:
    """The YAML document a slot is in and the slot's path inside it."""
    roots = config.document.roots
    if len(roots) > 1 and slot.path and isinstance(slot.path[0], int):
        return roots[slot.path[0]], slot.path[1:]
    return config.document.root, slot.path


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def _place(config: McpConfig, slot: Slot) -> str | None:
    """``k8s-env``, ``helm-env``, ``secret`` or ``compose-env`` for the slots this rule checks."""
    if slot.field != FIELD_ENV:
        return None
    root, path = _document_of(config, slot)
    if config.kind == "compose":
        return "compose-env" if len(path) >= 3 and path[0] == "services" and path[2] == "environment" else None
    if config.kind != "kubernetes" or not isinstance(root, Mapping):
        return None
    kind = _text(root.get("kind"))
    if kind == "Secret":
        return "secret" if len(path) == 2 and path[0] in ("data", "stringData") else None
    if kind == "ConfigMap":
        return None  # plain configuration; a recognisable secret in it is MCP001's
    if any(part in _ENV_SEGMENTS for part in path if isinstance(part, str)):
        return "k8s-env" if kind else "helm-env"
    return None


def _is_secret_value(place: str, name: str | None, value: str) -> bool:
    """Whether the literal looks like a secret given where it is."""
    if not value or is_reference(value) or is_placeholder(value):
        return False
    if place != "secret":
        return _names_the_secret(name) and looks_like_credential(value, password=True, key=name)
    words = _words(name or "")
    if words and words[-1] in _PLAIN_KEY_WORDS:
        return False
    if is_secretish_name(name):
        return looks_like_credential(value, password=True, key=name)
    return not _HOSTNAME.match(value) and looks_like_credential(value, key=name)


def _message(config: McpConfig, slot: Slot, place: str, default: bool) -> str:
    name = slot.key or "value"
    where = f' of container "{slot.server}"' if slot.server else ""
    if place == "secret":
        root, path = _document_of(config, slot)
        metadata = root.get("metadata") if isinstance(root, Mapping) else None
        secret_name = _text(metadata.get("name")) if isinstance(metadata, Mapping) else None
        label = f'Secret "{secret_name}"' if secret_name else "Secret"
        encoded = " (base64 is an encoding, not encryption)" if path[0] == "data" else ""
        return (
            f"Committed {label} holds a plaintext value under {path[0]}.{name}{encoded}. Commit a SealedSecret"
            " or an ExternalSecret instead, keep the Secret itself out of the repository, and rotate the value."
        )
    if place == "compose-env":
        fallback = " as the ${VAR:-default} fallback" if default else ""
        return (
            f'Secret-named variable {name} of service "{slot.server}" has a literal value{fallback} in'
            f" environment:. Use Compose secrets: (mounted under /run/secrets/) or ${{{name}}} with the value in"
            " a git-ignored env_file, and rotate the value."
        )
    if place == "helm-env":
        return (
            f"Secret-named variable {name} has a literal value in Helm values. Reference an existing Secret"
            " (valueFrom.secretKeyRef) instead of putting the value in values.yaml, and rotate it."
        )
    return (
        f"Secret-named variable {name}{where} has a literal value: instead of valueFrom.secretKeyRef. Store it in"
        " a Secret kept out of the repository (or sealed/external) and reference it; rotate the value."
    )


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Deployment secrets that MCP001/MCP002 do not already report."""
    if config.kind not in ("kubernetes", "compose"):
        return
    for slot in config.slots:
        place = _place(config, slot)
        if place is None:
            continue
        text = slot.text
        span = _literal_part(text)
        if span is None:
            continue
        start, end = span
        value = text[start:end]
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            start, end, value = start + 1, end - 1, value[1:-1]
        if not _is_secret_value(place, slot.key, value):
            continue
        begin, finish = value_offsets(slot, start, end)
        default = span != (len(text) - len(text.lstrip()), len(text.rstrip()))
        yield make_finding(
            RULE,
            config,
            begin,
            finish,
            _message(config, slot, place, default),
            anchor=anchor_of(slot),
            secret=value,
            pattern_id=place,
        )


RULE = Rule(
    code="MCP010",
    name="plaintext-secret-in-deployment",
    summary="Plaintext secret in a Kubernetes or Compose file instead of the platform's secret mechanism",
    severity="error",
    category="secret",
    security_severity="7.5",
    precision="medium",
    defers_to=("MCP001", "MCP002"),
    check=check,
    doc=__doc__,
)
