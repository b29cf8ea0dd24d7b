"""APP-*: the application form (征集表)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.findings import Severity
from tests.conftest import APPLICATION, CATALOG, INSTITUTION, POLICY, World, line_of
from tests.rules.expect import Change, no_finding, one_finding, put

D = dt.date
WARN = Severity.WARNING
RULES = ["APP-CATALOG", "APP-FIELD", "APP-FOUR-IN-ONE", "APP-GROUPS", "APP-PERIODS", "APP-PRICE",
         "APP-BUDGET", "APP-CONTACT", "APP-DECLARATION", "APP-NAME"]



def new_project(name: str = "智能康养设备运维", category: str = "life_service") -> Change:
    def change(data: Any) -> None:
        data["catalog"].update(in_catalog=False, occupation_code=None, level=None)
        data.update(project_name=name, category=category)

    return change


def curriculum(theory: int, practical: int) -> Change:
    return put("curriculum", value=[
        {"module": "理论", "theory_periods": theory, "practical_periods": 0},
        {"module": "实操", "theory_periods": 0, "practical_periods": practical},
    ])


def apply(world: World, *changes: Change) -> None:
    for change in changes:
        world.edit(APPLICATION, change)


@pytest.mark.parametrize("rule", RULES)
def test_clean_world(world: World, rule: str) -> None:
    no_finding(world, rule)


# -- APP-CATALOG ----------------------------------------------------------------------------------

@pytest.mark.parametrize("changes", [
    [new_project()],  # no code needed outside the catalog
    [put("catalog", "occupation_code", value="6-31-07-03"), put("category", value="manufacturing")],
    [put("catalog", "level", value="L5")],
])
def test_catalog_choice_valid(world: World, changes: list[Change]) -> None:
    apply(world, *changes)
    no_finding(world, "APP-CATALOG")


@pytest.mark.parametrize(("change", "needle", "facts"), [
    (put("catalog", "occupation_code", value="4-10-01-99"), "occupation_code:", ("4-10-01-99", "wuxi-2025")),
    (put("catalog", "occupation_code", value=None), "occupation_code:", ("未填写工种编码",)),
    (put("catalog", "level", value="L2"), "level:", ("二级/技师", "L5（五级/初级工）", "L3")),
    (put("catalog", "level", value=None), "level:", ("未填写等级",)),
    (put("category", value="manufacturing"), "category:", ("制造类", "生活服务类", "life_service")),
])
def test_catalog_choice_invalid(world: World, change: Change, needle: str, facts: tuple[str, ...]) -> None:
    apply(world, change)
    one_finding(world, "APP-CATALOG", APPLICATION, needle, *facts)


# -- APP-FIELD ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("chain", "chains"), [
    ("物联网", ["物联网", "集成电路"]),
    ("量子科技", []),  # the policy does not list the chains yet: any named chain will do
])
def test_field_other_with_a_chain(world: World, chain: str, chains: list[str]) -> None:
    world.edit(POLICY, put("industry_chains", value=chains))
    apply(world, put("field", value="other"), put("industry_chain", value=chain))
    no_finding(world, "APP-FIELD")


@pytest.mark.parametrize(("chain", "facts"), [
    (None, ("未填写", "465", "3010")),
    ("  ", ("未填写",)),
    ("量子科技", ("量子科技", "物联网、集成电路")),
])
def test_field_other_without_a_listed_chain(world: World, chain: str | None, facts: tuple[str, ...]) -> None:
    apply(world, put("field", value="other"), put("industry_chain", value=chain))
    one_finding(world, "APP-FIELD", APPLICATION, "industry_chain:", *facts)


def test_field_not_a_priority_field_of_the_policy(world: World) -> None:
    world.edit(POLICY, put("priority_fields", value=["smart_manufacturing", "digital_economy"]))
    one_finding(world, "APP-FIELD", APPLICATION, "field:", "康养服务", "智能制造、数字经济", "other")


# -- APP-FOUR-IN-ONE ------------------------------------------------------------------------------

def _employers(*positions: int) -> Change:
    return put("employers", value=[
        {"uscc": "91320214MA1X00001T", "name": f"用人单位{i}", "post": "护理员", "positions": n}
        for i, n in enumerate(positions)
    ])


def test_one_employer_with_a_position_is_enough(world: World) -> None:
    apply(world, _employers(0, 1))
    no_finding(world, "APP-FOUR-IN-ONE")


@pytest.mark.parametrize(("change", "needle", "fact"), [
    (_employers(), "employers:", "未填写用人单位"),
    (_employers(0, 0), "employers:", "均为 0"),
    (put("curriculum", value=[]), "curriculum:", "缺少培训课程"),
    (put("evaluation", value=None), "evaluation:", "缺少技能评价"),
    (put("employment_service", value=None), "employment_service:", "缺少就业服务"),
    (put("employment_service", value=" "), "employment_service:", "缺少就业服务"),
])
def test_four_in_one_missing(world: World, change: Change, needle: str, fact: str) -> None:
    apply(world, change)
    one_finding(world, "APP-FOUR-IN-ONE", APPLICATION, needle, fact)


# -- APP-GROUPS -----------------------------------------------------------------------------------

def test_group_not_eligible_under_the_policy(world: World) -> None:
    world.edit(POLICY, put("eligible_groups", value=["rural_migrant_worker", "school_leaver"]))
    one_finding(world, "APP-GROUPS", APPLICATION, "- registered_unemployed",
                "城镇登记失业人员", "wuxi-2026-pilot")


def test_groups_all_eligible(world: World) -> None:
    apply(world, put("target_groups", value=["graduating_student", "employment_difficulty"]))
    no_finding(world, "APP-GROUPS")


# -- APP-PERIODS ----------------------------------------------------------------------------------

def test_periods_exactly_at_the_minimums(world: World) -> None:
    apply(world, curriculum(16, 24))  # 40 periods, 60 % practical
    no_finding(world, "APP-PERIODS")


@pytest.mark.parametrize(("theory", "practical", "facts"), [
    (15, 24, ("总课时 39", "40 课时")),
    (17, 25, ("实操课时 25", "59.5%", "60%", "至少 26 课时")),
])
def test_periods_short(world: World, theory: int, practical: int, facts: tuple[str, ...]) -> None:
    apply(world, curriculum(theory, practical))
    one_finding(world, "APP-PERIODS", APPLICATION, "curriculum:", *facts, severity=WARN)


def test_the_practical_minimum_meets_the_total_and_the_share_at_once(world: World) -> None:
    apply(world, curriculum(16, 20))  # 36 in all: 60% of 36 is 22, but 16 + 22 is still under 40
    found = [f.message for f in world.findings("APP-PERIODS")]
    assert len(found) == 2
    assert any("总课时 36" in m and "实操至少 24 课时" in m for m in found)
    assert any("至少 24 课时" in m and "22" not in m for m in found)


# -- APP-PRICE ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "price"), [
    ([], "1000"),  # exactly the catalog standard of L4
    ([put("catalog", "level", value="L3")], "1500"),
    ([new_project(category="manufacturing")], "3000"),
    ([new_project(category="production_service")], "2000"),
    ([new_project(category="life_service")], "1000"),
])
def test_price_at_the_cap(world: World, changes: list[Change], price: str) -> None:
    apply(world, *changes, put("budget", "unit_price", value=float(price)))
    no_finding(world, "APP-PRICE")


@pytest.mark.parametrize(("changes", "price", "facts"), [
    ([], "1000.01",
     ("申报单价 1000.01 元", "目录标准：养老护理员（4-10-01-05）四级/中级工 1000 元", "降到 1000 元以内")),
    ([put("catalog", "level", value="L5")], "600", ("五级/初级工 500 元",)),
    ([new_project(category="manufacturing")], "3000.01", ("新开发制造类项目上限 3000 元",)),
    ([new_project(category="production_service")], "2000.5", ("2000.50 元", "生产服务类项目上限 2000 元")),
    ([new_project(category="life_service")], "1200", ("生活服务类项目上限 1000 元",)),
])
def test_price_over_the_cap(world: World, changes: list[Change], price: str, facts: tuple[str, ...]) -> None:
    apply(world, *changes, put("budget", "unit_price", value=float(price)))
    one_finding(world, "APP-PRICE", APPLICATION, "unit_price:", *facts)


def test_price_cap_from_the_catalog_in_force(world: World) -> None:
    def raise_standard(data: Any) -> None:
        data.update(id="wuxi-2026", effective_from=D(2026, 4, 1))
        data["occupations"][0]["standards"]["L4"] = 1200

    world.copy(CATALOG, "catalog/wuxi-2026.yaml", raise_standard)
    apply(world, put("budget", "unit_price", value=1200))
    no_finding(world, "APP-PRICE")
    apply(world, put("submitted_on", value=D(2026, 3, 31)),
          put("declaration", "signed_on", value=D(2026, 3, 31)))
    one_finding(world, "APP-PRICE", APPLICATION, "unit_price:", "1200 元", "1000 元")


def test_price_of_an_unknown_occupation_is_left_to_app_catalog(world: World) -> None:
    apply(world, put("catalog", "occupation_code", value="4-10-01-99"),
          put("budget", "unit_price", value=99999))
    no_finding(world, "APP-PRICE")


def test_a_new_project_with_a_code_outside_the_catalog_is_capped_by_its_category_si_san(world: World) -> None:
    """Declared new with a code the catalog does not list: the life-service cap (1,000) applies."""
    apply(world, new_project(), put("catalog", "occupation_code", value="9-99-99-99"),
          put("budget", "unit_price", value=1000.01))
    one_finding(world, "APP-PRICE", APPLICATION, "unit_price:", "新开发生活服务类项目上限 1000 元")


def test_a_level_the_catalog_sets_no_standard_for_is_left_to_app_catalog(world: World) -> None:
    """养老护理员 has standards for L5, L4 and L3 only: at L2 the cap cannot be known, the price
    rule stays quiet whatever the price."""
    apply(world, put("catalog", "level", value="L2"), put("budget", "unit_price", value=99999))
    no_finding(world, "APP-PRICE")


def test_no_catalog_in_force_leaves_the_price_to_ref(world: World) -> None:
    """The catalog takes effect after the application (2026-04-10): no cap is known for a catalog
    code; a project declared new with a code is still capped by the policy (1,000 for life service)."""
    world.edit(CATALOG, lambda d: d.__setitem__("effective_from", D(2026, 5, 1)))
    apply(world, put("budget", "unit_price", value=99999))
    no_finding(world, "APP-PRICE")
    apply(world, new_project(), put("catalog", "occupation_code", value="4-10-01-05"))
    one_finding(world, "APP-PRICE", APPLICATION, "unit_price:", "新开发生活服务类项目上限 1000 元")


# -- APP-BUDGET -----------------------------------------------------------------------------------

def test_budget_sums_exactly_in_decimal(world: World) -> None:
    # 0.1 + 0.2 style amounts: in binary floating point these do not add up to the unit price
    apply(world, put("budget", value={"unit_price": 900.6, "breakdown": [
        {"item": "师资费", "amount": 600.1},
        {"item": "耗材费", "amount": 200.2},
        {"item": "评价费", "amount": 100.3},
    ]}))
    no_finding(world, "APP-BUDGET")


@pytest.mark.parametrize(("amount", "facts"), [
    (590, ("合计 990 元", "申报单价 1000 元", "少 10 元")),
    (600.5, ("合计 1000.50 元", "多 0.50 元")),
])
def test_budget_does_not_add_up(world: World, amount: float, facts: tuple[str, ...]) -> None:
    apply(world, put("budget", "breakdown", 0, "amount", value=amount))
    one_finding(world, "APP-BUDGET", APPLICATION, "breakdown:", *facts)


# -- APP-CONTACT ----------------------------------------------------------------------------------

@pytest.mark.parametrize("phone", [
    "0510-82829088", "051082829088", "0510 8282 9088", "13812345678", "+86 138 1234 5678", "+8613812345678",
    "010-12345678",
])
def test_phone_valid(world: World, phone: str) -> None:
    apply(world, put("contact", "phone", value=phone))
    no_finding(world, "APP-CONTACT")


@pytest.mark.parametrize("phone", [
    "12345", "1381234567", "138123456789", "0510-8282908", "+852 2123 4567", "400-123-4567", "电话待定",
])
def test_phone_invalid(world: World, phone: str) -> None:
    apply(world, put("contact", "phone", value=phone))
    one_finding(world, "APP-CONTACT", APPLICATION, "phone:", phone, "0510-82829088")


@pytest.mark.parametrize("email", ["jg_cyw@e.hrss.wuxi.gov.cn", "li.lian-xi+px@example.com.cn"])
def test_email_valid(world: World, email: str) -> None:
    apply(world, put("contact", "email", value=email))
    no_finding(world, "APP-CONTACT")


@pytest.mark.parametrize("email", [
    "office@example", "office.example.cn", "li lian@example.cn", "a@@example.cn",
])
def test_email_invalid(world: World, email: str) -> None:
    apply(world, put("contact", "email", value=email))
    one_finding(world, "APP-CONTACT", APPLICATION, "email:", email, "格式不正确")


# -- APP-DECLARATION ------------------------------------------------------------------------------

@pytest.mark.parametrize("changes", [
    [put("declaration", "signed_by", value="王 示例")],  # spacing in a name is not another person
    [put("declaration", "signed_on", value=D(2026, 4, 10))],  # signed on the day of submission
])
def test_declaration_valid(world: World, changes: list[Change]) -> None:
    apply(world, *changes)
    no_finding(world, "APP-DECLARATION")


@pytest.mark.parametrize(("change", "needle", "facts"), [
    (put("declaration", "signed_by", value="李联系"), "signed_by:", ("李联系", "王示例", "法定代表人")),
    (put("declaration", "signed_on", value=D(2026, 4, 11)), "signed_on:", ("2026-04-11", "2026-04-10")),
])
def test_declaration_invalid(world: World, change: Change, needle: str, facts: tuple[str, ...]) -> None:
    apply(world, change)
    one_finding(world, "APP-DECLARATION", APPLICATION, needle, *facts)


def test_declaration_follows_a_change_of_legal_representative(world: World) -> None:
    world.edit(INSTITUTION, put("legal_representative", value="赵新任"))
    one_finding(world, "APP-DECLARATION", APPLICATION, "signed_by:", "王示例", "赵新任")


# -- APP-NAME -------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes", [
    [put("project_name", value="养老护理员（四级）项目化培训")],
    [new_project("智能康养设备运维")],
    [new_project("工业无人机装调", category="manufacturing")],
    [new_project("康养服务")],
])
def test_name_valid(world: World, changes: list[Change]) -> None:
    apply(world, *changes)
    no_finding(world, "APP-NAME")


@pytest.mark.parametrize(("changes", "facts"), [
    ([put("project_name", value="老年照护")], ("老年照护", "养老护理员", "4-10-01-05")),
    ([new_project("工业机器人系统操作员", category="manufacturing")], ("同名", "6-31-07-03", "in_catalog")),
    ([new_project("智能康养设备运维员")], ("不以动词结尾", "操作")),
])
def test_name_warnings(world: World, changes: list[Change], facts: tuple[str, ...]) -> None:
    apply(world, *changes)
    one_finding(world, "APP-NAME", APPLICATION, "project_name:", *facts, severity=WARN)


# -- robustness -----------------------------------------------------------------------------------

def test_sparse_application_never_raises(world: World) -> None:
    apply(world, put("catalog", value={"in_catalog": True}), put("industry_chain", value=None),
          put("curriculum", value=[]), put("employers", value=[]), put("evaluation", value=None),
          put("employment_service", value=None))
    world.remove(CATALOG)
    world.remove(INSTITUTION)
    rules = {f.rule for f in world.validate().findings}
    assert {"REF", "APP-CATALOG", "APP-FOUR-IN-ONE"} <= rules
    assert not rules & {"APP-PRICE", "APP-NAME", "APP-DECLARATION", "APP-PERIODS"}


def test_declaration_with_the_placeholder_scan_hash_is_refused(world: World) -> None:
    """`peixun new application` writes 64 zeros until the signed page is scanned; it must not pass."""
    world.edit(APPLICATION, lambda d: d["declaration"].__setitem__("scan_sha256", "0" * 64))
    [finding] = world.findings("APP-DECLARATION")
    assert finding.severity == "error"
    assert finding.line == line_of(world, APPLICATION, "scan_sha256")
    assert "占位" in finding.message and "peixun form" in finding.message
