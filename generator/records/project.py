"""The bureau's decision on an application (项目确定) and its contract (notice 五(一))."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

from generator.records.base import (
    MAX_ITEMS,
    Code,
    Date,
    Money,
    Name,
    Ratio,
    RecordId,
    StrictModel,
    Text,
    _to_decimal,
    labelled_enum,
)
from generator.records.labels import STATUS_LABELS, ProjectStatus


class Recommendation(StrictModel):
    district: Name = Field(title="推荐区")
    on: Date = Field(title="推荐日期")


# Each of the notice's four criteria (四(二)) is scored out of 25, so that an expert's total is out of 100.
MAX_CRITERION_SCORE = 25
Score = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(ge=0, le=MAX_CRITERION_SCORE, decimal_places=2, allow_inf_nan=False),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_CRITERION_SCORE}),
]


class Scores(StrictModel):
    """One expert's scores on the criteria of notice 四(二), each out of 25."""

    industry_match: Score = Field(title="与重点产业的匹配度", description="0 到 25 分")
    job_demand: Score = Field(title="岗位需求", description="项目与就业岗位需求的匹配，0 到 25 分")
    capacity: Score = Field(title="承训能力", description="0 到 25 分")
    employment: Score = Field(title="预计可吸纳重点群体就业量", description="0 到 25 分")


class Expert(StrictModel):
    name: Name = Field(title="评审专家", description="姓名及单位或身份，如 钱某某（高校教授）")
    no_conflict: bool = Field(
        title="无利益冲突声明", description="专家声明与申报单位无利害关系时填 true；有利益冲突的专家应回避，不得评分"
    )
    scores: Scores = Field(title="评分", description="按通知 四(二) 的四项标准评分，每项满分 25 分")


class Review(StrictModel):
    """The expert review (通知 四(二)): the panel, each expert's scores and declaration, and the
    project's place on the call's recommended list (建议清单)."""

    on: Date = Field(title="评审日期")
    panel: list[Expert] = Field(
        min_length=1, max_length=MAX_ITEMS, title="评审专家", description="每位专家的评分和无利益冲突声明"
    )
    rank: int | None = Field(None, ge=1, title="建议清单排名", description="在同一征集计划的建议清单中的名次，1 为第一")
    rank_reason: Text | None = Field(
        None, title="排名与得分不一致的理由", description="排名高于得分更高的项目时必填，写明依据"
    )
    opinion: Text = Field(title="评审意见")


class Term(StrictModel):
    from_: Date = Field(alias="from", title="开始日期")
    to: Date = Field(title="结束日期")


class Contract(StrictModel):
    number: Code | None = Field(None, title="协议编号")
    signed_on: Date | None = Field(None, title="签订日期")
    term: Term | None = Field(None, title="期限")
    service_content: Text | None = Field(None, title="服务内容")
    quantity: Text | None = Field(None, title="数量")
    quality: Text | None = Field(None, title="质量")
    price: Text | None = Field(None, title="价格")
    settlement_method: Text | None = Field(None, title="资金结算方式")
    obligations: Text | None = Field(None, title="各方权利义务")
    liability: Text | None = Field(None, title="违约责任")


class Quota(StrictModel):
    trainees: int = Field(ge=1, title="培训人数")
    classes: int = Field(ge=1, title="班次")


class PracticalException(StrictModel):
    min_share: Ratio = Field(title="实操最低占比", description="经批准的例外占比，如 0.5")
    reason: Text = Field(title="理由")


class Termination(StrictModel):
    on: Date = Field(title="终止日期")
    reason: Text = Field(title="终止原因", description="通知 五(二)")


class Project(StrictModel):
    id: RecordId = Field(title="项目编号", description="与文件名相同，如 P2026-001")
    application: RecordId = Field(title="申报编号")
    status: ProjectStatus = Field(title="状态", json_schema_extra=labelled_enum(STATUS_LABELS))
    recommended: Recommendation | None = Field(None, title="区人社部门推荐")
    review: Review | None = Field(
        None, title="专家评审",
        description="通知 四(二)：评审专家、每位专家的四项评分和无利益冲突声明，以及在征集计划建议清单中的名次",
    )
    decided_on: Date | None = Field(None, title="确定日期")
    unit_price: Money | None = Field(None, title="成交单价（元/人）")
    quota: Quota | None = Field(None, title="培训规模")
    contract: Contract | None = Field(None, title="政府购买服务协议", description="通知 五(一)")
    practical_share_exception: PracticalException | None = Field(None, title="实操占比例外")
    terminated: Termination | None = Field(None, title="终止")
