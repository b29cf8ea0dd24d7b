"""Tables parsed back from CSV and JSON and checked against the records they come from."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from generator.opendata.dictionary import TABLES
from generator.opendata.scope import min_cell
from generator.publish.disclosure import money_cohorts, money_projects
from generator.records.record_set import RecordSet
from generator.settlement.arithmetic import compute
from tests.opendata.helpers import AS_OF, build, read_csv, read_json, sample_world

PUBLISHED = ["P2026-001", "P2026-002", "P2026-003", "P2026-004", "P2026-005", "P2026-006", "P2026-008"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[RecordSet, Path]:
    tmp = tmp_path_factory.mktemp("tables")
    world = sample_world(tmp)
    rs, _ = build(world.root, tmp / "out")
    return rs, tmp / "out"


def paid_by_project(rs: RecordSet) -> dict[str, Decimal]:
    """Straight from the payments records: every installment paid by the as-of date, by project."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for rec in rs.payments.values():
        project = rs.classes[rec.model.class_].model.project
        sums[project] += sum((i.amount for i in rec.model.installments if i.paid_on <= AS_OF), Decimal(0))
    return sums


def as_csv(value: object) -> str:
    """How a JSON value is written in the CSV files."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def test_csv_and_json_carry_the_same_rows_under_dictionary_headers(built: tuple[RecordSet, Path]) -> None:
    _, out = built
    for table in TABLES:
        rows = read_csv(out / f"{table.name}.csv")
        data = read_json(out / f"{table.name}.json")
        assert list(rows[0]) == [c.title for c in table.columns]
        assert [list(d) for d in data] == [table.keys] * len(data)
        assert len(rows) == len(data)
        for row, obj in zip(rows, data, strict=True):
            for col in table.columns:
                assert row[col.title] == as_csv(obj[col.key]), (table.name, col.key)


def test_only_decided_projects_are_published(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    ids = [p["id"] for p in read_json(out / "projects.json")]
    assert ids == PUBLISHED  # P2026-007 rejected and P2026-009 only recommended stay out
    assert {rs.projects[i].model.status for i in ids} == {"selected", "terminated", "completed"}


def test_price_quota_and_contract_match_the_project_records(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    for row in read_json(out / "projects.json"):
        prj = rs.projects[row["id"]].model
        assert prj.unit_price is not None and prj.quota is not None and prj.contract and prj.contract.term
        assert Decimal(row["unit_price"]) == prj.unit_price and row["unit_price"].count(".") == 1
        assert len(row["unit_price"].split(".")[1]) == 2
        assert (row["quota_trainees"], row["quota_classes"]) == (prj.quota.trainees, prj.quota.classes)
        assert row["contract_from"] == prj.contract.term.from_.isoformat()
        assert row["classes"] == len(rs.classes_by_project.get(prj.id, []))
        app = rs.application_of(prj)
        assert app is not None and row["institution"] == app.institution


def test_catalog_and_new_projects(built: tuple[RecordSet, Path]) -> None:
    _, out = built
    rows = {r["项目编号"]: r for r in read_csv(out / "projects.csv")}
    assert (rows["P2026-001"]["工种编码"], rows["P2026-001"]["等级"]) == ("6-31-07-03", "四级/中级工")
    assert rows["P2026-001"]["职业（工种）名称"] == "工业机器人系统操作员"
    assert (rows["P2026-002"]["工种编码"], rows["P2026-002"]["等级"]) == ("新开发", "新开发")
    assert rows["P2026-008"]["状态"] == "已终止" and rows["P2026-008"]["终止日期"] == "2026-10-09"


def test_paid_is_published_for_closed_cohorts_only_and_equals_the_payments_records(
        built: tuple[RecordSet, Path]) -> None:
    """Money follows the outcome pages (issue 24): a project's paid total once its cohort is closed
    and large enough, empty before; every total sums exactly those."""
    rs, out = built
    expected = paid_by_project(rs)
    public = money_projects(money_cohorts(rs, compute(rs, AS_OF)), min_cell(rs))
    # closed by 2027-06-30; 001, 003 and 005 not (a project without classes has no cohort: its zeros show)
    assert {p for p in public if rs.classes_by_project.get(p)} == {"P2026-002", "P2026-004", "P2026-006"}
    projects = read_json(out / "projects.json")
    assert {p["id"]: (Decimal(p["paid"]) if p["paid"] is not None else None) for p in projects} == {
        i: (expected[i] if i in public else None) for i in PUBLISHED}
    payments: dict[str, Decimal] = defaultdict(Decimal)
    for row in read_json(out / "payments.json"):
        payments[row["project"]] += Decimal(row["amount"])
    assert payments == {i: expected[i] for i in public if expected[i]}
    institutions = {i["uscc"]: Decimal(i["paid"]) for i in read_json(out / "institutions.json")}
    by_inst: dict[str, Decimal] = defaultdict(Decimal)
    for p in projects:
        by_inst[p["institution"]] += Decimal(p["paid"]) if p["paid"] is not None else Decimal(0)
    assert institutions == by_inst and sum(institutions.values()) == sum(expected[i] for i in public)


def test_payments_are_per_public_project_and_day_never_per_class_or_phase(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    rows = read_csv(out / "payments.csv")
    assert {r["项目编号"] for r in rows} == {"P2026-002", "P2026-004", "P2026-006"}
    assert set(rows[0]) == {"项目编号", "拨付日期", "金额"}
    days = {i.paid_on.isoformat() for c in rs.classes_by_project["P2026-006"] if c.model.id in rs.payments
            for i in rs.payments[c.model.id].model.installments if i.paid_on <= AS_OF}
    assert sorted(r["拨付日期"] for r in rows if r["项目编号"] == "P2026-006") == sorted(days)


def test_classes_give_dates_periods_and_bands_only(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    rows = read_json(out / "classes.json")
    assert [r["id"] for r in rows] == sorted(
        c.model.id for p in PUBLISHED for c in rs.classes_by_project.get(p, [])
    )
    for row in rows:
        cls = rs.classes[row["id"]].model
        assert (row["start_on"], row["end_on"]) == (cls.start_on.isoformat(), cls.end_on.isoformat())
        assert row["total_periods"] == cls.periods.theory + cls.periods.practical
        for key in ("certified_band", "employment_band"):
            assert row[key] is None or row[key].endswith("0%")
    assert {r["id"]: r["employment_band"] for r in rows}["P2026-006-01"] == "50%–60%"


def test_institutions_are_those_of_published_projects(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    rows = read_json(out / "institutions.json")
    projects = read_json(out / "projects.json")
    assert [r["uscc"] for r in rows] == sorted({p["institution"] for p in projects})
    for row in rows:
        inst = rs.institutions[row["uscc"]].model
        assert row["name"] == inst.name and row["projects"] == sum(p["institution"] == row["uscc"] for p in projects)
        assert "legal_representative" not in row
