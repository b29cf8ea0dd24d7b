"""import-roster: every bad row located, nothing written until all are good, no name or ID in Git."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.cli import main
from generator.intake.importer import import_roster
from generator.intake.keys import certificate_ref, person_pseudonym
from tests.conftest import AS_OF, CLASS, PAYMENTS, World

ROSTERS = Path(__file__).parents[1] / "fixtures" / "intake"
KEY = b"test-key-0123456789abcdef"
OTHER_KEY = b"another-key-9876543210fedcba"
CLASS_ID = "P2026-001-01"


@pytest.fixture
def world(world: World) -> World:
    """The fixture world's class before its first installment: its roster is not frozen yet."""
    world.remove(PAYMENTS)
    return world


def read_rows(name: str) -> list[list[str]]:
    data = (ROSTERS / name).read_bytes()
    text = data.decode("gbk") if name.endswith("gbk.csv") else data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def key_file(tmp_path: Path, key: bytes = KEY) -> Path:
    path = tmp_path / "bureau.key"
    path.write_bytes(key + b"\n")
    return path


def trainees(world: World) -> list[dict[str, object]]:
    return list(world.load(CLASS)["trainees"])


def test_gbk_csv_is_detected_and_every_form_of_date_group_and_yes_no_is_read(world: World) -> None:
    result = import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, world.root, KEY, AS_OF)
    assert result.problems == []
    assert result.encoding == "GBK"
    assert result.trainees == 5
    rows = trainees(world)
    ids = [r[2] for r in read_rows("roster_gbk.csv")[1:]]
    assert [r["person"] for r in rows] == [person_pseudonym(KEY, i) for i in ids]
    assert [r["group"] for r in rows] == ["rural_migrant_worker", "registered_unemployed", "registered_unemployed",
                                          "rural_migrant_worker", "registered_unemployed"]
    assert [r["attended_periods"] for r in rows] == [48, 40, 36, 44, 20]
    issued = [r["assessment"]["certificate"]["issued_on"] for r in rows if r.get("assessment", {}).get("certificate")]
    assert issued == [dt.date(2026, 6, 25)] * 3  # 2026-06-25, 2026/6/25 and 2026年6月25日
    assert rows[2]["assessment"] == {"passed": False}
    assert "assessment" not in rows[4]
    assert all(r["assessment"]["certificate"]["kind"] == "skill_level_certificate" for r in rows if "assessment" in r
               and "certificate" in r["assessment"])
    found = world.validate().findings
    assert not [f for f in found if f.path == world.display(CLASS) and f.rule in ("SCHEMA", "PII")]


def test_a_lower_case_x_gives_the_same_person_as_upper_case() -> None:
    upper = read_rows("roster_gbk.csv")[3][2].upper()
    assert person_pseudonym(KEY, upper.lower()) == person_pseudonym(KEY, upper)


def test_utf8_with_bom_gives_the_same_file_as_gbk(world: World) -> None:
    import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, world.root, KEY, AS_OF)
    from_gbk = world.path(CLASS).read_bytes()
    result = import_roster(ROSTERS / "roster_utf8_bom.csv", CLASS_ID, world.root, KEY, AS_OF)
    assert result.encoding == "UTF-8（带 BOM）"
    assert result.changed is False
    assert world.path(CLASS).read_bytes() == from_gbk


def test_xlsx_with_real_date_cells(world: World, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    rows = read_rows("roster_gbk.csv")
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([*row[:8], dt.datetime(2026, 6, 26) if row[7] else None])
    sheet.append([None] * 9)  # a blank row that Excel users leave behind
    sheet["E2"] = dt.date(2026, 6, 30)  # 毕业时间 as a date cell
    sheet["F3"] = 40  # a number cell
    path = tmp_path / "roster.xlsx"
    book.save(path)
    result = import_roster(path, CLASS_ID, world.root, KEY, AS_OF)
    assert result.problems == []
    got = trainees(world)
    assert got[0]["graduation_on"] == dt.date(2026, 6, 30)
    assert got[1]["attended_periods"] == 40
    assert got[0]["assessment"]["certificate"]["issued_on"] == dt.date(2026, 6, 26)
    assert len(got) == 5


def test_an_id_number_that_excel_turned_into_a_number_is_explained(world: World, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "身份证号码", "人员类别", "出勤课时"])
    sheet.append(["张三丰", 320211199001010012, "农村转移就业劳动者", 48])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    result = import_roster(path, CLASS_ID, world.root, KEY, AS_OF)
    [problem] = result.problems
    assert (problem.row, problem.column_letter, problem.header) == (2, "B", "身份证号码")
    assert "文本" in problem.message


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(world: World) -> None:
    before = world.path(CLASS).read_bytes()
    result = import_roster(ROSTERS / "roster_bad.csv", CLASS_ID, world.root, KEY, AS_OF)
    where = [(p.row, p.column_letter, p.header) for p in result.problems]
    assert where == [
        (3, "C", "身份证号码"),  # wrong check character
        (4, "D", "人员类别"),  # unknown group label
        (5, "C", "身份证号码"),  # the person of row 2 again
        (6, "I", "发证日期"),  # 2026-13-45
    ]
    messages = [p.message for p in result.problems]
    assert "校验位" in messages[0]
    assert "外来务工人员" in messages[1] and "农村转移就业劳动者" in messages[1]
    assert "第 2 行" in messages[2]
    assert "2026-13-45" in messages[3]
    assert not result.written
    assert world.path(CLASS).read_bytes() == before


