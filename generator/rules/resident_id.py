"""Resident ID numbers (公民身份号码, GB 11643-1999): what makes one valid for this system.

The check character and a real birth date decide. The address code (the first six digits) is not
checked against a table: python-stdnum's table lists a county only from the year its code was
assigned (most of Wuxi's districts from 1983, 江阴 and 宜兴 from 1989, 梁溪 and 新吴 from 2015/2016),
while people keep the number they were first given, so the 40-to-60-year-old workers the notice
targets hold codes that the table does not list for their birth year, or codes since abolished.
Refusing them would refuse real people; `address_known` tells whether the code is in the table at
all, for a caller that wants to show a note.
"""

from __future__ import annotations

import datetime as dt
import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
FORM = r"^\d{17}[\dX]$"
_FORM = re.compile(FORM)
EARLIEST_BIRTH = dt.date(1900, 1, 1)
# the reasons, filled by name: the site's roster page reads them too (generator/intake/rosterrules.py)
MESSAGES = {
    "length": "应为 18 位，实为 {length} 位",
    "form": "前 17 位应全为数字，第 18 位为数字或 X",
    "birth_invalid": "第 7–14 位的出生日期 {digits} 不是有效日期",
    "birth_impossible": "出生日期 {born} 不可能（早于 1900 年或晚于今天）",
    "check": "校验位（第 18 位）不符，按前 17 位应为“{expected}”",
}


class ResidentIdError(ValueError):
    """Why a number is not a resident ID number (Chinese, for the user)."""


def check_character(first17: str) -> str:
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_resident_id(raw: str, today: dt.date | None = None) -> str:
    """The number upper-cased, or ResidentIdError saying what is wrong."""
    number = re.sub(r"\s+", "", raw).upper()
    if len(number) != 18:
        raise ResidentIdError(MESSAGES["length"].format(length=len(number)))
    if not _FORM.match(number):
        raise ResidentIdError(MESSAGES["form"])
    born = birth_date(number)
    if born is None:
        raise ResidentIdError(MESSAGES["birth_invalid"].format(digits=number[6:14]))
    if not EARLIEST_BIRTH <= born <= (today or dt.date.today()):
        raise ResidentIdError(MESSAGES["birth_impossible"].format(born=born.isoformat()))
    expected = check_character(number[:17])
    if number[17] != expected:
        raise ResidentIdError(MESSAGES["check"].format(expected=expected))
    return number


def address_known(number: str) -> bool:
    """Whether python-stdnum's table lists the address code in any year (a note, never a refusal)."""
    from stdnum import numdb

    return bool(numdb.get("cn/loc").info(number[:6])[0][1])
