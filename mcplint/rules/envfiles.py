"""What the `.env` rules (MCP003–MCP008) and MCP001 share: which slots of an env file hold secrets,
which variables carry the wrong environment prefix, and whether a file is a link to another.

The name vocabulary itself (is it an env file, a template, for which environment) is
:mod:`mcplint.names.env`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterator

from mcplint.model import FIELD_COMMENT, FIELD_MAP_KEY
from mcplint.names.env import (
    env_reference_name,
    environment_of,
    foreign_environment,
    has_prefix,
    is_env_file,
    is_template,
    prefixes_of,
)
from mcplint.parse.document import Key, Mapping, Scalar

if TYPE_CHECKING:
    from mcplint.model import McpConfig, Slot
    from mcplint.rules.base import Context
    from mcplint.settings.values import Settings

def scan_root_of(config: McpConfig) -> Path | None:
    """The scan root a config's relative path is relative to (None for a path outside it)."""
    parts = PurePosixPath(config.relpath).parts
    if not parts or PurePosixPath(config.relpath).is_absolute() or ".." in parts:
        return None
    root = config.path
    for _ in parts:
        root = root.parent
    return root


def symlink_target_scanned(config: McpConfig, root: Path | None = None) -> bool:
    """True for a symbolic link to an env file inside the scan root: that file is reported itself."""
    path = config.path
    try:
        if not path.is_symlink():
            return False
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    root = Path(root) if root is not None else scan_root_of(config)
    if root is None or not is_env_file(target.name):
        return False
    return target.is_relative_to(root.resolve()) and target != path.absolute()


def value_rules_apply(config: McpConfig) -> bool:
    """Whether MCP001/MCP002 check this file's values.

    Secrets in an ignored, untracked `.env` are where they belong; templates are MCP008's. A
    link to another scanned env file is left to that file, so a secret is reported once.
    """
    if config.kind != "dotenv":
        return True
    if is_template(config.relpath) or symlink_target_scanned(config):
        return False
    if config.git_tracked:
        return True
    return not config.git_ignored


def key_of_slot(config: McpConfig, slot: Slot) -> Key | None:
    """The variable-name Key of a dotenv slot (its position), found in the document's root mapping."""
    index = _key_index(config)
    return index.get(id(slot.value))


def _key_index(config: McpConfig) -> dict[int, Key]:
    root = config.document.root
    if not isinstance(root, Mapping):
        return {}
    return {id(node): key for key, node in root.items() if isinstance(node, Scalar)}


def is_secret_variable(slot: Slot, ctx: Context) -> bool:
    """A slot holding a credential: a detector hit, a credential in a URL, or a secret name with a real literal."""
    from mcplint.rules.common import slot_secrets, slot_url_credentials

    text = slot.value.value
    if not isinstance(text, str) or not text.strip():
        return False
    if slot_secrets(slot, ctx) or slot_url_credentials(slot, ctx):
        return True
    from mcplint.detect.filters import is_password_name, is_secretish_name, looks_like_credential

    if not is_secretish_name(slot.key):
        return False
    return looks_like_credential(text, password=is_password_name(slot.key), key=slot.key)


def secret_slots(config: McpConfig, ctx: Context) -> list[Slot]:
    """The slots of a config that hold credentials, cached per scan."""
    cache = ctx.memo.env_secret_slots
    ident = id(config)
    if ident not in cache:
        cache[ident] = [slot for slot in config.slots if is_secret_variable(slot, ctx)]
    return cache[ident]


def value_span(slot: Slot) -> tuple[int, int]:
    """Document offsets of a slot's whole value token (quotes included)."""
    return slot.value.span.start, slot.value.span.end


def variable_names(slots: list[Slot], limit: int = 3) -> str:
    """``A, B, C and 2 more``: the variable names of some slots, for messages (never values)."""
    names: list[str] = []
    for slot in slots:
        name = slot.key or (slot.where() if slot.field in (FIELD_COMMENT, FIELD_MAP_KEY) else None)
        if name and name not in names:
            names.append(name)
    shown = ", ".join(names[:limit])
    return f"{shown} and {len(names) - limit} more" if len(names) > limit else shown


def is_checked_env_file(config: McpConfig, ctx: Context) -> bool:
    """A non-template dotenv file that is not merely a link to another scanned env file."""
    return config.kind == "dotenv" and not is_template(config.relpath) and not symlink_target_scanned(config, ctx.root)


@dataclass(frozen=True, slots=True)
class PrefixProblem:
    """A variable named for the wrong environment, or for none.

    ``foreign`` is set (environment, prefix) when the name carries another environment's prefix
    (MCP006); otherwise the name lacks ``env``'s prefix (MCP005). ``env`` is None for a reference in
    an MCP config that belongs to no environment (``require-prefix``). ``reference`` tells a
    ``${VAR}`` reference in an MCP config from a dotenv variable.
    """

    slot: Slot
    name: str
    env: str | None
    foreign: tuple[str, str] | None
    reference: bool


def prefix_problems(config: McpConfig, ctx: Context) -> list[PrefixProblem]:
    """Every prefix problem of a file (cached per scan; MCP005 and MCP006 share one analysis)."""
    cache = ctx.memo.prefix_problems
    if id(config) not in cache:
        cache[id(config)] = list(_prefix_problems(config, ctx))
    return cache[id(config)]


def _prefix_problems(config: McpConfig, ctx: Context) -> Iterator[PrefixProblem]:
    settings = ctx.settings
    if config.kind == "dotenv":
        if not is_checked_env_file(config, ctx):
            return
        env = environment_of(config.relpath, settings)
        if env is None:
            return
        for slot in secret_slots(config, ctx):
            if slot.key:
                yield from _judge(slot, slot.key, env, settings, reference=False)
        return
    if not settings.require_prefix:
        return
    from mcplint.detect.filters import is_secretish_name
    from mcplint.model import FIELD_ENV, FIELD_HEADER

    env = environment_of(config.relpath, settings)
    for slot in config.slots:
        if slot.field not in (FIELD_ENV, FIELD_HEADER) or not isinstance(slot.value.value, str):
            continue
        name = env_reference_name(slot.value.value)
        if name is None or not is_secretish_name(name):
            continue
        yield from _judge(slot, name, env, settings, reference=True)


def _judge(slot: Slot, name: str, env: str | None, settings: Settings, *, reference: bool) -> Iterator[PrefixProblem]:
    foreign = foreign_environment(name, env, settings) if env is not None else None
    if foreign is not None:
        yield PrefixProblem(slot, name, env, foreign, reference)
        return
    if env is not None:
        if not has_prefix(name, prefixes_of(env, settings)):
            yield PrefixProblem(slot, name, env, None, reference)
        return
    every_prefix = tuple(p for e in settings.environments for p in prefixes_of(e, settings))
    if not has_prefix(name, every_prefix):
        yield PrefixProblem(slot, name, None, None, reference)
