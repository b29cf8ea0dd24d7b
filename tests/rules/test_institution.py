"""INST-*: who may apply (notice 三)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from stdnum.cn.uscc import calc_check_digit

from tests.conftest import APPLICATION, INSTITUTION, POLICY, World
from tests.rules.expect import no_finding, one_finding

D = dt.date


def with_check(first17: str) -> str:
    return first17 + calc_check_digit(first17)


def add_institution(world: World, uscc: str, **changes: Any) -> str:
    """A second institution (without applications) whose file is named by its code."""
    rel = f"institutions/{uscc}.yaml"

    def change(data: Any) -> None:
        data["uscc"] = uscc
        data.update(changes)

    world.copy(INSTITUTION, rel, change)
    return rel


@pytest.mark.parametrize(
    "rule", ["INST-USCC", "INST-WUXI", "INST-TYPE", "INST-QUALIFICATION", "INST-VIOLATIONS"]
)
def test_clean_world(world: World, rule: str) -> None:
    no_finding(world, rule)


# -- INST-USCC ------------------------------------------------------------------------------------

@pytest.mark.parametrize("uscc", [
    "91350100M000100Y43",  # the standard's own example (not Wuxi: only INST-WUXI objects)
    "91230184MA1BUFLT44",
    with_check("12320200466000123"),  # 事业单位
    with_check("N2320205MA1W0000A"),  # another registering department: a letter up front is allowed
])
def test_valid_uscc(world: World, uscc: str) -> None:
    add_institution(world, uscc)
    no_finding(world, "INST-USCC")


@pytest.mark.parametrize(("uscc", "facts"), [
    ("91350100M000100Y4Z", ("第 18 位“Z”", "校验位应为“3”")),  # check character wrong by GB 32100
    ("91310115MA1H8R7C6D", ("校验位", "“D”", "应为“7”")),  # check character wrong by GB 32100
    ("5232021MA1W00001X", ("17 位", "18 位")),
    ("5232021100MA1W00001X", ("20 位", "18 位")),
    ("52320211MA1W0000IX", ("第 17 位“I”", "不含 I、O、S、V、Z")),
    ("52320211ma1w00001x", ("第 9 位“m”", "大写")),
    ("52A20211MA1W00001X", ("第 3-8 位", "A20211", "数字")),
])
def test_invalid_uscc(world: World, uscc: str, facts: tuple[str, ...]) -> None:
    rel = add_institution(world, uscc)
    one_finding(world, "INST-USCC", rel, "uscc:", uscc, *facts)


# -- INST-WUXI ------------------------------------------------------------------------------------

@pytest.mark.parametrize("first17", [
    "91320200MA1W00002",  # 无锡市
    "91320281MA1W00002",  # 江阴市
    "52320282MA1W00002",  # 宜兴市
    "91320202MA1W00002",  # 崇安区, a pre-2015 code
])
def test_wuxi_divisions(world: World, first17: str) -> None:
    add_institution(world, with_check(first17))
    no_finding(world, "INST-WUXI")


@pytest.mark.parametrize(("first17", "division"), [
    ("91310115MA1H8R7C6", "310115"),  # 上海浦东, valid check character
    ("91320100MA1W00002", "320100"),  # 南京市: same province, not Wuxi
    ("91302000MA1W00002", "302000"),  # "3202" in the wrong place
    ("91320300MA1W00002", "320300"),  # 徐州市 (3203): the next city's prefix
])
def test_not_wuxi(world: World, first17: str, division: str) -> None:
    uscc = with_check(first17)
    rel = add_institution(world, uscc)
    no_finding(world, "INST-USCC")
    # the sample's policy names no region_codes: the notice's own, 3202 (无锡市)
    assert "region_codes" not in world.load(POLICY)
    one_finding(world, "INST-WUXI", rel, "uscc:", division, "无锡市", "以 3202 开头", "（通知 三）")


def jiangyin(world: World) -> None:
    def change(data: Any) -> None:
        data["jurisdiction"] = "江阴市"
        data["region_codes"] = ["320281"]
    world.edit(POLICY, change)


def test_jiangyin_accepts_its_own_institutions_and_refuses_a_wuxi_district(world: World) -> None:
    """The policy in force decides: in 江阴市 (320281) an institution registered in 滨湖区 (320211,
    the world's own, which applied under that policy) is refused, one registered in 江阴市 accepted."""
    jiangyin(world)
    add_institution(world, with_check("91320281MA1W00002"))
    one_finding(world, "INST-WUXI", INSTITUTION, "uscc:", "320211", "不在江阴市", "以 320281 开头",
                "申报 A2026-001", "（通知 三）")


def test_several_region_codes_each_count(world: World) -> None:
    jiangyin(world)
    world.edit(POLICY, lambda d: d.__setitem__("region_codes", ["320281", "320211"]))
    add_institution(world, with_check("91320281MA1W00002"))
    no_finding(world, "INST-WUXI")


@pytest.mark.parametrize("code", ["3", "32028", "0202", "32A2", "32028100"])
def test_a_region_code_is_two_four_or_six_digits(world: World, code: str) -> None:
    world.edit(POLICY, lambda d: d.__setitem__("region_codes", [code]))
    found = world.findings("SCHEMA")
    assert len(found) == 1 and "region_codes" in found[0].message, [f.as_dict() for f in found]


def test_malformed_division_is_left_to_inst_uscc(world: World) -> None:
    add_institution(world, "52A20211MA1W00001X")
    no_finding(world, "INST-WUXI")


# -- INST-TYPE ------------------------------------------------------------------------------------

def test_type_not_allowed_by_the_policy_of_the_application(world: World) -> None:
    world.edit(POLICY, lambda d: d.__setitem__("institution_types", ["university", "vocational_college"]))
    one_finding(world, "INST-TYPE", INSTITUTION, "type:",
                "职业技能培训机构", "wuxi-2026-pilot", "A2026-001", "普通高等院校")


def test_type_judged_by_the_policy_in_force_on_each_application(world: World) -> None:
    world.copy(POLICY, "policy/wuxi-2027.yaml", lambda d: d.update(
        id="wuxi-2027", effective_from=D(2027, 1, 1), institution_types=["university"]))
    no_finding(world, "INST-TYPE")  # A2026-001 was submitted under the 2026 policy
    world.copy(APPLICATION, "applications/2027/A2027-001.yaml", lambda d: d.update(
        id="A2027-001", submitted_on=D(2027, 2, 1)))
    one_finding(world, "INST-TYPE", INSTITUTION, "type:", "wuxi-2027", "A2027-001", "2027-02-01")


def test_type_of_an_institution_without_applications_uses_the_policy_as_of(world: World) -> None:
    world.edit(POLICY, lambda d: d.__setitem__("institution_types", ["training_institution"]))
    rel = add_institution(world, with_check("12320211466000123"), type="university")
    one_finding(world, "INST-TYPE", rel, "type:", "普通高等院校", "尚无申报", "2027-06-30")
    # no policy in force at all: nothing to judge by, REF is silent too (nothing refers to a date)
    world.edit(POLICY, lambda d: d.__setitem__("effective_until", D(2027, 1, 1)))
    no_finding(world, "INST-TYPE")


# -- INST-QUALIFICATION ---------------------------------------------------------------------------

@pytest.mark.parametrize("valid_until", [D(2026, 4, 10), None])
def test_qualification_valid_on_submission(world: World, valid_until: dt.date | None) -> None:
    world.edit(INSTITUTION, lambda d: d["qualification"].__setitem__("valid_until", valid_until))
    no_finding(world, "INST-QUALIFICATION")


def test_qualification_expired_before_submission(world: World) -> None:
    world.edit(INSTITUTION, lambda d: d["qualification"].__setitem__("valid_until", D(2026, 4, 9)))
    one_finding(world, "INST-QUALIFICATION", INSTITUTION, "valid_until:",
                "2026-04-09", "A2026-001", "2026-04-10", "教民132021100001")


def test_qualification_missing(world: World) -> None:
    world.edit(INSTITUTION, lambda d: d.__setitem__("qualification", None))
    one_finding(world, "INST-QUALIFICATION", INSTITUTION, "qualification:", "未记录培训资质")


# -- INST-VIOLATIONS ------------------------------------------------------------------------------

def _violation(on: dt.date) -> Any:
    return lambda d: d.__setitem__("violations", [
        {"on": D(2020, 1, 1), "summary": "很早以前的记录"},
        {"on": on, "summary": "虚报参训人数"},
    ])


@pytest.mark.parametrize("on", [
    D(2023, 4, 10),  # exactly three years before submission: three full years have passed
    D(2026, 4, 11),  # after the submission
])
def test_violation_outside_the_lookback(world: World, on: dt.date) -> None:
    world.edit(INSTITUTION, _violation(on))
    no_finding(world, "INST-VIOLATIONS")


@pytest.mark.parametrize(("on", "eligible"), [
    (D(2023, 4, 11), "2026-04-11"),
    (D(2026, 4, 10), "2029-04-10"),  # the day of submission
])
def test_violation_inside_the_lookback(world: World, on: dt.date, eligible: str) -> None:
    world.edit(INSTITUTION, _violation(on))
    one_finding(world, "INST-VIOLATIONS", INSTITUTION, f"on: {on}",
                str(on), "虚报参训人数", "A2026-001", "3 年", eligible)


def test_lookback_years_come_from_the_policy(world: World) -> None:
    world.edit(INSTITUTION, _violation(D(2024, 6, 1)))
    world.edit(POLICY, lambda d: d.__setitem__("violation_lookback_years", 1))
    no_finding(world, "INST-VIOLATIONS")


def test_leap_day_lookback(world: World) -> None:
    world.edit(APPLICATION, lambda d: d.__setitem__("submitted_on", D(2028, 2, 29)))
    world.edit(INSTITUTION, lambda d: d["qualification"].__setitem__("valid_until", None))
    world.edit(INSTITUTION, _violation(D(2025, 2, 28)))
    no_finding(world, "INST-VIOLATIONS")
    world.edit(INSTITUTION, _violation(D(2025, 3, 1)))
    one_finding(world, "INST-VIOLATIONS", INSTITUTION, "on: 2025-03-01", "2028-02-29")


# -- INST-LEGAL-PERSON (issue 25.2: 独立法人资格, 通知 三) ----------------------------------------

@pytest.mark.parametrize(("first17", "kind"), [
    ("92320211MA1W00002", "个体工商户"),
    ("21320211MA1W00002", "外国常驻新闻机构"),
    ("61320211MA1W00002", "外国旅游部门常驻代表机构"),
])
def test_a_code_that_shows_no_legal_person_is_refused(world: World, first17: str, kind: str) -> None:
    uscc = with_check(first17)
    rel = add_institution(world, uscc)
    no_finding(world, "INST-USCC")
    one_finding(world, "INST-LEGAL-PERSON", rel, "uscc:", uscc, f"前两位为 {first17[:2]}", kind,
                "不具有独立法人资格", "（通知 三）")


@pytest.mark.parametrize("first17", [
    "91320211MA1W00002",  # 企业: a company is a legal person, a branch is not; the code cannot tell
    "12320211MA1W00002",  # 事业单位
    "52320211MA1W00002",  # 民办非企业单位
    "93320211MA1W00002",  # 农民专业合作社
])
def test_a_code_that_shows_a_legal_person_or_cannot_tell_passes(world: World, first17: str) -> None:
    add_institution(world, with_check(first17))
    no_finding(world, "INST-LEGAL-PERSON")


def test_a_kind_the_standard_does_not_define_is_a_malformed_code(world: World) -> None:
    uscc = with_check("94320211MA1W00002")
    rel = add_institution(world, uscc)
    one_finding(world, "INST-USCC", rel, "uscc:", "前两位“94”", "GB 32100-2015")
    no_finding(world, "INST-LEGAL-PERSON")


def test_the_table_of_kinds_is_reference_data_not_code() -> None:
    """The kinds live in the package's standards/ data file; the rule reads them from there."""
    from generator.records import orgkinds
    from generator.rules import institution

    assert orgkinds.kinds()["92"].legal_person is False and orgkinds.kinds()["92"].kind == "个体工商户"
    assert orgkinds.kinds()["12"].pension == "organ"
    constants = " ".join(str(c) for c in institution.inst_legal_person.__code__.co_consts)
    assert "92" not in constants and "个体工商户" not in constants
    assert len(orgkinds.kinds()) == 36
