"""Money states that tell the truth (issue 25.9): a class that ended with no certificate recorded
yet is 待定 (waiting for certificates, with the reason) in every artifact, never 不予拨付 or a
closed tracking period, and a phase with nothing paid is never 已拨."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.cli import main
from tests.conftest import CLASS, EMPLOYMENT, PAYMENTS, World

ENDED = "2027-06-30"  # long after the world's class ended (2026-06-20): every window would be closed


def _no_certificates(world: World, *, keep_assessment: bool) -> None:
    def change(data: Any) -> None:
        for t in data["trainees"]:
            if keep_assessment:
                del t["assessment"]["certificate"]  # passed, certificate not recorded yet
            else:
                t["assessment"] = None  # nothing recorded yet
    world.edit(CLASS, change)
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    world.edit(EMPLOYMENT, lambda d: d.__setitem__("records", []))


def _each_trainee(change: Any) -> Any:
    def apply(data: Any) -> None:
        for t in data["trainees"]:
            change(t)
    return apply


def _settle(world: World, out: Path, as_of: str = ENDED) -> dict[str, Any]:
    assert main(["settle", "--records", str(world.root), "--as-of", as_of, "--out", str(out)]) == 0
    return json.loads((out / "settlement.json").read_text(encoding="utf-8"))


def _xlsx_row(out: Path, class_id: str) -> dict[str, Any]:
    sheet = load_workbook(out / "settlement.xlsx")["按班次"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "班次")
    return dict(zip(header, next(r for r in rows if r and r[0] == class_id), strict=True))


@pytest.mark.parametrize("keep_assessment", [False, True])
def test_an_ended_class_without_certificates_is_waiting_for_them(
    world: World, tmp_path: Path, keep_assessment: bool
) -> None:
    _no_certificates(world, keep_assessment=keep_assessment)
    report = _settle(world, tmp_path)
    [c] = report["classes"]
    assert c["ended"] and c["certified"] == 0 and c["awaiting_certificates"] == 10
    for phase in ("first", "remainder", "bonus"):
        ph = c["phases"][phase]
        assert (ph["status"], ph["state"], ph["pending_reason"]) == ("pending", "pending", "awaiting_certificates")
    assert c["not_met"] == "0.00" and not c["finished"]

    row = _xlsx_row(tmp_path, c["class"])
    assert (row["首期"], row["剩余补贴"], row["跟补"]) == ("待定", "待定", "待定")
    assert "等待证书" in row["说明"] and "通知 四(五)" in row["说明"]
    for wrong in ("已拨", "不予拨付", "跟踪期已结束", "未达 30%"):
        assert wrong not in row["说明"], wrong

    with (tmp_path / "settlement.csv").open(encoding="utf-8-sig", newline="") as f:
        [header, line, *_] = list(csv.reader(f))
    line_of = dict(zip(header, line, strict=True))
    assert (line_of["首期"], line_of["说明"]) == ("待定", row["说明"])

    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    part = summary[summary.index(f"#### 班次 {c['class']}"):]
    assert "首期待定（等待证书）" in part and "剩余补贴待定（等待证书）" in part
    assert "不予拨付，" not in part.split("\n- 本次应拨")[0] and "跟踪期已结束" not in part


def test_once_every_outcome_is_recorded_and_nobody_certified_nothing_is_owed_and_nothing_is_paid(
    world: World, tmp_path: Path
) -> None:
    """Every trainee failed: nothing is awaited; the phases owe nothing, and none says 已拨."""
    _no_certificates(world, keep_assessment=False)
    world.edit(CLASS, _each_trainee(lambda t: t.__setitem__("assessment", {"passed": False})))
    [c] = _settle(world, tmp_path)["classes"]
    assert c["awaiting_certificates"] == 0
    assert {p: ph["state"] for p, ph in c["phases"].items()} == dict.fromkeys(("first", "remainder", "bonus"),
                                                                             "not_met")
    row = _xlsx_row(tmp_path, c["class"])
    assert "已拨" not in (row["首期"], row["剩余补贴"], row["跟补"])
    assert "无补贴" in row["说明"]


def test_a_phase_due_with_nothing_to_pay_and_nothing_paid_is_not_paid(world: World, tmp_path: Path) -> None:
    """Employed at the threshold but nobody counted (all over the attendance floor): the remainder
    is due at 0.00 and nothing was paid: 无应拨, never 已拨."""
    world.edit(CLASS, _each_trainee(lambda t: t.__setitem__("attended_periods", 10)))
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    [c] = _settle(world, tmp_path)["classes"]
    assert c["counted"] == 0 and c["employed"] >= 3
    assert c["phases"]["remainder"]["status"] == "due" and c["phases"]["remainder"]["state"] == "none"
    row = _xlsx_row(tmp_path, c["class"])
    assert row["剩余补贴"] == "无应拨" and "已拨" not in row["说明"]


def test_a_partly_certified_class_pays_the_first_installment_for_those_certified(world: World) -> None:
    """Certificates for some: the first installment is due for them; the rest still waits."""
    from generator.records.load import load_records
    from generator.settlement.arithmetic import compute

    def later(data: Any) -> None:
        for t in data["trainees"][5:]:
            del t["assessment"]["certificate"]
    world.edit(CLASS, later)
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    [c] = compute(load_records(world.root), dt.date(2027, 6, 30)).classes
    assert c.counted == 5 and c.awaiting_certificates == 5
    assert c.phases["first"].status == "due" and c.phases["first"].amount > 0
    assert c.phases["remainder"].status in ("due", "pending")  # never not_met while certificates are awaited
    assert not c.finished
