"""Records the bureau keeps as reference data: policy, catalog, roles, prior subsidies."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema

from generator.records.base import (
    MAX_ITEMS,
    MAX_OCCUPATIONS,
    MAX_PRIOR_SUBSIDIES,
    Address,
    Code,
    Date,
    Money,
    Name,
    Ratio,
    RecordId,
    StrictModel,
    labelled_enum,
)
from generator.records.labels import (
    CATEGORY_LABELS,
    FIELD_LABELS,
    GROUP_LABELS,
    INSTITUTION_TYPE_LABELS,
    LEVEL_LABELS,
    Category,
    Group,
    InstitutionType,
    Level,
)
from generator.records.labels import Field as PriorityField

# list items carry their labels on the item schema, so that `enum` and its descriptions stay together
GroupItem = Annotated[Group, Field(json_schema_extra=labelled_enum(GROUP_LABELS))]
InstitutionTypeItem = Annotated[InstitutionType, Field(json_schema_extra=labelled_enum(INSTITUTION_TYPE_LABELS))]
FieldItem = Annotated[PriorityField, Field(json_schema_extra=labelled_enum(FIELD_LABELS))]


class TrainingRules(StrictModel):
    min_total_periods: int = Field(40, ge=1, title="最低总课时", description="通知 四(四)：总课时不低于 40 课时")
    min_practical_share: Ratio = Field(
        title="实操课时最低占比", description="通知 四(四)：原则上技能实操课时不低于总课时的 60%，填 0.6"
    )
    min_attendance: Ratio = Field(title="最低考勤率", description="通知 四(四)：参训人员考勤率不得低于 70%，填 0.7")


class NewProjectCaps(StrictModel):
    manufacturing: Money = Field(
        title="制造类上限（元/人）", description="通知 四(三)：新开发制造类项目每人不超过 3000 元"
    )
    production_service: Money = Field(
        title="生产服务类上限（元/人）", description="通知 四(三)：新开发生产服务类项目每人不超过 2000 元"
    )
    life_service: Money = Field(
        title="生活服务类上限（元/人）", description="通知 四(三)：新开发生活服务类项目每人不超过 1000 元"
    )


class Pricing(StrictModel):
    new_project_caps: NewProjectCaps = Field(title="新开发项目单价上限", description="按类别的每人单价上限")


class SubsidyRules(StrictModel):
    first_share: Ratio = Field(title="首期拨付比例", description="通知 四(五)：培训结束后给予总额的 80%，填 0.8")
    employment_window_months: int = Field(
        ge=1, title="就业跟踪期（月）", description="通知 四(五)：取得证书后 6 个月内"
    )
    stable_employment_months: int = Field(
        ge=1, title="稳定就业连续缴费月数", description="通知 四(五)：连续缴纳 3 个月及以上企业职工基本养老保险"
    )
    remainder_threshold: Ratio = Field(title="剩余补贴就业率门槛", description="通知 四(五)：30%（含）以上，填 0.3")
    bonus_threshold: Ratio = Field(title="跟补就业率门槛", description="通知 四(五)：50% 以上（含本数），填 0.5")
    bonus_share: Ratio = Field(title="跟补比例", description="通知 四(五)：另外给予培训成交单价 20% 的跟补，填 0.2")
    max_per_person: int = Field(ge=1, title="每人累计补贴次数上限", description="苏财规〔2025〕2号：每人累计最多 3 次")


# a GB/T 2260 administrative division code or its prefix: province (2 digits), city (4) or county (6)
RegionCode = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]([0-9]{2}){0,2}$")]
# the notice's own jurisdiction: 无锡市, with its districts and 江阴市、宜兴市 (division codes 3202xx)
NOTICE_REGION_CODES = ("3202",)
# the districts (and county-level cities) of 无锡市 that recommend projects (notice 四(一))
NOTICE_DISTRICTS = ("梁溪区", "锡山区", "惠山区", "滨湖区", "新吴区", "江阴市", "宜兴市", "经开区")


class Policy(StrictModel):
    """The notice's numbers as data: a later regulation is a new policy file (notice 五(三))."""

    id: RecordId = Field(title="政策编号", description="与文件名相同，例如 wuxi-2026-pilot")
    format: int = Field(
        ge=1, title="记录格式版本",
        description="本记录库所用记录格式的版本（见 CHANGELOG.md）。由 peixun init 写入、peixun migrate 升级，不要手改",
    )
    title: Address = Field(title="文件标题")
    jurisdiction: Name = Field(
        title="实施地区", description="本记录库服务的地区，如 无锡市、江阴市、宜兴市或某区；网站标题取自这里"
    )
    issuer: Name = Field(title="发文单位")
    issued_on: Date = Field(title="发文日期")
    based_on: Address | None = Field(
        None, title="参照执行的文件",
        description="参照上级文件执行时写明该文件（发文单位和标题），如 江阴市、宜兴市参照市级通知执行（通知 六）",
    )
    effective_from: Date = Field(title="生效日期")
    effective_until: Date | None = Field(None, title="失效日期", description="仍然有效时填 null")
    training: TrainingRules = Field(title="培训管理要求")
    pricing: Pricing = Field(title="培训单价")
    subsidy: SubsidyRules = Field(title="补贴方式")
    eligible_groups: list[GroupItem] = Field(
        min_length=1, title="培训对象"
    )
    institution_types: list[InstitutionTypeItem] = Field(
        min_length=1, title="培训主体类型"
    )
    priority_fields: list[FieldItem] = Field(
        min_length=1, title="征集方向"
    )
    industry_chains: list[Name] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        title="产业集群与产业链",
        description="“465”现代产业集群和“3010”重点产业链的名称；征集方向为“其他”时，服务的产业集群或产业链须取其一",
    )
    violation_lookback_years: int = Field(
        ge=0, title="违规记录追溯年数", description="通知 三：近三年无培训违法违规记录"
    )
    outcome_min_cell: int = Field(10, ge=1, title="公开统计最小单元", description="少于该人数的统计数不公开")
    region_codes: list[RegionCode] = Field(
        default_factory=lambda: list(NOTICE_REGION_CODES), min_length=1, max_length=MAX_ITEMS,
        title="登记地行政区划代码",
        description="通知 三：培训主体须在本地注册或登记，即统一社会信用代码第 3-8 位（登记管理机关行政区划码，"
                    "GB/T 2260）以其中之一开头，须加引号。无锡市 \"3202\"（含各区和江阴市、宜兴市），"
                    "江阴市 \"320281\"，宜兴市 \"320282\"，滨湖区 \"320211\"。不填时为 [\"3202\"]（无锡市）",
    )
    districts: list[Name] = Field(
        default_factory=lambda: list(NOTICE_DISTRICTS), max_length=MAX_ITEMS,
        title="推荐地区",
        description="通知 四(一)：推荐项目的下辖区（市）或镇（街道），申报表的“所在区”从中选填；"
                    "roles.yaml 中有账号的地区也可选。不填时为无锡市各区和江阴市、宜兴市、经开区；"
                    "填 [] 时只用 roles.yaml 中的地区（都没有时不限）",
    )


