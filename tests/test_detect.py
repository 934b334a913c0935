"""Behaviour of ``Detector.scan``, the filters and ``find_url_credentials`` (detect-secrets style tables)."""

from __future__ import annotations

import base64
import json
import random
import string
import subprocess
import sys

import pytest

from mcplint.detect import Detector, SecretHit
from mcplint.detect.filters import is_placeholder, is_reference, is_secretish_name
from mcplint.detect.urls import UrlCredential, find_url_credentials

DETECTOR = Detector.default()
_RNG = random.Random("mcplint-test-detect")


def _token(prefix: str, alphabet: str, length: int) -> str:
    """A fresh synthetic secret (gitleaks style: never a literal in the repo)."""
    return prefix + "".join(_RNG.choice(alphabet) for _ in range(length))


ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
GHP = _token("ghp_", ALNUM, 36)
ANT = _token("sk-ant-api03-", ALNUM + "-_", 93) + "AA"
NTN = _token("ntn_", ALNUM, 46)
RAND = _token("", ALNUM, 40)  # a provider-less API key
HEX64 = _token("", HEX, 64)
PASSWORD = "Tr0ub4dor&3"  # the xkcd example; a human-chosen password shape
JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"


def _jwt(claims: dict) -> str:
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{JWT_HEADER}.{payload}.{_token('', ALNUM + '-_', 43)}"


SERVICE_JWT = _jwt({"iss": "supabase", "ref": _token("", HEX, 20), "role": "service_role"})
ANON_JWT = _jwt({"iss": "supabase", "ref": _token("", HEX, 20), "role": "anon"})
BASIC = base64.b64encode(f"svc:{PASSWORD}".encode()).decode()
BASIC_DEMO = base64.b64encode(b"test@example.org:test").decode()

