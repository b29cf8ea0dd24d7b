"""From data to a checked model, and from a model to the text of its record file.

Every record the project writes itself (the sample, the tests' world, the benchmark corpus, a new
jurisdiction's policy) goes through `build`: the model decides what is a record, so a generator
cannot drift from what loading accepts. Two refusals are the factory's own, because the models
accept them from hand-written YAML: a float (a binary approximation: money and ratios are given as
`Decimal` or `int`, so `0.1 + 0.2` never slips into a file) and, through the models' strictness,
any field they do not define.

A model becomes a file's tree by walking its fields in the model's order, writing the fields that
were given (an explicit `None` is written as `null`; a field left to its default is not written),
and quoting the codes that the record contract says must be quoted, so that a USCC, a phone number,
a month or a voucher never reaches a reader as a number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.errors import RecordBuildError
from generator.records.call import CallContact
from generator.records.institution import Application, CatalogChoice, Contact, Employer, Institution, Qualification
from generator.records.kinds import KINDS, RecordKind
from generator.records.reference import Occupation, PriorSubsidy
from generator.records.training import EmploymentRecord, Installment
from generator.records.writer import write_record

M = TypeVar("M", bound=BaseModel)

# Fields written in double quotes: codes that a YAML reader could otherwise take for a number, a
# date or a sexagesimal (0510-…, 2026-09, 4-10-01-05), as the record contract asks ("须加引号").
QUOTED_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    Institution: frozenset({"uscc"}),
    Qualification: frozenset({"number"}),
    Application: frozenset({"institution"}),
    CatalogChoice: frozenset({"occupation_code"}),
    Contact: frozenset({"phone"}),
    CallContact: frozenset({"phone"}),
    Employer: frozenset({"uscc"}),
    EmploymentRecord: frozenset({"employer", "pension_months"}),
    Installment: frozenset({"voucher"}),
    Occupation: frozenset({"code"}),
    PriorSubsidy: frozenset({"occupation_code"}),
}
# Mappings whose keys are quoted codes: the months of `verified_on`.
QUOTED_KEYS: dict[type[BaseModel], frozenset[str]] = {EmploymentRecord: frozenset({"verified_on"})}

KIND_OF_MODEL: dict[type[BaseModel], RecordKind] = {k.model: k for k in KINDS}


def refuse_floats(data: Any, where: str) -> None:
    """Raise if `data` holds a float anywhere (models already built are trusted: they were checked)."""
    if isinstance(data, float):
        raise RecordBuildError(
            f"记录工厂拒绝生成 {where}：{data!r} 是浮点数。金额、比例和评分须用 Decimal（如 Decimal(\"0.6\")）或整数，"
            "以免二进制近似值进入记录"
        )
    if isinstance(data, Mapping):
        for key, value in data.items():
            refuse_floats(value, f"{where}.{key}")
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            refuse_floats(value, f"{where}[{i}]")


def _explain(error: ValidationError) -> str:
    return "；".join(f"{'.'.join(str(p) for p in e['loc']) or '（整条记录）'}：{e['msg']}" for e in error.errors())


def build(model: type[M], data: Mapping[str, Any]) -> M:
    """`data` (keys by the records' spelling, `class` and `from` included) as a checked `model`."""
    refuse_floats(data, model.__name__)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise RecordBuildError(f"记录工厂拒绝生成 {model.__name__}：{_explain(error)}") from None


def given(**fields: Any) -> dict[str, Any]:
    """The fields that are not None: optional parts that a record leaves out rather than writes as null."""
    return {k: v for k, v in fields.items() if v is not None}


# -- the tree of a record file ------------------------------------------------------------------------

def record_tree(model: BaseModel, *, quote_codes: bool = True) -> dict[str, Any]:
    """The file's tree: given fields in the model's order, aliases as keys, codes quoted, money and
    ratios as numbers (integers stay integers), dates as fresh objects (a shared object would be
    written as a YAML anchor and alias). `quote_codes=False` leaves the quoting to the YAML writer
    (only where a code would not read back as text), as a hand-written file often has it."""
    cls = type(model)
    quoted = QUOTED_FIELDS.get(cls, frozenset()) if quote_codes else frozenset()
    quoted_keys = QUOTED_KEYS.get(cls, frozenset()) if quote_codes else frozenset()
    out: dict[str, Any] = {}
    given_fields = model.model_fields_set
    for name, info in cls.model_fields.items():
        if name in given_fields:
            out[info.alias or name] = _value(getattr(model, name), name in quoted, name in quoted_keys, quote_codes)
    return out


def _value(value: Any, quote: bool, quote_keys: bool, quote_codes: bool) -> Any:
    if isinstance(value, BaseModel):
        return record_tree(value, quote_codes=quote_codes)
    if isinstance(value, str):
        return DoubleQuotedScalarString(value) if quote else str(value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        # shortest exact form: 1450, 0.6, 5220.5 (at most two places, so the float's repr is exact)
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, list | tuple):
        return [_value(v, quote, False, quote_codes) for v in value]
    if isinstance(value, dict):
        return {(DoubleQuotedScalarString(k) if quote_keys else k): _value(v, quote, False, quote_codes)
                for k, v in value.items()}
    raise RecordBuildError(f"记录工厂无法写出 {type(value).__name__} 类型的值：{value!r}")


def document(model: BaseModel, head: str | None = None, notes: Mapping[str, str] | None = None, *,
             quote_codes: bool = True) -> CommentedMap:
    """The tree with a comment at the top and a Chinese comment above some top-level keys."""
    doc = CommentedMap(record_tree(model, quote_codes=quote_codes))
    if head:
        doc.yaml_set_start_comment(head)
    for key, note in (notes or {}).items():
        if key not in doc:
            raise RecordBuildError(f"注释所对应的字段 {key} 不在记录中")
        doc.yaml_set_comment_before_after_key(key, before=note, indent=0)
    return doc


def kind_of(model: BaseModel) -> RecordKind:
    try:
        return KIND_OF_MODEL[type(model)]
    except KeyError:
        raise RecordBuildError(f"{type(model).__name__} 不是一种记录（只有整条记录才能写成文件）") from None


def write(model: BaseModel, record_file: Path, schemas_dir: Path, *, head: str | None = None,
          notes: Mapping[str, str] | None = None) -> Path:
    """Write one record with the project's writer (schema comment first, stable key order, atomic)."""
    write_record(kind_of(model), document(model, head, notes), record_file, schemas_dir)
    return record_file
