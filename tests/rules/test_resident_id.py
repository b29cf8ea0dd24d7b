"""Real people are never refused (通知 三, the groups it targets are workers of 40 to 60): a resident
ID number is valid by its check character and birth date, whatever year its address code entered a
table."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from generator.intake.cells import CellError, parse_id_number
from generator.rules.resident_id import ResidentIdError, address_known, check_character, validate_resident_id

# Wuxi's county-level codes past and present: 崇安 南长 北塘 锡山 惠山 滨湖 梁溪 新吴, 江阴 宜兴,
# and the former 无锡县 / 郊区 codes people born there still carry.
WUXI_CODES = ("320202", "320203", "320204", "320205", "320206", "320211", "320213", "320214",
              "320281", "320282", "320221", "320222", "320223")
BIRTHS = ("19610304", "19650817", "19681231", "19720229", "19790615", "19830101", "19881120", "19910707",
          "19960229", "19990909", "20030415", "20070101")


def real_format(code: str, born: str, seq: str = "123") -> str:
    first17 = code + born + seq
    return first17 + check_character(first17)


REAL_IDS = [real_format(code, born, f"{(i * 37) % 1000:03d}")
            for i, (code, born) in enumerate((c, b) for c in WUXI_CODES for b in BIRTHS)]


def test_the_list_covers_every_decade_and_county() -> None:
    assert len(REAL_IDS) == len(WUXI_CODES) * len(BIRTHS) == 156
    assert {n[6:9] for n in REAL_IDS} == {"196", "197", "198", "199", "200"}


@pytest.mark.parametrize("number", REAL_IDS)
def test_real_wuxi_ids_of_every_decade_are_accepted(number: str) -> None:
    assert validate_resident_id(number) == number
    assert parse_id_number(number.lower()) == number


def test_the_table_would_have_refused_many_of_them() -> None:
    """Why checksum and birth date decide: python-stdnum refuses address codes outside its table's years."""
    refused = []
    for number in REAL_IDS:
        try:
            ric.validate(number)
        except ValidationError:
            refused.append(number)
    assert len(refused) > 40, len(refused)  # e.g. 梁溪 (320213) for anyone born before 2015
    assert any(n.startswith("320213196") for n in refused)


def test_an_unknown_address_code_is_no_refusal_only_a_note() -> None:
    number = real_format("999999", "19650817")
    assert validate_resident_id(number) == number
    assert not address_known(number) and address_known(REAL_IDS[0])


@pytest.mark.parametrize(("raw", "problem"), [
    (REAL_IDS[0][:17] + ("0" if REAL_IDS[0][17] != "0" else "1"), "校验位"),
    (real_format("320202", "19650230")[:17] + "0", "不是有效日期"),
    ("32020219650817123", "应为 18 位"),
    ("3202021965081712A4", "前 17 位"),
    (real_format("320202", "18991231"), "不可能"),
])
def test_what_does_make_a_number_invalid(raw: str, problem: str) -> None:
    with pytest.raises(ResidentIdError, match=problem):
        validate_resident_id(raw)
    with pytest.raises(CellError, match=problem):
        parse_id_number(raw)


@pytest.mark.parametrize(("born", "ok"), [
    (dt.date(2026, 11, 28), True),  # the day before "today"
    (dt.date(2026, 11, 29), True),  # today
    (dt.date(2026, 11, 30), False),  # tomorrow
])
def test_a_birth_date_after_today_is_refused(born: dt.date, ok: bool) -> None:
    number = real_format("320214", born.strftime("%Y%m%d"))
    today = dt.date(2026, 11, 29)
    if ok:
        assert validate_resident_id(number, today) == number
    else:
        with pytest.raises(ResidentIdError, match="不可能"):
            validate_resident_id(number, today)
