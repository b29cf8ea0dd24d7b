"""`peixun budget`: exposure with exact Decimal, figures from the settlement, and the 资金预算 page
showing the same figures as `peixun budget --format json`."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from generator.budget_output import budget
from generator.cli import main
from generator.records.project import Project
from generator.settlement.budget import exposure
from tests.conftest import AS_OF, PROJECT, World
from tests.site.helpers import SAMPLE, SAMPLE_AS_OF

CALL = "calls/2026/C2026-01.yaml"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(["budget", *argv, "--format", "json"])
    out, _ = capsys.readouterr()
    return code, json.loads(out) if code == 0 else out


def project(trainees: int, price: str) -> Project:
    return Project.model_validate({"id": "P1", "application": "A1", "status": "selected",
                                   "unit_price": Decimal(price), "quota": {"trainees": trainees, "classes": 1}})


def test_exposure_is_exact_to_the_fen() -> None:
    # 33 × 1234.57 × 1.2 = 48888.972 -> 48888.97
    assert exposure(project(33, "1234.57"), Decimal("0.2")) == Decimal("48888.97")
    # rounded once, half up, on the exact product: 7 × 0.35 × 1.15 = 2.8175 -> 2.82
    # (in binary floating point the product is 2.8174999… and would round down)
    assert exposure(project(7, "0.35"), Decimal("0.15")) == Decimal("2.82")
    assert exposure(project(7, "1450"), Decimal("0")) == Decimal("10150.00")


def test_world_budget_from_the_settlement(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(capsys, "--records", str(world.root), "--as-of", AS_OF.isoformat(), "--no-cache")
    assert code == 0
    call = report["calls"][0]
    # 20 × 1000 × 1.2; 8000 paid; remainder 2000 + bonus 2000 due (6 of 10 employed)
    assert call == {
        "id": "C2026-01", "title": "2026 年重点群体项目化就业技能培训项目征集计划", "opens_on": "2026-04-01",
        "closes_on": "2026-04-30", "budget": "50000.00", "committed": "24000.00", "paid": "8000.00",
        "due_now": "4000.00", "pending": "0.00", "remaining": "26000.00",
        "projects": [{"project": "P2026-001", "name": report["calls"][0]["projects"][0]["name"],
                      "institution": "52320211MA1W00001X",
                      "institution_name": report["calls"][0]["projects"][0]["institution_name"],
                      "trainees": 20, "unit_price": "1000.00", "bonus_share": "0.2", "exposure": "24000.00",
                      "paid": "8000.00", "due_now": "4000.00", "pending": "0.00", "terminated": False}],
        "held": [], "held_could_cost": "0.00",
    }
    assert report["held"] == []
    assert report["years"][0]["id"] == "2026" and report["years"][0]["remaining"] == "26000.00"


def test_an_over_committed_call_is_shown_not_refused(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    world.edit(CALL, lambda d: d.__setitem__("budget", 23999.99))
    code, report = run_json(capsys, "--records", str(world.root), "--as-of", AS_OF.isoformat(), "--no-cache")
    assert code == 0
    assert report["calls"][0]["remaining"] == "-0.01"


def test_an_error_holds_its_classes_and_the_budget_goes_on(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 25.10: `peixun budget` holds like `settle`: computed over what is not held, listing the
    held classes and what they could still cost (10 on the roster × 5,000 × 1.2, less 8,000 paid)."""
    world.edit(PROJECT, lambda d: d.__setitem__("unit_price", 5000))
    code, report = run_json(capsys, "--records", str(world.root), "--as-of", AS_OF.isoformat(), "--no-cache")
    assert code == 0
    call = report["calls"][0]
    assert (call["paid"], call["due_now"], call["pending"]) == ("0.00", "0.00", "0.00")  # the only class is held
    assert call["committed"] == "120000.00"  # the decision's exposure stays committed: 20 × 5000 × 1.2
    [held] = report["held"]
    assert held["class"] == "P2026-001-01" and held["trainees"] == 10
    assert (held["paid"], held["could_cost"]) == ("8000.00", "52000.00")
    assert any(r.startswith("PRJ-PRICE：") for r in held["reasons"])
    assert call["held"] == [held] and call["held_could_cost"] == "52000.00"
    assert main(["budget", "--records", str(world.root), "--as-of", AS_OF.isoformat(), "--no-cache"]) == 0
    text, _ = capsys.readouterr()
    assert "暂缓的班次" in text and "P2026-001-01" in text and "最多还可能支出 52,000.00 元" in text
    assert "PRJ-PRICE" in text


def test_a_held_class_does_not_hide_the_clean_ones(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    """Two classes, one missing its evidence (CLS-EVIDENCE): the other's figures are the budget's."""
    world.copy("classes/2026/P2026-001-01.yaml", "classes/2026/P2026-001-02.yaml",
               lambda d: d.update(id="P2026-001-02", evidence=[]))
    code, report = run_json(capsys, "--records", str(world.root), "--as-of", AS_OF.isoformat(), "--no-cache")
    assert code == 0
    call = report["calls"][0]
    assert (call["paid"], call["due_now"]) == ("8000.00", "4000.00")  # the clean class, as before
    assert [h["class"] for h in report["held"]] == ["P2026-001-02"]
    assert any(r.startswith("CLS-EVIDENCE：") for r in report["held"][0]["reasons"])


def test_text_and_markdown(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", "--records", str(world.root), "--as-of", AS_OF.isoformat()]) == 0
    text, _ = capsys.readouterr()
    assert "C2026-01" in text and "24,000.00 元" in text and "26,000.00 元" in text
    assert main(["budget", "--records", str(world.root), "--as-of", AS_OF.isoformat(), "--format", "markdown"]) == 0
    md, _ = capsys.readouterr()
    assert "| C2026-01 | 2026 年重点群体项目化就业技能培训项目征集计划 | 50,000.00 元 | 24,000.00 元 |" in md


def test_sample_budget_fits_and_shows_the_open_call() -> None:
    result, validation = budget(SAMPLE, SAMPLE_AS_OF, use_cache=False)
    assert not [f for f in validation.findings if f.rule == "BUDGET-EXPOSURE"]
    calls = {c.key: c for c in result.calls}
    assert calls["C2026-01"].committed == Decimal("484380.00") <= calls["C2026-01"].budget
    opens, closes = calls["C2027-01"].opens_on, calls["C2027-01"].closes_on
    assert opens is not None and closes is not None and opens <= SAMPLE_AS_OF <= closes
