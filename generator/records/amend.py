"""Applying correction records to the classes they correct, at load time.

Kept apart from the model (`correction.py`) because it needs the loaded record set, and apart from
the rules because every later stage (rules, settlement, site) must see the corrected class: the
rule CLS-CORRECTION only reports the problems found here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from generator.findings import Loc
from generator.records.correction import Correction
from generator.records.fieldpath import MISSING, Step, format_path, get_at, locate, parse_path, same, show
from generator.records.training import TrainingClass
from generator.records.yamlio import ParseProblem

if TYPE_CHECKING:
    from generator.records.loaded import LoadResult
    from generator.records.record_set import Record


def apply_corrections(loaded: LoadResult) -> None:
    """Replace each corrected class's model by its corrected version; problems go to
    `loaded.correction_problems` as (correction path, loc, message)."""
    rs = loaded.records
    bureau = {h.casefold() for h in rs.roles.model.bureau} if rs.roles else None
    by_class: dict[str, list[Record[Correction]]] = defaultdict(list)
    for rec in sorted(rs.corrections.values(), key=lambda r: (r.model.approved_on, r.model.id)):
        if bureau is not None and rec.model.approved_by.casefold() not in bureau:
            loaded.correction_problems.append((rec.path, ("approved_by",),
                f"批准人 {rec.model.approved_by} 不是市人社局账号（roles.yaml 的 bureau）。更正须由市人社局批准"))
            continue
        if rec.model.class_ not in rs.classes:
            if rec.model.class_ not in rs.broken.get("class", set()):
                loaded.correction_problems.append(
                    (rec.path, ("class",), f"班次 {rec.model.class_} 不存在。请核对班次编号"))
            continue
        by_class[rec.model.class_].append(rec)
    for class_id, corrections in by_class.items():
        _amend(loaded, class_id, corrections)


def _amend(loaded: LoadResult, class_id: str, corrections: list[Record[Correction]]) -> None:
    cls_rec = loaded.records.classes[class_id]
    tree = loaded.raw_tree(cls_rec.path)
    if isinstance(tree, ParseProblem):
        return
    applied: list[Record[Correction]] = []
    for rec in corrections:
        problem = _apply_one(tree, rec.model)
        if problem is not None:
            loc, message = problem
            loaded.correction_problems.append((rec.path, loc, message))
        else:
            applied.append(rec)
    if not applied:
        return
    try:
        model = TrainingClass.model_validate(tree)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        for rec in applied:
            loaded.correction_problems.append((rec.path, ("new",),
                f"更正后班次 {class_id} 不再符合格式（{where}：{first['msg']}）。请核对更正后的值"))
        return
    loaded.records.classes[class_id] = replace(cls_rec, model=model)
    loaded.corrected[class_id] = [rec.model.id for rec in applied]


def _apply_one(tree: dict[str, Any], corr: Correction) -> tuple[Loc, str] | None:
    """Apply one correction to the raw class tree in place; or say why it cannot be applied."""
    steps = parse_path(corr.field)
    assert steps is not None  # the model validated the path
    parent_loc = locate(tree, steps[:-1])
    if parent_loc is None:
        return ("field",), f"班次 {corr.class_} 中没有 {format_path(steps[:-1])}。请核对字段路径"
    parent = get_at(tree, parent_loc)
    last: Step = steps[-1]
    index: int | str | None = None  # where the current value sits in `parent`
    if last.key is not None and isinstance(parent, dict):
        index = last.key
    elif last.index is not None and isinstance(parent, list):
        index = last.index if last.index < len(parent) else None
    elif last.person is not None and isinstance(parent, list):
        found = locate(parent, (last,))
        index = found[0] if found else None
    else:
        return ("field",), f"{corr.field} 的上一级不是可更正的字段。请核对字段路径"
    current = parent.get(index, MISSING) if isinstance(parent, dict) else (MISSING if index is None else parent[index])
    expected = None if current is MISSING else current
    if not same(expected, corr.old):
        return ("old",), (
            f"原值 {show(corr.old)} 与班次 {corr.class_} 中 {corr.field} 的现值 {show(expected)} 不一致"
            "（也可能已被更早的更正改过）。请核对原值"
        )
    if isinstance(parent, dict):
        if corr.new is None:
            parent.pop(index, None)
        else:
            parent[index] = corr.new
    elif isinstance(index, int):
        if corr.new is None:
            del parent[index]
        else:
            parent[index] = corr.new
    elif last.person is not None and isinstance(corr.new, dict) and corr.new.get("person") == last.person:
        parent.append(corr.new)  # a trainee left off the roster, added by correction
    else:
        return ("new",), "只能按假名补录花名册中缺少的人员：更正后的值应是 person 为该假名的一条参训人员记录"
    return None
