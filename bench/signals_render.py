"""The records of one signals-corpus project or class, drawn from its own seeded stream.

Each class draws from `random.Random` seeded by the corpus seed and the class id, so that planting
a case in one class (its `Override`) changes that class's records and nobody else's.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bench import corpus_reference as ref
from generator import factory
from generator.records.institution import Application, Institution
from generator.records.project import Project

GRADUATES = ("graduating_student", "school_leaver")
MIN_ATTENDANCE = Decimal("0.7")  # 通知 四(四)
WINDOW = 6  # months after the certificate (通知 四(五))


@dataclass(frozen=True)
class ProjectPlan:
    index: int
    institution: int  # index into the skeleton's institutions
    year: int
    number: int
    submitted_on: dt.date
    code: str | None  # catalog occupation code, None for a new project
    level: str | None
    name: str
    category: str
    price: int
    cap: int  # the catalog standard for the level, or the new-project cap of the category
    partners: tuple[tuple[str, str], ...]  # the employers named in the application
    classes: int

    @property
    def application_id(self) -> str:
        return f"A{self.year}-{self.number:04d}"

    @property
    def project_id(self) -> str:
        return f"P{self.year}-{self.number:04d}"

    @property
    def signed_on(self) -> dt.date:
        return self.submitted_on + dt.timedelta(35)


@dataclass
class Override:
    """What a planted case changes in one class; the default changes nothing."""

    attendance: str | None = None  # "uniform": everybody the same periods; "minimum": everybody at 70 %
    cert_day: dt.date | None = None  # every certificate issued on this day
    cert_end_day: bool = False  # every certificate issued the day the class ends
    employed_exact: Decimal | None = None  # exactly the fewest stable employed that reach this rate
    employer: str | None = None  # the employer that takes `employer_share` of the employed
    employer_share: float = 1.0
    pension_stop: bool = False  # the override employer stops paying after exactly 3 months
    all_pass: bool = False  # everybody passes (so that an exact employment count is reachable)
    evidence_missing: bool = False
    late_admission: bool = False  # admitted after its start by a bureau correction (CHG-LATE)
    correction: bool = False


@dataclass
class ClassPlan:
    id: str
    project: ProjectPlan
    start_on: dt.date
    end_on: dt.date
    theory: int
    practical: int
    size: int
    people: list[str] = field(default_factory=list)
    over: Override = field(default_factory=Override)

    @property
    def total(self) -> int:
        return self.theory + self.practical


def application(plan: ProjectPlan, inst: Institution, size: int) -> Application:
    price = plan.price
    a, b = price * 6 // 10, price * 25 // 100
    quota = plan.classes * size
    return factory.application(
        id=plan.application_id, project_name=plan.name, institution=inst.uscc, district="滨湖区",
        submitted_on=plan.submitted_on, occupation_code=plan.code, level=plan.level, category=plan.category,
        field=ref.FIELD_OF[plan.category], contact=("李联系", "0510-85551234", "office@example.cn"),
        target_groups=ref.GROUPS,
        description=("本地相关产业持续扩张，技能人才缺口较大。", "用人单位需要能独立上岗的技能人员。",
                     f"培训 {quota} 人，预期就业率 60%。"),
        curriculum=[("职业道德与基础知识", 16, 0), ("岗位技能实训", 0, 32)],
        evaluation=("skill_level_certificate", "无锡示例职业技能等级认定中心"),
        employers=[factory.employer(uscc, name, "技能岗位", 30) for uscc, name in plan.partners],
        employment_service="结业后组织专场招聘会，跟踪服务 6 个月。",
        planned=(quota, plan.classes, Decimal("0.6")),
        budget=[("师资费", a), ("耗材费", b), ("评价费", price - a - b)],
        declaration=(inst.legal_representative, plan.submitted_on - dt.timedelta(1),
                     ref.sha(f"scan-{plan.application_id}")),
    )


def project(plan: ProjectPlan, size: int) -> Project:
    s, signed = plan.submitted_on, plan.signed_on
    return factory.project(
        id=plan.project_id, application=plan.application_id, status="selected",
        recommended=("滨湖区", s + dt.timedelta(10)),
        review=factory.review(on=s + dt.timedelta(20), opinion="与本地产业需求匹配。", panel=[
            factory.expert(name, (21, 21, 21, 22)) for name in ("专家甲", "专家乙", "专家丙")]),
        decided_on=s + dt.timedelta(30), unit_price=plan.price, quota=(plan.classes * size, plan.classes),
        contract=factory.contract(
            number=f"WXRS-{plan.project_id}", signed_on=signed, term=(signed, signed + dt.timedelta(730)),
            service_content=f"{plan.name}项目化培训", quantity=f"{plan.classes} 个班次", quality="合格率不低于 80%",
            price=f"每人 {plan.price} 元", settlement_method="结业后拨付 80%，就业率达标后拨付剩余部分",
            obligations="按协议约定", liability="违约按协议第八条处理"),
    )


def month_of(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _verified(index: int) -> dt.date:
    """The 10th of the month after the pension month: when the bureau verified it."""
    after = index + 1
    return dt.date(after // 12, after % 12 + 1, 10)


def _graduation(start: dt.date) -> dt.date:
    return dt.date(start.year if start.month < 9 else start.year + 1, 6, 30)


def _certificate_days(cls: ClassPlan, rng: random.Random) -> tuple[dt.date, dt.date | None]:
    """The day the class's certificates are issued, and a second day for a later batch (or None)."""
    o = cls.over
    if o.cert_day is not None:
        return o.cert_day, None
    if o.cert_end_day:
        return cls.end_on, None
    first = cls.end_on + dt.timedelta(0 if rng.random() < 0.004 else rng.randint(3, 45))
    return first, (first + dt.timedelta(rng.randint(5, 20)) if rng.random() < 0.15 else None)


