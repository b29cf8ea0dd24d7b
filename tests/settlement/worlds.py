"""Record worlds for the settlement artifacts: the worked example of 40/36/33 trainees at 2,600."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.holds import Hold
from generator.records.load import load_records
from generator.settlement.arithmetic import Settlement, compute
from generator.settlement.report import build_report
from generator.settlement.report_entries import SettlementReport
from tests.conftest import APPLICATION, CLASS, INSTITUTION, PAYMENTS, PRIOR, PROJECT, World
from tests.settlement.test_arithmetic import person, set_employment, set_price, set_roster, trainee

AS_OF = dt.date(2027, 6, 30)
CLASS_ID = "P2026-001-01"


def worked_example(world: World, *, employed: int = 22, first_paid: bool = False) -> World:
    """40 enrolled, 36 certified, 2 under 70 % attendance, 1 over the cap: 33 counted at 2,600;
    `employed` of them stably employed (22: rate 55 %, every phase due: 102,960.00)."""
    roster = [trainee(i) for i in range(33)]
    roster += [trainee(33, attended=30), trainee(34, attended=33), trainee(35)]
    roster += [trainee(36 + i, certified=False) for i in range(4)]
    set_roster(world, roster)
    world.dump(PRIOR, {"subsidies": [
        {"person": person(35), "on": dt.date(2024, m, 1), "occupation_code": f"6-18-01-0{m}", "level": "L5"}
        for m in (1, 2, 3)
    ]})
    set_employment(world, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(employed)})
    set_price(world, 2600)
    # the price within the catalog standard and the application's proposal (PRJ-PRICE)
    world.edit("catalog/wuxi-2025.yaml", lambda d: d["occupations"][0]["standards"].__setitem__("L4", 3000))
    world.edit(APPLICATION, lambda d: d.__setitem__("budget", {"unit_price": 2600, "breakdown": [
        {"item": "师资费", "amount": 1600}, {"item": "耗材费", "amount": 600}, {"item": "评价费", "amount": 400}]}))
    world.edit(PROJECT, lambda d: d["quota"].__setitem__("trainees", 40))
    # the call's budget covers the larger project: 40 × 2,600 × (1 + 20 %) = 124,800 (BUDGET-EXPOSURE)
    world.edit("calls/2026/C2026-01.yaml", lambda d: d.__setitem__("budget", 200000))
    installments: list[dict[str, Any]] = []
    if first_paid:
        installments.append({"phase": "first", "amount": 68640, "paid_on": dt.date(2026, 7, 15), "voucher": "V1"})
    world.dump(PAYMENTS, {"class": CLASS_ID, "installments": installments})
    return world


def add_empty_class(world: World) -> None:
    """A second class of the project that ended with nobody enrolled (its rate is "—")."""
    def change(d: Any) -> None:
        d["id"] = "P2026-001-02"
        d["start_on"] = dt.date(2027, 3, 1)
        d["end_on"] = dt.date(2027, 3, 20)
        d["trainees"] = []
    world.copy("classes/2026/P2026-001-01.yaml", "classes/2026/P2026-001-02.yaml", change)


INSTITUTION_B, INSTITUTION_B_NAME = "12320200MB0000000X", "无锡乙职业培训学校"


def _class(world: World, class_id: str, trainees: list[dict[str, Any]], **change: Any) -> None:
    world.copy(CLASS, f"classes/2026/{class_id}.yaml", lambda d: d.update(id=class_id, trainees=trainees, **change))


def two_institutions(world: World) -> World:
    """As of 2027-06-30 (80 % first; 20 % remainder at ≥ 30 % employed; 20 % bonus at ≥ 50 %):

    - 无锡示例职业培训学校 (52320211MA1W00001X), project P2026-001 at 1,000 yuan: P2026-001-01,
      10 trainees, 6 employed: first 8,000 paid, remainder 2,000 and bonus 2,000 payable;
      P2026-001-02, one trainee (to be held); P2026-001-03, 4 trainees, nobody employed, windows
      closed: first 3,200 payable, remainder 800 and bonus 800 not met.
    - 无锡乙职业培训学校 (12320200MB0000000X, sorts first), project P2026-002 乙护理员 at 1,500:
      P2026-002-01, 2 trainees certified on 2027-03-25, windows open: first 2,400 payable,
      remainder 600 and bonus 600 pending.
    """
    _class(world, "P2026-001-02", [trainee(20)])
    _class(world, "P2026-001-03", [trainee(30 + i) for i in range(4)])
    world.copy(INSTITUTION, f"institutions/{INSTITUTION_B}.yaml",
               lambda d: d.update(uscc=INSTITUTION_B, name=INSTITUTION_B_NAME))
    world.copy(APPLICATION, "applications/2026/A2026-002.yaml",
               lambda d: d.update(id="A2026-002", institution=INSTITUTION_B, project_name="乙护理员"))
    world.copy(PROJECT, "projects/2026/P2026-002.yaml",
               lambda d: d.update(id="P2026-002", application="A2026-002", unit_price=1500))
    late = dt.date(2027, 3, 25)
    _class(world, "P2026-002-01", [trainee(40, issued_on=late), trainee(41, issued_on=late)],
           project="P2026-002", start_on=dt.date(2027, 3, 1), end_on=dt.date(2027, 3, 20))
    set_employment(world, {}, class_id="P2026-002-01", rel="employment/2026/P2026-002-01.yaml")
    return world


def report_of(world: World, holds: tuple[Hold, ...] = (), as_of: dt.date = AS_OF) -> SettlementReport:
    """The settlement report of `world` as settle builds it (held classes left out of the
    settlement), without validating or rendering: the tests that read it stay fast."""
    rs = load_records(world.root, cache=False)
    full = compute(rs, as_of)
    held = {h.class_id for h in holds}
    settlement = Settlement(as_of=as_of, classes=[c for c in full.classes if c.class_id not in held],
                            ledger=[e for e in full.ledger if e.class_id not in held])
    return build_report(rs, settlement, "argument", None, holds)
