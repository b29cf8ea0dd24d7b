"""Pydantic's validation errors, retold in Chinese for someone editing YAML for the first time."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from generator.records.labels import label_of


def _field_path(loc: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "（顶层）"


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Names allowed at the mapping that holds `loc[-1]`, to suggest the right spelling."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields:
            return []
        match = next((f for n, f in fields.items() if (f.alias or n) == part), None)
        if match is None:
            return []
        current = _inner_model(match.annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", {})
    return [f.alias or n for n, f in fields.items()]


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def explain(error: ErrorDetails, model: type[BaseModel]) -> str:
    loc = tuple(error["loc"])
    where = _field_path(loc)
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"缺少必填字段 {where}。请补上该字段"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        hint = f"此处允许的字段：{', '.join(allowed)}" if allowed else "请检查拼写"
        return f"未知字段 {where}。{hint}"
    if kind == "string_type":
        if isinstance(value, bool):
            return f"{where} 应为文本，实际是布尔值 {value}。请给值加引号，例如 \"{value}\""
        if isinstance(value, int | float):
            return (
                f"{where} 应为文本，实际是数字 {value}（编码、电话、证书号等会丢失前导 0）。"
                f"请给值加引号，例如 {loc[-1]}: \"0{value}\" 或按原样写在引号内"
            )
        return f"{where} 应为文本，实际是 {_shown(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where} 应为整数，实际是 {_shown(value)}。请填写不带引号和小数的整数"
    if kind in ("bool_type", "bool_parsing"):
        return f"{where} 应为 true 或 false，实际是 {_shown(value)}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact", "date_from_datetime_parsing"):
        return f"{where} 应为日期 YYYY-MM-DD（例如 2026-04-10），实际是 {_shown(value)}"
    if kind in ("decimal_type", "decimal_parsing", "decimal_max_places", "decimal_max_digits", "finite_number"):
        return f"{where} 应为金额或比例（数字，最多两位小数），实际是 {_shown(value)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        shown = "；".join(f"{o}（{label_of(o)}）" for o in options)
        return f"{where} 的值 {_shown(value)} 不在可选范围内。可选：{shown}"
    if kind in ("list_type", "tuple_type"):
        return f"{where} 应为列表（每项以“- ”开头），实际是 {_shown(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{where} 应为“键: 值”形式的映射，实际是 {_shown(value)}"
    if kind in ("too_short", "string_too_short"):
        return f"{where} 不能为空"
    if kind == "string_pattern_mismatch":
        return f"{where} 格式不对：{_shown(value)}，应符合 {ctx.get('pattern')}（SHA-256 为 64 位小写十六进制）"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where} 不能小于 {ctx.get('ge', ctx.get('gt'))}，实际是 {_shown(value)}"
    if kind in ("less_than_equal", "less_than"):
        return f"{where} 不能大于 {ctx.get('le', ctx.get('lt'))}，实际是 {_shown(value)}"
    return f"{where}：{error['msg']}（实际是 {_shown(value)}）"
