"""The fast loader means what ruamel.yaml's YAML 1.2 safe loader means, or declines the file."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.records import fastyaml
from generator.records.yamlio import line_index, line_of, parse
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
TRICKY = [
    "on", "off", "yes", "no", "y", "n", "On", "YES", "true", "True", "TRUE", "false", "FALSE", "null", "Null", "~",
    "0510", "051085551234", "0o17", "0x1F", "0b101", "1_000", "-12", "+7", "09", "007", "1e3", "1.5e-3", "2600.50",
    ".inf", "-.inf", ".nan", ".5", "1.", "12:30", "1:20:30", "2026-04-10", "2026-4-1", "2026-04-10T08:30:00",
    "2026-04-10 08:30:00.5 +08:00", "2026-04-10t08:30:00Z", "p_0123456789abcdef01234567", "4-10-01-05", "=", "<<",
    "\"quoted 0510\"", "'single'", "中文 文本", "a: b", "[1, 2]", "{a: 1}", "",
]


def _ruamel(text: str) -> Any:
    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = False
    return yaml.load(text)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        pairs = list(zip(a.items(), b.items(), strict=False))
        return len(a) == len(b) and all(_same(ka, kb) and _same(va, vb) for (ka, va), (kb, vb) in pairs)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _agrees(text: str) -> None:
    try:
        slow = _ruamel(text)
    except Exception:
        slow = None
        slow_failed = True
    else:
        slow_failed = False
    try:
        fast = fastyaml.load(text)
    except Exception:
        return  # declined: parse() reads it with ruamel.yaml, which words any problem
    assert not slow_failed, f"fast loader accepted what ruamel.yaml refuses: {text!r}"
    assert _same(fast, slow), (text, fast, slow)


@pytest.mark.parametrize("token", TRICKY)
def test_each_tricky_scalar_means_the_same(token: str) -> None:
    _agrees(f"value: {token}\nlist:\n  - {token}\n{token or 'x'}: 1\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TRICKY[:44]), st.sampled_from(TRICKY)), min_size=1, max_size=6))
def test_generated_documents_mean_the_same(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"k{i}_{key}: {value}\n" for i, (key, value) in enumerate(pairs))
    _agrees(text)


def test_every_committed_yaml_file_means_the_same() -> None:
    files = [p for base in (FIXTURES, ROOT / "records") for p in sorted(base.rglob("*.yaml"))]
    assert len(files) > 40
    for file in files:
        text = file.read_bytes().decode("utf-8-sig", errors="replace")
        if "&" not in text:  # the alias bomb would take the comparison forever
            _agrees(text)


def test_duplicate_keys_are_declined_and_reported_by_ruamel_yaml() -> None:
    text = "a: 1\nb: 2\na: 3\n"
    with pytest.raises(fastyaml.Unusual):
        fastyaml.load(text)
    problem = parse(text)
    assert not isinstance(problem, dict)
    assert "重复的键" in problem.message and problem.line == 3


def test_yaml_1_1_words_stay_text() -> None:
    assert fastyaml.load("on: yes\nx: 0510\n") == {"on": "yes", "x": 510}


def test_tags_and_merge_keys_are_declined() -> None:
    for text in ("a: !!str 1\n", "%YAML 1.1\n---\na: 1\n", "base: &b {x: 1}\nc:\n  <<: *b\n"):
        with pytest.raises(fastyaml.Unusual):
            fastyaml.load(text)


def test_lines_come_from_the_composed_tree() -> None:
    text = "# comment\nid: X\ntrainees:\n  - person: a\n    group: g\n  - person: b\n    attended: 3\n"
    tree = line_index(text)
    assert line_of(tree, ("trainees", 1, "attended")) == 7
    assert line_of(tree, ("trainees", 0)) == 4
    assert line_of(tree, ("missing", "deeper")) == 2
    assert line_of(tree, ("trainees", 5, "x")) == 3
    assert line_of(line_index("a: [\n"), ("a",)) == 1
    assert fastyaml.scalar_at(tree, ("trainees",)) is None
    assert fastyaml.scalar_at(tree, ("id",)) == (2, "X")
