"""相应证书 (通知 四(五)): a trainee counts with a certificate of the kind the application promised,
and one certificate belongs to one person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.findings import Severity
from generator.records.load import load_records
from generator.settlement.arithmetic import compute
from generator.settlement_output import settle
from tests.conftest import APPLICATION, CLASS, PAYMENTS, PROJECT, World, line_of
from tests.rules.expect import no_finding, one_finding

AS_OF = dt.date(2027, 6, 30)


def _cert(i: int, **values: Any) -> Any:
    def change(d: Any) -> None:
        d["trainees"][i]["assessment"]["certificate"].update(values)

    return change


def test_a_certificate_of_another_kind_does_not_count_si_wu(world: World) -> None:
    """通知 四(五) 取得相应证书: the application promised 职业技能等级证书."""
    world.edit(CLASS, _cert(1, kind="training_certificate"))
    one_finding(world, "CLS-CERT-KIND", CLASS, "kind: training_certificate", "第 2 名", "培训合格证书",
                "职业技能等级证书", "不计入补贴人数", severity=Severity.WARNING)
    world.remove(PAYMENTS)  # the 8000 paid for 10 would now be over what is due (PAY-OVER holds the class)
    [c] = settle(world.root, AS_OF, use_cache=False).report["classes"]
    assert c["counted"] == 9 and c["certified"] == 10
    assert c["trainees"][1]["not_counted"] == "certificate_kind"
    assert c["due"] == "10800.00"  # 9 × 1000 + 20 % bonus on 9


def test_the_promised_kind_counts(world: World) -> None:
    no_finding(world, "CLS-CERT-KIND")
    no_finding(world, "CLS-CERT-SHARED")


def test_one_certificate_belongs_to_one_person_si_wu(world: World) -> None:
    """通知 四(五): the second person holding the same certificate is an error that holds the class."""
    ref = world.load(CLASS)["trainees"][0]["assessment"]["certificate"]["number_ref"]
    world.edit(CLASS, _cert(3, number_ref=ref))
    one_finding(world, "CLS-CERT-SHARED", CLASS, f"number_ref: {ref}", "第 4 名", "第 1 名", "另一人",
                "一张证书在整个台账中只计一次", occurrence=2)
    assert {h["class"] for h in settle(world.root, AS_OF, use_cache=False).report["held"]} == {"P2026-001-01"}


# -- a certificate counts once in the whole ledger (issue 23) ---------------------------------------

OTHER_USCC = "91320214MA00000002"
OTHER_CLASS = "classes/2026/P2026-002-01.yaml"


def _other_institution(world: World) -> None:
    """A second institution with its own selected project and an ended class of its own people."""
    world.copy("institutions/52320211MA1W00001X.yaml", f"institutions/{OTHER_USCC}.yaml",
               lambda d: d.update(uscc=OTHER_USCC, name="无锡另一示例培训学校", maintainers=["school-b"]))
    world.copy(APPLICATION, "applications/2026/A2026-002.yaml",
               lambda d: d.update(id="A2026-002", institution=OTHER_USCC))
    world.copy(PROJECT, "projects/2026/P2026-002.yaml", lambda d: d.update(id="P2026-002", application="A2026-002"))

    def change(d: Any) -> None:
        d.update(id="P2026-002-01", project="P2026-002", start_on=dt.date(2026, 7, 1), end_on=dt.date(2026, 7, 20))
        for t in d["trainees"]:
            t["person"] = "p_e" + t["person"][3:]
            t["assessment"]["certificate"].update(number_ref="c_e" + t["assessment"]["certificate"]["number_ref"][3:],
                                                  issued_on=dt.date(2026, 7, 25))

    world.copy(CLASS, OTHER_CLASS, change)


def test_certificates_copied_from_another_institutions_class_count_for_nobody_but_the_first(world: World) -> None:
    """Attack (issue 23): three trainees copied with their real `number_ref` from another
    institution's class into this one, with a new issue date: no rule compared them, and each
    counted twice."""
    _other_institution(world)
    theirs = world.load(CLASS)["trainees"]

    def copy_three(d: Any) -> None:
        for i in range(3):
            t = d["trainees"][i]
            t["assessment"]["certificate"]["number_ref"] = theirs[i]["assessment"]["certificate"]["number_ref"]

    world.edit(OTHER_CLASS, copy_three)
    found = world.findings("CLS-CERT-SHARED", AS_OF)
    assert [(f.path, f.loc) for f in found] == [
        (world.display(OTHER_CLASS), ("trainees", i, "assessment", "certificate", "number_ref")) for i in range(3)]
    for i, f in enumerate(found):
        assert f.line == line_of(world, OTHER_CLASS, "number_ref: c_", i + 1)
        for fact in (f"第 {i + 1} 名参训人员的证书", "发证日期 2026-07-25",
                     f"另一培训主体（52320211MA1W00001X）的班次 P2026-001-01 第 {i + 1} 名参训人员（另一人）名下",
                     "一张证书在整个台账中只计一次", "（通知 四(五)）"):
            assert fact in f.message, (fact, f.message)
    # the settlement: the three count for the first class only, and the copying class is held
    rs = load_records(world.root, cache=False)
    ledger = {(e.class_id, e.index): e.verdict for e in compute(rs, AS_OF).ledger}
    assert [ledger[("P2026-002-01", i)] for i in range(4)] == ["certificate"] * 3 + ["counted"]
    assert [ledger[("P2026-001-01", i)] for i in range(3)] == ["counted"] * 3
    report = settle(world.root, AS_OF, use_cache=False).report
    assert {h["class"] for h in report["held"] if h["rule"] == "CLS-CERT-SHARED"} == {"P2026-002-01"}
    assert "P2026-001-01" in {c["class"] for c in report["classes"]}


def test_the_same_person_with_the_same_certificate_in_a_second_class_is_refused(world: World) -> None:
    _other_institution(world)
    mine = world.load(CLASS)["trainees"][0]
    world.edit(OTHER_CLASS, lambda d: d["trainees"][0].update(
        person=mine["person"], assessment={"passed": True, "certificate": {
            "kind": "skill_level_certificate", "number_ref": mine["assessment"]["certificate"]["number_ref"],
            "issued_on": dt.date(2026, 7, 25)}}))
    f = one_finding(world, "CLS-CERT-SHARED", OTHER_CLASS, "number_ref: c_", "（同一人）", "P2026-001-01 第 1 名")
    assert f.severity is Severity.ERROR
    verdicts = {(e.class_id, e.index): e.verdict for e in compute(load_records(world.root, cache=False), AS_OF).ledger}
    assert verdicts[("P2026-002-01", 0)] != "counted"
