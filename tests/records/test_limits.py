"""Limits instead of crashes: nesting, file size, text lengths, list lengths and id patterns are
located SCHEMA findings, never a dead process or a bloated site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.records.base import ADDRESS_MAX, MAX_TRAINEES, NAME_MAX, TEXT_MAX
from generator.records.fastyaml import MAX_DEPTH, too_deep
from generator.records.parsing import MAX_FILE_BYTES
from generator.records.yamlio import ParseProblem, parse
from tests.conftest import APPLICATION, CLASS, INSTITUTION, World, line_of

HEADER = "# yaml-language-server: $schema=../../../schemas/institution.schema.json\n"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def test_thirty_thousand_nested_brackets_are_a_finding_not_a_segfault(world: World) -> None:
    """60 KB of `[` once killed the process inside the C loader (SIGSEGV, exit -11)."""
    text = world.path(CLASS).read_text(encoding="utf-8")
    world.write(CLASS, text + "deep: " + "[" * 30_000 + "]" * 30_000 + "\n")
    done = _cli("validate", "--records", str(world.root), "--as-of", "2027-06-30", "--no-cache", cwd=world.root)
    assert done.returncode == 1, done.stderr[-2000:]
    line = text.count("\n") + 1
    assert f"{CLASS}:{line}: error SCHEMA 嵌套超过 {MAX_DEPTH} 层" in done.stdout  # run inside the folder


@pytest.mark.parametrize("hostile", [
    "a: " + "[" * 30_000 + "\n",  # unbalanced
    "a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n",
    "a:\n" + "- " * 30_000 + "x\n",  # compact block sequences, two bytes a level
    "? " * 30_000 + "x\n",
    "a: [" + "[" * 40 + "]" * 40 + "]\n",
])
def test_nesting_past_the_cap_is_refused_before_any_loader(hostile: str) -> None:
    found = parse(hostile)
    assert isinstance(found, ParseProblem) and "嵌套超过" in found.message
    assert too_deep(hostile) is not None


def test_brackets_in_text_and_real_records_pass() -> None:
    assert parse('a: "' + "[" * 5_000 + '"\n') == {"a": "[" * 5_000}
    assert too_deep("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n") is None  # a: is one level
    assert too_deep("a:\n  - b: [1, 2]\n    c: {d: [e]}\n") is None


def test_a_file_over_the_size_limit_is_not_read(world: World) -> None:
    text = world.path(INSTITUTION).read_text(encoding="utf-8")
    world.write(INSTITUTION, text + ("# " + "填" * 70 + "\n") * (MAX_FILE_BYTES // 200 + 10))
    [finding] = [f for f in world.validate().findings if f.path == world.display(INSTITUTION)]
    assert finding.rule == "SCHEMA" and "上限" in finding.message and f"{MAX_FILE_BYTES:,}" in finding.message
    data = world.path(INSTITUTION).read_bytes()
    assert finding.line == data.count(b"\n", 0, MAX_FILE_BYTES) + 1


def _set(key: str, value: Any) -> Any:
    return lambda d: d.__setitem__(key, value)


@pytest.mark.parametrize(("rel", "key", "limit", "needle"), [
    (INSTITUTION, "name", NAME_MAX, "name:"),
    (INSTITUTION, "address", ADDRESS_MAX, "address:"),
    (APPLICATION, "project_name", NAME_MAX, "project_name:"),
    (CLASS, "location", ADDRESS_MAX, "location:"),
])
def test_a_text_over_its_limit_is_a_located_finding(world: World, rel: str, key: str, limit: int,
                                                    needle: str) -> None:
    world.edit(rel, _set(key, "长" * limit))
    assert not [f for f in world.validate().findings if f.rule == "SCHEMA"]
    world.edit(rel, _set(key, "长" * (limit + 1)))
    [finding] = [f for f in world.findings("SCHEMA") if f.path == world.display(rel)]
    assert f"超过上限 {limit:,} 个字符" in finding.message and finding.line == line_of(world, rel, needle)


def test_a_six_megabyte_name_is_refused_without_echoing_it(world: World) -> None:
    """The 6 MB project name that once made a 176 MB site: refused by size, the message short."""
    world.edit(APPLICATION, _set("project_name", "名" * 2_000_000))
    [finding] = [f for f in world.validate().findings if f.path == world.display(APPLICATION)]
    assert finding.rule == "SCHEMA" and len(finding.message) < 300


def test_a_description_over_two_thousand_characters(world: World) -> None:
    world.edit(APPLICATION, lambda d: d["description"].__setitem__("goals", "目" * (TEXT_MAX + 1)))
    [finding] = [f for f in world.findings("SCHEMA") if f.path == world.display(APPLICATION)]
    assert "description.goals" in finding.message and finding.line == line_of(world, APPLICATION, "goals:")


def test_a_roster_longer_than_a_class_can_be(world: World) -> None:
    def grow(d: Any) -> None:
        first = d["trainees"][0]
        d["trainees"] = [first] * (MAX_TRAINEES + 1)

    world.edit(CLASS, grow)
    found = [f for f in world.findings("SCHEMA") if "超过上限" in f.message]
    assert [f.path for f in found] == [world.display(CLASS)]
    assert f"{MAX_TRAINEES + 1:,} 项" in found[0].message and found[0].line == line_of(world, CLASS, "trainees:")


@pytest.mark.parametrize("bad_id", ['=HYPERLINK("http://evil.example","x")', "+1", "-1", "@SUM(1)", "\t1", " P1"])
def test_ids_cannot_start_like_a_formula(world: World, bad_id: str) -> None:
    world.edit(CLASS, _set("project", bad_id))
    [finding] = [f for f in world.findings("SCHEMA") if f.path == world.display(CLASS)]
    assert "格式不对" in finding.message and "以字母或数字开头" in finding.message
