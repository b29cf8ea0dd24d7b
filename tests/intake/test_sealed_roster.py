"""Sealed rosters: institutions check and encrypt without the key, the bureau decrypts in memory and imports.

Real age encryption (pyrage) to a key generated for the test session and listed in the world's
roles.yaml (its identity outside every repository); real files; the round trip must give the very
bytes the plain import gives.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyrage
import pytest
from openpyxl import Workbook

from generator.cli import main
from generator.errors import IntakeError
from generator.intake.importer import import_roster
from generator.intake.keys import NO_KEY, person_pseudonym
from generator.intake.sealed_roster import import_sealed, open_sealed, pack, seal_roster
from generator.records.sealed_files import AGE_HEADER, MAX_SEALED_BYTES
from tests.conftest import AS_OF, CLASS, IDENTITY, PAYMENTS, ROSTER_RECIPIENT, WORLD, World, with_roster_key
from tests.intake.test_roster_import import KEY, ROSTERS, read_rows

CLASS_ID = "P2026-001-01"
SEALED = f"sealed/2026/{CLASS_ID}.age"


@pytest.fixture
def world(world: World) -> World:
    """The fixture world's class before its first installment: its roster is not frozen yet; the
    session's roster key listed."""
    world.remove(PAYMENTS)
    with_roster_key(world)
    return world


def unpaid_copy(root: Path) -> World:
    """Another copy of the world, unpaid as the fixture above, for the plain import to compare with."""
    copy = World(root)
    shutil.copytree(WORLD, copy.root)
    copy.remove(PAYMENTS)
    return copy


def outside(tmp_path: Path, name: str) -> Path:
    """A copy of a roster fixture in the temporary folder, outside the records repository."""
    target = tmp_path / "institution" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROSTERS / name, target)
    return target


def clear_texts(name: str) -> list[bytes]:
    """Every name, ID number (and its first 17 digits) and certificate number of a roster fixture, as
    bytes in each encoding a leak could take."""
    found: list[bytes] = []
    for row in read_rows(name)[1:]:
        for value in (row[1], row[2], row[2].upper(), row[2][:17], row[7]):
            if value:
                found.extend({value.encode("utf-8"), value.encode("gb18030"), value.encode("utf-16-le")})
    return found


def every_file(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_the_sealed_round_trip_gives_the_plain_imports_bytes(world: World, tmp_path: Path) -> None:
    plain = unpaid_copy(tmp_path / "plain")
    assert import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, plain.root, KEY, AS_OF).written

    sealed = seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, AS_OF)
    assert sealed.problems == [] and sealed.trainees == 5
    assert sealed.sealed_file == world.path(SEALED)
    assert world.path(SEALED).read_bytes().startswith(AGE_HEADER)
    result = import_sealed(world.path(SEALED), IDENTITY, CLASS_ID, world.root, KEY, AS_OF)
    assert result.written and result.trainees == 5 and result.encoding == "GBK"
    assert world.path(CLASS).read_bytes() == plain.path(CLASS).read_bytes()
    people = [t["person"] for t in world.load(CLASS)["trainees"]]
    assert people == [person_pseudonym(KEY, r[2]) for r in read_rows("roster_gbk.csv")[1:]]
    assert not world.path(SEALED).exists()  # deleted with the write


