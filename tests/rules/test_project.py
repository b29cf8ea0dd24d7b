"""PRJ-*: the bureau's decision: deal price, contract, order of the steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.findings import Severity
from tests.conftest import APPLICATION, PROJECT, World, line_of
from tests.rules.expect import Change, no_finding, one_finding, put

D = dt.date


def drop(*path: str) -> Change:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]

    return change


def new_project(category: str, unit_price: float) -> Change:
    def change(data: Any) -> None:
        data["catalog"].update(in_catalog=False, occupation_code=None, level=None)
        data.update(project_name="智能康养设备运维", category=category)
        data["budget"] = {"unit_price": unit_price, "breakdown": [{"item": "师资费", "amount": unit_price}]}

    return change


@pytest.mark.parametrize("rule", ["PRJ-PRICE", "PRJ-CONTRACT", "PRJ-DATES"])
def test_clean_world(world: World, rule: str) -> None:
    no_finding(world, rule)


# -- PRJ-PRICE ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("app_change", "price"), [
    (None, 1000),  # = catalog standard = proposed price
    (None, 999.99),
    (new_project("manufacturing", 3000), 3000),
    (new_project("production_service", 2000), 1800),
])
def test_deal_price_within_cap(world: World, app_change: Change | None, price: float) -> None:
    if app_change:
        world.edit(APPLICATION, app_change)
    world.edit(PROJECT, put("unit_price", value=price))
    no_finding(world, "PRJ-PRICE")


@pytest.mark.parametrize("status", ["recommended", "rejected"])
def test_no_deal_price_needed_before_selection(world: World, status: str) -> None:
    world.edit(PROJECT, put("status", value=status))
    world.edit(PROJECT, put("unit_price", value=None))
    no_finding(world, "PRJ-PRICE")


@pytest.mark.parametrize("status", ["selected", "completed", "terminated"])
def test_deal_price_required(world: World, status: str) -> None:
    world.edit(PROJECT, put("status", value=status))
    world.edit(PROJECT, put("unit_price", value=None))
    one_finding(world, "PRJ-PRICE", PROJECT, "unit_price:", "未填写成交单价")


def test_deal_price_over_the_catalog_standard(world: World) -> None:
    world.edit(PROJECT, put("unit_price", value=1000.01))
    found = world.findings("PRJ-PRICE")
    # over the cap and over the proposed price: two findings on the same line
    assert len(found) == 2
    line = line_of(world, PROJECT, "unit_price:")
    assert all(f.path == world.display(PROJECT) and f.line == line and f.rule == "PRJ-PRICE" for f in found)
    assert all(f.severity is Severity.ERROR for f in found)
    cap, proposed = sorted(found, key=lambda f: "目录标准" not in f.message)
    assert "成交单价 1000.01 元超过目录标准：养老护理员（4-10-01-05）四级/中级工 1000 元" in cap.message
    assert "A2026-001" in cap.message and "降到 1000 元以内" in cap.message
    assert "高于申报 A2026-001 的申报单价 1000 元" in proposed.message


@pytest.mark.parametrize(("category", "cap", "price", "facts"), [
    ("manufacturing", 3000, 3000.01, ("3000.01 元", "新开发制造类项目上限 3000 元")),
    ("life_service", 1000, 1100, ("1100 元", "新开发生活服务类项目上限 1000 元")),
])
def test_deal_price_over_the_new_project_cap(
    world: World, category: str, cap: int, price: float, facts: tuple[str, ...]
) -> None:
    # the proposal itself was over the cap too (APP-PRICE); the deal price equals it
    world.edit(APPLICATION, new_project(category, price))
    world.edit(PROJECT, put("unit_price", value=price))
    one_finding(world, "PRJ-PRICE", PROJECT, "unit_price:", *facts)


def _declared_new_with_code(category: str, price: float, code: str, level: str) -> Change:
    """Declared a new project (in_catalog: false) of `category` at `price`, naming `code` and `level`."""
    def change(data: Any) -> None:
        new_project(category, price)(data)
        data["catalog"].update(occupation_code=code, level=level)

    return change


@pytest.mark.parametrize(("price", "over"), [(500, False), (500.01, True)])
def test_a_catalog_occupation_declared_new_is_capped_by_its_standard_si_san(
        world: World, price: float, over: bool) -> None:
    """养老护理员 (4-10-01-05) is in the catalog with 500 at L5: declaring it new does not lift the
    cap to the life-service new-project cap (1,000). The proposal asked the same price."""
    world.edit(APPLICATION, _declared_new_with_code("life_service", price, "4-10-01-05", "L5"))
    world.edit(PROJECT, put("unit_price", value=price))
    if over:
        one_finding(world, "PRJ-PRICE", PROJECT, "unit_price:",
                    "成交单价 500.01 元超过目录标准：养老护理员（4-10-01-05）五级/初级工 500 元（申报 A2026-001）",
                    "降到 500 元以内")
    else:
        no_finding(world, "PRJ-PRICE")


@pytest.mark.parametrize(("price", "over"), [(3000, False), (3000.01, True)])
def test_a_code_outside_the_catalog_declared_new_is_capped_by_its_category_si_san(
        world: World, price: float, over: bool) -> None:
    """9-99-99-99 is no occupation of the catalog: a manufacturing project declared new with it is
    capped at the policy's 3,000, whatever level it names (no catalog standard applies)."""
    world.edit(APPLICATION, _declared_new_with_code("manufacturing", price, "9-99-99-99", "L4"))
    world.edit(PROJECT, put("unit_price", value=price))
    if over:
        one_finding(world, "PRJ-PRICE", PROJECT, "unit_price:", "成交单价 3000.01 元超过新开发制造类项目上限 3000 元",
                    "降到 3000 元以内")
    else:
        no_finding(world, "PRJ-PRICE")


