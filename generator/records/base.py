"""Shared pieces of the record models: the strict base class and value types.

Models are strict so that YAML's silent conversions become visible: an unquoted `0510...` is the
number 510 to a YAML 1.2 parser, so a number where text belongs must be an error ("quote it"),
never a silently damaged phone number.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

SCHEMA_BASE_URL = "../../schemas"


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _to_date(value: Any) -> Any:
    # YAML gives date objects for unquoted dates; a quoted "2026-04-10" is accepted too, since
    # quoting a date is a harmless habit, not an error.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _to_decimal(value: Any) -> Any:
    # Floats come from YAML as binary approximations; going through str() recovers the decimal
    # literal the user wrote (2600.5 -> "2600.5"), which is what the arithmetic must use.
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return value
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]

Money = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(ge=0, decimal_places=2, allow_inf_nan=False),
    WithJsonSchema({"type": "number", "minimum": 0}),
]

Ratio = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(ge=0, le=1, allow_inf_nan=False),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
]

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]

Text = Annotated[str, Field(min_length=1)]


def labelled_enum(labels: dict[str, str]) -> dict[str, Any]:
    """JSON Schema extras so that editors show the Chinese label beside each identifier."""
    return {"markdownEnumDescriptions": [labels[k] for k in labels], "enumDescriptions": list(labels.values())}
