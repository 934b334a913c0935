"""The name-aware check: escaped JSON, its gaps, code and identifiers (classes 4, 5, 7, 10)."""

from __future__ import annotations

import json
import random
import string
import uuid
from pathlib import Path

import pytest
from conftest import make_repo, scan_tree

from mcplint.detect import Detector
from mcplint.detect.urls import find_url_credentials

DETECTOR = Detector.default()
_RNG = random.Random("mcplint-test-detect-names")


def _generated(length: int) -> str:
    """Upper, lower and digits: the shape of a generated secret."""
    chars = [_RNG.choice(string.ascii_uppercase), _RNG.choice(string.ascii_lowercase), _RNG.choice(string.digits)]
    chars += [_RNG.choice(string.ascii_letters + string.digits) for _ in range(length - 3)]
    _RNG.shuffle(chars)
    return "".join(chars)


def _uuid() -> str:
    return str(uuid.UUID(int=_RNG.getrandbits(128), version=4))


def _named(value: str, key: str | None) -> list[str]:
    return [h.pattern_id for h in DETECTOR.scan(value, key)]


# -- class 4: escaped JSON inside a string -----------------------------------------------------------

ESCAPED = [
    '--config "{\\"SOME_API_KEY\\":\\"{v}\\"}"',
    "--config={\\\"SERVICE_TOKEN\\\": \\\"{v}\\\", \\\"region\\\": \\\"eu\\\"}",
    'python -m srv --settings \'{"DB_PASSWORD": "{v}"}\'',
    '{"outer": "{\\"API_SECRET\\":\\"{v}\\"}"}',
]


@pytest.mark.parametrize("template", ESCAPED)
def test_inner_keys_of_escaped_json_get_the_name_aware_check(template: str) -> None:
    value = _generated(28)
    text = template.replace("{v}", value)
    hits = DETECTOR.scan(text, None)
    assert [h.pattern_id for h in hits] == ["secret-named-value"]
    assert text[hits[0].start : hits[0].end] == value


def test_escaped_json_in_an_arg_of_a_real_config(tmp_path: Path) -> None:
    value = _generated(30)
    arg = '{"SOME_API_KEY":"' + value + '"}'
    config = {"mcpServers": {"x": {"command": "sh", "args": ["-c", f"mcp-x --config {json.dumps(arg)}"]}}}
    make_repo(tmp_path / "repo", {".mcp.json": json.dumps(config, indent=2)})
    found = [f for f in scan_tree(tmp_path / "repo").findings if f.rule_id == "MCP001"]
    assert len(found) == 1 and "SOME_API_KEY" in found[0].message


@pytest.mark.parametrize("template", ESCAPED)
@pytest.mark.parametrize("value", ["${API_KEY}", "your-api-key", "changeme"])
def test_escaped_json_references_are_not_reported(template: str, value: str) -> None:
    assert DETECTOR.scan(template.replace("{v}", value), None) == []


# -- class 5: name-aware gaps, each decided -------------------------------------------------------------


@pytest.mark.parametrize("key", ["STRIPE_SECRET", "DB_PASSWORD", "OPENAI_API_KEY", "--secret", "clientSecret"])
def test_short_generated_value_under_a_strong_name(key: str) -> None:
    assert _named(_generated(12), key) == ["secret-named-value"]


@pytest.mark.parametrize("key", ["SESSION_ID", "BUILD_TAG", "LOG_LEVEL", "SERVICE_TOKEN_TTL"])
def test_short_value_under_a_weak_or_non_secret_name_is_not_reported(key: str) -> None:
    assert _named(_generated(12), key) == []


@pytest.mark.parametrize("value", ["Summer2024", "Welcome1!", "abcd1234", "prod-east"])
def test_short_human_shapes_under_strong_names_are_not_reported(value: str) -> None:
    assert _named(value, "API_SECRET") == []


@pytest.mark.parametrize("key", ["CLIENT_SECRET", "SMITHERY_API_KEY", "WEBHOOK_SECRET", "SMITHERY_KEY"])
def test_uuid_secret_under_secret_and_key_names(key: str) -> None:
    assert _named(_uuid(), key) == ["secret-named-value"]
    assert _named(f"--secret={_uuid()}", None) == ["secret-named-value"]


