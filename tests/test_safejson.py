"""The HTML-safe JSON writer every published JSON file goes through."""

from __future__ import annotations

import json

import pytest

from generator import safejson

SAMPLES = [{"a": "<b>&x", "z": [1, {"c": "中文", "d": 1.5}], "n": None}, [{"x": "&"}], {}, [], "a<"]


@pytest.mark.parametrize("data", SAMPLES)
def test_fast_bytes_equal_the_reference_writer_and_parse_back(data: object) -> None:
    fast = safejson.dumps_bytes(data)
    assert fast == safejson.dumps(data).encode("utf-8")
    assert json.loads(fast) == data


def test_record_text_never_reads_as_markup() -> None:
    out = safejson.dumps_bytes({"t": "</script><script>alert(1)</script>", "u": "A&B"})
    assert b"<" not in out and b">" not in out and b"&" not in out
    assert json.loads(out)["t"] == "</script><script>alert(1)</script>"
