"""Manifest input that carries a secret but is not declared as one.

## What it does
Finds declared inputs whose name or wording says they hold a credential but which lack the flag
that tells the host to treat them as one:

- MCP registry `server.json`: an `environmentVariables[]` or `headers[]` entry, a named argument,
  a positional argument's `valueHint` or a `variables` key named like a secret (`*_TOKEN`,
  `*_API_KEY`, `Authorization`, `--api-key`, …) without `isSecret: true` (`is_secret` in files
  pinned to the 2025-07-09 schema). An entry whose value is a template over a variable that is
  declared secret is fine.
- MCPB `manifest.json`: a `user_config` string entry whose key or title says token, key, secret
  or password, without `sensitive: true`.
- VS Code `inputs[]`: a `promptString` whose `id` or `description` says token, key, secret or
  password, without `password: true`.
- Claude Code plugin `plugin.json` `userConfig` entries and Gemini CLI extension
  `gemini-extension.json` `settings[]` (the inputs the model declares) whose key, `envVar`, title or
  description says token, key, secret or password, without `sensitive: true`.

Inputs that count things (`max_tokens`, "Maximum number of tokens") and non-string inputs
(numbers, booleans, directories, file paths) are not secrets, and neither is an entry whose own
name says what it is (`party_id`, `auth_method`, `base_url`) whatever its description mentions.
The finding is at the entry's name.

## Why is this bad?
The flag is what makes a host mask the value while it is typed, keep it in the OS keychain rather
than a plain settings file, and leave it out of logs and exported configuration. Without it the
token a user pastes is shown on screen and stored in plain text.

## Example
```json
{"name": "TRACKER_TOKEN", "description": "API token", "isRequired": true}
```

## Use instead
```json
{"name": "TRACKER_TOKEN", "description": "API token", "isRequired": true, "isSecret": true}
```
(`"sensitive": true` on an MCPB `user_config` entry, `"password": true` on a VS Code input).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcplint.detect.filters import is_secretish_name
from mcplint.model import McpConfig
from mcplint.parse.document import Mapping, Node, Scalar, Sequence, Span
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import make_finding

_WORD_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")
# Inputs that size or count tokens ("max_tokens", "token budget") are settings, not credentials.
_COUNTING_WORDS = frozenset({"max", "min", "maximum", "minimum", "limit", "count", "number", "num", "budget"})
_PHRASE_SECRET = re.compile(
    r"(?i)\b(?:token|secret|password|passphrase|passwd|credentials?|api[ _-]?key|access[ _-]?key"
    r"|private[ _-]?key|secret[ _-]?key|license[ _-]?key|personal access token)\b"
    r"(?![ _-]*(?:file|path|id|ids|name|url|uri|dir|directory|location|env|variable|count|limit|length|type"
    r"|prefix|header|helper|command|endpoint|host|server|expiry|expiration|ttl|lifetime|scope|scopes)\b)"
)
_SECRET_LAST_WORDS = frozenset(
    {
        "token", "secret", "password", "passwd", "pwd", "pass", "passphrase", "key", "apikey", "credential",
        "credentials", "authorization", "pat", "accesskey", "secretkey", "privatekey",
    }
)  # fmt: skip
_PLAIN_LAST_WORDS = frozenset(
    {
        "id", "ids", "url", "uri", "name", "names", "path", "file", "dir", "directory", "folder", "host",
        "hostname", "port", "region", "email", "user", "username", "mode", "method", "type", "domain",
        "account", "org", "project", "tenant", "endpoint", "version", "enabled", "model", "limit", "count",
    }
)  # fmt: skip
_NON_SECRET_TYPES = frozenset({"number", "integer", "boolean", "directory", "file", "filepath"})


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_SPLIT.split(text) if w]


def names_a_secret(name: str | None) -> bool:
    """An identifier (env var, header, flag, input id) that names a credential.

    The last word must be the credential itself: ``GITHUB_TOKEN``, ``api_key``, ``Authorization``;
    not ``auth_method``, ``uid_cookie`` or ``MAX_TOKENS``.
    """
    if not name or not is_secretish_name(name):
        return False
    words = _words(name)
    if not words or _COUNTING_WORDS.intersection(words):
        return False
    return words[-1] in _SECRET_LAST_WORDS or words[-1].endswith(("password", "token", "apikey", "secret"))


def names_a_setting(name: str | None) -> bool:
    """An identifier whose last word says it is not a secret (``party_id``, ``base_url``)."""
    words = _words(name or "")
    return bool(words) and words[-1] in _PLAIN_LAST_WORDS


def says_secret(text: str | None) -> bool:
    """Human wording (a title or description) that asks for a credential."""
    if not text:
        return False
    if _COUNTING_WORDS.intersection(_words(text)):
        return False
    return _PHRASE_SECRET.search(text) is not None


def _truthy(node: Node | None) -> bool:
    """A true boolean flag (``true``, or the string ``"true"`` some files write)."""
    if not isinstance(node, Scalar):
        return False
    value = node.value
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def _report(config: McpConfig, span: Span, message: str, anchor: str) -> Finding:
    return make_finding(RULE, config, span.start, span.end, message, anchor=anchor)


# -- MCP registry server.json --------------------------------------------------------------------


def _pick(mapping: Mapping, *names: str) -> Node | None:
    for name in names:
        node = mapping.get(name)
        if node is not None:
            return node
    return None


def _declared_secret(spec: Mapping) -> bool:
    return _truthy(spec.get("isSecret")) or _truthy(spec.get("is_secret"))


def _format_is_text(spec: Mapping) -> bool:
    return (_text(spec.get("format")) or "string").lower() not in _NON_SECRET_TYPES


def _secret_variable(spec: Mapping) -> bool:
    """The entry's value is a template over a ``variables`` entry that is declared secret."""
    variables = spec.get("variables")
    return isinstance(variables, Mapping) and any(
        isinstance(var, Mapping) and _declared_secret(var) for _, var in variables.items()
    )