def test_the_cli_renders_problems_with_file_row_and_column(world: World, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    before = world.path(CLASS).read_bytes()
    code, _, err = run(capsys, "import-roster", str(ROSTERS / "roster_bad.csv"), "--class", CLASS_ID,
                       "--records", str(world.root), "--key-file", str(key_file(tmp_path)))
    assert code == 1
    assert "4 处问题，未写入任何内容" in err
    assert "第 3 行 C 列（身份证号码）：身份证号码 3202**********0020 无效" in err
    assert "320211200203150020" not in err  # the ID is masked even in the terminal
    assert world.path(CLASS).read_bytes() == before


def test_a_missing_column_is_named(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = world.path(CLASS).read_bytes()
    result = import_roster(ROSTERS / "roster_missing_column.csv", CLASS_ID, world.root, KEY, AS_OF)
    [problem] = result.problems
    assert problem.header == "身份证号码" and problem.row == 1
    assert "表头缺少“身份证号码”列" in str(problem)
    code, _, err = run(capsys, "import-roster", str(ROSTERS / "roster_missing_column.csv"), "--class", CLASS_ID,
                       "--records", str(world.root), "--key-file", str(key_file(tmp_path)))
    assert code == 1 and "表头缺少“身份证号码”列" in err
    assert world.path(CLASS).read_bytes() == before


def test_no_key_no_run(world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEIXUN_KEY", raising=False)
    before = world.path(CLASS).read_bytes()
    code, out, err = run(capsys, "import-roster", str(ROSTERS / "roster_gbk.csv"), "--class", CLASS_ID,
                         "--records", str(world.root))
    assert code == 2
    assert "未提供假名密钥" in err and "PEIXUN_KEY" in err
    assert "Traceback" not in out + err
    monkeypatch.setenv("PEIXUN_KEY", "short")
    code, _, err = run(capsys, "import-roster", str(ROSTERS / "roster_gbk.csv"), "--class", CLASS_ID,
                       "--records", str(world.root))
    assert code == 2 and "过短" in err
    assert world.path(CLASS).read_bytes() == before


def test_a_key_file_inside_the_repository_is_refused(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    inside = world.root / "bureau.key"
    inside.write_bytes(KEY)
    code, _, err = run(capsys, "import-roster", str(ROSTERS / "roster_gbk.csv"), "--class", CLASS_ID,
                       "--records", str(world.root), "--key-file", str(inside))
    assert code == 2 and "仓库" in err and "之外" in err


def test_the_key_from_the_environment_works(world: World, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEIXUN_KEY", KEY.decode())
    code, out, _ = run(capsys, "import-roster", str(ROSTERS / "roster_gbk.csv"), "--class", CLASS_ID,
                       "--records", str(world.root), "--as-of", AS_OF.isoformat())
    assert code == 0
    assert "已写入" in out and "5 名参训人员" in out
    assert trainees(world)[0]["person"] == person_pseudonym(KEY, read_rows("roster_gbk.csv")[1][2])


def test_importing_twice_gives_a_byte_identical_file(world: World, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("import-roster", str(ROSTERS / "roster_gbk.csv"), "--class", CLASS_ID, "--records", str(world.root),
            "--key-file", str(key_file(tmp_path)), "--as-of", AS_OF.isoformat())
    run(capsys, *argv)
    first = world.path(CLASS).read_bytes()
    _, out, _ = run(capsys, *argv)
    assert "内容未变" in out
    assert world.path(CLASS).read_bytes() == first
    assert first.endswith(b"\n")


def test_other_keys_give_other_pseudonyms(world: World) -> None:
    import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, world.root, KEY, AS_OF)
    first = trainees(world)
    import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, world.root, OTHER_KEY, AS_OF)
    second = trainees(world)
    assert not {t["person"] for t in first} & {t["person"] for t in second}
    refs = [{t["assessment"]["certificate"]["number_ref"] for t in rows if "certificate" in t.get("assessment", {})}
            for rows in (first, second)]
    assert refs[0] and not refs[0] & refs[1]


def test_no_name_id_or_certificate_number_reaches_the_file(world: World) -> None:
    import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, world.root, KEY, AS_OF)
    written = world.path(CLASS).read_text(encoding="utf-8")
    for row in read_rows("roster_gbk.csv")[1:]:
        name, id_number, certificate = row[1], row[2], row[7]
        assert name not in written
        assert id_number.upper() not in written.upper()
        assert id_number[:-1] not in written  # not even the first 17 digits
        if certificate:
            assert certificate.upper() not in written.upper()


def test_the_rest_of_the_class_file_and_its_comments_survive(world: World) -> None:
    original = world.path(CLASS).read_text(encoding="utf-8")
    head, _, old_roster = original.partition("trainees:\n")
    head = head.replace("location: ", "location: ", 1)
    commented = (
        head.replace("id: P2026-001-01\n", "# 班次说明：示例注释\nid: P2026-001-01  # 与文件名相同\n")
        + "# 参训人员由 import-roster 导入\ntrainees:\n" + old_roster + "# 文件末尾的注释\n"
    )
    world.write(CLASS, commented)
    result = import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, world.root, KEY, AS_OF)
    assert result.written
    after = world.path(CLASS).read_text(encoding="utf-8")
    new_head, _, roster = after.partition("trainees:\n")
    assert new_head == commented.partition("trainees:\n")[0]
    assert roster.endswith("# 文件末尾的注释\n")
    assert roster.count("- person: p_") == 5


def test_an_unknown_class_is_a_usage_error(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import-roster", str(ROSTERS / "roster_gbk.csv"), "--class", "P2099-999-99",
                       "--records", str(world.root), "--key-file", str(key_file(tmp_path)))
    assert code == 2 and "找不到班次 P2099-999-99" in err


def _id_number(serial: int) -> str:
    from stdnum.cn import ric

    body = f"32021119900101{serial:03d}"
    return body + ric.calc_check_digit(body + "0")


def _thirty_rows(tmp_path: Path) -> Path:
    """A 30-row roster whose cells are all readable, with faults only the records' rules see."""
    rows = [["序号", "姓名", "身份证号码", "人员类别", "毕业时间", "出勤课时", "是否合格", "证书编号", "发证日期"]]
    for n in range(1, 31):
        rows.append([str(n), f"学员{n}", _id_number(n), "农村转移就业劳动者", "", "44", "是", f"JS2026-{n:04d}",
                     "2026-06-25"])
    rows[7][3], rows[7][4] = "毕业学年高校毕业生", "2026-06-30"  # row 8: a group the project does not target
    rows[15][3], rows[15][4] = "城乡未继续升学的应届初高中毕业生", "2024-06-30"  # row 16: and out of the window
    rows[22][8] = "2026-06-10"  # row 23: a certificate issued before the class ended (2026-06-20)
    path = tmp_path / "roster30.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_30_row_roster_is_judged_by_every_rule_before_writing(world: World, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = world.path(CLASS).read_bytes()
    result = import_roster(_thirty_rows(tmp_path), CLASS_ID, world.root, KEY, AS_OF)
    where = sorted((p.row or 0, p.column_letter or "", p.header or "") for p in result.problems)
    assert where == [(8, "D", "人员类别"), (16, "D", "人员类别"), (16, "E", "毕业时间"),
                     (22, "", ""),  # the 21st trainee exceeds the project's 20 places
                     (23, "I", "发证日期")]
    assert not result.written
    assert world.path(CLASS).read_bytes() == before
    messages = " ".join(p.message for p in result.problems)
    assert "名参训人员" not in messages  # told by spreadsheet row, not by trainee number
    for rule in ("CLS-GROUP", "CLS-GRADUATE-WINDOW", "CLS-QUOTA", "CLS-CERT-DATE"):
        assert rule in messages
    code, _, err = run(capsys, "import-roster", str(tmp_path / "roster30.csv"), "--class", CLASS_ID,
                       "--records", str(world.root), "--key-file", str(key_file(tmp_path)), "--as-of", "2027-06-30")
    assert code == 1
    assert "第 16 行 E 列（毕业时间）" in err and "第 23 行 I 列（发证日期）" in err and "未写入任何内容" in err
    assert world.path(CLASS).read_bytes() == before


def test_check_only_writes_nothing_even_when_all_is_good(world: World, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = world.path(CLASS).read_bytes()
    code, out, _ = run(capsys, "import-roster", str(ROSTERS / "roster_gbk.csv"), "--class", CLASS_ID, "--check",
                       "--records", str(world.root), "--key-file", str(key_file(tmp_path)), "--as-of", "2027-06-30")
    assert code == 0 and "检查通过" in out
    assert world.path(CLASS).read_bytes() == before


def test_a_class_whose_first_installment_is_paid_is_refused_with_the_corrections_to_prepare(
        world: World, tmp_path: Path) -> None:
    from tests.conftest import WORLD

    world.write(PAYMENTS, (WORLD / PAYMENTS).read_bytes())
    before = world.path(CLASS).read_bytes()
    result = import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, world.root, KEY, AS_OF)
    assert result.frozen and not result.written
    [problem] = result.problems
    assert "2026-07-15 拨付首期补贴" in problem.message and "已冻结" in problem.message
    assert "records/corrections/" in problem.message
    assert "trainees[p_" in problem.message  # each change named as a correction's field
    assert world.path(CLASS).read_bytes() == before


# -- a certificate counts once (issue 23) -----------------------------------------------------------

HEADER = ["序号", "姓名", "身份证号码", "人员类别", "毕业时间", "出勤课时", "是否合格", "证书编号", "发证日期"]


def _roster(tmp_path: Path, name: str, numbers: list[str], first_serial: int = 1) -> Path:
    rows = [HEADER] + [[str(n), f"学员{n}", _id_number(first_serial + n), "农村转移就业劳动者", "", "44", "是", number,
                        "2026-07-25"] for n, number in enumerate(numbers, start=1)]
    path = tmp_path / name
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_three_spellings_of_one_certificate_number_are_one_certificate(world: World, tmp_path: Path) -> None:
    """Attack (issue 23): `JS2026-0001234`, `ＪＳ２０２６－０００１２３４` and `JS20260001234` became three
    different refs, so one certificate imported for three people counted three times."""
    before = world.path(CLASS).read_bytes()
    path = _roster(tmp_path, "three.csv", ["JS2026-0001234", "ＪＳ２０２６－０００１２３４", "JS20260001234"])
    result = import_roster(path, CLASS_ID, world.root, KEY, AS_OF)
    assert [(p.row, p.column_letter) for p in result.problems] == [(3, "H"), (4, "H")]
    assert all("证书编号与第 2 行相同" in p.message for p in result.problems)
    assert world.path(CLASS).read_bytes() == before


def test_the_key_form_gives_one_ref_whatever_the_spelling() -> None:
    refs = {certificate_ref(KEY, n) for n in ("JS2026-0001234", "ＪＳ２０２６－０００１２３４", "JS20260001234",
                                              "js 2026 0001234", "JS2026‐OOO1234")}
    assert len(refs) == 1
    assert certificate_ref(KEY, "JS2026-0001235") not in refs


def test_a_certificate_already_on_another_class_is_refused_at_the_import(world: World, tmp_path: Path) -> None:
    """The import stops a number copied from another roster, whatever issue date it claims."""
    world.copy(CLASS, "classes/2026/P2026-001-02.yaml", lambda d: d.update(
        id="P2026-001-02", start_on=dt.date(2026, 7, 1), end_on=dt.date(2026, 7, 20), trainees=[]))
    first = import_roster(_roster(tmp_path, "a.csv", ["JS2026-0001234", "JS2026-0001235"]), CLASS_ID, world.root,
                          KEY, AS_OF)
    assert first.problems == []
    other = world.path("classes/2026/P2026-001-02.yaml")
    before = other.read_bytes()
    sheet = _roster(tmp_path, "b.csv", ["JS2026-0009999", "ｊｓ２０２６ ０００１２３５"], first_serial=50)
    second = import_roster(sheet, "P2026-001-02", world.root, KEY, AS_OF)
    assert [(p.row, p.column_letter, p.header) for p in second.problems] == [(3, "H", "证书编号")]
    assert "CLS-CERT-SHARED" in second.problems[0].message and "班次 P2026-001-01 第 2 名" in second.problems[0].message
    assert other.read_bytes() == before
