"""The rule registry: the ``RULE`` of every ``mcpNNN_<name>.py`` module in this package, by code.

Adding a rule is adding its module (and its tests): the registry finds it. Codes are never
reused: a retired rule keeps its module, marked as removed.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from mcplint.rules.base import Rule

_RULE_MODULE = re.compile(r"mcp\d{3}_\w+")

_MODULES = [
    importlib.import_module(f"{__name__}.{info.name}")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    if _RULE_MODULE.fullmatch(info.name)
]

RULES: dict[str, Rule] = {module.RULE.code: module.RULE for module in _MODULES}


def all_rules() -> list[Rule]:
    """Every registered rule, by code."""
    return [RULES[code] for code in sorted(RULES)]


def get(code_or_name: str) -> Rule | None:
    """A rule by code (`MCP001`) or name (`hardcoded-secret`)."""
    wanted = code_or_name.strip()
    for rule in RULES.values():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None
