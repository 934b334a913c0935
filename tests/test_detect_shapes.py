"""Placeholder judgement by the whole value's shape (issue classes 1 and 8).

Real keys carry fixed runs (the ``AAAA`` of an OpenSSH header, the 22 ``A`` of an X bearer token,
zero bytes in a base64 blob) and must be found; partly masked or filler values must not.
"""

from __future__ import annotations

import base64
import json
import random
import struct
from pathlib import Path

import pytest
from conftest import make_repo, scan_tree, secret

from mcplint.detect import Detector
from mcplint.detect.filters import placeholder_reason

DETECTOR = Detector.default()
_RNG = random.Random("mcplint-test-detect-shapes")


def _ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def openssh_key_by_hand(rng: random.Random, comment: bytes = b"dev@laptop") -> str:
    """An unencrypted ed25519 key in the openssh-key-v1 format, built from its published layout."""
    public = bytes(rng.randrange(256) for _ in range(32))
    seed = bytes(rng.randrange(256) for _ in range(32))
    public_blob = _ssh_string(b"ssh-ed25519") + _ssh_string(public)
    check = struct.pack(">I", rng.randrange(2**32))
    private = check + check + _ssh_string(b"ssh-ed25519") + _ssh_string(public)
    private += _ssh_string(seed + public) + _ssh_string(comment)
    private += bytes(range(1, 1 + (-len(private) % 8)))
    blob = b"openssh-key-v1\0" + _ssh_string(b"none") + _ssh_string(b"none") + _ssh_string(b"")
    blob += struct.pack(">I", 1) + _ssh_string(public_blob) + _ssh_string(private)
    body = base64.b64encode(blob).decode()
    lines = [body[i : i + 70] for i in range(0, len(body), 70)]  # ssh-keygen wraps at 70
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END OPENSSH PRIVATE KEY-----\n"


def openssh_keys() -> list[str]:
    """ed25519 by hand, plus rsa / ecdsa / ed25519 from ``cryptography`` when it is installed."""
    keys = [openssh_key_by_hand(_RNG)]
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    except ImportError:  # pragma: no cover - the hand-built key still runs
        return keys
    for key in (ed25519.Ed25519PrivateKey.generate(), ec.generate_private_key(ec.SECP256R1()),
                rsa.generate_private_key(public_exponent=65537, key_size=2048)):  # fmt: skip
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
        )
        keys.append(pem.decode())
    return keys


KEYS = openssh_keys()


def test_hand_built_key_has_the_fixed_run_that_used_to_hide_it() -> None:
    body = "".join(KEYS[0].splitlines()[1:-1])
    assert body.startswith("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB")
    assert "AAAAAA" in body


@pytest.mark.parametrize("index", range(len(KEYS)))
def test_openssh_key_found_as_plain_and_json_escaped_value(index: int) -> None:
    key = KEYS[index]
    assert [h.pattern_id for h in DETECTOR.scan(key, "SSH_PRIVATE_KEY")] == ["private-key"]
    as_json = json.dumps({"SSH_KEY": key})
    assert [h.pattern_id for h in DETECTOR.scan(as_json, None)] == ["private-key"]


def _findings(root: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    make_repo(root, files)
    result = scan_tree(root, "MCP001")
    return [(f.path, f.span.line, f.message) for f in result.findings]


def test_openssh_key_in_every_file_shape(tmp_path: Path) -> None:
    key = KEYS[0]
    block = "\n".join("        " + line for line in key.strip().splitlines())
    files = {
        ".mcp.json": json.dumps(
            {"mcpServers": {"ssh": {"command": "mcp-ssh", "env": {"SSH_PRIVATE_KEY": key}}}}, indent=2
        ),
        ".continue/mcpServers/ssh.yaml": (
            "name: ssh\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: ssh\n    command: mcp-ssh\n"
            "    env:\n      SSH_PRIVATE_KEY: |\n" + block + "\n"
        ),
        "mcp.env": 'SSH_PRIVATE_KEY="' + key.strip() + '"\n',
    }
    found = _findings(tmp_path / "repo", files)
    assert {path for path, _, _ in found} == set(files)
    assert all("Private key" in message for _, _, message in found)


def test_x_bearer_token_in_a_header(tmp_path: Path) -> None:
    token = secret("x-bearer-token")
    assert token.startswith("A" * 22)
    config = {"mcpServers": {"x": {"url": "https://api.example.org/mcp", "headers": {"Authorization": f"Bearer {token}"}}}}
    found = _findings(tmp_path / "repo", {".cursor/mcp.json": json.dumps(config, indent=2)})
    assert [(path, line) for path, line, _ in found] == [(".cursor/mcp.json", 6)]


def test_entra_refresh_token_with_runs_is_found() -> None:
    token = secret("azure-entra-refresh-token")
    assert "AAAAAAAA" in token
    assert [h.pattern_id for h in DETECTOR.scan(token, "AZURE_REFRESH_TOKEN")] == ["azure-entra-refresh-token"]
    assert [h.pattern_id for h in DETECTOR.scan(f"--refresh-token={token}", None)] == ["azure-entra-refresh-token"]


def test_base64_blob_with_zero_bytes_in_a_bearer_header() -> None:
    raw = bytes(_RNG.randrange(256) for _ in range(36)) + bytes(12) + bytes(_RNG.randrange(256) for _ in range(36))
    blob = base64.b64encode(raw).decode()
    assert "AAAAAAAA" in blob
    hits = DETECTOR.scan(f"Bearer {blob}", "Authorization")
    assert [h.pattern_id for h in hits] == ["secret-named-value"]
    assert hits[0].end - hits[0].start == len(blob)


MASKED = [
    "sk-proj-abc…xxx…",
    "sk-proj-abcxxxxxxxxxxxxxxxxdef",
    "ghp_****************************abcd",
    "ghp_1a2b............................",
    "username:password",
    "user:[PASSWORD]",
    "abcd1234abcd1234",
    "ab12cd34ab12cd34ab12cd34",
    "sk_live_abcd1234abcd1234abcd1234",
    base64.b64encode(b"this is not a real key").decode(),
    base64.b64encode(b"replace me with your token").decode(),
    "xoxb-000000000000-0000000000000-AAAAAAAAAAAAAAAAAAAAAAAA",
]


@pytest.mark.parametrize("value", MASKED)
def test_masked_or_filler_value_is_judged_a_placeholder(value: str) -> None:
    assert placeholder_reason(value) is not None


@pytest.mark.parametrize("value", MASKED)
@pytest.mark.parametrize(
    ("template", "key"),
    [("{v}", "API_KEY"), ("Bearer {v}", "Authorization"), ("--api-key={v}", None), ('{{"API_KEY": "{v}"}}', None)],
)
def test_masked_value_is_not_reported_in_any_placement(value: str, template: str, key: str | None) -> None:
    assert DETECTOR.scan(template.format(v=value), key) == []


def test_reason_names_the_shape() -> None:
    assert "masked" in (placeholder_reason("sk-proj-abc…xxx…") or "")
    assert "repeated" in (placeholder_reason("abcd1234abcd1234") or "")
    assert "base64" in (placeholder_reason(base64.b64encode(b"hello there friend").decode()) or "")


def test_jwt_io_sample_is_a_known_sample() -> None:
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    claims = base64.urlsafe_b64encode(b'{"sub":"1234567890","name":"John Doe","iat":1516239022}').decode().rstrip("=")
    signature = "".join(_RNG.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") for _ in range(43))
    assert DETECTOR.scan(f"{header}.{claims}.{signature}", "API_TOKEN") == []