def test_deal_price_above_the_proposed_price(world: World) -> None:
    world.edit(APPLICATION, new_project("manufacturing", 2500))
    world.edit(PROJECT, put("unit_price", value=2600))
    one_finding(world, "PRJ-PRICE", PROJECT, "unit_price:",
                "成交单价 2600 元", "申报单价 2500 元", "A2026-001")


def test_deal_price_of_a_missing_application_is_left_to_ref(world: World) -> None:
    world.edit(PROJECT, put("application", value="A2026-999"))
    world.edit(PROJECT, put("unit_price", value=99999))
    no_finding(world, "PRJ-PRICE")


# -- PRJ-CONTRACT ---------------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["recommended", "rejected", "terminated"])
def test_no_contract_needed(world: World, status: str) -> None:
    world.edit(PROJECT, put("status", value=status))
    world.edit(PROJECT, put("contract", value=None))
    no_finding(world, "PRJ-CONTRACT")


@pytest.mark.parametrize("status", ["selected", "completed"])
def test_contract_missing(world: World, status: str) -> None:
    world.edit(PROJECT, put("status", value=status))
    world.edit(PROJECT, put("contract", value=None))
    one_finding(world, "PRJ-CONTRACT", PROJECT, "contract:", "没有政府购买服务协议", "协议编号", "违约责任")


@pytest.mark.parametrize(("changes", "needle", "facts"), [
    ([put("contract", "quality", value=None)], "quality:", ("缺少：质量（quality）",)),
    ([drop("contract", "liability"), put("contract", "settlement_method", value=" ")], "settlement_method:",
     ("缺少：资金结算方式、违约责任", "settlement_method, liability")),
    ([drop("contract", "number"), drop("contract", "term")], "contract:", ("协议编号、期限",)),
])
def test_contract_incomplete(
    world: World, changes: list[Change], needle: str, facts: tuple[str, ...]
) -> None:
    for change in changes:
        world.edit(PROJECT, change)
    one_finding(world, "PRJ-CONTRACT", PROJECT, needle, *facts)


