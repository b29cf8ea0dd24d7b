"""Pydantic's validation errors, retold in Chinese for someone editing YAML for the first time."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from generator.records.base import PATTERN_HINTS, SHA256_PATTERN
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
        current = inner_model(match.annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", {})
    return [f.alias or n for n, f in fields.items()]


def inner_model(annotation: Any) -> Any:
    """The model a field holds, through `list[...]`, `X | None` and the like (None for a plain
    value): what a field path descends into, here and where the site labels a changed field."""
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def _field_title(model: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    """The Chinese title of the field at `loc`, when the model gives one."""
    current: Any = model
    title: str | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields:
            return None
        match = next((f for n, f in fields.items() if (f.alias or n) == part), None)
        if match is None:
            return None
        title = match.title
        current = inner_model(match.annotation)
    return title


_FULLWIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _fullwidth_hint(value: Any) -> str:
    """Advice when a value holds full-width characters that YAML or a number cannot use."""
    if not isinstance(value, str):
        return ""
    hints: list[str] = []
    if "：" in value:
        hints.append("值里有全角冒号“：”；如果这里本应是“键: 值”，请改为半角冒号加空格“: ”")
    if value.lstrip().startswith(("－", "—", "–")):
        hints.append("如果这是列表项，请以半角减号和空格“- ”开头，而不是全角破折号")
    if re.search(r"[０-９．]", value):
        hints.append(f"值里有全角数字，请改为半角：{unicodedata.normalize('NFKC', value)}")
    elif "\u3000" in value:
        hints.append("值里有全角空格“　”，请改为半角空格或删除")
    return "。" + "；".join(hints) if hints else ""


def _percent(value: str) -> str:
    digits = unicodedata.normalize("NFKC", value).strip().rstrip("%").strip()
    try:
        return str((Decimal(digits) / 100).normalize())
    except InvalidOperation:
        return "0.7"


def _number_as_text(key: str | int, value: int | float) -> str:
    """Advice for a code or phone number YAML read as a number: quote what was written."""
    shown = str(value)
    if isinstance(value, int) and _MOBILE.match(shown):
        return f"请给手机号加引号：{key}: \"{shown}\""
    if isinstance(value, int):
        return (f"请按原文加引号，如 {key}: \"{shown}\"；原文开头若有 0（如区号 0510），YAML 已把 0 去掉，"
                "引号里要把 0 写回")
    return f"请按原文加引号，如 {key}: \"{shown}\"（末尾的 0 若被去掉，请写回）"


def explain(error: ErrorDetails, model: type[BaseModel]) -> str:
    """One pydantic error in Chinese: the field (and its title), what was found, what to write."""
    loc = tuple(error["loc"])
    path = _field_path(loc)
    title = _field_title(model, loc)
    where = f"{path}（{title}）" if title and title != path else path
    return _explain(error, model, loc, where)


def _explain(error: ErrorDetails, model: type[BaseModel], loc: tuple[str | int, ...], where: str) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    hint = _fullwidth_hint(value)
    key = loc[-1] if loc else "值"
    if kind == "missing":
        return f"缺少必填字段 {where}。请补上该字段"
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        allowed = _allowed_fields(model, loc)
        if _FULLWIDTH.search(name):
            return (f"未知字段“{name}”：字段名里有全角字符（如全角空格“　”或全角冒号“：”）。"
                    f"请用半角空格缩进、半角冒号，写作 {unicodedata.normalize('NFKC', name).strip()}")
        fix = f"此处允许的字段：{', '.join(allowed)}" if allowed else "请检查拼写和缩进"
        return f"未知字段 {where}。{fix}"
    if kind == "string_type":
        if isinstance(value, bool):
            return f"{where} 应为文本，实际是布尔值 {str(value).lower()}。请给值加引号，如 {key}: \"{value}\""
        if isinstance(value, int | float):
            fix = _number_as_text(key, value)
            return f"{where} 应为文本，实际是数字 {value}（编码、电话、证书号须写成文本）。{fix}"
        if value is None:
            return f"{where} 不能为空。请填写内容"
        return f"{where} 应为文本，实际是 {_shown(value)}{hint}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where} 应为整数，实际是 {_shown(value)}。请填写不带引号和小数的整数{hint}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{where} 应为 true（是）或 false（否），实际是 {_shown(value)}。请写 true 或 false，不加引号"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact", "date_from_datetime_parsing"):
        return f"{where} 应为日期 YYYY-MM-DD（例如 2026-04-10），实际是 {_shown(value)}{hint}"
    if kind in ("decimal_type", "decimal_parsing", "is_instance_of", "finite_number", "float_type", "float_parsing"):
        if isinstance(value, str) and value.strip().endswith(("%", "％")):
            hint += f"。比例请写成小数，如 {value.strip()} 写作 {_percent(value)}"
        return (f"{where} 应为数字（金额写元，如 1500 或 999.50；比例写小数，如 0.7），"
                f"不加引号和单位，实际是 {_shown(value)}{hint}")
    if kind in ("decimal_max_places", "decimal_max_digits", "decimal_whole_digits"):
        return f"{where} 最多两位小数，实际是 {_shown(value)}。请四舍五入到分，如 999.50"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        shown = "；".join(f"{o}（{label_of(o)}）" for o in options)
        return f"{where} 的值 {_shown(value)} 不在可选范围内。可选：{shown}。请填写括号前的英文标识"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"{where} 应为列表（每项单独一行，以半角“- ”开头），实际是 {_shown(value)}{hint}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{where} 应为“键: 值”形式的映射（下一行起缩进两个半角空格），实际是 {_shown(value)}{hint}"
    if kind in ("too_short", "string_too_short"):
        return f"{where} 不能为空"
    if kind == "string_too_long":
        count = len(value) if isinstance(value, str) else 0
        return (f"{where} 太长：有 {count:,} 个字符，超过上限 {ctx.get('max_length', 0):,} 个字符"
                f"（开头：{_shown(value)}）。请精简，详细材料放在 Git 之外")
    if kind == "too_long":
        count = len(value) if isinstance(value, list | dict) else int(ctx.get("actual_length") or 0)
        return (f"{where} 太长：有 {count:,} 项，超过上限 {ctx.get('max_length', 0):,} 项。"
                "一条记录不会有这么多项，请检查")
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        if pattern in PATTERN_HINTS and pattern != SHA256_PATTERN:
            return f"{where} 格式不对：{_shown(value)}。{PATTERN_HINTS[pattern]}{hint}"
        return f"{where} 格式不对：{_shown(value)}。SHA-256 应为 64 位小写十六进制（0-9、a-f）{hint}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where} 不能小于 {ctx.get('ge', ctx.get('gt'))}，实际是 {_shown(value)}"
    if kind in ("less_than_equal", "less_than"):
        return f"{where} 不能大于 {ctx.get('le', ctx.get('lt'))}，实际是 {_shown(value)}"
    if kind in ("value_error", "assertion_error"):
        reason = str(ctx.get("error") or error.get("msg", ""))
        reason = re.sub(r"^(Value error|Assertion failed), ", "", reason)
        if re.search(r"[\u4e00-\u9fff]", reason):
            return f"{where}：{reason}"
    return f"{where} 的值 {_shown(value)} 不符合要求（类型或格式不对）。请对照 schemas/ 中的说明或编辑器提示修改{hint}"
