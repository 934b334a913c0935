"""The pre-commit hook path stays light: what it imports, how often it asks git, and that its typer-free
fast path behaves exactly like ``mcplint scan`` through typer. No timings: module and process counts."""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git, make_repo, secret

# Everything of mcplint that `mcplint scan <JSON config>` may import (rule modules aside: the registry
# imports every mcpNNN module, so a new rule needs no entry here). A module added to this list is a
# cost every commit pays: import it lazily instead where you can.
HOOK_MODULE_BUDGET = frozenset({
    "mcplint", "mcplint.cli", "mcplint.cli.common", "mcplint.cli.scanning",
    "mcplint.detect", "mcplint.detect.detector", "mcplint.detect.filters", "mcplint.detect.patterns",
    "mcplint.detect.patterns_data", "mcplint.detect.urls", "mcplint.detect.hosts",
    "mcplint.discover", "mcplint.discover.git", "mcplint.discover.tree",
    "mcplint.model", "mcplint.names", "mcplint.names.env",
    "mcplint.parse", "mcplint.parse.document", "mcplint.parse.jsonc",
    "mcplint.pipeline",
    "mcplint.recognise", "mcplint.recognise.builder", "mcplint.recognise.client_files",
    "mcplint.recognise.clients", "mcplint.recognise.client_table", "mcplint.recognise.deploy", "mcplint.recognise.dotenv",
    "mcplint.recognise.manifests", "mcplint.recognise.recogniser", "mcplint.recognise.references",
    "mcplint.reporters", "mcplint.reporters.text",
    "mcplint.results", "mcplint.results.baseline", "mcplint.results.findings", "mcplint.results.redaction",
    "mcplint.results.suppress",
    "mcplint.rules", "mcplint.rules.base", "mcplint.rules.common", "mcplint.rules.envfiles",
    "mcplint.settings", "mcplint.settings.load", "mcplint.settings.schema", "mcplint.settings.values",
})
RULE_MODULE = re.compile(r"mcplint\.rules\.mcp\d{3}_\w+")
# Third-party packages the hook path never needs on a JSON config (typer alone is ~30 ms).
NOT_ON_THE_HOOK_PATH = ("typer", "click", "rich", "yaml", "detect_secrets", "pathspec", "pydantic")
# Standard-library packages it has no use for either.
STDLIB_NOT_ON_THE_HOOK_PATH = ("tomllib", "multiprocessing", "concurrent", "asyncio", "email", "http", "xml")

