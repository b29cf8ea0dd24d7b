"""What happens after selection: classes (班次), employment follow-up and payments."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.records.base import (
    MAX_EMPLOYMENT_RECORDS,
    MAX_ITEMS,
    MAX_PENSION_MONTHS,
    MAX_TRAINEES,
    Address,
    Code,
    Date,
    Money,
    RecordId,
    Sha256,
    StrictModel,
    Text,
    labelled_enum,
)
from generator.records.labels import (
    EVALUATION_LABELS,
    EVIDENCE_LABELS,
    GROUP_LABELS,
    PHASE_LABELS,
    EvaluationKind,
    EvidenceKind,
    Group,
    Phase,
)


class Periods(StrictModel):
    theory: int = Field(ge=0, title="理论课时", description="1 课时 = 45 分钟")
    practical: int = Field(ge=0, title="实操课时")


class Supervision(StrictModel):
    yunmou_id: Code | None = Field(None, title="云眸工程监管编号", description="通知 四(四)：按规定接入“云眸工程”监管")


class Evidence(StrictModel):
    kind: EvidenceKind = Field(title="资料类型", json_schema_extra=labelled_enum(EVIDENCE_LABELS))
    uri: Address = Field(title="存放位置", description="视频、图片保存在 Git 之外，这里记录位置")
    sha256: Sha256 = Field(title="文件校验值（SHA-256）", description="文件内容的 SHA-256，64 位小写十六进制")


class Certificate(StrictModel):
    kind: EvaluationKind = Field(title="证书类型", json_schema_extra=labelled_enum(EVALUATION_LABELS))
    number_ref: Code = Field(title="证书编号假名", description="c_ 加 24 位十六进制，由导入命令生成；不得填写证书编号")
    issued_on: Date = Field(title="发证日期")


class Assessment(StrictModel):
    passed: bool = Field(title="是否合格")
    certificate: Certificate | None = Field(None, title="证书")


class Trainee(StrictModel):
    person: Code = Field(title="人员假名", description="p_ 加 24 位十六进制，由导入命令生成；不得填写姓名或身份证号")
    group: Group = Field(title="人员类别", json_schema_extra=labelled_enum(GROUP_LABELS))
    graduation_on: Date | None = Field(None, title="毕业时间", description="高校毕业生和应届初高中毕业生必填")
    attended_periods: int = Field(ge=0, title="出勤课时")
    assessment: Assessment | None = Field(None, title="考核结果")


ROSTER_DIGEST_PATTERN = r"^hmac-sha256:[0-9a-f]{64}$"
ROSTER_ROW_PATTERN = r"^[0-9a-f]{12}$"


class RosterSeal(StrictModel):
    digest: str = Field(pattern=ROSTER_DIGEST_PATTERN, title="花名册摘要",
                        description="市人社局导入花名册时用假名密钥计算（HMAC-SHA256），结算时核验；不得手工填写或修改")
    rows: list[Annotated[str, Field(pattern=ROSTER_ROW_PATTERN)]] = Field(
        default_factory=list, max_length=MAX_TRAINEES, title="各参训人员的摘要",
        description="每名参训人员一项，核验不一致时据此指出哪几行与导入时不同")


class TrainingClass(StrictModel):
    id: RecordId = Field(title="班次编号", description="与文件名相同，如 P2026-001-01")
    project: RecordId = Field(title="项目编号")
    start_on: Date = Field(title="开班日期")
    end_on: Date = Field(title="结业日期")
    location: Address = Field(title="培训地点")
    periods: Periods = Field(title="课时")
    supervision: Supervision = Field(title="云眸工程监管")
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_ITEMS, title="培训过程资料",
                                      description="通知 五(一)：视频和图片")
    trainees: list[Trainee] = Field(default_factory=list, max_length=MAX_TRAINEES, title="参训人员")
    roster_seal: RosterSeal | None = Field(
        None, title="花名册导入印记",
        description="市人社局导入加密花名册时写入（peixun import-roster）；花名册被任何人手工修改后与之不符，结算暂缓")


class EmploymentRecord(StrictModel):
    person: Code = Field(title="人员假名")
    employer: Code = Field(title="用人单位统一社会信用代码")
    pension_months: list[Code] = Field(
        default_factory=list, max_length=MAX_PENSION_MONTHS,
        title="企业职工基本养老保险缴费月份",
        description="缴费月份列表，格式 YYYY-MM，如 2026-09",
    )
    verified_on: dict[Text, Date] = Field(
        default_factory=dict,
        title="各缴费月份的核验日期",
        description="缴费月份 → 市人社局核验到该月缴费的日期，如 \"2026-09\": 2026-10-12。"
        "补贴按拨付当日已核验的月份判断稳定就业（通知 四(五)）；没有核验日期的月份按该月计",
    )


class Employment(StrictModel):
    class_: RecordId = Field(alias="class", title="班次编号", description="与文件名相同")
    records: list[EmploymentRecord] = Field(default_factory=list, max_length=MAX_EMPLOYMENT_RECORDS,
                                            title="就业核验记录")


class Installment(StrictModel):
    phase: Phase = Field(title="拨付阶段", json_schema_extra=labelled_enum(PHASE_LABELS))
    amount: Money = Field(title="金额（元）")
    paid_on: Date = Field(title="拨付日期")
    voucher: Code = Field(title="凭证号")


class Payments(StrictModel):
    class_: RecordId = Field(alias="class", title="班次编号", description="与文件名相同")
    installments: list[Installment] = Field(default_factory=list, max_length=MAX_ITEMS, title="拨付记录")
