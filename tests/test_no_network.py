"""No network: full scans (and the machine audit) with every way to open a connection blocked.

Detection is offline by design: no verification of found secrets (detect-secrets' verification
stays off), no update checks, no schema downloads.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from shared_paths import CORPUS as SHARED_CORPUS
from shared_paths import requires_corpora

from mcplint.pipeline import scan
from mcplint.reporters import FORMATS, render
from mcplint.settings.values import Settings

CORPUS = SHARED_CORPUS / "dev" / "repos"
TEMPLATES = Path(__file__).with_name("test_end_to_end.py")


class NetworkAttempt(AssertionError):
    """Raised by the blocked socket functions."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Block every way to open a connection; record each attempt."""
    attempts: list[str] = []

    def blocked(name: str):
        def refuse(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkAttempt(f"mcplint tried to use the network: {name}")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", blocked("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", blocked("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", blocked("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", blocked("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", blocked("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", blocked("gethostbyname"))
    return attempts


def _planted_tree(root: Path) -> None:
    """Every client format with a live-looking secret and a URL (which must not be fetched)."""
    from tests.test_end_to_end import CLIENT_FILES

    for index, (relpath, template) in enumerate(CLIENT_FILES.values()):
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        secret = "ghp_" + f"{index:02d}Zq8Xk2Lm4Np6Rt8Vw0Yb3Cd5Ef7Gh9Jk1M"[:36]
        target.write_text(template.replace("{secret}", secret), encoding="utf-8")
    (root / ".env").write_text("API_URL=https://user:hunter2secret@api.example.com/v1\n")


def test_scans_open_no_connection(tmp_path: Path, no_network: list[str]) -> None:
    _planted_tree(tmp_path)
    result = scan([tmp_path], Settings())
    assert len({f.path for f in result.findings}) >= 14  # the scan really ran
    for fmt in FORMATS:
        render(fmt, result)
    assert no_network == []


@requires_corpora(CORPUS, "the dev corpus")
def test_scan_of_every_dev_corpus_repo_opens_no_connection(no_network: list[str]) -> None:
    repos = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    scanned = 0
    for repo in repos:
        result = scan([repo], Settings())
        scanned += result.files_scanned
        render("sarif", result)
    assert scanned > len(repos) // 2
    assert no_network == []


def test_the_block_itself_works(no_network: list[str]) -> None:
    """The fixture would catch a real attempt (so the tests above can fail)."""
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("example.com", 443), timeout=1)
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("example.com", 443)
    assert len(no_network) == 2


def test_audit_opens_no_connection(tmp_path: Path, no_network: list[str]) -> None:
    """``mcplint audit`` reads a machine's configs (a fake home and project) without the network."""
    pytest.importorskip("mcplint.audit")
    from typer.testing import CliRunner

    from mcplint.cli import app

    home, project = tmp_path / "home", tmp_path / "project"
    _planted_tree(home)
    _planted_tree(project)
    (home / ".claude.json").write_text(
        json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": "ghp_" + "Zq8Xk2Lm4Np6Rt8Vw0Yb" * 2}}}})
    )
    outcome = CliRunner().invoke(
        app, ["audit", "--home", str(home), "--projects", str(project), "--format", "json"]
    )
    assert outcome.exit_code == 1, outcome.output  # it found the planted secrets
    assert no_network == []


def test_cli_scan_in_a_child_with_sockets_disabled(tmp_path: Path) -> None:
    """The installed entry point too, with the socket module made unusable before mcplint loads."""
    _planted_tree(tmp_path)
    guard = textwrap.dedent(
        """
        import socket, sys
        def refuse(*args, **kwargs):
            sys.stderr.write("NETWORK ATTEMPT\\n")
            raise OSError("network disabled")
        socket.socket.connect = socket.socket.connect_ex = refuse
        socket.create_connection = socket.getaddrinfo = socket.gethostbyname = refuse
        sys.argv = ["mcplint", "scan", sys.argv[1], "--format", "json", "--verbose"]
        from mcplint.cli import run
        run()
        """
    )
    done = subprocess.run([sys.executable, "-c", guard, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "NETWORK ATTEMPT" not in done.stderr
    assert json.loads(done.stdout)["findings"]
