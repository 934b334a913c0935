"""History scans (``mcplint scan --history``) and pull-request scans (``--since``) on real git repositories."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git, make_repo, write_tree
from conftest import secret as pattern_secret

from mcplint.history.scan import BlobReader, HistoryError, scan_history
from mcplint.settings.values import Settings

SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


def mcp_config(token: str | None, *, extra_server: bool = False) -> str:
    """A Claude Code ``.mcp.json`` with the token literal (or a reference when None)."""
    value = token if token is not None else "${GITHUB_TOKEN}"
    servers = {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                          "env": {"GITHUB_TOKEN": value}}}
    if extra_server:
        servers["fetch"] = {"command": "uvx", "args": ["mcp-server-fetch"]}
    return json.dumps({"mcpServers": servers}, indent=2) + "\n"


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


TOKEN_LINE = line_of(mcp_config("TOKEN"), "TOKEN")


def commit(repo: Path, files: dict[str, str] | None = None, message: str = "change", remove: tuple[str, ...] = ()) -> str:
    """Write ``files``, remove ``remove``, commit everything; the new commit's id."""
    if files:
        write_tree(repo, files)
    for rel in remove:
        git(repo, "rm", "-q", "--", rel)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "--no-verify", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def history(repo: Path, *revisions: str, **options: object):  # noqa: ANN201
    return scan_history(repo, list(revisions), Settings(), **options)


def run_mcplint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line, as a user runs it (tracebacks would show on stderr)."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "mcplint", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def token() -> str:
    return pattern_secret("github-pat")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", {"README.md": "# project\n"})


