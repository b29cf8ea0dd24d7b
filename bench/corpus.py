"""A deterministic city-scale corpus that is valid by construction (`peixun validate`: no error).

    python -m bench.corpus --size small --out /tmp/corpus

Each project is selected with a full contract and runs its classes one after another; every class
has ended, has evidence, certificates, employment follow-up and the payments the settlement says
are due, so the corpus exercises every rule and the whole settlement. It is also realistic in the
ways that cost time: some trainees attend too little (CLS-ATTENDANCE warnings, so findings need
lines), half the contacts are mobile numbers, some people return a year later for another
occupation, some hold subsidies from outside the system, and a few classes have corrections.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import corpus_reference as ref
from bench.corpus_classes import ProjectPlan, class_files
from bench.yamltext import dump

D = dt.date


@dataclass(frozen=True)
class Size:
    projects: int
    classes_per_project: int
    trainees_per_class: int
    years: int

    @property
    def classes(self) -> int:
        return self.projects * self.classes_per_project

    @property
    def trainees(self) -> int:
        return self.classes * self.trainees_per_class

    @property
    def as_of(self) -> dt.date:
        """After every class of the corpus has ended and every employment window has closed."""
        return D(2026 + self.years + 1, 6, 30)


SIZES: dict[str, Size] = {
    "tiny": Size(projects=3, classes_per_project=2, trainees_per_class=10, years=1),
    "small": Size(projects=20, classes_per_project=3, trainees_per_class=40, years=1),
    "city-year": Size(projects=200, classes_per_project=5, trainees_per_class=40, years=1),
    "city-decade": Size(projects=2000, classes_per_project=5, trainees_per_class=40, years=10),
}


def _schema_ref(rel: str) -> str:
    depth = rel.count("/") + 1  # records/<rel>: from the file's folder up to the repository root
    return "../" * depth + "schemas/{kind}.schema.json"


def _application(plan: ProjectPlan, inst: dict[str, Any], phone: str) -> dict[str, Any]:
    price = plan.price
    a, b = price * 6 // 10, price * 25 // 100
    return {
        "id": plan.application_id, "project_name": plan.name, "institution": inst["uscc"], "district": "滨湖区",
        "submitted_on": plan.submitted_on,
        "catalog": {"in_catalog": plan.code is not None, "occupation_code": plan.code, "level": plan.level},
        "category": plan.category, "field": ref.FIELD_OF[plan.category], "industry_chain": None,
        "contact": {"person": "李联系", "phone": phone, "email": "office@example.cn"},
        "target_groups": list(ref.GROUPS),
        "description": {"industry_status": "本地相关产业持续扩张，技能人才缺口较大。",
                        "skill_demand": "用人单位需要能独立上岗的技能人员。",
                        "goals": f"培训 {plan.quota_trainees} 人，预期就业率 60%。"},
        "curriculum": [{"module": "职业道德与基础知识", "theory_periods": 16, "practical_periods": 0},
                       {"module": "岗位技能实训", "theory_periods": 0, "practical_periods": 32}],
        "evaluation": {"kind": "skill_level_certificate", "body": "无锡示例职业技能等级认定中心"},
        "employers": [{"uscc": plan.employer[0], "name": plan.employer[1], "post": "技能岗位", "positions": 30}],
        "employment_service": "结业后组织专场招聘会，跟踪服务 6 个月。",
        "planned": {"trainees": plan.quota_trainees, "classes": plan.classes, "expected_employment_rate": 0.6},
        "budget": {"unit_price": price, "breakdown": [
            {"item": "师资费", "amount": a}, {"item": "耗材费", "amount": b},
            {"item": "评价费", "amount": price - a - b},
        ]},
        "declaration": {"signed_by": inst["legal_representative"], "signed_on": plan.submitted_on - dt.timedelta(1),
                        "scan_sha256": ref.sha(f"scan-{plan.application_id}")},
    }


def _project(plan: ProjectPlan) -> dict[str, Any]:
    s = plan.submitted_on
    signed = plan.signed_on
    return {
        "id": plan.project_id, "application": plan.application_id, "status": "selected",
        "recommended": {"district": "滨湖区", "on": s + dt.timedelta(10)},
        "review": {"on": s + dt.timedelta(20), "panel": [
            {"name": name, "no_conflict": True,
             "scores": {"industry_match": 21, "job_demand": 21, "capacity": 21, "employment": 22}}
            for name in ("专家甲", "专家乙", "专家丙")
        ], "opinion": "与本地产业需求匹配。"},
        "decided_on": s + dt.timedelta(30), "unit_price": plan.price,
        "quota": {"trainees": plan.quota_trainees, "classes": plan.classes},
        "contract": {
            "number": f"WXRS-{plan.project_id}", "signed_on": signed,
            "term": {"from": signed, "to": signed + dt.timedelta(730)},
            "service_content": f"{plan.name}项目化培训", "quantity": f"{plan.classes} 个班次",
            "quality": "合格率不低于 80%", "price": f"每人 {plan.price} 元",
            "settlement_method": "结业后拨付 80%，就业率达标后拨付剩余部分", "obligations": "按协议约定",
            "liability": "违约按协议第八条处理",
        },
        "practical_share_exception": None, "terminated": None,
    }


def plans(size: Size) -> list[ProjectPlan]:
    per_year = size.projects // size.years
    employers = ref.employers()
    out = []
    for p in range(size.projects):
        year, n = 2026 + p // per_year, p % per_year
        start = D(2026, 4, 10) if year == 2026 else D(year, 1, 10)
        submitted = start + dt.timedelta((n * 7) % 150)
        out.append(ProjectPlan.make(p, year, n + 1, submitted, size, employers[p % len(employers)]))
    return out


def files(size: Size) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every record of the corpus: relative path -> (kind, data)."""
    out: dict[str, tuple[str, dict[str, Any]]] = dict(ref.policies(size.years))
    out["catalog/bench-catalog.yaml"] = ref.catalog()
    out["roles.yaml"] = ref.roles()
    institutions = [ref.institution(k) for k in range(max(2, size.projects // 4))]
    for code, data in institutions:
        out[f"institutions/{code}.yaml"] = ("institution", data)
    all_plans = plans(size)
    per_year = size.projects // size.years
    prior: list[dict[str, Any]] = []
    for p, plan in enumerate(all_plans):
        inst = institutions[p % len(institutions)][1]
        phone = f"139{p:08d}" if p % 2 else "0510-85551234"
        year = plan.submitted_on.year
        out[f"applications/{year}/{plan.application_id}.yaml"] = ("application", _application(plan, inst, phone))
        out[f"projects/{year}/{plan.project_id}.yaml"] = ("project", _project(plan))
        earlier = all_plans[p - per_year] if size.years > 1 and p >= per_year else None
        out.update(class_files(plan, earlier, prior))
    out["prior_subsidies.yaml"] = ("prior_subsidies", {"subsidies": prior})
    return out


def write(size: Size, root: Path) -> int:
    """Write the corpus to `root` (replacing it); returns the number of files."""
    if root.exists():
        shutil.rmtree(root)
    written = 0
    for rel, (kind, data) in files(size).items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(data, _schema_ref(rel).format(kind=kind)), encoding="utf-8")
        written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--out", type=Path, required=True, help="the records folder to write")
    args = parser.parse_args()
    count = write(SIZES[args.size], args.out)
    print(f"{count} files in {os.fspath(args.out)}")


if __name__ == "__main__":
    main()
