"""Validation after a few changed files (generator.incremental) equals a full validation.

The world is the test world grown to three projects and six classes that share trainees and
certificates, in a real Git repository; every edit is a real file written on disk. Each check runs
`validate` with the cache (the incremental path when it applies) and without it (every rule over
every record) and compares the reports: the same findings, in the same order, on the same lines.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.incremental import Fallback, Plan, closure_records, plan
from generator.pipeline import validate
from generator.records.cache import RecordCache
from generator.records.cachelayer import CacheLayer
from generator.records.load import load_records
from generator.runtime import Tuning, tuned
from generator.settlement.arithmetic import compute
from tests.conftest import AS_OF, WORLD, World, commit_all

CLASSES = {
    # class id: (project, start, end, trainees taken from the world's class, new trainees)
    "P2026-001-01": ("P2026-001", dt.date(2026, 6, 1), dt.date(2026, 6, 20), range(10), 0),
    "P2026-001-02": ("P2026-001", dt.date(2026, 7, 1), dt.date(2026, 7, 20), range(0, 4), 6),
    "P2026-002-01": ("P2026-002", dt.date(2026, 6, 10), dt.date(2026, 6, 30), range(4, 8), 5),
    "P2026-002-02": ("P2026-002", dt.date(2026, 8, 1), dt.date(2026, 8, 20), range(1, 3), 7),
    "P2026-003-01": ("P2026-003", dt.date(2026, 9, 1), dt.date(2026, 9, 20), range(6, 10), 4),
    "P2026-003-02": ("P2026-003", dt.date(2026, 10, 1), dt.date(2026, 10, 20), (), 9),
}
CLASS_RELS = [f"classes/2026/{c}.yaml" for c in CLASSES]
UNIT_RELS = CLASS_RELS + [f"employment/2026/{c}.yaml" for c in CLASSES] + [f"payments/2026/{c}.yaml" for c in CLASSES]


def _person(n: int) -> str:
    return f"p_{n:024x}"


def _certificate(n: int) -> str:
    return f"c_{n:024x}"


def grow(world: World) -> None:
    """Three projects of one institution, six classes, employment and payments for each, trainees
    and certificates shared across classes and projects."""
    for n in (2, 3):
        world.copy("applications/2026/A2026-001.yaml", f"applications/2026/A2026-00{n}.yaml",
                   lambda d, n=n: d.update(id=f"A2026-00{n}"))
        world.copy("projects/2026/P2026-001.yaml", f"projects/2026/P2026-00{n}.yaml",
                   lambda d, n=n: d.update(id=f"P2026-00{n}", application=f"A2026-00{n}",
                                           review={**d["review"], "rank": n}))
    base = world.load("classes/2026/P2026-001-01.yaml")
    fresh = 100
    for cid, (project, start, end, taken, new) in CLASSES.items():
        trainees = [dict(base["trainees"][i]) for i in taken]
        for _ in range(new):
            fresh += 1
            trainees.append({**dict(base["trainees"][0]), "person": _person(fresh), "assessment": {
                "passed": True, "certificate": {"kind": "skill_level_certificate", "number_ref": _certificate(fresh),
                                                "issued_on": end + dt.timedelta(days=5)}}})
        for t in trainees:
            cert = t.get("assessment", {}) and t["assessment"].get("certificate")
            if cert:
                t["assessment"] = {**t["assessment"], "certificate": {**cert, "issued_on": end + dt.timedelta(days=5)}}
        data = world.load("classes/2026/P2026-001-01.yaml")
        data.update(id=cid, project=project, start_on=start, end_on=end, trainees=trainees)
        world.dump(f"classes/2026/{cid}.yaml", data)
        emp = world.load("employment/2026/P2026-001-01.yaml")
        emp["class"] = cid
        emp["records"] = [{**dict(emp["records"][0]), "person": t["person"]} for t in trainees[:3]]
        world.dump(f"employment/2026/{cid}.yaml", emp)
        pay = world.load("payments/2026/P2026-001-01.yaml")
        pay["class"] = cid
        pay["installments"] = [{**dict(pay["installments"][0]), "amount": 800 * len(trainees),
                                "paid_on": end + dt.timedelta(days=25)}]
        world.dump(f"payments/2026/{cid}.yaml", pay)


@pytest.fixture
def grown(tmp_path: Path) -> World:
    root = tmp_path / "records"
    shutil.copytree(WORLD, root)
    world = World(root)
    grow(world)
    commit_all(tmp_path, "grown world", "2026-11-01T10:00:00+08:00")
    return world


def full(world: World) -> list[Any]:
    return validate(world.root, AS_OF, use_cache=False).findings


def planned(world: World) -> Plan | Fallback:
    return plan(CacheLayer.open(world.root), AS_OF)


def assert_equal_to_full(world: World) -> None:
    incremental = validate(world.root, AS_OF).findings
    assert incremental == full(world)


# -- random edits ---------------------------------------------------------------------------------

Edit = Callable[[random.Random, World], None]


def _trainees(rng: random.Random, world: World) -> tuple[str, Any]:
    rel = rng.choice(CLASS_RELS)
    return rel, world.load(rel)


def add_trainee(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    other = world.load(rng.choice(CLASS_RELS))["trainees"]
    if other:
        data["trainees"].append(dict(rng.choice(other)))  # a trainee of another class (or this one)
    world.dump(rel, data)


def new_trainee(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    n = rng.randrange(500, 520)
    data["trainees"].append({"person": _person(n), "group": "registered_unemployed", "attended_periods": 40,
                             "assessment": {"passed": True, "certificate": {
                                 "kind": "skill_level_certificate", "number_ref": _certificate(n),
                                 "issued_on": dt.date(2026, rng.randrange(6, 12), 25)}}})
    world.dump(rel, data)


def remove_trainee(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    if data["trainees"]:
        del data["trainees"][rng.randrange(len(data["trainees"]))]
    world.dump(rel, data)


def duplicate_trainee(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    if data["trainees"]:
        data["trainees"].insert(rng.randrange(len(data["trainees"]) + 1), dict(rng.choice(data["trainees"])))
    world.dump(rel, data)


def share_trainee(rng: random.Random, world: World) -> None:
    """Replace a trainee by one of another class: a person now in two classes (overlap, cap, repeat)."""
    rel, data = _trainees(rng, world)
    other = world.load(rng.choice(CLASS_RELS))["trainees"]
    if data["trainees"] and other:
        data["trainees"][rng.randrange(len(data["trainees"]))] = dict(rng.choice(other))
    world.dump(rel, data)


def move_dates(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    shift = dt.timedelta(days=rng.choice((-40, -10, 3, 25, 60)))
    data["start_on"] = data["start_on"] + shift
    if rng.random() < 0.5:
        data["end_on"] = data["end_on"] + shift
    world.dump(rel, data)


def move_certificate(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    certified = [t for t in data["trainees"] if t.get("assessment") and t["assessment"].get("certificate")]
    if certified:
        cert = rng.choice(certified)["assessment"]["certificate"]
        cert["issued_on"] = dt.date(2026, rng.randrange(5, 13), rng.randrange(1, 28))
    world.dump(rel, data)


def change_certificate(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    if not data["trainees"]:
        return
    t = rng.choice(data["trainees"])
    choice = rng.randrange(4)
    if choice == 0:
        t["assessment"] = None
    elif choice == 1:
        t["assessment"] = {"passed": False}
    elif choice == 2 and t.get("assessment") and t["assessment"].get("certificate"):
        t["assessment"]["certificate"]["kind"] = "special_ability_certificate"
    else:  # the certificate of another trainee (CLS-CERT-SHARED)
        other = [x for x in world.load(rng.choice(CLASS_RELS))["trainees"]
                 if x.get("assessment") and x["assessment"].get("certificate")]
        if other:
            t["assessment"] = {"passed": True, "certificate": dict(rng.choice(other)["assessment"]["certificate"])}
    world.dump(rel, data)


def change_group(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    if data["trainees"]:
        rng.choice(data["trainees"])["group"] = rng.choice(
            ["rural_migrant_worker", "registered_unemployed", "veteran", "graduating_student"])
    world.dump(rel, data)


def attendance(rng: random.Random, world: World) -> None:
    rel, data = _trainees(rng, world)
    if data["trainees"]:
        rng.choice(data["trainees"])["attended_periods"] = rng.choice((0, 20, 33, 34, 48, 60))
    world.dump(rel, data)


def more_classes(rng: random.Random, world: World) -> None:
    """Many trainees at once: over the project's quota of trainees."""
    rel, data = _trainees(rng, world)
    data["trainees"].extend(dict(t) for t in world.load(rng.choice(CLASS_RELS))["trainees"])
    world.dump(rel, data)


