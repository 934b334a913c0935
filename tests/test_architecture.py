"""The package's shape: the import graph of ``mcplint/`` has no cycles, and stages keep to their job.

The graph is read with ``ast`` from the source, function-level imports included (a cycle held
together by an import inside a function is still a cycle); imports under ``if TYPE_CHECKING:``
are left out, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mcplint"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                yield from _runtime_imports(child)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _runtime_imports(node)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The ``mcplint`` modules a file imports at run time (``from a import b`` counts ``a.b`` if a module)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    known = {module_name(path) for path in files}
    graph = {module_name(path): imported_modules(path, known) for path in files}
    # The rule registry imports every rule module by name (importlib), which ast does not see.
    graph["mcplint.rules"] |= {name for name in known if name.startswith("mcplint.rules.mcp")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _is_package_parent(importer: str, imported: str) -> bool:
    """A module importing its own package's ``__init__`` (``a.b`` → ``a``): Python runs it first anyway."""
    return importer.startswith(imported + ".")


def package_cycles() -> list[list[str]]:
    graph = {name: {t for t in targets if not _is_package_parent(name, t)} for name, targets in import_graph().items()}
    return cycles(graph)


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_function_level_imports_and_skips_type_checking(tmp_path: Path) -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from mcplint import model\n"
        "def f():\n    from mcplint.rules import base\n"
    )
    path = PACKAGE / "_probe_for_test.py"
    try:
        path.write_text(source)
        known = {"mcplint", "mcplint.model", "mcplint.rules", "mcplint.rules.base", "mcplint._probe_for_test"}
        assert imported_modules(path, known) == {"mcplint.rules.base"}
    finally:
        path.unlink()


def test_no_import_cycles_in_the_package() -> None:
    assert package_cycles() == []


# Stages read only what the stage before them hands on.
FORBIDDEN = {
    # Rules read the MCP model, never the parse tree (only positions and scalars through the model).
    "mcplint.rules": {"mcplint.parse.jsonc", "mcplint.parse.yaml", "mcplint.parse.toml", "mcplint.parse.dotenv"},
    # Reporters format findings; they never detect or recognise.
    "mcplint.reporters": {"mcplint.detect", "mcplint.recognise", "mcplint.rules", "mcplint.parse"},
    # Nothing below the CLI imports it.
    "mcplint.detect": {"mcplint.cli", "mcplint.rules", "mcplint.reporters", "mcplint.recognise"},
    "mcplint.parse": {"mcplint.cli", "mcplint.rules", "mcplint.reporters", "mcplint.recognise", "mcplint.detect"},
}


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_stages_import_only_what_comes_before_them(stage: str) -> None:
    graph = import_graph()
    offending = sorted(
        f"{importer} -> {imported}"
        for importer, targets in graph.items()
        if importer == stage or importer.startswith(stage + ".")
        for imported in targets
        if any(imported == banned or imported.startswith(banned + ".") for banned in FORBIDDEN[stage])
    )
    assert offending == []


def test_commands_never_import_the_cli_package() -> None:
    graph = import_graph()
    offending = sorted(name for name, targets in graph.items() if name.startswith("mcplint.cli.") and "mcplint.cli" in targets)
    assert offending == []
