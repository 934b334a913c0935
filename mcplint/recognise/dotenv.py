"""Dotenv files (``.env``, ``.env.*``, ``*.env``, ``.envrc``): every variable is an env slot."""

from __future__ import annotations

from mcplint.parse.document import Mapping
from mcplint.recognise.builder import Builder


def read_dotenv(b: Builder, root: Mapping) -> None:
    """Each ``KEY=value`` becomes a ``FIELD_ENV`` slot keyed by the variable name."""
    b.read_env(None, root, ())


_NOT_DOTENV_SUFFIXES = (
    ".js",
    ".mjs",
    ".cjs",
    ".ts",
    ".py",
    ".json",
    ".jsonc",
    ".yaml",
    ".yml",
    ".toml",
    ".md",
    ".sh",
)


def is_dotenv_name(lower: str) -> bool:
    """Whether a lower-cased file name is a dotenv file (``.env``, ``.env.*``, ``*.env``, ``.envrc``)."""
    if lower.endswith(_NOT_DOTENV_SUFFIXES):
        return False
    return lower in (".env", ".envrc") or lower.startswith(".env.") or (lower.endswith(".env") and len(lower) > 4)
