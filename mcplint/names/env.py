"""What a name says about an env file or variable: is it one, is it a template, which environment.

Names follow the usual conventions: ``.env``, ``.env.local``, ``.env.production``, ``prod.env``,
``config/.env``; templates meant to be committed are ``.env.example``, ``.env.sample``,
``.env.template``, ``.env.dist``, ``*.example.env`` and friends. The environment comes from
configured file patterns first, then from the file name (``.env.prod``, ``staging.env``), then from
the nearest directory named for an environment (``deploy/prod/.env``). Pure functions of names and
settings: discovery, recognition, rules and ``fix`` share them.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
