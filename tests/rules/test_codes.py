"""Declarations checked against reference data (通知 一(一)、四(三)): a catalog occupation is priced and
keyed by the catalog whatever `in_catalog` says; every code is validated where it appears."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import APPLICATION, CLASS, EMPLOYMENT, PRIOR, World
from tests.rules.expect import no_finding, one_finding


def _choice(**values: Any) -> Any:
    def change(d: Any) -> None:
        d["catalog"].update(values)

    return change


def test_a_catalog_occupation_declared_new_is_priced_by_the_catalog_si_san(world: World) -> None:
    """通知 四(三): 养老护理员 L5 has a catalog standard of 500; the new-project cap (1000) does not apply."""
    world.edit(APPLICATION, _choice(in_catalog=False, level="L5"))
    one_finding(world, "APP-CATALOG-FLAG", APPLICATION, "in_catalog: false", "4-10-01-05", "养老护理员",
                "目录标准 500 元", "in_catalog 改为 true")
    [price] = [f for f in world.findings("APP-PRICE")]
    assert "目录标准" in price.message and "500" in price.message


def test_the_flag_does_not_escape_the_repeat_rule(world: World) -> None:
    """苏人社函〔2025〕32号: same occupation and level once, keyed by the catalog code even when declared new."""
    person = world.load(CLASS)["trainees"][0]["person"]
    world.edit(PRIOR, lambda d: d["subsidies"].append(
        {"person": person, "on": "2025-01-10", "occupation_code": " 4-10-01-05 ", "level": "L4"}))
    world.edit(APPLICATION, _choice(in_catalog=False))
    found = world.findings("SUB-REPEAT")
    assert len(found) == 1 and "同一职业（工种）4-10-01-05" in found[0].message


def test_a_code_outside_the_catalog_stays_a_new_project(world: World) -> None:
    world.edit(APPLICATION, _choice(in_catalog=False, occupation_code=None))
    no_finding(world, "APP-CATALOG-FLAG")


@pytest.mark.parametrize(("code", "fact"), [
    ("４-10-01-05", "“４”是全角字符，应为半角“4”"),
    ("4－10-01-05", "全角或长横线"),
    ("4-10-01-5", "格式应为"),
])
def test_occupation_codes_refuse_full_width_look_alikes(world: World, code: str, fact: str) -> None:
    world.edit(APPLICATION, _choice(occupation_code=code))
    one_finding(world, "CODE-FORMAT", APPLICATION, "occupation_code:", fact)


def test_prior_subsidy_codes_are_validated_too(world: World) -> None:
    world.edit(PRIOR, lambda d: d["subsidies"][0].update(occupation_code="4-10-01-0３"))
    one_finding(world, "CODE-FORMAT", PRIOR, "occupation_code:", "第 1 条", "“３”是全角字符")


@pytest.mark.parametrize(("employer", "fact"), [
    ("９1320214MA1X00001T", "“９”是全角字符"),
    ("91320214MA1X00001A", "校验位"),
])
def test_employer_usccs_in_employment_records_are_validated(world: World, employer: str, fact: str) -> None:
    world.edit(EMPLOYMENT, lambda d: d["records"][0].update(employer=employer))
    one_finding(world, "CODE-FORMAT", EMPLOYMENT, "employer:", "第 1 条", fact)


def test_codes_are_compared_in_normal_form(world: World) -> None:
    """A lower-case employer code is the same employer: still recognised as the institution itself."""
    world.edit(EMPLOYMENT, lambda d: d["records"][0].update(employer="52320211ma1w00001x"))
    no_finding(world, "CODE-FORMAT")
    assert len(world.findings("EMP-SELF")) == 1
