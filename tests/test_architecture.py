"""The house plan holds: no import cycles, small modules and functions, the runtime apart from dev tools.

Imports are read from the source (every ``import``, also inside functions and under
``TYPE_CHECKING``), so a cycle hidden behind a lazy import still counts.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("index", "bot")
DEV_TOOLS = ("index.evaluation", "index.benchmark", "index.loopback")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def modules() -> dict[str, Path]:
    """Every module of the runtime packages and dev tools, by dotted name."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports (``from a import b`` counts ``a.b`` when it is a module)."""
    targets: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    return {t for t in targets if t in known and t != name}


def graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports."""
    found = modules()
    return {name: imported(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    """The checker itself: a -> b -> a is a cycle, a -> b -> c is not."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_cycles() -> None:
    """No two modules of index/ or bot/ import each other, directly or round a loop."""
    assert cycles(graph()) == []


def test_the_runtime_never_imports_the_dev_tools() -> None:
    """Only the console's eval and bench commands import the evaluation, benchmark and loopback-server code."""
    allowed = {"bot.console.eval_command", "bot.console.eval_scaled", "bot.console.bench_command"}
    offenders = sorted(
        f"{name} -> {target}"
        for name, targets in graph().items()
        if not name.startswith(DEV_TOOLS) and name not in allowed
        for target in targets if target.startswith(DEV_TOOLS)
    )
    assert offenders == []


def test_modules_are_small() -> None:
    """No module is over MAX_MODULE_LINES lines."""
    long = {name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Every function and method in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def is_numba_kernel(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Decorated with numba's ``njit``/``jit`` (kernels are written as one loop on purpose)."""
    names = {ast.unparse(d).split("(")[0].rsplit(".", 1)[-1] for d in function.decorator_list}
    return bool(names & {"njit", "jit"})


def test_functions_are_short() -> None:
    """No function outside numba kernels is over MAX_FUNCTION_LINES lines."""
    long = sorted(
        f"{name}.{f.name}: {f.end_lineno - f.lineno + 1}"
        for name, path in modules().items()
        for f in functions(ast.parse(path.read_text()))
        if f.end_lineno is not None and f.end_lineno - f.lineno + 1 > MAX_FUNCTION_LINES and not is_numba_kernel(f)
    )
    assert long == []
