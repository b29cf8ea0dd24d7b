"""`settle`: validate, compute, and write the four artifacts of docs/settlement.md."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.holds import Hold
from generator.jsonbytes import json_bytes
from generator.pipeline import run
from generator.records.loader import Progress
from generator.records.reference import SubsidyRules
from generator.settlement.report import build_report
from generator.settlement.summary import render_summary
from generator.settlement.tables import CLASS_COLUMNS, class_rows
from generator.settlement.xlsx import workbook_bytes
from generator.validate import Report

ARTIFACTS = ("settlement.json", "settlement.csv", "settlement.xlsx", "summary.md")


@dataclass(frozen=True)
class SettleResult:
    report: dict[str, Any]
    files: dict[str, bytes]
    validation: Report
    held: list[Hold] = field(default_factory=list)  # also in `report["held"]`, as dicts



def csv_bytes(report: dict[str, Any]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([title for _, title in CLASS_COLUMNS])
    for row in class_rows(report):
        writer.writerow([row[key] for key, _ in CLASS_COLUMNS])
    totals = report["totals"]
    writer.writerow(["合计", *[""] * 14, totals["due"], totals["paid"], totals["outstanding"]])
    return buf.getvalue().encode("utf-8-sig")


def settle(records_dir: Path, as_of: dt.date | None = None, *, use_cache: bool = True,
           progress: Progress | None = None) -> SettleResult:
    """Compute the settlement and render every artifact in memory (the CLI writes them).

    Validation errors hold only the classes they touch (generator.holds): every other class is
    settled, and the held ones are listed in `held` and in every artifact (`report["held"]`).

    Validation's result is reused when `peixun validate` already judged the same files on the same
    date (the cache's whole-run findings); otherwise the rules run and the settlement they
    computed for PAY-OVER and SUB-* is the one reported, never computed twice."""
    r = run(records_dir, as_of, use_cache=use_cache, progress=progress)
    rs, settlement, held = r.all_records, r.settlement, list(r.held)
    report = build_report(rs, settlement, r.as_of_source, r.commit, [h.as_dict() for h in held])
    rules: dict[str, SubsidyRules | None] = {}
    for c in settlement.classes:
        policy = rs.policy_on(rs.classes[c.class_id].model.start_on)
        rules[c.class_id] = policy.subsidy if policy else None
    files = {
        "settlement.json": json_bytes(report),
        "settlement.csv": csv_bytes(report),
        "settlement.xlsx": workbook_bytes(report),
        "summary.md": render_summary(report, rules).encode("utf-8"),
    }
    return SettleResult(report, files, r.validation, held)


def write_artifacts(result: SettleResult, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ARTIFACTS:
        target = out / name
        tmp = target.with_name(f".{name}.tmp")
        tmp.write_bytes(result.files[name])
        os.replace(tmp, target)
        written.append(target)
    return written
