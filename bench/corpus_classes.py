"""One project's classes with their rosters, employment follow-up, payments and corrections.

Valid by construction: the payments are the settlement's own arithmetic (docs/settlement.md)
applied to the counts this module decides, so no phase is ever overpaid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from bench import corpus_reference as ref

if TYPE_CHECKING:
    from bench.corpus import Size

FEN = Decimal("0.01")
GRADUATES = ("graduating_student", "school_leaver")
LEVELS = ("L5", "L4", "L3")


@dataclass(frozen=True)
class ProjectPlan:
    index: int
    year: int
    number: int
    submitted_on: dt.date
    classes: int
    trainees: int  # per class
    code: str | None  # catalog occupation code, None for a new project
    level: str | None
    name: str
    category: str
    price: int
    employer: tuple[str, str]

    @classmethod
    def make(cls, p: int, year: int, number: int, submitted_on: dt.date, size: Size,
             employer: tuple[str, str]) -> ProjectPlan:
        slot = p % ref.SLOTS
        code: str | None = None
        level: str | None = None
        if slot < len(ref.OCCUPATIONS):
            code, name, category = ref.OCCUPATIONS[slot]
            level = LEVELS[(p // ref.SLOTS) % len(LEVELS)]
            price = ref.STANDARDS[category][level]
        else:
            name, category = ref.NEW_PROJECTS[slot - len(ref.OCCUPATIONS)]
            price = ref.NEW_CAPS[category] - 200
        return cls(p, year, number, submitted_on, size.classes_per_project, size.trainees_per_class, code, level,
                   name, category, price, employer)

    @property
    def application_id(self) -> str:
        return f"A{self.year}-{self.number:04d}"

    @property
    def project_id(self) -> str:
        return f"P{self.year}-{self.number:04d}"

    @property
    def signed_on(self) -> dt.date:
        return self.submitted_on + dt.timedelta(35)

    @property
    def quota_trainees(self) -> int:
        return self.classes * self.trainees

    def class_id(self, c: int) -> str:
        return f"{self.project_id}-{c + 1:02d}"

    def start_on(self, c: int) -> dt.date:
        return self.signed_on + dt.timedelta(10 + 40 * c)

    def end_on(self, c: int) -> dt.date:
        return self.start_on(c) + dt.timedelta(20)

    def class_number(self, c: int) -> int:
        return self.index * self.classes + c

    def person(self, c: int, j: int) -> str:
        return ref.person(self.class_number(c) * self.trainees + j)


def _money(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _month(day: dt.date, plus: int) -> str:
    index = day.year * 12 + day.month - 1 + plus
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _verified(day: dt.date, plus: int) -> dt.date:
    """The 10th of the month after the pension month: when the bureau verified it."""
    index = day.year * 12 + day.month + plus
    return dt.date(index // 12, index % 12 + 1, 10)


def _trainee(plan: ProjectPlan, c: int, j: int, person: str) -> dict[str, Any]:
    start, k = plan.start_on(c), plan.class_number(c)
    group = ref.GROUPS[(j + c) % len(ref.GROUPS)]
    graduation = dt.date(start.year if start.month < 9 else start.year + 1, 6, 30) if group in GRADUATES else None
    attended = 30 if (k % 10 == 3 and j == 1) else 48 - (j % 3) * 2
    if j % 20 == 19:
        assessment: dict[str, Any] = {"passed": False, "certificate": None}
    else:
        assessment = {"passed": True, "certificate": {
            "kind": "skill_level_certificate", "number_ref": ref.hexname("c_", f"cert-{k}-{j}"),
            "issued_on": plan.end_on(c) + dt.timedelta(5),
        }}
    row: dict[str, Any] = {"person": person, "group": group}
    if graduation is not None:
        row["graduation_on"] = graduation
    row["attended_periods"] = attended
    row["assessment"] = assessment
    return row


def class_files(plan: ProjectPlan, earlier: ProjectPlan | None, prior: list[dict[str, Any]]
                ) -> dict[str, tuple[str, dict[str, Any]]]:
    """The project's classes, employment and payments files (and corrections); appends to `prior`
    the subsidies some trainees received outside the system."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for c in range(plan.classes):
        cid, k = plan.class_id(c), plan.class_number(c)
        start, end = plan.start_on(c), plan.end_on(c)
        people = []
        for j in range(plan.trainees):
            if earlier is not None and c == plan.classes - 1 and j % 10 == 0:
                people.append(earlier.person(0, j + 1))  # back a year later, for another occupation
            else:
                people.append(plan.person(c, j))
                if j % 10 == 5 and c % 2 == 0:
                    prior.append({"person": people[-1], "on": plan.submitted_on - dt.timedelta(300),
                                  "occupation_code": "9-99-99-99", "level": "L5"})
        trainees = [_trainee(plan, c, j, who) for j, who in enumerate(people)]
        year = start.year
        out[f"classes/{year}/{cid}.yaml"] = ("class", {
            "id": cid, "project": plan.project_id, "start_on": start, "end_on": end,
            "location": f"无锡市滨湖区示例路 {plan.index % 97 + 1} 号实训楼",
            "periods": {"theory": 16, "practical": 32},
            "supervision": {"yunmou_id": f"YM-{cid}"},
            "evidence": [
                {"kind": "video", "uri": f"archive://{cid}/day1.mp4", "sha256": ref.sha(f"video-{cid}")},
                {"kind": "image", "uri": f"archive://{cid}/day1.jpg", "sha256": ref.sha(f"image-{cid}")},
            ],
            "trainees": trainees,
        })
        certified = [j for j, t in enumerate(trainees) if t["assessment"]["passed"]]
        issued = end + dt.timedelta(5)
        out[f"employment/{year}/{cid}.yaml"] = ("employment", {"class": cid, "records": [
            {"person": people[j], "employer": plan.employer[0],
             "pension_months": [_month(issued, m) for m in range(1, 5)],
             "verified_on": {_month(issued, m): _verified(issued, m) for m in range(1, 5)}}
            for j in certified if j % 5 < 3
        ]})
        counted = len(certified) - (1 if k % 10 == 3 else 0)  # the trainee who attended too little
        total = Decimal(plan.price * counted)
        first = _money(Decimal("0.8") * total)
        paid_later = issued + dt.timedelta(200)
        out[f"payments/{year}/{cid}.yaml"] = ("payments", {"class": cid, "installments": [
            {"phase": "first", "amount": first, "paid_on": end + dt.timedelta(30), "voucher": f"PAY-{cid}-1"},
            {"phase": "remainder", "amount": total - first, "paid_on": paid_later, "voucher": f"PAY-{cid}-2"},
            {"phase": "bonus", "amount": _money(Decimal("0.2") * plan.price * counted), "paid_on": paid_later,
             "voucher": f"PAY-{cid}-3"},
        ]})
        if k % 50 == 7:
            out[f"corrections/{year}/C{k:06d}.yaml"] = ("correction", {
                "id": f"C{k:06d}", "class": cid, "field": f"trainees[{people[3]}].attended_periods",
                "old": trainees[3]["attended_periods"], "new": 47,
                "reason": "签到表复核：第 3 名参训人员缺勤 1 课时", "approved_by": ref.BUREAU,
                "approved_on": end + dt.timedelta(60),
                "evidence": [{"kind": "document", "uri": f"archive://{cid}/sign-in.pdf",
                              "sha256": ref.sha(f"sign-in-{cid}")}],
            })
    return out
