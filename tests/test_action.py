"""The composite action, the reusable workflow and the documented workflows.

Structure is checked by parsing the YAML; the action's scan script is also run for real with bash
in a simulated runner (GITHUB_OUTPUT, RUNNER_TEMP, GITHUB_STEP_SUMMARY), against this venv's
mcplint, and its SARIF is validated against the vendored 2.1.0 schema.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import secret

import mcplint

CHECKOUT = Path(__file__).resolve().parent.parent
ACTION = CHECKOUT / "action.yml"
REUSABLE = CHECKOUT / ".github" / "workflows" / "mcplint-reusable.yml"
DOCS = CHECKOUT / "README.md"
SARIF_SCHEMA = CHECKOUT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
ALNUM = string.ascii_letters + string.digits
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load(path: Path) -> dict:
    # YAML 1.1 reads a bare `on:` key as True; GitHub reads it as "on".
    data = yaml.safe_load(path.read_text())
    if True in data:
        data["on"] = data.pop(True)
    return data


def snippet(name: str) -> str:
    """A fenced block of README.md, marked by `<!-- snippet: NAME -->`."""
    match = re.search(rf"<!-- snippet: {re.escape(name)} -->\n```[a-z]*\n(.*?)```", DOCS.read_text(), re.DOTALL)
    assert match, f"snippet {name} missing from {DOCS.name}"
    return match.group(1)


def snippet_yaml(name: str) -> dict:
    data = yaml.safe_load(snippet(name))
    if True in data:
        data["on"] = data.pop(True)
    return data


def run_steps(steps: list[dict]) -> list[dict]:
    return [step for step in steps if "run" in step]


# --- action.yml structure ---------------------------------------------------------------------


def test_action_is_composite_with_the_documented_inputs_and_outputs() -> None:
    action = load(ACTION)
    assert action["runs"]["using"] == "composite" and action["name"] == "mcplint"
    assert {"paths", "format", "fail-on", "args", "sarif-file", "category"} <= set(action["inputs"])
    for name, spec in action["inputs"].items():
        assert re.fullmatch(r"[a-z][a-z0-9-]*", name) and spec["description"] and "default" in spec
    assert {"sarif-file", "findings", "exit-code"} <= set(action["outputs"])


def test_every_run_step_has_a_shell_and_no_interpolated_expression() -> None:
    steps = load(ACTION)["runs"]["steps"]
    assert run_steps(steps)
    for step in run_steps(steps):
        assert step.get("shell") == "bash", step.get("name")
        assert "${{" not in step["run"], f"expression inside run: {step.get('name')}"
    raw = ACTION.read_text()
    run_texts = [step["run"] for step in run_steps(steps)]
    assert not any("${{ inputs." in text for text in run_texts)
    # every input reaches a script, and only through env:
    env_values = " ".join(str(v) for step in steps for v in (step.get("env") or {}).values())
    for name in load(ACTION)["inputs"]:
        assert f"inputs.{name}" in env_values, name
    assert raw.count("${{ inputs.") == env_values.count("inputs.")


def test_outputs_reference_real_step_ids() -> None:
    action = load(ACTION)
    ids = {step.get("id") for step in action["runs"]["steps"]}
    for name, spec in action["outputs"].items():
        [expression] = EXPRESSION.findall(spec["value"])
        step_id, output = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression).groups()
        assert step_id in ids, name
        producer = next(s for s in action["runs"]["steps"] if s.get("id") == step_id)
        assert f"{output}=" in producer["run"], f"step {step_id} never writes {output}"


def test_install_step_installs_the_action_checkout_itself() -> None:
    install = load(ACTION)["runs"]["steps"][0]
    assert '"$GITHUB_ACTION_PATH"' in install["run"] and "pip install" in install["run"]


# --- the scan script, run for real ------------------------------------------------------------


def token() -> str:
    return secret("github-pat")


@pytest.fixture
def runner_env(tmp_path: Path) -> dict[str, str]:
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "mcplint").exists() or shutil.which("bash") is None:
        pytest.skip("needs bash and the mcplint console script next to this Python (pip install -e .)")
    for name in ("runner-temp", "workspace"):
        (tmp_path / name).mkdir()
    (tmp_path / "output").touch()
    (tmp_path / "summary.md").touch()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "MCPLINT_", "RUNNER_"))}
    env.update(
        {
            "GITHUB_OUTPUT": str(tmp_path / "output"),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
            "RUNNER_TEMP": str(tmp_path / "runner-temp"),
            "MCPLINT_BIN": str(bin_dir),
            # the action's input defaults
            "MCPLINT_PATHS": ".",
            "MCPLINT_FORMAT": "github",
            "MCPLINT_FAIL_ON": "",
            "MCPLINT_ARGS": "",
            "MCPLINT_SARIF_FILE": "",
            "MCPLINT_CATEGORY": "mcplint",
        }
    )
    return env


def run_scan_step(env: dict[str, str], workspace: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    """The `scan` step's script as the runner would run it: bash, working directory = workspace."""
    step = next(s for s in load(ACTION)["runs"]["steps"] if s.get("id") == "scan")
    for variable in step["env"].values():
        assert EXPRESSION.fullmatch(variable)
    env = {**env, **{f"MCPLINT_{k.upper()}": v for k, v in inputs.items()}}
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    outputs = dict(line.split("=", 1) for line in Path(env["GITHUB_OUTPUT"]).read_text().splitlines() if "=" in line)
    Path(env["GITHUB_OUTPUT"]).write_text("")
    return result, outputs