def test_an_xlsx_roster_is_opened_in_memory_and_gives_the_same_bytes(world: World, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in read_rows("roster_gbk.csv"):
        sheet.append(row)
    sheet["F3"] = 40  # a number cell
    xlsx = tmp_path / "institution" / "roster.xlsx"
    xlsx.parent.mkdir()
    book.save(xlsx)
    plain = unpaid_copy(tmp_path / "plain")
    assert import_roster(xlsx, CLASS_ID, plain.root, KEY, AS_OF).written

    assert seal_roster(xlsx, CLASS_ID, world.root, AS_OF).written
    before = set(every_file(tmp_path))
    assert import_sealed(world.path(SEALED), IDENTITY, CLASS_ID, world.root, KEY, AS_OF).written
    assert world.path(CLASS).read_bytes() == plain.path(CLASS).read_bytes()
    # decrypted in memory: no new file but the load cache's (it changed the class file, removed the .age)
    new = set(every_file(tmp_path)) - before
    assert [p for p in new if ".cache" not in p.parts] == []
    leaks = clear_texts("roster_gbk.csv")
    for path in every_file(tmp_path):
        if path != xlsx:
            data = path.read_bytes()
            assert not [leak for leak in leaks if leak in data], path


def test_nothing_in_clear_is_written_by_sealing(world: World, tmp_path: Path) -> None:
    source = outside(tmp_path, "roster_gbk.csv")
    before = set(every_file(tmp_path))
    assert seal_roster(source, CLASS_ID, world.root, AS_OF).written
    new = set(every_file(tmp_path)) - before
    assert [p.relative_to(world.root).as_posix() for p in new if ".cache" not in p.parts] == [SEALED]
    leaks = clear_texts("roster_gbk.csv")
    assert len(leaks) > 20
    for path in every_file(tmp_path):
        if path == source:
            continue
        data = path.read_bytes()
        assert not [leak for leak in leaks if leak in data], path
    # and the ciphertext opens only to the same bytes
    class_id, suffix, data = open_sealed(world.path(SEALED), [pyrage.x25519.Identity.from_str(
        IDENTITY.read_text(encoding="utf-8").strip().splitlines()[-1])])
    assert (class_id, suffix, data) == (CLASS_ID, ".csv", source.read_bytes())


def test_bad_rows_are_reported_and_nothing_is_sealed(world: World, tmp_path: Path) -> None:
    result = seal_roster(outside(tmp_path, "roster_bad.csv"), CLASS_ID, world.root, AS_OF)
    assert [(p.row, p.column_letter) for p in result.problems] == [(3, "C"), (4, "D"), (5, "C"), (6, "I")]
    assert "校验位" in result.problems[0].message  # the ID checksum is checked without the key
    assert "第 2 行" in result.problems[2].message  # duplicates too
    assert not result.written
    assert not world.path("sealed").exists()


def test_class_rules_that_need_no_key_are_checked_by_row(world: World, tmp_path: Path) -> None:
    rows = read_rows("roster_gbk.csv")
    rows[2][3] = "原建档立卡低收入家庭子女"  # not a target group of the world's project
    rows[4][6], rows[4][7], rows[4][8] = "是", "JS2026-0009", "2026-06-01"  # before the class ended
    path = tmp_path / "institution" / "roster.csv"
    path.parent.mkdir()
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    result = seal_roster(path, CLASS_ID, world.root, AS_OF)
    found = {(p.row, p.header, p.message.split(" ", 1)[0]) for p in result.problems}
    assert found == {(3, "人员类别", "CLS-GROUP"), (5, "发证日期", "CLS-CERT-DATE")}
    assert any(p.column_letter == "D" for p in result.problems)
    assert not result.written and not world.path("sealed").exists()


def test_the_sealed_roster_names_its_class(world: World, tmp_path: Path) -> None:
    seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, AS_OF)
    moved = world.path("sealed/2026/P2026-001-02.age")
    world.path(SEALED).rename(moved)
    with pytest.raises(IntakeError, match=f"是班次 {CLASS_ID} 的花名册"):
        import_sealed(moved, IDENTITY, "P2026-001-02", world.root, KEY, AS_OF)
    assert moved.exists()


def test_a_wrong_identity_is_a_clear_error_and_nothing_is_written(world: World, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, AS_OF)
    wrong = tmp_path / "bureau" / "other.txt"
    wrong.parent.mkdir()
    wrong.write_text(f"# another identity\n{pyrage.x25519.Identity.generate()}\n", encoding="utf-8")
    before = world.path(CLASS).read_bytes()
    key_file = tmp_path / "bureau" / "key"
    key_file.write_bytes(KEY)
    code = main(["import-roster", "--sealed", str(world.path(SEALED)), "--identity", str(wrong), "--class", CLASS_ID,
                 "--records", str(world.root), "--key-file", str(key_file)])
    err = capsys.readouterr().err
    assert code == 2
    assert "不是加密给所给私钥的" in err and "roster_recipients" in err
    assert "Traceback" not in err
    assert world.path(CLASS).read_bytes() == before
    assert world.path(SEALED).exists()


