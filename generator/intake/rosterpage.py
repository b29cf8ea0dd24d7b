"""The site's roster page: check a roster in the browser and seal it to the bureau, nothing installed.

A clerk with Windows, Excel and a browser cannot run `peixun seal-roster`. The page does what it
does, in her browser: reads the XLSX or CSV, checks every cell with the import's own rules and
messages, and encrypts the file with age to the bureau's current public keys. What the page needs
is written here at build time, beside it:

- `roster-data.json`: the column rules and messages (`rosterrules.rules_data()`, the import's own
  definitions), the bureau's recipients, and the classes a roster can be sealed for (their year
  folder, total periods, whether their certificates can be told, whether their roster is frozen);
- `roster.js` (the checks and the page) and `vendor.js` (age and an unzip for XLSX, from npm,
  bundled by `tools/browser-vendor/`, with their licences in `vendor.LICENSES.txt`);
- `roster-template.xlsx`: an empty roster with the right headers, text-formatted ID column, date
  columns and drop-down lists (`template_xlsx()`), the same bytes for the same rules.

Classes held by a record error are not listed (the site publishes nothing of them).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from generator import safejson
from generator.intake import rosterrules as rr
from generator.intake.sealed_roster import paid_on, recipient_keys
from generator.records.labels import GROUP_LABELS
from generator.records.record_set import RecordSet
from generator.records.sealed_files import MAX_SEALED_BYTES
from generator.settlement.provenance import pin_zip

ASSETS = ("roster.js", "vendor.js", "vendor.LICENSES.txt")
DATA_FILE = "roster-data.json"
TEMPLATE_FILE = "roster-template.xlsx"
TEMPLATE_NAME = "花名册模板.xlsx"  # the name the download gets
TEMPLATE_ROWS = 500  # rows given the text format and the lists; a class is far smaller
_TEMPLATE_TIME = "2026-01-01T00:00:00+08:00"  # fixed: the template depends on the rules only


def roster_classes(records: RecordSet, held: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The classes a roster may be sealed for, as the page shows and checks them."""
    skip = set(held)
    out = []
    for class_id in sorted(records.classes):
        if class_id in skip:
            continue
        rec = records.classes[class_id]
        cls = rec.model
        project = records.project_of(cls)
        app = records.application_of(project) if project is not None else None
        paid = paid_on(records, class_id)
        name = app.project_name if app is not None else ""
        out.append({
            "id": class_id,
            "year": Path(rec.path).parent.name,
            "periods": cls.periods.theory + cls.periods.practical,
            "certificate": app is not None and app.evaluation is not None,
            "frozen": paid is not None,
            "paid_on": paid.isoformat() if paid is not None else None,
            "label": f"{class_id} {name}".strip(),
        })
    return out


def roster_page_data(records: RecordSet, repo_slug: str, issuer: str, held: Iterable[str] = (),
                     day: dt.date | None = None) -> dict[str, Any]:
    """Everything the page reads: the rules, the recipients (the keys in use on `day`, the build's
    date, and really the bureau's: none at all rather than one anybody can open), the classes."""
    return {
        "rules": rr.rules_data(),
        "recipients": recipient_keys(records, day) if day is not None else [],
        "classes": roster_classes(records, held),
        "repo": repo_slug,
        "issuer": issuer or "市人社局",
        "max_bytes": MAX_SEALED_BYTES,
        "messages": {"frozen": rr.MESSAGES["frozen"]},
    }


def template_xlsx() -> bytes:
    """An empty roster: the header row, then the rows to fill; a second sheet explains each column.

    The ID column is text (Excel would otherwise turn 18 digits into a number and lose the last
    three), the date columns show dates, 人员类别 and 是否合格 offer their lists. The import reads
    the first sheet only, so the explanations never become rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "花名册"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    last = TEMPLATE_ROWS + 1
    for index, column in enumerate(rr.COLUMN_SPECS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font, cell.fill = bold, fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 22 if column.name == rr.ID else 16
        style = "@" if column.name in (rr.ID, rr.CERTIFICATE) else "yyyy-mm-dd" if column.name in (
            rr.GRADUATION, rr.ISSUED) else None
        if style is not None:
            for row in range(2, last + 1):
                sheet.cell(row=row, column=index).number_format = style
    sheet.freeze_panes = "A2"
    for name, options in ((rr.GROUP, list(GROUP_LABELS.values())), (rr.PASSED, ["是", "否"])):
        letter = get_column_letter(rr.COLUMNS.index(name) + 1)
        check = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                               showErrorMessage=True, errorTitle=name, error=f"请从列表中选择{name}")
        check.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(check)

    notes = book.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "填写说明", "示例"])
    for column in rr.COLUMN_SPECS:
        notes.append([column.name, "必填" if column.required else "按情况填写", column.meaning, column.example])
    notes.append([])
    notes.append(["人员类别（填写中文名称）"])
    for label in GROUP_LABELS.values():
        notes.append([label])
    notes.append([])
    notes.append(["日期写法", "2026-06-25、2026/6/25 或 2026年6月25日，或 Excel 的日期格式"])
    notes.append(["是否合格", "是 或 否；尚未考核留空"])
    notes.append(["注意", "只填第一张工作表“花名册”；第一行列名不要改动；每行一名参训人员；不要合并单元格"])
    for cell in notes[1]:
        cell.font, cell.fill = bold, fill
    for letter, width in (("A", 26), ("B", 14), ("C", 70), ("D", 22)):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return pin_zip(buffer.getvalue(), _TEMPLATE_TIME)


def write_roster_page(out_dir: Path, records: RecordSet, repo_slug: str, issuer: str,
                      held: Iterable[str] = (), day: dt.date | None = None) -> list[Path]:
    """Write the page's script, the bundled libraries, its data and the template into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    assets = resources.files("generator.intake").joinpath("rosterpage")
    written = []
    for name in ASSETS:
        target = out_dir / name
        target.write_bytes(assets.joinpath(name).read_bytes())
        written.append(target)
    data = out_dir / DATA_FILE
    data.write_text(safejson.dumps(roster_page_data(records, repo_slug, issuer, held, day), indent=1, sort_keys=True),
                    encoding="utf-8")
    template = out_dir / TEMPLATE_FILE
    template.write_bytes(template_xlsx())
    return sorted([*written, data, template])