def employment(rng: random.Random, world: World) -> None:
    rel = f"employment/2026/{rng.choice(list(CLASSES))}.yaml"
    data = world.load(rel)
    choice = rng.randrange(4)
    if choice == 0 and data["records"]:
        del data["records"][rng.randrange(len(data["records"]))]
    elif choice == 1 and data["records"]:
        entry = rng.choice(data["records"])
        entry["pension_months"] = [f"2026-{m:02d}" for m in range(rng.randrange(6, 9), 13)]
        entry["verified_on"] = {m: dt.date(2027, 1, 10) for m in entry["pension_months"]}
    elif choice == 2:
        persons = [t["person"] for t in world.load(rng.choice(CLASS_RELS))["trainees"]]
        if persons:
            data["records"].append({"person": rng.choice(persons), "employer": "91320214MA1X00001T",
                                    "pension_months": ["2026-11", "2026-12", "2027-01"],
                                    "verified_on": {}})
    elif data["records"]:
        data["records"].append(dict(rng.choice(data["records"])))  # the same person twice
    world.dump(rel, data)


def payments(rng: random.Random, world: World) -> None:
    rel = f"payments/2026/{rng.choice(list(CLASSES))}.yaml"
    data = world.load(rel)
    if rng.random() < 0.5 and data["installments"]:
        data["installments"][0]["amount"] = rng.choice((100, 4000, 8000, 12000, 40000))
    else:
        data["installments"].append({"phase": rng.choice(["first", "remainder", "bonus"]),
                                     "amount": rng.choice((500, 2000, 9000)),
                                     "paid_on": dt.date(2026, rng.randrange(7, 13), 15), "voucher": "WX-PAY-0099"})
    world.dump(rel, data)


