"""`settle`: validate, compute, and write the artifacts of docs/settlement.md (`generator.settlement.artifacts`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.holds import Hold
from generator.pipeline import run
from generator.records.loader import Progress
from generator.settlement.artifacts import ARTIFACTS, render_artifacts
from generator.settlement.provenance import generation_time
from generator.settlement.report import build_report
from generator.validate import Report

__all__ = ["ARTIFACTS", "SettleResult", "settle", "write_artifacts"]


@dataclass(frozen=True)
class SettleResult:
    report: dict[str, Any]
    files: dict[str, bytes]
    validation: Report
    held: list[Hold] = field(default_factory=list)  # also in `report["held"]`, as dicts



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
    report = build_report(rs, settlement, r.as_of_source, r.commit, [h.as_dict() for h in held],
                          generated_at=generation_time(records_dir, r.as_of))
    files = render_artifacts(report)
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
