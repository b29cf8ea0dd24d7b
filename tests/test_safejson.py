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


LINE_SAMPLES = [*SAMPLES, {"rows": [], "as_of": "2026-11-27"}, {"k": {"nested": [1, 2]}}, 3, [[1, 2], [3]]]


@pytest.mark.parametrize("data", LINE_SAMPLES)
def test_line_json_parses_back_and_is_html_safe(data: object) -> None:
    out = safejson.dumps_lines(data)
    assert json.loads(out) == data
    assert out.endswith(b"\n") and b"<" not in out and b"&" not in out


def test_line_json_gives_each_row_a_line_of_its_own() -> None:
    rows = [{"id": f"P{i}", "name": "项目", "n": i} for i in range(3)]
    lines = safejson.dumps_lines({"as_of": "2026-11-27", "releases": rows, "meta": {"a": [1]}}).decode().splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert lines[1] == '  "as_of": "2026-11-27",'
    assert lines[2] == '  "releases": ['
    assert [json.loads(line.rstrip(",")) for line in lines[3:6]] == rows  # one row a line, as written
    assert lines[6:8] == ["  ],", '  "meta": {"a": [1]}']
    table = safejson.dumps_lines(rows).decode().splitlines()
    assert len(table) == 2 + len(rows) and json.loads(table[1].rstrip(",")) == rows[0]


def test_an_item_encoded_once_is_written_as_if_encoded_in_place() -> None:
    release = {"id": "P1-award", "title": "<b>焊工</b> & 电工", "n": [1, 2]}
    shared = safejson.encode_line(release)
    in_place = safejson.dumps_lines({"releases": [release, release]})
    assert safejson.dumps_lines({"releases": [shared, shared]}) == in_place
    assert b"<" not in safejson.dumps_lines([shared])  # escaped like every other item
