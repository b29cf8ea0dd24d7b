"""Frozen facts: what no pull request may change, whoever opens it (CHG-FROZEN).

Payments are made on the facts recorded at the time; editing those facts afterwards would make
the ledger say that money was paid for something else. Which fields freeze and when is the table
in `facts.py`; judged by the base revision:
- once a class's `first` installment is paid, its project, dates, location, supervision, periods
  and roster (attendance, assessments) change only through a correction record
  (`records/corrections/`), never by an edit, and the class is never deleted or renamed;
- a paid installment is never edited or removed;
- a decision's `unit_price`, `contract` and `application` are frozen once a class of its project
  has started (start_on on or before the day the check runs, the CI clock of `generator.clock`;
  never a commit's date, which whoever makes the commit chooses);
- once a decision record names an application, what the experts judged is frozen for the
  institution (the bureau may still correct it);
- a correction record, once merged, is itself a fact: corrected again by a new one, never edited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from generator.gitops.facts import Fact, Freeze, fact_for
from generator.gitops.versions import Version
from generator.records.fieldpath import FieldChange, diff_trees, same, show

Hit = tuple[Version, tuple[Any, ...], str]
CORRECTION_HINT = (
    "如确需更正，请由市人社局新增更正记录 records/corrections/<年份>/<编号>.yaml（原值、新值、原因、批准人）"
)


def top(change: FieldChange) -> str:
    """The top-level field a change is in (`trainees[p_..].x` → `trainees`)."""
    return change.path.split(".")[0].split("[")[0]


def changed_facts(old: Version, new: Version, kind: str, wanted: Callable[[Fact], bool]) -> list[
        tuple[Fact, list[FieldChange]]]:
    """The rows of the facts table (for `kind`, those `wanted`) whose fields differ between the two
    versions, each with its changes; a price written as 1450 or 1450.00 is the same price."""
    assert old.data is not None and new.data is not None
    found: dict[Fact, list[FieldChange]] = {}
    for c in diff_trees(old.data, new.data):
        fact = fact_for(kind, top(c))
        if fact is not None and wanted(fact) and not _same_money(c.old, c.new):
            found.setdefault(fact, []).append(c)
    return list(found.items())


def listed(changes: list[FieldChange]) -> str:
    text = "；".join(f"{c.path}: {show(c.old)} → {show(c.new)}" for c in changes[:3])
    return text + (f" 等 {len(changes)} 处" if len(changes) > 3 else "")


def _frozen_fields(old: Version, new: Version, freeze: Freeze, note: str, hint: str) -> Iterator[Hit]:
    for fact, mine in changed_facts(old, new, new.kind or old.kind or "", lambda f: f.freeze is freeze):
        yield new, mine[0].loc, f"{note}，{fact.label}已冻结，不能修改（{listed(mine)}）。{hint}"


def frozen_class(old: Version, new: Version, paid: dict[str, Any]) -> Iterator[Hit]:
    """Yield (version to point at, loc, message) for each frozen part of a paid class that changed."""
    class_id = old.stem
    paid_note = f"班次 {class_id} 已于 {show(paid.get('paid_on'))} 拨付首期补贴"
    if new.missing or new.stem != old.stem or new.kind != old.kind:
        verb = "删除" if new.missing else "改名"
        yield old, (), f"{paid_note}，班次记录不能{verb}。{CORRECTION_HINT}"
        return
    if old.data is None or new.data is None:
        yield new, (), f"{paid_note}，但{'原' if old.data is None else '新'}版本无法读取，不能确认已冻结的内容未被修改"
        return
    yield from _frozen_fields(old, new, Freeze.PAID, paid_note, CORRECTION_HINT)


def frozen_sealed(old: Version, new: Version, paid: dict[str, Any]) -> Iterator[Hit]:
    """A paid class's sealed roster is frozen whole (it cannot be read here, only compared)."""
    if new.missing or new.path != old.path or new.raw != old.raw:
        yield (old if new.missing else new), (), (
            f"班次 {old.stem} 已于 {show(paid.get('paid_on'))} 拨付首期补贴，加密花名册已冻结，不能修改、改名或删除。"
            f"{CORRECTION_HINT}")


def frozen_application(old: Version, new: Version, decisions: list[str]) -> Iterator[Hit]:
    """What the experts judged, frozen for the institution once a decision record names it."""
    note = f"申报 {old.stem} 已进入推荐、评审或确定程序（项目记录 {'、'.join(decisions)}）"
    hint = "如确需修改，请在拉取请求中说明理由，由市人社局审核后修改"
    if old.data is None or new.data is None:
        yield new, (), f"{note}，但有一个版本无法读取，不能确认评审依据的内容未被修改"
        return
    yield from _frozen_fields(old, new, Freeze.DECIDED, note, hint)


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


def frozen_project(old: Version, new: Version, started: list[tuple[str, Any]]) -> Iterator[Hit]:
    """A started project's price, contract and application stay as they were when its first class began."""
    first = min(started, key=lambda s: (s[1], s[0]))
    note = f"项目 {old.stem} 的班次 {first[0]} 已于 {first[1]} 开班，成交单价和协议已冻结"
    if new.missing or new.stem != old.stem or new.kind != old.kind:
        verb = "删除" if new.missing else "改名"
        yield old, (), f"{note}，项目确定记录不能{verb}"
        return
    if old.data is None or new.data is None:
        yield new, (), f"{note}，但有一个版本无法读取，不能确认成交单价和协议未被修改"
        return
    yield from _frozen_fields(old, new, Freeze.STARTED, note, "如确需变更，请新增更正记录或终止后重新确定项目")


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