def _attended(cls: ClassPlan, rng: random.Random, mean: float) -> int:
    total = cls.total
    if cls.over.attendance == "uniform":
        return total - 2
    if cls.over.attendance == "minimum":
        return math.ceil(MIN_ATTENDANCE * total)
    if rng.random() < 0.3:
        return total
    return max(0, min(total, round(total * rng.gauss(mean, 0.07))))


def _roster(cls: ClassPlan, rng: random.Random, quality: tuple[float, float, float, float]
            ) -> list[dict[str, Any]]:
    attendance, pass_rate, _, _ = quality
    mean = min(0.99, rng.gauss(attendance, 0.02))
    first, second = _certificate_days(cls, rng)
    rows = []
    for who in cls.people:
        group = ref.GROUPS[rng.randrange(len(ref.GROUPS))]
        row: dict[str, Any] = {"person": who, "group": group}
        if group in GRADUATES:
            row["graduation_on"] = _graduation(cls.start_on)
        row["attended_periods"] = _attended(cls, rng, mean)
        issued = second if second is not None and rng.random() < 0.3 else first
        if cls.over.all_pass or rng.random() < pass_rate:
            row["assessment"] = {"passed": True, "certificate": {
                "kind": "skill_level_certificate", "number_ref": ref.hexname("c_", f"signals-{cls.id}-{who}"),
                "issued_on": issued}}
        else:
            row["assessment"] = {"passed": False, "certificate": None}
        rows.append(row)
    return rows


def _run_length(rng: random.Random) -> int:
    draw = rng.random()
    return 3 if draw < 0.10 else rng.randint(4, 5) if draw < 0.22 else rng.randint(6, 14)


