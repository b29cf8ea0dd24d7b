"""Time comes from the ledger: what a change adds after the fact (CHG-LATE, CHG-TERMINATED).

A record says when things happened (a class's `start_on`, a payment's `paid_on`), but its author
writes those dates; so does the author of a commit. What nobody can set is the state of the base
revision (what the ledger already held) and the day the check runs (`generator.clock`, the CI
clock). Both rules below judge by those two alone:

- CHG-LATE: a class must be in the ledger before it starts. The bureau manages the whole course
  of every class and connects it to 云眸 supervision (通知 四(四)); a class that first appears
  after its start date, or whose start is moved to a day already past, was not supervised. It is
  refused unless the bureau admits it by a correction record naming the class (records/corrections/,
  bureau only, approved and reasoned) in the same change or already merged.
- CHG-TERMINATED: nothing new attaches to a project once its termination date has come (通知
  五(二)), whatever dates the new record claims: no class, no roster row (in the class file or as
  a sealed roster to import), no employment month. A payment added to such a project is the
  bureau's own act and is not refused (the settlement already stops at the termination date, so a
  payment can only be for what was due before it), but it is flagged for a second bureau member.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from generator.findings import Finding, Loc, Severity
from generator.gitops.facts import FILE_KINDS
from generator.gitops.snapshot import Snapshot, as_date
from generator.gitops.versions import Change, Version, finding
from generator.records.fieldpath import same, show

ADMISSION_HINT = (
    "如确属补录（例如开班前已报市人社局但漏登记），须由市人社局新增一条指向该班次的更正记录 "
    "records/corrections/<年份>/<编号>.yaml（class 为该班次编号，reason 写明补录原因和监管情况，由市人社局批准），"
    "与班次一并提交或先行合并"
)
CLOCK_NOTE = "（日期以运行检查当天为准，不取提交时间）"


def ledger_time_findings(changes: list[Change], base: Snapshot, head: Snapshot, today: dt.date) -> list[Finding]:
    """CHG-LATE and CHG-TERMINATED for every changed file, judged by the base and by `today`."""
    terminated = _terminated(base, today)
    admitted = {str(d.get("class")) for d in head.all("correction").values()}
    found: list[Finding] = []
    for change in changes:
        new = change.new
        if new.missing:
            continue
        if new.kind == "class" and new.data is not None:
            found.extend(_late(change, base, today, admitted))
        found.extend(_after_termination(change, base, head, terminated))
    return found


def _terminated(base: Snapshot, today: dt.date) -> dict[str, dt.date | None]:
    """Projects of the base revision whose termination has taken effect by `today` → its date."""
    stopped: dict[str, dt.date | None] = {}
    for pid, data in base.all("project").items():
        term = data.get("terminated")
        on = as_date(term.get("on")) if isinstance(term, dict) else None
        if on is not None and on <= today:
            stopped[pid] = on
        elif data.get("status") == "terminated" and on is None:
            stopped[pid] = None  # terminated without a date: in force already
    return stopped


def _late(change: Change, base: Snapshot, today: dt.date, admitted: set[str]) -> Iterator[Finding]:
    new = change.new
    assert new.data is not None
    start = as_date(new.data.get("start_on"))
    if start is None or start >= today or new.stem in admitted:
        return
    known = base.data("class", new.stem) if base.path_of("class", new.stem) is not None else None
    if known is None:
        yield finding("CHG-LATE", new, ("start_on",),
                      f"班次 {new.stem} 首次登记时已经开班：开班日期 {start} 早于登记当天 {today}{CLOCK_NOTE}。"
                      "班次须在开班前登记，市人社局才能对培训全过程进行管理并接入“云眸工程”监管（通知 四(四)），"
                      f"事后登记的班次无法监管，不能据此拨付补贴。{ADMISSION_HINT}")
    elif as_date(known.get("start_on")) != start:
        yield finding("CHG-LATE", new, ("start_on",),
                      f"班次 {new.stem} 的开班日期改为 {start}（原为 {show(known.get('start_on'))}），早于本次修改当天 "
                      f"{today}{CLOCK_NOTE}：开班日期不能事后改到已经过去的日子，否则市人社局按原日期安排的全过程管理"
                      f"和“云眸工程”监管（通知 四(四)）就对不上了。{ADMISSION_HINT}")


def _class_of(version: Version) -> str | None:
    """The class a class, employment, payments or sealed-roster file belongs to."""
    if version.kind in ("class", "employment", "payments"):
        return version.stem
    if version.kind in FILE_KINDS and version.path:
        pattern, group = FILE_KINDS[version.kind]
        parts = PurePosixPath(version.path).parts
        for start in range(len(parts)):
            match = re.fullmatch(pattern, "/".join(parts[start:]))
            if match:
                return match.group(group)
    return None


def _project_of(class_id: str, version: Version, base: Snapshot, head: Snapshot) -> str | None:
    if version.kind == "class" and version.data is not None:
        value = version.data.get("project")
        return value if isinstance(value, str) else None
    for side in (base, head):
        value = (side.data("class", class_id) or {}).get("project")
        if isinstance(value, str):
            return value
    return None


def _after_termination(change: Change, base: Snapshot, head: Snapshot,
                       terminated: dict[str, dt.date | None]) -> Iterator[Finding]:
    new, old = change.new, change.old
    class_id = _class_of(new)
    if class_id is None:
        return
    project = _project_of(class_id, new, base, head)
    if project not in terminated:
        return
    on = terminated[project]
    stopped = f"项目 {project} 已于 {on} 终止" if on is not None else f"项目 {project} 已终止"
    refusal = (f"{stopped}（通知 五(二)），终止后不能再为该项目新增班次、参训人员或就业核验记录，"
               "无论新记录写的是哪一天")
    before = old.data if not old.missing else None
    if new.kind == "class":
        base_project = (base.data("class", class_id) or {}).get("project")
        if base.path_of("class", class_id) is None or base_project != project:
            yield finding("CHG-TERMINATED", new, ("project",),
                          f"{refusal}：班次 {class_id} 是终止后才加入该项目的。请撤回此班次")
            return
        yield from _new_rows(new, before, "trainees", "person", refusal, "参训人员")
    elif new.kind in FILE_KINDS:
        if old.missing or new.raw != old.raw:
            yield finding("CHG-TERMINATED", new, (),
                          f"{refusal}：班次 {class_id} 的加密花名册是终止后提交的，不会再导入。请撤回此文件")
    elif new.kind == "employment":
        yield from _new_months(new, before, refusal)
    elif new.kind == "payments":
        for index, item in _new_items(new.data, before, "installments"):
            yield Finding(path=new.path or "", line=new.line(("installments", index)), rule="CHG-TERMINATED",
                          severity=Severity.WARNING, loc=("installments", index),
                          message=f"{stopped}（通知 五(二)），此处在终止后新增拨付 {show(item.get('amount'))} 元"
                                  f"（{show(item.get('phase'))} 阶段）。终止后只能拨付终止前已达到条件的款项"
                                  "（结算只计到终止前一日），请市人社局另一位成员核对后再合并")


def _items(data: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    items = (data or {}).get(key)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _new_items(data: dict[str, Any] | None, before: dict[str, Any] | None, key: str
               ) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, item) of the items of `data[key]` that `before[key]` does not hold (each matched once)."""
    remaining = _items(before, key)
    for index, item in enumerate(_items(data, key)):
        match = next((i for i, other in enumerate(remaining) if same(other, item)), None)
        if match is None:
            yield index, item
        else:
            remaining.pop(match)