# (value, key, expected pattern id or None)
CASES: list[tuple[str, str | None, str | None]] = [
    # provider patterns, bare and embedded
    (GHP, "GITHUB_PERSONAL_ACCESS_TOKEN", "github-pat"),
    (GHP, None, "github-pat"),
    (f"Bearer {GHP}", "Authorization", "github-pat"),
    (f"--api-key={GHP}", None, "github-pat"),
    (f"--env.GITHUB_PERSONAL_ACCESS_TOKEN={GHP}", None, "github-pat"),
    (f"-e API_KEY={GHP}", None, "github-pat"),
    (
        json.dumps({"Authorization": f"Bearer {NTN}", "Notion-Version": "2022-06-28"}),
        "OPENAPI_MCP_HEADERS",
        "notion-token",
    ),
    (f"Authorization: Bearer {GHP}", "--header", "github-pat"),
    (SERVICE_JWT, "SUPABASE_SERVICE_ROLE_KEY", "supabase-service-role-key"),
    (_jwt({"sub": "agent"}), None, "jwt"),
    # references in every client syntax
    ("${GITHUB_TOKEN}", "GITHUB_TOKEN", None),
    ("$GITHUB_TOKEN", "GITHUB_TOKEN", None),
    ("${env:GITHUB_TOKEN}", "GITHUB_TOKEN", None),
    ("${input:github_token}", "GITHUB_TOKEN", None),
    ("{env:GITHUB_TOKEN}", "GITHUB_TOKEN", None),
    ("{file:~/.secrets/github}", "GITHUB_TOKEN", None),
    ("${{ secrets.GITHUB_TOKEN }}", "GITHUB_TOKEN", None),
    ("${user_config.api_key}", "API_KEY", None),
    ("{api_key}", "API_KEY", None),
    ("{{server.api_key}}", "API_KEY", None),
    ("<%- config.apiKey %>", "apiKey", None),
    ("%GITHUB_TOKEN%", "GITHUB_TOKEN", None),
    ("op://vault/github/token", "GITHUB_TOKEN", None),
    ("vault:secret/data/github#token", "GITHUB_TOKEN", None),
    ("arn:aws:secretsmanager:us-east-1:123456789012:secret:github-AbCdEf", "GITHUB_TOKEN", None),
    ("Bearer ${GITHUB_TOKEN}", "Authorization", None),
    ("${GITHUB_TOKEN:-}", "GITHUB_TOKEN", None),
    # defaults of ${VAR:-default} are scanned
    (f"${{ANTHROPIC_KEY:-{ANT}}}", "ANTHROPIC_KEY", "anthropic-api-key"),
    (f"${{MISTRAL_API_KEY:-{_token('', ALNUM, 32)}}}", "MISTRAL_API_KEY", "mistral-api-key"),
    ("${LOG_LEVEL:-info}", "LOG_LEVEL", None),
    # placeholders
    ("<YOUR_TOKEN>", "GITHUB_TOKEN", None),
    ("YOUR_API_KEY", "API_KEY", None),
    ("your-api-key-here", "API_KEY", None),
    ("your_token_here", "SLACK_BOT_TOKEN", None),
    ("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "GITHUB_TOKEN", None),
    ("****************", "API_KEY", None),
    ("sk-...", "OPENAI_API_KEY", None),
    ("sk-proj-...", "OPENAI_API_KEY", None),
    ("changeme", "DB_PASSWORD", None),
    ("replace-me", "API_KEY", None),
    ("placeholder", "API_KEY", None),
    ("example", "API_KEY", None),
    ("dummy", "API_KEY", None),
    ("test", "API_KEY", None),
    ("TODO", "API_KEY", None),
    ("[REDACTED_API_KEY]", "API_KEY", None),
    ("ACTUAL_API_KEY", "API_KEY", None),
    ("my-secret-key", "JWT_SECRET", None),
    ("sk_test_placeholder_" + "0" * 24, "STRIPE_SECRET_KEY", None),
    ("", "API_KEY", None),
    ("   ", "API_KEY", None),
    # name-aware positives
    (RAND, "API_SECRET", "secret-named-value"),
    (HEX64, "OBSIDIAN_API_KEY", "secret-named-value"),
    (RAND, "apiKey", "secret-named-value"),
    (RAND, "clientSecret", "secret-named-value"),
    (RAND, "X-API-Key", "secret-named-value"),
    (RAND, "--token", "secret-named-value"),
    (f"Token {RAND}", "Authorization", "secret-named-value"),
    (PASSWORD, "PG_PASSWORD", "secret-named-value"),
    ("Ocean_Breeze9", "MYSQL_PASSWORD", "secret-named-value"),
    (PASSWORD, "-p", "secret-named-value"),
    (f"-p{PASSWORD}", None, "secret-named-value"),
    (f"N8N_WEBHOOK_PASSWORD={PASSWORD}$$", None, "secret-named-value"),
    (f"Basic {BASIC}", "Authorization", "basic-auth-credentials"),
    # name-aware negatives
    (RAND, "GITHUB_CLIENT_ID", None),
    (RAND, "AWS_ACCESS_KEY_ID", None),
    ("https://api.example.com/v1", "API_URL", None),
    ("/home/me/.config/key.pem", "PRIVATE_KEY_PATH", None),
    ("~/.ssh/id_ed25519", "SSH_PRIVATE_KEY", None),
    ("GITHUB_TOKEN", "TOKEN_ENV_VAR", None),
    ("OPENAI_API_KEY", "env_key", None),
    ("8192", "MAX_TOKENS", None),
    ("true", "USE_TOKEN", None),
    ("none", "AUTH_TOKEN", None),
    ("password", "DB_PASSWORD", None),
    ("secret", "DB_PASSWORD", None),
    ("postgres", "POSTGRES_PASSWORD", None),
    ("1.2.3", "API_KEY", None),
    ("9b2f4c1e-8a3d-4f5b-9c7e-1d2a3b4c5d6e", "TENANT_ID", None),
    ("9b2f4c1e-8a3d-4f5b-9c7e-1d2a3b4c5d6e", "WORKSPACE_SECRET_REF", None),
    (RAND, "STRIPE_PUBLISHABLE_KEY", None),
    (RAND, "NEXT_PUBLIC_API_KEY", None),
    (ANON_JWT, "SUPABASE_ANON_KEY", None),
    (ANON_JWT, None, None),
    ("kv/gitlab/mcp-token", "key", None),
    (f"Basic {BASIC_DEMO}", "Authorization", None),
    ("-p8080:80", None, None),
    ("3000:3000", "-p", None),
    (RAND, None, None),
]


@pytest.mark.parametrize(("value", "key", "expected"), CASES, ids=[f"{i}-{c[2]}" for i, c in enumerate(CASES)])
def test_scan_table(value: str, key: str | None, expected: str | None) -> None:
    ids = [hit.pattern_id for hit in DETECTOR.scan(value, key)]
    if expected is None:
        assert ids == []
    else:
        assert ids == [expected]


def test_embedded_token_span_is_the_token() -> None:
    value = f'{{"Authorization": "Bearer {GHP}"}}'
    (hit,) = DETECTOR.scan(value, "OPENAPI_MCP_HEADERS")
    assert value[hit.start : hit.end] == GHP
    assert hit == SecretHit("github-pat", "GitHub personal access token", hit.start, hit.end, "high")


def test_default_span_is_the_default() -> None:
    value = f"${{ANTHROPIC_KEY:-{ANT}}}"
    (hit,) = DETECTOR.scan(value, "ANTHROPIC_KEY")
    assert value[hit.start : hit.end] == ANT


def test_name_aware_span_skips_scheme_and_quotes() -> None:
    value = f"Bearer {RAND}"
    (hit,) = DETECTOR.scan(value, "Authorization")
    assert (value[hit.start : hit.end], hit.confidence) == (RAND, "medium")


def test_provider_hit_wins_over_name_aware_hit() -> None:
    hits = DETECTOR.scan(GHP, "GITHUB_TOKEN")
    assert [(h.pattern_id, h.confidence) for h in hits] == [("github-pat", "high")]


def test_two_tokens_in_one_value_are_two_hits() -> None:
    value = f"--github={GHP} --notion={NTN}"
    assert [h.pattern_id for h in DETECTOR.scan(value)] == ["github-pat", "notion-token"]


def test_private_key_with_json_escapes() -> None:
    body = "\\n".join(_token("", ALNUM + "+/", 64) for _ in range(3))
    value = f"-----BEGIN RSA PRIVATE KEY-----\\n{body}\\n-----END RSA PRIVATE KEY-----\\n"
    assert [h.pattern_id for h in DETECTOR.scan(value, "SIGNER_KEY")] == ["private-key"]


def test_allowlist_regex_suppresses_hit() -> None:
    detector = Detector.default(allowlist_regexes=[GHP[:12]])
    assert detector.scan(GHP, "GITHUB_TOKEN") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("${A}", True), ("${env:A}/${B}", True), ("Bearer $TOKEN", True), ("op://v/i/f", True), (GHP, False), ("", False)],
)
def test_is_reference(value: str, expected: bool) -> None:
    assert is_reference(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("<api-key>", True), ("xxxx", True), ("sk-your-api-key", True), ("", True), (GHP, False), (PASSWORD, False)],
)
def test_is_placeholder(value: str, expected: bool) -> None:
    assert is_placeholder(value) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("GITHUB_TOKEN", True), ("OPENAI_API_KEY", True), ("apiKey", True), ("clientSecret", True),
        ("authToken", True), ("X-API-Key", True), ("api-key", True), ("Cookie", True), ("--password", True),
        ("-p", True), ("AWS_SECRET_ACCESS_KEY", True), ("GH_PAT", True), ("SIGNING_KEY", True),
        ("AWS_ACCESS_KEY_ID", False), ("GITHUB_CLIENT_ID", False), ("DATABASE_URL", False),
        ("PRIVATE_KEY_PATH", False), ("TOKEN_FILE", False), ("TOKEN_ENV_VAR", False), ("KEY_NAME", False),
        ("AWS_REGION", False), ("AUTH_HEADER", False), ("TOKEN_TYPE", False),
        ("STRIPE_PUBLISHABLE_KEY", False), ("NEXT_PUBLIC_KEY", False), ("MONKEY", False), (None, False),
    ],
)  # fmt: skip
def test_is_secretish_name(name: str | None, expected: bool) -> None:
    assert is_secretish_name(name) is expected