@pytest.mark.parametrize("damage", ["flip", "truncate", "header"])
def test_a_tampered_or_truncated_file_is_a_clear_error(world: World, tmp_path: Path, damage: str) -> None:
    seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, AS_OF)
    data = bytearray(world.path(SEALED).read_bytes())
    if damage == "flip":
        data[-20] ^= 0x01  # inside the payload: the authentication tag no longer matches
    elif damage == "truncate":
        data = data[: len(data) - 40]
    else:
        data[:3] = b"AGE"
    world.write(SEALED, bytes(data))
    before = world.path(CLASS).read_bytes()
    expected = "不是 age 加密文件" if damage == "header" else "已损坏、被截断或被改动"
    with pytest.raises(IntakeError, match=expected):
        import_sealed(world.path(SEALED), IDENTITY, CLASS_ID, world.root, KEY, AS_OF)
    assert world.path(CLASS).read_bytes() == before
    assert world.path(SEALED).exists()


def test_a_valid_age_file_without_the_envelope_is_refused(world: World) -> None:
    recipient = pyrage.x25519.Recipient.from_str(ROSTER_RECIPIENT)
    world.write(SEALED, pyrage.encrypt(b"\xe5\xa7\x93\xe5\x90\x8d,ID\n", [recipient]))
    with pytest.raises(IntakeError, match="不是 peixun seal-roster 生成的花名册"):
        import_sealed(world.path(SEALED), IDENTITY, CLASS_ID, world.root, KEY, AS_OF)
    world.write(SEALED, pyrage.encrypt(pack(CLASS_ID, ".csv", b"")[:-1] + b"{", [recipient]))
    with pytest.raises(IntakeError):
        import_sealed(world.path(SEALED), IDENTITY, CLASS_ID, world.root, KEY, AS_OF)


def test_an_oversize_sealed_file_is_not_decrypted(world: World) -> None:
    world.write(SEALED, AGE_HEADER + b"\0" * MAX_SEALED_BYTES)
    with pytest.raises(IntakeError, match="超过上限"):
        import_sealed(world.path(SEALED), IDENTITY, CLASS_ID, world.root, KEY, AS_OF)


def test_secrets_and_clear_rosters_inside_the_repository_are_refused(world: World, tmp_path: Path) -> None:
    (world.root / ".git").mkdir()  # the records folder is a work tree
    inside = world.path("roster.csv")
    shutil.copy(ROSTERS / "roster_gbk.csv", inside)
    with pytest.raises(IntakeError, match=r"花名册明文 .* 位于仓库"):
        seal_roster(inside, CLASS_ID, world.root, AS_OF)
    assert seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, AS_OF).written
    identity = world.path("identity.txt")
    shutil.copy(IDENTITY, identity)
    with pytest.raises(IntakeError, match=r"私钥文件 .* 位于仓库"):
        import_sealed(world.path(SEALED), identity, CLASS_ID, world.root, KEY, AS_OF)


def test_without_roster_recipients_nothing_can_be_sealed(world: World, tmp_path: Path) -> None:
    world.edit("roles.yaml", lambda d: d.pop("roster_recipients"))
    with pytest.raises(IntakeError, match="roster_recipients"):
        seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, AS_OF)


def test_a_bad_recipient_is_a_schema_finding(world: World) -> None:
    world.edit("roles.yaml", lambda d: d.__setitem__("roster_recipients", [
        {"recipient": "age1notakey", "from": "2026-01-01", "until": "2026-12-31"}]))
    [finding] = [f for f in world.findings("SCHEMA") if f.path == world.display("roles.yaml")]
    assert "不是有效的 age 公钥" in finding.message and "Value error" not in finding.message


