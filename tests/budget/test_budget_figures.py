"""The budget's figures (notice 四(二), 五(二)), worked by hand from the records of the test world.

The world's one call C2026-01 (plan year 2026, budget 50,000) selected project P2026-001 on
2026-05-15: 20 trainees at 1,000 yuan under a policy with a 20 % bonus, so it commits
20 × 1,000 × 1.2 = 24,000. Its one class P2026-001-01 (started 2026-06-01) has 10 trainees, all
counted; the first installment of 8,000 was paid on 2026-07-15. Six of ten are stably employed by
2026-10 (60 %): as of 2027-06-30 the remainder (2,000) and the bonus (2,000) are due.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from generator.records.load import load_records
from generator.records.record_set import RecordSet
from generator.settlement.arithmetic import Settlement, compute
from generator.settlement.budget import Budget, Crossing, compute_budget, held_classes, over_budget
from tests.conftest import APPLICATION, CLASS, PAYMENTS, POLICY, PROJECT, World
from tests.settlement.test_arithmetic import person, set_employment, trainee

CLASS_ID = "P2026-001-01"
CALL = "calls/2026/C2026-01.yaml"
PAID_ON = dt.date(2026, 7, 15)
LATE = dt.date(2027, 6, 30)
D = Decimal


def _load(world: World, as_of: dt.date) -> tuple[RecordSet, Settlement]:
    rs = load_records(world.root, cache=False)
    return rs, compute(rs, as_of)


def _budget(world: World, as_of: dt.date = LATE, holds: list[tuple[str, str]] | None = None,
            settled: bool = True) -> Budget:
    """The budget as `peixun budget` computes it: the settlement leaves out the held classes."""
    rs, settlement = _load(world, as_of)
    held = {c for c, _ in holds or []}
    if held or not settled:
        settlement = Settlement(as_of=as_of, ledger=settlement.ledger,
                                classes=[c for c in settlement.classes if settled and c.class_id not in held])
    return compute_budget(rs, settlement, holds or [])


def _figures(line: Any) -> tuple[str, ...]:
    d = line.as_dict()
    return tuple(d[k] for k in ("budget", "committed", "paid", "due_now", "pending", "remaining"))


def _installments(*items: tuple[str, int, dt.date]) -> dict[str, Any]:
    return {"class": CLASS_ID, "installments": [
        {"phase": phase, "amount": amount, "paid_on": on, "voucher": f"WX-BUDGET-{n}"}
        for n, (phase, amount, on) in enumerate(items, start=1)]}


def _add_project(world: World, n: int, *, call: str | None = "C2026-01", trainees: int = 10, price: float = 1000,
                 decided_on: dt.date | None = dt.date(2026, 5, 15), status: str = "selected") -> str:
    """Another application and decision of the same institution (no classes yet)."""
    app_id, prj_id = f"A2026-{n:03d}", f"P2026-{n:03d}"
    world.copy(APPLICATION, f"applications/2026/{app_id}.yaml", lambda d: d.update(id=app_id, call=call))

    def change(d: Any) -> None:
        d.update(id=prj_id, application=app_id, status=status, unit_price=price, decided_on=decided_on)
        d["quota"]["trainees"] = trainees
        if status == "terminated":
            d["terminated"] = {"on": dt.date(2026, 6, 1), "reason": "培训主体退出"}

    world.copy(PROJECT, f"projects/2026/{prj_id}.yaml", change)
    return prj_id


# -- 五(二): what a call has committed, paid, owes now and may still owe -------------------------


def test_a_call_commits_the_most_its_projects_can_cost_and_pays_what_the_settlement_says(world: World) -> None:
    [call] = _budget(world).calls
    # 20 × 1,000 × 1.2 = 24,000 committed; 8,000 paid; 2,000 + 2,000 due; 50,000 − 24,000 remaining
    assert _figures(call) == ("50000.00", "24000.00", "8000.00", "4000.00", "0.00", "26000.00")
    assert call.remaining == D("26000.00") and call.held_could_cost == D("0.00")
    [exp] = call.projects
    assert (exp.trainees, exp.unit_price, exp.bonus_share, exp.amount) == (20, D("1000"), D("0.2"), D("24000.00"))
    assert exp.formula() == "20 人 × 1000 元 × (1 + 20%) = 24000 元"


def test_what_may_still_become_due_is_pending_not_due_now(world: World) -> None:
    """As of 2026-08-31 only July's pension is verified (2026-08-10): nobody is stably employed yet
    and the windows are open, so the remainder (2,000) and the bonus (2,000) are pending."""
    [call] = _budget(world, dt.date(2026, 8, 31)).calls
    assert _figures(call) == ("50000.00", "24000.00", "8000.00", "0.00", "4000.00", "26000.00")


def test_an_installment_paid_on_the_budget_date_is_paid(world: World) -> None:
    assert _figures(_budget(world, PAID_ON).calls[0])[2:4] == ("8000.00", "0.00")
    # the day before it is owed: the first 80 % (8,000) due now, nothing paid
    assert _figures(_budget(world, PAID_ON - dt.timedelta(days=1)).calls[0])[2:4] == ("0.00", "8000.00")


def test_an_overpaid_class_owes_nothing_now_and_does_not_lower_what_others_owe(world: World) -> None:
    """Nobody employed: only the first 8,000 is due, and 9,000 was paid. Due now is 0, not −1,000
    (an overpayment is not a credit against another class's due amount in the budget)."""
    set_employment(world, {})
    world.dump(PAYMENTS, _installments(("first", 9000, PAID_ON)))
    [call] = _budget(world).calls
    assert _figures(call) == ("50000.00", "24000.00", "9000.00", "0.00", "0.00", "26000.00")


def test_a_call_adds_every_class_of_every_project(world: World) -> None:
    """As of 2026-08-31 (July's pension verified only: every window open, nobody employed yet):

    - P2026-001-01: first 8,000 due, 7,000 paid: 1,000 due now; remainder and bonus 4,000 pending;
    - P2026-001-02, 3 trainees: first 2,400 due, 1,000 paid: 1,400 due now; 600 + 600 pending;
    - P2026-002-01 (project P2026-002, 10 × 500 × 1.2 = 6,000 committed), 2 trainees at 500:
      first 800 due now, 200 + 200 pending.
    """
    world.dump(PAYMENTS, _installments(("first", 7000, PAID_ON)))
    world.copy(CLASS, "classes/2026/P2026-001-02.yaml",
               lambda d: d.update(id="P2026-001-02", trainees=[trainee(30 + i) for i in range(3)]))
    world.dump("payments/2026/P2026-001-02.yaml", {"class": "P2026-001-02", "installments": [
        {"phase": "first", "amount": 1000, "paid_on": dt.date(2026, 7, 20), "voucher": "WX-BUDGET-9"}]})
    _add_project(world, 2, trainees=10, price=500)
    world.copy(CLASS, "classes/2026/P2026-002-01.yaml",
               lambda d: d.update(id="P2026-002-01", project="P2026-002", trainees=[trainee(40), trainee(41)]))
    budget = _budget(world, dt.date(2026, 8, 31))
    [call] = budget.calls
    assert _figures(call) == ("50000.00", "30000.00", "8000.00", "3200.00", "5600.00", "20000.00")
    assert [(e.project, e.paid, e.due_now, e.pending) for e in call.projects] == [
        ("P2026-001", D("8000.00"), D("2400.00"), D("5200.00")), ("P2026-002", D("0.00"), D("800.00"), D("400.00"))]
    assert _figures(budget.years[0]) == _figures(call)


# -- 五(二): a terminated project commits only what its settlement can still cost ----------------


def test_a_terminated_project_commits_its_settlement_not_its_quota(world: World) -> None:
    """Terminated after its class: it can cost no more than paid 8,000 + due 4,000 + pending 0."""
    world.edit(PROJECT, lambda d: d.update(status="terminated", terminated={"on": dt.date(2026, 12, 1),
                                                                            "reason": "培训主体退出"}))
    [call] = _budget(world).calls
    assert _figures(call) == ("50000.00", "12000.00", "8000.00", "4000.00", "0.00", "38000.00")
    [exp] = call.projects
    assert exp.terminated and exp.formula() == "已终止，按结算可能支付的金额 12000 元计"
    assert exp.as_dict()["terminated"] is True and exp.as_dict()["exposure"] == "12000.00"
    # as of 2026-08-31: 8,000 paid, nothing due now, 4,000 pending: still 12,000 it can cost
    [call] = _budget(world, dt.date(2026, 8, 31)).calls
    assert _figures(call) == ("50000.00", "12000.00", "8000.00", "0.00", "4000.00", "38000.00")


def test_a_terminated_project_with_a_held_class_commits_the_held_class_at_its_bound(world: World) -> None:
    """Two of ten employed (20 %): the class's settlement is 8,000 (remainder and bonus not met).
    Held, it could still cost 10 × 1,000 × 1.2 = 12,000 less the 8,000 paid: 4,000; so the
    terminated project commits 8,000 paid + 4,000, not the settlement's 8,000."""
    world.edit(PROJECT, lambda d: d.update(status="terminated", terminated={"on": dt.date(2026, 12, 1),
                                                                            "reason": "培训主体退出"}))
    set_employment(world, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(2)})
    [call] = _budget(world).calls
    assert call.committed == D("8000.00")  # not held: the settlement says 8,000 and no more
    held = _budget(world, holds=[(CLASS_ID, "CLS-EVIDENCE：缺少佐证")])
    [call] = held.calls
    assert _figures(call) == ("50000.00", "12000.00", "0.00", "0.00", "0.00", "38000.00")
    assert call.held_could_cost == D("4000.00")


