"""Frozen facts: what no pull request may change, whoever opens it (CHG-FROZEN).

Payments are made on the facts recorded at the time; editing those facts afterwards would make
the ledger say that money was paid for something else. So, judged by the base revision:
- once a class's `first` installment is paid, its roster, periods, attendance and assessments
  change only through a correction record (`records/corrections/`), never by an edit;
- a paid installment is never edited or removed;
- a decision's `unit_price` and `contract` are frozen once a class of its project has started
  (start_on on or before the date of the head commit);
- a correction record, once merged, is itself a fact: corrected again by a new one, never edited.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from generator.gitops.versions import Version
from generator.records.fieldpath import diff_trees, format_path, same, show

FROZEN_CLASS_PARTS = {"trainees": "花名册、考勤和考核结果", "periods": "课时"}
CORRECTION_HINT = (
    "如确需更正，请由市人社局新增更正记录 records/corrections/<年份>/<编号>.yaml（原值、新值、原因、批准人）"
)


def frozen_class(old: Version, new: Version, paid: dict[str, Any]) -> Iterator[tuple[Version, tuple[Any, ...], str]]:
    """Yield (version to point at, loc, message) for each frozen part of a paid class that changed."""
    class_id = old.stem
    paid_note = f"班次 {class_id} 已于 {show(paid.get('paid_on'))} 拨付首期补贴"
    if new.missing or new.stem != old.stem:
        verb = "删除" if new.missing else "改名"
        yield old, (), f"{paid_note}，班次记录不能{verb}。{CORRECTION_HINT}"
        return
    if old.data is None or new.data is None:
        yield new, (), f"{paid_note}，但{'原' if old.data is None else '新'}版本无法读取，不能确认已冻结的内容未被修改"
        return
    changes = [c for c in diff_trees(old.data, new.data) if c.path.split(".")[0].split("[")[0] in FROZEN_CLASS_PARTS]
    for part, label in FROZEN_CLASS_PARTS.items():
        mine = [c for c in changes if c.path == part or c.path.startswith((f"{part}.", f"{part}["))]
        if not mine:
            continue
        listed = "；".join(f"{c.path}: {show(c.old)} → {show(c.new)}" for c in mine[:3])
        more = f" 等 {len(mine)} 处" if len(mine) > 3 else ""
        yield new, mine[0].loc, f"{paid_note}，{label}已冻结，不能修改（{listed}{more}）。{CORRECTION_HINT}"


def frozen_payments(old: Version, new: Version) -> Iterator[tuple[Version, tuple[Any, ...], str]]:
    """Each paid installment of the old version must still be in the new one, unchanged."""
    old_items = _installments(old.data)
    if not old_items:
        return
    if new.missing or new.stem != old.stem:
        verb = "删除" if new.missing else "改名"
        yield old, (), f"班次 {old.stem} 已有 {len(old_items)} 笔拨付记录，拨付记录不能{verb}"
        return
    remaining = list(_installments(new.data))
    for index, item in enumerate(old_items):
        match = next((i for i, other in enumerate(remaining) if same(other, item)), None)
        if match is not None:
            remaining.pop(match)
            continue
        described = (f"{show(item.get('phase'))} 阶段 {show(item.get('amount'))} 元，{show(item.get('paid_on'))} 拨付，"
                     f"凭证 {show(item.get('voucher'))}")
        loc: tuple[Any, ...] = ("installments", index) if index < len(_installments(new.data)) else ("installments",)
        yield new, loc, f"已拨付的款项不能修改或删除：{described}。如有差错，请另行登记冲正或补拨记录"


def frozen_project(old: Version, new: Version, started: list[tuple[str, Any]]) -> Iterator[
        tuple[Version, tuple[Any, ...], str]]:
    """A started project's price and contract stay as they were when its first class began."""
    first = min(started, key=lambda s: (s[1], s[0]))
    note = f"项目 {old.stem} 的班次 {first[0]} 已于 {first[1]} 开班，成交单价和协议已冻结"
    if new.missing or new.stem != old.stem:
        verb = "删除" if new.missing else "改名"
        yield old, (), f"{note}，项目确定记录不能{verb}"
        return
    if old.data is None or new.data is None:
        yield new, (), f"{note}，但有一个版本无法读取，不能确认成交单价和协议未被修改"
        return
    if not _same_money(old.data.get("unit_price"), new.data.get("unit_price")):
        yield new, ("unit_price",), (f"{note}，不能把成交单价从 {show(old.data.get('unit_price'))} 改为 "
                                     f"{show(new.data.get('unit_price'))}")
    changes = diff_trees(old.data.get("contract"), new.data.get("contract"))
    if changes:
        listed = "；".join(_inside("contract", c.path) for c in changes[:3])
        yield new, ("contract", *changes[0].loc), f"{note}，不能修改协议（{listed}）"


def frozen_correction(old: Version, new: Version) -> Iterator[tuple[Version, tuple[Any, ...], str]]:
    if new.missing or new.stem != old.stem or old.data is None or new.data is None or not same(old.data, new.data):
        yield (new if not new.missing else old), (), (
            f"更正记录 {old.stem} 已经合并，不能修改、改名或删除。如该更正有误，请再新增一条更正记录")


def _installments(data: dict[str, Any] | None) -> list[dict[str, Any]]:
    items = (data or {}).get("installments")
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _same_money(a: Any, b: Any) -> bool:
    """1450 and 1450.00 are the same price; anything else compares as data."""
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in (a, b)):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except InvalidOperation:
            return False
    return same(a, b)


def _inside(root: str, path: str) -> str:
    """A path found by diffing a subtree, written from the record's top."""
    if path == format_path(()):
        return root
    return f"{root}{path}" if path.startswith("[") else f"{root}.{path}"
