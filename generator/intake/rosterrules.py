"""The roster's column rules as data: one definition that the import reads and the browser reads.

A school's clerk checks her roster in the browser (the site's 花名册 page) before she seals it; the
bureau imports it with `peixun import-roster`. Both must say the same thing about the same cell, so
what decides a cell lives here once, as plain data: the columns and their aliases, the accepted forms
of 人员类别, 是否合格 and dates, the ID check (weights, check characters, earliest birth), the
limits, and every message as a template with named blanks (`{row}`, `{found}`). `roster.py`,
`cells.py` and `sheet.py` fill these templates; `rules_data()` is the same data as JSON, written
beside the page at build time (`generator/intake/rosterpage.py`), so the page can never drift from
the code that imports. Patterns are written in the common subset of Python's `re` and JavaScript's
`RegExp` (no look-behind, no named groups); the tests compile them in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.records.base import EARLIEST_DATE, LATEST_DATE
from generator.records.labels import GROUP_LABELS
from generator.rules import resident_id

FORMAT_VERSION = 2  # of the data the page reads (bumped when its shape changes: 2 added caps and date bounds)


@dataclass(frozen=True)
class Column:
    """One column of the roster spreadsheet, as the format page explains it."""

    name: str
    required: bool
    meaning: str  # for the site's format page
    example: str


NAME, ID, GROUP, GRADUATION = "姓名", "身份证号码", "人员类别", "毕业时间"
ATTENDED, PASSED, CERTIFICATE, ISSUED = "出勤课时", "是否合格", "证书编号", "发证日期"

COLUMN_SPECS: tuple[Column, ...] = (
    Column(NAME, True, "参训人员姓名。只用于核对每行都有人，不会写入记录库", "张三"),
    Column(ID, True, "18 位公民身份号码，末位可为 X。单元格须为“文本”格式，否则 Excel 会把后几位变成 0",
           "18 位，如 3202……（整列设为文本）"),
    Column(GROUP, True, "参训人员所属的重点群体，写中文名称（见下表）", "农村转移就业劳动者"),
    Column(GRADUATION, False, "人员类别为毕业学年高校毕业生或未继续升学的应届初高中毕业生时必填，其余留空",
           "2026-06-30"),
    Column(ATTENDED, True, "实际出勤课时，整数（1 课时 = 45 分钟），不超过班次总课时；开班时可填 0", "48"),
    Column(PASSED, False, "考核是否合格：是 或 否；尚未考核留空", "是"),
    Column(CERTIFICATE, False, "合格并已取得证书时填写证书编号（记录库只保存其假名）", "JS2026-0001"),
    Column(ISSUED, False, "发证日期，与证书编号同时填写", "2026-06-25"),
)
COLUMNS = tuple(c.name for c in COLUMN_SPECS)
REQUIRED = tuple(c.name for c in COLUMN_SPECS if c.required)
ALIASES = {"身份证号": ID, "公民身份号码": ID, "身份证": ID, "类别": GROUP, "出勤": ATTENDED, "合格": PASSED}
GRADUATE_GROUPS = ("graduating_student", "school_leaver")
# header cells lose a trailing required-mark (姓名*), as templates often carry one
HEADER_MARKS = "*＊"

# -- cells ------------------------------------------------------------------------------------------

DATE_PATTERN = r"^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$"
TIME_SUFFIX = r"[ T]\d{1,2}:\d{2}(:\d{2})?$"
EXCEL_EPOCH = "1899-12-30"
# a date cell formatted as a number shows Excel's serial day count: 20000 is 1954, 80000 is 2119
SERIAL_MIN, SERIAL_MAX = 20000, 80000
YES = ("是", "合格", "通过", "Y", "YES", "TRUE", "1", "√", "✓")
NO = ("否", "不合格", "未通过", "N", "NO", "FALSE", "0", "×", "✗")
# a group label is matched with these characters replaced, so （）and () or stray spaces do not matter
GROUP_PUNCTUATION: dict[str, str | int | None] = {"（": "(", "）": ")", "、": ",", " ": "", "\u3000": ""}
COUNT_PATTERN = r"^[+-]?\d+(\.0+)?$"
CSV_DELIMITERS = ",\t;，"

# -- caps -------------------------------------------------------------------------------------------
# Caps on a roster spreadsheet, far above any real roster (a class has at most 1,000 trainees,
# eight columns matter) and far below what exhausts memory, in the import and in the clerk's
# browser alike. Each is named in its refusal, in the order they are checked.
CAPS: dict[str, int] = {
    "file": 10 * 2**20,  # bytes of the file as given (XLSX or CSV)
    "members": 1_000,  # parts of the XLSX package
    "uncompressed": 50 * 2**20,  # bytes of all parts, as declared
    "ratio": 100,  # inflated : compressed, for parts larger than RATIO_FLOOR_BYTES (a zip bomb)
    "shared_strings": 100_000,
    "rows": 5_000,  # filled rows
    "columns": 256,
    "cells": 200_000,  # filled cells
}
RATIO_FLOOR_BYTES = 2**20
EXCEL_MAX_ROWS = 1_048_576  # Excel's last row: a row number past it is no spreadsheet's
CAP_LABELS: dict[str, tuple[str, str]] = {
    "file": ("文件大小", "字节"),
    "members": ("压缩包内文件数", "个"),
    "uncompressed": ("解压后大小", "字节"),
    "ratio": ("压缩比", "倍"),
    "shared_strings": ("共享字符串数", "个"),
    "rows": ("行数", "行"),
    "columns": ("列数", "列"),
    "cells": ("非空单元格数", "个"),
}
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"

# -- messages ---------------------------------------------------------------------------------------
# Each is filled by name (`message(key, **values)` here, `fill()` in the page): the same words on both sides.

MESSAGES: dict[str, str] = {
    # where a problem is
    "where_row": "第 {row} 行",
    "where_column": "{letter} 列",
    "where_column_header": "{letter} 列（{header}）",
    "where_header": "“{header}”列",
    "located": "{where}：{message}",
    # the file
    "sheet_empty": "表格是空的：第一行应为列名（姓名、身份证号码、人员类别……），其后每行一名参训人员",
    "utf16_unreadable": "文件以 UTF-16 标记开头，但内容无法按 UTF-16 读取。请另存为“CSV UTF-8”或 .xlsx",
    "encoding_unknown": "无法识别文件编码（既不是 UTF-8 也不是 GBK）。请在 Excel 中另存为“CSV UTF-8”或 .xlsx",
    "csv_chinese_comma": "列之间用了中文逗号“，”。请用英文逗号分隔，或直接提交 Excel 的 .xlsx 文件",
    "csv_error": "CSV 格式错误：{error}。请检查引号是否成对",
    "xlsx_unreadable": "无法读取 Excel 文件（{error}）。请确认是 .xlsx 格式，或另存为 CSV 后重试",
    "cap_exceeded": "表格超过上限：{label}不得超过 {limit} {unit}{seen}。"
                    "花名册只需一个工作表、列名一行、每名参训人员一行（每班不超过 1,000 人）："
                    "请删除多余的工作表、行、列、图片和格式，或另存为 CSV 后重试",
    "cap_found": "（实际 {found} {unit}）",
    "xls_unsupported": "不支持旧版 .xls 格式。请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后重试",
    "type_unsupported": "不支持的文件类型“{suffix}”：请提交 .xlsx 或 .csv 文件",
    "no_suffix": "无扩展名",
    # the header row
    "header_twice": "列名“{name}”出现了两次（另一处在 {other} 列）。请删除或改名其中一列",
    "header_missing": "表头缺少“{name}”列。第一行须包含列名：{columns}",
    "no_trainees": "表格中没有参训人员：列名之下至少应有一行",
    "frozen": "班次 {class_id} 已于 {paid} 拨付首期补贴，花名册、考勤和考核结果已冻结，不能再提交花名册。"
              "如有差错，请联系市人社局以更正记录处理",
    # rows
    "name_blank": "姓名为空。每行须填写参训人员姓名（姓名只用于核对，不会写入仓库）",
    "id_blank": "身份证号码为空",
    "id_repeated": "与第 {other} 行是同一人（身份证号码相同）。同一人在一个班次只能出现一次，请删除重复行",
    "group_blank": "人员类别为空。请填写人员类别，如“农村转移就业劳动者”",
    "attended_blank": "出勤课时为空。请填写整数课时（开班时可填 0）",
    "attended_over": "出勤 {attended} 课时，超过班次总课时 {periods}。请按考勤记录核对",
    "graduation_column_missing": "人员类别为“{group}”，须填写毕业时间，但表头缺少“{column}”列。请增加该列",
    "graduation_blank": "人员类别为“{group}”，须填写毕业时间",
    "certificate_without_passed": "填写了证书，但“是否合格”为空。请填写“是”",
    "certificate_but_failed": "“是否合格”为“否”，不应有证书编号或发证日期。请核对",
    "issued_without_number": "填写了发证日期，但证书编号为空。请补全证书编号",
    "number_without_issued": "填写了证书编号，但发证日期为空。请补全发证日期",
    "certificate_kind_unknown": "无法确定证书类型：班次所属项目的申报表中没有技能评价（evaluation）。请先补全申报表",
    "certificate_repeated": "证书编号与第 {other} 行相同。每张证书只属于一人，请核对",
    # cells
    "date_unreadable": "“{found}”不是日期。请写作 2026-06-25、2026/6/25 或 2026年6月25日",
    # the same words as generator.records.base.date_range_problem (a test holds them equal)
    "date_out_of_range": "日期 {found} 超出合理范围（{earliest} 至 {latest}）。"
                         "请核对年份，写作 YYYY-MM-DD，例如 2026-04-10",
    "date_invalid": "“{found}”不是有效日期（{year} 年没有 {month} 月 {day} 日）。请核对",
    "count_boolean": "应为课时数（整数），例如 48",
    "count_unreadable": "“{found}”不是整数课时数。请填写整数，例如 48（1 课时 = 45 分钟）",
    "count_negative": "课时数不能为负数（{found}）",
    "yes_no_unreadable": "“{found}”无法识别。请填写“是”或“否”",
    "group_unknown": "人员类别“{found}”无法识别。请填写以下之一：{known}（或其英文标识）",
    "id_number_cell": "身份证号码被 Excel 存成了数字，末几位已经丢失。请把该列设置为“文本”格式后重新录入，或另存为 CSV",
    "id_invalid": "身份证号码 {masked} 无效：{problem}。请按身份证核对",
}


def message(key: str, **values: object) -> str:
    """A message filled by name: the one wording the import and the page share."""
    return MESSAGES[key].format(**values)


def cap_message(cap: str, limit: int, found: int | None = None) -> str:
    """The refusal of a spreadsheet past one of the caps, naming the cap and its limit (numbers
    grouped by thousands, as the page's `toLocaleString("en-US")` writes them)."""
    label, unit = CAP_LABELS[cap]
    seen = message("cap_found", found=f"{found:,}", unit=unit) if found is not None else ""
    return message("cap_exceeded", label=label, limit=f"{limit:,}", unit=unit, seen=seen)


_GROUP_TABLE = str.maketrans(GROUP_PUNCTUATION)


def group_key(text: str) -> str:
    """A group label as it is matched (punctuation made alike, spaces dropped)."""
    return text.translate(_GROUP_TABLE)


def rules_data() -> dict[str, Any]:
    """Everything above as plain JSON data, for the page (and for anyone who checks rosters)."""
    return {
        "version": FORMAT_VERSION,
        "columns": [{"name": c.name, "required": c.required, "meaning": c.meaning, "example": c.example}
                    for c in COLUMN_SPECS],
        "aliases": ALIASES,
        "header_marks": HEADER_MARKS,
        "groups": GROUP_LABELS,
        "group_order": list(GROUP_LABELS),  # the JSON file sorts its keys; messages list groups in this order
        "group_punctuation": GROUP_PUNCTUATION,
        "graduate_groups": list(GRADUATE_GROUPS),
        "date_pattern": DATE_PATTERN,
        "time_suffix": TIME_SUFFIX,
        "excel_epoch": EXCEL_EPOCH,
        "serial_min": SERIAL_MIN,
        "serial_max": SERIAL_MAX,
        "count_pattern": COUNT_PATTERN,
        "yes": list(YES),
        "no": list(NO),
        "csv_delimiters": CSV_DELIMITERS,
        "caps": CAPS,
        "cap_labels": CAP_LABELS,
        "ratio_floor_bytes": RATIO_FLOOR_BYTES,
        "excel_max_rows": EXCEL_MAX_ROWS,
        "shared_strings_type": SHARED_STRINGS_TYPE,
        "earliest_date": EARLIEST_DATE.isoformat(),
        "latest_date": LATEST_DATE.isoformat(),
        "resident_id": {
            "weights": list(resident_id.WEIGHTS),
            "check": resident_id.CHECK,
            "form": resident_id.FORM,
            "earliest_birth": resident_id.EARLIEST_BIRTH.isoformat(),
            "messages": resident_id.MESSAGES,
        },
        "messages": MESSAGES,
    }


def patterns() -> dict[str, str]:
    """The patterns the page compiles as JavaScript regular expressions (the tests compile them there)."""
    return {"date": DATE_PATTERN, "time": TIME_SUFFIX, "count": COUNT_PATTERN, "id_form": resident_id.FORM}

