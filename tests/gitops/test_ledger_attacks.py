"""Issue 23's attacks on the ledger, each through the command a deployment runs at that step:
`check-changes --validate` on a real pull-request branch, then `settle` over what would be merged.

Payments with a future date and a reused voucher; every budget or quota crossing flagged; one
certificate counted once; rosters only through the bureau's import.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from generator.cli import main
from generator.settlement_output import settle
from tests.conftest import CLASS, PAYMENTS, World
from tests.gitops.conftest import UNPAID_CLASS, Ledger

BUREAU = "wx-bureau"
MAINTAINER = "school-a"
AS_OF = "2026-08-01"  # the day the check runs (the CI clock)


def check(ledger: Ledger, capsys: pytest.CaptureFixture[str], author: str) -> tuple[int, list[dict[str, Any]]]:
    """`peixun check-changes --validate` as validate.yml runs it, JSON findings read back."""
    code = main(["check-changes", "--validate", "--base", "main", "--author", author, "--repo", str(ledger.root),
                 "--records", "records", "--as-of", AS_OF, "--format", "json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def errors_of(found: list[dict[str, Any]], rule: str) -> list[dict[str, Any]]:
    return [f for f in found if f["rule"] == rule and f["severity"] == "error"]


def test_a_future_payment_and_a_reused_voucher_are_refused_and_held(ledger: Ledger,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Attack (issue 23): `--paid-on 2062-11-27` and `--voucher wx-pay-0001` (recorded as
    `WX-PAY-0001`) were accepted, validate stayed green and the money stayed listed as due."""
    def pay(world: World) -> None:
        world.edit(PAYMENTS, lambda d: d["installments"].extend([
            {"phase": "remainder", "amount": 100, "paid_on": dt.date(2062, 11, 27), "voucher": "WX-PAY-0002"},
            {"phase": "remainder", "amount": 100, "paid_on": dt.date(2026, 7, 30), "voucher": "wx-pay-0001"},
        ]))

    ledger.pr(BUREAU, pay)
    code, found = check(ledger, capsys, BUREAU)
    assert code == 1
    (future,) = errors_of(found, "PAY-DATE")
    (reused,) = errors_of(found, "PAY-VOUCHER")
    text = ledger.records.path(PAYMENTS).read_text(encoding="utf-8").splitlines()
    assert future["path"] == reused["path"] == ledger.rel(PAYMENTS)
    assert text[future["line"] - 1].strip() == "paid_on: 2062-11-27"
    assert text[reused["line"] - 1].strip() == "voucher: wx-pay-0001"
    assert "晚于判断日期 2026-08-01" in future["message"] and "不能预先登记" in future["message"]
    assert "已登记过" in reused["message"] and "WX-PAY-0001" in reused["message"]
    # settle over the merged records: the reused voucher holds the class; the future installment is
    # no payment as of the day (PAY-DATE fails the check above, and record-payment refuses the class)
    result = settle(ledger.records.root, dt.date(2026, 8, 1))
    held = {(h["class"], h["rule"]) for h in result.report["held"]}
    assert ("P2026-001-01", "PAY-VOUCHER") in held and ("P2026-001-01", "PAY-DATE") not in held
    assert all(c["class"] != "P2026-001-01" for c in result.report["classes"])


# -- rosters only through the bureau (issue 23.1) ----------------------------------------------------

def _invented(d: Any, n: int = 2) -> None:
    model = dict(d["trainees"][0])
    for i in range(n):
        d["trainees"].append({**model, "person": f"p_{i + 1:024x}", "assessment": {"passed": True, "certificate": {
            "kind": "skill_level_certificate", "number_ref": f"c_{i + 90:024x}", "issued_on": dt.date(2026, 9, 25)}}})


