"""Environment variable names for secrets moved out of a config.

One place decides the name, so what MCP001's message suggests is what ``mcplint fix`` writes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mcplint.model import FIELD_ARG, FIELD_COMMAND, FIELD_ENV, FIELD_HEADER, FIELD_URL, Slot

if TYPE_CHECKING:
    from mcplint.settings.values import Settings

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUERY_PARAM = re.compile(r"[?&;]([A-Za-z0-9_.\-]+)=$")
_AUTH_HEADERS = frozenset({"authorization", "proxy-authorization"})


def upper_snake(text: str) -> str:
    """``X-Api-Key`` / ``apiKey`` / ``--api-key`` → ``X_API_KEY`` / ``API_KEY`` / ``API_KEY``."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").upper()


def qualify(server: str | None, part: str) -> str:
    """``SERVER_PART``, without repeating the server name when ``part`` already starts with it."""
    prefix = upper_snake(server or "")
    if not prefix or part == prefix or part.startswith(prefix + "_"):
        return part
    return f"{prefix}_{part}" if part else prefix


def valid_name(name: str) -> str:
    """An environment variable name usable in every reference syntax."""
    name = name or "SECRET"
    return name if IDENT.fullmatch(name) else "MCP_" + re.sub(r"[^A-Za-z0-9_]", "_", name)


def name_candidates(slot: Slot, before: str) -> list[str]:
    """Variable names for a secret in ``slot`` (``before`` is the value's text before the secret).

    An env value keeps its own key; a header, flag, URL parameter or other key is named from the
    server and that name (``Authorization: Bearer …`` → ``SERVER_TOKEN``). The second candidate is
    the server-qualified form, used when two different secrets would share the first.
    """
    key = slot.key or ""
    if slot.field == FIELD_ENV and IDENT.fullmatch(key):
        return [key, qualify(slot.server, upper_snake(key))]
    if slot.field == FIELD_HEADER:
        part = "TOKEN" if key.lower() in _AUTH_HEADERS else upper_snake(re.sub(r"(?i)^x-", "", key))
    elif slot.field == FIELD_ARG and key.startswith("-"):
        flag = upper_snake(key.lstrip("-"))
        part = flag if len(flag) > 1 else "TOKEN"
    elif slot.field == FIELD_ARG and IDENT.fullmatch(key):  # KEY=value argument
        return [key, qualify(slot.server, upper_snake(key))]
    elif slot.field == FIELD_URL:
        param = _QUERY_PARAM.search(before)
        part = upper_snake(param.group(1)) if param else "TOKEN"
    elif slot.field == FIELD_COMMAND or not key:
        part = "TOKEN"
    else:
        part = upper_snake(key)
    name = qualify(slot.server, part or "TOKEN")
    return [name, name]


def with_environment_prefix(name: str, relpath: str, settings: Settings) -> str:
    """Add the environment's prefix (``PROD_``) when the config belongs to a declared environment."""
    from mcplint.names.env import environment_of, has_prefix, prefixes_of

    env = environment_of(relpath, settings)
    if env is None:
        return name
    prefixes = prefixes_of(env, settings)
    return name if has_prefix(name, prefixes) else prefixes[0] + name
