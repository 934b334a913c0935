"""The redaction guarantee: a planted secret never reaches any output, not even 12 characters of it.

Every provider format (each ``tp_generate`` of every pattern in ``mcplint/detect/providers/*.yaml``) is planted in
every field (env, ``Authorization: Bearer``, ``--token=`` argument, URL query, URL userinfo) of
every client format, and the text (plain and ``--verbose``), json, sarif and github reports, the
baseline file, the CLI's output and the messages about files that fail to parse are searched for it.
"""

from __future__ import annotations

import json
import random
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.detect import Detector
from mcplint.detect.patterns import Pattern, generate_example
from mcplint.pipeline import scan
from mcplint.reporters import FORMATS, render
from mcplint.results import baseline
from mcplint.settings.values import Settings

SLICE = 12
PATTERNS: tuple[Pattern, ...] = tuple(p for p in Detector.default().patterns.patterns if p.examples.get("tp_generate"))
FIELDS = ("env", "header", "arg", "url-query", "url-userinfo")
CLIENTS = (
    "claude-desktop", "claude-code", "cursor", "vscode", "windsurf", "cline", "roo", "zed", "gemini", "codex",
    "continue", "goose", "lmstudio", "opencode",
)
PATHS = {
    "claude-desktop": "claude_desktop_config.json", "claude-code": ".mcp.json", "cursor": ".cursor/mcp.json",
    "vscode": ".vscode/mcp.json", "windsurf": ".codeium/windsurf/mcp_config.json", "cline": "cline_mcp_settings.json",
    "roo": ".roo/mcp.json", "zed": ".zed/settings.json", "gemini": ".gemini/settings.json",
    "codex": ".codex/config.toml", "continue": ".continue/mcpServers/servers.yaml",
    "goose": ".config/goose/config.yaml", "lmstudio": ".lmstudio/mcp.json", "opencode": "opencode.json",
}


# --- planting ----------------------------------------------------------------------------------


def secret_of(pattern: Pattern, example: str) -> str:
    """The part of a generated example that is the secret (``secret_group``; the rest is context)."""
    match = pattern.regex.search(example)
    assert match is not None, (pattern.id, example)
    return match.group(pattern.secret_group)


def planted_text(field: str, secret: str) -> str:
    """How the secret is written in ``field`` (URL parts percent-encoded, as a URL needs)."""
    if field in ("url-query", "url-userinfo"):
        return urllib.parse.quote(secret, safe="")
    return secret


def server(field: str, example: str, key: str) -> dict[str, Any]:
    """A generic server with the example in ``field``."""
    if field == "env":
        return {"command": "npx", "args": ["-y", "some-server"], "env": {key: example}}
    if field == "header":
        return {"type": "http", "url": "https://mcp.example.com/mcp", "headers": {"Authorization": f"Bearer {example}"}}
    if field == "arg":
        return {"command": "npx", "args": ["-y", "some-server", f"--token={example}"]}
    encoded = urllib.parse.quote(example, safe="")
    if field == "url-query":
        return {"type": "http", "url": f"https://mcp.example.com/mcp?api_key={encoded}"}
    return {"type": "http", "url": f"https://mcpuser:{encoded}@mcp.example.com/mcp"}