IMPORTS_AFTER_A_RUN = """
import json, sys
from mcplint.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as done:  # typer's path exits by itself
    code = done.code
print("")
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _project(tmp_path: Path, config: str = ".mcp.json", text: str | None = None) -> Path:
    body = text or json.dumps({"mcpServers": {"a": {"command": "npx", "env": {"API_KEY": "${API_KEY}"}}}})
    return make_repo(tmp_path / "repo", {
        config: body,
        ".env.example": "API_KEY=\n",
        "README.md": "# Project\n\nSet API_KEY.\n",
        "docs/setup.md": "Nothing here.\n",
    })


def _modules_after(repo: Path, *argv: str) -> tuple[int, set[str], str]:
    done = subprocess.run([sys.executable, "-c", IMPORTS_AFTER_A_RUN, *argv], cwd=repo, capture_output=True,
                          text=True, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"]), done.stdout


def _top(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_the_hook_path_imports_only_its_budget(tmp_path: Path) -> None:
    repo = _project(tmp_path)
    code, modules, out = _modules_after(repo, "scan", ".mcp.json")
    assert code == 0 and "No problems found; 1 file scanned." in out
    ours = {m for m in modules if m == "mcplint" or m.startswith("mcplint.")}
    over = sorted(m for m in ours - HOOK_MODULE_BUDGET if not RULE_MODULE.fullmatch(m))
    assert not over, f"the hook path now imports {over}: import them lazily or add them to the budget"
    assert any(RULE_MODULE.fullmatch(m) for m in ours)  # the rules did run
    assert not _top(modules) & set(NOT_ON_THE_HOOK_PATH)
    assert not _top(modules) & set(STDLIB_NOT_ON_THE_HOOK_PATH)


def test_parsers_are_imported_for_the_formats_present(tmp_path: Path) -> None:
    text = "extensions:\n  github:\n    cmd: npx\n    envs:\n      API_KEY: ${API_KEY}\n"
    repo = _project(tmp_path, config=".goose/config.yaml", text=text)
    _, on_yaml, _ = _modules_after(repo, "scan", ".goose/config.yaml")
    _, on_json, _ = _modules_after(repo, "scan", "README.md", ".env.example")
    assert "mcplint.parse.yaml" in on_yaml and "yaml" in on_yaml
    assert "mcplint.parse.yaml" not in on_json and "yaml" not in on_json
    assert "mcplint.parse.dotenv" in on_json and "mcplint.parse.toml" not in on_json


def test_any_option_takes_the_typer_path(tmp_path: Path) -> None:
    repo = _project(tmp_path)
    _, modules, _ = _modules_after(repo, "scan", "--format", "json", ".mcp.json")
    assert "typer" in modules


def _git_processes(trace: Path) -> list[str]:
    lines = trace.read_text(encoding="utf-8").splitlines() if trace.exists() else []
    return [line.split("built-in: ", 1)[1] for line in lines if "trace: built-in: git " in line]


def test_the_hook_path_asks_git_for_the_top_level_and_one_index_listing(tmp_path: Path) -> None:
    """MCP012 needs the committed templates and docs here; the same listing answers it."""
    repo = _project(tmp_path)
    trace = tmp_path / "git-trace.txt"
    env_run = subprocess.run(
        [sys.executable, "-m", "mcplint", "scan", ".mcp.json"], cwd=repo, capture_output=True, text=True,
        env={**__import__("os").environ, "GIT_TRACE": str(trace)},
    )
    assert env_run.returncode == 0, env_run.stderr
    processes = _git_processes(trace)
    assert len(processes) == 2, processes  # started together, so in either order
    assert sorted(p.split()[1] for p in processes) == ["ls-files", "rev-parse"], processes


def test_an_undocumented_variable_is_still_found_through_the_listing(tmp_path: Path) -> None:
    body = json.dumps({"mcpServers": {"a": {"command": "npx", "env": {"OTHER_TOKEN": "${OTHER_TOKEN}"}}}})
    repo = _project(tmp_path, text=body)
    done = subprocess.run([sys.executable, "-m", "mcplint", "scan", "--fail-on", "note", ".mcp.json"], cwd=repo,
                          capture_output=True, text=True)
    assert "MCP012" in done.stdout and done.returncode == 1


# -- the fast path prints what typer's path prints --------------------------------------------------


def _both_paths(repo: Path, *paths: str) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    fast = subprocess.run([sys.executable, "-m", "mcplint", "scan", *paths], cwd=repo, capture_output=True, text=True)
    # "--" ends the options: the same command line, parsed by typer.
    full = subprocess.run([sys.executable, "-m", "mcplint", "scan", "--", *paths], cwd=repo, capture_output=True,
                          text=True)
    return fast, full


@pytest.mark.parametrize(
    "files, paths",
    [
        ({".mcp.json": '{"mcpServers": {"a": {"command": "npx"}}}'}, [".mcp.json"]),
        ({".mcp.json": '{"mcpServers": {"a": {"command": "npx", "env": {"GITHUB_TOKEN": "<github-pat>"}}}}'},
         [".mcp.json"]),
        ({".env": "OPENAI_API_KEY=<openai-project-key>\n"}, [".env"]),
        ({".mcp.json": '{"mcpServers": {'}, [".mcp.json"]),
        ({".mcp.json": "{}", ".mcplint.yaml": "unknown-key: 1\n"}, [".mcp.json"]),
        ({".mcp.json": "{}", ".mcplint.yaml": "fail-on: never\n"}, [".mcp.json"]),
        ({".mcp.json": "{}"}, ["missing.json"]),
        ({"a/.mcp.json": '{"mcpServers": {"a": {"url": "https://u:p4ssw0rd-Xy9@h.example/mcp"}}}'}, ["a"]),
        ({".mcp.json": "{}"}, []),
    ],
)
def test_the_fast_path_matches_typer(tmp_path: Path, files: dict[str, str], paths: list[str]) -> None:
    def filled(text: str) -> str:
        return re.sub(r"<([a-z0-9-]+)>", lambda m: secret(m.group(1)), text)

    repo = make_repo(tmp_path / "repo", {rel: filled(text) for rel, text in files.items()})
    fast, full = _both_paths(repo, *paths)
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    assert fast.returncode in (0, 1, 2)


# -- lazy command registration -----------------------------------------------------------------------


def test_every_command_module_registers_the_command_it_is_named_after() -> None:
    from mcplint.cli import COMMANDS, build_app

    for name in COMMANDS:
        application = build_app([name])
        names = {c.name or (c.callback.__name__ if c.callback else "") for c in application.registered_commands}
        names |= {g.name or "" for g in application.registered_groups}
        assert name in {n.replace("_", "-") for n in names} | names, (name, names)


def test_every_module_with_a_command_is_listed() -> None:
    """A command module left out of ``COMMANDS`` would be missing from ``--help`` and the fast dispatch."""
    import importlib
    import pkgutil

    import mcplint.cli
    from mcplint.cli import COMMANDS

    registering = {
        info.name for info in pkgutil.iter_modules(mcplint.cli.__path__)
        if hasattr(importlib.import_module(f"mcplint.cli.{info.name}"), "register")
    }
    assert registering == set(COMMANDS)


def test_help_lists_every_command(tmp_path: Path) -> None:
    from mcplint.cli import COMMANDS

    done = subprocess.run([sys.executable, "-m", "mcplint", "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0
    for name in COMMANDS:
        assert name in done.stdout


def test_the_app_attribute_has_every_command() -> None:
    import mcplint.cli
    from mcplint.cli import COMMANDS, build_app

    def registered(application) -> set[str]:  # noqa: ANN001
        commands = {c.callback.__name__ for c in application.registered_commands if c.callback}
        return commands | {g.name for g in application.registered_groups if g.name}

    each = set().union(*(registered(build_app([name])) for name in COMMANDS))
    assert registered(mcplint.cli.app) == each and len(each) >= len(COMMANDS)


# -- Repo.tracked_matching from the one listing ------------------------------------------------------


NAMES = ["README.md", "docs/Guide.MD", "a/docs/x.txt", "sub/.env.example", "x/ENV.sample", "mydocs/n.md",
         "src/main.py", "Setup.cfg", "getting-started.md", "getting_started/a.rst", "ü/readme", "b.py",
         "[odd]/README", "nested/deep/CONTRIBUTING.rst", "envoy.yaml"]


@pytest.mark.parametrize("names", [NAMES, [*NAMES, "Ä/İnstall.txt"]], ids=["ascii-lowercase", "lowercase-grows"])
def test_tracked_matching_equals_matching_every_tracked_file(tmp_path: Path, names: list[str]) -> None:
    """The same answer as fnmatch on every entry, also when lower-casing changes the listing's length."""
    from mcplint.discover.git import Repo

    repo_root = make_repo(tmp_path / "repo", {name: "x\n" for name in names})
    globs = ["**/*env*", "**/readme*", "**/contributing*", "**/setup*", "**/install*", "**/configuration*",
             "**/getting?started*", "**/docs/**", "**/doc/**", "**/[xyz]*.py"]
    tracked = set(git(repo_root, "-c", "core.quotepath=off", "ls-files").splitlines())
    patterns = [glob.lower().replace("**/", "*") for glob in globs]
    expected = sorted(rel for rel in tracked if any(fnmatch.fnmatch(rel.lower(), p) for p in patterns))
    repo = Repo.find(repo_root)
    assert repo is not None
    assert repo.tracked_matching(globs) == expected
    assert "docs/Guide.MD" in expected and "src/main.py" not in expected
    for name in names:
        assert repo.is_tracked(name)
    assert not repo.is_tracked("not/there.json")
