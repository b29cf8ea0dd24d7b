"""settlement.json field by field (generator/settlement/report.py and report_entries.py), worked by
hand from the records of each world: which phase is due, pending or not met and why (通知 四(五)),
the money in each state, the names a finance officer reads, and the held classes (暂缓).

The fixture world (tests/fixtures/world): class P2026-001-01 of project P2026-001 (application
A2026-001, 养老护理员 4-10-01-05 at level L4, institution 52320211MA1W00001X 无锡示例职业培训学校),
unit price 1,000, 2026-06-01 .. 2026-06-20; 10 trainees, all certified on 2026-06-25 (window
2026-07 .. 2026-12); the first six have pension months 2026-07 .. 2026-09, verified on 08-10, 09-10
and 10-12; the first installment (8,000) was paid on 2026-07-15. Policy wuxi-2026-pilot: 80 % first,
remainder at 30 %, a 20 % bonus at 50 %.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from generator.holds import Hold
from generator.records.load import load_records
from generator.settlement.arithmetic import compute
from generator.settlement.report import build_report, class_entry, phase_state, rate_percent, share_percent
from generator.settlement.report_entries import SettlementReport
from tests.conftest import APPLICATION, CLASS, EMPLOYMENT, INSTITUTION, PAYMENTS, POLICY, PROJECT, World
from tests.settlement.test_arithmetic import set_employment, set_roster, trainee

AS_OF = dt.date(2027, 6, 30)
CLASS_ID = "P2026-001-01"
INST = "52320211MA1W00001X"
INST_NAME = "无锡示例职业培训学校"
ISSUER = "无锡市人力资源和社会保障局"
OCCUPATION = "4-10-01-05 养老护理员"  # the catalog's code and name
LEVEL = "四级/中级工"  # L4 as the notice's documents name it
RULES = {"first_share": "0.8", "remainder_threshold": "0.3", "bonus_threshold": "0.5", "bonus_share": "0.2"}
MONEY = ("payable", "paid", "pending", "not_met", "due", "outstanding")


def report_of(world: World, as_of: dt.date = AS_OF, held: tuple[Hold, ...] = (), *, without: str = "",
              **kwargs: Any) -> SettlementReport:
    """build_report as settle calls it, on the world's records; `without` leaves a (held) class out."""
    rs = load_records(world.root)
    settlement = compute(rs, as_of)
    settlement.classes = [c for c in settlement.classes if c.class_id != without]
    return build_report(rs, settlement, "argument", None, held, **kwargs)


def persons(world: World, rel: str = CLASS) -> list[str]:
    return [t["person"] for t in world.load(rel)["trainees"]]


def each_trainee(key: str, value: Any) -> Callable[[Any], None]:
    """A change to every trainee of a class file (for World.edit)."""
    def change(data: Any) -> None:
        for t in data["trainees"]:
            t[key] = value
    return change


def phase(status: str, amount: str, share: str, state: str, reason: str | None = None, *, payable: str = "0.00",
          paid: str = "0.00", pending: str = "0.00", not_met: str = "0.00") -> dict[str, Any]:
    return {"status": status, "amount": amount, "share": share, "state": state, "pending_reason": reason,
            "payable": payable, "paid": paid, "pending": pending, "not_met": not_met}


def money(**figures: str) -> dict[str, str]:
    return {key: figures.get(key, "0.00") for key in MONEY}


