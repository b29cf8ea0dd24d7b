"""The settlement arithmetic of docs/settlement.md, on real record files."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.records.load import load_records
from generator.settlement.arithmetic import ClassSettlement, Settlement, compute, money, repeated_certificates
from tests.conftest import APPLICATION, CLASS, EMPLOYMENT, PAYMENTS, PRIOR, PROJECT, World

CLASS_ID = "P2026-001-01"
CERT_DAY = dt.date(2026, 6, 25)  # the world's certificates: month M = 2026-06, window 2026-07 .. 2026-12


def person(i: int) -> str:
    return "p_" + hashlib.sha256(f"settle-{i}".encode()).hexdigest()[:24]


def trainee(i: int, *, certified: bool = True, attended: int = 48, issued_on: dt.date = CERT_DAY,
            group: str = "rural_migrant_worker") -> dict[str, Any]:
    assessment: dict[str, Any] = {"passed": certified}
    if certified:
        assessment["certificate"] = {
            "kind": "skill_level_certificate",
            "number_ref": "c_" + hashlib.sha256(f"cert-{i}".encode()).hexdigest()[:24],
            "issued_on": issued_on,
        }
    return {"person": person(i), "group": group, "attended_periods": attended, "assessment": assessment}


def set_roster(world: World, trainees: list[dict[str, Any]], class_rel: str = CLASS) -> None:
    world.edit(class_rel, lambda d: d.__setitem__("trainees", trainees))


def set_employment(world: World, months_by_person: dict[str, list[str]], class_id: str = CLASS_ID,
                   rel: str = EMPLOYMENT) -> None:
    world.dump(rel, {"class": class_id, "records": [
        {"person": p, "employer": "91320214MA1X00001T", "pension_months": months}
        for p, months in months_by_person.items()
    ]})


def set_price(world: World, price: float) -> None:
    world.edit(PROJECT, lambda d: d.__setitem__("unit_price", price))


def settle(world: World, as_of: dt.date = dt.date(2027, 6, 30)) -> Settlement:
    return compute(load_records(world.root), as_of)


def one(world: World, as_of: dt.date = dt.date(2027, 6, 30)) -> ClassSettlement:
    [result] = [c for c in settle(world, as_of).classes if c.class_id == CLASS_ID]
    return result


def test_worked_example_of_design_section_5(world: World) -> None:
    """40 enrolled, 36 certified, 2 under 70 % attendance, 1 over the cap -> 33 counted; price 2600;
    22 stably employed -> rate 0.55."""
    roster = [trainee(i) for i in range(33)]
    roster += [trainee(33, attended=30), trainee(34, attended=33)]  # 30/48 and 33/48 < 70 %
    roster += [trainee(35)]  # already had 3 subsidies
    roster += [trainee(36 + i, certified=False) for i in range(4)]
    set_roster(world, roster)
    world.dump(PRIOR, {"subsidies": [
        {"person": person(35), "on": dt.date(2024, m, 1), "occupation_code": f"6-18-01-0{m}", "level": "L5"}
        for m in (1, 2, 3)
    ]})
    set_employment(world, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(22)})
    set_price(world, 2600)
    world.dump(PAYMENTS, {"class": CLASS_ID, "installments": [
        {"phase": "first", "amount": 68640, "paid_on": dt.date(2026, 7, 15), "voucher": "V1"},
    ]})

    c = one(world)
    assert (c.enrolled, c.certified, c.counted, c.employed) == (40, 36, 33, 22)
    assert c.rate == Decimal("0.5500")
    assert c.unit_price * c.counted == Decimal("85800")
    assert {p: (r.status, r.amount) for p, r in c.phases.items()} == {
        "first": ("due", Decimal("68640.00")),
        "remainder": ("due", Decimal("17160.00")),
        "bonus": ("due", Decimal("17160.00")),
    }
    assert c.due == Decimal("102960.00")
    assert c.paid == Decimal("68640.00")
    assert c.outstanding == Decimal("34320.00")
    reasons = {t.person: t.not_counted for t in c.trainees}
    assert reasons[person(33)] == reasons[person(34)] == "attendance"
    assert reasons[person(35)] == "cap"
    assert reasons[person(36)] == "not_certified"


@pytest.mark.parametrize(
    ("months", "employed"),
    [
        (["2026-06", "2026-07", "2026-08"], False),  # the certificate's own month does not count
        (["2026-07", "2026-08", "2026-09"], True),  # M+1 .. M+3
        (["2026-07", "2026-08", "2026-10", "2026-11"], False),  # a gap breaks the run
        (["2026-11", "2026-12", "2027-01"], False),  # the run ends after M+6
        (["2026-10", "2026-11", "2026-12"], True),  # M+4 .. M+6 still inside
    ],
)
def test_employment_window_edges(world: World, months: list[str], employed: bool) -> None:
    set_employment(world, {person(0): months})
    set_roster(world, [trainee(0)])
    assert one(world).trainees[0].employed is employed


def test_window_across_a_year_end_with_a_certificate_on_the_31st(world: World) -> None:
    world.edit(CLASS, lambda d: d.update({"start_on": dt.date(2026, 10, 1), "end_on": dt.date(2026, 10, 30)}))
    set_roster(world, [trainee(0, issued_on=dt.date(2026, 10, 31)), trainee(1, issued_on=dt.date(2026, 10, 31))])
    set_employment(world, {person(0): ["2026-12", "2027-01", "2027-02"], person(1): ["2027-03", "2027-04", "2027-05"]})
    c = one(world)
    assert [t.employed for t in c.trainees] == [True, False]  # M+6 of 2026-10 is 2027-04
    assert c.trainees[0].longest_run == 3 and c.trainees[1].longest_run == 2


@pytest.mark.parametrize(
    ("employed", "remainder", "bonus"),
    [(2, "not_met", "not_met"), (3, "due", "not_met"), (4, "due", "not_met"), (5, "due", "due")],
)
def test_thresholds_are_inclusive(world: World, employed: int, remainder: str, bonus: str) -> None:
    """10 enrolled: 3 is exactly 30 %, 5 exactly 50 % (以上 includes the number itself)."""
    set_roster(world, [trainee(i) for i in range(10)])
    set_employment(world, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(employed)})
    c = one(world)
    assert (c.phases["remainder"].status, c.phases["bonus"].status) == (remainder, bonus)


def test_just_below_a_threshold(world: World) -> None:
    """29 of 100 and 49 of 100 stay below 30 % and 50 %."""
    set_roster(world, [trainee(i) for i in range(100)])
    set_employment(world, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(49)})
    c = one(world)
    assert c.rate == Decimal("0.4900")
    assert (c.phases["remainder"].status, c.phases["bonus"].status) == ("due", "not_met")
    set_employment(world, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(29)})
    assert one(world).phases["remainder"].status == "not_met"


def test_pending_then_due_or_not_met_over_time(world: World) -> None:
    set_roster(world, [trainee(i) for i in range(10)])
    set_employment(world, {person(i): ["2026-09", "2026-10", "2026-11"] for i in range(3)})
    before_end = one(world, dt.date(2026, 6, 10))
    assert {p: r.status for p, r in before_end.phases.items()} == dict.fromkeys(before_end.phases, "pending")
    assert before_end.certified == 0  # certificates not issued yet on that day
    at_end = one(world, dt.date(2026, 6, 30))
    assert at_end.phases["first"].status == "due" and at_end.phases["remainder"].status == "pending"
    assert one(world, dt.date(2026, 10, 31)).phases["remainder"].status == "pending"  # runs 09-10 only
    reached = one(world, dt.date(2026, 11, 30))
    assert reached.phases["remainder"].status == "due" and reached.phases["bonus"].status == "pending"
    assert one(world, dt.date(2026, 12, 31)).phases["bonus"].status == "pending"  # M+6 month not over
    closed = one(world, dt.date(2027, 1, 1))
    assert closed.phases["bonus"].status == "not_met" and closed.phases["bonus"].amount == Decimal("0.00")


def test_cap_orders_subsidies_by_date_then_class_id(world: World) -> None:
    """Person 0 has 2 earlier prior subsidies: one more fits. Two classes certify on the same day:
    the lower class id wins, the other is over the cap."""
    set_roster(world, [trainee(0)])
    world.copy(CLASS, "classes/2026/P2026-001-00.yaml", lambda d: d.__setitem__("id", "P2026-001-00"))
    world.dump(PRIOR, {"subsidies": [
        {"person": person(0), "on": dt.date(2025, 1, 1), "occupation_code": "6-18-01-01", "level": "L5"},
        {"person": person(0), "on": dt.date(2025, 2, 1), "occupation_code": "6-18-02-04", "level": "L5"},
    ]})
    result = {c.class_id: c for c in settle(world).classes}
    assert result["P2026-001-00"].counted == 1
    assert result["P2026-001-01"].counted == 0
    assert result["P2026-001-01"].trainees[0].not_counted == "repeat"  # same occupation and level too
    verdicts = [(e.class_id, e.verdict, e.prior_count) for e in settle(world).ledger if e.person == person(0)]
    assert verdicts == [("P2026-001-00", "counted", 2), ("P2026-001-01", "repeat", 3)]


@pytest.mark.parametrize(("prior_days", "verdict", "before"), [
    # issue 25.4: two outside grants after this class's certificate (2026-06-25) leave it the first
    ((dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)), "counted", 0),
    # two before and one after: this one is the third, still counted
    ((dt.date(2025, 9, 1), dt.date(2025, 10, 1), dt.date(2026, 7, 1)), "counted", 2),
    # three before: this one is the fourth
    ((dt.date(2025, 9, 1), dt.date(2025, 10, 1), dt.date(2026, 6, 24)), "cap", 3),
    # an outside grant on the certificate's own day counts as earlier (which came first is unknowable)
    ((dt.date(2025, 9, 1), dt.date(2025, 10, 1), dt.date(2026, 6, 25)), "cap", 3),
])
def test_prior_subsidies_count_by_their_own_dates(
    world: World, prior_days: tuple[dt.date, ...], verdict: str, before: int
) -> None:
    set_roster(world, [trainee(0)])
    world.dump(PRIOR, {"subsidies": [
        {"person": person(0), "on": day, "occupation_code": f"6-18-01-0{n}", "level": "L5"}
        for n, day in enumerate(prior_days, start=1)
    ]})
    [entry] = [e for e in settle(world).ledger if e.person == person(0)]
    assert (entry.verdict, entry.prior_count) == (verdict, before)
    assert one(world).counted == (1 if verdict == "counted" else 0)


def test_a_later_outside_grant_of_the_same_occupation_is_no_repeat_of_this_one(world: World) -> None:
    set_roster(world, [trainee(0)])
    world.dump(PRIOR, {"subsidies": [
        {"person": person(0), "on": dt.date(2026, 9, 1), "occupation_code": "4-10-01-05", "level": "L4"},
    ]})
    assert [t.not_counted for t in one(world).trainees] == [None]


def test_repeat_rule_same_occupation_and_level(world: World) -> None:
    set_roster(world, [trainee(0), trainee(1)])
    world.dump(PRIOR, {"subsidies": [
        {"person": person(0), "on": dt.date(2025, 1, 1), "occupation_code": "4-10-01-05", "level": "L4"},
        {"person": person(1), "on": dt.date(2025, 1, 1), "occupation_code": "4-10-01-05", "level": "L3"},
    ]})
    c = one(world)
    assert [t.not_counted for t in c.trainees] == ["repeat", None]
    assert c.counted == 1


def test_payments_after_as_of_are_not_yet_paid(world: World) -> None:
    set_roster(world, [trainee(i) for i in range(10)])
    assert one(world, dt.date(2026, 7, 14)).paid == Decimal("0.00")
    c = one(world, dt.date(2026, 7, 15))
    assert c.paid == Decimal("8000.00") and c.outstanding == Decimal("0.00")


def test_half_fen_rounds_half_up_once(world: World) -> None:
    set_roster(world, [trainee(i) for i in range(3)])
    set_employment(world, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(2)})
    set_price(world, 333.35)
    c = one(world)
    # T = 1000.05; 80 % = 800.04 exactly; remainder = T - first; bonus 20 % of 1000.05 = 200.01
    assert c.phases["first"].amount == Decimal("800.04")
    assert c.phases["remainder"].amount == Decimal("200.01")
    assert c.phases["bonus"].amount == Decimal("200.01")
    assert c.phases["first"].amount + c.phases["remainder"].amount == Decimal("1000.05")


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=1, max_value=12),
    st.data(),
)
def test_properties_of_the_arithmetic(tmp_path_factory: pytest.TempPathFactory, n: int, data: st.DataObject) -> None:
    import shutil

    from tests.conftest import WORLD

    root = tmp_path_factory.mktemp("world") / "records"
    shutil.copytree(WORLD, root)
    w = World(root)
    certified = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    attended = data.draw(st.lists(st.integers(min_value=0, max_value=48), min_size=n, max_size=n))
    employed = data.draw(st.sets(st.integers(min_value=0, max_value=n - 1)))
    price = data.draw(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("3000"), places=2))
    set_roster(w, [trainee(i, certified=certified[i], attended=attended[i]) for i in range(n)])
    set_price(w, float(price))
    set_employment(w, {person(i): ["2026-07", "2026-08", "2026-09"] for i in sorted(employed)})
    c = one(w)
    for phase in c.phases.values():
        assert phase.amount >= 0
    # the bound holds to the fen: each phase is rounded once, so due may exceed the exact product by < 0.005
    bound = (1 + Decimal("0.2")) * c.unit_price * c.counted
    assert c.due <= money(bound)
    assert c.due - bound < Decimal("0.005")
    assert c.counted <= c.certified <= c.enrolled
    # adding one more stably employed trainee never lowers what is due
    others = [i for i in range(n) if i not in employed]
    if others:
        set_employment(w, {person(i): ["2026-07", "2026-08", "2026-09"] for i in sorted(employed | {others[0]})})
        assert one(w).due >= c.due


def test_a_class_without_a_price_uses_no_subsidy(world: World) -> None:
    """A class of a project with no 成交单价 pays nobody, so it must not count towards the cap."""
    set_roster(world, [trainee(0)])
    world.copy(PROJECT, "projects/2026/P2026-002.yaml", lambda d: d.update({"id": "P2026-002", "unit_price": None}))
    world.copy(CLASS, "classes/2026/P2026-002-01.yaml", lambda d: d.update({
        "id": "P2026-002-01", "project": "P2026-002",
        "trainees": [trainee(0, issued_on=dt.date(2026, 6, 1))],
    }))
    # a certificate of its own (one certificate counts once in the ledger: issue 23)
    world.edit("classes/2026/P2026-002-01.yaml", lambda d: d["trainees"][0]["assessment"]["certificate"].update(
        number_ref="c_" + "e" * 24))
    world.dump(PRIOR, {"subsidies": [
        {"person": person(0), "on": dt.date(2025, m, 1), "occupation_code": f"6-18-01-0{m}", "level": "L5"}
        for m in (1, 2)
    ]})
    result = settle(world)
    assert [c.class_id for c in result.classes] == [CLASS_ID]
    assert [(e.class_id, e.verdict) for e in result.ledger] == [(CLASS_ID, "counted")]


def test_a_class_without_a_price_uses_no_subsidy_whichever_file_comes_first(world: World) -> None:
    """The unpriced class sorts before the world's (P2026-000-01): the world's class is still judged
    after it, its certificate the third of the person's subsidies (two outside grants before)."""
    set_roster(world, [trainee(0)])
    world.copy(PROJECT, "projects/2026/P2026-000.yaml", lambda d: d.update({"id": "P2026-000", "unit_price": None}))
    world.copy(CLASS, "classes/2026/P2026-000-01.yaml", lambda d: d.update({
        "id": "P2026-000-01", "project": "P2026-000", "trainees": [trainee(0, issued_on=dt.date(2026, 6, 1))],
    }))
    world.edit("classes/2026/P2026-000-01.yaml", lambda d: d["trainees"][0]["assessment"]["certificate"].update(
        number_ref="c_" + "f" * 24))
    world.dump(PRIOR, {"subsidies": [
        {"person": person(0), "on": dt.date(2025, m, 1), "occupation_code": f"6-18-01-0{m}", "level": "L5"}
        for m in (1, 2)
    ]})
    result = settle(world)
    assert [c.class_id for c in result.classes] == [CLASS_ID]
    assert [(e.class_id, e.verdict, e.prior_count) for e in result.ledger] == [(CLASS_ID, "counted", 2)]


