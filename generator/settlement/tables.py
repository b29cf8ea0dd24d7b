"""Rows and headers shared by the CSV and XLSX artifacts (one definition, two renderings)."""

from __future__ import annotations

from typing import Any

from generator.settlement.report import STATUS_LABELS

CLASS_COLUMNS: list[tuple[str, str]] = [
    ("class", "班次"),
    ("project", "项目"),
    ("institution", "培训主体统一社会信用代码"),
    ("unit_price", "成交单价（元）"),
    ("enrolled", "参训人数"),
    ("certified", "取证人数"),
    ("counted", "补贴人数"),
    ("employed", "稳定就业人数"),
    ("employment_rate", "就业率"),
    ("first_status", "首期状态"),
    ("first_amount", "首期金额（元）"),
    ("remainder_status", "剩余补贴状态"),
    ("remainder_amount", "剩余补贴金额（元）"),
    ("bonus_status", "跟补状态"),
    ("bonus_amount", "跟补金额（元）"),
    ("due", "应拨合计（元）"),
    ("paid", "已拨合计（元）"),
    ("outstanding", "待拨（元）"),
]
PROJECT_COLUMNS: list[tuple[str, str]] = [
    ("project", "项目"),
    ("name", "项目名称"),
    ("institution_name", "培训主体"),
    ("institution", "统一社会信用代码"),
    ("unit_price", "成交单价（元）"),
    ("classes", "班次数"),
    ("enrolled", "参训人数"),
    ("counted", "补贴人数"),
    ("employed", "稳定就业人数"),
    ("due", "应拨合计（元）"),
    ("paid", "已拨合计（元）"),
    ("outstanding", "待拨（元）"),
]
MONEY_KEYS = {
    "unit_price", "first_amount", "remainder_amount", "bonus_amount", "due", "paid", "outstanding",
}


def class_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for c in report["classes"]:
        row = {key: c[key] for key, _ in CLASS_COLUMNS if key in c}
        for phase in ("first", "remainder", "bonus"):
            row[f"{phase}_status"] = STATUS_LABELS[c["phases"][phase]["status"]]
            row[f"{phase}_amount"] = c["phases"][phase]["amount"]
        rows.append(row)
    return rows


def project_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [{key: p[key] for key, _ in PROJECT_COLUMNS} for p in report["projects"]]
