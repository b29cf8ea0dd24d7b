"""Calendar-month arithmetic on `YYYY-MM` strings, the unit of pension contributions."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

# The years of the records' plausible range (generator.records.base: 1900-01-01 to 2100-12-31), so
# that a month is never turned into a date Python cannot hold (year 0) nor into one no record has.
MONTH_RE = re.compile(r"^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$")


def month_index(value: str | dt.date) -> int:
    """Months since year 0, so that M+1 across a year end is plain addition."""
    if isinstance(value, dt.date):
        return value.year * 12 + value.month - 1
    return _month_of(value)


# records name few distinct months (a decade is 120) in millions of places: parse each once
@lru_cache(maxsize=65536)
def _month_of(value: str) -> int:
    match = MONTH_RE.match(value)
    if match is None:
        raise ValueError(f"not a month: {value!r}")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def month_str(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@lru_cache(maxsize=65536)
def month_or_none(value: str) -> int | None:
    """The month index of a valid `YYYY-MM`, else None; one cached call where the arithmetic
    would otherwise validate and parse each of millions of pension months."""
    return _month_of(value) if is_month(value) else None


@lru_cache(maxsize=65536)
def is_month(value: str) -> bool:
    return MONTH_RE.match(value) is not None


def longest_run(months: set[int], first: int, last: int) -> int:
    """Longest run of consecutive months inside [first, last]."""
    best = run = 0
    for m in range(first, last + 1):
        run = run + 1 if m in months else 0
        best = max(best, run)
    return best
