"""Code frames: a long masked value is shortened (``ghp_****…(40)``: the masked length in
brackets) so the frame fits 100 columns, the carets still cover the value, and the mask never
covers a closing quote."""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

import pytest
from conftest import secret, write_tree
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.reporters.text import shorten_masks

runner = CliRunner()
RNG = random.Random("code-frames")
LONG = "".join(RNG.choice(string.ascii_letters + string.digits) for _ in range(120))  # under API_SECRET_KEY


def frames(root: Path) -> list[tuple[str, str]]:
    """(source line, caret line) of every code frame in the text report."""
    out = runner.invoke(app, ["scan", str(root), "--no-color", "--select", "MCP001"]).stdout.splitlines()
    pairs = []
    for index, line in enumerate(out):
        if re.match(r"^\s*\d+ \| ", line) and index + 1 < len(out) and "^" in out[index + 1]:
            pairs.append((line, out[index + 1]))
    return pairs


CASES = {
    "json": (".mcp.json", '{{\n  "mcpServers": {{\n    "a": {{\n      "command": "npx",\n      "env": {{"API_SECRET_KEY": "{v}"}}\n    }}\n  }}\n}}\n', '"'),
    "yaml-double": (".continue/mcpServers/a.yaml", 'name: a\nmcpServers:\n  - name: a\n    command: npx\n    env:\n      API_SECRET_KEY: "{v}"\n', '"'),
    "yaml-single": (".continue/mcpServers/b.yaml", "name: b\nmcpServers:\n  - name: b\n    command: npx\n    env:\n      API_SECRET_KEY: '{v}'\n", "'"),
    "toml": (".codex/config.toml", '[mcp_servers.a]\ncommand = "npx"\nenv = {{ API_SECRET_KEY = "{v}" }}\n', '"'),
    "dotenv": (".env", 'API_SECRET_KEY="{v}"\n', '"'),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("value", ["github", "long"])
def test_long_masks_are_shortened_and_quotes_stay(tmp_path: Path, case: str, value: str) -> None:
    rel, template, quote = CASES[case]
    token = secret("github-pat") if value == "github" else LONG
    write_tree(tmp_path, {rel: template.format(v=token)})
    [(source, carets)] = frames(tmp_path)
    assert len(source) <= 100 and len(carets) <= 100, source
    match = re.search(r"(\S{0,4}\*{4}\u2026\((\d+)\))", source)
    assert match, source
    assert int(match.group(2)) == len(token)
    shown = match.group(1)
    assert token.startswith(shown.split("*")[0])
    end = source.index(shown) + len(shown)
    assert source[end] == quote, source  # the closing quote is shown, not masked
    start = source.index(shown)
    assert carets.index("^") == start and carets.rstrip().endswith("^") and len(carets.rstrip()) == end


def test_short_masks_are_left_alone() -> None:
    assert shorten_masks('"k": "abc********"') == ('"k": "abc********"', list(range(19)))


def test_shortening_maps_every_column() -> None:
    text, index = shorten_masks('x "ghp_' + "*" * 36 + '" y')
    assert text == 'x "ghp_****\u2026(40)" y'
    assert index[3] == 3 and index[7 + 36] == text.index('" y') and index[-1] == len(text)