def test_two_installments_of_one_phase_add_up(world: World) -> None:
    """四(五): what was paid for a phase is every installment of it paid by the date: 5,000 + 3,000."""
    set_roster(world, [trainee(i) for i in range(10)])
    world.dump(PAYMENTS, {"class": CLASS_ID, "installments": [
        {"phase": "first", "amount": 5000, "paid_on": dt.date(2026, 7, 15), "voucher": "V1"},
        {"phase": "first", "amount": 3000, "paid_on": dt.date(2026, 7, 20), "voucher": "V2"},
    ]})
    c = one(world)
    assert c.paid_by_phase == {"first": Decimal("8000.00"), "remainder": Decimal("0.00"), "bonus": Decimal("0.00")}
    assert c.paid == Decimal("8000.00")
    assert one(world, dt.date(2026, 7, 19)).paid_by_phase["first"] == Decimal("5000.00")


# -- a certificate counts once, for its earliest holding (issue 23) --------------------------------


def test_the_earliest_certificate_holds_it_whatever_the_class_ids(world: World) -> None:
    """The other institution's class P2026-002-01 issued its certificates 2026-05-25, a month before
    the world's class P2026-001-01 (2026-06-25), which copied three of their numbers: the earlier
    date holds them although its class id sorts later; the world's three count for nobody."""
    from tests.rules.test_certificates import OTHER_CLASS, _other_institution

    _other_institution(world)

    def earlier(d: Any) -> None:
        d.update(start_on=dt.date(2026, 5, 1), end_on=dt.date(2026, 5, 20))
        for t in d["trainees"]:
            t["assessment"]["certificate"]["issued_on"] = dt.date(2026, 5, 25)

    world.edit(OTHER_CLASS, earlier)
    theirs = world.load(OTHER_CLASS)["trainees"]

    def copy_three(d: Any) -> None:
        for i in range(3):
            d["trainees"][i]["assessment"]["certificate"]["number_ref"] = (
                theirs[i]["assessment"]["certificate"]["number_ref"])

    world.edit(CLASS, copy_three)
    rs = load_records(world.root)
    assert [(h.class_id, h.index, first.class_id, first.index) for h, first in repeated_certificates(rs)] == [
        (CLASS_ID, i, "P2026-002-01", i) for i in range(3)]
    result = compute(rs, dt.date(2027, 6, 30))
    verdicts = {(e.class_id, e.index): e.verdict for e in result.ledger}
    assert [verdicts[(CLASS_ID, i)] for i in range(4)] == ["certificate"] * 3 + ["counted"]
    assert [verdicts[("P2026-002-01", i)] for i in range(3)] == ["counted"] * 3
    mine = next(c for c in result.classes if c.class_id == CLASS_ID)
    assert [t.not_counted for t in mine.trainees[:4]] == ["certificate"] * 3 + [None]


