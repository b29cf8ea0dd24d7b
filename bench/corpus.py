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
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bench import corpus_reference as ref
from bench.corpus_classes import ProjectPlan, class_files
from generator import factory
from generator.factory.fasttext import bulk_text, model_text
from generator.records.institution import Application, Institution
from generator.records.kinds import KINDS_BY_NAME
from generator.records.project import Project

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


def _application(plan: ProjectPlan, inst: Institution, phone: str) -> Application:
    price = plan.price
    a, b = price * 6 // 10, price * 25 // 100
    return factory.application(
        id=plan.application_id, project_name=plan.name, institution=inst.uscc, district="滨湖区",
        submitted_on=plan.submitted_on, occupation_code=plan.code, level=plan.level, category=plan.category,
        field=ref.FIELD_OF[plan.category], contact=("李联系", phone, "office@example.cn"), target_groups=ref.GROUPS,
        description=("本地相关产业持续扩张，技能人才缺口较大。", "用人单位需要能独立上岗的技能人员。",
                     f"培训 {plan.quota_trainees} 人，预期就业率 60%。"),
        curriculum=[("职业道德与基础知识", 16, 0), ("岗位技能实训", 0, 32)],
        evaluation=("skill_level_certificate", "无锡示例职业技能等级认定中心"),
        employers=[factory.employer(plan.employer[0], plan.employer[1], "技能岗位", 30)],
        employment_service="结业后组织专场招聘会，跟踪服务 6 个月。",
        planned=(plan.quota_trainees, plan.classes, Decimal("0.6")),
        budget=[("师资费", a), ("耗材费", b), ("评价费", price - a - b)],
        declaration=(inst.legal_representative, plan.submitted_on - dt.timedelta(1),
                     ref.sha(f"scan-{plan.application_id}")),
    )


def _project(plan: ProjectPlan) -> Project:
    s = plan.submitted_on
    signed = plan.signed_on
    return factory.project(
        id=plan.project_id, application=plan.application_id, status="selected",
        recommended=("滨湖区", s + dt.timedelta(10)),
        review=factory.review(on=s + dt.timedelta(20), opinion="与本地产业需求匹配。", panel=[
            factory.expert(name, (21, 21, 21, 22)) for name in ("专家甲", "专家乙", "专家丙")]),
        decided_on=s + dt.timedelta(30), unit_price=plan.price, quota=(plan.quota_trainees, plan.classes),
        contract=factory.contract(
            number=f"WXRS-{plan.project_id}", signed_on=signed, term=(signed, signed + dt.timedelta(730)),
            service_content=f"{plan.name}项目化培训", quantity=f"{plan.classes} 个班次", quality="合格率不低于 80%",
            price=f"每人 {plan.price} 元", settlement_method="结业后拨付 80%，就业率达标后拨付剩余部分",
            obligations="按协议约定", liability="违约按协议第八条处理"),
    )


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


def files(size: Size) -> dict[str, tuple[str, BaseModel | dict[str, Any]]]:
    """Every record of the corpus: relative path -> (kind, record). Reference records, applications and
    projects are models built by the factory; the bulk (classes and what follows them) is plain data
    that takes the factory's fast path."""
    out: dict[str, tuple[str, BaseModel | dict[str, Any]]] = dict(ref.policies(size.years))
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
        schema = _schema_ref(rel).format(kind=kind)
        text = model_text(data, schema) if isinstance(data, BaseModel) else bulk_text(KINDS_BY_NAME[kind], data, schema)
        target.write_text(text, encoding="utf-8")
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
