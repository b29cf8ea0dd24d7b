"""REF: what a record refers to exists, and a policy (and catalog) is in force on its date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.findings import Loc
from generator.records.record_set import Record, RecordSet
from generator.rules.registry import ERROR, Context, Hit, rule

# kind name (as in RecordSet.broken) -> Chinese name and folder, for messages
_TARGETS: dict[str, tuple[str, str]] = {
    "institution": ("培训主体", "institutions"),
    "application": ("申报", "applications"),
    "project": ("项目", "projects"),
    "class": ("班次", "classes"),
}


def _missing(rs: RecordSet, rec: Record[Any], loc: Loc, kind: str, ident: str) -> Iterator[Hit]:
    tables: dict[str, dict[str, Any]] = {
        "institution": rs.institutions, "application": rs.applications,
        "project": rs.projects, "class": rs.classes,
    }
    table = tables[kind]
    if ident in table or ident in rs.broken.get(kind, ()):
        return  # exists (a broken file already has its SCHEMA error)
    name, folder = _TARGETS[kind]
    yield Hit(rec, loc, f"引用的{name}“{ident}”不存在：{folder}/ 目录下没有 {ident}.yaml。"
                        f"请核对编号，或先提交该{name}的文件")


@rule("REF", ERROR, None, "引用的培训主体、申报、项目、班次均存在，且记录日期有生效的政策（及目录）", scope="class")
def references(ctx: Context) -> Iterator[Hit]:
    rs = ctx.records
    for app in rs.applications.values():
        yield from _missing(rs, app, ("institution",), "institution", app.model.institution)
        day = app.model.submitted_on
        if rs.policy_on(day) is None:
            yield Hit(app, ("submitted_on",), f"提交日期 {day} 没有生效的政策文件（policy/ 目录）。"
                                              "请核对提交日期，或由市人社局补充该时期的政策文件")
        if app.model.catalog.in_catalog and rs.catalog_on(day) is None:
            yield Hit(app, ("catalog", "in_catalog"),
                      f"申报为目录内工种，但提交日期 {day} 没有生效的指导目录（catalog/ 目录）。"
                      "请核对提交日期，或由市人社局补充该时期的目录文件")
    for prj in rs.projects.values():
        yield from _missing(rs, prj, ("application",), "application", prj.model.application)
    for cls in rs.classes.values():
        yield from _missing(rs, cls, ("project",), "project", cls.model.project)
        day = cls.model.start_on
        if rs.policy_on(day) is None:
            yield Hit(cls, ("start_on",), f"开班日期 {day} 没有生效的政策文件（policy/ 目录）。"
                                          "请核对开班日期，或由市人社局补充该时期的政策文件")
    for emp in rs.employment.values():
        yield from _missing(rs, emp, ("class",), "class", emp.model.class_)
    for pay in rs.payments.values():
        yield from _missing(rs, pay, ("class",), "class", pay.model.class_)
