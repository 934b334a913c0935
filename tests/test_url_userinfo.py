"""A URL password holding an unencoded ``@`` is the whole part up to the last ``@`` (as urllib
reads it): reported and masked whole in every format, MCP013's message included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcplint.pipeline import scan
from mcplint.reporters import FORMATS, render
from mcplint.settings.values import Settings

PASSWORDS = ["Xk9@Pr0d-Db-2024!", "p@ssZ7-Warehouse-Q4"]


@pytest.mark.parametrize("password", PASSWORDS)
def test_an_at_in_a_url_password_is_reported_and_masked_everywhere(tmp_path: Path, password: str) -> None:
    config = {"mcpServers": {
        "db": {"command": "npx", "env": {"DATABASE_URL": f"postgresql://app:{password}@db.example.com:5432/app"}},
        "api": {"url": f"http://svc:{password}@api.example.com/mcp"},
    }}
    (tmp_path / ".mcp.json").write_text(json.dumps(config, indent=2))

    result = scan([tmp_path], Settings())

    rules = {f.rule_id for f in result.findings}
    assert {"MCP002", "MCP013"} <= rules, rules
    tail = password.split("@", 1)[1]
    for fmt in FORMATS:
        output = render(fmt, result)
        assert tail not in output and password not in output, fmt
    mcp013 = next(f for f in result.findings if f.rule_id == "MCP013")
    assert "http://api.example.com" in mcp013.message
