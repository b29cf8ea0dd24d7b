"""Shared pieces of the record models: the strict base class and value types.

Models are strict so that YAML's silent conversions become visible: an unquoted `0510...` is the
number 510 to a YAML 1.2 parser, so a number where text belongs must be an error ("quote it"),
never a silently damaged phone number.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

SCHEMA_BASE_URL = "../../schemas"


def _no_docstring(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """A model's docstring is written for programmers, in English: it is never the description
    people read in the schemas and docs/records.md (a field's Chinese `description` is)."""
    if model.__doc__ and schema.get("description") == inspect.cleandoc(model.__doc__):
        del schema["description"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, json_schema_extra=_no_docstring)


def _to_date(value: Any) -> Any:
    # YAML gives date objects for unquoted dates; a quoted "2026-04-10" is accepted too, since
    # quoting a date is a harmless habit, not an error.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


# Every date a record or an import may carry lies in this range. Python's dates run from year 1 to
# 9999, and a rule that looks a year back or ahead (the 毕业学年 starts on 1 September of the year
# before graduation) would fail on year 1 or 9999: a date no real training record holds must be a
# located SCHEMA error at the door, never an exception deep in a rule (issue 24: `0001-06-30`).
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def date_range_problem(value: dt.date) -> str | None:
    """The Chinese problem of a date outside the plausible range, or None; one wording for the
    records and the imports."""
    if EARLIEST_DATE <= value <= LATEST_DATE:
        return None
    return (f"日期 {value.isoformat()} 超出合理范围（{EARLIEST_DATE.isoformat()} 至 {LATEST_DATE.isoformat()}）。"
            "请核对年份，写作 YYYY-MM-DD，例如 2026-04-10")


def _in_range(value: dt.date) -> dt.date:
    problem = date_range_problem(value)
    if problem is not None:
        raise ValueError(problem)
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
    AfterValidator(_in_range),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^(19\d\d|20\d\d|2100)-\d{2}-\d{2}$"}),
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

SHA256_PATTERN = r"^[0-9a-f]{64}$"
Sha256 = Annotated[str, Field(pattern=SHA256_PATTERN)]

# Length limits that real forms need, with room to spare, so that a pasted book cannot bloat the
# site (a 6 MB project name once made a 176 MB site): a name or title 100 characters, an address
# or place 200, a code, number or account 64, any other text (descriptions, opinions, reasons)
# 2,000 (the 征集表's boxes hold a few hundred characters).
NAME_MAX = 100
ADDRESS_MAX = 200
CODE_MAX = 64
TEXT_MAX = 2000

Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
Address = Annotated[str, Field(min_length=1, max_length=ADDRESS_MAX)]
Code = Annotated[str, Field(min_length=1, max_length=CODE_MAX)]

# Record ids (A2026-001, P2026-001-01, C2026-001, wuxi-2026-pilot) are file names and table cells:
# they start with a letter or digit and hold only letters, digits, `-`, `_` and `.`, so that none
# can start with a character a spreadsheet runs as a formula (= + - @, tab, CR).
RECORD_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
RecordId = Annotated[str, Field(pattern=RECORD_ID_PATTERN)]

PATTERN_HINTS = {
    SHA256_PATTERN: "SHA-256 为 64 位小写十六进制",
    RECORD_ID_PATTERN: "编号以字母或数字开头，只含字母、数字、连字符“-”、下划线和点，最长 64 个字符，例如 P2026-001-01",
}

# Lists longer than any real record can be: a class's roster, the employment records of a class
# (a trainee may have several employers), the evidence of a class.
MAX_TRAINEES = 1000
MAX_EMPLOYMENT_RECORDS = 5000
MAX_ITEMS = 1000  # evidence, installments, curriculum modules, employers, budget lines, reviewers
MAX_PENSION_MONTHS = 120
MAX_OCCUPATIONS = 20_000
MAX_PRIOR_SUBSIDIES = 2_000_000


def labelled_enum(labels: dict[str, str]) -> dict[str, Any]:
    """JSON Schema extras so that editors show the Chinese label beside each identifier."""
    return {"markdownEnumDescriptions": [labels[k] for k in labels], "enumDescriptions": list(labels.values())}