def test_the_cli_seals_and_the_bureau_imports(world: World, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEIXUN_KEY", raising=False)  # the institution has no key, and needs none
    source = outside(tmp_path, "roster_gbk.csv")
    code = main(["seal-roster", str(source), "--class", CLASS_ID, "--records", str(world.root),
                 "--as-of", AS_OF.isoformat()])
    out = capsys.readouterr().out
    assert code == 0
    assert "5 名参训人员的花名册已加密" in out and f"git add {world.path(SEALED)}" in out
    assert "提醒" in out and "CLS-ATTENDANCE" in out  # 20 of 48 periods: a warning, sealed anyway
    monkeypatch.setenv("PEIXUN_KEY", KEY.decode())
    code = main(["import-roster", "--sealed", str(world.path(SEALED)), "--identity", str(IDENTITY),
                 "--class", CLASS_ID, "--records", str(world.root), "--as-of", AS_OF.isoformat()])
    out = capsys.readouterr().out
    assert code == 0
    assert "已写入" in out and "已删除加密花名册" in out
    assert not world.path(SEALED).exists()


def test_the_cli_refuses_a_file_and_a_sealed_roster_at_once(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import-roster", str(ROSTERS / "roster_gbk.csv"), "--sealed", "x.age", "--identity", "id",
                 "--class", CLASS_ID, "--records", str(world.root)])
    assert code == 2 and "二者选一" in capsys.readouterr().err
    code = main(["import-roster", "--sealed", "x.age", "--class", CLASS_ID, "--records", str(world.root)])
    assert code == 2 and "--identity" in capsys.readouterr().err


def test_no_message_sends_an_institution_for_the_key() -> None:
    assert "seal-roster" in NO_KEY and "索取" not in NO_KEY
    root = Path(__file__).parents[2]
    texts = [p for folder in ("generator", "docs", ".github") for p in (root / folder).rglob("*")
             if p.suffix in (".py", ".md", ".yml", ".j2", ".html", ".js") and p.is_file()]
    texts += [root / "README.md"]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for phrase in ("索取", "向市人社局申请密钥", "向市人社局获取密钥", "ask the bureau for the key"):
            assert phrase not in text, (path, phrase)


def test_sealing_twice_replaces_the_pending_roster(world: World, tmp_path: Path) -> None:
    first = seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, AS_OF)
    again = seal_roster(outside(tmp_path, "roster_utf8_bom.csv"), CLASS_ID, world.root, AS_OF)
    assert not first.replaced and again.replaced
    assert [p.name for p in world.path("sealed/2026").iterdir()] == [f"{CLASS_ID}.age"]
    _, suffix, data = open_sealed(world.path(SEALED), [pyrage.x25519.Identity.from_str(
        IDENTITY.read_text(encoding="utf-8").strip().splitlines()[-1])])
    assert data == (ROSTERS / "roster_utf8_bom.csv").read_bytes()
    assert suffix == ".csv"


def test_a_paid_class_takes_no_sealed_roster(world: World, tmp_path: Path) -> None:
    shutil.copy(WORLD / PAYMENTS, world.path(PAYMENTS))  # the first installment is paid again
    result = seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, AS_OF)
    [problem] = result.problems
    assert "已冻结" in problem.message and "更正记录" in problem.message
    assert not result.written and not world.path("sealed").exists()


def test_a_roster_sealed_before_its_class_starts_has_no_attendance_or_results(world: World, tmp_path: Path) -> None:
    """Issue 25.8: judged before the class starts (2026-06-01), a roster with attended periods,
    results and certificates is refused row by row; the same people with nothing yet are sealed."""
    import datetime as dt

    before = dt.date(2026, 5, 20)
    result = seal_roster(outside(tmp_path, "roster_gbk.csv"), CLASS_ID, world.root, before)
    rules = {p.message.split(" ", 1)[0] for p in result.problems}
    assert "CLS-BEFORE-START" in rules, [p.message for p in result.problems]
    early = [p for p in result.problems if p.message.startswith("CLS-BEFORE-START")]
    assert {p.header for p in early} >= {"出勤课时"} and any("尚未开班" in p.message for p in early)
    assert not result.written and not world.path("sealed").exists()

    rows = read_rows("roster_gbk.csv")
    for row in rows[1:]:
        row[5], row[6], row[7], row[8] = "0", "", "", ""  # registered only: nothing happened yet
    path = tmp_path / "institution" / "registered.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    clean = seal_roster(path, CLASS_ID, world.root, before)
    assert clean.problems == [] and clean.written
