"""Turning spreadsheet cells into record values: dates, whole numbers, 是/否, groups, ID numbers.

A cell comes as Excel stored it (a real date, a number, text) or as CSV text; people write dates as
2026-06-25, 2026/6/25 or 2026年6月25日, and groups by their Chinese label. Each parser accepts
those forms and explains in Chinese what it expected when it cannot read a cell.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.records.labels import GROUP_LABELS
from generator.rules.common import mask
from generator.rules.resident_id import ResidentIdError, validate_resident_id

_DATE_RE = re.compile(r"^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_YES = {"是", "合格", "通过", "Y", "YES", "TRUE", "1", "√", "✓"}
_NO = {"否", "不合格", "未通过", "N", "NO", "FALSE", "0", "×", "✗"}
_PUNCT = str.maketrans({"（": "(", "）": ")", "、": ",", " ": "", "\u3000": ""})


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
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 <= value < 80000:
        # a date cell formatted as a number shows Excel's serial day count
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    raw = _TIME_SUFFIX.sub("", text(value))
    match = _DATE_RE.match(raw)
    if match is None:
        raise CellError(f"“{raw}”不是日期。请写作 2026-06-25、2026/6/25 或 2026年6月25日")
    year = int(match.group(1))
    month, day = (match.group(2), match.group(3)) if match.group(2) else (match.group(4), match.group(5))
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise CellError(f"“{raw}”不是有效日期（{year} 年没有 {int(month)} 月 {int(day)} 日）。请核对") from None


def parse_count(value: Any) -> int:
    """A whole, non-negative number of 课时."""
    if isinstance(value, bool):
        raise CellError("应为课时数（整数），例如 48")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raw = text(value)
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", raw):
            raise CellError(f"“{raw}”不是整数课时数。请填写整数，例如 48（1 课时 = 45 分钟）")
        number = int(float(raw))
    if number < 0:
        raise CellError(f"课时数不能为负数（{number}）")
    return number


def parse_yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value).upper()
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise CellError(f"“{text(value)}”无法识别。请填写“是”或“否”")


_GROUP_BY_TEXT = {label.translate(_PUNCT): group for group, label in GROUP_LABELS.items()}


def parse_group(value: Any) -> str:
    """A group given by its Chinese label (as in the notice) or by its identifier."""
    raw = text(value)
    if raw.lower() in GROUP_LABELS:
        return raw.lower()
    found = _GROUP_BY_TEXT.get(raw.translate(_PUNCT))
    if found is None:
        known = "、".join(GROUP_LABELS.values())
        raise CellError(f"人员类别“{raw}”无法识别。请填写以下之一：{known}（或其英文标识）")
    return found


def parse_id_number(value: Any) -> str:
    """A resident ID number checked by GB 11643-1999 (check character and birth date), upper-cased."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(
            "身份证号码被 Excel 存成了数字，末几位已经丢失。请把该列设置为“文本”格式后重新录入，或另存为 CSV"
        )
    raw = re.sub(r"\s+", "", text(value))
    try:
        # check character and birth date decide; an address code unknown to a table is no reason to
        # refuse a real person (generator.rules.resident_id)
        return validate_resident_id(raw)
    except ResidentIdError as exc:
        problem = str(exc)
    raise CellError(f"身份证号码 {mask(raw)} 无效：{problem}。请按身份证核对")
