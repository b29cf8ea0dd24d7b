"""The rows of settlement.csv and settlement.xlsx, worked by hand from the world of two institutions
(tests/settlement/worlds.py, `two_institutions`, whose docstring has the figures), with P2026-001-02
held by two errors and P2026-009-01, in no record, held by one (no project, no institution: its rows
come last)."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from typing import Any

import pytest

from generator.holds import Hold
from generator.records.load import load_records
from generator.settlement.arithmetic import Settlement
from generator.settlement.artifacts import settlement_csv
from generator.settlement.report import build_report
from generator.settlement.report_entries import SettlementReport
from generator.settlement.report_rows import (
    CLASS_COLUMNS,
    HELD_COLUMNS,
    INSTITUTION_COLUMNS,
    PROJECT_COLUMNS,
    class_rows,
    held_rows,
    institution_rows,
    project_rows,
    table_values,
)
from tests.conftest import WORLD, World
from tests.settlement import worlds
from tests.settlement.worlds import INSTITUTION_B as B
from tests.settlement.worlds import INSTITUTION_B_NAME as B_NAME
from tests.settlement.worlds import report_of

AS_OF = dt.date(2027, 6, 30)
A, A_NAME = "52320211MA1W00001X", "无锡示例职业培训学校"
D = Decimal
HOLDS = (
    Hold("P2026-001-02", "CLS-EVIDENCE", "classes/2026/P2026-001-02.yaml", "缺少佐证"),
    Hold("P2026-009-01", "PAY-CLASS", "", "班次不存在"),
    Hold("P2026-001-02", "CLS-PERIODS", "classes/2026/P2026-001-02.yaml", "课时不足"),
)


@pytest.fixture(scope="module")
def two_institutions(tmp_path_factory: pytest.TempPathFactory) -> SettlementReport:
    """Built once for the module: the rows only read the report."""
    world = World(tmp_path_factory.mktemp("rows") / "records")
    shutil.copytree(WORLD, world.root)
    return report_of(worlds.two_institutions(world), HOLDS)


MONEY = ("payable", "paid", "pending", "not_met")


def _money(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[k] for k in MONEY)


def test_class_rows_go_by_institution_with_a_subtotal_each_and_a_grand_total(
        two_institutions: SettlementReport) -> None:
    rows = class_rows(two_institutions)
    assert [(r["class"], r["institution"], r["institution_name"]) for r in rows] == [
        ("P2026-002-01", B, B_NAME), ("小计", B, B_NAME),
        ("P2026-001-01", A, A_NAME), ("P2026-001-02", A, A_NAME), ("P2026-001-03", A, A_NAME), ("小计", A, A_NAME),
        ("P2026-009-01", None, None), ("小计", None, None),
        ("合计", None, None),
    ]
    z = D("0.00")
    assert [_money(r) for r in rows] == [
        (D("2400.00"), z, D("1200.00"), z), (D("2400.00"), z, D("1200.00"), z),
        (D("2000.00") * 2, D("8000.00"), z, z), (None, None, None, None), (D("3200.00"), z, z, D("1600.00")),
        (D("7200.00"), D("8000.00"), z, D("1600.00")),
        (None, None, None, None), (z, z, z, z),
        (D("9600.00"), D("8000.00"), D("1200.00"), D("1600.00")),
    ]
    # a total row is a label and four sums, nothing else
    for r in (rows[1], rows[5], rows[7], rows[8]):
        assert {k for k, v in r.items() if v is not None} <= {"class", "institution", "institution_name", *MONEY}
        assert all(isinstance(r[k], Decimal) for k in MONEY)


def test_a_settled_class_row_carries_its_figures_states_and_note(two_institutions: SettlementReport) -> None:
    row = next(r for r in class_rows(two_institutions) if r["class"] == "P2026-001-01")
    assert table_values(CLASS_COLUMNS, row) == [
        "P2026-001-01", "P2026-001", "养老护理员", A_NAME, A, "4-10-01-05 养老护理员", "四级/中级工", D("1000.00"),
        10, 10, 10, 6, "60.0%", "已拨", "本次应拨", "本次应拨",
        D("4000.00"), D("8000.00"), D("0.00"), D("0.00"), row["note"],
    ]
    assert row["note"].startswith("首期")
    other = next(r for r in class_rows(two_institutions) if r["class"] == "P2026-002-01")
    assert [other[f"{p}_state"] for p in ("first", "remainder", "bonus")] == ["本次应拨", "待定", "待定"]
    assert (other["unit_price"], other["enrolled"], other["employment_rate"]) == (D("1500.00"), 2, "0.0%")
    third = next(r for r in class_rows(two_institutions) if r["class"] == "P2026-001-03")
    assert [third[f"{p}_state"] for p in ("first", "remainder", "bonus")] == ["本次应拨", "不予拨付", "不予拨付"]


def test_a_held_class_is_one_row_with_its_reasons_and_no_amount(two_institutions: SettlementReport) -> None:
    rows = {r["class"]: r for r in class_rows(two_institutions)}
    held = rows["P2026-001-02"]
    assert table_values(CLASS_COLUMNS, held) == [
        "P2026-001-02", "P2026-001", "养老护理员", A_NAME, A, None, None, None, None, None, None, None, None,
        "暂缓", "暂缓", "暂缓", None, None, None, None,
        "暂缓结算：CLS-EVIDENCE：缺少佐证（classes/2026/P2026-001-02.yaml）；"
        "CLS-PERIODS：课时不足（classes/2026/P2026-001-02.yaml）",
    ]
    unknown = rows["P2026-009-01"]
    assert [unknown[k] for k in ("project", "project_name", "institution_name", "institution")] == [None] * 4
    assert unknown["note"] == "暂缓结算：PAY-CLASS：班次不存在（）"


def test_project_rows_and_their_total(two_institutions: SettlementReport) -> None:
    rows = project_rows(two_institutions)
    assert [table_values(PROJECT_COLUMNS, r) for r in rows] == [
        ["P2026-001", "养老护理员", A_NAME, A, "4-10-01-05 养老护理员", "四级/中级工", D("1000.00"), 2, 14, 14, 6,
         D("7200.00"), D("8000.00"), D("0.00"), D("1600.00")],
        ["P2026-002", "乙护理员", B_NAME, B, "4-10-01-05 养老护理员", "四级/中级工", D("1500.00"), 1, 2, 2, 0,
         D("2400.00"), D("0.00"), D("1200.00"), D("0.00")],
        ["合计", None, None, None, None, None, None, 3, 16, 16, 6,
         D("9600.00"), D("8000.00"), D("1200.00"), D("1600.00")],
    ]


def test_institution_rows_count_held_classes_and_total(two_institutions: SettlementReport) -> None:
    rows = institution_rows(two_institutions)
    assert [table_values(INSTITUTION_COLUMNS, r) for r in rows] == [
        [B_NAME, B, 1, 0, D("2400.00"), D("0.00"), D("1200.00"), D("0.00")],
        [A_NAME, A, 2, 1, D("7200.00"), D("8000.00"), D("0.00"), D("1600.00")],
        ["合计", None, 3, 1, D("9600.00"), D("8000.00"), D("1200.00"), D("1600.00")],
    ]


def test_held_rows_one_per_error_and_nothing_for_what_the_records_do_not_tell(
        two_institutions: SettlementReport) -> None:
    assert [table_values(HELD_COLUMNS, r) for r in held_rows(two_institutions)] == [
        ["P2026-001-02", "P2026-001", "养老护理员", A_NAME, A, "CLS-EVIDENCE", "classes/2026/P2026-001-02.yaml",
         "缺少佐证"],
        ["P2026-009-01", None, None, None, None, "PAY-CLASS", None, "班次不存在"],
        ["P2026-001-02", "P2026-001", "养老护理员", A_NAME, A, "CLS-PERIODS", "classes/2026/P2026-001-02.yaml",
         "课时不足"],
    ]


def test_no_classes_is_a_grand_total_of_zero(world: World) -> None:
    """Totals over nothing are 0.00 yuan, written as such (a CSV cell "0.00", not "0")."""
    rs = load_records(world.root, cache=False)
    report = build_report(rs, Settlement(as_of=AS_OF, classes=[], ledger=[]), "argument", None, ())
    [total] = class_rows(report)
    assert total["class"] == "合计" and [str(v) for v in _money(total)] == ["0.00"] * 4
    assert [[str(v) for v in table_values(PROJECT_COLUMNS, r)] for r in project_rows(report)] == [
        ["合计", "None", "None", "None", "None", "None", "None", "0", "0", "0", "0", "0.00", "0.00", "0.00", "0.00"]]
    assert [[str(v) for v in table_values(INSTITUTION_COLUMNS, r)] for r in institution_rows(report)] == [
        ["合计", "None", "0", "0", "0.00", "0.00", "0.00", "0.00"]]
    assert held_rows(report) == []
    assert settlement_csv(report).decode("utf-8-sig").splitlines()[1] == "合计" + "," * 16 + "0.00,0.00,0.00,0.00,"
