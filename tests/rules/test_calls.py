"""CALL-*, REVIEW-*, BUDGET-EXPOSURE: the call for projects, the expert review and the budget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from generator.budget_output import budget
from generator.findings import Severity
from tests.conftest import APPLICATION, AS_OF, PROJECT, World, line_of
from tests.rules.expect import no_finding, one_finding, put

D = dt.date
CALL = "calls/2026/C2026-01.yaml"
SECOND_APP = "applications/2026/A2026-002.yaml"
SECOND = "projects/2026/P2026-002.yaml"
DECIDED = D(2026, 5, 16)


def scores(total: int | float) -> dict[str, Any]:
    """Four criteria summing to `total` (each at most 25)."""
    each = total / 4
    return {"industry_match": each, "job_demand": each, "capacity": each, "employment": each}


def panel(*totals: float) -> list[dict[str, Any]]:
    return [{"name": f"专家{i}", "no_conflict": True, "scores": scores(t)} for i, t in enumerate(totals)]


def second_project(world: World, *, rank: int, totals: tuple[float, ...], trainees: int = 20,
                   reason: str | None = None, decided_on: dt.date = DECIDED) -> None:
    """A second selected project under the same call (a copy of the first with its own ids)."""
    world.copy(APPLICATION, SECOND_APP, put("id", value="A2026-002"))

    def change(data: Any) -> None:
        data["id"] = "P2026-002"
        data["application"] = "A2026-002"
        data["review"]["panel"] = panel(*totals)
        data["review"]["rank"] = rank
        if reason is not None:
            data["review"]["rank_reason"] = reason
        data["quota"]["trainees"] = trainees
        data["decided_on"] = decided_on

    world.copy(PROJECT, SECOND, change)


@pytest.mark.parametrize("rule", ["CALL-DATES", "CALL-WINDOW", "CALL-DIRECTION", "REVIEW-COMPLETE",
                                  "REVIEW-RANK", "BUDGET-EXPOSURE"])
def test_clean_world(world: World, rule: str) -> None:
    no_finding(world, rule)


# -- CALL-WINDOW -----------------------------------------------------------------------------------

@pytest.mark.parametrize("day", [D(2026, 4, 1), D(2026, 4, 30)])  # the call's first and last day
def test_submitted_on_the_first_and_last_day_of_the_call(world: World, day: dt.date) -> None:
    world.edit(APPLICATION, put("submitted_on", value=day))
    no_finding(world, "CALL-WINDOW")


def test_submitted_the_day_before_the_call_opens(world: World) -> None:
    world.edit(APPLICATION, put("submitted_on", value=D(2026, 3, 31)))
    world.edit(APPLICATION, put("declaration", "signed_on", value=D(2026, 3, 31)))
    f = one_finding(world, "CALL-WINDOW", APPLICATION, "submitted_on:",
                    "提交日期 2026-03-31 早于征集计划 C2026-01 的开始日期 2026-04-01",
                    "征集期 2026-04-01 至 2026-04-30")
    assert f.message.endswith("（通知 四(一)）")


def test_submitted_the_day_after_the_call_closes(world: World) -> None:
    world.edit(APPLICATION, put("submitted_on", value=D(2026, 5, 1)))
    one_finding(world, "CALL-WINDOW", APPLICATION, "submitted_on:",
                "提交日期 2026-05-01 晚于征集计划 C2026-01 的截止日期 2026-04-30", "（通知 四(一)）")


def test_an_unknown_call(world: World) -> None:
    world.edit(APPLICATION, put("call", value="C2026-09"))
    one_finding(world, "CALL-WINDOW", APPLICATION, "call:", "征集计划“C2026-09”不存在", "calls/")


def test_an_application_without_a_call_is_warned_when_calls_exist(world: World) -> None:
    world.edit(APPLICATION, put("call", value=None))
    one_finding(world, "CALL-WINDOW", APPLICATION, "submitted_on:", "未注明所响应的征集计划", "C2026-01",
                severity=Severity.WARNING)
    world.remove(CALL)
    no_finding(world, "CALL-WINDOW")


# -- CALL-DIRECTION --------------------------------------------------------------------------------

def test_a_field_the_call_does_not_invite(world: World) -> None:
    world.edit(CALL, put("directions", "fields", value=["smart_manufacturing"]))
    one_finding(world, "CALL-DIRECTION", APPLICATION, "field:",
                "征集方向 elderly_care（康养服务）不在征集计划 C2026-01 的征集方向中",
                "smart_manufacturing（智能制造）",
                "（通知 一(二)、四(一)）")


def test_a_category_the_call_does_not_invite(world: World) -> None:
    world.edit(CALL, put("directions", "categories", value=["manufacturing"]))
    one_finding(world, "CALL-DIRECTION", APPLICATION, "category:",
                "类别 life_service（生活服务类）不在征集计划 C2026-01 的征集类别中", "（通知 一(二)、四(一)）")


# -- CALL-DATES ------------------------------------------------------------------------------------

def test_a_call_closing_before_it_opens(world: World) -> None:
    world.edit(CALL, put("closes_on", value=D(2026, 3, 31)))
    one_finding(world, "CALL-DATES", CALL, "closes_on:", "截止日期 2026-03-31 早于开始日期 2026-04-01",
                "（通知 四(一)）")


def test_a_call_naming_a_missing_policy(world: World) -> None:
    world.edit(CALL, put("policy", value="wuxi-2099"))
    one_finding(world, "CALL-DATES", CALL, "policy:", "依据的政策“wuxi-2099”不存在")


def test_a_call_in_the_wrong_year_folder(world: World) -> None:
    world.copy(CALL, "calls/2027/C2026-01.yaml")
    world.remove(CALL)
    one_finding(world, "CALL-DATES", "calls/2027/C2026-01.yaml", "id:", "请移到 calls/2026/")


def test_a_call_id_must_follow_the_pattern(world: World) -> None:
    world.copy(CALL, "calls/2026/2026-1.yaml", put("id", value="2026-1"))
    found = [f for f in world.validate().findings if f.rule == "SCHEMA" and "2026-1.yaml" in f.path]
    assert found and found[0].severity is Severity.ERROR


# -- REVIEW-COMPLETE -------------------------------------------------------------------------------

def test_a_selected_project_without_review(world: World) -> None:
    world.edit(PROJECT, put("review", value=None))
    f = one_finding(world, "REVIEW-COMPLETE", PROJECT, "review:", "项目状态为“已入选”，但没有专家评审",
                    "预计可吸纳重点群体就业量")
    assert f.message.endswith("（通知 四(二)）")


@pytest.mark.parametrize("status", ["recommended", "rejected"])
def test_no_review_needed_before_selection(world: World, status: str) -> None:
    world.edit(PROJECT, put("status", value=status))
    world.edit(PROJECT, put("review", value=None))
    no_finding(world, "REVIEW-COMPLETE")


def test_an_expert_with_a_conflict_of_interest(world: World) -> None:
    world.edit(PROJECT, put("review", "panel", 1, "no_conflict", value=False))
    one_finding(world, "REVIEW-COMPLETE", PROJECT, "no_conflict: false", "专家 专家乙 未声明无利益冲突", "应回避")


def test_a_selected_project_without_a_rank(world: World) -> None:
    world.edit(PROJECT, put("review", "rank", value=None))
    one_finding(world, "REVIEW-COMPLETE", PROJECT, "rank:", "没有建议清单排名", "C2026-01")


def test_an_expert_missing_a_criterion_is_a_schema_error(world: World) -> None:
    def change(data: Any) -> None:
        del data["review"]["panel"][0]["scores"]["capacity"]

    world.edit(PROJECT, change)
    found = [f for f in world.validate().findings if f.rule == "SCHEMA" and f.path == world.display(PROJECT)]
    assert found and "capacity" in found[0].message


def test_a_criterion_scored_over_25_is_a_schema_error(world: World) -> None:
    world.edit(PROJECT, put("review", "panel", 0, "scores", "job_demand", value=25.5))
    found = [f for f in world.validate().findings if f.rule == "SCHEMA" and f.path == world.display(PROJECT)]
    assert found


# -- REVIEW-RANK -----------------------------------------------------------------------------------

def test_ranks_follow_scores(world: World) -> None:
    second_project(world, rank=2, totals=(80, 81, 82))  # 81 < 86.5 of rank 1
    no_finding(world, "REVIEW-RANK")


def test_equal_scores_may_be_ranked_either_way(world: World) -> None:
    second_project(world, rank=2, totals=(86.5, 86.5, 86.5))
    no_finding(world, "REVIEW-RANK")


def test_a_rank_above_a_higher_score(world: World) -> None:
    second_project(world, rank=2, totals=(86, 87, 87))  # mean 86.666… > 86.5 of rank 1
    f = one_finding(world, "REVIEW-RANK", PROJECT, "rank:", "建议清单名次 1，但评审得分 86.50 低于名次在后的 P2026-002",
                    "得分 86.67", "rank_reason")
    assert f.message.endswith("（通知 四(二)）")


def test_a_rank_above_a_higher_score_with_the_reason_recorded(world: World) -> None:
    second_project(world, rank=2, totals=(86, 87, 87))
    world.edit(PROJECT, put("review", "rank_reason", value="预计可吸纳重点群体就业量更大，经合议列第一"))
    no_finding(world, "REVIEW-RANK")


def test_a_duplicate_rank(world: World) -> None:
    second_project(world, rank=1, totals=(80, 80, 80))
    one_finding(world, "REVIEW-RANK", SECOND, "rank:", "名次 1 与 P2026-001 重复")


def test_a_conflicted_expert_does_not_count_in_the_score(world: World) -> None:
    # the conflicted expert's 100 would lift the mean above 86.5; without it the mean is 80
    second_project(world, rank=2, totals=(80, 80, 100))
    world.edit(SECOND, put("review", "panel", 2, "no_conflict", value=False))
    no_finding(world, "REVIEW-RANK")


# -- BUDGET-EXPOSURE -------------------------------------------------------------------------------
# the world's project: 20 trainees × 1000 元 × (1 + 20%) = 24000 元

def test_budget_exactly_at_the_exposure(world: World) -> None:
    world.edit(CALL, put("budget", value=24000))
    no_finding(world, "BUDGET-EXPOSURE")


def test_budget_one_fen_under_the_exposure(world: World) -> None:
    world.edit(CALL, put("budget", value=23999.99))
    f = one_finding(world, "BUDGET-EXPOSURE", PROJECT, "quota:", "征集计划 C2026-01 已承诺 24,000.00 元",
                    "超过资金预算 23,999.99 元", "超出 0.01 元", "20 人 × 1000 元 × (1 + 20%) = 24000 元")
    assert f.message.endswith("（通知 四(二)、五(二)）")


def test_the_decision_that_crosses_the_budget_is_named(world: World) -> None:
    # 24000 + 12 × 1000 × 1.2 = 38400 > 38400 - 0.01; the first decision still fits
    world.edit(CALL, put("budget", value=38399.99))
    second_project(world, rank=2, totals=(80, 80, 80), trainees=12, decided_on=D(2026, 5, 16))
    one_finding(world, "BUDGET-EXPOSURE", SECOND, "quota:", "已承诺 38,400.00 元", "12 人 × 1000 元")
    world.edit(CALL, put("budget", value=38400))
    no_finding(world, "BUDGET-EXPOSURE")


def test_every_decision_after_the_crossing_is_named_not_only_the_first(world: World) -> None:
    """Attack (issue 23): once one decision crossed the budget, later decisions went unflagged, so
    a call could be over-committed by any number of projects behind a single finding."""
    world.edit(CALL, put("budget", value=23999.99))
    second_project(world, rank=2, totals=(80, 80, 80), trainees=12, decided_on=D(2026, 5, 17))
    found = world.findings("BUDGET-EXPOSURE", AS_OF)
    assert [f.path for f in found] == [world.display(PROJECT), world.display(SECOND)]
    first, second = found
    assert first.line == line_of(world, PROJECT, "quota:")
    assert second.line == line_of(world, SECOND, "quota:")
    for fact in ("本项目入选后，征集计划 C2026-01 已承诺 24,000.00 元", "超过资金预算 23,999.99 元",
                 "此后又有 1 个项目入选，合计已承诺 38,400.00 元"):
        assert fact in first.message, (fact, first.message)
    for fact in ("本项目入选前，征集计划 C2026-01 已承诺 24,000.00 元，已超过资金预算 23,999.99 元",
                 "本项目入选后已承诺 38,400.00 元", "超出 14,400.01 元", "12 人 × 1000 元", "（通知 四(二)、五(二)）"):
        assert fact in second.message, (fact, second.message)
    # once the first decision fits, the second is the one that crosses, and is named alone
    world.edit(PROJECT, lambda d: d["quota"].update(trainees=19))
    assert len(world.findings("BUDGET-EXPOSURE", AS_OF)) == 1  # 22800 fits; 22800 + 14400 does not
    assert world.findings("BUDGET-EXPOSURE", AS_OF)[0].path == world.display(SECOND)


def test_a_terminated_project_releases_what_it_will_not_spend(world: World) -> None:
    # terminated: only what its classes' settlement can still cost counts (paid + due + pending),
    # less than the 24000 its quota committed
    world.edit(PROJECT, put("status", value="terminated"))
    world.edit(PROJECT, put("terminated", value={"on": D(2026, 7, 1), "reason": "承训单位申请终止"}))
    result, _ = budget(world.root, AS_OF, use_cache=False)
    committed = result.calls[0].committed
    assert Decimal("8000") <= committed < Decimal("24000")
    world.edit(CALL, put("budget", value=float(committed)))
    no_finding(world, "BUDGET-EXPOSURE")
    world.edit(CALL, put("budget", value=float(committed - Decimal("0.01"))))
    one_finding(world, "BUDGET-EXPOSURE", PROJECT, "status:", f"已终止，按结算可能支付的金额 {committed:.0f} 元计")
