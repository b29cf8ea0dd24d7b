"""Correction records: applied at load time, so rules and settlement see the corrected class."""

from __future__ import annotations

from typing import Any

from generator.records.load import load_records
from tests.conftest import CLASS, World
from tests.rules.expect import no_finding, one_finding

CORRECTION = "corrections/2026/C2026-001.yaml"
PERSON = "p_1abf46952bc24580ef9e29d5"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../../../schemas/correction.schema.json\n"


def write_correction(world: World, rel: str = CORRECTION, **overrides: Any) -> None:
    data: dict[str, Any] = {
        "id": rel.rsplit("/", 1)[1].removesuffix(".yaml"),
        "class": "P2026-001-01",
        "field": f"trainees[{PERSON}].attended_periods",
        "old": 48,
        "new": 30,
        "reason": "签到表复核：该学员第 3 周缺勤 18 课时，原导入表格有误",
        "approved_by": "wx-bureau",
        "approved_on": "2026-08-01",
    }
    data.update(overrides)
    world.dump(rel, data)
    text = world.path(rel).read_text(encoding="utf-8")
    world.write(rel, SCHEMA_COMMENT + text)


def attended(world: World, person: str = PERSON) -> int:
    cls = load_records(world.root).classes["P2026-001-01"].model
    return next(t.attended_periods for t in cls.trainees if t.person == person)


def test_a_correction_changes_the_loaded_class_and_the_rules_see_it(world: World) -> None:
    write_correction(world)
    assert attended(world) == 30
    assert "attended_periods: 48" in world.path(CLASS).read_text(encoding="utf-8")  # the file keeps the original
    no_finding(world, "CLS-CORRECTION")
    attendance = world.findings("CLS-ATTENDANCE")
    assert len(attendance) == 1 and "30" in attendance[0].message


def test_corrections_apply_in_order_of_approval(world: World) -> None:
    write_correction(world, "corrections/2026/C2026-002.yaml", old=30, new=40, approved_on="2026-09-01")
    write_correction(world)
    no_finding(world, "CLS-CORRECTION")
    assert attended(world) == 40


def test_a_correction_of_periods(world: World) -> None:
    write_correction(world, field="periods.theory", old=16, new=30)
    no_finding(world, "CLS-CORRECTION")
    assert load_records(world.root).classes["P2026-001-01"].model.periods.theory == 30
    assert world.findings("CLS-PRACTICAL")  # 32 of 62: the practical share is now below 60 %


def test_old_value_must_match_the_record(world: World) -> None:
    write_correction(world, old=47)
    one_finding(world, "CLS-CORRECTION", CORRECTION, "old:", "原值 47", "现值 48")
    assert attended(world) == 48


def test_unknown_class_and_field(world: World) -> None:
    write_correction(world, **{"class": "P2026-009-01"})
    one_finding(world, "CLS-CORRECTION", CORRECTION, "class:", "P2026-009-01 不存在")
    write_correction(world, field="trainees[p_000000000000000000000000].attended_periods")
    one_finding(world, "CLS-CORRECTION", CORRECTION, "field:", "没有 trainees[p_000000000000000000000000]")


def test_approver_must_be_a_bureau_handle(world: World) -> None:
    write_correction(world, approved_by="school-a")
    one_finding(world, "CLS-CORRECTION", CORRECTION, "approved_by:", "school-a", "市人社局")
    assert attended(world) == 48


def test_a_correction_that_breaks_the_class_is_refused(world: World) -> None:
    write_correction(world, new="三十")
    one_finding(world, "CLS-CORRECTION", CORRECTION, "new:", "不再符合格式")
    assert attended(world) == 48


def test_only_frozen_parts_can_be_corrected(world: World) -> None:
    write_correction(world, field="location")
    found = world.findings("SCHEMA")
    assert len(found) == 1 and "trainees 或 periods" in found[0].message


def test_a_missing_trainee_is_added_by_pseudonym(world: World) -> None:
    new_person = "p_" + "ab" * 12
    trainee = {"person": new_person, "group": "registered_unemployed", "attended_periods": 40}
    write_correction(world, field=f"trainees[{new_person}]", old=None, new=trainee)
    no_finding(world, "CLS-CORRECTION")
    assert attended(world, new_person) == 40
