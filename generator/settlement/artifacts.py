"""Every settlement artifact rendered from the one report, in memory (the CLI writes them).

| file | what |
|---|---|
| settlement.json | the report: the contract of the settlement plus names, states and `meta` |
| settlement.csv | one row per class (settled or held), 小计 per institution, 合计; UTF-8 with BOM |
| settlement.meta.json | the CSV's provenance: as-of date, commit, policy versions, time of generation, columns |
| settlement.xlsx | 按培训主体, 按项目, 按班次, 暂缓; provenance on every sheet |
| summary.md | the states, the payment list and each class explained |
| payable.xlsx, payable.docx | the payment list (拨付清单) to pay from and to sign |
"""

from __future__ import annotations

from typing import Any

from generator.jsonbytes import json_bytes
from generator.settlement.cells import csv_bytes
from generator.settlement.payment_list import payable_list
from generator.settlement.payment_list_files import docx_bytes
from generator.settlement.payment_list_files import xlsx_bytes as payable_xlsx_bytes
from generator.settlement.report_rows import CLASS_COLUMNS, class_rows, table_values
from generator.settlement.summary import render_summary
from generator.settlement.xlsx import workbook_bytes

ARTIFACTS = ("settlement.json", "settlement.csv", "settlement.meta.json", "settlement.xlsx", "summary.md",
             "payable.xlsx", "payable.docx")


def settlement_csv(report: dict[str, Any]) -> bytes:
    return csv_bytes([[title for _, title in CLASS_COLUMNS],
                      *(table_values(CLASS_COLUMNS, row) for row in class_rows(report))])


def csv_meta(report: dict[str, Any]) -> dict[str, Any]:
    return {
        **report["meta"],
        "file": "settlement.csv",
        "rows": "每个班次一行（含暂缓班次），每个培训主体之后一行“小计”，最后一行“合计”",
        "columns": [{"key": key, "title": title} for key, title in CLASS_COLUMNS],
        "states": {
            "payable": "本次应拨：已到拨付条件、尚未拨付",
            "paid": "已拨",
            "pending": "待定：条件尚未确定，不计入应拨",
            "not_met": "不予拨付：跟踪期结束，就业率未达标",
            "held": "暂缓：记录有错误，不结算，无金额",
        },
    }


def render_artifacts(report: dict[str, Any]) -> dict[str, bytes]:
    plist = payable_list(report)
    return {
        "settlement.json": json_bytes(report),
        "settlement.csv": settlement_csv(report),
        "settlement.meta.json": json_bytes(csv_meta(report)),
        "settlement.xlsx": workbook_bytes(report),
        "summary.md": render_summary(report).encode("utf-8"),
        "payable.xlsx": payable_xlsx_bytes(plist),
        "payable.docx": docx_bytes(plist),
    }
