"""SIG-PRICE-AT-CAP: every project of an institution priced exactly at the cap of 通知 四(三)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.signals import signals
from tests.signals.builder import AS_OF, SignalWorld, uscc
from tests.signals.test_employers import flagged, measured


def test_an_institution_at_the_cap_for_every_project_is_flagged(tmp_path: Path) -> None:
    w = SignalWorld()  # the world's occupation (养老护理员, level 4) is capped at 1000
    at_cap = w.institution(uscc("at-cap", "52320211"))
    mixed = w.institution(uscc("mixed", "52320211"))
    single = w.institution(uscc("single", "52320211"))
    for _ in range(3):
        w.project(at_cap, unit_price=1000)
    w.project(mixed, unit_price=1000)
    w.project(mixed, unit_price=1000)
    w.project(mixed, unit_price=Decimal("950.50"))
    w.project(single, unit_price=1000)  # one project says nothing about a habit
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    assert flagged(report, "SIG-PRICE-AT-CAP") == {at_cap: Decimal("1.0000")}
    assert measured(report, "SIG-PRICE-AT-CAP") == 2
    meta = report.meta["SIG-PRICE-AT-CAP"].as_dict()
    assert meta["threshold"] == "1" and meta["count"] == 2 and meta["flagged"] == 1
    assert meta["q1"] == "0.7500" and meta["q3"] == "0.9167"  # 0.6667 and 1.0000, interpolated
    reason = report.groups["institution"][0].results["SIG-PRICE-AT-CAP"].reason
    assert "3 个有成交单价的项目中，3 个（100%）" in reason and "1000 元" in reason


def test_a_project_without_a_price_or_a_known_cap_is_not_counted(tmp_path: Path) -> None:
    w = SignalWorld()
    inst = w.institution(uscc("school", "52320211"))
    w.project(inst, unit_price=1000)
    unpriced = w.project(inst, unit_price=1000)
    key = f"projects/2026/{unpriced}.yaml"
    w.records[key] = w.records[key].model_copy(update={"unit_price": None})
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    assert measured(report, "SIG-PRICE-AT-CAP") == 0  # one priced project left: below min_projects
