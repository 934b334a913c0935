"""Markdown files with YAML front matter (Copilot custom agents' ``.agent.md``): the front matter only.

The front matter is the YAML between a first line ``---`` and the next ``---`` line. It is parsed
in place: every character outside it becomes a blank (line breaks kept), so offsets, lines and
columns of the parsed nodes are those of the original file, whose text the document keeps (a fix
edits the real file). A file without front matter has no roots.
"""

from __future__ import annotations

import re

from mcplint.parse.document import Document
from mcplint.parse.yaml import parse_yaml

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def parse_front_matter(text: str, fmt: str = "markdown") -> Document:
    """The front matter of ``text`` as a YAML document that keeps the whole text."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return Document(text=text, format=fmt)
    start, end = match.span("body")
    masked = _blank(text[:start]) + text[start:end] + _blank(text[end:])
    document = parse_yaml(masked, fmt)
    document.text = text
    return document
