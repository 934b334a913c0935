"""The rule registry: the ``RULE`` of every ``mcpNNN_<name>.py`` module in this package, by code.

Adding a rule is adding its module (and its tests): the registry finds it. Codes are never
reused: a retired rule keeps its module, marked as removed.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
from typing import Any

from mcplint.rules.base import Rule

_RULE_MODULE = re.compile(r"mcp\d{3}_\w+")


@functools.lru_cache(maxsize=1)
def _registry() -> dict[str, Rule]:
    """Import every rule module, once, when rules are first asked for (not when ``rules.base`` is)."""
    # A directory listing rather than pkgutil.iter_modules: pkgutil costs the hook path an import.
    names = {entry.rpartition(".")[0] for folder in __path__ for entry in os.listdir(folder) if entry.endswith(".py")}
    modules = [importlib.import_module(f"{__name__}.{name}") for name in sorted(names) if _RULE_MODULE.fullmatch(name)]
    return {module.RULE.code: module.RULE for module in modules}


def __getattr__(name: str) -> Any:
    """``RULES`` (code -> Rule) is built on first access."""
    if name == "RULES":
        return _registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def all_rules() -> list[Rule]:
    """Every registered rule, by code."""
    rules = _registry()
    return [rules[code] for code in sorted(rules)]


def get(code_or_name: str) -> Rule | None:
    """A rule by code (`MCP001`) or name (`hardcoded-secret`)."""
    wanted = code_or_name.strip()
    for rule in _registry().values():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None