def snapshot(git_dir: Path) -> dict[str, tuple[int, int]]:
    """Every file under a git directory with its size and modification time."""
    return {
        os.fspath(path.relative_to(git_dir)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in git_dir.rglob("*")
        if path.is_file()
    }


# -- history: attribution --------------------------------------------------------------------------


def test_secret_added_then_removed_is_found_at_the_commit_that_added_it(repo: Path, token: str) -> None:
    commit(repo, {".mcp.json": mcp_config(None)}, "add config")
    added = commit(repo, {".mcp.json": mcp_config(token)}, "paste the token")
    commit(repo, {".mcp.json": mcp_config(token, extra_server=True)}, "add a server")
    commit(repo, {".mcp.json": mcp_config(None, extra_server=True)}, "use a reference")

    found = history(repo)

    assert [(f.rule_id, f.path) for f in found.findings] == [("MCP001", ".mcp.json")]
    info = found.findings[0].commit
    assert info is not None
    assert info.sha == added
    assert info.author_name == "mcplint tests" and info.author_email == "tests@example.invalid"
    assert info.date.startswith("2024-01-01")
    assert info.later_commits == 1  # "add a server" still held it
    assert info.still_in_head is False
    assert found.findings[0].span.line == TOKEN_LINE
    assert token not in found.findings[0].snippet and token not in found.findings[0].message


def test_same_blob_in_50_commits_is_read_once_and_reported_once(repo: Path, token: str) -> None:
    first = commit(repo, {".mcp.json": mcp_config(token)}, "add config")
    for number in range(50):
        commit(repo, {"README.md": f"# project, take {number}\n"}, f"docs {number}")
    blob = git(repo, "rev-parse", "HEAD:.mcp.json").strip()
    # The same content going away and coming back is the same blob too.
    commit(repo, {".mcp.json": mcp_config(None)}, "reference")
    commit(repo, {".mcp.json": mcp_config(token)}, "revert the reference")
    reads: list[str] = []

    class CountingReader(BlobReader):
        def read(self, sha: str) -> bytes:
            reads.append(sha)
            return super().read(sha)

        def receive_blob(self, sha: str) -> bytes:
            reads.append(sha)
            return super().receive_blob(sha)

    found = history(repo, reader_factory=CountingReader)

    assert reads.count(blob) == 1
    assert len(reads) == len(set(reads))
    assert found.blobs_read == len(reads)
    assert len(found.findings) == 1
    info = found.findings[0].commit
    assert info is not None and info.sha == first
    assert info.later_commits == 51  # 50 docs commits and the revert, not the reference commit
    assert info.still_in_head is True


def test_exact_rename_keeps_the_first_commit(repo: Path, token: str) -> None:
    first = commit(repo, {"a/.mcp.json": mcp_config(token)}, "add config")
    (repo / "b").mkdir()
    git(repo, "mv", "a/.mcp.json", "b/.mcp.json")
    commit(repo, message="move it")
    commit(repo, {"b/.mcp.json": mcp_config(token, extra_server=True)}, "edit after the move")

    found = history(repo)

    assert len(found.findings) == 1
    finding = found.findings[0]
    assert finding.path == "a/.mcp.json"
    assert finding.commit is not None and finding.commit.sha == first
    assert finding.commit.later_commits == 2
    assert finding.commit.still_in_head is True


def test_a_rotated_secret_is_a_new_finding(repo: Path) -> None:
    old, new = pattern_secret("github-pat"), pattern_secret("github-pat")
    first = commit(repo, {".mcp.json": mcp_config(old)}, "old token")
    second = commit(repo, {".mcp.json": mcp_config(new)}, "rotate")

    found = history(repo)

    assert sorted((f.commit.sha, f.commit.still_in_head) for f in found.findings if f.commit) == sorted(
        [(first, False), (second, True)]
    )
    assert len({f.secret_hash for f in found.findings}) == 2


def test_merge_reports_the_branch_commit_not_the_merge(repo: Path, token: str) -> None:
    commit(repo, {".mcp.json": mcp_config(None)}, "config")
    git(repo, "checkout", "-q", "-b", "feature")
    on_branch = commit(repo, {".env": f"GITHUB_TOKEN={token}\n"}, "add a .env")
    commit(repo, {"notes.md": "feature notes\n"}, "feature notes")
    git(repo, "checkout", "-q", "main")
    commit(repo, {"README.md": "# main moved on\n"}, "main work")
    git(repo, "merge", "-q", "--no-ff", "--no-edit", "feature")
    after_merge = commit(repo, {"README.md": "# after the merge\n"}, "after")

    found = history(repo)

    assert [(f.rule_id, f.path) for f in found.findings] == [("MCP001", ".env")]
    info = found.findings[0].commit
    assert info is not None and info.sha == on_branch
    # feature notes, the merge and "after" hold it; "main work" never did.
    assert info.later_commits == 3
    assert info.still_in_head is True
    assert after_merge == git(repo, "rev-parse", "HEAD").strip()


def test_unmerged_branch_is_scanned_with_all_and_ranges_limit_the_commits(repo: Path, token: str) -> None:
    base = commit(repo, {".mcp.json": mcp_config(None)}, "config")
    git(repo, "checkout", "-q", "-b", "experiment")
    leaked = commit(repo, {".mcp.json": mcp_config(token)}, "try a token")
    git(repo, "checkout", "-q", "main")

    assert history(repo).findings == []
    everything = history(repo, "--all").findings
    assert [f.commit.sha for f in everything if f.commit] == [leaked]
    assert [f.commit.sha for f in history(repo, f"{base}..experiment").findings if f.commit] == [leaked]
    assert history(repo, f"{leaked}..main").findings == []


def test_working_tree_rules_are_skipped_in_history(repo: Path, token: str) -> None:
    commit(repo, {".env": f"GITHUB_TOKEN={token}\n"}, "commit a .env")

    codes = {f.rule_id for f in history(repo).findings}

    assert "MCP001" in codes
    assert codes.isdisjoint({"MCP003", "MCP004", "MCP011", "MCP012"})


# -- history: the command line and every output format ----------------------------------------------


def test_text_json_and_emails(repo: Path, token: str) -> None:
    added = commit(repo, {".mcp.json": mcp_config(token)}, "token")
    commit(repo, {".mcp.json": mcp_config(None)}, "reference")

    text = run_mcplint(repo, "scan", "--history")
    assert text.returncode == 1, text.stderr
    assert re.search(rf"^{added[:7]} 2024-01-01 \.mcp\.json:{TOKEN_LINE}:\d+: MCP001 \[error\]", text.stdout, re.MULTILINE)
    report = run_mcplint(repo, "scan", "--history", "-f", "json")
    (finding,) = json.loads(report.stdout)["findings"]
    assert finding["commit"] == {
        "sha": added, "author_name": "mcplint tests", "date": "2024-01-01T00:00:00+00:00",
        "still_in_head": False, "later_commits": 0,
    }
    with_emails = run_mcplint(repo, "scan", "--history", "-f", "json", "--show-emails")
    assert json.loads(with_emails.stdout)["findings"][0]["commit"]["author_email"] == "tests@example.invalid"
    for fmt in ("text", "json", "sarif", "github"):
        out = run_mcplint(repo, "scan", "--history", "-f", fmt)
        assert token not in out.stdout + out.stderr
        assert "tests@example.invalid" not in out.stdout + out.stderr


def test_sarif_history_results_validate_and_keep_their_fingerprints(repo: Path, token: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    added = commit(repo, {".mcp.json": mcp_config(token)}, "token")
    commit(repo, {".mcp.json": mcp_config(None)}, "reference")

    first = json.loads(run_mcplint(repo, "scan", "--history", "-f", "sarif").stdout)
    commit(repo, {"README.md": "# more\n"}, "unrelated")
    again = json.loads(run_mcplint(repo, "scan", "--history", "-f", "sarif").stdout)

    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(first)]
    assert not errors
    (result,) = first["runs"][0]["results"]
    assert result["properties"]["commit"] == added
    assert result["properties"]["commitAuthor"] == "mcplint tests"
    assert result["properties"]["commitDate"] == "2024-01-01T00:00:00+00:00"
    assert result["properties"]["stillInHead"] is False
    assert "commitAuthorEmail" not in result["properties"]
    assert again["runs"][0]["results"][0]["partialFingerprints"] == result["partialFingerprints"]


def test_github_annotates_only_what_head_still_holds(repo: Path, tmp_path: Path) -> None:
    gone, kept = pattern_secret("github-pat"), pattern_secret("github-pat")
    commit(repo, {"old/.mcp.json": mcp_config(gone)}, "gone later")
    commit(repo, {".mcp.json": mcp_config(kept)}, "still there")
    commit(repo, remove=("old/.mcp.json",), message="remove the old one")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": os.fspath(summary)}

    done = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", "--history", "-f", "github"],
        cwd=repo, capture_output=True, text=True, env=env, check=False,
    )

    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1 and "file=.mcp.json," in annotations[0]
    table = summary.read_text(encoding="utf-8")
    assert "old/.mcp.json" in table and f".mcp.json:{TOKEN_LINE}" in table