def comment(rng: random.Random, world: World) -> None:
    rel = rng.choice(UNIT_RELS)
    with world.path(rel).open("a", encoding="utf-8") as fh:
        fh.write(f"# edit {rng.random()}\n")


EDITS: tuple[Edit, ...] = (add_trainee, new_trainee, remove_trainee, duplicate_trainee, share_trainee, move_dates,
                           move_certificate, change_certificate, change_group, attendance, more_classes, employment,
                           payments, comment)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_give_the_findings_of_a_full_run(grown: World, seed: int) -> None:
    rng = random.Random(seed)
    validate(grown.root, AS_OF)  # a full run leaves the state
    incremental = 0
    for _ in range(14):
        for _ in range(rng.choice((1, 1, 1, 2))):
            rng.choice(EDITS)(rng, grown)
        if isinstance(planned(grown), Plan):
            incremental += 1
        assert_equal_to_full(grown)
    assert incremental >= 7  # most edits take the incremental path (moved end dates fall back)


def test_the_settlement_of_the_judged_classes_equals_a_full_one(grown: World) -> None:
    validate(grown.root, AS_OF)
    rng = random.Random(7)
    checked = 0
    for _ in range(12):
        rng.choice((share_trainee, add_trainee, change_certificate, payments, employment))(rng, grown)
        found = planned(grown)
        if isinstance(found, Plan):
            part = compute(closure_records(CacheLayer.open(grown.root), found).records, AS_OF)
            whole = compute(load_records(grown.root, cache=False), AS_OF)
            mine = {c.class_id: c for c in part.classes if c.class_id in found.judged["person"]}
            assert mine == {c.class_id: c for c in whole.classes if c.class_id in found.judged["person"]}
            checked += 1
        assert_equal_to_full(grown)
    assert checked >= 6