def test_a_project_that_is_not_selected_commits_nothing(world: World) -> None:
    for status in ("recommended", "rejected"):
        world.edit(PROJECT, lambda d, s=status: d.__setitem__("status", s))
        [call] = _budget(world).calls
        assert call.projects == [] and _figures(call)[:2] == ("50000.00", "0.00")
        assert [y.committed for y in _budget(world).years] == [D("0.00")]
    world.edit(PROJECT, lambda d: d.__setitem__("status", "completed"))
    assert _budget(world).calls[0].committed == D("24000.00")
    # a rejected decision listed before a selected one stops nothing
    _add_project(world, 0, status="rejected")
    assert [e.project for e in _budget(world).calls[0].projects] == ["P2026-001"]


# -- which policy's bonus share: the call's, else the one in force on the decision ----------------


def _second_policy(world: World, share: str) -> None:
    """A policy taking effect on 2026-05-01 (in force on the decision, 2026-05-15) with another bonus."""
    def change(d: Any) -> None:
        d.update(id="wuxi-2026-b", effective_from=dt.date(2026, 5, 1), issued_on=dt.date(2026, 4, 30))
        d["subsidy"]["bonus_share"] = float(share)

    world.copy(POLICY, "policy/wuxi-2026-b.yaml", change)


def test_the_calls_policy_sets_the_bonus_share(world: World) -> None:
    _second_policy(world, "0.25")
    [call] = _budget(world).calls
    assert call.projects[0].bonus_share == D("0.2") and call.committed == D("24000.00")