# -- PRJ-DATES ------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes", [
    # every step on the same day
    [put("recommended", "on", value=D(2026, 4, 10)), put("review", "on", value=D(2026, 4, 10)),
     put("decided_on", value=D(2026, 4, 10)), put("contract", "signed_on", value=D(2026, 4, 10)),
     put("contract", "term", "from", value=D(2026, 4, 10))],
    # missing steps are skipped; the rest still in order
    [put("recommended", value=None), put("review", value=None), put("decided_on", value=None)],
    [put("contract", value=None), put("status", value="recommended")],
    [put("contract", "term", "to", value=D(2026, 5, 20))],  # a one-day term
])
def test_dates_in_order(world: World, changes: list[Change]) -> None:
    for change in changes:
        world.edit(PROJECT, change)
    no_finding(world, "PRJ-DATES")


@pytest.mark.parametrize(("changes", "needle", "facts"), [
    ([put("recommended", "on", value=D(2026, 4, 9))], "on: 2026-04-09",
     ("区推荐日期 2026-04-09", "申报提交日期 2026-04-10")),
    ([put("review", "on", value=D(2026, 4, 19))], "on: 2026-04-19",
     ("专家评审日期 2026-04-19", "区推荐日期 2026-04-20")),
    ([put("decided_on", value=D(2026, 5, 5))], "decided_on:",
     ("项目确定日期 2026-05-05", "专家评审日期 2026-05-06")),
    ([put("contract", "signed_on", value=D(2026, 5, 14))], "signed_on:",
     ("协议签订日期 2026-05-14", "项目确定日期 2026-05-15")),
    # a missing step is skipped: the contract is compared with the review
    ([put("decided_on", value=None), put("contract", "signed_on", value=D(2026, 5, 5))], "signed_on:",
     ("协议签订日期 2026-05-05", "专家评审日期 2026-05-06")),
    ([put("contract", "term", "to", value=D(2026, 5, 19))], "to: 2026-05-19",
     ("结束日期 2026-05-19", "2026-05-20")),
])
def test_dates_out_of_order(
    world: World, changes: list[Change], needle: str, facts: tuple[str, ...]
) -> None:
    for change in changes:
        world.edit(PROJECT, change)
    one_finding(world, "PRJ-DATES", PROJECT, needle, *facts)


# -- robustness -----------------------------------------------------------------------------------

def test_sparse_project_never_raises(world: World) -> None:
    def sparse(data: Any) -> None:
        for key in ("recommended", "review", "decided_on", "unit_price", "quota", "contract"):
            data[key] = None

    world.edit(PROJECT, sparse)
    rules = {f.rule for f in world.validate().findings}
    assert {"PRJ-PRICE", "PRJ-CONTRACT"} <= rules
    assert "PRJ-DATES" not in rules


# -- PRJ-DISTRICT (issue 25.3: 择优推荐 by the applicant's own district, 通知 四(一)) --------------------

def test_a_district_recommends_its_own_applications(world: World) -> None:
    no_finding(world, "PRJ-DISTRICT")
    world.edit(PROJECT, lambda d: d["recommended"].__setitem__("district", " 滨湖区 "))  # spaces are no difference
    no_finding(world, "PRJ-DISTRICT")


def test_a_recommendation_by_another_district_is_an_error(world: World) -> None:
    world.edit(PROJECT, put("recommended", "district", value="新吴区"))
    one_finding(world, "PRJ-DISTRICT", PROJECT, "district: 新吴区", "推荐区为“新吴区”", "A2026-001",
                "所在区为“滨湖区”", "由滨湖区人社部门推荐", "（通知 四(一)）")


def test_the_bureaus_own_decision_needs_no_district(world: World) -> None:
    """A project the bureau records without a district's recommendation is not judged by this rule."""
    world.edit(PROJECT, lambda d: d.update(status="rejected", recommended=None, review=None))
    no_finding(world, "PRJ-DISTRICT")
