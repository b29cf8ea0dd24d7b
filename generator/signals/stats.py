"""Quartiles and Tukey's fences, in Decimal, as the signals' `meta` reports them.

Quartiles by linear interpolation between order statistics (Hyndman and Fan's type 7, the default
of R, NumPy and spreadsheets' QUARTILE.INC), so the bureau can check a figure in Excel. The fences
are Tukey's: Q1 − 1.5·IQR and Q3 + 1.5·IQR.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

PLACES = Decimal("0.0001")
TUKEY = Decimal("1.5")


@dataclass(frozen=True)
class Spread:
    count: int
    q1: Decimal
    median: Decimal
    q3: Decimal

    @property
    def iqr(self) -> Decimal:
        return self.q3 - self.q1

    @property
    def lower_fence(self) -> Decimal:
        return (self.q1 - TUKEY * self.iqr).quantize(PLACES)

    @property
    def upper_fence(self) -> Decimal:
        return (self.q3 + TUKEY * self.iqr).quantize(PLACES)

    def fence(self, direction: str, factor: Decimal = TUKEY) -> Decimal:
        """The fence `factor` IQRs beyond the quartile on the side where values are remarkable:
        above Q3 when large values are ("high"), below Q1 when small ones are."""
        if direction == "high":
            return (self.q3 + factor * self.iqr).quantize(PLACES)
        return (self.q1 - factor * self.iqr).quantize(PLACES)


def quantile(ordered: Sequence[Decimal], p: Decimal) -> Decimal:
    """The p-quantile of sorted values (type 7); the values must not be empty."""
    h = (len(ordered) - 1) * p
    lo = int(h)
    frac = h - lo
    if lo + 1 >= len(ordered):
        return ordered[lo]
    return ordered[lo] + frac * (ordered[lo + 1] - ordered[lo])


def spread(values: Sequence[Decimal]) -> Spread | None:
    """The quartiles of `values`, or None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    q = [quantile(ordered, Decimal(p)).quantize(PLACES) for p in ("0.25", "0.5", "0.75")]
    return Spread(len(ordered), q[0], q[1], q[2])