def _new_rows(new: Version, before: dict[str, Any] | None, key: str, id_field: str, refusal: str,
              what: str) -> Iterator[Finding]:
    known = {str(i.get(id_field)) for i in _items(before, key)}
    added = [(index, i) for index, i in enumerate(_items(new.data, key)) if str(i.get(id_field)) not in known]
    if added:
        index, first = added[0]
        loc: Loc = (key, index)
        more = f" 等 {len(added)} 人" if len(added) > 1 else ""
        yield finding("CHG-TERMINATED", new, loc,
                      f"{refusal}：此处新增了{what} {show(first.get(id_field))}{more}。请撤回")


def _new_months(new: Version, before: dict[str, Any] | None, refusal: str) -> Iterator[Finding]:
    known: dict[str, set[str]] = {}
    for record in _items(before, "records"):
        months = record.get("pension_months")
        known.setdefault(str(record.get("person")), set()).update(
            str(m) for m in (months if isinstance(months, list) else []))
    for index, record in enumerate(_items(new.data, "records")):
        months = record.get("pension_months")
        had = known.get(str(record.get("person")), set())
        added = [str(m) for m in (months if isinstance(months, list) else []) if str(m) not in had]
        if added:
            yield finding("CHG-TERMINATED", new, ("records", index, "pension_months"),
                          f"{refusal}：此处为 {show(record.get('person'))} 新增了缴费月份 {'、'.join(added[:3])}"
                          f"{' 等' if len(added) > 3 else ''}。请撤回")
            return
