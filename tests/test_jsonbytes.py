"""settlement.json is written by a faster encoder that must give json.dumps's bytes exactly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.jsonbytes import json_bytes

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(), st.floats(allow_nan=False))
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30
)


def _reference(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), _VALUES, max_size=6))
def test_any_report_shaped_data_gives_the_same_bytes(data: dict[str, Any]) -> None:
    assert json_bytes(data) == _reference(data)


@pytest.mark.parametrize("data", [
    {}, [], {"a": []}, {"a": {}}, {"classes": [{"x": "无锡\n\"引号\"\u2028", "n": [1, True, None]}], "t": 1.5},
    {"classes": [[], {}], "e": "\x00\x1f"}, "text",
])
def test_edge_cases(data: Any) -> None:
    assert json_bytes(data) == _reference(data)


def test_the_settlement_artifact_is_unchanged(world) -> None:  # type: ignore[no-untyped-def]
    from generator.settle import settle
    from tests.conftest import AS_OF

    result = settle(world.root, AS_OF, use_cache=False)
    assert result.files["settlement.json"] == _reference(result.report)
