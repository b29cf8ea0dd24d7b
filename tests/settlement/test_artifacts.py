"""The four settlement artifacts: reproducible to the byte, readable by Excel, consistent with each other."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.cli import main
from generator.settlement_output import ARTIFACTS, settle, write_artifacts
from tests.conftest import CLASS, FIXTURES, WORLD, World, commit_all
from tests.fixtures.make_world import ROSTER_KEY

AS_OF = dt.date(2027, 6, 30)


def key_args(tmp_path: Path) -> list[str]:
    """`--key-file` with the key the world's rosters are sealed with: the payment list is written
    only where the rosters are verified (issue 23)."""
    key = tmp_path / "bureau.key"
    key.write_bytes(ROSTER_KEY + b"\n")
    return ["--key-file", str(key)]


def test_two_runs_are_byte_identical(world: World, tmp_path: Path) -> None:
    first = settle(world.root, AS_OF, roster_key=ROSTER_KEY)
    second = settle(world.root, AS_OF, roster_key=ROSTER_KEY)
    assert first.files == second.files
    write_artifacts(first, tmp_path / "a")
    write_artifacts(second, tmp_path / "b")
    for name in ARTIFACTS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_json_follows_the_design_contract(world: World) -> None:
    report = json.loads(settle(world.root, AS_OF).files["settlement.json"])
    assert report["as_of"] == "2027-06-30" and report["as_of_source"] == "argument"
    [c] = report["classes"]
    assert {k: c[k] for k in ("class", "project", "unit_price", "enrolled", "certified", "counted", "employed",
                              "employment_rate", "due", "paid", "outstanding")} == {
        "class": "P2026-001-01", "project": "P2026-001", "unit_price": "1000.00", "enrolled": 10,
        "certified": 10, "counted": 10, "employed": 6, "employment_rate": "0.6000",
        "due": "12000.00", "paid": "8000.00", "outstanding": "4000.00",
    }
    assert {p: {k: v[k] for k in ("status", "amount")} for p, v in c["phases"].items()} == {
        "first": {"status": "due", "amount": "8000.00"},
        "remainder": {"status": "due", "amount": "2000.00"},
        "bonus": {"status": "due", "amount": "2000.00"},
    }
    assert {k: report["totals"][k] for k in ("due", "paid", "outstanding", "payable", "pending", "not_met")} == {
        "due": "12000.00", "paid": "8000.00", "outstanding": "4000.00", "payable": "4000.00", "pending": "0.00",
        "not_met": "0.00",
    }
    assert c["institution_name"] and c["project_name"] and c["occupation"].startswith("4-10-01-05")
    assert c["trainees"][0]["person"].startswith("p_") and c["trainees"][0]["employment"] == "employed"


def test_csv_has_a_bom_and_chinese_headers(world: World) -> None:
    data = settle(world.root, AS_OF).files["settlement.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["班次", "项目编号", "项目名称", "培训主体", "统一社会信用代码"]
    payable, paid = rows[0].index("本次应拨（元）"), rows[0].index("已拨（元）")
    assert rows[1][0] == "P2026-001-01" and (rows[1][payable], rows[1][paid]) == ("4000.00", "8000.00")
    assert [r[0] for r in rows[2:]] == ["小计", "合计"]


def test_xlsx_read_back_has_the_json_figures(world: World, tmp_path: Path) -> None:
    result = settle(world.root, AS_OF)
    write_artifacts(result, tmp_path)
    wb = load_workbook(tmp_path / "settlement.xlsx")
    assert wb.sheetnames == ["按培训主体", "按项目", "按班次", "暂缓"]
    by_class = wb["按班次"]
    header = [c.value for c in by_class[4]]
    row = dict(zip(header, [c.value for c in by_class[5]], strict=True))
    [c] = result.report["classes"]
    assert row["班次"] == c["class"]
    assert Decimal(str(row["本次应拨（元）"])) == Decimal(c["payable"])
    assert Decimal(str(row["已拨（元）"])) == Decimal(c["paid"])
    assert row["首期"] == "已拨" and row["跟补"] == "本次应拨"
    assert by_class.freeze_panes == "A5"
    due_col = header.index("本次应拨（元）") + 1
    assert by_class.cell(row=5, column=due_col).number_format == "#,##0.00"
    assert by_class.column_dimensions["A"].width >= 8
    summary = wb["按项目"]
    assert summary.cell(row=5, column=1).value == "P2026-001"
    assert wb.properties.created == dt.datetime(2027, 6, 29, 16, 0)  # as-of midnight in Beijing, in UTC


def test_a_broken_application_holds_its_class_not_the_command(
        world: World, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """通知 四(五) settles each class on its own records: an unreadable application holds its class
    (listed in `held`), the command still writes every artifact and exits 0; `--strict` exits 1."""
    world.write("applications/2026/A2026-001.yaml", (FIXTURES / "bad" / "unquoted_phone_application.yaml").read_bytes())
    result = settle(world.root, AS_OF)
    assert result.validation.errors == 1
    assert [(h["class"], h["rule"]) for h in result.report["held"]] == [("P2026-001-01", "SCHEMA")]
    assert result.report["held"][0]["path"] == world.display("applications/2026/A2026-001.yaml")
    assert result.report["classes"] == [] and result.report["totals"]["due"] == "0.00"
    code = main(["settle", "--records", str(world.root), "--as-of", "2027-06-30", "--out", str(tmp_path / "out"),
                 *key_args(tmp_path)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "暂缓结算的班次 1 个" in out and "P2026-001-01: SCHEMA" in out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(ARTIFACTS)
    strict = main(["settle", "--strict", "--records", str(world.root), "--as-of", "2027-06-30",
                   "--out", str(tmp_path / "strict")])
    assert strict == 1
    assert "--strict" in capsys.readouterr().err
    assert (tmp_path / "strict" / "settlement.json").exists(), "the clean classes are still written"


def test_as_of_defaults_to_the_records_commit_date(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(WORLD, repo / "records")
    sha = commit_all(repo, "records", "2027-01-15T10:00:00+08:00")
    result = settle(repo / "records")
    assert result.report["as_of"] == "2027-01-15"
    assert result.report["as_of_source"] == "commit"
    assert result.report["records_commit"] == sha
    # one more commit moves the date, and with it what is due
    World(repo / "records").edit(CLASS, lambda d: d.__setitem__("location", "新地址"))
    sha2 = commit_all(repo, "move class", "2027-02-01T09:00:00+08:00")
    again = settle(repo / "records")
    assert again.report["as_of"] == "2027-02-01" and again.report["records_commit"] == sha2


def test_outside_a_repository_as_of_is_today(tmp_path: Path) -> None:
    shutil.copytree(WORLD, tmp_path / "records")
    result = settle(tmp_path / "records")
    assert result.report["as_of_source"] == "today"
    assert result.report["as_of"] == dt.date.today().isoformat()
    assert result.report["records_commit"] is None


def test_cli_writes_every_artifact(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "settlements"
    assert main(["settle", "--records", str(world.root), "--as-of", "2027-06-30", "--out", str(out),
                 *key_args(tmp_path)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(ARTIFACTS)
    printed = capsys.readouterr().out
    assert "本次应拨 4000.00 元" in printed
    assert json.loads((out / "settlement.json").read_text(encoding="utf-8")) == settle(
        world.root, AS_OF, roster_key=ROSTER_KEY).report


def test_summary_explains_each_phase(world: World) -> None:
    text = settle(world.root, AS_OF).files["summary.md"].decode("utf-8")
    assert "就业率 60.0%，达到 50%：给予成交单价 20% 的跟补 2,000.00 元" in text
    assert "本次应拨 **4,000.00 元**" in text


def test_the_csv_meta_says_what_the_csv_is_for(world: World) -> None:
    """settlement.meta.json: the report's provenance, the file it describes, its rows, its columns
    exactly as the CSV's header row, and each money state in words."""
    from generator.settlement.artifacts import csv_meta, settlement_csv

    result = settle(world.root, AS_OF)
    meta = csv_meta(result.statement)
    header = next(csv.reader(io.StringIO(settlement_csv(result.statement).decode("utf-8-sig"))))
    assert meta == {
        "as_of": "2027-06-30", "as_of_source": "argument", "records_commit": None,
        "policies": ["wuxi-2026-pilot"], "issuer": "无锡市人力资源和社会保障局",
        "generated_at": "2027-06-30T00:00:00+08:00",
        "file": "settlement.csv",
        "rows": "每个班次一行（含暂缓班次），每个培训主体之后一行“小计”，最后一行“合计”",
        "columns": meta["columns"],
        "states": {
            "payable": "本次应拨：已到拨付条件、尚未拨付",
            "paid": "已拨",
            "pending": "待定：条件尚未确定，不计入应拨",
            "not_met": "不予拨付：跟踪期结束，就业率未达标",
            "held": "暂缓：记录有错误，不结算，无金额",
        },
    }
    assert [c["title"] for c in meta["columns"]] == header
    assert meta["columns"][:2] == [{"key": "class", "title": "班次"}, {"key": "project", "title": "项目编号"}]
    assert meta["columns"][-1] == {"key": "note", "title": "说明"}
    assert json.loads(result.files["settlement.meta.json"]) == meta