def test_settlement_json_of_the_fixture_world_field_by_field(world: World) -> None:
    """As of 2027-06-30 every window has closed: 6 of 10 employed = 60 % ≥ 50 %, so every phase is
    due: first 10 × 1,000 × 80 % = 8,000 (paid on 2026-07-15), remainder 10,000 − 8,000 = 2,000 and
    bonus 10 × 1,000 × 20 % = 2,000, both payable now: 4,000 of 12,000 outstanding."""
    people = persons(world)
    report = report_of(world).as_json()
    expected_class = {
        "class": CLASS_ID, "project": "P2026-001", "project_name": "养老护理员", "institution": INST,
        "institution_name": INST_NAME, "occupation": OCCUPATION, "level": LEVEL, "policy": "wuxi-2026-pilot",
        "unit_price": "1000.00", "enrolled": 10, "certified": 10, "counted": 10, "employed": 6,
        "employment_rate": "0.6000", "employment_rate_pct": "60.0%", "ended": True, "finished": True,
        "awaiting_certificates": 0, "rules": RULES,
        "phases": {
            "first": phase("due", "8000.00", "0.8", "paid", paid="8000.00"),
            "remainder": phase("due", "2000.00", "0.2", "payable", payable="2000.00"),
            "bonus": phase("due", "2000.00", "0.2", "payable", payable="2000.00"),
        },
        "due": "12000.00", "paid": "8000.00", "outstanding": "4000.00", "payable": "4000.00", "pending": "0.00",
        "not_met": "0.00", "paid_by_phase": {"first": "8000.00", "remainder": "0.00", "bonus": "0.00"},
        "trainees": [
            {"person": p, "certified": True, "counted": True, "not_counted": None,
             "employment": "employed" if i < 6 else "not_employed", "longest_pension_run": 3 if i < 6 else 0}
            for i, p in enumerate(people)
        ],
    }
    totals = money(payable="4000.00", paid="8000.00", due="12000.00", outstanding="4000.00")
    meta = {"as_of": "2027-06-30", "as_of_source": "argument", "records_commit": None,
            "policies": ["wuxi-2026-pilot"], "issuer": ISSUER, "generated_at": "2027-06-30T00:00:00+08:00"}
    assert report == {
        "as_of": "2027-06-30", "as_of_source": "argument", "records_commit": None, "meta": meta,
        "classes": [expected_class],
        "projects": [{"project": "P2026-001", "name": "养老护理员", "institution": INST, "institution_name": INST_NAME,
                      "occupation": OCCUPATION, "level": LEVEL, "unit_price": "1000.00", "classes": 1,
                      "enrolled": 10, "counted": 10, "employed": 6, **totals}],
        "institutions": [{"institution": INST, "name": INST_NAME, "classes": 1, "held_classes": 0, **totals}],
        "totals": {**totals, "held_classes": 0},
        "held": [],
    }
    # the contract's key order (docs/settlement.md): the same report always gives the same bytes
    assert list(report) == ["as_of", "as_of_source", "records_commit", "meta", "classes", "projects",
                            "institutions", "totals", "held"]
    assert list(report["totals"]) == ["due", "paid", "outstanding", "payable", "pending", "not_met", "held_classes"]
    assert list(report["classes"][0])[:3] == ["class", "project", "project_name"]


