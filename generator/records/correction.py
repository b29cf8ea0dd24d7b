"""Correction records (更正记录): how a frozen fact of a class is changed after payment.

Once a class's first installment is paid, its roster, periods, attendance and assessments are
frozen (`peixun check-changes` refuses edits). A mistake found later is not edited away: the bureau
adds `records/corrections/<year>/<id>.yaml` naming the class, the field, the value it replaces,
the new value, the reason and who approved it. Loading applies corrections in order of approval,
so the settlement uses the corrected facts while the class file and Git history keep what was
originally recorded and paid on.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from generator.records.base import MAX_ITEMS, Code, Date, Name, RecordId, StrictModel, Text
from generator.records.fieldpath import parse_path
from generator.records.training import Evidence

# The parts of a class that freeze with the first payment; everything else is edited directly.
CORRECTABLE = ("trainees", "periods")


class Correction(StrictModel):
    id: RecordId = Field(title="更正编号", description="与文件名相同，如 C2026-001")
    class_: RecordId = Field(alias="class", title="班次编号", description="被更正的班次")
    field: Name = Field(
        title="更正字段",
        description="班次记录中的字段路径，如 trainees[p_0123456789abcdef01234567].attended_periods "
        "或 periods.practical；只能更正花名册（trainees）和课时（periods）",
    )
    old: Any = Field(title="原值", description="班次记录中现有的值（须与记录一致，核对用）；原来没有该项时填 null")
    new: Any = Field(title="更正后的值", description="更正后的值；删除该项时填 null")
    reason: Text = Field(title="更正原因", description="为什么原记录有误，依据是什么")
    approved_by: Code = Field(
        title="批准人账号", description="批准更正的市人社局工作人员账号（须列在 roles.yaml 的 bureau 中）"
    )
    approved_on: Date = Field(title="批准日期")
    evidence: list[Evidence] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        title="更正依据材料",
        description="签到表、证书核验结果等，保存在 Git 之外，这里记录位置和 SHA-256",
    )

    @field_validator("field")
    @classmethod
    def _correctable(cls, value: str) -> str:
        steps = parse_path(value)
        if steps is None or len(steps) < 2 or steps[0].key not in CORRECTABLE:
            raise ValueError(
                "字段路径应以 trainees 或 periods 开头并指到具体字段，"
                "例如 trainees[p_0123456789abcdef01234567].attended_periods 或 periods.practical"
            )
        return value