def test_scan_step_writes_sarif_annotations_and_fails_on_findings(runner_env: dict[str, str], tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    workspace = tmp_path / "workspace"
    secret = token()
    (workspace / ".mcp.json").write_text(
        json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": secret}}}})
    )
    (workspace / ".mcp.json").chmod(0o600)

    result, outputs = run_scan_step(runner_env, workspace)
    assert result.returncode == 1, result.stderr
    assert outputs["exit-code"] == "1" and outputs["findings"] == "1"
    sarif_path = Path(outputs["sarif-file"])
    assert sarif_path == Path(runner_env["RUNNER_TEMP"]) / "mcplint.sarif"
    sarif = json.loads(sarif_path.read_text())
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    assert sarif["runs"][0]["automationDetails"]["id"] == "mcplint/"
    assert re.search(r"^::error file=\.mcp\.json,line=1,.*MCP001", result.stdout, re.MULTILINE)
    assert "MCP001" in Path(runner_env["GITHUB_STEP_SUMMARY"]).read_text()
    everything = (
        result.stdout + result.stderr + sarif_path.read_text() + Path(runner_env["GITHUB_STEP_SUMMARY"]).read_text()
    )
    assert secret not in everything


def test_scan_step_inputs(runner_env: dict[str, str], tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    (workspace / "a").mkdir()
    (workspace / "a" / ".mcp.json").write_text(
        json.dumps({"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": token()}}}})
    )
    (workspace / "a" / ".mcp.json").chmod(0o600)
    (workspace / "clean").mkdir()

    result, outputs = run_scan_step(
        runner_env, workspace, fail_on="never", format="json", sarif_file="out/r.sarif", category="secrets/mcp"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["findings"] == 1
    assert (
        json.loads((workspace / "out" / "r.sarif").read_text())["runs"][0]["automationDetails"]["id"] == "secrets/mcp/"
    )

    result, outputs = run_scan_step(runner_env, workspace, paths="clean")
    assert result.returncode == 0 and outputs["findings"] == "0"
    result, outputs = run_scan_step(runner_env, workspace, paths="a clean", args="--ignore MCP001")
    assert result.returncode == 0 and outputs["findings"] == "0"


def test_hostile_inputs_are_data_not_code(runner_env: dict[str, str], tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    marker = tmp_path / "pwned"
    result, _ = run_scan_step(
        runner_env, workspace, paths=f"$(touch {marker}) `touch {marker}`; touch {marker}", args=f"$(touch {marker})"
    )
    assert not marker.exists()
    assert result.returncode == 2  # not existing paths / unknown argument: a usage error


# --- the reusable workflow and the documented workflows -----------------------------------------


def check_upload(step: dict) -> None:
    assert step["uses"] == "github/codeql-action/upload-sarif@v4"
    assert step["with"]["category"] and "steps.mcplint.outputs.sarif-file" in step["with"]["sarif_file"]
    assert "!cancelled()" in step["if"]


def test_reusable_workflow() -> None:
    workflow = load(REUSABLE)
    assert set(workflow["on"]) == {"workflow_call"}
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["persist-credentials"] is False
    action_step = next(s for s in steps if s.get("id") == "mcplint")
    assert action_step["uses"].startswith("mcplint/mcplint@v")
    assert set(action_step["with"]) <= set(load(ACTION)["inputs"])
    check_upload(steps[-1])
    for step in run_steps(steps):
        assert "${{" not in step["run"]


def test_documented_code_scanning_workflow() -> None:
    workflow = snippet_yaml("workflow")
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    [job] = workflow["jobs"].values()
    action_step = next(s for s in job["steps"] if s.get("id") == "mcplint")
    assert action_step["uses"] == f"mcplint/mcplint@v{mcplint.__version__}"
    assert set(action_step.get("with", {})) <= set(load(ACTION)["inputs"])
    check_upload(job["steps"][-1])


@pytest.mark.parametrize("name", ["reusable-caller", "required-workflow"])
def test_documented_organisation_workflows_call_the_reusable_workflow(name: str) -> None:
    workflow = snippet_yaml(name)
    [job] = workflow["jobs"].values()
    assert job["uses"] == f"mcplint/mcplint/.github/workflows/mcplint-reusable.yml@v{mcplint.__version__}"
    assert REUSABLE.relative_to(CHECKOUT).as_posix() in job["uses"]
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    assert set(job.get("with", {})) <= set(load(REUSABLE)["on"]["workflow_call"]["inputs"])
    if name == "required-workflow":
        assert set(workflow["on"]) == {"pull_request", "merge_group"}  # the events rulesets run