def test_the_commit_the_time_and_the_roster_check_are_carried_into_meta(world: World) -> None:
    """What settle pins: the records commit, the time of generation (provenance) and whether every
    roster was verified with the bureau's key (a key only settle's runs carry)."""
    rs = load_records(world.root)
    at = dt.datetime(2027, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    report = build_report(rs, compute(rs, AS_OF), "commit", "a" * 40, generated_at=at, rosters_verified=True)
    j = report.as_json()
    assert (j["as_of"], j["as_of_source"], j["records_commit"]) == ("2027-06-30", "commit", "a" * 40)
    assert j["meta"]["generated_at"] == "2027-07-01T09:30:00+08:00" and j["meta"]["records_commit"] == "a" * 40
    assert j["rosters_verified"] is True and report.as_of == AS_OF
    unchecked = build_report(rs, compute(rs, AS_OF), "commit", None, rosters_verified=False).as_json()
    assert unchecked["rosters_verified"] is False
    assert "rosters_verified" not in report_of(world).as_json()  # not a settle run: no such key


def test_settled_on_the_class_s_last_day_the_class_has_ended(world: World) -> None:
    """通知 四(五) pays 培训结束后: on the end date (2026-06-20) the class has ended; nobody holds a
    certificate yet (issued 2026-06-25), so every phase waits for them (待定, 等待证书), none for the end."""
    [c] = report_of(world, dt.date(2026, 6, 20)).as_json()["classes"]
    assert c["ended"] is True and c["awaiting_certificates"] == 10
    assert {p: (ph["status"], ph["state"], ph["pending_reason"]) for p, ph in c["phases"].items()} == dict.fromkeys(
        ("first", "remainder", "bonus"), ("pending", "pending", "awaiting_certificates"))


def test_before_the_end_every_phase_is_pending_because_the_class_has_not_ended(world: World) -> None:
    """On 2026-06-10 the class is running: nobody is certified (not yet issued), nothing is paid
    (the installment is dated 2026-07-15), every phase is 待定 for the class not ended, at 0 counted."""
    people = persons(world)
    [c] = report_of(world, dt.date(2026, 6, 10)).as_json()["classes"]
    assert (c["ended"], c["finished"], c["certified"], c["counted"], c["employed"]) == (False, False, 0, 0, 0)
    assert c["employment_rate"] == "0.0000" and c["employment_rate_pct"] == "0.0%"
    assert c["phases"] == {
        "first": phase("pending", "0.00", "0.8", "pending", "not_ended"),
        "remainder": phase("pending", "0.00", "0.2", "pending", "not_ended"),
        "bonus": phase("pending", "0.00", "0.2", "pending", "not_ended"),
    }
    assert c["trainees"] == [
        {"person": p, "certified": False, "counted": False, "not_counted": "not_yet_certified",
         "employment": "not_certified", "longest_pension_run": 0} for p in people]
    assert {k: c[k] for k in MONEY} == money()
    assert c["paid_by_phase"] == {"first": "0.00", "remainder": "0.00", "bonus": "0.00"}


def test_while_the_windows_are_open_remainder_and_bonus_are_pending_at_their_current_amounts(world: World) -> None:
    """On 2026-09-15 the months 2026-07 and 2026-08 are verified (08-10, 09-10), 2026-09 not yet
    (10-12): runs of 2 < 3 months, nobody stably employed yet, windows open until 2026-12. First
    8,000 due and paid; remainder 2,000 and bonus 2,000 待定 (window_open): 4,000 pending, nothing
    payable, nothing refused."""
    people = persons(world)
    [c] = report_of(world, dt.date(2026, 9, 15)).as_json()["classes"]
    assert (c["ended"], c["finished"], c["employed"], c["employment_rate_pct"]) == (True, False, 0, "0.0%")
    assert c["phases"] == {
        "first": phase("due", "8000.00", "0.8", "paid", paid="8000.00"),
        "remainder": phase("pending", "2000.00", "0.2", "pending", "window_open", pending="2000.00"),
        "bonus": phase("pending", "2000.00", "0.2", "pending", "window_open", pending="2000.00"),
    }
    assert {k: c[k] for k in MONEY} == money(paid="8000.00", pending="4000.00", due="8000.00")
    assert [(t["employment"], t["longest_pension_run"]) for t in c["trainees"]] == (
        [("window_open", 2)] * 6 + [("window_open", 0)] * 4)
    assert [t["person"] for t in c["trainees"]] == people


def policy_shares(world: World, first: float) -> None:
    world.edit(POLICY, lambda d: d["subsidy"].__setitem__("first_share", first))


def test_below_30_percent_when_the_windows_closed_remainder_and_bonus_are_not_met_with_what_they_would_have_been(
        world: World) -> None:
    """A policy paying 75 % first: 10 × 1,000 = 10,000; first 7,500 (unpaid: payable); 2 of 10
    employed = 20 % < 30 %, windows closed: the remainder (2,500) and the bonus (10 × 1,000 × 20 % =
    2,000) are 不予拨付, shown at what they would have been: 4,500 not met, amount 0.00."""
    policy_shares(world, 0.75)
    people = persons(world)
    set_employment(world, {p: ["2026-07", "2026-08", "2026-09"] for p in people[:2]})
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    [c] = report_of(world).as_json()["classes"]
    assert (c["employed"], c["employment_rate"], c["employment_rate_pct"]) == (2, "0.2000", "20.0%")
    assert c["rules"] == {**RULES, "first_share": "0.75"}
    assert c["phases"] == {
        "first": phase("due", "7500.00", "0.75", "payable", payable="7500.00"),
        "remainder": phase("not_met", "0.00", "0.25", "not_met", not_met="2500.00"),
        "bonus": phase("not_met", "0.00", "0.2", "not_met", not_met="2000.00"),
    }
    assert {k: c[k] for k in MONEY} == money(payable="7500.00", not_met="4500.00", due="7500.00",
                                             outstanding="7500.00")
    assert [t["employment"] for t in c["trainees"]] == ["employed"] * 2 + ["not_employed"] * 8


def test_between_30_and_50_percent_the_remainder_is_due_and_the_bonus_is_not_met(world: World) -> None:
    """4 of 10 = 40 %: remainder 2,500 due (first share 75 %), bonus 2,000 不予拨付; the first 7,500
    paid in part (5,000): 部分已拨, 2,500 of it payable now."""
    policy_shares(world, 0.75)
    people = persons(world)
    set_employment(world, {p: ["2026-08", "2026-09", "2026-10", "2026-11"] for p in people[:4]})
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", [
        {"phase": "first", "amount": 5000, "paid_on": dt.date(2026, 7, 15), "voucher": "V1"}]))
    [c] = report_of(world).as_json()["classes"]
    assert c["employment_rate_pct"] == "40.0%"
    assert c["phases"] == {
        "first": phase("due", "7500.00", "0.75", "partly_paid", payable="2500.00", paid="5000.00"),
        "remainder": phase("due", "2500.00", "0.25", "payable", payable="2500.00"),
        "bonus": phase("not_met", "0.00", "0.2", "not_met", not_met="2000.00"),
    }
    assert {k: c[k] for k in MONEY} == money(payable="5000.00", paid="5000.00", not_met="2000.00",
                                             due="10000.00", outstanding="5000.00")
    assert [t["longest_pension_run"] for t in c["trainees"]] == [4] * 4 + [0] * 6
    assert c["paid_by_phase"] == {"first": "5000.00", "remainder": "0.00", "bonus": "0.00"}


