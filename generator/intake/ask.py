"""Questions for `peixun new`: what to ask, the rule to show with it, and how to read the answer.

The same question list drives the interactive prompts and the `--option` / `--no-input` mode, so
that both apply the same rules. A parser raises `ValueError` with a Chinese message; the caller
asks again (interactive) or stops with a usage error naming the option (non-interactive).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

from generator.records.base import date_range_problem
from generator.records.record_set import RecordSet
from generator.rules.application import phone_ok
from generator.rules.institution import uscc_problem


@dataclass
class Answers:
    """The answers so far (parsed values) and the records they are checked against."""

    records: RecordSet
    values: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # shown before the record is written

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name)


Rule = Callable[[Answers], str | None]
Parse = Callable[[str, Answers], Any]


def _none(_: Answers) -> None:
    return None


def _always(_: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    name: str  # the answer's key; the option is --name with '-' for '_'
    prompt: str  # the field's Chinese label
    parse: Parse
    rule: Rule = _none  # the rule shown with the prompt, computed from earlier answers
    default: Rule = _none
    ask: Callable[[Answers], bool] = _always  # irrelevant questions (industry chain of a priority field) are skipped
    multiple: bool = False  # a list: one item per answer, a blank answer ends it
    optional: bool = False  # a blank answer is allowed (gives None, or [] for a list)
    finish: Callable[[list[Any], Answers], str | None] | None = None  # checks a whole list
    warn: bool = False  # what `finish` says is a warning to confirm, not a refusal

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


def text(raw: str, _: Answers) -> str:
    value = raw.strip()
    if not value:
        raise ValueError("不能为空")
    return value


def date(raw: str, _: Answers) -> dt.date:
    value = raw.strip().replace("/", "-")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"“{raw}”不是日期，请写作 YYYY-MM-DD，如 2026-04-10") from None
    problem = date_range_problem(day)
    if problem is not None:
        raise ValueError(problem)
    return day


def whole(minimum: int) -> Parse:
    def parse(raw: str, _: Answers) -> int:
        if not re.fullmatch(r"\d+", raw.strip()):
            raise ValueError(f"“{raw}”不是整数")
        value = int(raw)
        if value < minimum:
            raise ValueError(f"不能小于 {minimum}")
        return value
    return parse


def money(raw: str, _: Answers) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise ValueError(f"“{raw}”不是金额，请填写数字，如 1000 或 999.50") from None
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValueError("金额应为非负数，最多两位小数")
    return value


def ratio(raw: str, _: Answers) -> Decimal:
    text_value = raw.strip()
    try:
        value = Decimal(text_value[:-1]) / 100 if text_value.endswith("%") else Decimal(text_value)
    except InvalidOperation:
        raise ValueError(f"“{raw}”不是比例，请写作 0.6 或 60%") from None
    if not 0 <= value <= 1:
        raise ValueError("应在 0 到 1 之间（或 0% 到 100%）")
    return value.normalize()


def short_labels(label: str) -> list[str]:
    """The ways people write a label: in full, without its bracketed note, each half of an "A/B"
    label ("其他（须注明…）" -> "其他"; "五级/初级工" -> "五级", "初级工")."""
    bare = re.split(r"[（(]", label, maxsplit=1)[0].strip()
    return [label, bare, *(part.strip() for part in bare.split("/") if part.strip())]


def choice(labels: dict[str, str], allowed: Callable[[Answers], list[str]] | None = None) -> Parse:
    """An identifier given as itself, as its Chinese label (in full or short), or as its number in
    the list shown."""
    def parse(raw: str, answers: Answers) -> str:
        keys = allowed(answers) if allowed else list(labels)
        value = raw.strip()
        if value.isdigit() and 1 <= int(value) <= len(keys):
            return keys[int(value) - 1]
        for key in keys:
            if value.lower() == key.lower() or value in short_labels(labels[key]):
                return key
        known = [k for k in labels if value.lower() == k.lower() or value in short_labels(labels[k])]
        if known:
            raise ValueError(f"“{raw}”（{labels[known[0]]}）在此不可选。可选：{menu(labels, keys)}")
        raise ValueError(f"“{raw}”不在可选范围内。可选：{menu(labels, keys)}")
    return parse


def menu(labels: dict[str, str], keys: list[str] | None = None) -> str:
    """The choices one per line, numbered: each can be answered by number, label or identifier."""
    return "".join(f"\n    {i}) {labels[k]}" for i, k in enumerate(keys or list(labels), start=1))


def yes_no(raw: str, _: Answers) -> bool:
    value = raw.strip().lower()
    if value in ("是", "y", "yes", "true", "1"):
        return True
    if value in ("否", "n", "no", "false", "0"):
        return False
    raise ValueError("请回答“是”或“否”")


def phone(raw: str, _: Answers) -> str:
    value = raw.strip()
    if not phone_ok(value):
        raise ValueError("不是有效的大陆手机或座机号码：手机 11 位（如 13812345678），座机带区号（如 0510-82829088）")
    return value


def email(raw: str, _: Answers) -> str:
    value = raw.strip()
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise ValueError(f"邮箱地址“{value}”格式不正确，如 office@example.cn") from None
    return value


def uscc(raw: str, _: Answers) -> str:
    value = raw.strip().upper()
    problem = uscc_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def sha256(raw: str, _: Answers) -> str:
    """A SHA-256 given as 64 hex digits, or computed from the path of the scanned file."""
    value = raw.strip()
    if re.fullmatch(r"[0-9a-fA-F]{64}", value):
        return value.lower()
    path = Path(value).expanduser()
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    raise ValueError("请填写 64 位十六进制的 SHA-256，或扫描件的文件路径")


def fields(count: int, names: str, separator: str = ",") -> Callable[[str], list[str]]:
    """Split a list item such as '师资费,600' into its parts, saying which parts are expected."""
    def split(raw: str) -> list[str]:
        parts = [p.strip() for p in re.split(f"[{separator}，]", raw)]
        if len(parts) != count or not all(parts):
            raise ValueError(f"应为 {count} 项，用逗号分隔：{names}")
        return parts
    return split
