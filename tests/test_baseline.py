"""Baselines: `mcplint baseline`, `scan --baseline`, zero churn, detect-secrets baselines, dev-corpus round trip."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import string
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import secret
from shared_paths import CORPUS as SHARED_CORPUS
from shared_paths import requires_corpora
from typer.testing import CliRunner

from mcplint.cli import app
from mcplint.results import baseline

ALNUM = string.ascii_letters + string.digits
CORPUS = Path(os.environ.get("MCPLINT_DEV_CORPUS", SHARED_CORPUS / "dev")) / "repos"
CONFIG = ".mcplint.yaml"
runner = CliRunner()


def token() -> str:
    return secret("github-pat")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)  # isolated by conftest.py


def server_json(**env: str) -> str:
    servers = {name.lower(): {"command": "npx", "env": {name: value}} for name, value in env.items()}
    return json.dumps({"mcpServers": servers}, indent=2) + "\n"


def make_repo(root: Path, files: dict[str, str]) -> Path:
    """A git repository with ``files`` staged; its configuration runs MCP001 only (the corpus test runs all)."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    files = {CONFIG: "select: [MCP001]\n", **files}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    return root


def run_baseline(repo: Path, output: Path, *paths: Path) -> str:
    result = runner.invoke(app, ["baseline", *(str(p) for p in (paths or (repo,))), "--output", str(output)])
    assert result.exit_code == 0, result.output
    return output.read_text(encoding="utf-8")


def scan_json(repo: Path, *extra: str) -> tuple[int, list[dict]]:
    """`mcplint scan --format json`: exit code and findings."""
    result = runner.invoke(app, ["scan", str(repo), "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_baseline_file_is_sorted_stable_and_holds_no_secret(tmp_path: Path) -> None:
    secrets_used = [token(), token(), token()]
    repo = make_repo(
        tmp_path / "repo",
        {
            "b/.mcp.json": server_json(B_TOKEN=secrets_used[0]),
            "a/.mcp.json": server_json(A_TOKEN=secrets_used[1], Z_TOKEN=secrets_used[2]),
        },
    )
    out = tmp_path / "baseline.json"
    text = run_baseline(repo, out)
    data = json.loads(text)
    assert list(data) == ["version", "tool", "kdf", "salt", "entries"] and data["version"] == 2
    assert data["tool"] == "mcplint" and data["kdf"] == baseline.KDF
    entries = data["entries"]
    assert [e["path"] for e in entries] == ["a/.mcp.json", "a/.mcp.json", "b/.mcp.json"]
    assert all(list(e) == ["rule", "path", "fingerprint", "secret_hash"] for e in entries)
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["fingerprint"], e["secret_hash"] or ""))
    for used in secrets_used:
        for form in (
            used,
            used[4:20],
            hashlib.sha1(used.encode()).hexdigest(),
            hashlib.sha256(used.encode()).hexdigest(),
        ):
            assert form not in text
    assert "line" not in text and "generated" not in text and "time" not in text
    assert text.endswith("}\n") and run_baseline(repo, out) == text  # regenerate: same bytes


def test_scan_with_baseline_reports_only_new_and_survives_line_shifts(tmp_path: Path) -> None:
    old = token()
    repo = make_repo(tmp_path / "repo", {".mcp.json": server_json(OLD_TOKEN=old)})
    out = tmp_path / ".mcplint-baseline.json"
    first = run_baseline(repo, out)
    assert scan_json(repo)[0] == 1
    assert scan_json(repo, "--baseline", str(out)) == (0, [])

    # Lines move (the file is reformatted): still known, and the baseline does not churn.
    data = json.loads((repo / ".mcp.json").read_text())
    (repo / ".mcp.json").write_text("\n\n\n" + json.dumps(data, indent=8) + "\n")
    assert scan_json(repo, "--baseline", str(out)) == (0, [])
    assert run_baseline(repo, out) == first

    # A new secret is reported, alone; a fixed one drops out of the regenerated file.
    new = token()
    data["mcpServers"]["new"] = {"command": "npx", "env": {"NEW_TOKEN": new}}
    (repo / ".mcp.json").write_text(json.dumps(data, indent=2))
    code, findings = scan_json(repo, "--baseline", str(out))
    assert code == 1 and [("NEW_TOKEN" in f["message"]) for f in findings] == [True]
    del data["mcpServers"]["old_token"]
    (repo / ".mcp.json").write_text(json.dumps(data, indent=2))
    regenerated = json.loads(run_baseline(repo, out))["entries"]
    assert len(regenerated) == 1 and regenerated[0]["secret_hash"] not in first


