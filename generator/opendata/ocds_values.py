"""How OCDS writes a day and an amount here: shared by the release, tender and record writers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from generator.jsonbytes import Number
from generator.opendata.config import CURRENCY, TIMEZONE


def timestamp(day: dt.date, end_of_day: bool = False) -> str:
    """Records hold local dates; OCDS wants date-times, so a day starts at 00:00 China Standard
    Time, and a period that ends on a day ends at 23:59:59 of it."""
    return f"{day.isoformat()}T{'23:59:59' if end_of_day else '00:00:00'}{TIMEZONE}"


def amount(value: Decimal) -> int | Number:
    """OCDS amounts are JSON numbers: integral yuan are integers, others their exact digits (27140.5)."""
    return int(value) if value == value.to_integral_value() else Number(value)


def value_of(value: Decimal) -> dict[str, Any]:
    return {"amount": amount(value), "currency": CURRENCY}