URL_POSITIVES: list[tuple[str, str, str]] = [
    ("postgresql://u:{s}@db/x", "userinfo", "u"),
    ("redis://:{s}@cache.internal:6379/0", "userinfo", ""),
    ("mongodb+srv://mcp:{s}@cluster0.abcde.mongodb.net/db?retryWrites=true", "userinfo", "mcp"),
    ("amqp://worker:{s}@mq.internal:5672/jobs", "userinfo", "worker"),
    ("https://mcp.example.com/sse?api_key={s}", "query", "api_key"),
    ("https://mcp.example.com/sse?foo=1&token={s}", "query", "token"),
    ("https://mcp.example.com/sse?access_token={s}&x=1", "query", "access_token"),
    ("https://search.example.com/mcp?apiKey={s}", "query", "apiKey"),
    ("https://mcp.example.com/sse?key={s}", "query", "key"),
    ("Server=tcp:db.example.net;User Id=app;Password={s};", "userinfo", "Password"),
    ("postgresql://app:{s}@localhost:5432/app", "userinfo", "app"),
]


@pytest.mark.parametrize(("template", "kind", "name"), URL_POSITIVES)
def test_find_url_credentials_positive(template: str, kind: str, name: str) -> None:
    secret = _token("", ALNUM, 20)
    value = template.format(s=secret)
    (credential,) = find_url_credentials(value)
    assert credential == UrlCredential(kind, name, value.index(secret), value.index(secret) + len(secret))


