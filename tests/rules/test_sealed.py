"""SEALED and SEALED-PENDING: what may lie under records/sealed/, and a pending roster is no empty roster."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyrage

from generator.intake.sealed_roster import pack
from generator.pipeline import validate
from generator.records.sealed_files import AGE_HEADER, MAX_SEALED_BYTES
from tests.conftest import AS_OF, CLASS, ROSTER_RECIPIENT, World

SEALED = "sealed/2026/P2026-001-01.age"


def sealed_bytes(world: World, class_id: str = "P2026-001-01") -> bytes:
    recipient = pyrage.x25519.Recipient.from_str(ROSTER_RECIPIENT)
    return pyrage.encrypt(pack(class_id, ".csv", "姓名,身份证号码\n".encode()), [recipient])


def test_a_sealed_roster_of_an_existing_class_is_pending_not_an_error(world: World) -> None:
    world.write(SEALED, sealed_bytes(world))
    report = world.validate()
    assert report.errors == 0
    [pending] = [f for f in report.findings if f.rule == "SEALED-PENDING"]
    assert pending.path == world.display(CLASS)
    assert pending.severity == "warning"
    assert world.display(SEALED) in pending.message and "待市人社局导入" in pending.message
    assert "10 名参训人员" in pending.message  # what the import will replace


def test_a_class_without_trainees_and_a_sealed_roster_is_only_pending(world: World) -> None:
    world.edit(CLASS, lambda d: d.__setitem__("trainees", []))
    world.write(SEALED, sealed_bytes(world))
    findings = [f for f in world.validate().findings if f.path == world.display(CLASS)]
    assert [f.rule for f in findings] == ["SEALED-PENDING"]
    assert "导入前为空，这不是遗漏" in findings[0].message


def test_a_roster_in_clear_under_sealed_is_an_error(world: World) -> None:
    world.write(SEALED, "姓名,身份证号码\n张三,320211199001010012\n")
    [finding] = world.findings("SEALED")
    assert (finding.path, finding.line, finding.severity) == (world.display(SEALED), 1, "error")
    assert "不是 age 加密文件" in finding.message and "seal-roster" in finding.message
    assert "（个人信息保护法 第五十一条）" in finding.message
    assert not world.findings("SEALED-PENDING")


def test_any_other_file_under_sealed_is_an_error(world: World) -> None:
    world.write("sealed/2026/roster.xlsx", b"PK\x03\x04")
    world.write("sealed/P2026-001-01.age", sealed_bytes(world))  # no year folder
    world.write("sealed/2026/.hidden.csv", "x")
    paths = sorted(f.path for f in world.findings("SEALED"))
    assert paths == sorted(world.display(p) for p in
                           ("sealed/2026/roster.xlsx", "sealed/P2026-001-01.age", "sealed/2026/.hidden.csv"))


def test_a_sealed_roster_for_a_class_that_does_not_exist(world: World) -> None:
    world.write("sealed/2026/P2099-999-99.age", sealed_bytes(world, "P2099-999-99"))
    [finding] = world.findings("SEALED")
    assert "班次 P2099-999-99 不存在" in finding.message
    assert not world.findings("SEALED-PENDING")


def test_a_sealed_roster_in_another_years_folder(world: World) -> None:
    world.write("sealed/2027/P2026-001-01.age", sealed_bytes(world))
    [finding] = world.findings("SEALED")
    assert "sealed/2026/P2026-001-01.age" in finding.message


def test_an_oversize_sealed_file(world: World) -> None:
    world.write(SEALED, AGE_HEADER + b"\0" * MAX_SEALED_BYTES)
    [finding] = world.findings("SEALED")
    assert "超过上限" in finding.message and str(MAX_SEALED_BYTES) in finding.message
    world.write(SEALED, AGE_HEADER + b"\0" * (MAX_SEALED_BYTES - len(AGE_HEADER)))  # exactly the limit
    assert world.findings("SEALED") == []


def test_a_link_under_sealed_is_not_followed(world: World, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.age"
    target.write_bytes(sealed_bytes(world))
    world.path("sealed/2026").mkdir(parents=True)
    world.path(SEALED).symlink_to(target)
    [finding] = world.findings("SEALED")
    assert "不是 age 加密文件" in finding.message


def test_the_cached_run_sees_a_sealed_file_come_and_go(world: World, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert not [f for f in validate(world.root, AS_OF, cache_dir=cache).findings if f.rule.startswith("SEALED")]
    world.write(SEALED, sealed_bytes(world))
    assert [f.rule for f in validate(world.root, AS_OF, cache_dir=cache).findings if f.rule.startswith("SEALED")] \
        == ["SEALED-PENDING"]
    world.write(SEALED, b"plain text now")
    assert [f.rule for f in validate(world.root, AS_OF, cache_dir=cache).findings if f.rule.startswith("SEALED")] \
        == ["SEALED"]
    shutil.rmtree(world.path("sealed"))
    assert not [f for f in validate(world.root, AS_OF, cache_dir=cache).findings if f.rule.startswith("SEALED")]


def test_a_bad_sealed_file_blocks_the_merge_but_holds_no_class(world: World) -> None:
    from generator.holds import find_holds
    from generator.records.load import load

    world.write(SEALED, "姓名,身份证号码\n")
    report = world.validate()
    assert [f.rule for f in report.findings if f.severity == "error"] == ["SEALED"]
    assert find_holds(load(world.root), report.findings) == []  # it feeds no settlement