def test_a_phase_paid_in_full_is_paid_and_one_due_at_nothing_with_nothing_paid_is_none(world: World) -> None:
    """Every trainee under 70 % attendance (10 of 48): nobody counted, nothing to pay in any phase:
    the first installment is not met (no certificate counted), and the remainder and bonus, due at
    0.00 (6 of 10 employed) with nothing paid, are 无应拨 (none), never 已拨."""
    world.edit(CLASS, each_trainee("attended_periods", 10))
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    [c] = report_of(world).as_json()["classes"]
    assert (c["counted"], c["employed"]) == (0, 6)
    assert {p: (ph["status"], ph["state"]) for p, ph in c["phases"].items()} == {
        "first": ("not_met", "not_met"), "remainder": ("due", "none"), "bonus": ("due", "none")}
    assert c["phases"]["first"]["not_met"] == "0.00"  # nobody counted: nothing would have been paid
    assert {t["not_counted"] for t in c["trainees"]} == {"attendance"}
    assert {k: c[k] for k in MONEY} == money()


@pytest.mark.parametrize(("status", "payable", "paid", "state"), [
    ("due", "2000.00", "0.00", "payable"),
    ("due", "2500.00", "5000.00", "partly_paid"),
    ("due", "0.00", "8000.00", "paid"),
    ("due", "0.00", "0.00", "none"),
    ("pending", "0.00", "0.00", "pending"),
    ("pending", "0.00", "100.00", "pending"),
    ("not_met", "0.00", "0.00", "not_met"),
])
def test_phase_state_names_the_money_s_state(status: str, payable: str, paid: str, state: str) -> None:
    assert phase_state(status, Decimal(payable), Decimal(paid)) == state