def test_without_the_calls_policy_the_policy_of_the_decision_date_counts(world: World) -> None:
    _second_policy(world, "0.25")
    world.edit(CALL, lambda d: d.__setitem__("policy", "wuxi-2025-gone"))
    # 20 × 1,000 × 1.25 = 25,000
    [call] = _budget(world).calls
    assert call.projects[0].bonus_share == D("0.25") and call.committed == D("25000.00")
    assert call.projects[0].formula() == "20 人 × 1000 元 × (1 + 25%) = 25000 元"


def test_without_any_policy_no_bonus_is_committed(world: World) -> None:
    """The call names no policy there is, and no policy was in force on the decision (2026-03-01,
    before 2026-03-31): 20 × 1,000 × (1 + 0) = 20,000."""
    world.edit(CALL, lambda d: d.__setitem__("policy", "wuxi-2025-gone"))
    world.edit(PROJECT, lambda d: d.__setitem__("decided_on", dt.date(2026, 3, 1)))
    [exp] = _budget(world).calls[0].projects
    assert (exp.bonus_share, exp.amount) == (D("0.00"), D("20000.00"))
    assert exp.formula() == "20 人 × 1000 元 × (1 + 0%) = 20000 元"


def test_a_project_without_a_call_or_a_decision_date_counts_in_no_year(world: World) -> None:
    world.edit(PROJECT, lambda d: d.__setitem__("decided_on", None))
    world.edit(APPLICATION, lambda d: d.__setitem__("call", None))
    budget = _budget(world)
    assert budget.calls[0].projects == [] and [y.key for y in budget.years] == ["2026"]
    assert budget.years[0].projects == [] and budget.years[0].committed == D("0.00")


