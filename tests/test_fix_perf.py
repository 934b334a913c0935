"""``fix`` on a minified config holding many secrets does linear work: the edits are verified
together (one re-parse, not one per value). Counted, never timed."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest
from conftest import secret

from mcplint.fix import edits
from mcplint.fix import plan as fix
from mcplint.settings.values import Settings


def test_many_secrets_in_one_file_are_verified_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    rng = random.Random("fix-perf")
    servers = {f"s{n}": {"command": "npx", "env": {f"TOKEN_{k}": secret("github-pat", rng) for k in range(10)}}
               for n in range(10)}
    (tmp_path / ".mcp.json").write_text(json.dumps({"mcpServers": servers}, separators=(",", ":")))
    calls = []
    real_verify = edits.verify

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - passes through verify's own
        calls.append(1)
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(edits, "verify", counting)
    monkeypatch.chdir(tmp_path)
    result = fix.plan([tmp_path], Settings())

    assert len(result.moved) == 100 and not result.not_fixable
    assert len(calls) <= 2, len(calls)  # one value at a time: 100 re-parses of the whole file, plus one
