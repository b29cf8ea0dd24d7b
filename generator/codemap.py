"""The map of the code as the code states it: each module's first docstring sentence, and the layers.

ARCHITECTURE.md drifted while it was written by hand (rules said to live where they did not, a
writer's signature that had changed). So its package tree and its layer graph are written from
the source, as griffe documents an API: the tree from every module's docstring (read with `ast`,
nothing imported), the layers from the import-linter contracts in pyproject.toml, the same ones
`lint-imports` enforces. `peixun contract` writes them, `peixun contract --check` keeps them fresh.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

# a sentence ends at a full stop followed by a space (or the paragraph's end), or at a Chinese one
_SENTENCE = re.compile(r"^(.*?(?:\.(?=\s|$)|。))", re.S)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def summary(source: str) -> str:
    """The first sentence of a module's docstring ("" when it has none)."""
    doc = ast.get_docstring(ast.parse(source))
    if not doc:
        return ""
    paragraph = " ".join(line.strip() for line in doc.strip().split("\n\n", 1)[0].splitlines())
    found = _SENTENCE.match(paragraph)
    return (found.group(1) if found else paragraph).strip()


def _module_file(package_dir: Path, dotted: str) -> Path | None:
    """`generator.site` → generator/site/__init__.py, `generator.clock` → generator/clock.py."""
    parts = dotted.split(".")[1:]
    base = package_dir.joinpath(*parts)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _summary_of(package_dir: Path, dotted: str) -> str:
    path = _module_file(package_dir, dotted)
    return summary(path.read_text(encoding="utf-8")) if path is not None else ""


def package_tree(package_dir: Path) -> str:
    """Every package and module under `package_dir` with its docstring's first sentence, as a
    nested Markdown list (folders without `__init__.py`, such as templates, are data, not code)."""
    lines: list[str] = []

    def walk(folder: Path, depth: int) -> None:
        modules = sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")
        packages = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
        for module in modules:
            text = summary(module.read_text(encoding="utf-8"))
            lines.append(f"{'  ' * depth}- `{module.name}`" + (f" — {_cell(text)}" if text else ""))
        for package in packages:
            text = summary((package / "__init__.py").read_text(encoding="utf-8"))
            lines.append(f"{'  ' * depth}- `{package.name}/`" + (f" — {_cell(text)}" if text else ""))
            walk(package, depth + 1)

    root_text = summary((package_dir / "__init__.py").read_text(encoding="utf-8"))
    lines.append(f"- `{package_dir.name}/` — {_cell(root_text)}")
    walk(package_dir, 1)
    return "\n".join(lines) + "\n"


def contracts(pyproject: Path) -> list[dict[str, Any]]:
    """The import-linter contracts, as configured."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = config.get("tool", {}).get("importlinter", {}).get("contracts", [])
    return found


def _siblings(layer: str) -> list[str]:
    return [name.strip() for name in re.split(r"[|:]", layer) if name.strip()]


def _short(dotted: str, root: str) -> str:
    return dotted.removeprefix(f"{root}.") if dotted != root else dotted


def _names(modules: list[str], root: str) -> str:
    return ", ".join(f"`{_short(m, root)}`" for m in modules)


def layer_graph(pyproject: Path, package_dir: Path) -> str:
    """The import contracts as Markdown: each layers contract as a table from the top layer down
    (with each module's docstring sentence), then every other contract in one line."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    root = str(config.get("tool", {}).get("importlinter", {}).get("root_package", package_dir.name))
    out: list[str] = []
    for contract in contracts(pyproject):
        kind = contract.get("type")
        name = _cell(str(contract.get("name", "")))
        if kind == "layers":
            within = contract.get("containers")
            scope = f" (inside {_names(within, root)})" if within else ""
            out += [f"**{name}**{scope}: a module imports only from layers below its own.", "",
                    "| layer | module | what it is |", "|---|---|---|"]
            for number, layer in enumerate(contract.get("layers", []), start=1):
                for module in _siblings(layer):
                    dotted = module if module.startswith(f"{root}.") or not within else f"{within[0]}.{module}"
                    out.append(f"| {number} | `{_short(dotted, root)}` | {_cell(_summary_of(package_dir, dotted))} |")
            out.append("")
        elif kind == "forbidden":
            indirect = str(contract.get("allow_indirect_imports", "False")).lower() == "true"
            out += [f"**{name}**: {_names(contract.get('source_modules', []), root)} import none of "
                    f"{_names(contract.get('forbidden_modules', []), root)}"
                    + (" directly (indirect imports allowed)." if indirect else ", not even indirectly."), ""]
        elif kind == "independence":
            out += [f"**{name}**: {_names(contract.get('modules', []), root)} import none of each other.", ""]
        else:
            out += [f"**{name}** ({_cell(str(kind))}).", ""]
    return "\n".join(out).rstrip("\n") + "\n"
