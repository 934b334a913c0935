"""What ``fix`` says about a secret it leaves in place: the concrete alternative for the client.

The advice names fields and variables, never values: a server's arguments are shown as
placeholders (``<arg2>``), except option flags and the secret arguments ``fix`` knows how to
reference, so a baselined or escaped secret among them is never echoed (nor printed decoded).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from mcplint.model import (
    FIELD_ARG,
    FIELD_COMMAND,
    FIELD_ENV,
    FIELD_HEADER,
    FIELD_INPUT,
    FIELD_OTHER,
    FIELD_URL,
    McpConfig,
    Slot,
)
from mcplint.names.variables import IDENT
from mcplint.recognise.client_table import FixStrategy, fix_strategy

FIELD_NAMES = {
    FIELD_ENV: "env", FIELD_HEADER: "headers", FIELD_ARG: "args", FIELD_URL: "url", FIELD_COMMAND: "command",
    FIELD_OTHER: "other strings",
}
_FLAG = re.compile(r"--?[A-Za-z][A-Za-z0-9-]*")
_PLAIN_COMMAND = re.compile(r"[A-Za-z0-9_./+-]{1,64}")


def _sh_word(text: str) -> str:
    """A shell word; ``${NAME}`` parts stay expandable."""
    if "${" not in text:
        return shlex.quote(text)
    return '"' + re.sub(r'(["\\`])', r"\\\1", text) + '"'


def _shown_command(value: str) -> str:
    from mcplint.results.redaction import looks_secret

    if _PLAIN_COMMAND.fullmatch(value) and not (len(value) >= 12 and looks_secret(value)):
        return value
    return "<command>"


def wrapper_command(config: McpConfig, slot: Slot, env_file: Path, secret_args: dict[int, str]) -> str | None:
    """A ``sh -c`` wrapper that loads the env file and starts the server (stdio servers only).

    ``secret_args`` maps an argument scalar to its reference form (``${NAME}``, ``--flag=${NAME}``).
    """
    server = next((s for s in config.servers if s.name == slot.server), None)
    if server is None or server.command is None or not isinstance(server.command.value, str):
        return None
    words = [_shown_command(server.command.value)]
    placeholders = False
    for position, arg in enumerate(server.args, start=1):
        value = arg.value if isinstance(arg.value, str) else None
        if id(arg) in secret_args:
            words.append(secret_args[id(arg)])
        elif value is not None and arg.verbatim and _FLAG.fullmatch(value):
            words.append(value)
        else:
            words.append(f"<arg{position}>")
            placeholders = True
    script = f"set -a; . {shlex.quote(str(env_file))}; set +a; exec " + " ".join(_sh_word(w) for w in words)
    op_args = ["run", f"--env-file={env_file}", "--", *words]
    legend = "\n    (<argN>: the server's Nth argument as it is now)" if placeholders else ""
    return (
        f'"command": "sh", "args": {json.dumps(["-c", script], ensure_ascii=False)}\n'
        f'    or with a secret manager: "command": "op", "args": {json.dumps(op_args, ensure_ascii=False)}{legend}'
    )


def alternative(config: McpConfig, slot: Slot, name: str, env_file: Path, secret_args: dict[int, str]) -> str:
    """The concrete way to keep this secret out of this client's file."""
    client = config.client
    key = slot.key or name
    env_name = key if slot.field == FIELD_ENV and IDENT.fullmatch(key) else name
    strategy = fix_strategy(client.id)
    if strategy is FixStrategy.ENV_VARS:
        table = f"[mcp_servers.{slot.server}]" if slot.server else "the server's table"
        if slot.field == FIELD_ENV:
            return f'remove {env_name} from env, add env_vars = ["{env_name}"] to {table} and export {env_name}.'
        if slot.field == FIELD_HEADER and key.lower() == "authorization":
            return f'remove the header, add bearer_token_env_var = "{name}" to {table} and export {name}.'
        if slot.field == FIELD_HEADER:
            return f'remove the header, add env_http_headers = {{ "{key}" = "{name}" }} to {table} and export {name}.'
        place = FIELD_NAMES.get(slot.field, "this field")
        return f'Codex expands nothing in {place}: pass it through env_vars = ["{name}"].'
    if strategy is FixStrategy.ENV_KEYS:
        if slot.field == FIELD_ENV:
            return (
                f"remove {env_name} from envs, add env_keys: [{env_name}] and store the value with"
                " `goose configure` (keyring or secrets.yaml)."
            )
        return client.advice
    if slot.field == FIELD_INPUT:
        return client.advice
    if strategy is FixStrategy.REFERENCE:
        fields = ", ".join(sorted(FIELD_NAMES.get(f, f) for f in client.expands)) or "no field"
        reference = client.reference.replace("VAR", env_name) if client.reference else env_name
        if slot.field in (FIELD_HEADER, FIELD_URL):
            return (
                f"{client.name} expands {client.reference} only in {fields}: use the server's OAuth sign-in if it"
                f" has one, or run it locally (stdio) with the secret in env as {reference}."
            )
        return (
            f"{client.name} expands {client.reference} only in {fields}: move the value into env as"
            f" {reference} and let the server read it from there."
        )
    if strategy is FixStrategy.WRAPPER:
        wrapper = wrapper_command(config, slot, env_file, secret_args)
        if wrapper is not None:
            what = f"remove {env_name} from env" if slot.field == FIELD_ENV else "replace the value"
            return (
                f"{client.name} expands no variables here. Put {env_name}=… in {env_file} (mode 600,"
                f" git-ignored), {what}, and start the server through a wrapper that loads it:\n    {wrapper}"
            )
    return client.advice or "Move the value to an environment variable or a secret manager."
