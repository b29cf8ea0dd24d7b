"""The questions of a new class (班次): the plan before the roster, which import-roster fills later.

The period rule shown is the policy's in force on the class's start, with the project's granted
practical-share exception when it has one, because that is what CLS-PERIODS and CLS-PRACTICAL use.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from generator.intake import ask
from generator.intake.ask import Answers, Question
from generator.intake.scaffold import Scaffold, identifier, next_number, register
from generator.periods import practical_minimum
from generator.records.project import Project
from generator.rules.application import pct

RUNNING = ("selected", "completed")


def _project(raw: str, a: Answers) -> str:
    value = raw.strip()
    rec = a.records.projects.get(value)
    if rec is None:
        raise ValueError(f"项目 {value} 不存在（records/projects/）。可选：{_open(a) or '无已入选项目'}")
    if rec.model.status not in RUNNING:
        raise ValueError(f"项目 {value} 的状态为 {rec.model.status}，只有已入选的项目可以开班（CLS-PROJECT）")
    return value


def _open(a: Answers) -> str:
    return "、".join(sorted(k for k, r in a.records.projects.items() if r.model.status in RUNNING))


def _model(a: Answers) -> Project | None:
    rec = a.records.projects.get(a["project"] or "")
    return rec.model if rec else None


def _class_ids(a: Answers) -> set[str]:
    return set(a.records.classes) | a.records.broken.get("class", set())


def _start(raw: str, a: Answers) -> dt.date:
    day = ask.date(raw, a)
    prj = _model(a)
    term = prj.contract.term if prj and prj.contract else None
    if term is not None and not term.from_ <= day <= term.to:
        raise ValueError(f"开班日期须在协议期限 {term.from_} 至 {term.to} 之内（CLS-PROJECT）")
    return day


def _end(raw: str, a: Answers) -> dt.date:
    day = ask.date(raw, a)
    if day < a["start_on"]:
        raise ValueError(f"结业日期不能早于开班日期 {a['start_on']}")
    return day


def _limits(a: Answers) -> tuple[int, Decimal]:
    policy = a.records.policy_on(a["start_on"] or dt.date.today())
    least, share = (policy.training.min_total_periods, policy.training.min_practical_share) if policy else (
        40, Decimal("0.6"))
    prj = _model(a)
    if prj and prj.practical_share_exception:
        share = prj.practical_share_exception.min_share
    return least, share


def _practical(raw: str, a: Answers) -> int:
    value: int = ask.whole(0)(raw, a)
    least, share = _limits(a)
    total = value + a["theory"]
    need = practical_minimum(a["theory"], least, Decimal(share))  # meets the total and the share at once
    if total < least:
        raise ValueError(f"总课时 {total}，低于 {least} 课时：理论 {a['theory']} 课时时，实操至少需要 {need} 课时"
                         "（通知 四(四)）")
    if Decimal(value) < share * total:
        raise ValueError(f"实操 {value} 课时不到总课时 {total} 的 {pct(share)}，至少需要 {need} 课时（通知 四(四)）")
    return value


def _periods_rule(a: Answers) -> str:
    least, share = _limits(a)
    return f"总课时不低于 {least}，实操不低于 {pct(share)}（通知 四(四)）；1 课时 = 45 分钟"


CLASS = (
    Question("project", "项目编号", _project, rule=lambda a: f"已入选的项目：{_open(a) or '无'}"),
    Question("id", "班次编号", identifier(_class_ids, "班次"), rule=lambda _: "即文件名，如 P2026-001-01",
             default=lambda a: next_number(f"{a['project']}-", _class_ids(a), 2)),
    Question("start_on", "开班日期", _start),
    Question("end_on", "结业日期", _end),
    Question("location", "培训地点", ask.text),
    Question("theory", "理论课时", ask.whole(0), rule=_periods_rule),
    Question("practical", "实操课时", _practical, rule=_periods_rule),
    Question("yunmou_id", "云眸工程监管编号", ask.text, optional=True,
             rule=lambda _: "按规定接入“云眸工程”监管（通知 四(四)）；尚未分配可直接回车，开班前须补填"),
)


def _class(a: Answers) -> dict[str, Any]:
    return {
        "id": a["id"], "project": a["project"], "start_on": a["start_on"], "end_on": a["end_on"],
        "location": a["location"], "periods": {"theory": a["theory"], "practical": a["practical"]},
        "supervision": {"yunmou_id": a["yunmou_id"]}, "evidence": [], "trainees": [],
    }


register(Scaffold("class", CLASS, _class, lambda a: f"classes/{a['start_on'].year}/{a['id']}.yaml"))
