"""`settle`: validate, compute, and write the four artifacts of docs/settlement.md."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.gitrepo import head_info
from generator.holds import Hold, find_holds, held_classes
from generator.jsonbytes import json_bytes
from generator.records.loader import Progress
from generator.records.reference import SubsidyRules
from generator.settlement.arithmetic import Settlement
from generator.settlement.report import AsOfSource, build_report
from generator.settlement.summary import render_summary
from generator.settlement.tables import CLASS_COLUMNS, class_rows
from generator.settlement.xlsx import workbook_bytes
from generator.validate import Report, load_checked

ARTIFACTS = ("settlement.json", "settlement.csv", "settlement.xlsx", "summary.md")


@dataclass(frozen=True)
class SettleResult:
    report: dict[str, Any]
    files: dict[str, bytes]
    validation: Report
    held: list[Hold] = field(default_factory=list)  # also in `report["held"]`, as dicts



def resolve_as_of(records_dir: Path, as_of: dt.date | None) -> tuple[dt.date, AsOfSource, str | None]:
    head = head_info(records_dir)
    sha = head.sha if head else None
    if as_of is not None:
        return as_of, "argument", sha
    if head is not None:
        return head.committed_on, "commit", sha
    return dt.date.today(), "today", None


def csv_bytes(report: dict[str, Any]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([title for _, title in CLASS_COLUMNS])
    for row in class_rows(report):
        writer.writerow([row[key] for key, _ in CLASS_COLUMNS])
    totals = report["totals"]
    writer.writerow(["合计", *[""] * 14, totals["due"], totals["paid"], totals["outstanding"]])
    return buf.getvalue().encode("utf-8-sig")


def without_held(settlement: Settlement, held: set[str]) -> Settlement:
    """The settlement of the classes that are not held (the ledger too: held classes are not paid)."""
    if not held:
        return settlement
    return Settlement(
        as_of=settlement.as_of,
        classes=[c for c in settlement.classes if c.class_id not in held],
        ledger=[e for e in settlement.ledger if e.class_id not in held],
    )


def settle(records_dir: Path, as_of: dt.date | None = None, *, use_cache: bool = True,
           progress: Progress | None = None) -> SettleResult:
    """Compute the settlement and render every artifact in memory (the CLI writes them).

    Validation errors hold only the classes they touch (generator.holds): every other class is
    settled, and the held ones are listed in `held` and in every artifact (`report["held"]`).

    Validation's result is reused when `peixun validate` already judged the same files on the same
    date (the cache's whole-run findings); otherwise the rules run and the settlement they
    computed for PAY-OVER and SUB-* is the one reported, never computed twice."""
    day, source, sha = resolve_as_of(records_dir, as_of)
    rs, ctx, validation = load_checked(records_dir, day, use_cache=use_cache, progress=progress)
    full = ctx.settlement  # computed with collection paused (Context.settlement)
    held = find_holds(rs, validation.findings, full.ledger) if not validation.ok else []
    settlement = without_held(full, held_classes(held))
    report = build_report(rs, settlement, source, sha, [h.as_dict() for h in held])
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
    return SettleResult(report, files, validation, held)


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