@pytest.mark.parametrize(("employed", "enrolled", "shown"), [
    (3, 10, "30.0%"), (1, 3, "33.3%"), (2, 3, "66.6%"), (299, 1000, "29.9%"), (1, 1, "100.0%"), (0, 0, "—"),
    (0, 7, "0.0%"),
])
def test_the_rate_is_shown_rounded_down_so_a_shown_30_percent_is_never_below_it(
        employed: int, enrolled: int, shown: str) -> None:
    """2 of 3 is 66.67 %: shown 66.6%, never rounded up past what was reached; nobody enrolled: —."""
    assert rate_percent(employed, enrolled) == shown


@pytest.mark.parametrize(("share", "shown"), [("0.8", "80%"), ("0.25", "25%"), ("0.125", "12.5%"),
                                             (Decimal("0.20"), "20%"), ("1", "100%")])
def test_a_share_is_written_as_people_write_it(share: str | Decimal, shown: str) -> None:
    assert share_percent(share) == shown


# -- names ------------------------------------------------------------------------------------------

def test_a_newly_developed_project_is_named_by_its_project_name_with_no_level(world: World) -> None:
    """通知 一(一) allows projects outside the catalog: the occupation is 新开发项目：<name>, the level
    blank (no catalog level applies)."""
    world.edit(APPLICATION, lambda d: d.__setitem__("catalog", {"in_catalog": False}))
    [c] = report_of(world).as_json()["classes"]
    assert (c["occupation"], c["level"]) == ("新开发项目：养老护理员", "")


def test_a_catalog_code_the_catalog_does_not_list_is_shown_as_the_code_alone(world: World) -> None:
    world.edit(APPLICATION, lambda d: d["catalog"].update({"occupation_code": "6-31-99-99", "level": "L3"}))
    [c] = report_of(world).as_json()["classes"]
    assert (c["occupation"], c["level"]) == ("6-31-99-99", "三级/高级工")


def test_the_other_catalog_occupation_is_named_from_the_catalog(world: World) -> None:
    """The catalog lists two occupations; the name is the one of the application's code."""
    world.edit(APPLICATION, lambda d: d["catalog"].update({"occupation_code": "6-31-07-03", "level": "L5"}))
    [p] = report_of(world).as_json()["projects"]
    assert (p["occupation"], p["level"]) == ("6-31-07-03 工业机器人系统操作员", "五级/初级工")


def test_without_a_catalog_in_force_on_submission_the_code_alone(world: World) -> None:
    world.edit(APPLICATION, lambda d: d.__setitem__("submitted_on", dt.date(2024, 12, 31)))
    [c] = report_of(world).as_json()["classes"]
    assert c["occupation"] == "4-10-01-05"


def test_names_of_a_class_whose_institution_record_is_missing_are_blank_not_invented(world: World) -> None:
    world.remove(INSTITUTION)
    report = report_of(world).as_json()
    [c] = report["classes"]
    assert (c["institution"], c["institution_name"], c["project_name"]) == (INST, "", "养老护理员")
    assert report["institutions"][0]["name"] == ""


def test_names_of_a_class_whose_application_is_missing_are_blank(world: World) -> None:
    """A project whose application cannot be found: the class is settled (its price is the
    project's) but no name, occupation or level is made up."""
    world.edit(PROJECT, lambda d: d.__setitem__("application", "A2026-999"))
    [c] = report_of(world).as_json()["classes"]
    assert {k: c[k] for k in ("project_name", "institution_name", "occupation", "level")} == dict.fromkeys(
        ("project_name", "institution_name", "occupation", "level"), "")


# -- several classes, projects and institutions -------------------------------------------------------

SECOND_INST = "52320211MA1W00002X"
SECOND_CLASS = "classes/2026/P2026-002-01.yaml"


def add_second_institution(world: World) -> None:
    """Institution 52320211MA1W00002X (无锡第二示例培训学校) with a newly developed project P2026-002
    (无人机装调, 2,000 per trainee) and one class of 4 trainees, none of them employed."""
    world.copy(INSTITUTION, f"institutions/{SECOND_INST}.yaml",
               lambda d: d.update({"uscc": SECOND_INST, "name": "无锡第二示例培训学校"}))
    world.copy(APPLICATION, "applications/2026/A2026-002.yaml", lambda d: d.update({
        "id": "A2026-002", "institution": SECOND_INST, "project_name": "无人机装调", "catalog": {"in_catalog": False}}))
    world.copy(PROJECT, "projects/2026/P2026-002.yaml",
               lambda d: d.update({"id": "P2026-002", "application": "A2026-002", "unit_price": 2000}))
    world.copy(CLASS, SECOND_CLASS, lambda d: d.update({"id": "P2026-002-01", "project": "P2026-002"}))
    set_roster(world, [trainee(100 + i) for i in range(4)], SECOND_CLASS)


