"""Every JSON output is written by orjson under a contract; within it, the bytes are json.dumps's exactly.

The oracle is the json module itself: for any data within the contract (text keys, text including
control characters, CJK, U+2028 and astral characters, integers within ±(2^53 − 1), booleans, null,
nested lists, tuples and objects), each layout equals `json.dumps(..., ensure_ascii=False)` with the
same indent, byte for byte. Outside the contract, the writer raises `JsonContractError` instead of
writing bytes that would differ (orjson's `1e16` for json's `1e+16`, `null` for NaN).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import uuid
from collections import OrderedDict
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.errors import JsonContractError
from generator.jsonbytes import MAX_INT, Number, check, dumps, json_bytes, one_line

# st.text() never draws a lone surrogate (category Cs); the rest of Unicode is fair game, and the
# characters json escapes or that matter to JavaScript are drawn often on purpose.
_SPECIAL = st.sampled_from(["\x00", "\x1f", "\x7f", "\n", "\r", "\t", "\b", "\f", '"', "\\", "/", "\u2028",
                            "\u2029", "\ufeff", "\U0001f600", "无锡", "梁溪区", "</script>", "<!--", "&amp;", ", \n"])
_TEXT = st.text() | st.lists(_SPECIAL | st.text(max_size=3), max_size=6).map("".join)
_INTS = st.integers(-MAX_INT, MAX_INT) | st.sampled_from([MAX_INT, -MAX_INT, 0, -1, 2**31, 2**32, 10**15])
# Numbers with a fraction (OCDS amounts): a Decimal of at most 15 significant digits, 1e-4 ≤ |x| < 1e15.
_NUMBERS = st.builds(lambda digits, places: Decimal(digits).scaleb(-places),
                     st.integers(-(10**15) + 1, 10**15 - 1), st.integers(1, 8)).filter(
    lambda d: d != d.to_integral_value() and -4 <= d.adjusted() <= 14).map(Number)
_SCALARS = st.one_of(st.none(), st.booleans(), _INTS, _TEXT, _NUMBERS)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
                   | st.dictionaries(_TEXT, inner, max_size=4)),
    max_leaves=30,
)


def _as_float(value: Any) -> float:
    """How the json module wrote a `Number` before: the float of its Decimal."""
    assert isinstance(value, Number)
    return float(value.value)


def _reference(data: Any, indent: int | None = 2, sort_keys: bool = False) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys, default=_as_float).encode()


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_TEXT, _VALUES, max_size=6))
def test_any_report_shaped_data_gives_the_same_bytes(data: dict[str, Any]) -> None:
    assert json_bytes(data) == _reference(data) + b"\n"


@settings(max_examples=200, deadline=None)
@given(_VALUES, st.sampled_from([None, 0, 1, 2, 4]), st.booleans())
def test_every_layout_gives_the_same_bytes(data: Any, indent: int | None, sort_keys: bool) -> None:
    assert dumps(data, indent=indent, sort_keys=sort_keys) == _reference(data, indent, sort_keys)
    assert one_line(data) == _reference(data, None)


class Level(enum.IntEnum):
    FOUR = 4


@pytest.mark.parametrize("data", [
    {}, [], (), {"a": []}, {"a": {}}, {"": ""}, {"classes": [{"x": "无锡\n\"引号\"\u2028", "n": [1, True, None]}]},
    {"classes": [[], {}], "e": "\x00\x1f\x7f"}, "text", 0, -0, MAX_INT, -MAX_INT, True, None,
    {"k\"\\\n": "v", "中": {"嵌": ["套", {"深": []}]}}, "".join(map(chr, range(0x80))),
    {"level": Level.FOUR}, OrderedDict([("b", 1), ("a", 2)]), ("tuple", ("inside",)),
    [[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]], {"x" * 10_000: "y" * 100_000},
])
def test_edge_cases(data: Any) -> None:
    assert json_bytes(data) == _reference(data) + b"\n"
    assert one_line(data) == _reference(data, None)
    assert dumps(data, indent=0, sort_keys=True) == _reference(data, 0, True)


@pytest.mark.parametrize(("value", "text"), [
    ("27140.50", b"27140.5"), ("0.05", b"0.05"), ("-1450.5", b"-1450.5"), ("0.0001", b"0.0001"),
    ("999999999999999.9", None), ("12345678901234.5", b"12345678901234.5"), ("0.00001", None), ("2600.00", None),
    ("0", None), ("NaN", None), ("Infinity", None), ("1E+15", None), ("123456789012.3456", None),
])
def test_a_number_with_a_fraction_is_written_with_its_exact_digits(value: str, text: bytes | None) -> None:
    if text is None:  # integral (an int's job), beyond 15 digits or outside the range: refused when made
        with pytest.raises(JsonContractError):
            Number(Decimal(value))
        return
    number = Number(Decimal(value))
    assert json_bytes({"amount": number}) == b'{\n  "amount": ' + text + b"\n}\n"
    assert json.loads(one_line([number]), parse_float=Decimal) == [Decimal(value)]
    assert text == repr(float(Decimal(value))).encode()  # what the json module wrote for it before


def test_only_a_decimal_makes_a_number() -> None:
    for value in (1.5, "1.5", 15, None):
        with pytest.raises(JsonContractError):
            Number(value)  # type: ignore[arg-type]


def test_a_hundred_levels_of_nesting_are_written_like_json() -> None:
    data: Any = "leaf"
    for i in range(100):
        data = [data] if i % 2 else {"k": data}
    assert json_bytes(data) == _reference(data) + b"\n"


@dataclasses.dataclass
class Row:
    amount: str


class Colour(enum.Enum):
    RED = "red"


class Approx(float):
    pass


def _cycle() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    return loop


def _deep(levels: int) -> Any:
    data: Any = 1
    for _ in range(levels):
        data = [data]
    return data


OUT_OF_CONTRACT = {
    "a float": 1.5, "1e16 (orjson writes 1e16, json 1e+16)": 1e16, "zero as float": 0.0, "minus zero": -0.0,
    "NaN (orjson writes null)": float("nan"), "infinity": float("inf"), "minus infinity": float("-inf"),
    "a float subclass": Approx(2.5), "2^53": 2**53, "-(2^53)": -(2**53), "2^64": 2**64, "10^30": 10**30,
    "a lone high surrogate": "\ud800", "a lone low surrogate inside text": "a\udfffb",
    "a surrogate key": {"\ud83d": 1}, "an integer key": {1: "x"}, "a null key": {None: 1}, "a tuple key": {("a",): 1},
    "Decimal": Decimal("2600.00"), "date": dt.date(2026, 11, 27), "datetime": dt.datetime(2026, 11, 27, 8),
    "a set": {1, 2}, "bytes": b"raw", "UUID": uuid.UUID(int=1), "a dataclass": Row("1.00"),
    "a plain Enum": Colour.RED, "300 levels": _deep(300), "a cycle": _cycle(),
}


@pytest.mark.parametrize("bad", list(OUT_OF_CONTRACT.values()), ids=list(OUT_OF_CONTRACT))
@pytest.mark.parametrize("write", [json_bytes, one_line, lambda d: dumps(d, indent=0, sort_keys=True)],
                         ids=["indent-2", "one-line", "indent-0-sorted"])
def test_a_value_outside_the_contract_raises_instead_of_differing(bad: Any, write: Any) -> None:
    with pytest.raises(JsonContractError, match="内部错误：JSON 输出"):
        write({"classes": [{"id": "P2026-001-01", "value": bad}]})


def test_the_message_says_where_the_value_is() -> None:
    with pytest.raises(JsonContractError) as caught:
        json_bytes({"classes": [{"id": "a"}, {"rate": 0.35}]})
    assert "$['classes'][1]['rate']" in str(caught.value) and "浮点数 0.35" in str(caught.value)
    with pytest.raises(JsonContractError, match=r"整数 9007199254740992 超出"):
        json_bytes({"n": [2**53]})


_BAD = st.one_of(
    st.floats(), st.integers(min_value=MAX_INT + 1), st.integers(max_value=-MAX_INT - 1),
    st.characters(categories=["Cs"]).map(lambda c: f"x{c}y"), st.decimals(allow_nan=False), st.dates(),
)


def _has_bad(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_bad(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_bad(v) for v in value)
    try:
        check(value)
        json_bytes(value)
    except JsonContractError:
        return True
    return False


@settings(max_examples=200, deadline=None)
@given(st.recursive(_SCALARS | _BAD, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner,
                                                                                                 max_size=4),
                    max_leaves=20))
def test_one_value_outside_the_contract_anywhere_is_refused(data: Any) -> None:
    assume(_has_bad(data))
    for write in (json_bytes, one_line):
        with pytest.raises(JsonContractError):
            write(data)


def test_the_settlement_artifact_is_unchanged(world) -> None:  # type: ignore[no-untyped-def]
    from generator.settlement_output import settle
    from tests.conftest import AS_OF

    result = settle(world.root, AS_OF, use_cache=False)
    assert result.files["settlement.json"] == _reference(result.report) + b"\n"
