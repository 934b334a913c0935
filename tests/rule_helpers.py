"""What the per-rule tests share: scanning a tree with some rules, findings of one rule, generated secrets."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

from conftest import secret as pattern_secret

from mcplint.model import McpConfig
from mcplint.parse import parse
from mcplint.parse.document import Document
from mcplint.pipeline import scan
from mcplint.recognise.recogniser import recognise
from mcplint.reporters import render
from mcplint.results.findings import Finding, ScanResult
from mcplint.settings.values import Settings

NEW_CODES = ("MCP012", "MCP013", "MCP014", "MCP015", "MCP016")
# No vowels, x, y or d: a drawn body never spells a placeholder word ("your", "todo", "xxxx").
ALPHABET = [c for c in string.ascii_letters + string.digits if c.lower() not in "aeiouxyd"]
_RNG = random.Random("rule-tests")  # seeded: the same values on every run


def random_body(length: int) -> str:
    return "".join(_RNG.choice(ALPHABET) for _ in range(length))


def github_token() -> str:
    return pattern_secret("github-pat")


def anthropic_key() -> str:
    return "sk-ant-api03-" + random_body(93) + "AA"




def run(root: Path, *codes: str) -> ScanResult:
    settings = Settings()
    settings.select = list(codes)
    return scan([root], settings)


def hits(result: ScanResult, code: str, path: str | None = None) -> list[Finding]:
    return [f for f in result.findings if f.rule_id == code and (path is None or f.path == path)]


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if needle in text)


def mcp_json(servers: dict) -> str:
    return json.dumps({"mcpServers": servers}, indent=2) + "\n"


def assert_never_printed(result: ScanResult, secrets: list[str]) -> None:
    blob = "\n".join([render(fmt, result, verbose=True) for fmt in ("text", "json", "sarif", "github")])
    blob += "\n".join(f.message + f.snippet for f in result.findings)
    for secret in secrets:
        for start in range(0, len(secret) - 11):
            assert secret[start : start + 12] not in blob, "a secret slice reached the output"


def config_of(relpath: str, text: str, fmt: str = "jsonc") -> McpConfig:
    document: Document = parse(text, fmt)
    config = recognise(Path(relpath), relpath, document)
    assert config is not None
    return config
