"""Redaction is linear: a minified config (one line holding every value) is masked once per line,
not once per finding and secret. Checked by counting masking operations, never by timing."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import secret

from mcplint.pipeline import scan
from mcplint.results import redaction
from mcplint.settings.values import Settings


def minified_config(servers: int, per_server: int) -> tuple[str, list[str]]:
    rng = random.Random("redaction-perf")
    tokens = []
    document: dict = {"mcpServers": {}}
    for s in range(servers):
        env = {}
        for k in range(per_server):
            token = secret("github-pat", rng)
            tokens.append(token)
            env[f"TOKEN_{k}"] = token
        document["mcpServers"][f"server{s}"] = {"command": "npx", "env": env}
    return json.dumps(document, separators=(",", ":")), tokens


def test_masking_work_grows_linearly_with_the_secrets_on_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, tokens = minified_config(servers=20, per_server=20)
    (tmp_path / ".mcp.json").write_text(text)
    calls = {"redact": 0}
    real = redaction.redact

    def counting(value: str) -> str:
        calls["redact"] += 1
        return real(value)

    monkeypatch.setattr(redaction, "redact", counting)
    findings = [f for f in scan([tmp_path], Settings()).findings if f.rule_id == "MCP001"]

    assert len(findings) == len(tokens) == 400
    # Quadratic masking (every finding re-masking every secret on its line) makes 160,000 calls.
    assert calls["redact"] <= 10 * len(findings), calls
    for finding in findings:
        assert not any(token in finding.snippet for token in tokens)
