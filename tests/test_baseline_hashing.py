"""Baseline hashes resist a dictionary attack: scrypt under a per-baseline random salt, so a
guessable password in a committed baseline costs a scrypt per guess and per baseline. Old
(version 1) baselines are still read and upgraded; lookups hash only candidate findings, once."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.pipeline import scan
from mcplint.results import baseline
from mcplint.settings.values import Settings

runner = CliRunner()
GUESSABLE = ["Winter2023!", "Dragon#1987", "Summer2024$"]


def password_config(passwords: list[str], prefix: str = "DB") -> str:
    env = {f"{prefix}_PASSWORD_{i}": value for i, value in enumerate(passwords)}
    return json.dumps({"mcpServers": {"db": {"command": "npx", "env": env}}}, indent=2)


def unsalted_identity(rule: str, path: str, pattern: str, secret: str) -> str:
    """The construction a version 1 baseline stored as is."""
    inner = hashlib.sha256(secret.encode()).hexdigest()
    return hashlib.sha256("\x1f".join([rule, path, pattern, inner]).encode()).hexdigest()[:32]


def make_baseline(root: Path, out: Path) -> dict:
    result = runner.invoke(app, ["baseline", str(root), "--output", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text())


def test_a_guessable_password_is_not_found_by_a_cheap_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".mcp.json").write_text(password_config(GUESSABLE))
    findings = [f for f in scan([tmp_path], Settings()).findings if f.secret_hash]
    assert len(findings) == len(GUESSABLE)

    data = make_baseline(tmp_path, tmp_path / "b.json")
    stored = {e["secret_hash"] for e in data["entries"] if e["secret_hash"]}

    assert data["version"] == 2 and data["kdf"] == baseline.KDF and len(bytes.fromhex(data["salt"])) == 16
    # The attack of the report: the unsalted construction over a dictionary finds nothing.
    patterns = {"secret-named-value"}
    cheap = {unsalted_identity("MCP001", ".mcp.json", p, guess) for guess in GUESSABLE for p in patterns}
    assert not cheap & stored and not {f.secret_hash for f in findings} & stored
    # Each stored value is scrypt of the identity under the file's salt: a guess costs a scrypt.
    salt = bytes.fromhex(data["salt"])
    expected = {hashlib.scrypt(f.secret_hash.encode(), salt=salt, n=4096, r=8, p=1, dklen=16).hex() for f in findings}
    assert expected == stored


def test_each_baseline_has_its_own_salt_and_regenerating_keeps_it(tmp_path: Path) -> None:
    (tmp_path / ".mcp.json").write_text(password_config(GUESSABLE[:1]))
    first = make_baseline(tmp_path, tmp_path / "one.json")
    other = make_baseline(tmp_path, tmp_path / "two.json")
    assert first["salt"] != other["salt"] and first["entries"] != other["entries"]
    text = (tmp_path / "one.json").read_text()
    make_baseline(tmp_path, tmp_path / "one.json")
    assert (tmp_path / "one.json").read_text() == text


def test_a_version_1_baseline_is_still_read_and_upgraded(tmp_path: Path) -> None:
    (tmp_path / ".mcp.json").write_text(password_config(GUESSABLE))
    old = tmp_path / "old.json"
    old.write_text(baseline.dumps(baseline.entries_from(scan([tmp_path], Settings()).findings)))
    assert json.loads(old.read_text())["version"] == 1

    result = runner.invoke(app, ["scan", str(tmp_path), "--baseline", str(old), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"] == []

    upgraded = make_baseline(tmp_path, old)
    assert upgraded["version"] == 2
    result = runner.invoke(app, ["scan", str(tmp_path), "--baseline", str(old), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"] == []


def test_lookups_hash_only_candidates_and_each_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / ".mcp.json").write_text(password_config(GUESSABLE))
    out = tmp_path / "b.json"
    make_baseline(tmp_path, out)
    # Not in the baseline: a file of its own, with many findings (none may be hashed).
    (tmp_path / "b" / ".mcp.json").write_text(password_config([f"Autumn{n}Pass!x" for n in range(30)], "NEW"))
    calls = []
    real = hashlib.scrypt

    def counting(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "scrypt", counting)
    settings = Settings()
    settings.baseline_path = str(out)
    findings = scan([tmp_path], settings).findings

    assert sorted({f.path for f in findings if f.rule_id == "MCP001"}) == ["b/.mcp.json"]
    assert len(calls) == len(GUESSABLE)  # a/.mcp.json's candidates only, one scrypt each