# -- bad input --------------------------------------------------------------------------------------


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mcplint: error: "), done.stderr
    return lines[0]


def test_unknown_revision_is_one_line(repo: Path) -> None:
    assert "unknown revision" in one_line_error(run_mcplint(repo, "scan", "--history", "no-such-branch"))
    assert "unknown revision" in one_line_error(run_mcplint(repo, "scan", "--since", "no-such-branch"))
    assert "not a revision range option" in one_line_error(run_mcplint(repo, "scan", "--history", "--", "--output=x"))
    assert not (repo / "x").exists()


def test_repository_without_commits(tmp_path: Path) -> None:
    empty = make_repo(tmp_path / "empty", {".mcp.json": mcp_config(None)}, commit=False)
    assert "no commits" in one_line_error(run_mcplint(empty, "scan", "--history"))


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    assert "not a git repository" in one_line_error(run_mcplint(tmp_path / "plain", "scan", "--history"))


def test_shallow_clone_says_what_is_missing_unless_allowed(repo: Path, tmp_path: Path, token: str) -> None:
    commit(repo, {".mcp.json": mcp_config(token)}, "token")
    commit(repo, {".mcp.json": mcp_config(None)}, "reference")
    commit(repo, {"README.md": "# three\n"}, "three")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), os.fspath(shallow))
    before = snapshot(shallow / ".git")

    message = one_line_error(run_mcplint(shallow, "scan", "--history"))

    assert "shallow clone" in message and "1 commit(s)" in message and "1 parent commit(s)" in message
    allowed = run_mcplint(shallow, "scan", "--history", "--allow-shallow")
    assert allowed.returncode == 0, allowed.stderr  # the token was removed before the one fetched commit
    assert snapshot(shallow / ".git") == before


def test_bare_repository_history_is_scanned_and_since_refused(repo: Path, tmp_path: Path, token: str) -> None:
    added = commit(repo, {".mcp.json": mcp_config(token)}, "token")
    commit(repo, {".mcp.json": mcp_config(None)}, "reference")
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", repo.as_uri(), os.fspath(bare))
    before = snapshot(bare)

    done = run_mcplint(bare, "scan", "--history", "-f", "json")

    assert done.returncode == 1, done.stderr
    assert [f["commit"]["sha"] for f in json.loads(done.stdout)["findings"]] == [added]
    assert "bare repository" in one_line_error(run_mcplint(bare, "scan", "--since", "HEAD~1"))
    assert snapshot(bare) == before