def test_the_documents_table_of_settle_s_files_is_the_declared_one_and_escapes_cells(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """README.md and docs/settlement.md show exactly what `SETTLE_ARTIFACTS` declares (the words a
    reader relies on); a pipe, a backslash or a line break in a description cannot break the table."""
    from generator.settlement import artifacts

    root = Path(__file__).parents[2]
    table = artifacts.artifact_rows()
    lines = table.splitlines()
    assert lines[:2] == ["| file | what |", "|---|---|"] and table.endswith("|\n")
    assert lines[2].startswith("| `settlement.json` | the machine contract, everything below as data: ")
    assert lines[3] == ("| `settlement.csv` | one row per class (held ones included), 小计 per institution, 合计; "
                        "UTF-8 with BOM, opens in Excel |")
    for doc in ("README.md", "docs/settlement.md"):
        text = (root / doc).read_text(encoding="utf-8")
        section = text.split("<!-- BEGIN generated: settle-artifacts", 1)[1].split("\n", 1)[1]
        assert section.split("<!-- END generated", 1)[0] == table, doc
    odd = artifacts.Artifact("odd.txt", lambda s: b"", "a | b \\ c\nd")
    monkeypatch.setattr(artifacts, "SETTLE_ARTIFACTS", (odd,))
    assert artifacts.artifact_rows() == "| file | what |\n|---|---|\n| `odd.txt` | a \\| b \\\\ c d |\n"