# -- attacks: a change that must create a finding on another, untouched record ----------------------

def test_a_fourth_subsidy_is_found_on_the_untouched_class_that_now_exceeds_the_cap(grown: World) -> None:
    person = _person(900)

    def enrol(rel: str, n: int) -> None:
        grown.edit(rel, lambda d: d["trainees"].append({
            "person": person, "group": "registered_unemployed", "attended_periods": 48,
            "assessment": {"passed": True, "certificate": {"kind": "skill_level_certificate",
                                                           "number_ref": _certificate(900 + n),
                                                           "issued_on": d["end_on"] + dt.timedelta(days=5)}}}))

    # one subsidy before (another occupation), then three classes of three projects: the third is the cap
    grown.edit("prior_subsidies.yaml", lambda d: d["subsidies"].append(
        {"person": person, "on": dt.date(2025, 1, 1), "occupation_code": "4-10-01-03", "level": "L3"}))
    for n, cid in enumerate(("P2026-001-01", "P2026-003-01")):
        enrol(f"classes/2026/{cid}.yaml", n)
    grown.edit("applications/2026/A2026-002.yaml", lambda d: d["catalog"].update(level="L2"))
    grown.edit("applications/2026/A2026-003.yaml", lambda d: d["catalog"].update(level="L3"))
    validate(grown.root, AS_OF)
    later = "classes/2026/P2026-003-01.yaml"
    assert not [f for f in grown.validate().findings if f.rule in ("SUB-CAP", "SUB-REPEAT") and
                f.path == grown.display(later)]
    enrol("classes/2026/P2026-002-01.yaml", 2)  # certified before P2026-003-01: takes the last subsidy
    assert isinstance(planned(grown), Plan)
    report = validate(grown.root, AS_OF)
    assert [f.rule for f in report.findings if f.path == grown.display(later)
            and f.rule in ("SUB-CAP", "SUB-REPEAT")] == ["SUB-CAP"]
    assert report.findings == full(grown)


def test_trainees_over_quota_are_found_on_the_untouched_sibling_class(grown: World) -> None:
    validate(grown.root, AS_OF)
    sibling = "classes/2026/P2026-001-02.yaml"
    assert not [f for f in grown.validate().findings if f.rule == "CLS-QUOTA"]
    extra = [{"person": _person(700 + i), "group": "registered_unemployed", "attended_periods": 48} for i in range(6)]
    grown.edit("classes/2026/P2026-001-01.yaml", lambda d: d["trainees"].extend(extra))  # starts first
    assert isinstance(planned(grown), Plan)
    report = validate(grown.root, AS_OF)
    assert [f.path for f in report.findings if f.rule == "CLS-QUOTA"] == [grown.display(sibling)]
    assert report.findings == full(grown)


def test_an_overlap_is_found_on_the_untouched_class_that_starts_later(grown: World) -> None:
    validate(grown.root, AS_OF)
    later = grown.load("classes/2026/P2026-001-01.yaml")["trainees"][0]
    grown.edit("classes/2026/P2026-002-01.yaml", lambda d: d["trainees"].append(dict(later)))
    grown.edit("classes/2026/P2026-002-01.yaml", lambda d: d.update(start_on=dt.date(2026, 5, 25)))
    report = validate(grown.root, AS_OF)
    assert report.findings == full(grown)


# -- every fallback falls back ------------------------------------------------------------------------

def drop_last(key: str) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data[key].pop()

    return change


def _fallback(world: World) -> str:
    found = planned(world)
    assert isinstance(found, Fallback)
    assert_equal_to_full(world)
    return found.reason


def test_without_a_previous_run_everything_is_judged(grown: World) -> None:
    assert _fallback(grown) == "no previous run in the cache"


