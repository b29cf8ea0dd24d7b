"""The package structure: no import cycle between the packages of `generator`, and every one of them
placed by an import-linter contract (pyproject.toml), so the layer diagram of ARCHITECTURE.md is
the whole truth and a new package cannot slip in outside it.

The graph is read from the source with `ast` (every import, lazy and TYPE_CHECKING ones included,
as import-linter counts them), not from what happens to be imported at run time.
"""

from __future__ import annotations

import ast
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"


def modules() -> dict[str, Path]:
    """Every module of the engine by dotted name. Folders without `__init__.py` are data, not code
    (`init/templates/hook.py` is a city repository's file, rendered by `peixun init`)."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        if any(not (ROOT / Path(*rel.parts[:i]) / "__init__.py").exists() for i in range(1, len(rel.parts))):
            continue
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The engine's modules that module `name` imports (a `from pkg import sub` names the submodule)."""
    known = set(known)
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def unit(module: str) -> str:
    """The package (or top-level module) a module belongs to: `generator.rules.calls` -> `generator.rules`."""
    return ".".join(module.split(".")[:2])


def package_graph() -> dict[str, set[str]]:
    mods = modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in mods.items():
        if name == "generator":
            continue  # the root only names its exports, imported on first use (import_module)
        graph[unit(name)]
        for target in imported(name, path, mods):
            if target != "generator" and unit(target) != unit(name):
                graph[unit(name)].add(unit(target))
    return dict(graph)


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def contracted() -> set[str]:
    """Every module or package an import-linter contract of pyproject.toml places."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names: set[str] = set()
    for contract in config["tool"]["importlinter"]["contracts"]:
        for layer in contract.get("layers", []):
            names.update(part.strip() for part in layer.replace(":", "|").split("|"))
        names.update(contract.get("source_modules", []))
    return names


def test_the_cycle_finder_finds_a_cycle() -> None:
    # rules → budget → pipeline → rules, the cycle this test was written against (issue 29)
    graph = {"rules": {"budget", "records"}, "budget": {"pipeline"}, "pipeline": {"rules"}, "records": set()}
    assert cycles(graph) == [["budget", "pipeline", "rules"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_lazy_and_from_imports() -> None:
    graph = package_graph()
    assert "generator.settlement" in graph["generator.rules"]  # rules judge against the settlement
    assert "generator.pipeline" in graph["generator.budget_output"]  # the budget runs over a judged run
    assert "generator.site" not in graph["generator.init"]  # the templates' hook is data, not an import


def test_no_package_imports_itself_back() -> None:
    assert cycles(package_graph()) == []


def test_no_module_imports_itself_back() -> None:
    mods = modules()
    graph = {name: imported(name, path, mods) for name, path in mods.items() if name != "generator"}
    assert cycles(graph) == []


def test_every_package_is_placed_by_a_contract() -> None:
    placed = contracted()
    units = set(package_graph())
    assert units - placed == set(), "every package of generator/ belongs to a layer of pyproject.toml"
    assert placed - units - {"generator"} <= {n for n in placed if n.count(".") > 1}, \
        "a contract names a package that no longer exists"
