"""Rule selectors, one grammar for ``--select``/``--ignore`` and the configuration's ``select``,
``ignore`` and ``severity`` keys (as inline suppressions already read them).

A selector list is any number of comma-separated items; each item is a rule code in any case
(``mcp001``), a prefix of codes (``MCP0``, ``MCP01``), a rule name (``hardcoded-secret``) or
``ALL``. Anything else is a :class:`SelectorError` naming the valid choices: a typo must never
turn into a run that checks nothing and reports "no problems".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_PREFIX = re.compile(r"MCP\d{0,3}")


class SelectorError(Exception):
    """An unknown rule selector; the message says where it came from and what is valid."""


def split(values: Iterable[str] | str) -> list[str]:
    """Items of comma lists (``["MCP001,MCP002", "x"]`` → three items), blanks dropped."""
    if isinstance(values, str):
        values = [values]
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def resolve(values: Iterable[str] | str, origin: str) -> list[str]:
    """Codes and code prefixes (upper case) for selector items, in order, without duplicates."""
    resolved: dict[str, None] = {}
    for item in split(values):
        resolved[resolve_one(item, origin)] = None
    return list(resolved)


def resolve_one(item: str, origin: str) -> str:
    """One item as a code or code prefix; :class:`SelectorError` when it selects no rule."""
    from mcplint.rules import RULES

    wanted = item.strip()
    upper = wanted.upper()
    if upper == "ALL":
        return "MCP"
    if upper in RULES:
        return upper
    for rule in RULES.values():
        if wanted.lower() == rule.name:
            return rule.code
    if _PREFIX.fullmatch(upper) and any(code.startswith(upper) for code in RULES):
        return upper
    raise SelectorError(unknown_message(wanted, origin))


def expand(values: Iterable[str] | str, origin: str) -> list[str]:
    """Every rule code the selectors match (a prefix stands for each code it starts)."""
    from mcplint.rules import RULES

    codes: dict[str, None] = {}
    for selector in resolve(values, origin):
        for code in sorted(RULES):
            if code.startswith(selector):
                codes[code] = None
    return list(codes)


def unknown_message(item: str, origin: str) -> str:
    """``unknown rule 'FOO1' in --select (did you mean …?); valid: …``, on one line."""
    from mcplint.rules import RULES

    names = [rule.name for rule in RULES.values()]
    codes = sorted(RULES)
    close = difflib.get_close_matches(item.lower(), [c.lower() for c in codes] + names, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0].upper() if close[0].startswith('mcp') else close[0]}?)" if close else ""
    return (
        f"unknown rule {item!r} in {origin}{hint}; valid: a code ({', '.join(codes)}), a code prefix (MCP0, MCP01), "
        f"a rule name ({', '.join(sorted(names))}) or ALL"
    )
