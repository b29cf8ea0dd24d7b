"""The data dictionary: every published table and column, defined once.

CSV headers, JSON keys, SQLite column types and keys, `dictionary.json` and the table on the 开放数据
page are all rendered from these definitions, so a column cannot be documented in one place and
published differently in another. JSON and SQLite use the stable English `key`; CSV uses the Chinese
`title` (spreadsheet users read headers, programs read keys).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["text", "integer", "money", "rate", "date", "boolean"]

KIND_LABELS: dict[Kind, str] = {
    "text": "文本",
    "integer": "整数",
    "money": "金额（元，两位小数）",
    "rate": "比例（0 到 1，四位小数）",
    "date": "日期（YYYY-MM-DD）",
    "boolean": "是/否",
}
# money and rates are REAL in SQLite (no decimal type there); JSON and CSV keep them as exact text
SQLITE_TYPES: dict[Kind, str] = {
    "text": "TEXT", "integer": "INTEGER", "money": "REAL", "rate": "REAL", "date": "TEXT", "boolean": "INTEGER",
}

PRJ = "records/projects/<年>/<项目编号>.yaml"
APP = "records/applications/<年>/<申报编号>.yaml"
INST = "records/institutions/<统一社会信用代码>.yaml"
CLS = "records/classes/<年>/<班次编号>.yaml"
PAY = "records/payments/<年>/<班次编号>.yaml"
SUPPRESSED_NOTE = "结果未结束或未通过公开规则时为空"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: Kind
    meaning: str
    source: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    meaning: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, other table, other column)
    indexes: tuple[tuple[str, ...], ...] = ()
    # how Datasette shows the table (metadata.json): the column naming a row where another table
    # refers to it, and the columns offered as facets
    label_column: str | None = None
    facets: tuple[str, ...] = ()

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


def _c(key: str, title: str, kind: Kind, meaning: str, source: str) -> Column:
    return Column(key, title, kind, meaning, source)


INSTITUTIONS = Table(
    "institutions", "培训主体", "承担已入选（含已终止、已完成）项目的培训主体，每行一个单位",
    (
        _c("uscc", "统一社会信用代码", "text", "单位的统一社会信用代码（18 位）", f"{INST}: uscc"),
        _c("name", "单位名称", "text", "单位全称", f"{INST}: name"),
        _c("type", "单位类型", "text", "普通高等院校、职业院校或职业技能培训机构（通知 三）", f"{INST}: type"),
        _c("address", "单位地址", "text", "单位地址", f"{INST}: address"),
        _c("qualification", "培训资质", "text", "培训资质证明的类别", f"{INST}: qualification.kind"),
        _c("qualification_valid_until", "资质有效期至", "date", "资质有效期；长期有效时为空",
           f"{INST}: qualification.valid_until"),
        _c("projects", "项目数", "integer", "本单位已公布的项目数", f"{PRJ}: application → institution"),
        _c("paid", "已拨付金额", "money", "本单位培训结果已公开的各项目已拨付补贴之和（截至数据日期）",
           f"{PAY}: installments[].amount"),
    ),
    primary_key=("uscc",),
    label_column="name",
    facets=("type", "qualification"),
)

PROJECTS = Table(
    "projects", "项目", "已入选、已终止和已完成的项目，每行一个项目；结果只按公开规则给出汇总数",
    (
        _c("id", "项目编号", "text", "项目编号，如 P2026-001", f"{PRJ}: id"),
        _c("name", "项目名称", "text", "申报表中的项目名称", f"{APP}: project_name"),
        _c("institution", "统一社会信用代码", "text", "培训主体的统一社会信用代码", f"{APP}: institution"),
        _c("institution_name", "培训主体", "text", "培训主体名称", f"{INST}: name"),
        _c("district", "所在区", "text", "申报单位所在区（市）", f"{APP}: district"),
        _c("field", "征集方向", "text", "重点领域（通知 一(二)）", f"{APP}: field"),
        _c("industry_chain", "产业集群或产业链", "text", "项目服务的“465”产业集群或“3010”产业链",
           f"{APP}: industry_chain"),
        _c("category", "类别", "text", "制造类、生产服务类或生活服务类（通知 四(三)）", f"{APP}: category"),
        _c("occupation_code", "工种编码", "text", "《职业分类大典》编码；新开发项目为“新开发”",
           f"{APP}: catalog.occupation_code"),
        _c("occupation_name", "职业（工种）名称", "text", "目录中的职业（工种）名称；新开发项目为空",
           "records/catalog/*.yaml: occupations[].name"),
        _c("level", "等级", "text", "技能等级；新开发项目未定等级时为“新开发”", f"{APP}: catalog.level"),
        _c("unit_price", "成交单价", "money", "每人成交单价（元/人）", f"{PRJ}: unit_price"),
        _c("quota_trainees", "培训人数", "integer", "协议确定的培训人数", f"{PRJ}: quota.trainees"),
        _c("quota_classes", "班次", "integer", "协议确定的班次数", f"{PRJ}: quota.classes"),
        _c("status", "状态", "text", "已入选、已终止或已完成", f"{PRJ}: status"),
        _c("decided_on", "确定日期", "date", "人社局确定项目的日期", f"{PRJ}: decided_on"),
        _c("contract_number", "协议编号", "text", "政府购买服务协议编号", f"{PRJ}: contract.number"),
        _c("contract_from", "协议开始日期", "date", "协议期限起", f"{PRJ}: contract.term.from"),
        _c("contract_to", "协议结束日期", "date", "协议期限止", f"{PRJ}: contract.term.to"),
        _c("terminated_on", "终止日期", "date", "协议终止日期；未终止时为空", f"{PRJ}: terminated.on"),
        _c("classes", "已开班次", "integer", "已登记的班次数", f"{CLS}: project"),
        _c("outcome_status", "结果状态", "text",
           "已结束：全部班次跟踪期已满且项目不再开班，结果不再变化，才公布结果；未结束、尚未开班时结果为空",
           "由班次、考核和就业记录计算"),
        _c("enrolled", "参训人数", "integer", f"各班参训人数之和；{SUPPRESSED_NOTE}", f"{CLS}: trainees"),
        _c("certified", "取证人数", "integer", f"合格并取得证书的人数；{SUPPRESSED_NOTE}",
           f"{CLS}: trainees[].assessment"),
        _c("certified_rate", "取证率", "rate", f"取证人数 / 参训人数；{SUPPRESSED_NOTE}", "同上"),
        _c("employed", "稳定就业人数", "integer",
           f"取证后 6 个月内连续缴纳养老保险 3 个月以上的人数；{SUPPRESSED_NOTE}",
           "records/employment/<年>/<班次编号>.yaml: records[].pension_months"),
        _c("employment_rate", "稳定就业率", "rate", f"稳定就业人数 / 参训人数（通知 四(五)）；{SUPPRESSED_NOTE}",
           "同上"),
        _c("paid", "已拨付金额", "money", "本项目各班已拨付补贴之和（截至数据日期）；项目培训结果公开前为空",
           f"{PAY}: installments[].amount"),
    ),
    primary_key=("id",),
    foreign_keys=(("institution", "institutions", "uscc"),),
    indexes=(("institution",), ("status",)),
    label_column="name",
    facets=("status", "district", "field", "category", "outcome_status"),
)

CLASSES = Table(
    "classes", "班次", "已公布项目的班次；结果只给 10 个百分点的区间，不给人数",
    (
        _c("id", "班次编号", "text", "班次编号，如 P2026-001-01", f"{CLS}: id"),
        _c("project", "项目编号", "text", "所属项目", f"{CLS}: project"),
        _c("start_on", "开班日期", "date", "开班日期", f"{CLS}: start_on"),
        _c("end_on", "结业日期", "date", "结业日期", f"{CLS}: end_on"),
        _c("theory_periods", "理论课时", "integer", "理论课时（1 课时 = 45 分钟）", f"{CLS}: periods.theory"),
        _c("practical_periods", "实操课时", "integer", "实操课时", f"{CLS}: periods.practical"),
        _c("total_periods", "总课时", "integer", "理论与实操课时之和（通知 四(四)：不少于 40 课时）",
           f"{CLS}: periods"),
        _c("finished", "结果已定", "boolean", "全部取证人员的就业跟踪期已满，结果不再变化", "由考核和就业记录计算"),
        _c("certified_band", "取证率区间", "text",
           "取证率所在的 10 个百分点区间，如 50%–60%；班次未结束、人数少于公开最小单元或区间触及 0% 或 100% 时为空",
           f"{CLS}: trainees[].assessment"),
        _c("employment_band", "稳定就业率区间", "text", "稳定就业率所在的 10 个百分点区间；为空的情形同上",
           "records/employment/<年>/<班次编号>.yaml"),
    ),
    primary_key=("id",),
    foreign_keys=(("project", "projects", "id"),),
    indexes=(("project",),),
    facets=("finished", "certified_band", "employment_band"),
)

PAYMENTS = Table(
    "payments", "拨付",
    "按项目汇总的补贴拨付：同一项目同一天的拨付合为一行，不按班次或拨付阶段列出；"
    "项目的培训结果公开后（全部班次就业跟踪期满、不再开班，且参训人数不少于公开门槛）才列出",
    (
        _c("project", "项目编号", "text", "项目编号", f"{PAY}: class → project"),
        _c("paid_on", "拨付日期", "date", "拨付日期", f"{PAY}: installments[].paid_on"),
        _c("amount", "金额", "money", "该项目当日各班次、各阶段拨付金额之和（元）", f"{PAY}: installments[].amount"),
    ),
    primary_key=("project", "paid_on"),
    foreign_keys=(("project", "projects", "id"),),
    indexes=(("paid_on",),),
    facets=("project",),
)

TABLES: tuple[Table, ...] = (INSTITUTIONS, PROJECTS, CLASSES, PAYMENTS)


def dictionary_data() -> dict[str, list[dict[str, Any]]]:
    """`dictionary.json`: the tables, their files and keys, and every column with its meaning."""
    return {
        "tables": [
            {
                "name": t.name,
                "title": t.title,
                "meaning": t.meaning,
                "files": [f"{t.name}.csv", f"{t.name}.json", f"peixun.sqlite#{t.name}"],
                "primary_key": list(t.primary_key),
                "foreign_keys": [{"column": c, "table": other, "references": ref} for c, other, ref in t.foreign_keys],
                "columns": [
                    {
                        "column": c.key, "title": c.title, "meaning": c.meaning, "type": KIND_LABELS[c.kind],
                        "sqlite_type": SQLITE_TYPES[c.kind], "source": c.source,
                    }
                    for c in t.columns
                ],
            }
            for t in TABLES
        ]
    }