def test_each_institution_and_project_has_its_own_totals_and_the_totals_add_them_up(world: World) -> None:
    """Second institution: 4 counted × 2,000 = 8,000; first 6,400 payable (nothing paid); nobody
    employed, windows closed: remainder 1,600 and bonus 4 × 2,000 × 20 % = 1,600 不予拨付. The first
    institution as in the fixture world (4,000 payable of 12,000). Totals: 10,400 payable, 8,000
    paid, 3,200 not met, 18,400 due, 10,400 outstanding."""
    add_second_institution(world)
    report = report_of(world).as_json()
    assert [c["class"] for c in report["classes"]] == [CLASS_ID, "P2026-002-01"]
    second = report["classes"][1]
    assert (second["institution"], second["institution_name"], second["project_name"]) == (
        SECOND_INST, "无锡第二示例培训学校", "无人机装调")
    assert (second["occupation"], second["level"], second["unit_price"]) == ("新开发项目：无人机装调", "", "2000.00")
    first_totals = money(payable="4000.00", paid="8000.00", due="12000.00", outstanding="4000.00")
    second_totals = money(payable="6400.00", not_met="3200.00", due="6400.00", outstanding="6400.00")
    assert report["institutions"] == [
        {"institution": INST, "name": INST_NAME, "classes": 1, "held_classes": 0, **first_totals},
        {"institution": SECOND_INST, "name": "无锡第二示例培训学校", "classes": 1, "held_classes": 0, **second_totals},
    ]
    assert [(p["project"], p["name"], p["institution"], p["unit_price"], p["enrolled"], p["counted"], p["employed"])
            for p in report["projects"]] == [
        ("P2026-001", "养老护理员", INST, "1000.00", 10, 10, 6),
        ("P2026-002", "无人机装调", SECOND_INST, "2000.00", 4, 4, 0)]
    assert {k: report["projects"][1][k] for k in MONEY} == second_totals
    assert report["totals"] == {**money(payable="10400.00", paid="8000.00", not_met="3200.00", due="18400.00",
                                        outstanding="10400.00"), "held_classes": 0}


def test_a_project_with_two_classes_adds_them_up(world: World) -> None:
    """A second class of the project with 3 of the 4 trainees employed: 4 × 1,000: first 3,200,
    remainder 800, bonus 800 all payable (75 % ≥ 50 %). The project: 2 classes, 14 enrolled, 14
    counted, 9 employed; payable 4,000 + 4,800 = 8,800."""
    world.copy(CLASS, "classes/2026/P2026-001-02.yaml", lambda d: d.update({"id": "P2026-001-02"}))
    set_roster(world, [trainee(200 + i) for i in range(4)], "classes/2026/P2026-001-02.yaml")
    more = persons(world, "classes/2026/P2026-001-02.yaml")[:3]
    set_employment(world, {p: ["2026-07", "2026-08", "2026-09"] for p in more}, class_id="P2026-001-02",
                   rel="employment/2026/P2026-001-02.yaml")
    report = report_of(world).as_json()
    [p] = report["projects"]
    assert (p["classes"], p["enrolled"], p["counted"], p["employed"]) == (2, 14, 14, 9)
    assert {k: p[k] for k in MONEY} == money(payable="8800.00", paid="8000.00", due="16800.00",
                                             outstanding="8800.00")
    assert report["institutions"][0]["classes"] == 2
    second = report["classes"][1]
    assert {ph: second["phases"][ph]["payable"] for ph in ("first", "remainder", "bonus")} == {
        "first": "3200.00", "remainder": "800.00", "bonus": "800.00"}