def test_a_project_without_quota_or_price_commits_nothing(world: World) -> None:
    world.edit(PROJECT, lambda d: d.update(unit_price=None, quota=None))
    [call] = _budget(world).calls
    [exp] = call.projects
    assert (exp.trainees, exp.unit_price, exp.amount) == (0, D("0"), D("0.00"))
    assert exp.formula() == "0 人 × 0 元 × (1 + 20%) = 0 元" and call.committed == D("0.00")


def test_a_project_without_quota_or_without_price_alone_commits_nothing(world: World) -> None:
    world.edit(PROJECT, lambda d: d.__setitem__("quota", None))
    [exp] = _budget(world).calls[0].projects
    assert (exp.trainees, exp.unit_price, exp.amount) == (0, D("1000"), D("0.00"))
    world.edit(PROJECT, lambda d: d.update(quota={"trainees": 20, "classes": 2}, unit_price=None))
    [exp] = _budget(world).calls[0].projects
    assert (exp.trainees, exp.unit_price, exp.amount) == (20, D("0"), D("0.00"))


def test_a_price_with_cents_is_written_as_people_write_it(world: World) -> None:
    world.edit(PROJECT, lambda d: d.__setitem__("unit_price", 1234.5))
    # 20 × 1,234.50 × 1.2 = 29,628
    [exp] = _budget(world).calls[0].projects
    assert exp.formula() == "20 人 × 1234.5 元 × (1 + 20%) = 29628 元"
    assert exp.as_dict()["unit_price"] == "1234.50" and exp.as_dict()["bonus_share"] == "0.2"


def test_a_project_without_its_application_still_commits_in_its_decision_year(world: World) -> None:
    world.remove(APPLICATION)
    budget = _budget(world, settled=False)
    assert budget.calls[0].projects == []  # no application names the call
    [year] = budget.years
    [exp] = year.projects
    assert (exp.name, exp.institution, exp.institution_name) == ("", "", "")
    assert year.committed == D("24000.00")  # the decision date's policy: 20 %


def test_the_institution_is_named_from_its_record(world: World) -> None:
    [exp] = _budget(world).calls[0].projects
    assert (exp.name, exp.institution, exp.institution_name) == (
        "养老护理员", "52320211MA1W00001X", "无锡示例职业培训学校")
    world.remove("institutions/52320211MA1W00001X.yaml")
    [exp] = _budget(world).calls[0].projects
    assert (exp.institution, exp.institution_name) == ("52320211MA1W00001X", "")


# -- 四(二): per plan year, over every call of the year ---------------------------------------------