class _Registry:
    """Walks a server.json and reports undeclared secret inputs."""

    def __init__(self, config: McpConfig, root: Mapping) -> None:
        self.config = config
        schema = _text(root.get("$schema")) or ""
        self.flag = "is_secret" if "2025-07-09" in schema or _uses_snake_case(root) else "isSecret"

    def message(self, what: str, name: str) -> str:
        return (
            f'{what} "{name}" carries a secret but is not declared "{self.flag}": true, so clients'
            f' show and store the value in plain text. Add "{self.flag}": true.'
        )

    def key_value_inputs(self, node: Node | None, what: str, path: str) -> Iterator[Finding]:
        """``environmentVariables[]`` / ``headers[]`` entries named like a secret."""
        for index, item in enumerate(node.items if isinstance(node, Sequence) else []):
            if not isinstance(item, Mapping):
                continue
            name_node = item.get("name")
            name = _text(name_node)
            here = f"{path}/{index}"
            if (
                names_a_secret(name)
                and _format_is_text(item)
                and not _declared_secret(item)
                and not _secret_variable(item)
            ):
                assert isinstance(name_node, Scalar) and name is not None
                yield _report(self.config, name_node.span, self.message(what, name), here)
            yield from self.variables(item.get("variables"), here + "/variables")

    def arguments(self, node: Node | None, path: str) -> Iterator[Finding]:
        """Named arguments by ``name``, positional ones by ``valueHint``."""
        for index, item in enumerate(node.items if isinstance(node, Sequence) else []):
            if not isinstance(item, Mapping):
                continue
            here = f"{path}/{index}"
            named = _text(item.get("type")) == "named"
            label_node = item.get("name") if named else _pick(item, "valueHint", "value_hint")
            label = _text(label_node)
            if (
                names_a_secret(label)
                and _format_is_text(item)
                and not _declared_secret(item)
                and not _secret_variable(item)
            ):
                assert isinstance(label_node, Scalar) and label is not None
                yield _report(self.config, label_node.span, self.message("argument", label), here)
            yield from self.variables(item.get("variables"), here + "/variables")

    def variables(self, node: Node | None, path: str) -> Iterator[Finding]:
        """``variables: {name: Input}`` keys named like a secret."""
        if not isinstance(node, Mapping):
            return
        for key, spec in node.items():
            named = isinstance(spec, Mapping) and names_a_secret(key.text)
            if named and _format_is_text(spec) and not _declared_secret(spec):
                yield _report(self.config, key.span, self.message("variable", key.text), f"{path}/{key.text}")

    def transport(self, node: Node | None, path: str) -> Iterator[Finding]:
        if isinstance(node, Mapping):
            yield from self.key_value_inputs(node.get("headers"), "header", path + "/headers")
            yield from self.variables(node.get("variables"), path + "/variables")

    def check(self, root: Mapping) -> Iterator[Finding]:
        packages = root.get("packages")
        for index, package in enumerate(packages.items if isinstance(packages, Sequence) else []):
            if not isinstance(package, Mapping):
                continue
            here = f"packages/{index}"
            variables = _pick(package, "environmentVariables", "environment_variables")
            yield from self.key_value_inputs(variables, "environment variable", here + "/environmentVariables")
            for names in (("runtimeArguments", "runtime_arguments"), ("packageArguments", "package_arguments")):
                yield from self.arguments(_pick(package, *names), f"{here}/{names[0]}")
            yield from self.transport(package.get("transport"), here + "/transport")
        remotes = root.get("remotes")
        for index, remote in enumerate(remotes.items if isinstance(remotes, Sequence) else []):
            yield from self.transport(remote, f"remotes/{index}")