def test_reference_and_other_kinds_of_records_fall_back(grown: World) -> None:
    validate(grown.root, AS_OF)
    for rel, change in (
        ("policy/wuxi-2026-pilot.yaml", lambda d: d["training"].update(min_attendance=0.8)),
        ("catalog/wuxi-2025.yaml", lambda d: d.update(edition="2025 版（修订）")),
        ("prior_subsidies.yaml", lambda d: d["subsidies"].clear()),
        ("roles.yaml", lambda d: d),
        ("projects/2026/P2026-002.yaml", lambda d: d["quota"].update(trainees=5)),
        ("applications/2026/A2026-002.yaml", lambda d: d.update(target_groups=["veteran"])),
        ("institutions/52320211MA1W00001X.yaml", lambda d: d.update(violations=[])),
        ("calls/2026/C2026-01.yaml", lambda d: d.update(budget=1000)),
    ):
        grown.edit(rel, change)
        with grown.path(rel).open("a", encoding="utf-8") as fh:
            fh.write("# changed\n")
        assert "is not a class, employment or payments file" in _fallback(grown)
        validate(grown.root, AS_OF)


def test_added_removed_and_broken_files_fall_back(grown: World) -> None:
    validate(grown.root, AS_OF)
    grown.copy("classes/2026/P2026-003-02.yaml", "classes/2026/P2026-003-03.yaml",
               lambda d: d.update(id="P2026-003-03"))
    assert _fallback(grown) == "a file was added or removed"
    validate(grown.root, AS_OF)
    grown.remove("payments/2026/P2026-002-02.yaml")
    assert _fallback(grown) == "a file was added or removed"
    validate(grown.root, AS_OF)
    grown.write("classes/2026/P2026-003-03.yaml", "id: [unclosed\n")
    assert _fallback(grown) == "classes/2026/P2026-003-03.yaml does not load"
    validate(grown.root, AS_OF)
    grown.copy("classes/2026/P2026-003-02.yaml", "classes/2026/P2026-003-03.yaml",
               lambda d: d.update(id="P2026-003-03", location="别处"))
    assert _fallback(grown) == "classes/2026/P2026-003-03.yaml did not load in the previous run"
    grown.copy("classes/2026/P2026-003-02.yaml", "classes/2026/P2026-003-03.yaml",
               lambda d: d.update(id="P2026-003-03", location="又一处"))
    assert isinstance(planned(grown), Plan)  # loaded in the run just before: back on the incremental path


def test_a_duplicate_identity_falls_back(grown: World) -> None:
    grown.copy("classes/2026/P2026-003-02.yaml", "classes/2027/P2026-003-02.yaml")
    validate(grown.root, AS_OF)
    grown.edit("classes/2026/P2026-001-01.yaml", lambda d: d.update(location="别处"))
    assert _fallback(grown) == "two class, employment or payments files for P2026-003-02"


def test_another_date_or_code_version_falls_back(grown: World) -> None:
    validate(grown.root, AS_OF)
    grown.edit("classes/2026/P2026-001-01.yaml", lambda d: d.update(location="别处"))
    assert isinstance(plan(CacheLayer.open(grown.root), AS_OF + dt.timedelta(days=1)), Fallback)
    assert isinstance(plan(CacheLayer(grown.root, RecordCache(grown.root, fingerprint="another-version")), AS_OF),
                      Fallback)
    assert validate(grown.root, AS_OF + dt.timedelta(days=1)).findings == \
        validate(grown.root, AS_OF + dt.timedelta(days=1), use_cache=False).findings


def test_a_moved_end_date_or_project_falls_back(grown: World) -> None:
    validate(grown.root, AS_OF)
    grown.edit("classes/2026/P2026-002-02.yaml", lambda d: d.update(end_on=dt.date(2026, 8, 21)))
    assert _fallback(grown) == "class P2026-002-02 changed its end date or project (INST-ENGAGEMENT)"
    validate(grown.root, AS_OF)
    grown.edit("classes/2026/P2026-002-02.yaml", lambda d: d.update(project="P2026-003"))
    assert _fallback(grown) == "class P2026-002-02 changed its end date or project (INST-ENGAGEMENT)"