@pytest.mark.parametrize(
    "value",
    [
        "postgresql://db.example.com/app",
        "postgresql://reader@db.example.com/app",
        "postgresql://app:${PASS}@db.example.com/app",
        "postgresql://app:$PASS@db.example.com/app",
        "postgresql://user:password@host/db",
        "postgresql://app:<password>@db.example.com/app",
        "mysql://root:[PASSWORD]@db.example.com/app",
        "postgres://postgres:postgres@localhost:5432/dev",
        "redis://:@cache:6379",
        "https://mcp.example.com/sse?api_key=${API_KEY}",
        "https://mcp.example.com/sse?api_key=YOUR_API_KEY",
        "https://mcp.example.com/sse?page=2&limit=50",
        "https://mcp.example.com/{tenant_id}/mcp",
    ],
)
def test_find_url_credentials_negative(value: str) -> None:
    assert find_url_credentials(value) == []


def test_import_does_not_pull_in_detect_secrets() -> None:
    code = "import sys, mcplint.detect; mcplint.detect.Detector.default(); print('detect_secrets' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("template", "user"),
    [
        ("postgresql://app:{s}@db.example.com:5432/app", "app"),
        ("mysql://root:{s}@10.0.0.7/app?ssl=true", "root"),
        ("redis://:{s}@cache.example.net:6379/0", ""),
    ],
)
@pytest.mark.parametrize("password", ["Xk9@Pr0d-Db-2024!", "p@ssw0rd-Pr0d-91", "a@b@c-D4tabase-9"])
def test_url_password_with_an_unencoded_at_is_split_as_urllib_does(template: str, user: str, password: str) -> None:
    from urllib.parse import urlsplit

    value = template.format(s=password)
    assert urlsplit(value).password == password  # what the client library will send
    (credential,) = find_url_credentials(value)
    assert value[credential.start : credential.end] == password and credential.name == user


def test_url_scheme_runs_are_walked_once() -> None:
    value = "a" * 100_000 + "://u:" + "Zq8vLk3p" + "@db.example.com/x"
    (credential,) = find_url_credentials(value)
    assert value[credential.start : credential.end] == "Zq8vLk3p"
