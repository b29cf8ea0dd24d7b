"""Record worlds for the settlement artifacts: the worked example of 40/36/33 trainees at 2,600."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import APPLICATION, PAYMENTS, PRIOR, PROJECT, World
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
