"""The training provider (培训主体) and its application (征集表)."""

from __future__ import annotations

from pydantic import Field

from generator.records.base import (
    MAX_ITEMS,
    Address,
    Code,
    Date,
    Money,
    Name,
    Ratio,
    RecordId,
    Sha256,
    StrictModel,
    Text,
    labelled_enum,
)
from generator.records.labels import (
    CATEGORY_LABELS,
    EVALUATION_LABELS,
    FIELD_LABELS,
    INSTITUTION_TYPE_LABELS,
    LEVEL_LABELS,
    Category,
    EvaluationKind,
    InstitutionType,
    Level,
)
from generator.records.labels import Field as PriorityField
from generator.records.reference import GroupItem


class Qualification(StrictModel):
    kind: Name = Field(title="资质类别", description="例如 民办学校办学许可证、职业技能培训资质")
    number: Code = Field(title="证书编号", description="须加引号")
    valid_until: Date | None = Field(title="有效期至", description="长期有效填 null")


class Violation(StrictModel):
    on: Date = Field(title="违规日期")
    summary: Text = Field(title="违规情况")


class Institution(StrictModel):
    uscc: Code = Field(
        title="统一社会信用代码",
        description="18 位，须与文件名相同；第 3-8 位为登记管理机关行政区划码，须以政策的登记地行政区划代码"
                    "（region_codes）开头",
    )
    name: Name = Field(title="申请单位")
    type: InstitutionType = Field(title="单位类型", json_schema_extra=labelled_enum(INSTITUTION_TYPE_LABELS))
    address: Address = Field(title="单位地址")
    legal_representative: Name = Field(title="法人代表")
    qualification: Qualification | None = Field(title="培训资质证明", description="通知 三：具备职业技能培训资质")
    violations: list[Violation] = Field(
        default_factory=list, max_length=MAX_ITEMS, title="培训违法违规记录", description="通知 三：近三年无记录"
    )
    maintainers: list[Code] = Field(
        min_length=1, max_length=MAX_ITEMS, title="维护人账号", description="代码托管平台上可修改本单位文件的账号"
    )


class CatalogChoice(StrictModel):
    in_catalog: bool = Field(title="是否为目录内工种")
    occupation_code: Code | None = Field(
        None, title="工种编码", description="目录内工种必填，须加引号，如 \"4-10-01-05\""
    )
    level: Level | None = Field(None, title="等级", json_schema_extra=labelled_enum(LEVEL_LABELS))


class Contact(StrictModel):
    person: Name = Field(title="项目联系人")
    phone: Code = Field(title="电话", description="手机或座机，须加引号，如 \"0510-82829088\"")
    email: Name = Field(title="邮箱地址")


class Description(StrictModel):
    industry_status: Text = Field(title="行业领域现状")
    skill_demand: Text = Field(title="岗位和相关技能需求情况")
    goals: Text = Field(title="培训预期目标", description="含预期重点群体就业率")


class Module(StrictModel):
    module: Name = Field(title="课程模块")
    theory_periods: int = Field(ge=0, title="理论课时", description="1 课时 = 45 分钟")
    practical_periods: int = Field(ge=0, title="实操课时")


class Evaluation(StrictModel):
    kind: EvaluationKind = Field(title="技能评价方式", json_schema_extra=labelled_enum(EVALUATION_LABELS))
    body: Name = Field(title="评价机构")


class Employer(StrictModel):
    uscc: Code = Field(title="用人单位统一社会信用代码")
    name: Name = Field(title="用人单位名称")
    post: Name = Field(title="岗位")
    positions: int = Field(ge=0, title="岗位数量")


class Planned(StrictModel):
    trainees: int = Field(ge=1, title="计划培训人数")
    classes: int = Field(ge=1, title="计划班次")
    expected_employment_rate: Ratio = Field(title="预期就业率", description="0 到 1 之间，如 0.6")


class BudgetItem(StrictModel):
    item: Name = Field(title="费用项目")
    amount: Money = Field(title="金额（元/人）")


class Budget(StrictModel):
    unit_price: Money = Field(title="申报单价（元/人）")
    breakdown: list[BudgetItem] = Field(min_length=1, max_length=MAX_ITEMS,
                                        title="费用预算明细", description="各项之和应等于申报单价")


class Declaration(StrictModel):
    signed_by: Name = Field(title="法定代表人签名")
    signed_on: Date = Field(title="签署日期")
    scan_sha256: Sha256 = Field(title="盖章页扫描件 SHA-256", description="扫描件保存在 Git 之外，这里记录其 SHA-256")


class Application(StrictModel):
    id: RecordId = Field(title="申报编号", description="与文件名相同，如 A2026-001")
    project_name: Name = Field(title="项目名称", description="目录内工种用大典名称；新开发项目以名词加动词命名")
    institution: Code = Field(title="申请单位统一社会信用代码")
    district: Name = Field(title="所在区", description="政策的推荐地区（districts）之一，例如 滨湖区、江阴市")
    submitted_on: Date = Field(title="提交日期")
    call: Text | None = Field(
        None, title="征集计划编号", description="所响应的项目征集计划（calls/ 目录下的文件名），如 C2027-01"
    )
    catalog: CatalogChoice = Field(title="目录内工种")
    category: Category = Field(title="类别", json_schema_extra=labelled_enum(CATEGORY_LABELS))
    field: PriorityField = Field(title="征集方向", json_schema_extra=labelled_enum(FIELD_LABELS))
    industry_chain: Name | None = Field(None, title="服务的产业集群或产业链", description="征集方向为“其他”时必填")
    contact: Contact = Field(title="联系方式")
    target_groups: list[GroupItem] = Field(
        min_length=1, max_length=MAX_ITEMS, title="培训对象"
    )
    description: Description = Field(title="培训项目说明")
    curriculum: list[Module] = Field(default_factory=list, max_length=MAX_ITEMS, title="培训课程")
    evaluation: Evaluation | None = Field(None, title="技能评价")
    employers: list[Employer] = Field(default_factory=list, max_length=MAX_ITEMS, title="岗位需求")
    employment_service: Text | None = Field(None, title="就业服务", description="就业服务计划")
    planned: Planned = Field(title="培训计划")
    budget: Budget = Field(title="培训费用预算")
    declaration: Declaration = Field(title="项目申报单位意见")