def test_corrupt_object_is_one_line_and_nothing_is_written(repo: Path, token: str) -> None:
    commit(repo, {".mcp.json": mcp_config(token)}, "token")
    blob = git(repo, "rev-parse", "HEAD:.mcp.json").strip()
    loose = repo / ".git" / "objects" / blob[:2] / blob[2:]
    loose.chmod(0o644)
    loose.write_bytes(b"not a zlib stream")
    before = snapshot(repo / ".git")

    message = one_line_error(run_mcplint(repo, "scan", "--history"))

    assert blob in message and "corrupt" in message
    assert snapshot(repo / ".git") == before


def test_history_error_from_the_library(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="not a git repository"):
        scan_history(tmp_path, [], Settings())


# -- pull requests: --since REF ---------------------------------------------------------------------


def sha256(value: str) -> str:
    import hashlib

    return hashlib.sha256(value.encode()).hexdigest()


def two_servers(first: str, second: str | None) -> str:
    """A config whose second server (added on its own lines) may hold a second token."""
    servers = {"legacy": {"command": "npx", "env": {"GITHUB_TOKEN": first}}}
    if second is not None:
        servers["github"] = {"command": "npx", "env": {"GITHUB_TOKEN": second}}
    return json.dumps({"mcpServers": servers}, indent=2) + "\n"


@pytest.fixture
def pull_request(repo: Path) -> dict[str, object]:
    """main with an accepted old token; a branch that adds tokens in every way a branch can."""
    tokens = {name: pattern_secret("github-pat") for name in ("old", "added_line", "new_file", "temporary",
                                                                "uncommitted", "main_only")}
    commit(repo, {".mcp.json": two_servers(tokens["old"], None)}, "main: config with an old token")
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {".mcp.json": two_servers(tokens["old"], tokens["added_line"])}, "add a server")
    commit(repo, {".cursor/mcp.json": mcp_config(tokens["new_file"])}, "cursor config")
    temporary = commit(repo, {".env": f"GITHUB_TOKEN={tokens['temporary']}\n"}, "oops")
    commit(repo, remove=(".env",), message="remove the .env")
    git(repo, "checkout", "-q", "main")
    commit(repo, {"tools/.mcp.json": mcp_config(tokens["main_only"])}, "main moves on")
    git(repo, "checkout", "-q", "feature")
    write_tree(repo, {"docs/.vscode/mcp.json": json.dumps(
        {"servers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": tokens["uncommitted"]}}}}
    )})
    return {"repo": repo, "tokens": tokens, "temporary": temporary}


def test_since_reports_only_what_the_branch_adds(pull_request: dict) -> None:
    from mcplint.history.since import scan_since

    repo, tokens = pull_request["repo"], pull_request["tokens"]

    result = scan_since(repo, "main", Settings())

    by_secret = {f.digest.sha256: f for f in result.findings if f.rule_id == "MCP001"}
    names = {name for name, value in tokens.items() if sha256(value) in by_secret}
    assert names == {"added_line", "new_file", "temporary", "uncommitted"}
    assert by_secret[sha256(tokens["added_line"])].commit is None  # still in the tree: reported once, there
    temporary = by_secret[sha256(tokens["temporary"])]
    assert temporary.commit is not None and temporary.commit.sha == pull_request["temporary"]
    assert temporary.commit.still_in_head is False


def test_since_on_the_command_line_and_a_clean_branch(pull_request: dict) -> None:
    repo = pull_request["repo"]
    done = run_mcplint(repo, "scan", "--since", "main", "-f", "json")
    assert done.returncode == 1, done.stderr
    assert len(json.loads(done.stdout)["findings"]) == 4
    (repo / "docs" / ".vscode" / "mcp.json").unlink()  # untracked: it would follow the checkout
    git(repo, "checkout", "-q", "-b", "clean", "main")
    clean = run_mcplint(repo, "scan", "--since", "main", "-f", "json")
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["findings"] == []


