"""Money and shares as the bureau writes them, for every Chinese text the project produces.

Lives below both the settlement summary and the site, since data flows one way (settlement →
site) and both must say the same figure the same way.
"""

from __future__ import annotations

from decimal import Decimal


def yuan(value: Decimal | int | str | None) -> str:
    """Money as the bureau writes it: 1,450.00 元 (the settlement report keeps amounts as "1450.00")."""
    if value is None:
        return "—"
    return f"{Decimal(value):,.2f} 元"


def percent(value: Decimal | float) -> str:
    """A policy share as people write it: 0.6 -> 60%, 0.3 -> 30%."""
    return f"{(Decimal(str(value)) * 100).normalize():f}%"
