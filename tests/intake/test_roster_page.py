"""The roster page's files: one set of rules for the import and the page, the template XLSX, the data.

The browser side is proven in test_roster_browser.py (real Chromium); here, that the page reads the
import's own definitions and nothing of its own, that the template is a roster the import accepts,
and that the bundled libraries are the ones the lock file gives.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.intake import rosterrules as rr
from generator.intake.importer import import_roster
from generator.intake.rosterpage import roster_classes, roster_page_data, template_xlsx, write_roster_page
from generator.records.labels import GROUP_LABELS
from generator.records.load import load_records
from tests.conftest import AS_OF, PAYMENTS, ROSTER_RECIPIENT, World, with_roster_key
from tests.intake.roster_corpus import GOOD, HEADER
from tests.intake.test_roster_import import KEY

REPO = Path(__file__).parents[2]
PAGE = REPO / "generator" / "intake" / "rosterpage"
CLASS_ID = "P2026-001-01"


def test_the_page_holds_no_message_of_its_own_and_uses_every_shared_one() -> None:
    script = (PAGE / "roster.js").read_text(encoding="utf-8")
    used_by_page = set(re.findall(r'fill\(rules, "(\w+)"', script))
    assert used_by_page <= set(rr.MESSAGES), used_by_page - set(rr.MESSAGES)
    python = "".join((REPO / "generator" / "intake" / f).read_text(encoding="utf-8")
                     for f in ("roster.py", "cells.py", "sheet.py", "sealed_roster.py"))
    used_by_import = set(re.findall(r'message\("(\w+)"', python))
    assert used_by_import <= set(rr.MESSAGES)
    # every message the import says about a cell, a row or a file, the page says too
    python_only = {"csv_error", "frozen"}  # Python's csv module's own errors; frozen comes from the page data
    assert used_by_import - used_by_page == python_only
    # the check's wording lives in rosterrules.py only: no sentence of it is typed into the page
    for text in rr.MESSAGES.values():
        for piece in re.split(r"\{\w+\}", text):
            if len(piece) >= 8:
                assert piece not in script, piece


def test_the_data_the_page_reads_is_the_imports_definitions(world: World) -> None:
    with_roster_key(world)
    data = roster_page_data(load_records(world.root), "wuxi-hrss/peixun", "无锡市人力资源和社会保障局", day=AS_OF)
    rules = data["rules"]
    assert rules == rr.rules_data()
    assert [c["name"] for c in rules["columns"]] == list(rr.COLUMNS) == HEADER[1:]
    assert [g for g in rules["group_order"]] == list(GROUP_LABELS)
    assert rules["messages"] == rr.MESSAGES and rules["aliases"] == rr.ALIASES
    assert data["recipients"] == [ROSTER_RECIPIENT]  # the key in use that day, really the bureau's
    for pattern in (rr.DATE_PATTERN, rr.TIME_SUFFIX, rr.COUNT_PATTERN):
        re.compile(pattern)  # and the browser test compiles them in Chromium


def test_the_classes_listed_say_year_periods_and_frozen_and_leave_out_held_ones(world: World) -> None:
    records = load_records(world.root)
    listed = {c["id"]: c for c in roster_classes(records)}
    first = listed[CLASS_ID]
    assert first["year"] == "2026" and first["frozen"] is True and first["paid_on"]
    assert first["periods"] == records.classes[CLASS_ID].model.periods.theory + \
        records.classes[CLASS_ID].model.periods.practical
    assert CLASS_ID not in {c["id"] for c in roster_classes(records, held=[CLASS_ID])}
    world.remove(PAYMENTS)
    assert {c["id"]: c for c in roster_classes(load_records(world.root))}[CLASS_ID]["frozen"] is False


def test_the_template_is_a_roster_the_import_takes_once_filled(world: World, tmp_path: Path) -> None:
    data = template_xlsx()
    assert data == template_xlsx()  # the same bytes every build
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == list(rr.COLUMNS)
    id_column = rr.COLUMNS.index(rr.ID) + 1
    assert sheet.cell(row=2, column=id_column).number_format == "@"  # text: 18 digits stay 18 digits
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert any(all(label in formula for label in GROUP_LABELS.values()) for formula in lists.values())
    assert "填写说明" in book.sheetnames

    for r, row in enumerate(GOOD, start=2):  # the clerk types her rows under the headers
        for c, value in enumerate(row[1:], start=1):
            sheet.cell(row=r, column=c).value = value
    filled = tmp_path / "clerk" / "花名册.xlsx"
    filled.parent.mkdir()
    book.save(filled)
    world.remove(PAYMENTS)
    result = import_roster(filled, CLASS_ID, world.root, KEY, AS_OF)
    assert result.problems == [] and result.written and result.trainees == len(GOOD)


def test_the_page_files_are_written_beside_the_page(world: World, tmp_path: Path) -> None:
    written = write_roster_page(tmp_path / "roster", load_records(world.root), "", "")
    assert sorted(p.name for p in written) == sorted(
        ["roster.js", "vendor.js", "vendor.LICENSES.txt", "roster-data.json", "roster-template.xlsx"])
    data = json.loads((tmp_path / "roster" / "roster-data.json").read_text(encoding="utf-8"))
    assert data["issuer"] == "市人社局" and data["repo"] == ""
    vendor = (tmp_path / "roster" / "vendor.js").read_text(encoding="utf-8")
    assert "age-encryption@" in vendor.splitlines()[0] and "fflate@" in vendor.splitlines()[0]
    licences = (tmp_path / "roster" / "vendor.LICENSES.txt").read_text(encoding="utf-8")
    assert "BSD 3-Clause" in licences or "Redistribution and use" in licences


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is installed by tools/test")
def test_the_committed_bundle_is_what_the_lock_file_builds() -> None:
    folder = REPO / "tools" / "browser-vendor"
    subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=folder, check=True, timeout=300)
    done = subprocess.run(["node", "build.mjs", "--check"], cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