def _employment(cls: ClassPlan, rows: list[dict[str, Any]], rng: random.Random, rate: float,
                as_of: dt.date) -> list[dict[str, Any]]:
    o = cls.over
    certified = [r for r in rows if r["assessment"]["passed"]]
    class_rate = min(0.95, max(0.0, rng.gauss(rate, 0.1)))
    if o.employed_exact is not None:
        need = math.ceil(o.employed_exact * len(rows))
        stable = {id(r) for r in rng.sample(certified, min(need, len(certified)))}
    else:
        stable = {id(r) for r in certified if rng.random() < class_rate}
    last = month_of(as_of) - 1
    records = []
    for r in certified:
        cert_month = month_of(r["assessment"]["certificate"]["issued_on"])
        if id(r) in stable:
            start = cert_month + (1 if rng.random() < 0.85 else 2)
            length = _run_length(rng)
        elif o.employed_exact is None and rng.random() < 0.12:
            start, length = cert_month + rng.randint(1, 4), rng.randint(1, 2)
        else:
            continue
        if o.employer is not None and rng.random() < o.employer_share:
            employer = o.employer
            if o.pension_stop and rng.random() < 0.9 and length >= 3:
                length = 3
        elif rng.random() < 0.35:
            employer = rng.choice(cls.project.partners)[0]
        else:
            employer = ref.uscc("91", 70000 + rng.randrange(400))
        months = [m for m in range(start, start + length) if m <= last]
        records.append({"person": r["person"], "employer": employer,
                        "pension_months": [month_text(m) for m in months],
                        "verified_on": {month_text(m): _verified(m) for m in months}})
    return records


def _evidence(cls: ClassPlan, rng: random.Random) -> list[dict[str, Any]]:
    items = [{"kind": "video", "uri": f"archive://{cls.id}/day1.mp4", "sha256": ref.sha(f"signals-video-{cls.id}")},
             {"kind": "image", "uri": f"archive://{cls.id}/day1.jpg", "sha256": ref.sha(f"signals-image-{cls.id}")}]
    if rng.random() < 0.3:
        items.append({"kind": "document", "uri": f"archive://{cls.id}/sign-in.pdf",
                      "sha256": ref.sha(f"signals-sign-{cls.id}")})
    return items[1:] if cls.over.evidence_missing else items


def _corrections(cls: ClassPlan, rows: list[dict[str, Any]], rng: random.Random, rate: float
                 ) -> dict[str, tuple[str, dict[str, Any]]]:
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    year = cls.start_on.year
    if cls.over.late_admission or rng.random() < 0.005:
        cid = f"C{cls.id}-L"
        out[f"corrections/{year}/{cid}.yaml"] = ("correction", {
            "id": cid, "class": cls.id, "field": "periods.theory", "old": cls.theory, "new": cls.theory,
            "reason": "补录班次：开班前已书面报备并接入云眸工程监管，漏登记", "approved_by": ref.BUREAU,
            "approved_on": cls.start_on + dt.timedelta(2)})
    if (cls.over.correction or rng.random() < rate) and rows:
        row = rows[rng.randrange(len(rows))]
        old = row["attended_periods"]
        cid = f"C{cls.id}-1"
        out[f"corrections/{year}/{cid}.yaml"] = ("correction", {
            "id": cid, "class": cls.id, "field": f"trainees[{row['person']}].attended_periods",
            "old": old, "new": old - 1 if old > 0 else 1,
            "reason": "签到表复核：出勤课时登记有误", "approved_by": ref.BUREAU,
            "approved_on": cls.end_on + dt.timedelta(60),
            "evidence": [{"kind": "document", "uri": f"archive://{cls.id}/sign-in-review.pdf",
                          "sha256": ref.sha(f"signals-review-{cls.id}")}]})
    return out


def class_files(cls: ClassPlan, quality: tuple[float, float, float, float], as_of: dt.date, seed: int
                ) -> dict[str, tuple[str, dict[str, Any]]]:
    """The class, its employment follow-up and its corrections."""
    rng = random.Random(f"signals-class:{seed}:{cls.id}")
    rows = _roster(cls, rng, quality)
    year = cls.start_on.year
    out: dict[str, tuple[str, dict[str, Any]]] = {
        f"classes/{year}/{cls.id}.yaml": ("class", {
            "id": cls.id, "project": cls.project.project_id, "start_on": cls.start_on, "end_on": cls.end_on,
            "location": f"无锡市滨湖区示例路 {cls.project.institution + 1} 号实训楼",
            "periods": {"theory": cls.theory, "practical": cls.practical},
            "supervision": {"yunmou_id": f"YM-{cls.id}"},
            "evidence": _evidence(cls, rng), "trainees": rows}),
        f"employment/{year}/{cls.id}.yaml": ("employment", {
            "class": cls.id, "records": _employment(cls, rows, rng, quality[2], as_of)}),
    }
    out.update(_corrections(cls, rows, rng, quality[3]))
    return out
