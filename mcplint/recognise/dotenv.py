"""Dotenv files (``.env``, ``.env.*``, ``*.env``, ``.envrc``): every variable is an env slot."""

from __future__ import annotations

from mcplint.parse.document import Mapping
from mcplint.recognise.builder import Builder


def read_dotenv(b: Builder, root: Mapping) -> None:
    """Each ``KEY=value`` becomes a ``FIELD_ENV`` slot keyed by the variable name."""
    b.read_env(None, root, ())