@pytest.mark.parametrize("key", ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "GCP_PROJECT", "SUBSCRIPTION_ID", "account"])
def test_uuid_identifiers_are_not_reported(key: str) -> None:
    assert _named(_uuid(), key) == []


def test_bearer_all_digits_or_uuid() -> None:
    digits = "".join(_RNG.choice(string.digits) for _ in range(20))
    assert _named(f"Bearer {digits}", "Authorization") == ["secret-named-value"]
    assert _named(f"Bearer {_uuid()}", "Authorization") == ["secret-named-value"]
    assert _named(f"Authorization: Bearer {_uuid()}", None) == ["secret-named-value"]
    assert _named("Bearer 12345678901234567890", "Authorization") == []  # a sequence is filler
    assert _named(digits, "ACCOUNT_NUMBER") == []


@pytest.mark.parametrize("key", ["CREDS", "GOOGLE_CREDENTIALS", "AZURE_STORAGE_ACCOUNTKEY", "GITLAB_PAT", "GITLAB_RRT"])
def test_more_secret_names(key: str) -> None:
    assert _named(_generated(32), key) == ["secret-named-value"]


# -- class 7: code, not values ---------------------------------------------------------------------------

CODE = [
    "process.env.API_KEY",
    "process.env['OPENAI_API_KEY']",
    "process.env.TOKEN || ''",
    "`${process.env.GITHUB_TOKEN}`",
    "import.meta.env.VITE_API_KEY",
    'os.environ["ANTHROPIC_API_KEY"]',
    "os.environ.get('API_KEY', '')",
    'os.getenv("API_KEY")',
    'Deno.env.get("API_TOKEN")',
    'System.getenv("SERVICE_SECRET")',
]


@pytest.mark.parametrize("value", CODE)
def test_code_reading_a_variable_is_not_a_value(value: str) -> None:
    assert _named(value, "apiKey") == []
    assert _named(json.dumps({"API_TOKEN": value}), None) == []


def test_almost_json_javascript_config_gives_no_finding(tmp_path: Path) -> None:
    text = (
        "{\n  mcpServers: {\n    github: {\n      command: 'npx',\n      env: {\n"
        "        GITHUB_TOKEN: process.env.GITHUB_TOKEN,\n        API_KEY: `${process.env.API_KEY}`,\n"
        '        OPENAI_API_KEY: os.environ["OPENAI_API_KEY"],\n      },\n    },\n  },\n}\n'
    )
    make_repo(tmp_path / "repo", {".cursor/mcp.json": text})
    result = scan_tree(tmp_path / "repo")
    assert any("could not parse" in d.message for d in result.diagnostics)
    assert [f for f in result.findings if f.rule_id == "MCP001"] == []


# -- class 10: identifiers under secret-ish names -----------------------------------------------------

IDENTIFIERS = [
    ("GCP_PROJECT_SECRET", "acme-prod-482913"),
    ("SECRET_NAME_TOKEN", "cli_github_token"),
    ("API_TOKEN", "api.internal.example.com"),
    ("TOKEN_HOST", "mcp.example.org:8443"),
    ("SECRET", "_LIBCPP_HAS_NO_THREADS"),
    ("secret", "pIdx->secretKey"),
    ("token", "Foo::tokenValue"),
    ("API_KEY", "config.get('api_key')"),
]


@pytest.mark.parametrize(("key", "value"), IDENTIFIERS)
def test_identifiers_are_not_reported(key: str, value: str) -> None:
    assert _named(value, key) == []


@pytest.mark.parametrize("password", ["$(DB_PASSWORD)", "$DB_PASSWORD", "%DB_PASSWORD%", "${DB_PASSWORD}"])
def test_variable_references_in_url_credentials(password: str) -> None:
    url = f"postgresql://app:{password}@db.prod.example.com:5432/app"
    assert find_url_credentials(url) == []
    assert _named(url, "DATABASE_URL") == []


def test_a_literal_url_password_is_still_found() -> None:
    password = _generated(14)
    url = f"postgresql://app:{password}@db.prod.example.com:5432/app"
    (credential,) = find_url_credentials(url)
    assert url[credential.start : credential.end] == password
