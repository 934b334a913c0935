"""README accuracy: example outputs are what the commands print today, every option an example
uses exists, the configuration reference is generated from the settings schema, the JSON section
lists every key the JSON report has; LICENSE is the full Apache-2.0 text."""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git, write_tree

from mcplint.settings.schema import KEYS, reference_markdown
from mcplint.settings.values import Settings

CHECKOUT = Path(__file__).resolve().parent.parent
README = (CHECKOUT / "README.md").read_text(encoding="utf-8")
OUTPUT_BLOCK = re.compile(r"<!-- output: (?P<cmd>[^\n]*?) -->\n```text\n(?P<text>.*?)```", re.DOTALL)
# SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt
APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"


def mcplint(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "LANG": "C.UTF-8"}
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        import os

        env[name] = os.environ[name]
    return subprocess.run([sys.executable, "-m", "mcplint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.fixture
def checkout_like(tmp_path: Path) -> Path:
    """The examples of this checkout in a fresh git repository, as a clone has them."""
    shutil.copytree(CHECKOUT / "examples", tmp_path / "examples")
    write_tree(tmp_path, {"README.md": "x\n"})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    return tmp_path


def test_there_are_example_outputs() -> None:
    assert len(OUTPUT_BLOCK.findall(README)) >= 2


@pytest.mark.parametrize("cmd", [m.group("cmd") for m in OUTPUT_BLOCK.finditer(README)])
def test_example_output_is_what_the_command_prints(checkout_like: Path, cmd: str) -> None:
    expected = next(m.group("text") for m in OUTPUT_BLOCK.finditer(README) if m.group("cmd") == cmd)
    words = shlex.split(cmd)
    assert words[0] == "mcplint"
    done = mcplint(words[1:], checkout_like)
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout == expected


def commands_in_examples() -> list[list[str]]:
    """Every `mcplint <command> …` line in the README's sh and yaml blocks and inline code."""
    found = []
    for block in re.findall(r"```(?:sh|console|yaml)\n(.*?)```", README, re.DOTALL):
        for line in block.splitlines():
            line = line.split("#", 1)[0]
            for match in re.finditer(r"(?:^|[\s\"'])mcplint ((?:[a-z][\w-]*)(?: [^\"'&|;]*)?)", line):
                found.append(shlex.split(match.group(1)))
    for inline in re.findall(r"`mcplint ([a-z][^`]*)`", README):
        found.append(shlex.split(inline))
    return found


def test_every_option_in_an_example_exists(tmp_path: Path) -> None:
    commands = commands_in_examples()
    assert len(commands) >= 10
    helps: dict[str, str] = {}
    for words in commands:
        command = words[0]
        if command not in helps:
            done = mcplint([command, "--help"], tmp_path)
            assert done.returncode == 0, f"mcplint {command}: {done.stderr}"
            helps[command] = done.stdout
        for option in (w.split("=", 1)[0] for w in words[1:] if w.startswith("-")):
            assert re.search(rf"(^|[\s,]){re.escape(option)}([\s,=]|$)", helps[command], re.M), (command, option)


def test_configuration_reference_is_generated_from_the_schema() -> None:
    block = re.search(r"<!-- config-reference:start -->\n(.*?)<!-- config-reference:end -->", README, re.DOTALL)
    assert block and block.group(1) == reference_markdown(), "regenerate with mcplint.settings.schema.reference_markdown()"


def test_schema_lists_every_key_the_loader_reads() -> None:
    source = (CHECKOUT / "mcplint" / "settings" / "load.py").read_text()
    read = set(re.findall(r'"([a-z][a-z-]+)" in table', source)) | set(re.findall(r'\("([a-z-]+)", "[a-z_]+"\)', source))
    read |= {"select", "ignore"}  # read in a loop over both names
    assert read == {key.name for key in KEYS}
    defaults = Settings()
    documented = {key.name: key.default for key in KEYS}
    assert documented["fail-on"] == defaults.fail_on and documented["max-file-size"] == str(defaults.max_file_size)
    assert documented["follow-symlinks"] == str(defaults.follow_symlinks).lower()


def json_keys(data: dict) -> set[str]:
    keys = {key for key in data if not isinstance(data[key], (dict, list))} | {"tool"}
    keys |= {f"summary.{key}" for key in data["summary"]}
    keys |= {f"findings[].{key}" for finding in data["findings"] for key in finding}
    keys |= {f"diagnostics[].{key}" for diagnostic in data["diagnostics"] for key in diagnostic}
    return keys


def test_json_section_lists_every_key(checkout_like: Path) -> None:
    write_tree(checkout_like, {"broken/.mcp.json": '{"mcpServers": {,}'})
    data = json.loads(mcplint(["scan", "--format", "json"], checkout_like).stdout)
    assert data["findings"] and data["diagnostics"]
    section = README.split("<!-- json-schema -->", 1)[1].split("\n\n", 1)[0]
    documented = set()
    for cell in re.findall(r"^\| (`[^|]+`) \|", section, re.M):
        documented |= set(re.findall(r"`([^`]+)`", cell))
    assert documented == json_keys(data)


def test_license_is_the_full_apache_2_text() -> None:
    assert hashlib.sha256((CHECKOUT / "LICENSE").read_bytes()).hexdigest() == APACHE_2_SHA256
    assert 'license = "Apache-2.0"' in (CHECKOUT / "pyproject.toml").read_text()


def test_sdist_ships_license_and_changelog() -> None:
    include = re.search(r"\[tool\.hatch\.build\.targets\.sdist\]\ninclude = \[(.*?)\]", (CHECKOUT / "pyproject.toml").read_text())
    assert include and '"LICENSE"' in include.group(1) and '"CHANGELOG.md"' in include.group(1)