def test_pre_push_scans_the_pushed_range(pull_request: dict) -> None:
    repo = pull_request["repo"]
    base = git(repo, "merge-base", "main", "feature").strip()
    head = git(repo, "rev-parse", "feature").strip()
    env = {**os.environ, "PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": head}

    done = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", "--pre-push", "-f", "json"],
        cwd=repo, capture_output=True, text=True, env=env, check=False,
    )

    assert done.returncode == 1, done.stderr
    shas = sorted(f["commit"]["sha"][:7] for f in json.loads(done.stdout)["findings"])
    # the added line, the cursor config and the removed .env; not the old token main already had
    assert len(shas) == 3 and pull_request["temporary"][:7] in shas
    missing = run_mcplint(repo, "scan", "--pre-push")
    assert "PRE_COMMIT_TO_REF" in one_line_error(missing)


def test_action_uses_since_on_pull_requests(pull_request: dict, tmp_path: Path) -> None:
    import yaml

    repo = pull_request["repo"]
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "mcplint").exists():
        pytest.skip("needs the mcplint console script next to this Python (pip install -e .)")
    action = yaml.safe_load((Path(__file__).resolve().parent.parent / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "scan")
    (tmp_path / "runner").mkdir()
    output = tmp_path / "output"
    output.touch()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "MCPLINT_", "RUNNER_"))}
    env.update({
        "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "RUNNER_TEMP": str(tmp_path / "runner"), "MCPLINT_BIN": str(bin_dir), "MCPLINT_PATHS": ".",
        "MCPLINT_FORMAT": "json", "MCPLINT_FAIL_ON": "", "MCPLINT_ARGS": "", "MCPLINT_SARIF_FILE": "",
        "MCPLINT_CATEGORY": "mcplint", "MCPLINT_EVENT": "pull_request",
        "MCPLINT_BASE": git(repo, "rev-parse", "main").strip(),
    })

    done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False)

    assert done.returncode == 1, done.stderr
    assert len(json.loads(done.stdout)["findings"]) == 4  # not the old token, not main's own
    assert "findings=4" in output.read_text()
    env["MCPLINT_BASE"] = "1" * 40  # not fetched: the whole tree, with a warning
    whole = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
                           cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert "base commit not fetched" in whole.stdout


# -- baselines on history ---------------------------------------------------------------------------


def test_history_baseline_round_trip(repo: Path, tmp_path: Path) -> None:
    first, second, third = (pattern_secret("github-pat") for _ in range(3))
    commit(repo, {".mcp.json": mcp_config(first)}, "one")
    commit(repo, {".mcp.json": mcp_config(None), ".env": f"GITHUB_TOKEN={second}\n"}, "two")
    baseline_file = tmp_path / "history-baseline.json"

    made = run_mcplint(repo, "baseline", "--history", "-o", os.fspath(baseline_file))
    assert made.returncode == 0, made.stderr
    text = baseline_file.read_text(encoding="utf-8")
    assert first not in text and second not in text
    assert len(json.loads(text)["entries"]) == 2
    again = run_mcplint(repo, "scan", "--history", "--baseline", os.fspath(baseline_file), "-f", "json")
    assert again.returncode == 0, again.stdout + again.stderr
    assert json.loads(again.stdout)["findings"] == []

    commit(repo, {"README.md": "# unrelated\n"}, "unrelated")
    newest = commit(repo, {".cursor/mcp.json": mcp_config(third)}, "three")
    after = run_mcplint(repo, "scan", "--history", "--baseline", os.fspath(baseline_file), "-f", "json")

    assert after.returncode == 1
    (finding,) = json.loads(after.stdout)["findings"]
    assert finding["path"] == ".cursor/mcp.json" and finding["commit"]["sha"] == newest
    remade = run_mcplint(repo, "baseline", "--history", "-o", os.fspath(baseline_file))
    assert "1 added, 0 dropped" in remade.stderr


def test_history_baseline_defaults_to_the_repository_file_salted_like_any_baseline(repo: Path) -> None:
    """Without ``-o`` it writes ``.mcplint-baseline.json`` at the top level (as ``baseline`` does), in
    the salted format, and a second run keeps the salt: same bytes."""
    commit(repo, {".mcp.json": mcp_config(pattern_secret("github-pat"))}, "one")
    (repo / "sub").mkdir()
    made = run_mcplint(repo / "sub", "baseline", "--history")
    assert made.returncode == 0, made.stderr
    written = repo / ".mcplint-baseline.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["version"] == 2 and document["salt"] and len(document["entries"]) == 1
    before = written.read_bytes()
    assert run_mcplint(repo, "baseline", "--history").returncode == 0
    assert written.read_bytes() == before
    assert "Traceback" not in made.stderr
