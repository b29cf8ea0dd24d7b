"""ARCHITECTURE.md's package tree and layer graph are written by the code and kept fresh; the
generated sections of hand-written documents cannot silently lose their place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.codemap import contracts, layer_graph, package_tree, summary
from generator.contract import splice, stale_sections, write_sections
from generator.site.generated import SECTIONS

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "generator"


def copy_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for section in SECTIONS:
        (repo / section.file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / section.file, repo / section.file)
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    shutil.copytree(PACKAGE, repo / "generator", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    return repo


def test_the_committed_sections_match_the_code() -> None:
    assert stale_sections(ROOT, SECTIONS) == [], "a generated section is stale: run `peixun contract`, commit"


def test_summary_is_the_first_sentence() -> None:
    assert summary('"""Every rule of docs/rules.md. Importing this package\nregisters them."""') == \
        "Every rule of docs/rules.md."
    assert summary('"""A sentence that wraps\nonto the next line (it goes on). Then more."""') == \
        "A sentence that wraps onto the next line (it goes on)."
    assert summary('"""Calls `generator.site.urls` by name: no stop inside a dotted name."""') == \
        "Calls `generator.site.urls` by name: no stop inside a dotted name."
    assert summary("x = 1\n") == ""


def test_every_module_is_in_the_tree_with_its_docstring() -> None:
    tree = package_tree(PACKAGE)
    for path in PACKAGE.rglob("*.py"):
        if not (path.parent / "__init__.py").is_file():
            continue  # templates and other data folders
        name = path.parent.name + "/" if path.name == "__init__.py" else path.name
        text = summary(path.read_text(encoding="utf-8"))
        assert text, f"{path.relative_to(ROOT)} has no docstring: say what the module is for"
        assert f"- `{name}` — {text.replace('|', chr(92) + '|')}" in tree, path


def test_every_layer_of_the_contract_is_in_the_graph_in_order() -> None:
    graph = layer_graph(ROOT / "pyproject.toml", PACKAGE)
    [layered] = [c for c in contracts(ROOT / "pyproject.toml") if c["type"] == "layers"][:1]
    rows = re.findall(r"^\| (\d+) \| `([^`]+)` \|", graph, re.M)
    expected = [(str(n), m.strip().removeprefix("generator."))
                for n, layer in enumerate(layered["layers"], 1) for m in re.split(r"[|:]", layer) if m.strip()]
    assert rows[: len(expected)] == expected
    for contract in contracts(ROOT / "pyproject.toml"):
        assert contract["name"].replace("|", "\\|") in graph


def test_a_new_layer_in_the_contract_reaches_architecture(tmp_path: Path) -> None:
    """The graph follows the contract: a layer added to pyproject.toml makes the section stale."""
    repo = copy_repo(tmp_path)
    toml = (repo / "pyproject.toml").read_text(encoding="utf-8")
    (repo / "pyproject.toml").write_text(toml.replace('    "generator.cli",\n', '    "generator.cli",\n'
                                                      '    "generator.codemap",\n', 1), encoding="utf-8")
    assert stale_sections(repo) == ["ARCHITECTURE.md#layers"]
    write_sections(repo)
    text = (repo / "ARCHITECTURE.md").read_text(encoding="utf-8")
    cli = re.search(r"^\| (\d+) \| `cli` \|", text, flags=re.M)
    assert cli is not None  # the new layer sits right under the one it was inserted after
    assert f"| {int(cli.group(1)) + 1} | `codemap` | The map of the code" in text


def test_a_new_module_reaches_the_tree(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    (repo / "generator" / "ledgerbook.py").write_text('"""A book of ledgers. It is new."""\n', encoding="utf-8")
    assert stale_sections(repo) == ["ARCHITECTURE.md#package-tree"]
    assert main(["contract", "--check", "--out", str(ROOT / "docs"), "--root", str(repo)]) == 1
    assert main(["contract", "--out", str(ROOT / "docs"), "--root", str(repo)]) == 0
    assert "- `ledgerbook.py` — A book of ledgers." in (repo / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert main(["contract", "--check", "--out", str(ROOT / "docs"), "--root", str(repo)]) == 0


def test_hand_edits_inside_a_section_are_stale_and_text_outside_is_kept(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    readme = repo / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace("| `summary.md` |", "| `summary.md` | (edited by hand)", 1), encoding="utf-8")
    assert stale_sections(repo) == ["README.md#settle-artifacts"]
    write_sections(repo)
    assert readme.read_text(encoding="utf-8") == text


def test_missing_markers_are_refused_before_anything_is_written(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    repo = copy_repo(tmp_path)
    arch = repo / "ARCHITECTURE.md"
    (repo / "generator" / "ledgerbook.py").write_text('"""New."""\n', encoding="utf-8")
    readme = repo / "README.md"
    readme.write_text(re.sub(r"<!-- END generated: settle-artifacts -->\n", "", readme.read_text(encoding="utf-8")),
                      encoding="utf-8")
    before = arch.read_text(encoding="utf-8")
    assert "README.md#settle-artifacts" in stale_sections(repo)
    assert main(["contract", "--out", str(ROOT / "docs"), "--root", str(repo)]) == 1
    err = capsys.readouterr().err
    assert "README.md" in err and "settle-artifacts" in err and "Traceback" not in err
    assert arch.read_text(encoding="utf-8") == before  # nothing written anywhere


def test_splice_leaves_everything_outside_the_markers() -> None:
    text = "a\n<!-- BEGIN generated: x (note) -->\nold\n<!-- END generated: x -->\nb\n"
    assert splice(text, "x", "new\n") == "a\n<!-- BEGIN generated: x (note) -->\nnew\n<!-- END generated: x -->\nb\n"
    assert splice(text, "y", "new\n") is None
    assert splice("<!-- BEGIN generated: xy -->\n<!-- END generated: x -->", "x", "") is None
