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


@pytest.mark.parametrize(("uscc", "facts"), [
    ("91320213MA1XK7P3QX", ("校验位（第 18 位）为“X”", "应为")),  # wrong check character
    ("9132021", ("为 7 位", "应为 18 位")),
    ("９1320214MA1X00001T", ("“９”是全角字符",)),
    ("94320214MA1X00001" + "0", ("前两位“94”", "GB 32100-2015")),
])
def test_employer_usccs_in_an_application_are_validated(world: World, uscc: str, facts: tuple[str, ...]) -> None:
    """Issue 25.6: CODE-FORMAT is 在每处: the employers of 岗位需求 pass the same checker as `peixun new`."""
    from stdnum.cn.uscc import calc_check_digit

    if uscc.startswith("94"):
        uscc = uscc[:17] + calc_check_digit(uscc[:17])  # only the kind is wrong
    world.edit(APPLICATION, lambda d: d["employers"][0].update(uscc=uscc))
    one_finding(world, "CODE-FORMAT", APPLICATION, "- uscc:", "岗位需求第 1 项", "无锡示例康养有限公司", *facts,
                "（通知 一(一)）")


def test_the_same_checker_judges_every_uscc_in_every_record_kind() -> None:
    """One checker: what `peixun new` (intake.ask.uscc) refuses, validation refuses in every place."""
    from generator.intake import ask
    from generator.rules.codes import code_uscc_problem
    from generator.rules.institution import uscc_problem

    for bad in ("91320213MA1XK7P3QX", "9132021", "01320214MA1X00001" + "T", "92320214MA1X0000"):
        with pytest.raises(ValueError) as refused:
            ask.uscc(bad, None)  # type: ignore[arg-type]
        assert str(refused.value) == uscc_problem(bad) == code_uscc_problem(bad)


def test_the_applicant_code_of_an_application_is_validated(world: World) -> None:
    world.edit(APPLICATION, lambda d: d.update(institution="52320211MA1W00001Y"))
    found = world.findings("CODE-FORMAT")
    assert len(found) == 1 and "申请单位的统一社会信用代码无效" in found[0].message and "校验位" in found[0].message
