"""Dotenv files (``.env``, ``.env.*``, ``*.env``, ``.envrc``): every variable is an env slot."""

from __future__ import annotations

from mcplint.names.env import is_env_file
from mcplint.parse.document import Mapping
from mcplint.recognise.builder import Builder


def read_dotenv(b: Builder, root: Mapping) -> None:
    """Each ``KEY=value`` becomes a ``FIELD_ENV`` slot keyed by the variable name."""
    b.read_env(None, root, ())


def is_dotenv_name(lower: str) -> bool:
    """Whether a lower-cased file name is a dotenv file (``.env``, ``.env.*``, ``*.env``, ``.envrc``)."""
    return is_env_file(lower)
