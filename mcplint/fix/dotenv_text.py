"""Reading, extending and masking the dotenv-style side files ``fix`` writes (``.env``, ``.env.example``)."""

from __future__ import annotations

import re

from mcplint.fix.changes import MASK
from mcplint.parse.document import Mapping, Scalar

_DOTENV_PLAIN = re.compile(r"[A-Za-z0-9_\-.:/+@%,=]+")
_WORD = re.compile(r"\S+")
_SAFE_WORD = re.compile(r"#+|[A-Za-z_][A-Za-z0-9_]*")
_UPPER_SNAKE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def dotenv_line(name: str, value: str) -> str | None:
    """``NAME=value`` that every dotenv reader and ``sh`` read back as exactly ``value`` (None if none can)."""
    if _DOTENV_PLAIN.fullmatch(value):
        return f"{name}={value}"
    if "'" not in value and "\n" not in value and "\r" not in value:
        return f"{name}='{value}'"
    return None


def dotenv_values(text: str) -> dict[str, str]:
    """Variables of a dotenv text (the last assignment wins, as in python-dotenv and sh)."""
    from mcplint.parse.dotenv import parse_dotenv

    root = parse_dotenv(text).root
    values: dict[str, str] = {}
    if isinstance(root, Mapping):
        for key, node in root.items():
            if isinstance(node, Scalar):
                values[key.text] = str(node.value if node.value is not None else "")
    return values


def token_like(word: str) -> bool:
    """Whether a word could be a credential: anything but a plain word or an UPPER_SNAKE name.

    Deliberately wide: masking a harmless word in a diff costs nothing, printing a token does.
    """
    from mcplint.results.redaction import looks_secret

    if not _SAFE_WORD.fullmatch(word):
        return True
    if any(c.isdigit() for c in word) and any(c.islower() for c in word) and len(word) >= 8:
        return True
    return len(word) >= 16 and looks_secret(word) and not _UPPER_SNAKE.fullmatch(word)


def mask_tokens(text: str) -> str:
    """``text`` with every token-like word shown as ``****`` (lines and spacing kept)."""
    return _WORD.sub(lambda m: MASK if token_like(m.group()) else m.group(), text)


def mask_dotenv(text: str) -> str:
    """A dotenv text as a diff may show it: on every line, whatever follows the first ``=`` or
    ``:`` is ``****`` (when not empty), and every token-like word before it too — comments,
    ``set KEY=…``, ``KEY: value``, bare lines and continuation lines of quoted values alike."""
    out = []
    for match in _LINE.finditer(text):
        line = match.group()
        if not line:
            continue
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        cut = min((i for i in (body.find("="), body.find(":")) if i >= 0), default=-1)
        if cut < 0:
            out.append(mask_tokens(body) + ending)
            continue
        rest = body[cut + 1 :]
        out.append(mask_tokens(body[: cut]) + body[cut] + (MASK if rest.strip() else rest) + ending)
    return "".join(out)


def newline_of(text: str | None) -> str:
    return "\r\n" if text and "\r\n" in text else "\n"


def append_lines(old: str | None, lines: list[str]) -> str:
    """``old`` with ``lines`` appended in its own line-ending style (a missing final newline added)."""
    text = old or ""
    nl = newline_of(old)
    if text and not text.endswith("\n"):
        text += nl
    return text + "".join(line + nl for line in lines)