def test_a_class_with_nobody_enrolled_has_no_rate(world: World) -> None:
    from tests.settlement.worlds import add_empty_class

    add_empty_class(world)
    report = report_of(world).as_json()
    empty = next(c for c in report["classes"] if c["class"] == "P2026-001-02")
    assert (empty["enrolled"], empty["employment_rate"], empty["employment_rate_pct"]) == (0, None, "—")
    assert report["projects"][0]["enrolled"] == 10


# -- held classes (暂缓) --------------------------------------------------------------------------------

def test_a_held_class_is_listed_with_its_names_and_counted_once_however_many_errors_hold_it(world: World) -> None:
    """The world's only class held by two errors: no class settled, one held class; the institution
    is still listed (0 settled, 1 held, no money) under the name its records give, and the papers'
    issuer is the bureau of every policy, since none is settled under."""
    path = world.display(EMPLOYMENT)
    holds = (Hold(CLASS_ID, "EMP-WINDOW", path, "养老保险月份超出跟踪期"),
             Hold(CLASS_ID, "PAY-OVER", world.display(PAYMENTS), "拨付超过应拨"))
    statement = report_of(world, held=holds, without=CLASS_ID)
    # nothing settled: every total is 0.00 to the fen, as settle prints it (本次应拨 0.00 元)
    for money_of in (statement.totals.money, statement.institutions[0].money):
        assert [str(getattr(money_of, key)) for key in MONEY] == ["0.00"] * 6
    report = statement.as_json()
    assert report["classes"] == [] and report["projects"] == []
    assert report["held"] == [
        {"class": CLASS_ID, "rule": "EMP-WINDOW", "path": path, "message": "养老保险月份超出跟踪期",
         "project": "P2026-001", "project_name": "养老护理员", "institution": INST, "institution_name": INST_NAME},
        {"class": CLASS_ID, "rule": "PAY-OVER", "path": world.display(PAYMENTS), "message": "拨付超过应拨",
         "project": "P2026-001", "project_name": "养老护理员", "institution": INST, "institution_name": INST_NAME},
    ]
    assert report["institutions"] == [{"institution": INST, "name": INST_NAME, "classes": 0, "held_classes": 1,
                                       **money()}]
    assert report["totals"] == {**money(), "held_classes": 1}
    assert report["meta"]["policies"] == [] and report["meta"]["issuer"] == ISSUER


def test_a_held_class_beside_a_settled_one_counts_in_its_institution(world: World) -> None:
    world.copy(CLASS, "classes/2026/P2026-001-02.yaml", lambda d: d.update({"id": "P2026-001-02"}))
    hold = Hold("P2026-001-02", "CLS-PERIODS", "classes/2026/P2026-001-02.yaml", "课时不足")
    report = report_of(world, held=(hold,), without="P2026-001-02").as_json()
    assert [c["class"] for c in report["classes"]] == [CLASS_ID]
    assert report["institutions"] == [{"institution": INST, "name": INST_NAME, "classes": 1, "held_classes": 1,
                                       **money(payable="4000.00", paid="8000.00", due="12000.00",
                                               outstanding="4000.00")}]
    assert report["totals"]["held_classes"] == 1 and report["totals"]["payable"] == "4000.00"


def test_a_held_class_the_records_no_longer_know_is_listed_without_names(world: World) -> None:
    """A class file that could not be read: its hold names no project or institution, and no
    institution entry with an empty code is invented for it."""
    hold = Hold("P2026-009-01", "SCHEMA", "classes/2026/P2026-009-01.yaml", "无法读取")
    report = report_of(world, held=(hold,)).as_json()
    assert report["held"] == [{"class": "P2026-009-01", "rule": "SCHEMA", "path": "classes/2026/P2026-009-01.yaml",
                               "message": "无法读取", "project": "", "project_name": "", "institution": "",
                               "institution_name": ""}]
    assert [i["institution"] for i in report["institutions"]] == [INST]
    assert report["institutions"][0]["held_classes"] == 0 and report["totals"]["held_classes"] == 1