def test_same_secret_moved_to_another_key_is_still_baselined(tmp_path: Path) -> None:
    secret = token()
    repo = make_repo(tmp_path / "repo", {".mcp.json": server_json(GITHUB_TOKEN=secret)})
    out = tmp_path / "b.json"
    run_baseline(repo, out)
    (repo / ".mcp.json").write_text(server_json(GH_TOKEN=secret))  # same secret, new anchor
    assert scan_json(repo, "--baseline", str(out)) == (0, [])


def test_regenerating_part_of_the_tree_keeps_other_entries(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo", {"a/.mcp.json": server_json(A_TOKEN=token()), "b/.mcp.json": server_json(B_TOKEN=token())}
    )
    out = tmp_path / "b.json"
    full = run_baseline(repo, out)
    (repo / "a" / ".mcp.json").write_text(server_json(A_TOKEN="${A_TOKEN}"))
    cwd = Path.cwd()
    os.chdir(repo)  # file arguments: paths are reported relative to the repository, as pre-commit passes them
    try:
        partial = json.loads(run_baseline(repo, out, Path("a/.mcp.json")))["entries"]
    finally:
        os.chdir(cwd)
    assert [e["path"] for e in partial] == ["b/.mcp.json"]
    assert partial == [e for e in json.loads(full)["entries"] if e["path"] == "b/.mcp.json"]


def test_detect_secrets_baseline_is_honoured(tmp_path: Path) -> None:
    audited, fresh = token(), token()
    repo = make_repo(tmp_path / "repo", {".mcp.json": server_json(AUDITED_TOKEN=audited, FRESH_TOKEN=fresh)})
    legacy = {
        "version": "1.5.0",
        "plugins_used": [{"name": "GitHubTokenDetector"}],
        "filters_used": [],
        "results": {
            ".mcp.json": [
                {
                    "type": "GitHub Token",
                    "filename": ".mcp.json",
                    "is_verified": False,
                    "line_number": 7,
                    "hashed_secret": hashlib.sha1(audited.encode()).hexdigest(),
                }
            ],
            "other.json": [
                {
                    "type": "GitHub Token",
                    "filename": "other.json",
                    "is_verified": False,
                    "line_number": 1,
                    "hashed_secret": hashlib.sha1(fresh.encode()).hexdigest(),
                }
            ],
        },
        "generated_at": "2024-01-01T00:00:00Z",
    }
    path = tmp_path / ".secrets.baseline"
    path.write_text(json.dumps(legacy))
    code, findings = scan_json(repo, "--baseline", str(path))
    assert code == 1 and ["FRESH_TOKEN" in f["message"] for f in findings] == [True]  # other file's hash: no match


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such baseline file"),
        ("{not json", "not valid JSON"),
        ('{"tool": "mcplint", "version": 99, "entries": []}', "unsupported baseline version"),
        ('{"something": "else"}', "not an mcplint or detect-secrets baseline"),
    ],
)
def test_unreadable_baseline_is_a_usage_error(tmp_path: Path, content: str | None, message: str) -> None:
    repo = make_repo(tmp_path / "repo", {".mcp.json": server_json(A_TOKEN=token())})
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content)
    result = runner.invoke(app, ["scan", str(repo), "--baseline", str(path)])
    assert result.exit_code == 2 and message in result.stderr


