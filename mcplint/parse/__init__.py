"""Parse stage: bytes -> text (:func:`decode`) -> positioned node tree (:func:`parse`).

Every parser returns a :class:`~mcplint.parse.document.Document` whose keys and values carry exact
spans, and raises only :class:`~mcplint.parse.document.ParseError`.
"""

from __future__ import annotations

import codecs
import gc
import importlib
from typing import Callable

from mcplint.parse.document import Document, ParseError

__all__ = ["FORMATS", "ParseError", "decode", "parse"]

FORMATS = ("json", "jsonc", "yaml", "toml", "dotenv", "markdown")

# Format -> (module, function). A parser is imported when a file of its format is parsed: the hook
# path on JSON configs never pays for PyYAML (~15 ms) or the TOML parser.
_PARSERS: dict[str, tuple[str, str]] = {
    "json": ("mcplint.parse.jsonc", "parse_jsonc"),
    "jsonc": ("mcplint.parse.jsonc", "parse_jsonc"),
    "yaml": ("mcplint.parse.yaml", "parse_yaml"),
    "toml": ("mcplint.parse.toml", "parse_toml"),
    "dotenv": ("mcplint.parse.dotenv", "parse_dotenv"),
    "markdown": ("mcplint.parse.markdown", "parse_front_matter"),  # YAML front matter of .agent.md files
}


def _parser(fmt: str) -> Callable[[str, str], Document]:
    module, function = _PARSERS[fmt]
    return getattr(importlib.import_module(module), function)

_NOT_TEXT = "not a UTF-8 or UTF-16 text file"


def decode(data: bytes) -> str:
    """Decode file bytes: UTF-8 (BOM stripped) or UTF-16 LE/BE with a BOM.

    Anything else, including UTF-8 containing NUL characters (binary, or UTF-16 without a BOM),
    raises ``ParseError("not a UTF-8 or UTF-16 text file")``.
    """
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
            return data.decode("utf-16")  # the BOM picks the byte order and is removed
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParseError(_NOT_TEXT) from None
    if "\x00" in text:
        raise ParseError(_NOT_TEXT)
    return text


def parse(text: str, fmt: str) -> Document:
    """Parse ``text`` in format ``fmt`` (one of :data:`FORMATS`).

    Raises ParseError for any input it cannot parse. A ``fmt`` outside FORMATS is a programming
    error and raises ``ValueError``.
    """
    try:
        parser = _parser(fmt)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}") from None
    # Building a tree allocates many small objects and no reference cycles; pausing the cyclic
    # garbage collector meanwhile makes big files parse 2-3x faster.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return parser(text, fmt)
    except ParseError:
        raise
    except (RecursionError, MemoryError):
        raise ParseError("input too deeply nested or too large") from None
    except Exception as error:  # defence in depth: the contract is "only ParseError escapes"
        raise ParseError(f"internal parser error ({type(error).__name__})") from None
    finally:
        if paused:
            gc.enable()
