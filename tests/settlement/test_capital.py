"""大写金额 against an independent reference written from the rules for filling in bills."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.settlement.capital import capital

NUM = "零壹贰叁肆伍陆柒捌玖"
SMALL = ("", "拾", "佰", "仟")
BIG = ("", "万", "亿", "万亿")


def reference(amount: Decimal) -> str:
    """Digit by digit from the highest place: a zero run followed by a non-zero digit writes one 零
    (across 万/亿 too), a section unit is written after a section with any non-zero digit; 元, then
    角/分 with 零 after 元 when the yuan part ends in zero or 角 is zero; 整 only with neither 角 nor 分."""
    cents = int((amount * 100).to_integral_exact())
    whole, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = ""
    if whole:
        digits = str(whole)
        zeros = False
        section_has = False
        for k, ch in enumerate(digits):
            place = len(digits) - 1 - k
            if ch == "0":
                zeros = True
            else:
                if zeros:
                    text += "零"
                zeros = False
                text += NUM[int(ch)] + SMALL[place % 4]
                section_has = True
            if place % 4 == 0 and place > 0:
                if section_has:
                    text += BIG[place // 4]
                section_has = False
        text += "元"
    if not jiao and not fen:
        return (text or "零元") + "整"
    if whole and (digits[-1] == "0" or not jiao):
        text += "零"
    if jiao:
        text += NUM[jiao] + "角"
    if fen:
        text += NUM[fen] + "分"
    return text


# written out by hand from the rules (the list)
CASES = {
    "0": "零元整",
    "0.05": "伍分",
    "0.50": "伍角",
    "10.00": "壹拾元整",
    "1000.10": "壹仟元零壹角",
    "10000.00": "壹万元整",
    "100010.00": "壹拾万零壹拾元整",
    "102960.00": "壹拾万零贰仟玖佰陆拾元整",
    "99999999.99": "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
    # the rules' own examples, in the form that writes every permitted 零
    "1680.32": "壹仟陆佰捌拾元零叁角贰分",
    "107000.53": "壹拾万零柒仟元零伍角叁分",
    "16409.02": "壹万陆仟肆佰零玖元零贰分",
    "325.04": "叁佰贰拾伍元零肆分",
    "100000001.00": "壹亿零壹元整",
    "1010101.01": "壹佰零壹万零壹佰零壹元零壹分",
}


@pytest.mark.parametrize(("amount", "expected"), sorted(CASES.items()))
def test_capital_matches_the_rules_and_the_reference(amount: str, expected: str) -> None:
    assert capital(Decimal(amount)) == expected
    assert reference(Decimal(amount)) == expected


@given(st.integers(min_value=0, max_value=10**14 - 1))
@settings(max_examples=400, deadline=None)
def test_capital_agrees_with_the_reference_everywhere(cents: int) -> None:
    amount = Decimal(cents) / 100
    assert capital(amount) == reference(amount)
    assert capital(amount).endswith("整") == (cents % 100 == 0)


# The boundaries a payment list meets, each written out by hand from the rules for filling in bills
# (正确填写票据和结算凭证的基本规定): one 零 for a run of zeros between two digits, also across
# 万 and 亿; 零 after 元 when 角 is zero or the yuan end in zero; 整 only without 角 and 分.
BOUNDARIES = {
    # below one yuan: no 零元 in front, never 整
    "0.00": "零元整",
    "0.01": "壹分",
    "0.10": "壹角",
    "0.11": "壹角壹分",
    # 元, 角 and 分 side by side
    "1": "壹元整",
    "1.01": "壹元零壹分",
    "1.10": "壹元壹角",
    "1.5": "壹元伍角",
    "10.50": "壹拾元零伍角",
    "99.90": "玖拾玖元玖角",
    "100.05": "壹佰元零伍分",
    "10000.01": "壹万元零壹分",
    "20000.20": "贰万元零贰角",
    "1000000.05": "壹佰万元零伍分",
    # zeros inside the first section
    "1000": "壹仟元整",
    "1001": "壹仟零壹元整",
    "1010": "壹仟零壹拾元整",
    "1100": "壹仟壹佰元整",
    # the 万 boundary: a zero run that crosses it is one 零, none when the next section is full
    "10000": "壹万元整",
    "10001": "壹万零壹元整",
    "10010": "壹万零壹拾元整",
    "10100": "壹万零壹佰元整",
    "11000": "壹万壹仟元整",
    "100000": "壹拾万元整",
    "100100": "壹拾万零壹佰元整",
    "1001000": "壹佰万零壹仟元整",
    "12001200": "壹仟贰佰万零壹仟贰佰元整",
    "12000012": "壹仟贰佰万零壹拾贰元整",
    "12341000": "壹仟贰佰叁拾肆万壹仟元整",
    "12340999": "壹仟贰佰叁拾肆万零玖佰玖拾玖元整",
    "12341234": "壹仟贰佰叁拾肆万壹仟贰佰叁拾肆元整",
    # the 亿 boundary: a section of zeros writes no 万
    "100000000": "壹亿元整",
    "100001000": "壹亿零壹仟元整",
    "100010000": "壹亿零壹万元整",
    "110000000": "壹亿壹仟万元整",
    "1000000000": "壹拾亿元整",
    "123456789.12": "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分",
    "100000000.10": "壹亿元零壹角",
    # 万亿, up to the largest amount written
    "1000000000000": "壹万亿元整",
    "1000000000001": "壹万亿零壹元整",
    "1000000010000": "壹万亿零壹万元整",
    "1000100010001": "壹万亿零壹亿零壹万零壹元整",
    "9999999999999999.99": "玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
    # the same amount however it is written
    "100.000": "壹佰元整",
    "1E+2": "壹佰元整",
}


@pytest.mark.parametrize(("amount", "expected"), sorted(BOUNDARIES.items()))
def test_capital_at_every_boundary_of_the_rules(amount: str, expected: str) -> None:
    assert capital(Decimal(amount)) == expected


@pytest.mark.parametrize(("bad", "message"), [
    ("-1", "金额不能为负：-1"),
    ("-0.01", "金额不能为负：-0.01"),
    ("0.001", "金额最多两位小数：0.001"),
    ("1.005", "金额最多两位小数：1.005"),
    ("1E+16", "金额过大：1E+16"),
    ("10000000000000000.00", "金额过大：10000000000000000.00"),
    ("NaN", "不是金额：Decimal('NaN')"),
    ("Infinity", "不是金额：Decimal('Infinity')"),
])
def test_capital_refuses_what_is_no_amount(bad: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        capital(Decimal(bad))
    assert str(raised.value) == message


@pytest.mark.parametrize("bad", [1, 1.5, "1.00", None])
def test_capital_takes_only_a_decimal(bad: object) -> None:
    """A float carries binary error into the 分; an amount on a payment list is a Decimal or nothing."""
    with pytest.raises(ValueError) as raised:
        capital(bad)  # type: ignore[arg-type]
    assert str(raised.value) == f"不是金额：{bad!r}"
