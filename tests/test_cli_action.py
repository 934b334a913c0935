"""The GitHub Action and the documented snippets: user args never break the SARIF upload, one scan
pass writes both the SARIF report and the log report, ``format: sarif`` is refused clearly, and
every snippet pins one real-looking full-semver tag (the package's own version)."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import secret
from test_action import ACTION, CHECKOUT, DOCS, REUSABLE, load, run_scan_step, runner_env  # noqa: F401

VERSION = re.search(r'^version = "([^"]+)"', (CHECKOUT / "pyproject.toml").read_text(), re.M).group(1)
TAG = f"v{VERSION}"
SEMVER_TAG = re.compile(r"v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


def leaking_workspace(tmp_path: Path, severity_rule: str = "MCP001") -> Path:
    workspace = tmp_path / "workspace"
    config = {"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret("github-pat")}}}}
    (workspace / ".mcp.json").write_text(json.dumps(config))
    (workspace / ".mcp.json").chmod(0o600)
    return workspace


@pytest.fixture
def counted(runner_env: dict[str, str], tmp_path: Path) -> tuple[dict[str, str], Path]:  # noqa: F811
    """The runner environment with an `mcplint` that logs each run before running the real one."""
    shim_dir, log = tmp_path / "shim", tmp_path / "runs.log"
    shim_dir.mkdir()
    real = Path(runner_env["MCPLINT_BIN"])
    shim = shim_dir / "mcplint"
    shim.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{real / "mcplint"}" "$@"\n')
    shim.chmod(0o755)
    (shim_dir / "python").symlink_to(sys.executable)
    return {**runner_env, "MCPLINT_BIN": str(shim_dir)}, log


@pytest.mark.parametrize("args", ["--fail-on error", "--fail-on note --format text", "--output elsewhere.txt"])
def test_user_args_never_break_the_sarif_upload(runner_env: dict[str, str], tmp_path: Path, args: str) -> None:  # noqa: F811
    workspace = leaking_workspace(tmp_path)
    result, outputs = run_scan_step(runner_env, workspace, args=args)
    assert result.returncode == 1, result.stderr
    assert outputs["exit-code"] == "1" and outputs["findings"] == "1"
    sarif = json.loads(Path(outputs["sarif-file"]).read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["MCP001/env"]


def test_one_scan_pass_writes_sarif_and_annotations(counted: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    env, log = counted
    result, outputs = run_scan_step(env, leaking_workspace(tmp_path))
    assert result.returncode == 1, result.stderr
    assert log.read_text().count("run") == 1
    assert re.search(r"^::error file=\.mcp\.json,line=1,.*MCP001", result.stdout, re.MULTILINE)
    assert json.loads(Path(outputs["sarif-file"]).read_text())["runs"][0]["results"]


def test_format_sarif_is_refused_with_a_clear_message(counted: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    env, log = counted
    result, outputs = run_scan_step(env, leaking_workspace(tmp_path), format="sarif")
    assert result.returncode == 2
    assert "::error title=mcplint action::format: sarif" in result.stdout
    assert "sarif-file" in result.stdout  # says where the SARIF report goes instead
    assert not log.exists() and "sarif-file" not in outputs


def test_fail_on_input_still_decides_the_step(runner_env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    result, outputs = run_scan_step(runner_env, leaking_workspace(tmp_path), fail_on="never")
    assert result.returncode == 0 and outputs["findings"] == "1" and Path(outputs["sarif-file"]).is_file()


def test_usage_error_in_args_fails_the_step_without_a_report(runner_env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    result, outputs = run_scan_step(runner_env, leaking_workspace(tmp_path), args="--select FOO1")
    assert result.returncode == 2 and outputs["exit-code"] == "2" and "sarif-file" not in outputs


def test_reusable_workflow_names_a_real_repository_and_tag() -> None:
    text = REUSABLE.read_text()
    assert "OWNER" not in text
    [job] = load(REUSABLE)["jobs"].values()
    action_step = next(s for s in job["steps"] if s.get("id") == "mcplint")
    assert action_step["uses"] == f"mcplint/mcplint@{TAG}"


def test_every_readme_snippet_pins_the_same_full_semver_tag() -> None:
    text = DOCS.read_text()
    assert "OWNER" not in text
    refs = re.findall(r"mcplint/mcplint(?:/[\w./-]+)?@([\w.-]+)", text) + re.findall(r"^\s*rev:\s*(\S+)", text, re.M)
    assert len(refs) >= 4 and set(refs) == {TAG}, refs
    assert SEMVER_TAG.fullmatch(TAG)
    assert re.search(rf"[Pp]in .*`{re.escape(TAG)}`", text)  # the README says which tag to pin


def test_action_header_and_hooks_use_the_same_tag() -> None:
    for path in (ACTION, REUSABLE, CHECKOUT / ".pre-commit-hooks.yaml"):
        text = path.read_text()
        assert "OWNER" not in text and "<owner>" not in text and "@v0\n" not in text, path.name
        for ref in re.findall(r"mcplint/mcplint(?:/[\w./-]+)?@([\w.-]+)", text):
            assert ref == TAG, path.name


def test_package_version_is_the_documented_one() -> None:
    import mcplint

    assert mcplint.__version__ == VERSION
    assert os.path.exists(CHECKOUT / "CHANGELOG.md") and f"## {VERSION}" in (CHECKOUT / "CHANGELOG.md").read_text()
