"""The code stays clean: ruff and mypy (configured in pyproject.toml) report nothing, and kit imports no cycle."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the test extras (pip install -e '.[test]')")
    return found


def test_ruff_reports_nothing() -> None:
    result = subprocess.run([_tool("ruff"), "check", "kit", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_reports_nothing() -> None:
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _imported_modules(folder: Path) -> dict[str, set[str]]:
    """Return, per module file in ``folder``, the modules it imports (at any level)."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[path.name] = names
    return found


@pytest.mark.parametrize("forbidden", ["kit.store", "nicegui", "socketio"])
def test_core_imports_no_store_or_ui(forbidden: str) -> None:
    offenders = {
        name: sorted(m for m in modules if m == forbidden or m.startswith(forbidden + "."))
        for name, modules in _imported_modules(ROOT / "kit" / "core").items()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


@pytest.mark.parametrize("forbidden", ["nicegui", "socketio", "kit.ui", "kit.realtime", "kit.store"])
def test_application_imports_no_ui_or_store(forbidden: str) -> None:
    offenders = {
        name: sorted(m for m in modules if m == forbidden or m.startswith(forbidden + "."))
        for name, modules in _imported_modules(ROOT / "kit" / "application").items()
    }
    assert offenders
    assert {name: found for name, found in offenders.items() if found} == {}


def test_sqlite_store_has_every_store_method() -> None:
    from kit.core.store import Store
    from kit.store.sqlite import SqliteStore

    wanted = {name for name in vars(Store) if not name.startswith("_")}
    assert wanted <= set(dir(SqliteStore))


# The command line and the benchmark read files on behalf of grouping; everything else in it is pure.
_GROUPING_ENTRY_POINTS = {"cli.py", "bench.py"}


@pytest.mark.parametrize("forbidden", ["yaml", "pathlib", "os", "io", "csv", "kit.core", "kit.store", "nicegui"])
def test_grouping_imports_no_io(forbidden: str) -> None:
    offenders = {
        name: sorted(m for m in modules if m == forbidden or m.startswith(forbidden + "."))
        for name, modules in _imported_modules(ROOT / "kit" / "grouping").items()
        if name not in _GROUPING_ENTRY_POINTS
    }
    assert {name: found for name, found in offenders.items() if found} == {}


@pytest.mark.parametrize(
    "forbidden", ["yaml", "pathlib", "os", "io", "csv", "time", "random", "kit", "nicegui", "socketio", "matplotlib"]
)
def test_opinions_imports_no_io_nor_the_rest_of_the_kit(forbidden: str) -> None:
    offenders = {
        name: sorted(m for m in modules if m == forbidden or (m.startswith(forbidden + ".") and
                     not m.startswith("kit.opinions")))
        for name, modules in _imported_modules(ROOT / "kit" / "opinions").items()
    }
    assert offenders
    assert {name: found for name, found in offenders.items() if found} == {}


def _kit_import_graph() -> dict[str, set[str]]:
    """Return, per kit module, the kit modules it imports by name (type-only and function-level imports too).

    ``from kit.core import board_ops`` counts as importing ``kit.core.board_ops`` when that is a module,
    else the package ``kit.core``; a parent package imported only on the way to a submodule does not count.
    """
    modules: dict[str, Path] = {}
    for path in sorted((ROOT / "kit").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names if alias.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module in modules and node.level == 0:
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    edges.add(submodule if submodule in modules else node.module)
        graph[name] = edges - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_kit_modules_import_no_cycle() -> None:
    assert _cycles(_kit_import_graph()) == []


def test_cycle_check_finds_a_type_only_circle() -> None:
    graph = _kit_import_graph()
    assert "kit.core.boards" in graph["kit.core.engine"]
    graph["kit.core.boards"] = graph["kit.core.boards"] | {"kit.core.engine"}
    assert _cycles(graph) == [["kit.core.boards", "kit.core.engine"]]
