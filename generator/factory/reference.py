"""Builders of the bureau's reference records: policy, catalog, roles, calls, prior subsidies.

The defaults are the notice's own numbers, so that a policy built with no more than a jurisdiction
is the notice as Wuxi issued it: every other jurisdiction starts from there (notice 六) and adjusts
by pull request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from generator.factory.emit import build, given
from generator.records.call import Call
from generator.records.format import CURRENT as FORMAT
from generator.records.reference import Catalog, Occupation, Policy, PriorSubsidies, PriorSubsidy, Roles

NOTICE_TITLE = "关于试行重点群体项目化就业技能培训的通知"
NOTICE_ISSUED_ON = dt.date(2026, 3, 31)
# how a jurisdiction that follows Wuxi's notice cites it in `based_on` (notice 六)
NOTICE_CITATION = "无锡市人力资源和社会保障局《关于试行重点群体项目化就业技能培训的通知》（2026年3月31日）"

# notice 四(四)
TRAINING: dict[str, Any] = {"min_total_periods": 40, "min_practical_share": Decimal("0.6"),
                            "min_attendance": Decimal("0.7")}
# notice 四(三): new projects' caps per trainee, by category
NEW_PROJECT_CAPS: dict[str, int] = {"manufacturing": 3000, "production_service": 2000, "life_service": 1000}
# notice 四(五) (and the provincial cap of three subsidies per person)
SUBSIDY: dict[str, Any] = {
    "first_share": Decimal("0.8"), "employment_window_months": 6, "stable_employment_months": 3,
    "remainder_threshold": Decimal("0.3"), "bonus_threshold": Decimal("0.5"), "bonus_share": Decimal("0.2"),
    "max_per_person": 3,
}
# notice 二, 三 and 一(二), in the notice's order
ELIGIBLE_GROUPS = ("low_income_family_child", "graduating_student", "school_leaver", "rural_migrant_worker",
                   "registered_unemployed", "employment_difficulty")
INSTITUTION_TYPES = ("university", "vocational_college", "training_institution")
PRIORITY_FIELDS = ("smart_manufacturing", "digital_economy", "low_altitude_economy", "artificial_intelligence",
                   "elderly_care")
ALL_FIELDS = (*PRIORITY_FIELDS, "other")
CATEGORIES = tuple(NEW_PROJECT_CAPS)
# notice 三: no violation in the last three years; the public statistics' smallest cell
VIOLATION_LOOKBACK_YEARS = 3
OUTCOME_MIN_CELL = 10


def bureau_of(jurisdiction: str) -> str:
    """The human resources and social security bureau of a city, county or district."""
    return f"{jurisdiction}人力资源和社会保障局"


def policy(*, id: str = "wuxi-2026-pilot", jurisdiction: str = "无锡市", issuer: str | None = None,
           title: str = NOTICE_TITLE, issued_on: dt.date = NOTICE_ISSUED_ON, based_on: str | None = None,
           effective_from: dt.date | None = None, effective_until: dt.date | None = None,
           industry_chains: Sequence[str] = (), **overrides: Any) -> Policy:
    """The policy record: the notice's numbers, for `jurisdiction` (its bureau issues it unless
    `issuer` says otherwise). `based_on` is written only when given; `overrides` replace whole
    top-level fields (`training`, `subsidy`, …) by the records' spelling."""
    data: dict[str, Any] = {
        "id": id,
        "format": FORMAT,
        "title": title,
        "jurisdiction": jurisdiction,
        "issuer": issuer or bureau_of(jurisdiction),
        "issued_on": issued_on,
        **given(based_on=based_on),
        "effective_from": effective_from or issued_on,
        "effective_until": effective_until,
        "training": dict(TRAINING),
        "pricing": {"new_project_caps": dict(NEW_PROJECT_CAPS)},
        "subsidy": dict(SUBSIDY),
        "eligible_groups": list(ELIGIBLE_GROUPS),
        "institution_types": list(INSTITUTION_TYPES),
        "priority_fields": list(PRIORITY_FIELDS),
        "industry_chains": list(industry_chains),
        "violation_lookback_years": VIOLATION_LOOKBACK_YEARS,
        "outcome_min_cell": OUTCOME_MIN_CELL,
    }
    data.update(overrides)
    return build(Policy, data)


def occupation(code: str, name: str, category: str, standards: Mapping[str, int | Decimal]) -> Occupation:
    return build(Occupation, {"code": code, "name": name, "category": category, "standards": dict(standards)})


def catalog(*, id: str, title: str, occupations: Sequence[Occupation], effective_from: dt.date,
            effective_until: dt.date | None = None, edition: str = "职业分类大典2022",
            illustrative: bool = True) -> Catalog:
    return build(Catalog, {"id": id, "title": title, "edition": edition, "effective_from": effective_from,
                           "effective_until": effective_until, "illustrative": illustrative,
                           "occupations": list(occupations)})


def roles(*, bureau: Sequence[str] = (), districts: Mapping[str, Sequence[str]] | None = None,
          roster_recipients: Sequence[Mapping[str, Any]] | None = None) -> Roles:
    """Accounts and roles; `roster_recipients` (each `recipient`, `from`, `until`) is written only when given."""
    return build(Roles, {"bureau": list(bureau), "districts": {k: list(v) for k, v in (districts or {}).items()},
                         **given(roster_recipients=None if roster_recipients is None else list(roster_recipients))})


def call(*, id: str, title: str, opens_on: dt.date, closes_on: dt.date, budget: int | Decimal,
         issuer: str = "无锡市人力资源和社会保障局", policy: str = "wuxi-2026-pilot",
         fields: Sequence[str] = ALL_FIELDS, categories: Sequence[str] = CATEGORIES,
         planned_trainees: int | None = None, contact: Mapping[str, Any] | None = None) -> Call:
    """A call for projects (notice 四(一)); `planned_trainees` and `contact` are written only when given."""
    return build(Call, {
        "id": id, "title": title, "issuer": issuer, "policy": policy, "opens_on": opens_on, "closes_on": closes_on,
        "directions": {"fields": list(fields), "categories": list(categories)}, "budget": budget,
        **given(planned_trainees=planned_trainees, contact=None if contact is None else dict(contact)),
    })


def prior_subsidy(person: str, on: dt.date, occupation_code: str, level: str) -> PriorSubsidy:
    return build(PriorSubsidy, {"person": person, "on": on, "occupation_code": occupation_code, "level": level})


def prior_subsidies(subsidies: Sequence[PriorSubsidy | Mapping[str, Any]]) -> PriorSubsidies:
    return build(PriorSubsidies, {"subsidies": list(subsidies)})
