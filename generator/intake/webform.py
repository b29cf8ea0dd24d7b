"""The online 征集表: a static page that fills an application in the browser, no server involved.

The page renders the form from the application's JSON Schema and checks it with the same limits
as the validator. Those limits (the policy caps, the catalog standards, the eligible groups) are
records, so they are exported here as JSON at build time: a new policy file changes the page at
the next build, and the page never needs a server to ask.
"""

from __future__ import annotations

import re
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import escape
from pydantic import BaseModel

from generator import safejson
from generator.errors import UsageError
from generator.intake.comments import HEADERS, SECTIONS
from generator.records.institution import Application
from generator.records.labels import (
    CATEGORY_LABELS,
    EVALUATION_LABELS,
    FIELD_LABELS,
    GROUP_LABELS,
    INSTITUTION_TYPE_LABELS,
    LEVEL_LABELS,
)
from generator.records.record_set import RecordSet
from generator.rules.application import ACTION_VERBS
from generator.schemas import render_all

ASSETS = ("index.html", "form.js", "form.css")
SCHEMA_FILE = "application.schema.json"
LIMITS_FILE = "limits.json"
_SLUG = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")

# the page's sections, in the order of the notice's attachment; each lists top-level fields
SECTIONS_OF_FORM: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本信息", ("id", "project_name", "institution", "district", "submitted_on", "call")),
    ("工种与类别", ("catalog", "category", "field", "industry_chain")),
    ("联系方式", ("contact",)),
    ("培训对象", ("target_groups",)),
    ("培训项目说明", ("description",)),
    ("培训课程", ("curriculum",)),
    ("技能评价", ("evaluation",)),
    ("岗位需求", ("employers",)),
    ("就业服务与培训计划", ("employment_service", "planned")),
    ("培训费用预算", ("budget",)),
    ("项目申报单位意见", ("declaration",)),
)


def _money(amount: Decimal) -> str:
    return format(amount.normalize(), "f")


def field_order(model: type[BaseModel], out: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Property order per schema definition, from the models: the schema file sorts its keys."""
    out = {} if out is None else out
    if model.__name__ in out:
        return out
    out[model.__name__] = [f.alias or name for name, f in model.model_fields.items()]
    for info in model.model_fields.values():
        for sub in _models_in(info.annotation):
            field_order(sub, out)
    return out


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()):
        found.extend(_models_in(arg))
    return found


def recognised_districts(records: RecordSet) -> list[str]:
    """The districts an application may name: those with accounts in roles.yaml, then the policies'
    `districts` (the latest policy first); empty when neither lists any (then any name is taken)."""
    found = list(records.roles.model.districts) if records.roles else []
    for policy in sorted((r.model for r in records.policies), key=lambda p: (p.effective_from, p.id), reverse=True):
        found += [d for d in policy.districts if d not in found]
    return found


def form_limits(records: RecordSet, repo_slug: str) -> dict[str, Any]:
    """Everything the page checks against, as plain JSON (money as strings: no float rounding)."""
    policies = [{
        "id": p.id, "effective_from": p.effective_from.isoformat(),
        "effective_until": p.effective_until.isoformat() if p.effective_until else None,
        "min_total_periods": p.training.min_total_periods,
        "min_practical_share": _money(p.training.min_practical_share),
        "caps": {cat: _money(getattr(p.pricing.new_project_caps, cat)) for cat in CATEGORY_LABELS},
        "eligible_groups": list(p.eligible_groups), "priority_fields": list(p.priority_fields),
        "industry_chains": list(p.industry_chains),
    } for p in (r.model for r in records.policies)]
    catalogs = [{
        "id": c.id, "edition": c.edition, "effective_from": c.effective_from.isoformat(),
        "effective_until": c.effective_until.isoformat() if c.effective_until else None,
        "occupations": [{"code": o.code, "name": o.name, "category": o.category,
                         "standards": {lv: _money(v) for lv, v in o.standards.items()}} for o in c.occupations],
    } for c in (r.model for r in records.catalogs)]
    institutions = [{
        "uscc": i.uscc, "name": i.name, "type": i.type, "address": i.address,
        "legal_representative": i.legal_representative,
    } for i in sorted((r.model for r in records.institutions.values()), key=lambda m: m.uscc)]
    return {
        "repo": repo_slug,
        "branch": "main",
        "schema_ref": f"../../../schemas/{SCHEMA_FILE}",
        "policies": sorted(policies, key=lambda p: (p["effective_from"], p["id"])),
        "catalogs": sorted(catalogs, key=lambda c: (c["effective_from"], c["id"])),
        "institutions": institutions,
        "application_ids": sorted(records.applications) + sorted(records.broken.get("application", set())),
        "districts": recognised_districts(records),
        "labels": {"group": GROUP_LABELS, "category": CATEGORY_LABELS, "level": LEVEL_LABELS, "field": FIELD_LABELS,
                   "evaluation": EVALUATION_LABELS, "institution_type": INSTITUTION_TYPE_LABELS},
        "root": Application.__name__,
        "order": field_order(Application),
        # enum order for lists whose schema items carry only labels (target_groups)
        "enums": {"group": list(GROUP_LABELS)},
        "sections": [{"title": title, "fields": list(fields)} for title, fields in SECTIONS_OF_FORM],
        "header_comment": HEADERS["application"],
        "comments": SECTIONS["application"],
        "action_verbs": list(ACTION_VERBS),
    }


def write_webform(out_dir: Path, records: RecordSet, repo_slug: str) -> list[Path]:
    """Write the page, its script and style, the schema and the limits into `out_dir`.

    Self-contained so that the site build only calls it: the assets come from the package, the
    schema from the models and the limits from `records`. Returns the files written, sorted.
    """
    if repo_slug and not _SLUG.match(repo_slug):  # empty: no Git host known, the page offers download only
        raise UsageError(f"代码仓库应写作“所有者/仓库名”，如 wuxi-hrss/peixun，收到“{repo_slug}”")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    assets = resources.files("generator.intake").joinpath("webform")
    for name in ASSETS:
        target = out_dir / name
        data = assets.joinpath(name).read_bytes()
        if name == "index.html":  # the jurisdiction's name in the title, from the policy record
            place = max(records.policies, key=lambda r: r.model.effective_from, default=None)
            if place is not None:
                title = f"· {escape(place.model.jurisdiction)}重点群体项目化就业技能培训</title>"
                data = data.replace("· 重点群体项目化就业技能培训</title>".encode(), title.encode())
        target.write_bytes(data)
        written.append(target)
    schema = out_dir / SCHEMA_FILE
    schema.write_text(render_all()[SCHEMA_FILE], encoding="utf-8")
    limits = out_dir / LIMITS_FILE
    limits.write_text(safejson.dumps(form_limits(records, repo_slug), indent=1, sort_keys=True), encoding="utf-8")
    return sorted([*written, schema, limits])
