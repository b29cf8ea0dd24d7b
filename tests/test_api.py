"""The public API, tested the way griffe tests its own (its tests/test_api.py): every name `generator`
exports is documented, unique and reachable from one place, and the tests themselves reach the
engine through public names only, so a private name can be renamed without breaking a test.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pkgutil
from pathlib import Path

import pytest

import generator

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = list(generator.__all__)


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_module(dotted: str) -> bool:
    try:
        return importlib.util.find_spec(dotted) is not None
    except (ImportError, ValueError):
        return False


def _dotted(node: ast.expr) -> list[str]:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return []


def private_uses(source: str) -> list[str]:
    """Every private name of the engine a piece of test code reaches: `from generator.x import _y`,
    `module._y` on a module of the engine, `setattr(module, "_y", ...)` (monkeypatch included) and
    `monkeypatch.setattr("generator.x._y", ...)`."""
    tree = ast.parse(source)
    modules: set[str] = set()  # local names bound to modules of the engine
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "generator":
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{node.module}.{alias.name}")
                elif _is_module(f"{node.module}.{alias.name}"):
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "generator":
                    modules.add(alias.asname or alias.name.split(".")[0])
                    found.extend(alias.name for part in alias.name.split(".") if _private(part))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            parts = _dotted(node)
            if parts and parts[0] in modules and any(_private(p) for p in parts[1:]):
                found.append(".".join(parts))
        elif isinstance(node, ast.Call) and _dotted(node.func)[-1:] == ["setattr"] and node.args:
            target, rest = node.args[0], node.args[1:]
            if isinstance(target, ast.Name) and target.id in modules and rest and \
                    isinstance(rest[0], ast.Constant) and isinstance(rest[0].value, str) and _private(rest[0].value):
                found.append(f"{target.id}.{rest[0].value}")
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and \
                    target.value.startswith("generator.") and any(_private(p) for p in target.value.split(".")):
                found.append(target.value)
    return sorted(set(found))


def _public_modules() -> list[str]:
    names = ["generator"]
    for info in pkgutil.walk_packages(generator.__path__, "generator."):
        if info.name == "generator.__main__" or any(_private(p) for p in info.name.split(".")):
            continue
        names.append(info.name)
    return names


def test_the_exports_are_sorted_and_unique() -> None:
    assert sorted(set(PUBLIC)) == PUBLIC, "generator.__all__ lists each name once, sorted"
    objects = [getattr(generator, name) for name in PUBLIC]
    assert len({id(o) for o in objects}) == len(objects), "no object exported under two names"


def test_every_export_resolves_and_nothing_else_does() -> None:
    for name in PUBLIC:
        assert getattr(generator, name) is getattr(generator, name)
    for name in ("no_such_name", "_EXPORTS_", "settle_everything"):
        with pytest.raises(AttributeError):
            getattr(generator, name)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_export_is_documented(name: str) -> None:
    obj = getattr(generator, name)
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
    assert doc and doc.strip(), f"{name} has no docstring"
    assert not doc.startswith(f"{name}("), f"{name}'s docstring is the one dataclass writes, not one of ours"
    assert f"`{name}`" in (generator.__doc__ or ""), f"the package docstring does not name `{name}`"


@pytest.mark.parametrize("name", PUBLIC)
def test_every_export_is_defined_in_one_public_place(name: str) -> None:
    obj = getattr(generator, name)
    home = obj.__module__
    assert not any(_private(p) for p in home.split(".")), f"{name} lives in a private module {home}"
    assert getattr(importlib.import_module(home), name) is obj


def test_no_other_module_exports_what_the_package_exports() -> None:
    """One place each: the package root and the module that defines it, no third `__all__`."""
    exported = {id(getattr(generator, name)): (name, getattr(generator, name).__module__) for name in PUBLIC}
    elsewhere = []
    for modname in _public_modules():
        module = importlib.import_module(modname)
        for name in getattr(module, "__all__", ()):
            hit = exported.get(id(getattr(module, name, None)))
            if hit and modname not in ("generator", hit[1]):
                elsewhere.append(f"{modname}.{name} (defined in {hit[1]})")
    assert elsewhere == []


def test_the_private_name_finder_finds_them() -> None:
    code = '''
from generator.holds import _dependents, dependents
from generator import runtime
from generator.publish import pii_guard as guard
import generator.site.build
guard._chunks([])
runtime.tuning()
generator.site.build._overrides(1, 2, 3)
monkeypatch.setattr(runtime, "_current", None)
monkeypatch.setattr("generator.runtime._current", None)
monkeypatch.setattr(runtime, "tuning", None)
other._private()
'''
    assert private_uses(code) == ["generator.holds._dependents", "generator.runtime._current",
                                  "generator.site.build._overrides", "guard._chunks", "runtime._current"]


def test_tests_and_benchmarks_use_public_names_only() -> None:
    files = sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py"), *(ROOT / "tools").glob("*.py")])
    offenders = {str(f.relative_to(ROOT)): uses for f in files if f.name != "test_api.py"
                 if (uses := private_uses(f.read_text(encoding="utf-8")))}
    assert offenders == {}
