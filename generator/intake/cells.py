"""Turning spreadsheet cells into record values: dates, whole numbers, 是/否, groups, ID numbers.

A cell comes as Excel stored it (a real date, a number, text) or as CSV text; people write dates as
2026-06-25, 2026/6/25 or 2026年6月25日, and groups by their Chinese label. Each parser accepts
those forms and explains in Chinese what it expected when it cannot read a cell.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.intake import rosterrules as rr
from generator.intake.rosterrules import message
from generator.records.base import date_range_problem
from generator.records.labels import GROUP_LABELS
from generator.rules.common import mask
from generator.rules.resident_id import ResidentIdError, validate_resident_id

_DATE_RE = re.compile(rr.DATE_PATTERN)
_TIME_SUFFIX = re.compile(rr.TIME_SUFFIX)
_COUNT_RE = re.compile(rr.COUNT_PATTERN)
_EXCEL_EPOCH = dt.date.fromisoformat(rr.EXCEL_EPOCH)
_YES, _NO = set(rr.YES), set(rr.NO)


class CellError(ValueError):
    """A cell that cannot be read; the message says what was expected."""


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as text; whole floats lose their '.0' (Excel stores typed digits as numbers)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    """A date within the records' plausible range (a cell of year 0001 is a typo, and would be
    refused by the class file's schema after the import anyway)."""
    day = _parse_date(value)
    problem = date_range_problem(day)
    if problem is not None:
        raise CellError(problem)
    return day


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and rr.SERIAL_MIN <= value < rr.SERIAL_MAX:
        # a date cell formatted as a number shows Excel's serial day count
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    raw = _TIME_SUFFIX.sub("", text(value))
    match = _DATE_RE.match(raw)
    if match is None:
        raise CellError(message("date_unreadable", found=raw))
    year = int(match.group(1))
    month, day = (match.group(2), match.group(3)) if match.group(2) else (match.group(4), match.group(5))
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise CellError(message("date_invalid", found=raw, year=year, month=int(month), day=int(day))) from None


def parse_count(value: Any) -> int:
    """A whole, non-negative number of 课时."""
    if isinstance(value, bool):
        raise CellError(message("count_boolean"))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raw = text(value)
        if not _COUNT_RE.match(raw):
            raise CellError(message("count_unreadable", found=raw))
        number = int(float(raw))
    if number < 0:
        raise CellError(message("count_negative", found=number))
    return number


def parse_yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value).upper()
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise CellError(message("yes_no_unreadable", found=text(value)))


_GROUP_BY_TEXT = {rr.group_key(label): group for group, label in GROUP_LABELS.items()}


def parse_group(value: Any) -> str:
    """A group given by its Chinese label (as in the notice) or by its identifier."""
    raw = text(value)
    if raw.lower() in GROUP_LABELS:
        return raw.lower()
    found = _GROUP_BY_TEXT.get(rr.group_key(raw))
    if found is None:
        raise CellError(message("group_unknown", found=raw, known="、".join(GROUP_LABELS.values())))
    return found


def parse_id_number(value: Any) -> str:
    """A resident ID number checked by GB 11643-1999 (check character and birth date), upper-cased."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(message("id_number_cell"))
    raw = re.sub(r"\s+", "", text(value))
    try:
        # check character and birth date decide; an address code unknown to a table is no reason to
        # refuse a real person (generator.rules.resident_id)
        return validate_resident_id(raw)
    except ResidentIdError as exc:
        problem = str(exc)
    raise CellError(message("id_invalid", masked=mask(raw), problem=problem))
