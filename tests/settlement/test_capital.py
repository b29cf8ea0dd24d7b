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


@pytest.mark.parametrize("bad", ["-1", "0.001", "1E+16", "NaN"])
def test_capital_refuses_what_is_no_amount(bad: str) -> None:
    with pytest.raises(ValueError):
        capital(Decimal(bad))