def test_a_year_adds_its_calls_budgets_and_a_project_without_a_call_counts_in_its_decision_year(
        world: World) -> None:
    world.copy(CALL, "calls/2026/C2026-02.yaml", lambda d: d.update(id="C2026-02", budget=30000))
    world.copy(CALL, "calls/2027/C2027-01.yaml", lambda d: d.update(id="C2027-01", budget=70000))
    _add_project(world, 2, call=None, trainees=5, price=2000, decided_on=dt.date(2027, 1, 10))  # 5 × 2,000 × 1.2
    _add_project(world, 3, call="C2026-02", trainees=10, price=500)  # 10 × 500 × 1.2 = 6,000
    _add_project(world, 4, call="C2099-01", trainees=1, price=100, decided_on=dt.date(2028, 2, 1))  # 120, no call
    budget = _budget(world)
    assert [(c.key, c.committed) for c in budget.calls] == [
        ("C2026-01", D("24000.00")), ("C2026-02", D("6000.00")), ("C2027-01", D("0.00"))]
    assert [(y.key, y.title) for y in budget.years] == [
        ("2026", "2026 年度"), ("2027", "2027 年度"), ("2028", "2028 年度")]
    assert [_figures(y) for y in budget.years] == [
        ("80000.00", "30000.00", "8000.00", "4000.00", "0.00", "50000.00"),
        ("70000.00", "12000.00", "0.00", "0.00", "0.00", "58000.00"),
        ("0.00", "120.00", "0.00", "0.00", "0.00", "-120.00"),
    ]
    assert [e.project for e in budget.years[0].projects] == ["P2026-001", "P2026-003"]
    d = budget.as_dict()
    assert [c["id"] for c in d["calls"]] == ["C2026-01", "C2026-02", "C2027-01"]
    assert d["calls"][0]["opens_on"] == "2026-04-01" and d["calls"][0]["closes_on"] == "2026-04-30"
    assert "opens_on" not in d["years"][0] and d["as_of"] == "2027-06-30"


def test_a_project_counts_in_its_calls_plan_year_not_its_decision_year(world: World) -> None:
    """The 2027 plan may open in late 2026 (call.py): a project of C2027-01 decided on 2026-11-20
    counts in 2027; one without a call decided the same day counts in 2026."""
    world.copy(CALL, "calls/2027/C2027-01.yaml", lambda d: d.update(id="C2027-01", budget=70000))
    _add_project(world, 2, call="C2027-01", trainees=5, price=2000, decided_on=dt.date(2026, 11, 20))  # 12,000
    _add_project(world, 3, call=None, trainees=1, price=100, decided_on=dt.date(2026, 11, 20))  # 120
    budget = _budget(world)
    assert [(y.key, [e.project for e in y.projects], y.committed) for y in budget.years] == [
        ("2026", ["P2026-001", "P2026-003"], D("24120.00")), ("2027", ["P2026-002"], D("12000.00"))]


# -- held classes (issue 25.10): what a class an error holds could still cost -----------------------


def test_a_held_class_could_cost_its_roster_at_full_price_less_what_was_paid(world: World) -> None:
    """10 on the roster × 1,000 × 1.2 = 12,000, less 8,000 paid on 2026-07-15: 4,000."""
    budget = _budget(world, holds=[(CLASS_ID, "CLS-EVIDENCE：缺少佐证"), (CLASS_ID, "CLS-PERIODS：课时不足")])
    [h] = budget.held
    assert h.as_dict() == {"class": CLASS_ID, "project": "P2026-001", "trainees": 10, "paid": "8000.00",
                           "could_cost": "4000.00", "reasons": ["CLS-EVIDENCE：缺少佐证", "CLS-PERIODS：课时不足"]}
    [call] = budget.calls
    # the held class is not in paid, due now or pending; the decision stays committed
    assert _figures(call) == ("50000.00", "24000.00", "0.00", "0.00", "0.00", "26000.00")
    assert call.held == [h] and call.as_dict()["held_could_cost"] == "4000.00"
    assert budget.years[0].held == [h]
    assert budget.as_dict()["held"] == [h.as_dict()]