class Occupation(StrictModel):
    code: Code = Field(title="职业（工种）编码", description="职业分类大典编码 D-DD-DD-DD，须加引号")
    name: Name = Field(title="职业（工种）名称")
    category: Category = Field(title="类别", json_schema_extra=labelled_enum(CATEGORY_LABELS))
    standards: dict[Level, Money] = Field(
        min_length=1,
        title="补贴标准（元/人）",
        description="各等级的市级培训补贴标准，即目录内项目的单价上限；等级键为 L5 L4 L3 L2 L1 special",
        json_schema_extra={"propertyNames": labelled_enum(LEVEL_LABELS)},
    )


class Catalog(StrictModel):
    id: RecordId = Field(title="目录编号", description="与文件名相同")
    title: Address = Field(title="目录名称")
    edition: Name = Field(title="职业分类大典版本", description="例如 职业分类大典2022")
    effective_from: Date = Field(title="生效日期")
    effective_until: Date | None = Field(None, title="失效日期")
    illustrative: bool = Field(title="示例数据", description="数字为示例、非正式公布标准时为 true")
    occupations: list[Occupation] = Field(min_length=1, max_length=MAX_OCCUPATIONS, title="职业（工种）")


AGE_RECIPIENT_PATTERN = r"^age1[02-9ac-hj-np-z]{58}$"


def _age_recipient(value: str) -> str:
    """An age X25519 public key (`age1` + 58 bech32 characters, checksum included)."""
    import pyrage  # a compiled extension: imported only when a roles file lists recipients

    try:
        pyrage.x25519.Recipient.from_str(value)
    except pyrage.RecipientError:
        raise ValueError(
            f"不是有效的 age 公钥：{value[:80]!r}。应为 age-keygen 输出的“public key”，以 age1 开头，共 62 个字符"
        ) from None
    return value


AgeRecipient = Annotated[
    str,
    AfterValidator(_age_recipient),
    WithJsonSchema({"type": "string", "pattern": AGE_RECIPIENT_PATTERN}),
]


class RosterRecipient(StrictModel):
    """One of the bureau's roster keys and the period it is used in: `seal-roster` encrypts to the
    keys in force on the day of sealing, so that once that period's rosters are imported the bureau
    can destroy the identity and the ciphertext left in Git history opens for nobody (docs/custody.md)."""

    recipient: AgeRecipient = Field(title="加密公钥", description="age 公钥（age1 开头）；私钥只在市人社局，不进仓库")
    from_: Date = Field(alias="from", title="启用日期", description="自该日起加密花名册用此公钥")
    until: Date = Field(title="停用日期",
                        description="该日之后不再用此公钥加密；该期花名册全部导入后，市人社局销毁对应私钥")


class Roles(StrictModel):
    bureau: list[Code] = Field(max_length=MAX_ITEMS, title="市人社局账号",
                                description="代码托管平台上市人社局工作人员的账号")
    districts: dict[str, list[Code]] = Field(
        default_factory=dict, title="区人社局账号", description="按区列出，例如 滨湖区: [handle]"
    )
    roster_recipients: list[RosterRecipient] = Field(
        default_factory=list, max_length=MAX_ITEMS, title="花名册加密公钥",
        description="市人社局的 age 公钥（age1…）及其使用期（每年或每次征集一把）：培训主体用 peixun seal-roster "
                    "把花名册加密给加密当日在用的公钥，只有持有对应私钥的市人社局能解密导入。私钥不进任何仓库；"
                    "该期花名册全部导入后销毁私钥，仓库历史中的密文从此无人能解",
    )


class PriorSubsidy(StrictModel):
    person: Code = Field(title="人员假名", description="p_ 加 24 位十六进制，由导入命令生成")
    on: Date = Field(title="享受补贴日期")
    occupation_code: Code = Field(title="职业（工种）编码", description="须加引号")
    level: Level = Field(title="等级", json_schema_extra=labelled_enum(LEVEL_LABELS))


class PriorSubsidies(StrictModel):
    subsidies: list[PriorSubsidy] = Field(
        default_factory=list, max_length=MAX_PRIOR_SUBSIDIES, title="已享受的培训补贴",
        description="本系统以外已享受的职业培训补贴"
    )
