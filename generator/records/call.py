"""The call for projects (项目征集计划, notice 四(一)): what the bureau invites, when, and with what budget.

One file per call, `records/calls/<year>/<id>.yaml`, written by the bureau. The year is the plan's
year (the id's four digits), not the year the call opens: the 2027 plan may open in late 2026.
Applications name their call (`call:`); selected projects commit its budget (`peixun budget`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.records.base import Date, Money, StrictModel, Text, labelled_enum
from generator.records.labels import CATEGORY_LABELS, Category
from generator.records.reference import FieldItem

CALL_ID_PATTERN = r"^C\d{4}-\d{2}$"
CategoryItem = Annotated[Category, Field(json_schema_extra=labelled_enum(CATEGORY_LABELS))]


class Directions(StrictModel):
    fields: list[FieldItem] = Field(min_length=1, title="征集方向", description="本次征集的重点领域（通知 一(二)）")
    categories: list[CategoryItem] = Field(
        min_length=1, title="项目类别",
        description="本次征集的类别：manufacturing 制造类、production_service 生产服务类、life_service 生活服务类",
    )


class CallContact(StrictModel):
    person: Text = Field(title="联系人")
    phone: Text = Field(title="联系电话", description="座机，须加引号，如 \"0510-81822000\"")
    email: Text | None = Field(None, title="邮箱地址")


class Call(StrictModel):
    id: Annotated[str, Field(pattern=CALL_ID_PATTERN)] = Field(
        title="征集计划编号", description="与文件名相同：C 加计划年度加序号，如 C2027-01"
    )
    title: Text = Field(title="征集计划名称")
    issuer: Text = Field(title="发布单位")
    policy: Text = Field(title="依据的政策", description="政策记录的编号（policy/ 目录下的文件名），如 wuxi-2026-pilot")
    opens_on: Date = Field(title="征集开始日期", description="申报提交日期不得早于该日")
    closes_on: Date = Field(title="征集截止日期", description="申报提交日期不得晚于该日（含当日）")
    directions: Directions = Field(title="征集方向和类别", description="申报的征集方向和类别须在其中")
    budget: Money = Field(
        title="资金预算（元）", description="本计划可用于入选项目的资金总额（通知 五(二)：根据当年资金预算）"
    )
    planned_trainees: int | None = Field(None, ge=1, title="计划培训人数")
    contact: CallContact | None = Field(None, title="联系方式")

    @property
    def year(self) -> int:
        """The plan's year, from the id (C2027-01 -> 2027)."""
        return int(self.id[1:5])