def test_a_person_listed_twice_in_one_class_is_no_repeated_certificate(world: World) -> None:
    """One person twice on one roster with one certificate is CLS-DUPLICATE-PERSON's finding, not a
    certificate held again (arithmetic.repeated_certificates, which CLS-CERT-SHARED reports)."""
    set_roster(world, [trainee(0, attended=20), trainee(0), trainee(1)])
    assert repeated_certificates(load_records(world.root)) == []
    set_roster(world, [trainee(0, attended=20), {**trainee(1), "assessment": trainee(0)["assessment"]}])
    [(h, first)] = repeated_certificates(load_records(world.root))
    assert (h.index, h.person, first.index, first.person) == (1, person(1), 0, person(0))


# -- records that point at nothing: REF's findings hold the class; the arithmetic must not break ----


def test_a_class_whose_project_is_missing_is_not_settled(world: World) -> None:
    world.remove(PROJECT)
    result = settle(world)
    assert (result.classes, result.ledger) == ([], [])


def test_a_class_whose_application_is_missing_is_priced_by_its_project_alone(world: World) -> None:
    """Without its application the class has no institution and no occupation to judge the cap and
    the same-occupation rule against: it takes no place in the ledger, and its ten certified trainees
    count at the project's price (10 × 1,000: 8,000 + 2,000 + 2,000 with 6 of 10 employed)."""
    world.remove(APPLICATION)
    result = settle(world)
    [c] = result.classes
    assert (c.class_id, c.institution, c.counted, c.due) == (CLASS_ID, "", 10, Decimal("12000.00"))
    assert {t.not_counted for t in c.trainees} == {None}
    assert result.ledger == []


def test_a_class_that_starts_before_any_policy_is_not_settled(world: World) -> None:
    """The world's policy takes effect 2026-03-31: a class starting the day before has no subsidy
    rules at all, so it is settled for nothing and uses up none of its trainees' subsidies."""
    world.edit(CLASS, lambda d: d.__setitem__("start_on", dt.date(2026, 3, 30)))
    result = settle(world)
    assert (result.classes, result.ledger) == ([], [])