def test_baseline_from_configuration_is_relative_to_the_config_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"sub/.mcp.json": server_json(A_TOKEN=token())})
    run_baseline(repo, repo / "known.json")
    (repo / CONFIG).write_text("select: [MCP001]\nbaseline: known.json\n")
    cwd = Path.cwd()
    os.chdir(tmp_path)  # the baseline is found relative to the configuration, not the working directory
    try:
        assert scan_json(Path("repo")) == (0, [])
    finally:
        os.chdir(cwd)


# --- the dev corpus round trip ---------------------------------------------------------------


def prepare_corpus_repo(src: Path, dst: Path) -> Path:
    """Copy a corpus repository and make it a git repository, as shared/tools/score.py does."""
    shutil.copytree(src, dst, symlinks=True)
    for directory, _, names in os.walk(dst):
        os.chmod(directory, stat.S_IRWXU)
        for name in names:
            os.chmod(Path(directory) / name, stat.S_IRUSR | stat.S_IWUSR)
        if "_gitignore" in names:
            os.rename(Path(directory) / "_gitignore", Path(directory) / ".gitignore")
    spec_file = dst / "_git.json"
    spec = json.loads(spec_file.read_text()) if spec_file.exists() else {}
    spec_file.unlink(missing_ok=True)
    git(dst, "init", "-q")
    git(dst, "add", "-A")
    for rel in spec.get("force_add", []):
        git(dst, "add", "-f", "--", rel)
    for rel in spec.get("untracked", []):
        git(dst, "rm", "-q", "--cached", "--ignore-unmatch", "--", rel)
    git(
        dst,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@invalid",
        "commit",
        "-q",
        "--no-verify",
        "--allow-empty",
        "-m",
        "x",
    )
    return dst


@requires_corpora(CORPUS, "the dev corpus")
def test_dev_corpus_round_trip(tmp_path: Path) -> None:
    repos = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    assert len(repos) >= 40
    total_entries = 0
    for src in repos:
        repo = prepare_corpus_repo(src, tmp_path / src.name)
        out = tmp_path / f"{src.name}.baseline.json"
        before = run_baseline(repo, out)
        total_entries += len(json.loads(before)["entries"])
        if any(e["rule"] == "MCP007" for e in json.loads(before)["entries"]):
            # secret reuse compares values with a per-process key: the file must not depend on it
            # (regenerated over a copy, so it keeps the salt: every entry is computed afresh)
            again = tmp_path / f"{src.name}.again.json"
            again.write_text(before)
            subprocess.run(
                [sys.executable, "-m", "mcplint", "baseline", str(repo), "--output", str(again)],
                check=True,
                capture_output=True,
            )
            assert again.read_text() == before, src.name
        assert scan_json(repo, "--baseline", str(out), "--fail-on", "note") == (0, []), src.name

        added = repo / "mcplint-roundtrip" / ".mcp.json"
        added.parent.mkdir()
        added.write_text(server_json(ROUNDTRIP_TOKEN=token()))
        added.chmod(0o600)  # only the secret is new, not a readable-by-others file (MCP011)
        git(repo, "add", "-f", "--", "mcplint-roundtrip/.mcp.json")
        code, findings = scan_json(repo, "--baseline", str(out), "--fail-on", "note")
        assert len(findings) == 1 and findings[0]["path"] == "mcplint-roundtrip/.mcp.json", src.name

        after = run_baseline(repo, out)
        new_entries = json.loads(after)["entries"]
        extra = [e for e in new_entries if e["path"] == "mcplint-roundtrip/.mcp.json"]
        assert len(extra) == 1, src.name
        rest = [e for e in new_entries if e not in extra]
        # byte-identical except that entry: without it, the regenerated file is the old one
        assert (
            baseline.dumps((baseline.Entry(e["path"], e["rule"], e["fingerprint"], e["secret_hash"]) for e in rest),
                           json.loads(before)["salt"])
            == before
        )
    assert total_entries > 40  # the corpus has findings in most repositories
