"""Generative leak test for ``mcplint fix``: configs with planted secrets — provider tokens,
passwords holding ``@`` inside URLs, secrets used as env keys, header keys and server names,
secrets under neutral keys next to them, and values suppressed inline, baselined or allowlisted —
and no diff, message or advice of a ``fix`` run (dry or ``--write``) may contain any of them.
Derandomised (tests/conftest.py's hypothesis profile): the same examples on every run."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
import subprocess
import tempfile
from pathlib import Path

import yaml
from conftest import secret
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcplint.cli.fix import run_fix

PROVIDERS = ["github-pat", "slack-bot-token", "openai-api-key", "stripe-secret-key", "aws-access-key-id"]
CLIENTS = {
    ".mcp.json": "jsonc",
    ".cursor/mcp.json": "jsonc",
    "claude_desktop_config.json": "json",
    ".continue/mcpServers/planted.yaml": "yaml",
}
WORDS = ["Pr0d", "Xk9", "Tr0ub", "W1nter", "Qz7", "Drag0n", "Zeta5"]


def _provider(rng: random.Random) -> str:
    for _ in range(5):
        with contextlib.suppress(KeyError, ValueError):
            return secret(rng.choice(PROVIDERS), rng)
    return secret("github-pat", rng)


def _at_password(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)}@{rng.choice(WORDS)}-{rng.randrange(1000, 9999)}!{rng.choice('QRSTUV')}"


def _pieces(secret_value: str, window: int = 8) -> list[str]:
    if len(secret_value) <= window:
        return [secret_value]
    return [secret_value[i : i + window] for i in range(len(secret_value) - window + 1)]


@st.composite
def planted_configs(draw: st.DrawFn) -> tuple[str, str, list[str], str]:
    """(relpath, text, planted secrets, how accepted values are accepted)."""
    # A Random seeded by hypothesis (derandomised): generate_example needs a plain Random.
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    relpath = draw(st.sampled_from(sorted(CLIENTS)))
    fmt = CLIENTS[relpath]
    comments = fmt in ("jsonc", "yaml")
    planted: list[str] = []
    servers: dict[str, dict] = {}
    for index in range(draw(st.integers(1, 3))):
        env: dict[str, str] = {}
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["token", "url-password", "named-password", "token-as-key"]))
            if kind == "token":
                value = _provider(rng)
                env[f"TOKEN_{len(env)}"] = value
                planted.append(value)
            elif kind == "url-password":
                value = _at_password(rng)
                env[f"DATABASE_URL_{len(env)}"] = f"postgresql://app:{value}@db{index}.example.com:5432/app"
                planted.append(value)
            elif kind == "named-password":
                value = _at_password(rng) + rng.choice(WORDS)
                env[f"DB_PASSWORD_{len(env)}"] = value
                planted.append(value)
            else:
                key, value = _provider(rng), _provider(rng)
                env[key] = value
                planted += [key, value]
        name = f"server{index}"
        if draw(st.booleans()):
            name = _provider(rng)
            planted.append(name)
        entry: dict = {"command": "npx", "env": env}
        if draw(st.booleans()):
            flag_secret = _provider(rng)
            entry["args"] = ["-y", "some-server", "--token", flag_secret]
            planted.append(flag_secret)
        if draw(st.booleans()):
            header_secret = _provider(rng)
            entry = {"url": f"https://mcp{index}.example.com/mcp", "headers": {"Authorization": f"Bearer {header_secret}"}}
            planted.append(header_secret)
        servers[name] = entry
    accepted = _provider(rng)
    planted.append(accepted)
    how = draw(st.sampled_from(["inline", "baseline", "allowlist"] if comments else ["baseline", "allowlist"]))
    first = next(iter(servers.values()))
    first.setdefault("env", {})["ACCEPTED_TOKEN"] = accepted
    if fmt == "yaml":  # Continue: a block per file, servers as a list with a name: each
        block_name = _provider(rng) if draw(st.booleans()) else "planted"
        if block_name != "planted":
            planted.append(block_name)
        block = {"name": block_name, "version": "0.0.1", "schema": "v1",
                 "mcpServers": [{"name": name, **entry} for name, entry in servers.items()]}
        text = yaml.safe_dump(block, sort_keys=False, width=10_000)
        marker = "  # mcplint: ignore[MCP001]"
    else:
        text = json.dumps({"mcpServers": servers}, indent=draw(st.sampled_from([None, 2])))
        if how == "inline":
            text = json.dumps({"mcpServers": servers}, indent=2)
        marker = "  // mcplint: ignore[MCP001]"
    if how == "inline":
        text = "\n".join(line + marker if accepted in line else line for line in text.splitlines())
    return relpath, text.rstrip("\n") + "\n", planted, how + ":" + accepted


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(planted_configs(), st.booleans())
def test_no_fix_output_holds_a_planted_secret(case: tuple[str, str, list[str], str], write: bool) -> None:
    relpath, text, planted, accepted = case
    how, accepted_value = accepted.split(":", 1)
    with tempfile.TemporaryDirectory() as directory:
        repo = Path(directory)
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        (repo / relpath).parent.mkdir(parents=True, exist_ok=True)
        (repo / relpath).write_text(text)
        if how == "allowlist":
            digest = hashlib.sha256(accepted_value.encode()).hexdigest()
            (repo / ".mcplint.yaml").write_text(f"allowlist:\n  hashes: ['{digest}']\n")
        elif how == "baseline":
            from mcplint.pipeline import scan
            from mcplint.results import baseline
            from mcplint.settings.values import Settings

            digest = hashlib.sha256(accepted_value.encode()).hexdigest()
            findings = [f for f in scan([repo], Settings()).findings if f.digest is not None and f.digest.sha256 == digest]
            salt = baseline.new_salt()
            baseline.write(repo / "b.json", baseline.entries_from(findings, salt), salt)
            (repo / ".mcplint.yaml").write_text("baseline: b.json\n")
        (repo / ".env").write_text(f"# old: {planted[0]}\nOLD_TOKEN={planted[-1]}\n")
        out, err = io.StringIO(), io.StringIO()
        cwd = os.getcwd()
        os.chdir(repo)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = run_fix([repo], write, None)
        finally:
            os.chdir(cwd)
    output = out.getvalue() + err.getvalue()
    assert code in (0, 1, 2), output
    assert "Traceback" not in output
    for value in planted:
        leaked = [piece for piece in _pieces(value) if piece in output]
        assert not leaked, (value, leaked[0], output)