def test_a_held_class_counts_an_installment_paid_on_the_date_and_not_one_paid_after(world: World) -> None:
    rs, _ = _load(world, PAID_ON)
    holds = [(CLASS_ID, "R：x")]
    [on_the_day] = held_classes(rs, holds, PAID_ON)
    [day_before] = held_classes(rs, holds, PAID_ON - dt.timedelta(days=1))
    assert (on_the_day.paid, on_the_day.could_cost) == (D("8000"), D("4000.00"))
    assert (day_before.paid, day_before.could_cost) == (D("0.00"), D("12000.00"))


def test_a_held_class_paid_beyond_its_bound_could_cost_nothing_more(world: World) -> None:
    world.dump(PAYMENTS, _installments(("first", 8000, PAID_ON), ("remainder", 3000, dt.date(2026, 11, 1)),
                                       ("bonus", 3000, dt.date(2026, 11, 1))))
    rs, _ = _load(world, LATE)
    [h] = held_classes(rs, [(CLASS_ID, "R：x")], LATE)
    assert (h.paid, h.could_cost) == (D("14000"), D("0.00"))  # 12,000 − 14,000 is no negative cost


def test_a_held_class_without_payments_or_policy_is_bounded_without_bonus(world: World) -> None:
    """Started before any policy took effect: no bonus share to bound it with: 10 × 1,000."""
    world.remove(PAYMENTS)
    world.edit(CLASS, lambda d: d.__setitem__("start_on", dt.date(2026, 3, 1)))
    rs, _ = _load(world, LATE)
    [h] = held_classes(rs, [(CLASS_ID, "R：x")], LATE)
    assert (h.paid, h.could_cost) == (D("0.00"), D("10000.00"))


def test_a_held_class_without_a_price_has_no_bound(world: World) -> None:
    world.edit(PROJECT, lambda d: d.__setitem__("unit_price", None))
    budget = _budget(world, holds=[(CLASS_ID, "PRJ-PRICE：未定成交单价")])
    [h] = budget.held
    assert h.could_cost is None and h.as_dict()["could_cost"] is None and h.paid == D("8000")
    assert budget.calls[0].held_could_cost == D("0.00")


def test_a_held_class_of_a_missing_project_has_no_bound(world: World) -> None:
    world.remove(PROJECT)
    rs, _ = _load(world, LATE)
    [h] = held_classes(rs, [(CLASS_ID, "CLS-PROJECT：项目不存在")], LATE)
    assert (h.project, h.trainees, h.could_cost) == ("P2026-001", 10, None)


def test_held_classes_are_listed_once_each_in_order_and_unknown_ones_left_out(world: World) -> None:
    world.copy(CLASS, "classes/2026/P2026-001-02.yaml",
               lambda d: d.update(id="P2026-001-02", trainees=d["trainees"][:3]))
    rs, _ = _load(world, LATE)
    holds = [("P2026-001-02", "A：a"), ("P2026-000-01", "B：gone"), (CLASS_ID, "C：c"), ("P2026-001-02", "D：d")]
    found = held_classes(rs, holds, LATE)
    assert [(h.class_id, h.reasons, h.trainees, h.could_cost) for h in found] == [
        (CLASS_ID, ("C：c",), 10, D("4000.00")),
        ("P2026-001-02", ("A：a", "D：d"), 3, D("3600.00")),  # 3 × 1,000 × 1.2, nothing paid
    ]


# -- BUDGET-EXPOSURE (四(二), 五(二)): every decision after which a call is over its budget -----------


def _crossings(world: World) -> list[Crossing]:
    rs, settlement = _load(world, LATE)
    return list(over_budget(rs, settlement))


