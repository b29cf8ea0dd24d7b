"""The unit-price cap of notice 四(三), shared by APP-PRICE and PRJ-PRICE.

An in-catalog project is capped by the catalog's subsidy standard for its occupation and level; a
newly developed project by the policy's cap for its category. Both are read from the policy and
catalog in force on the application's `submitted_on`, so that the proposal and the deal price are
judged against the same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.records.institution import Application
from generator.records.labels import CATEGORY_LABELS, LEVEL_LABELS
from generator.records.record_set import RecordSet
from generator.records.reference import Catalog, Occupation


@dataclass(frozen=True)
class Cap:
    amount: Decimal
    basis: str  # e.g. "目录标准：养老护理员（4-10-01-05）四级/中级工 1000 元"


def yuan(amount: Decimal) -> str:
    """Money as people write it: 1000, 1000.5 -> 1000.50, never 1E+3."""
    if amount == amount.to_integral_value():
        return f"{amount:.0f}"
    return f"{amount:.2f}"


def occupation_in(catalog: Catalog | None, code: str | None) -> Occupation | None:
    if catalog is None or code is None:
        return None
    return next((occ for occ in catalog.occupations if occ.code == code), None)


def catalog_occupation(records: RecordSet, app: Application) -> Occupation | None:
    """The catalog occupation of `app` by its code, whatever `in_catalog` says: an occupation in
    the catalog is priced and keyed by the catalog (codes compared without surrounding spaces)."""
    code = app.catalog.occupation_code
    return occupation_in(records.catalog_on(app.submitted_on), code.strip() if code else None)


def price_cap(records: RecordSet, app: Application) -> Cap | None:
    """The cap for `app`, or None when it cannot be known (no policy or catalog in force, unknown
    occupation or level): REF and APP-CATALOG report those, the price rules then stay quiet. An
    occupation found in the catalog is capped by its standard even when declared new."""
    occ = catalog_occupation(records, app)
    if app.catalog.in_catalog or occ is not None:
        level = app.catalog.level
        if occ is None or level is None or level not in occ.standards:
            return None
        amount = occ.standards[level]
        return Cap(amount, f"目录标准：{occ.name}（{occ.code}）{LEVEL_LABELS[level]} {yuan(amount)} 元")
    policy = records.policy_on(app.submitted_on)
    if policy is None:
        return None
    amount = getattr(policy.pricing.new_project_caps, app.category)
    return Cap(amount, f"新开发{CATEGORY_LABELS[app.category]}项目上限 {yuan(amount)} 元")