def for_client(client: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Rename a generic server's fields the way ``client`` spells them."""
    spec = dict(spec)
    url = spec.pop("url", None)
    if client == "opencode":
        out: dict[str, Any] = {"type": "remote" if url else "local"}
        if url:
            out["url"] = url
        if "command" in spec:
            out["command"] = [spec["command"], *spec.get("args", [])]
        if "env" in spec:
            out["environment"] = spec["env"]
        if "headers" in spec:
            out["headers"] = spec["headers"]
        return out
    if client == "goose":
        out = {"type": "streamable_http" if url else "stdio", "name": "s", "enabled": True}
        if url:
            out["uri"] = url
        if "command" in spec:
            out["cmd"], out["args"] = spec["command"], spec.get("args", [])
        if "env" in spec:
            out["envs"] = spec["env"]
        if "headers" in spec:
            out["headers"] = spec["headers"]
        return out
    if url:
        spec[{"windsurf": "serverUrl", "gemini": "httpUrl"}.get(client, "url")] = url
    if client in ("claude-desktop", "cline", "roo", "zed", "lmstudio", "windsurf", "gemini", "codex", "continue"):
        spec.pop("type", None)
    return spec


def _toml(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def render_client(client: str, servers: dict[str, dict[str, Any]], compact: bool) -> str:
    """The client's config file holding ``servers`` (generic form)."""
    converted = {name: for_client(client, spec) for name, spec in servers.items()}
    indent = None if compact else 2
    if client == "codex":
        blocks = ['model = "o4-mini"']
        for name, spec in converted.items():
            blocks.append(f"[mcp_servers.{name}]\n" + "\n".join(f"{k} = {_toml(v)}" for k, v in spec.items()))
        return "\n\n".join(blocks) + "\n"
    if client == "continue":
        entries = [{"name": name, **spec} for name, spec in converted.items()]
        body = "\n".join(f"  - {json.dumps(entry)}" for entry in entries)
        return f"name: servers\nversion: 0.0.1\nschema: v1\nmcpServers:\n{body}\n"
    if client == "goose":
        body = "\n".join(f"  {name}: {json.dumps(spec)}" for name, spec in converted.items())
        return f"extensions:\n{body}\n"
    top = {"vscode": "servers", "zed": "context_servers", "opencode": "mcp"}.get(client, "mcpServers")
    document: dict[str, Any] = {top: converted}
    if client == "opencode":
        document = {"$schema": "https://opencode.ai/config.json", **document}
    return json.dumps(document, indent=indent) + "\n"


# --- checking ----------------------------------------------------------------------------------


def slices(secret: str, structure: str) -> list[str]:
    """Every 12-character slice of ``secret`` that is not also fixed structure (a literal prefix)."""
    return [secret[i : i + SLICE] for i in range(len(secret) - SLICE + 1) if secret[i : i + SLICE] not in structure]


def leaks(outputs: dict[str, str], secrets: list[tuple[str, str]]) -> list[str]:
    """(output name, secret) pairs where the secret or a 12-character slice of it appears."""
    found = []
    for name, text in outputs.items():
        windows = {text[i : i + SLICE] for i in range(len(text) - SLICE + 1)}
        for secret, structure in secrets:
            hits = [part for part in slices(secret, structure) if part in windows]
            if hits or (len(secret) < SLICE and secret in text):
                found.append(f"{name}: {secret[:6]}… (e.g. {hits[:1]})")
    return found


def all_outputs(root: Path, result, tmp: Path) -> dict[str, str]:
    outputs = {fmt: render(fmt, result) for fmt in FORMATS}
    outputs["text --verbose"] = render("text", result, verbose=True, color=True)
    outputs["sarif (category)"] = render("sarif", result, category="redaction/")
    baseline_file = tmp / "baseline.json"
    baseline.write(baseline_file, baseline.entries_from(result.findings))
    outputs["baseline"] = baseline_file.read_text()
    outputs["diagnostics"] = "\n".join(f"{d.path} {d.message}" for d in result.diagnostics)
    outputs["messages"] = "\n".join(f.message for f in result.findings)
    return outputs


def structure_of(pattern: Pattern, spec: dict[str, Any], rng: random.Random) -> str:
    """Two more examples of the same spec: what they share with the secret is literal structure."""
    return " ".join(secret_of(pattern, generate_example(spec, rng)) for _ in range(2))


# --- the full cross product, deterministically ----------------------------------------------------


@pytest.mark.parametrize("compact", [False, True], ids=["pretty", "one-line"])
@pytest.mark.parametrize("client", CLIENTS)
def test_every_pattern_in_every_field_of_every_client_is_redacted(tmp_path: Path, client: str, compact: bool) -> None:
    rng = random.Random(f"redaction:{client}:{compact}")
    servers: dict[str, dict[str, Any]] = {}
    secrets: list[tuple[str, str]] = []
    for pattern in PATTERNS:
        key = pattern.examples.get("key") or "API_KEY"
        for spec in pattern.examples["tp_generate"]:
            example = generate_example(spec, rng)
            secret = secret_of(pattern, example)
            for field in FIELDS:
                servers[f"s{len(servers)}"] = server(field, example, key)
                secrets.append((planted_text(field, secret), structure_of(pattern, spec, rng)))
    root = tmp_path / "repo"
    target = root / PATHS[client]
    target.parent.mkdir(parents=True)
    target.write_text(render_client(client, servers, compact), encoding="utf-8")
    result = scan([root], Settings())
    assert not result.diagnostics, result.diagnostics
    assert len(result.findings) >= len(PATTERNS), "the planted secrets must be found for redaction to matter"
    assert not leaks(all_outputs(root, result, tmp_path), secrets)


def test_cli_outputs_and_verbose_logs_are_redacted(tmp_path: Path) -> None:
    rng = random.Random("redaction:cli")
    servers, secrets = {}, []
    for index, pattern in enumerate(PATTERNS):
        spec = pattern.examples["tp_generate"][0]
        example = generate_example(spec, rng)
        field = FIELDS[index % len(FIELDS)]
        servers[f"s{index}"] = server(field, example, pattern.examples.get("key") or "API_KEY")
        secrets.append((planted_text(field, secret_of(pattern, example)), structure_of(pattern, spec, rng)))
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".mcp.json").write_text(render_client("claude-code", servers, compact=False))
    runner = CliRunner()
    outputs = {}
    for fmt in FORMATS:
        outcome = runner.invoke(app, ["scan", str(root), "--format", fmt, "--verbose", "--no-color"])
        assert outcome.exit_code == 1, outcome.output
        outputs[f"cli {fmt}"] = outcome.output
    outcome = runner.invoke(app, ["baseline", str(root), "--output", str(tmp_path / "b.json")])
    assert outcome.exit_code == 0, outcome.output
    outputs["cli baseline"] = outcome.output + (tmp_path / "b.json").read_text()
    assert not leaks(outputs, secrets)


# --- broken files: parse errors and recovery must not quote the secret ---------------------------

BREAKERS = {
    "truncated after the secret": lambda text, secret: text[: text.index(secret) + len(secret)],
    "unquoted secret": lambda text, secret: text.replace(f'"{secret}"', secret, 1),
    "stray character after the secret": lambda text, secret: text.replace(secret, secret + '"}', 1),
    "secret as a key": lambda text, secret: text.replace(f'"{secret}"', f'{{"{secret}": }}', 1),
}


@pytest.mark.parametrize("breaker", sorted(BREAKERS))
@pytest.mark.parametrize("client", ["claude-code", "vscode", "codex", "continue", "goose"])
def test_parse_error_messages_never_quote_a_secret(tmp_path: Path, client: str, breaker: str) -> None:
    rng = random.Random(f"broken:{client}:{breaker}")
    secrets = []
    for pattern in PATTERNS:
        for spec in pattern.examples["tp_generate"][:1]:
            example = generate_example(spec, rng)
            secret = secret_of(pattern, example)
            text = render_client(client, {"s": server("env", example, pattern.examples.get("key") or "API_KEY")}, False)
            if secret not in text:
                continue  # escaped in this syntax
            root = tmp_path / pattern.id
            (root / PATHS[client]).parent.mkdir(parents=True)
            (root / PATHS[client]).write_text(BREAKERS[breaker](text, secret))
            secrets.append((secret, structure_of(pattern, spec, rng)))
    result = scan([tmp_path], Settings())
    outputs = all_outputs(tmp_path, result, tmp_path)
    assert not leaks(outputs, secrets)


# --- random property: random secrets, fields and neighbours on one line ------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    client=st.sampled_from(CLIENTS),
    picks=st.lists(st.tuples(st.sampled_from(PATTERNS), st.sampled_from(FIELDS)), min_size=1, max_size=4),
    seed=st.integers(0, 2**32),
    compact=st.booleans(),
)
def test_random_secrets_anywhere_are_redacted(
    tmp_path_factory: pytest.TempPathFactory, client: str, picks: list, seed: int, compact: bool
) -> None:
    rng = random.Random(seed)
    root = tmp_path_factory.mktemp("prop")
    servers, secrets = {}, []
    for index, (pattern, field) in enumerate(picks):
        spec = rng.choice(pattern.examples["tp_generate"])
        example = generate_example(spec, rng)
        servers[f"s{index}"] = server(field, example, pattern.examples.get("key") or "API_KEY")
        secrets.append((planted_text(field, secret_of(pattern, example)), structure_of(pattern, spec, rng)))
    (root / PATHS[client]).parent.mkdir(parents=True, exist_ok=True)
    (root / PATHS[client]).write_text(render_client(client, servers, compact))
    result = scan([root], Settings())
    assert result.findings
    assert not leaks(all_outputs(root, result, root), secrets)