def _uses_snake_case(root: Mapping) -> bool:
    packages = root.get("packages")
    return isinstance(packages, Sequence) and any(
        isinstance(p, Mapping) and (p.get("registry_type") is not None or p.get("environment_variables") is not None)
        for p in packages.items
    )


# -- MCPB manifest.json ---------------------------------------------------------------------------


def _mcpb(config: McpConfig, root: Mapping) -> Iterator[Finding]:
    user_config = root.get("user_config")
    if not isinstance(user_config, Mapping):
        return
    for key, spec in user_config.items():
        if not isinstance(spec, Mapping) or _truthy(spec.get("sensitive")):
            continue
        if (_text(spec.get("type")) or "string").lower() != "string":
            continue
        if names_a_secret(key.text) or (not names_a_setting(key.text) and says_secret(_text(spec.get("title")))):
            message = (
                f'user_config "{key.text}" asks for a secret but is not marked "sensitive": true, so the'
                ' host shows it as typed and stores it in plain text. Add "sensitive": true.'
            )
            yield _report(config, key.span, message, f"user_config/{key.text}")


# -- VS Code inputs -------------------------------------------------------------------------------


def _input_lists(root: Mapping) -> Iterator[tuple[Sequence, str]]:
    """``inputs`` of mcp.json, of settings.json's ``mcp`` and of a devcontainer's VS Code block."""
    places: list[tuple[Node | None, str]] = [(root, "")]
    mcp = root.get("mcp")
    places.append((mcp, "mcp/"))
    customizations = root.get("customizations")
    if isinstance(customizations, Mapping):
        vscode = customizations.get("vscode")
        if isinstance(vscode, Mapping):
            places.append((vscode.get("mcp"), "customizations/vscode/mcp/"))
    for node, prefix in places:
        if isinstance(node, Mapping) and isinstance(node.get("inputs"), Sequence):
            yield node.get("inputs"), prefix + "inputs"  # type: ignore[misc]


def _vscode_inputs(config: McpConfig, root: Mapping) -> Iterator[Finding]:
    for inputs, path in _input_lists(root):
        for index, item in enumerate(inputs.items):
            if not isinstance(item, Mapping) or _text(item.get("type")) != "promptString":
                continue
            if _truthy(item.get("password")):
                continue
            id_node = item.get("id")
            ident = _text(id_node)
            if not isinstance(id_node, Scalar) or ident is None:
                continue
            described = not names_a_setting(ident) and says_secret(_text(item.get("description")))
            if names_a_secret(ident) or described:
                message = (
                    f'input "{ident}" prompts for a secret without "password": true, so what the user'
                    ' types is shown on screen. Add "password": true.'
                )
                yield _report(config, id_node.span, message, f"{path}/{index}")


# -- declared inputs of the model (plugin userConfig, extension settings[]) ---------------------------


def _declared_inputs(config: McpConfig) -> Iterator[Finding]:
    for item in config.inputs:
        if item.sensitive or (_text(item.entry.get("type")) or "string").lower() != "string":
            continue
        if names_a_secret(item.name) or (not names_a_setting(item.name) and says_secret(item.wording)):
            where = "userConfig" if item.source == "userConfig" else "settings"
            message = (
                f'{where} entry "{item.name}" asks for a secret but is not marked "sensitive": true, so the'
                ' client shows it as typed and stores it in plain settings. Add "sensitive": true.'
            )
            span = item.name_key.span if item.name_key is not None else item.entry.span
            yield _report(config, span, message, f"{where}/{item.name}")


def check(config: McpConfig, ctx: Context) -> Iterator[Finding]:
    """Undeclared secret inputs of registry, MCPB, VS Code, plugin and extension files."""
    root = config.document.root
    if not isinstance(root, Mapping):
        return
    yield from _declared_inputs(config)
    if config.kind == "registry-server":
        yield from _Registry(config, root).check(root)
    elif config.kind == "mcpb":
        yield from _mcpb(config, root)
    elif config.kind not in ("smithery", "docker-mcp-catalog", "compose", "kubernetes", "dotenv"):
        yield from _vscode_inputs(config, root)


RULE = Rule(
    code="MCP009",
    name="secret-input-not-marked-sensitive",
    summary="Manifest input for a secret is not declared secret",
    severity="warning",
    category="secret-input",
    security_severity="4.0",
    precision="high",
    check=check,
    doc=__doc__,
)