def test_a_class_that_shares_a_trainee_with_a_terminated_project_falls_back(grown: World) -> None:
    grown.edit("projects/2026/P2026-003.yaml", lambda d: d.update(
        status="terminated", terminated={"on": dt.date(2026, 12, 1), "reason": "培训主体违规"}))
    validate(grown.root, AS_OF)
    grown.edit("employment/2026/P2026-002-01.yaml", drop_last("records"))  # P2026-002-01 shares with 003-01
    assert _fallback(grown) == "class P2026-003-01 belongs to a terminated project (BUDGET-EXPOSURE)"


def test_a_corrected_class_falls_back(grown: World) -> None:
    grown.write("corrections/2026/K2026-001.yaml",
                "id: K2026-001\nclass: P2026-001-02\nfield: periods.practical\nold: 32\nnew: 30\n"
                "reason: 课时登记有误\napproved_by: wx-bureau\napproved_on: 2026-10-01\n")
    validate(grown.root, AS_OF)
    assert [f for f in grown.validate().findings if f.rule == "CLS-CORRECTION"] == []
    grown.edit("classes/2026/P2026-001-02.yaml", drop_last("trainees"))
    assert _fallback(grown) == "a correction names P2026-001-02"


def test_many_changed_files_fall_back(grown: World) -> None:
    validate(grown.root, AS_OF)
    for rel in CLASS_RELS[:2]:
        with grown.path(rel).open("a", encoding="utf-8") as fh:
            fh.write("# changed\n")
    with tuned(Tuning(incremental_max_changed=1)):
        assert _fallback(grown) == "2 files changed"


def test_a_rule_without_a_declared_scope_makes_every_run_full(grown: World, monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    from generator.findings import Severity
    from generator.rules import REGISTRY, Rule

    validate(grown.root, AS_OF)
    probe = Rule("TEST-UNSCOPED", Severity.WARNING, None, "探针", lambda ctx: [])
    monkeypatch.setitem(REGISTRY, "TEST-UNSCOPED", probe)
    grown.edit("classes/2026/P2026-001-01.yaml", lambda d: d.update(location="别处"))
    assert _fallback(grown) == "rules scoped global: TEST-UNSCOPED"


def test_every_rule_declares_a_scope_narrower_than_global() -> None:
    from generator.rules import REGISTRY

    assert [r.id for r in REGISTRY.values() if r.scope == "global"] == []


def test_the_class_links_answer_as_the_sets_they_summarise() -> None:
    from generator.incremental import links as links_module
    from generator.incremental.links import ClassSummary, Links

    rng = random.Random(11)

    def summary() -> ClassSummary:
        return ClassSummary(f"P{rng.randrange(4)}", dt.date(2026, 1, 1) + dt.timedelta(rng.randrange(300)),
                            frozenset(rng.randrange(60) for _ in range(rng.randrange(0, 8))))

    truth = {f"K{i}": summary() for i in range(40)}
    built = Links.build(truth.items())
    for round_ in range(30):
        new = {f"K{rng.randrange(45)}": summary() for _ in range(rng.randrange(1, 4))}
        truth.update(new)
        old_limit = links_module.REBUILD_AFTER
        links_module.REBUILD_AFTER = 5 if round_ % 2 else old_limit  # rebuilt now and then
        try:
            built = built.with_changes(new)
        finally:
            links_module.REBUILD_AFTER = old_limit
        assert dict(built.items()) == truth
        assert all(built.get(cid) == s for cid, s in truth.items()) and built.get("nobody") is None
        wanted = {rng.randrange(60) for _ in range(3)}
        assert built.sharing(wanted) == {cid for cid, s in truth.items() if s.links & wanted}
        assert built.of_projects({"P1", "P2"}) == {cid for cid, s in truth.items() if s.project in ("P1", "P2")}
