"""Ownership by fact: which facts decide eligibility or money, who may change each, when it freezes.

This table is the one place that says it. `check-changes` (ownership.py, frozen.py) judges every
changed field of a record by the row it falls under, the README's pull-request section and the
threat model (SECURITY.md) describe these rows, and the tests walk them. A field not named in any
row of its kind falls under that kind's row for "*".

Who: `bureau` (roles.yaml `bureau`), `district` (roles.yaml `districts`, for its own district's
applications), `institution` (the maintainers of the institution a record belongs to, as the base
revision says). When: `decided` (a decision record in records/projects/ names the application),
`paid` (the class's first installment is paid), `started` (a class of the project has started by
the day the check runs, the CI clock; never a commit's date), `merged` (the record exists on the
base branch), `paid_items` (each paid installment, one by one). A freeze binds `frozen_for`:
everyone, or only the institution (the bureau may still correct a decided application, since the
experts' panel is its own).

Frozen facts change only through a correction record (records/corrections/), which the bureau
approves and which the loader applies on top of the recorded fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    BUREAU = "bureau"
    DISTRICT = "district"
    INSTITUTION = "institution"


class Freeze(StrEnum):
    NEVER = "never"
    DECIDED = "decided"
    PAID = "paid"
    STARTED = "started"
    MERGED = "merged"
    PAID_ITEMS = "paid_items"


ROLE_LABELS = {Role.BUREAU: "市人社局", Role.DISTRICT: "区人社部门", Role.INSTITUTION: "培训主体"}
FREEZE_LABELS = {
    Freeze.NEVER: "不冻结",
    Freeze.DECIDED: "申报进入推荐、评审或确定程序后（projects/ 中已有该申报的项目记录）",
    Freeze.PAID: "班次拨付首期补贴后",
    Freeze.STARTED: "项目有班次开班后（按检查当天的日期，不取提交时间）",
    Freeze.MERGED: "合并后",
    Freeze.PAID_ITEMS: "每笔款项拨付登记后",
}
EVERYONE = frozenset(Role)
BUREAU_ONLY = frozenset({Role.BUREAU})
INSTITUTION_OR_BUREAU = frozenset({Role.BUREAU, Role.INSTITUTION})
IB = INSTITUTION_OR_BUREAU
ANY = "*"


@dataclass(frozen=True)
class Fact:
    kind: str  # record kind (generator.records.kinds), or a file kind of FILE_KINDS
    fields: tuple[str, ...]  # top-level fields; ("*",) is every field no other row of the kind names
    label: str  # what the fact is, in Chinese
    decides: str  # what it decides: "资格" (eligibility), "金额" (money), "身份" (who may act), "" (nothing)
    editors: frozenset[Role]  # who may change it in an existing record
    freeze: Freeze = Freeze.NEVER
    frozen_for: frozenset[Role] = EVERYONE
    clause: str = ""  # the notice's clause, for messages
    how: str = ""  # how someone who may not change it gets it changed (else: ask the bureau, with evidence)

    def who(self) -> str:
        return "、".join(ROLE_LABELS[r] for r in Role if r in self.editors)


FACTS: tuple[Fact, ...] = (
    # -- institution: registration and what the bureau verified (notice 三) --
    Fact("institution", ("uscc", "name", "type", "legal_representative"),
         "登记信息（统一社会信用代码、名称、单位类型、法定代表人）", "资格", BUREAU_ONLY, clause="通知 三"),
    Fact("institution", ("qualification",), "培训资质及其有效期", "资格", BUREAU_ONLY, clause="通知 三"),
    Fact("institution", ("violations",), "培训违法违规记录", "资格", BUREAU_ONLY, clause="通知 三"),
    Fact("institution", ("maintainers",), "维护人账号（可修改本单位文件的账号）", "身份", BUREAU_ONLY),
    Fact("institution", (ANY,), "单位地址等其他信息", "", INSTITUTION_OR_BUREAU),
    # -- application: what the district recommends and the experts judge (notice 四(一)) --
    Fact("application", ("institution", "district"), "申请单位和所在区", "资格", BUREAU_ONLY, clause="通知 四(一)"),
    Fact("application", ("contact",), "联系方式", "", INSTITUTION_OR_BUREAU),
    Fact("application", (ANY,), "申报内容（区人社部门推荐、专家评审所依据的内容）", "资格、金额", INSTITUTION_OR_BUREAU,
         Freeze.DECIDED, frozenset({Role.INSTITUTION}), clause="通知 四(一)"),
    # -- decision --
    Fact("project", ("recommended",), "区人社部门推荐", "资格", frozenset({Role.BUREAU, Role.DISTRICT}),
         clause="通知 四(一)"),
    Fact("project", ("unit_price",), "成交单价", "金额", BUREAU_ONLY, Freeze.STARTED, clause="通知 四(二)"),
    Fact("project", ("contract",), "协议", "金额", BUREAU_ONLY, Freeze.STARTED, clause="通知 四(二)"),
    Fact("project", ("application",), "所确定的申报", "资格、金额", BUREAU_ONLY, Freeze.STARTED, clause="通知 四(一)"),
    Fact("project", (ANY,), "项目确定的其他内容（评审、状态、规模等）", "资格、金额", BUREAU_ONLY),
    # -- class: once its first installment is paid, what decides who counts and what is due --
    Fact("class", ("project",), "所属项目（决定成交单价）", "金额", IB, Freeze.PAID, clause="通知 五"),
    Fact("class", ("start_on", "end_on"), "开班和结业日期", "资格、金额", IB, Freeze.PAID, clause="通知 五"),
    Fact("class", ("location",), "培训地点", "资格", IB, Freeze.PAID, clause="通知 四(四)"),
    Fact("class", ("supervision",), "云眸工程监管", "资格", IB, Freeze.PAID, clause="通知 四(四)"),
    Fact("class", ("periods",), "课时", "资格、金额", IB, Freeze.PAID, clause="通知 五"),
    # who trained, who passed, who holds which certificate: facts about people, which enter only by the
    # bureau's import of a sealed roster (with the keyed digest `roster_seal` that settle verifies)
    Fact("class", ("trainees", "roster_seal"), "花名册、考勤和考核结果", "资格、金额",
         BUREAU_ONLY, Freeze.PAID, clause="通知 五",
         how="花名册只由市人社局导入加密花名册写入：培训主体修改花名册，请用 peixun seal-roster 重新加密提交"
             "（records/sealed/<年份>/<班次>.age），由市人社局导入；不能直接编辑班次文件中的参训人员"),
    Fact("class", (ANY,), "培训过程资料等其他内容", "", INSTITUTION_OR_BUREAU),
    # -- what only the bureau records --
    Fact("employment", (ANY,), "就业核验", "金额", BUREAU_ONLY, clause="通知 五(一)"),
    Fact("payments", (ANY,), "补贴拨付", "金额", BUREAU_ONLY, Freeze.PAID_ITEMS, clause="通知 五(一)"),
    Fact("correction", (ANY,), "更正记录", "资格、金额", BUREAU_ONLY, Freeze.MERGED),
    Fact("policy", (ANY,), "政策参数", "资格、金额", BUREAU_ONLY),
    Fact("catalog", (ANY,), "职业（工种）指导目录", "资格、金额", BUREAU_ONLY),
    Fact("roles", (ANY,), "账号与角色", "身份", BUREAU_ONLY),
    Fact("prior_subsidies", (ANY,), "已享受培训补贴", "资格", BUREAU_ONLY),
    # -- files that are not YAML records but belong to an institution, by their path --
    Fact("sealed", (ANY,), "加密花名册", "资格、金额", IB, Freeze.PAID, clause="通知 五"),
)

# Files under records/ that are no YAML record but that an institution may add for its own classes:
# kind → (path pattern relative to records/, which group of the pattern is the class id).
# records/sealed/<year>/<class id>.age: the encrypted roster of one class (named by the class).
FILE_KINDS: dict[str, tuple[str, int]] = {
    "sealed": (r"sealed/\d{4}/([A-Za-z0-9][A-Za-z0-9-]*)\.age", 1),
}


def fact_for(kind: str, field: str) -> Fact | None:
    """The row a top-level field of a record kind falls under (None for a kind the table lacks:
    such a record is the bureau's)."""
    fallback = None
    for fact in FACTS:
        if fact.kind != kind:
            continue
        if field in fact.fields:
            return fact
        if ANY in fact.fields:
            fallback = fact
    return fallback


def facts_of(kind: str) -> list[Fact]:
    return [f for f in FACTS if f.kind == kind]


def frozen_fields(kind: str, freeze: Freeze) -> dict[str, Fact]:
    """Field → row, for the named fields of a kind that freeze on `freeze`."""
    return {field: f for f in facts_of(kind) if f.freeze is freeze for field in f.fields if field != ANY}


def table_markdown() -> str:
    """The table as Markdown, for the threat model (SECURITY.md) and `peixun check-changes --facts`."""
    rows = ["| 记录 | 内容 | 决定 | 谁可以修改 | 何时冻结 | 冻结对谁 |", "| --- | --- | --- | --- | --- | --- |"]
    for f in FACTS:
        fields = "其他字段" if f.fields == (ANY,) else "、".join(f"`{x}`" for x in f.fields if x != ANY)
        frozen_for = "—" if f.freeze is Freeze.NEVER else (
            "所有人（含市人社局）" if f.frozen_for == EVERYONE else "、".join(ROLE_LABELS[r] for r in f.frozen_for))
        rows.append(f"| {f.kind} | {f.label}：{fields} | {f.decides or '—'} | {f.who()} | "
                    f"{FREEZE_LABELS[f.freeze]} | {frozen_for} |")
    return "\n".join(rows) + "\n"


# Beside the table: what the day and the account decide (ledgertime.py, change_review.py, merged.py),
# printed under it by `peixun facts` and stated in the threat model (SECURITY.md).
LEDGER_RULES = (
    "时间以账本为准：是否已开班、是否事后登记、项目是否已终止，一律按基准版本的记录和运行检查当天的日期"
    "（CI 时钟，北京时间）判断，从不取提交的作者时间或提交时间。",
    "班次须在开班前登记（CHG-LATE，通知 四(四)）：首次出现时已经开班的班次，或开班日期被改到已经过去的日子，"
    "不予通过；确属补录的，由市人社局以指向该班次的更正记录准予。",
    "项目终止后（CHG-TERMINATED，通知 五(二)）：不能再为该项目新增班次、参训人员、加密花名册或就业核验月份，"
    "无论新记录写的是哪一天；终止后新增的拨付须由市人社局另一位成员核对。",
    "修改人：拉取请求按发起人和触发本次检查的账号（推送人、重新运行的人）各自的权限判断，都有权才通过；"
    "合并后复查按每个合并的拉取请求发起人的权限判断，不属于任何拉取请求的提交按推送人的权限判断。",
)


def ledger_rules_markdown() -> str:
    """The rules above as a Markdown list, for `peixun facts` and SECURITY.md."""
    return "".join(f"- {line}\n" for line in LEDGER_RULES)
