"""The wheel ships the pattern data, and an installed mcplint finds it from any directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_ships_rules_and_scans_from_elsewhere(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("mcplint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("mcplint/detect/providers/") and n.endswith(".yaml"))
    assert shipped == sorted(f"mcplint/detect/providers/{p.name}" for p in (REPO / "mcplint" / "detect" / "providers").glob("*.yaml"))

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    project = tmp_path / "elsewhere"
    shutil.copytree(REPO / "examples" / "demo", project)
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", ".", "--format", "json"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert '"rule_id": "MCP001"' in done.stdout
    probe = subprocess.run(
        [sys.executable, "-c", "import mcplint; print(mcplint.__file__)"],
        cwd=project, env=env, capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip().startswith(str(site))


def test_every_rule_module_is_registered_once_with_matching_code() -> None:
    from mcplint.rules import RULES

    modules = sorted(p.stem for p in (REPO / "mcplint" / "rules").glob("mcp[0-9][0-9][0-9]_*.py"))
    assert [f"MCP{name[3:6]}" for name in modules] == sorted(RULES)
    for name in modules:
        rule = RULES[f"MCP{name[3:6]}"]
        assert name == f"mcp{rule.code[3:]}_{rule.name.replace('-', '_')}"
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert section in rule.doc, (rule.code, section)
