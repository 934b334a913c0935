"""What a path says about an env file: is it one, is it a template, which environment it is for.

Shared by the `.env` rules (MCP003–MCP008) and MCP001. Names follow the usual conventions:
``.env``, ``.env.local``, ``.env.production``, ``prod.env``, ``config/.env``; templates meant to be
committed are ``.env.example``, ``.env.sample``, ``.env.template``, ``.env.dist``,
``*.example.env`` and friends. The environment comes from configured file patterns first, then
from the file name (``.env.prod``, ``staging.env``), then from the nearest directory named for an
environment (``deploy/prod/.env``).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterator

from mcplint.model import FIELD_COMMENT, FIELD_MAP_KEY
from mcplint.parse.document import Key, Mapping, Scalar

if TYPE_CHECKING:
    from mcplint.model import McpConfig, Slot
    from mcplint.rules.base import Context
    from mcplint.settings.values import Settings

# Name parts that mark a file meant to be committed with placeholder values.
TEMPLATE_WORDS = frozenset(
    {"example", "examples", "sample", "samples", "template", "templates", "tmpl", "tpl", "dist", "defaults"}
)
# Name parts that say nothing about the environment.
NEUTRAL_WORDS = frozenset({"env", "local", "override", "secrets", "secret", ""})
# Spellings of the default environments besides their names and prefixes.
BUILTIN_ALIASES: dict[str, tuple[str, ...]] = {
    "production": ("prod", "prd"),
    "staging": ("stage", "stg"),
    "development": ("dev", "develop"),
}
# Suffixes of files named like env files that are code or data, not dotenv (``env.ts``, ``.env.json``).
_NOT_DOTENV_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".py", ".json", ".jsonc", ".yaml", ".yml", ".toml", ".md", ".sh")
_NAME_PARTS = re.compile(r"[.\-_]+")
# A variable reference whose target is an environment variable: ${VAR}, ${VAR:-x}, ${env:VAR}, $VAR, {env:VAR}, %VAR%.
_ENV_REFERENCE = re.compile(
    r"^(?:\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?:[:?=+-][^{}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)"
    r"|\{env:([A-Za-z_][A-Za-z0-9_]*)\}|%([A-Za-z_][A-Za-z0-9_]*)%)$"
)


def is_env_file(name: str) -> bool:
    """Whether a file name is a dotenv file (``.env``, ``.env.*``, ``*.env``, ``.envrc``)."""
    lower = name.lower()
    if lower.endswith(_NOT_DOTENV_SUFFIXES):
        return False
    return lower in (".env", ".envrc") or lower.startswith(".env.") or (lower.endswith(".env") and len(lower) > 4)


def name_words(name: str) -> list[str]:
    """Lower-case parts of a file name: ``.env.production.local`` → ``['env', 'production', 'local']``."""
    return [word for word in _NAME_PARTS.split(name.lower()) if word]


def is_template(path: str | Path) -> bool:
    """Whether an env file is a template committed by design (``.env.example``, ``prod.sample.env``…)."""
    name = PurePosixPath(str(path).replace("\\", "/")).name
    return is_env_file(name) and any(word in TEMPLATE_WORDS for word in name_words(name))


def environment_aliases(settings: Settings) -> dict[str, str]:
    """Every spelling of every configured environment (lower case) → the environment's name."""
    aliases: dict[str, str] = {}
    for env, prefixes in settings.environments.items():
        spellings = [env.lower(), *BUILTIN_ALIASES.get(env.lower(), ())]
        spellings += [prefix.strip("_-.").lower() for prefix in prefixes]
        for spelling in spellings:
            if spelling and spelling not in NEUTRAL_WORDS:
                aliases.setdefault(spelling, env)
    return aliases


def _matches_file_pattern(relpath: str, pattern: str) -> bool:
    """A configured ``files`` pattern: a glob on the name, or on the path when it has a ``/``."""
    pattern = pattern.strip()
    if "/" in pattern.rstrip("/"):
        body = pattern.lstrip("/")
        return fnmatch.fnmatchcase(relpath, body) or fnmatch.fnmatchcase(relpath, f"*/{body}")
    return fnmatch.fnmatchcase(PurePosixPath(relpath).name, pattern)


def environment_of(relpath: str, settings: Settings) -> str | None:
    """The environment an env file is for, or None when it is not environment-specific."""
    relpath = relpath.replace("\\", "/")
    for env, patterns in settings.environment_files.items():
        if env in settings.environments and any(_matches_file_pattern(relpath, p) for p in patterns):
            return env
    aliases = environment_aliases(settings)
    parts = [part for part in relpath.split("/") if part and part != "."]
    if not parts:
        return None
    for word in name_words(parts[-1]):
        if word in aliases:
            return aliases[word]
    for folder in reversed(parts[:-1]):
        if folder.lower() in aliases:
            return aliases[folder.lower()]
    return None


def prefixes_of(env: str, settings: Settings) -> tuple[str, ...]:
    """The variable prefixes of an environment, upper case (its name plus ``_`` is always accepted)."""
    prefixes = [prefix.upper() for prefix in settings.environments.get(env, ())]
    own = env.upper().replace("-", "_") + "_"
    if own not in prefixes:
        prefixes.append(own)
    return tuple(prefixes)


def has_prefix(name: str, prefixes: tuple[str, ...]) -> bool:
    return name.upper().startswith(prefixes)


def foreign_environment(name: str, env: str | None, settings: Settings) -> tuple[str, str] | None:
    """(environment, prefix) of another environment whose prefix ``name`` carries, else None.

    The longest matching prefix wins, and a name that carries its own environment's prefix is
    never foreign (``PROD_`` vs ``PRODUCTION_`` style overlaps).
    """
    if env is not None and has_prefix(name, prefixes_of(env, settings)):
        return None
    best: tuple[str, str] | None = None
    for other in settings.environments:
        if other == env:
            continue
        for prefix in prefixes_of(other, settings):
            if name.upper().startswith(prefix) and (best is None or len(prefix) > len(best[1])):
                best = (other, prefix)
    return best


def env_reference_name(text: str) -> str | None:
    """The variable a value refers to when the whole value is one env reference (``${DB_PASSWORD}``)."""
    match = _ENV_REFERENCE.match(text.strip())
    if match is None:
        return None
    return next(group for group in match.groups() if group)


def gitignore_line(name: str) -> str:
    """The ``.gitignore`` line that ignores files named like ``name`` at any depth."""
    lower = name.lower()
    if lower in (".env", ".envrc"):
        return name
    if lower.startswith(".env."):
        return ".env.*"
    if lower.endswith(".env"):
        return "*.env"
    return name


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
    cache = ctx.state.setdefault("envfiles_secret_slots", {})
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
    cache = ctx.state.setdefault("envfiles_prefix_problems", {})
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
