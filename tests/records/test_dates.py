"""Dates bounded at the door (issue 24): a date no training record can hold (`0001-06-30`, year 9999)
is a located SCHEMA error in every command, never a traceback deep in a rule; the command line's
`--as-of`, the roster import's cells and the pension months are bounded the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.records.base import EARLIEST_DATE, LATEST_DATE, date_range_problem
from generator.settlement.months import is_month, month_or_none
from tests.conftest import CLASS, EMPLOYMENT, PAYMENTS, WORLD, World, commit_all, line_of

REPO = Path(__file__).parents[2]
AS_OF = "2027-06-30"
KEY = b"test-key-0123456789abcdef"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def graduate_on(world: World, value: str) -> int:
    """Make the class's first trainee a graduate with `value` as graduation date; returns its line."""
    text = world.path(CLASS).read_text(encoding="utf-8")
    first = "    group: registered_unemployed\n"
    assert first in text
    world.write(CLASS, text.replace(first, f"    group: graduating_student\n    graduation_on: {value}\n", 1))
    return line_of(world, CLASS, "graduation_on:")


@pytest.mark.parametrize("value", ["0001-06-30", "9999-12-31", "1899-12-31", '"2101-01-01"'])
def test_a_date_outside_the_range_is_a_located_schema_error_in_validate_settle_and_check_changes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(WORLD, repo / "records")
    world = World(repo / "records")
    world.remove(PAYMENTS)  # not frozen: the date itself must be what is refused
    commit_all(repo, "base", "2026-07-20T12:00:00+08:00")
    line = graduate_on(world, value)
    commit_all(repo, "a graduate of year one", "2026-08-01T10:00:00+08:00")
    located = f"records/{CLASS}:{line}: error SCHEMA"
    shown = value.strip('"')

    code, out = run(capsys, "validate", "--records", str(repo / "records"), "--as-of", AS_OF, "--no-cache")
    assert code == 1 and f"{CLASS}:{line}: error SCHEMA" in out and f"日期 {shown} 超出合理范围" in out, out

    code, out = run(capsys, "settle", "--records", str(repo / "records"), "--as-of", AS_OF, "--no-cache",
                    "--out", str(tmp_path / "settle"))
    assert code == 0 and "P2026-001-01" in out and "暂缓" in out, out  # the class is held, the rest settled

    code, out = run(capsys, "check-changes", "--repo", str(repo), "--records", "records", "--base", "HEAD~1",
                    "--author", "school-a", "--validate", "--as-of", AS_OF)
    assert code == 1 and located in out and "超出合理范围" in out, out


def test_build_holds_the_class_with_an_impossible_date_and_publishes_the_rest(
        world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    world.remove(PAYMENTS)
    graduate_on(world, "0001-06-30")
    code, out = run(capsys, "build", "--records", str(world.root), "--as-of", AS_OF, "--out", str(tmp_path / "site"),
                    "--config", str(REPO / "mkdocs.yml"))
    assert code == 0, out
    assert "P2026-001-01" in out and "已生成网站" in out, out
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_as_of_outside_the_range_is_refused_with_the_range(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, out = run(capsys, "validate", "--records", str(WORLD), "--as-of", value, "--no-cache")
    assert code == 2 and "超出合理范围（1900-01-01 至 2100-12-31）" in out and "Traceback" not in out, out


def test_the_range_ends_are_inside() -> None:
    assert date_range_problem(EARLIEST_DATE) is None and date_range_problem(LATEST_DATE) is None
    assert date_range_problem(EARLIEST_DATE.replace(year=1899, month=12, day=31)) is not None


@pytest.mark.parametrize("month", ["0000-01", "0001-06", "1899-12", "2101-01", "9999-12"])
def test_a_pension_month_outside_the_range_is_a_located_finding_not_a_month(
        world: World, capsys: pytest.CaptureFixture[str], month: str) -> None:
    assert not is_month(month) and month_or_none(month) is None
    text = world.path(EMPLOYMENT).read_text(encoding="utf-8")
    world.write(EMPLOYMENT, text.replace("      - 2026-09\n", f"      - \"{month}\"\n", 1))
    line = line_of(world, EMPLOYMENT, month)
    code, out = run(capsys, "validate", "--records", str(world.root), "--as-of", AS_OF, "--no-cache")
    assert code == 1 and f"{EMPLOYMENT}:{line}: error EMP-PERSON" in out and f"缴费月份“{month}”无效" in out, out
    code, out = run(capsys, "settle", "--records", str(world.root), "--as-of", AS_OF, "--no-cache",
                    "--out", str(world.root.parent / "settle"))
    assert code == 0, out


@pytest.mark.parametrize("cell", ["0001-06-30", "1899/12/31", "2101年1月1日"])
def test_import_roster_refuses_a_date_cell_outside_the_range_located_by_row_and_column(
        world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str) -> None:
    world.remove(PAYMENTS)
    roster = tmp_path / "roster.csv"
    roster.write_text("姓名,身份证号码,人员类别,毕业时间,出勤课时\n"
                      f"张三丰,320211199001010012,高校毕业生,{cell},48\n", encoding="utf-8")
    key = tmp_path / "bureau.key"
    key.write_bytes(KEY + b"\n")
    before = world.path(CLASS).read_bytes()
    code, out = run(capsys, "import-roster", str(roster), "--class", "P2026-001-01", "--records", str(world.root),
                    "--key-file", str(key), "--as-of", AS_OF)
    assert code == 1 and "第 2 行 D 列（毕业时间）" in out and "超出合理范围" in out, out
    assert world.path(CLASS).read_bytes() == before


def _date_nodes(node: object, where: str = "") -> list[tuple[str, dict[str, object]]]:
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        if node.get("format") == "date":
            found.append((where, node))
        for key, value in node.items():
            found.extend(_date_nodes(value, f"{where}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_date_nodes(value, f"{where}/{index}"))
    return found


def test_every_date_field_of_every_record_kind_is_the_bounded_date() -> None:
    """A date field declared with a plain `datetime.date` would take year 1 again: every date in the
    generated schemas (one per record kind, from the models) carries the bounded type's pattern."""
    import json

    from generator.records.kinds import KINDS
    from generator.schemas import schema_for

    seen = 0
    for kind in KINDS:
        nodes = _date_nodes(json.loads(json.dumps(schema_for(kind))))
        for where, node in nodes:
            assert node.get("pattern") == r"^(19\d\d|20\d\d|2100)-\d{2}-\d{2}$", (kind.name, where, node)
        seen += len(nodes)
    assert seen >= 20  # every kind's dates, nested ones included
