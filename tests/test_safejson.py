"""The HTML-safe JSON writer every published JSON file goes through."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import safejson
from generator.errors import JsonContractError
from tests.test_jsonbytes import _TEXT, _VALUES, _as_float

SAMPLES = [{"a": "<b>&x", "z": [1, {"c": "中文", "d": "1.50"}], "n": None}, [{"x": "&"}], {}, [], "a<"]


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


# The writers as they were before orjson, on the json module: the oracle for the layouts.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                            "\u2029": "\\u2029"})


def _reference_dumps(data: Any, indent: int = 2, sort_keys: bool = False) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys, default=_as_float).translate(
        _HTML_SAFE) + "\n"


def _reference_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_as_float).translate(_HTML_SAFE)


def _reference_lines(data: Any) -> bytes:
    def lines(items: list[Any], pad: str) -> str:
        if not items:
            return "[]"
        return "[\n" + ",\n".join(pad + "  " + _reference_line(item) for item in items) + "\n" + pad + "]"

    if isinstance(data, list):
        text = lines(data, "")
    elif isinstance(data, dict) and data:
        entries = [f"  {_reference_line(str(k))}: " + (lines(v, "  ") if isinstance(v, list) else _reference_line(v))
                   for k, v in data.items()]
        text = "{\n" + ",\n".join(entries) + "\n}"
    else:
        text = _reference_line(data)
    return (text + "\n").encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(_VALUES | st.dictionaries(_TEXT, st.lists(_VALUES, max_size=4) | _VALUES, max_size=4),
       st.sampled_from([0, 1, 2]), st.booleans())
def test_every_writer_gives_the_json_modules_bytes_html_safe(data: Any, indent: int, sort_keys: bool) -> None:
    assert safejson.dumps(data, indent=indent, sort_keys=sort_keys) == _reference_dumps(data, indent, sort_keys)
    assert safejson.dumps_bytes(data) == _reference_dumps(data).encode("utf-8")
    assert safejson.dumps_lines(data) == _reference_lines(data)
    shared = [safejson.encode_line(item) for item in data] if isinstance(data, list) else data
    assert safejson.dumps_lines(shared) == _reference_lines(data)


HOSTILE = ["</script><script>alert(1)</script>", "<!--", "-->", "]]>", "<![CDATA[", "</SCRIPT >", "&lt;",
           "line\u2028separator", "para\u2029separator", "\\u003c", "\\", "\"</script>"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE) | _TEXT, max_size=5).map("".join))
def test_no_text_can_close_a_script_open_a_comment_or_end_a_line(text: str) -> None:
    data = {"t": text, "rows": [{"name": text, text: [text]}]}
    for out in (safejson.dumps_bytes(data), safejson.dumps(data, indent=0).encode(), safejson.dumps_lines(data)):
        for forbidden in (b"<", b">", b"&", "\u2028".encode(), "\u2029".encode()):
            assert forbidden not in out
        assert json.loads(out) == data


def test_out_of_contract_values_are_refused_by_every_writer() -> None:
    for write in (safejson.dumps_bytes, safejson.dumps_lines, safejson.dumps, safejson.encode_line):
        with pytest.raises(JsonContractError):
            write({"rows": [{"rate": 0.35}]})
        with pytest.raises(JsonContractError):
            write({"rows": [{"name": "\ud800"}]})


def test_a_real_browser_reads_the_json_back_from_inside_a_script_and_runs_nothing_else(browser) -> None:  # type: ignore[no-untyped-def]
    """The files are fetched, not inlined, today; the escaping holds even if one is pasted into a page."""
    attacks = ["</script><script>window.pwned = 1</script>", "<!--<script>window.pwned = 2//", "--></script>",
               "]]><script>window.pwned = 3</script>", "</SCRIPT\t><img src=x onerror='window.pwned=4'>",
               "line\u2028separator\u2029end", "&lt;/script&gt;", "\\\"</script>", "无锡\x00\x1f\x7f"]
    data = {"rows": [{"name": text, text: [text]} for text in attacks], "n": 3}
    text = safejson.dumps(data)
    lines = safejson.dumps_lines(data).decode("utf-8")
    html = (f"<!doctype html><meta charset='utf-8'><script>window.got = {text};</script>"
            f"<script type='application/json' id='d'>{lines}</script>"
            "<script>window.parsed = JSON.parse(document.getElementById('d').textContent);</script>")
    page = browser.new_page()
    try:
        page.set_content(html)
        assert page.evaluate("window.got") == data
        assert page.evaluate("window.parsed") == data
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate("document.scripts.length") == 3 and page.evaluate("document.images.length") == 0
    finally:
        page.close()