def test_within_the_budget_to_the_fen_no_decision_crosses(world: World) -> None:
    world.edit(CALL, lambda d: d.__setitem__("budget", 24000))
    assert _crossings(world) == []
    world.edit(CALL, lambda d: d.__setitem__("budget", 23999.99))
    [c] = _crossings(world)
    assert (c.exposure.project, c.before, c.committed, c.later, c.total, c.first) == (
        "P2026-001", D("0.00"), D("24000.00"), 0, D("24000.00"), True)


def test_every_decision_after_the_crossing_is_named_in_the_order_of_decisions(world: World) -> None:
    """Budget 30,000: P2026-001 (24,000, 2026-05-15), P2026-004 (6,000, 2026-05-15, a later id),
    P2026-002 (6,000, 2026-05-20), P2026-003 (1,200, no decision date: last). The call reaches
    30,000 exactly with P2026-004 (not over), crosses with P2026-002, stays over with P2026-003."""
    world.edit(CALL, lambda d: d.__setitem__("budget", 30000))
    _add_project(world, 4, trainees=10, price=500)
    _add_project(world, 2, trainees=10, price=500, decided_on=dt.date(2026, 5, 20))
    _add_project(world, 3, trainees=1, price=1000, decided_on=None)
    found = _crossings(world)
    assert [(c.exposure.project, c.before, c.committed, c.later, c.total, c.first) for c in found] == [
        ("P2026-002", D("30000.00"), D("36000.00"), 1, D("37200.00"), True),
        ("P2026-003", D("36000.00"), D("37200.00"), 0, D("37200.00"), False),
    ]


def test_a_decision_that_commits_nothing_more_is_not_named(world: World) -> None:
    """Budget 20,000, already over with P2026-001 (24,000); a terminated project without classes
    can cost nothing (0) and is not named; a selected one decided later is."""
    world.edit(CALL, lambda d: d.__setitem__("budget", 20000))
    _add_project(world, 2, status="terminated", decided_on=dt.date(2026, 5, 16))
    _add_project(world, 3, trainees=1, price=0.5, decided_on=dt.date(2026, 5, 17))  # 1 × 0.50 × 1.2 = 0.60
    found = _crossings(world)
    assert [(c.exposure.project, c.before, c.committed, c.later, c.first) for c in found] == [
        ("P2026-001", D("0.00"), D("24000.00"), 2, True),
        ("P2026-003", D("24000.00"), D("24000.60"), 0, False),
    ]
    assert {c.total for c in found} == {D("24000.60")}


def test_a_terminated_project_crosses_with_what_its_settlement_can_cost(world: World) -> None:
    """Terminated after its class: 8,000 paid + 4,000 due = 12,000 against a budget of 11,999.99."""
    world.edit(PROJECT, lambda d: d.update(status="terminated", terminated={"on": dt.date(2026, 12, 1),
                                                                            "reason": "培训主体退出"}))
    world.edit(CALL, lambda d: d.__setitem__("budget", 11999.99))
    [c] = _crossings(world)
    assert (c.exposure.project, c.exposure.terminated, c.committed) == ("P2026-001", True, D("12000.00"))
    world.edit(CALL, lambda d: d.__setitem__("budget", 12000))
    assert _crossings(world) == []


def test_projects_of_other_calls_or_of_no_call_do_not_cross_this_one(world: World) -> None:
    world.edit(CALL, lambda d: d.__setitem__("budget", 24000))
    world.copy(CALL, "calls/2026/C2026-02.yaml", lambda d: d.update(id="C2026-02", budget=1000))
    _add_project(world, 2, call=None, trainees=10)  # 12,000 in no call
    _add_project(world, 3, call="C2099-01", trainees=10)  # a call that does not exist
    _add_project(world, 4, call="C2026-02", trainees=1, price=900)  # 1,080 > 1,000
    found = _crossings(world)
    assert [(c.call.id, c.exposure.project, c.committed) for c in found] == [("C2026-02", "P2026-004", D("1080.00"))]
    world.remove("applications/2026/A2026-004.yaml")
    assert _crossings(world) == []
