"""The Chinese label and the declared type of a field path, read from the models.

The models are the source of truth for what a field is called (`成交单价（元/人）`) and what it
holds (money, a date, a choice from a list); the change history on the site and `peixun audit`
both name fields and write values through this, so a field renamed in a model is renamed in both.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel

from generator.records.kinds import KINDS_BY_NAME
from generator.records.labels import RETIRED_FIELD_LABELS, UNKNOWN_FIELD, label_of

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def inner_model(annotation: Any) -> Any:
    """The model inside an annotation (`list[X] | None` -> X), None when there is none."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def field_at(kind: str, path: str) -> tuple[list[str], Any]:
    """The Chinese labels along `path` (list positions and pseudonyms skipped; a mapping's keys by
    their labels) and the annotation of its last field (None when a step is unknown to the model)."""
    current: Any = KINDS_BY_NAME[kind].model if kind in KINDS_BY_NAME else None
    titles, annotation = [], None
    for name in _NAME.findall(re.sub(r"\[[^\]]*\]", "", path)):
        fields = getattr(current, "model_fields", {})
        found = next((f for n, f in fields.items() if name in (n, f.alias)), None)
        if found is None and _is_mapping(annotation):
            titles.append(label_of(name))  # a key of a mapping field (a level: L4 → 四级/中级工)
            annotation = current = None
            continue
        retired = RETIRED_FIELD_LABELS.get(kind, {}).get(name, UNKNOWN_FIELD)
        titles.append(found.title if found is not None and found.title else retired)
        annotation = found.annotation if found is not None else None
        current = inner_model(annotation) if found is not None else None
    return titles, annotation


def _is_mapping(annotation: Any) -> bool:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) is not None and get_origin(annotation) is not dict:
        return any(_is_mapping(a) for a in get_args(annotation) if a is not type(None))
    return get_origin(annotation) is dict


def field_title(kind: str, path: str) -> str:
    """The Chinese labels along a field path, joined by ` · `; a step no model has is named by its
    retired label (`RETIRED_FIELD_LABELS`: a field of an older record format) or as 其他字段,
    never by its raw key."""
    return " · ".join(field_at(kind, path)[0]) or path


def leaf(annotation: Any) -> Any:
    """The scalar type behind an annotation: `list[X]` -> X, `X | None` -> X."""
    while get_origin(annotation) is not None and get_origin(annotation) is not Literal:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
            continue
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            return None
        annotation = args[-1]
    return annotation


def is_money(kind: str, path: str) -> bool:
    """A Decimal field whose label speaks of yuan (`成交单价（元/人）`, `金额（元）`)."""
    titles, annotation = field_at(kind, path)
    return leaf(annotation) is Decimal and bool(titles) and "元" in titles[-1]