def test_a_held_class_whose_project_is_unknown_has_no_names(world: World) -> None:
    world.copy(CLASS, "classes/2026/P2026-009-01.yaml", lambda d: d.update({"id": "P2026-009-01",
                                                                          "project": "P2026-009"}))
    hold = Hold("P2026-009-01", "CLS-PROJECT", "classes/2026/P2026-009-01.yaml", "项目不存在")
    [h] = report_of(world, held=(hold,), without="P2026-009-01").as_json()["held"]
    assert (h["project"], h["project_name"], h["institution"], h["institution_name"]) == ("P2026-009", "", "", "")


def test_an_application_outside_the_catalog_is_named_as_newly_developed_whatever_code_it_gives(world: World) -> None:
    """`in_catalog: false` decides (通知 一(一)): a code left in the form does not make it a catalog
    occupation, even one the catalog lists."""
    world.edit(APPLICATION, lambda d: d["catalog"].update({"in_catalog": False}))
    [c] = report_of(world).as_json()["classes"]
    assert (c["occupation"], c["level"]) == ("新开发项目：养老护理员", LEVEL)


def test_a_class_entry_made_on_its_own_names_its_class_as_the_report_does(world: World) -> None:
    rs = load_records(world.root)
    [settled] = compute(rs, AS_OF).classes
    alone = class_entry(rs, settled, AS_OF)
    assert alone == build_report(rs, compute(rs, AS_OF), "argument", None).classes[0]
    assert (alone.project_name, alone.institution_name, alone.occupation) == ("养老护理员", INST_NAME, OCCUPATION)


def add_later_policy(world: World) -> None:
    """A second policy, issued by another bureau and in force only from 2027: no class of the world
    (started 2026-06-01) is settled under it."""
    world.copy(POLICY, "policy/jiangyin-2027.yaml", lambda d: d.update({
        "id": "jiangyin-2027", "issuer": "江阴市人力资源和社会保障局", "jurisdiction": "江阴市",
        "issued_on": dt.date(2026, 12, 1), "effective_from": dt.date(2027, 1, 1)}))


def test_the_papers_are_issued_by_the_bureau_of_the_policy_settled_under(world: World) -> None:
    add_later_policy(world)
    meta = report_of(world).as_json()["meta"]
    assert (meta["policies"], meta["issuer"]) == (["wuxi-2026-pilot"], ISSUER)


def test_with_no_class_settled_the_papers_name_every_policy_s_bureau(world: World) -> None:
    add_later_policy(world)
    hold = Hold(CLASS_ID, "EMP-WINDOW", "x.yaml", "m")
    meta = report_of(world, held=(hold,), without=CLASS_ID).as_json()["meta"]
    assert (meta["policies"], meta["issuer"]) == ([], f"{ISSUER}、江阴市人力资源和社会保障局")


def test_an_institution_counts_each_held_class_once(world: World) -> None:
    """Two more classes of the project held, one of them by two errors: the institution has 1
    class settled and 2 held, the totals 2 held classes."""
    for n in ("02", "03"):
        world.copy(CLASS, f"classes/2026/P2026-001-{n}.yaml", lambda d, n=n: d.update({"id": f"P2026-001-{n}"}))
    holds = (Hold("P2026-001-02", "CLS-PERIODS", "classes/2026/P2026-001-02.yaml", "课时不足"),
             Hold("P2026-001-02", "CLS-DATES", "classes/2026/P2026-001-02.yaml", "日期有误"),
             Hold("P2026-001-03", "CLS-PERIODS", "classes/2026/P2026-001-03.yaml", "课时不足"))
    rs = load_records(world.root)
    settlement = compute(rs, AS_OF)
    settlement.classes = [c for c in settlement.classes if c.class_id == CLASS_ID]
    report = build_report(rs, settlement, "argument", None, holds).as_json()
    [inst] = report["institutions"]
    assert (inst["classes"], inst["held_classes"]) == (1, 2)
    assert report["totals"]["held_classes"] == 2 and len(report["held"]) == 3