def test_invented_trainees_on_an_unpaid_class_are_refused_to_the_institution(
        ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    """Attack (issue 23): before the first payment an institution edited its own class file, adding
    trainees with random `p_…` pseudonyms, passed and certified; every check was green."""
    ledger.pr(MAINTAINER, lambda w: w.edit(UNPAID_CLASS, _invented))
    code, found = check(ledger, capsys, MAINTAINER)
    assert code == 1
    (refused,) = errors_of(found, "CHG-FACT")
    assert refused["path"] == ledger.rel(UNPAID_CLASS)
    text = ledger.records.path(UNPAID_CLASS).read_text(encoding="utf-8").splitlines()
    assert text[refused["line"] - 1].startswith("trainees:") or "person:" in text[refused["line"] - 1]
    for fact in ("花名册、考勤和考核结果", "花名册只由市人社局导入加密花名册写入", "账号 school-a",
                 "peixun seal-roster", "由市人社局导入"):
        assert fact in refused["message"], (fact, refused["message"])


@pytest.mark.parametrize("edit", [
    lambda d: d["trainees"][0].update(attended_periods=47),
    lambda d: d["trainees"].__delitem__(-1),
    lambda d: d.__delitem__("roster_seal"),
])
def test_no_edit_of_a_roster_by_an_institution_passes(ledger: Ledger, capsys: pytest.CaptureFixture[str],
                                                      edit: Any) -> None:
    ledger.pr(MAINTAINER, lambda w: w.edit(UNPAID_CLASS, edit))
    code, found = check(ledger, capsys, MAINTAINER)
    assert code == 1 and [f["path"] for f in errors_of(found, "CHG-FACT")] == [ledger.rel(UNPAID_CLASS)]


def test_a_new_class_comes_without_people(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    new = "classes/2026/P2026-001-03.yaml"

    def add(world: World) -> None:
        world.copy(UNPAID_CLASS, new, lambda d: d.update(id="P2026-001-03", start_on="2026-10-01",
                                                         end_on="2026-10-20"))

    ledger.pr(MAINTAINER, add)
    code, found = check(ledger, capsys, MAINTAINER)
    assert code == 1
    refused = errors_of(found, "CHG-FACT")
    assert {f["path"] for f in refused} == {ledger.rel(new)}
    assert any("新班次由培训主体登记时花名册、考勤和考核结果应为空（trainees）" in f["message"] for f in refused)
    ledger.checkout("main")
    def empty(d: Any) -> None:
        d.update(id="P2026-001-03", start_on="2026-10-01", end_on="2026-10-20", trainees=[])
        del d["roster_seal"]

    ledger.pr(MAINTAINER, lambda w: w.copy(UNPAID_CLASS, new, empty), branch="empty")
    code, found = check(ledger, capsys, MAINTAINER)
    assert errors_of(found, "CHG-FACT") == []


def test_a_district_cannot_touch_a_roster(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    roles = ledger.records.load("roles.yaml")
    district = next(iter(roles["districts"].values()))[0]  # the world's district maintainer (roles.yaml)
    ledger.pr(district, lambda w: w.edit(UNPAID_CLASS, _invented))
    code, found = check(ledger, capsys, district)
    assert code == 1
    assert [f["rule"] for f in found if f["severity"] == "error" and f["path"] == ledger.rel(UNPAID_CLASS)][:1] in (
        ["CHG-OWNER"], ["CHG-FACT"])


def test_the_bureaus_import_may_write_a_roster(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    ledger.pr(BUREAU, lambda w: w.edit(UNPAID_CLASS, lambda d: d["trainees"][0].update(attended_periods=47)))
    _code, found = check(ledger, capsys, BUREAU)
    assert errors_of(found, "CHG-FACT") == []


def test_certificates_copied_from_another_class_are_refused_at_the_pull_request(
        ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    """Attack (issue 23): trainees copied with their real `number_ref` from another class, with a new
    issue date: refused as a roster edit (CHG-FACT) and as a certificate held twice (CLS-CERT-SHARED)."""
    theirs = ledger.records.load(CLASS)["trainees"]

    def copy_three(d: Any) -> None:
        d["trainees"] = [dict(t) for t in d["trainees"][:3]]
        for i, t in enumerate(d["trainees"]):
            t["person"] = f"p_{i + 50:024x}"
            t["assessment"] = {"passed": True, "certificate": {
                "kind": "skill_level_certificate", "number_ref": theirs[i]["assessment"]["certificate"]["number_ref"],
                "issued_on": dt.date(2026, 9, 25)}}

    ledger.pr(MAINTAINER, lambda w: w.edit(UNPAID_CLASS, copy_three))
    code, found = check(ledger, capsys, MAINTAINER)
    assert code == 1
    assert errors_of(found, "CHG-FACT")
    shared = errors_of(found, "CLS-CERT-SHARED")
    assert [f["path"] for f in shared] == [ledger.rel(UNPAID_CLASS)] * 3
    assert all("一张证书在整个台账中只计一次" in f["message"] and "P2026-001-01" in f["message"] for f in shared)
