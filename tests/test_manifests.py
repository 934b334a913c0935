"""Server manifests and deployment files end to end: registry ``server.json`` (camelCase and the
2025-07-09 snake_case), MCPB ``manifest.json``, ``smithery.yaml``, Compose (map and list forms),
Kubernetes (multi-document Deployment/StatefulSet/Pod/Secret/ConfigMap), Helm values and VS Code
``inputs``.

Each fixture under ``tests/fixtures/manifests/<case>/{leak,clean}`` is a template. A marker
``@@RULE:generator@@`` is replaced by a secret generated now and says which rule must report it
there; ``@@RULE@@`` is removed and says a finding (one without a secret value, MCP009) starts
where it stood; ``@@SEALED:…@@`` becomes an encrypted SealedSecret payload that is no finding.
Leaking fixtures must give exactly the marked findings at their line and column; clean fixtures
none at all.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from mcplint.pipeline import scan
from mcplint.reporters import render
from mcplint.rules import RULES
from mcplint.settings.values import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "manifests"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
MARKER = re.compile(r"@@([A-Z0-9]+)(?::([a-z0-9-]+))?@@")
RNG = random.Random(20250904)
ALNUM = string.ascii_letters + string.digits


def _chars(alphabet: str, count: int) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(count))


def _password() -> str:
    """A human-chosen password: words, digits and a symbol; too short for a token detector."""
    word = RNG.choice(["Harbor", "Maple", "Orbit", "Cobalt", "Falcon"])
    return f"{word}{RNG.randint(10, 99)}!{RNG.choice(['tide', 'moss', 'gale'])}"


GENERATORS = {
    "github": lambda: "ghp_" + _chars(ALNUM, 36),
    "openai": lambda: "sk-proj-" + _chars(ALNUM + "_-", 40) + "T3BlbkFJ" + _chars(ALNUM, 40),
    "anthropic": lambda: "sk-ant-api03-" + _chars(ALNUM + "_-", 93) + "AA",
    "slack": lambda: "xoxb-" + "-".join(_chars(string.digits, n) for n in (12, 13)) + "-" + _chars(ALNUM, 24),
    "stripe": lambda: "sk_live_" + _chars(ALNUM, 99),
    "hf": lambda: "hf_" + _chars(string.ascii_letters, 34),
    "password": _password,
    "random": lambda: _chars(ALNUM, 40),
    "b64-slack": lambda: base64.b64encode(GENERATORS["slack"]().encode()).decode(),
    "b64-password": lambda: base64.b64encode(_password().encode()).decode(),
    "b64-random": lambda: base64.b64encode(_chars(ALNUM, 40).encode()).decode(),
    "long": lambda: "Ag" + _chars(ALNUM + "+/", 340) + "==",
    "short": lambda: "Ag" + _chars(ALNUM + "+/", 90) + "==",
}


@dataclass(frozen=True)
class Expected:
    rule: str
    path: str
    line: int
    col: int
    secret: str | None


def materialise(case: str, variant: str, target: Path) -> list[Expected]:
    """Write the fixture with fresh secrets into ``target``; return the findings it must give."""
    expected: list[Expected] = []
    source_root = FIXTURES / case / variant
    for source in sorted(p for p in source_root.rglob("*") if p.is_file()):
        relpath = source.relative_to(source_root).as_posix()
        template = source.read_text(encoding="utf-8")
        out: list[str] = []
        cursor = 0
        for match in MARKER.finditer(template):
            out.append(template[cursor : match.start()])
            rule, generator = match.group(1), match.group(2)
            secret = GENERATORS[generator]() if generator else None
            if rule != "SEALED":
                before = "".join(out)
                line = before.count("\n") + 1
                col = len(before) - (before.rfind("\n") + 1) + 1
                expected.append(Expected(rule, relpath, line, col, secret))
            out.append(secret or "")
            cursor = match.end()
        out.append(template[cursor:])
        destination = target / relpath
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text("".join(out), encoding="utf-8")
    return expected


def found(root: Path) -> list[tuple[str, str, int, int]]:
    result = scan([root], Settings())
    assert not result.diagnostics, result.diagnostics
    return sorted((f.rule_id, f.path, f.span.line, f.span.col) for f in result.findings)


@pytest.mark.parametrize("case", CASES)
def test_leaking_fixture_is_found_at_each_marked_place(tmp_path: Path, case: str) -> None:
    expected = materialise(case, "leak", tmp_path)
    assert expected, "a leaking fixture needs markers"
    assert found(tmp_path) == sorted((e.rule, e.path, e.line, e.col) for e in expected)


@pytest.mark.parametrize("case", CASES)
def test_clean_fixture_gives_no_finding(tmp_path: Path, case: str) -> None:
    assert materialise(case, "clean", tmp_path) == []
    assert found(tmp_path) == []


@pytest.mark.parametrize("case", CASES)
def test_no_secret_reaches_a_report(tmp_path: Path, case: str) -> None:
    secrets = [e.secret for e in materialise(case, "leak", tmp_path) if e.secret]
    result = scan([tmp_path], Settings())
    for fmt in ("text", "json", "sarif"):
        output = render(fmt, result)
        for secret in secrets:
            assert secret not in output
    for finding in result.findings:
        for secret in secrets:
            assert secret[4:14] not in finding.message + finding.snippet


def test_mcp010_takes_over_deployment_values_when_mcp001_is_off(tmp_path: Path) -> None:
    """MCP010 is silent where MCP001 reports; with MCP001 ignored it reports those values itself."""
    expected = materialise("kubernetes", "leak", tmp_path)
    lines = (tmp_path / "k8s/tracker.yaml").read_text(encoding="utf-8").split("\n")
    in_env_or_secret = ("value:", "token:", "slack:", "db-password:")
    takeover = {
        e.line for e in expected if e.rule == "MCP001" and lines[e.line - 1].strip().startswith(in_env_or_secret)
    }
    assert len(takeover) == 6  # three container env values, three Secret entries
    result = scan([tmp_path], Settings(ignore=["MCP001"]))
    mcp010 = {f.span.line for f in result.findings if f.rule_id == "MCP010"}
    own = {e.line for e in expected if e.rule == "MCP010"}
    assert mcp010 == takeover | own  # args and ConfigMap data stay MCP001's alone


def test_registry_secret_template_needs_a_secret_variable(tmp_path: Path) -> None:
    """A header templated over a variable is fine only when that variable is declared secret."""
    server = {
        "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
        "name": "io.github.example/x",
        "version": "1.0.0",
        "remotes": [
            {
                "type": "sse",
                "url": "https://x.example.com/sse",
                "headers": [
                    {"name": "Authorization", "value": "Bearer {token}", "variables": {"token": {"isRequired": True}}}
                ],
            }
        ],
    }
    text = json.dumps(server, indent=2)
    (tmp_path / "server.json").write_text(text, encoding="utf-8")
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines, 1) if '"Authorization"' in line)
    variable = next(i for i, line in enumerate(lines, 1) if '"token": {' in line)
    result = scan([tmp_path], Settings())
    assert [(f.rule_id, f.span.line) for f in result.findings] == [("MCP009", header), ("MCP009", variable)]
    assert '"Authorization"' in result.findings[0].message and '"token"' in result.findings[1].message


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("GITHUB_TOKEN", True),
        ("TRACKER_API_KEY", True),
        ("Authorization", True),
        ("--api-key", True),
        ("gh-token", True),
        ("MAX_TOKENS", False),
        ("token_limit", False),
        ("TOKEN_URL", False),
        ("GITHUB_TOKEN_FILE", False),
        ("workspace", False),
        ("auth_method", False),
        ("uid_cookie", False),
    ],
)
def test_names_a_secret(name: str, secret: bool) -> None:
    from mcplint.rules.mcp009_secret_input_not_marked_sensitive import names_a_secret

    assert names_a_secret(name) is secret


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("GitHub personal access token", True),
        ("Database password", True),
        ("Your Stripe API key", True),
        ("Webhook signing secret", True),
        ("Path to the private key file", False),
        ("Maximum number of tokens", False),
        ("Workspace folder", False),
        ("Token endpoint URL", False),
    ],
)
def test_says_secret(text: str, secret: bool) -> None:
    from mcplint.rules.mcp009_secret_input_not_marked_sensitive import says_secret

    assert says_secret(text) is secret


def test_mcpb_entry_named_as_a_setting_is_not_a_secret_input(tmp_path: Path) -> None:
    """The key wins over wording: an id whose description mentions the API key is still an id."""
    manifest = {
        "manifest_version": "0.3",
        "name": "billing",
        "version": "1.0.0",
        "server": {"type": "node", "entry_point": "index.js", "mcp_config": {"command": "node"}},
        "user_config": {
            "party_id": {"type": "string", "title": "Party", "description": "Shown next to your API key."},
            "auth_method": {"type": "string", "title": "Authentication method", "default": "app-password"},
            "api_token": {"type": "string", "title": "Token"},
        },
    }
    text = json.dumps(manifest, indent=2)
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if '"api_token"' in row)
    result = scan([tmp_path], Settings())
    assert [(f.rule_id, f.span.line) for f in result.findings] == [("MCP009", line)]


def test_rules_are_registered_with_their_categories() -> None:
    assert (RULES["MCP009"].name, RULES["MCP009"].category, RULES["MCP009"].severity) == (
        "secret-input-not-marked-sensitive",
        "secret-input",
        "warning",
    )
    assert (RULES["MCP010"].name, RULES["MCP010"].category, RULES["MCP010"].severity) == (
        "plaintext-secret-in-deployment",
        "secret",
        "error",
    )
