"""`settle`: validate, compute, and write the artifacts `generator.settlement.artifacts` declares."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.findings import Finding, Severity
from generator.holds import Hold, held_classes
from generator.pipeline import run, without_held
from generator.records.kinds import KINDS_BY_NAME
from generator.records.loaded import LoadResult
from generator.records.loader import Progress
from generator.records.parsing import read_file, read_record
from generator.records.rosterseal import seal_differences
from generator.records.training import TrainingClass
from generator.settlement.artifacts import ARTIFACTS, PAYABLE, render_artifacts
from generator.settlement.provenance import generation_time
from generator.settlement.report import build_report
from generator.settlement.report_entries import SettlementReport
from generator.validate import Report

__all__ = ["ARTIFACTS", "PAYABLE", "ROSTER_RULE", "SettleResult", "roster_findings", "settle", "write_artifacts"]


ROSTER_RULE = "ROSTER-SEAL"
UNVERIFIED = ("未提供假名密钥（环境变量 PEIXUN_KEY 或 --key-file）：无法核验各班次的花名册是否与市人社局导入时一致，"
              f"本次不生成拨付清单（{'、'.join(PAYABLE)}），结算结果仅供查看，不能据此拨付。"
              "请在保管密钥的环境中运行 peixun settle")


@dataclass(frozen=True)
class SettleResult:
    statement: SettlementReport  # the settlement as every artifact shows it, amounts as Decimals
    files: dict[str, bytes]
    validation: Report
    held: list[Hold] = field(default_factory=list)  # also in `statement.held`, with names
    rosters_verified: bool = False  # every roster was checked against its seal with the bureau's key

    @cached_property
    def report(self) -> dict[str, Any]:
        """The settlement as settlement.json holds it (docs/settlement.md): amounts as strings."""
        return self.statement.as_json()

    @property
    def payable(self) -> bool:
        """Whether the payment list may be written: only where every roster was verified."""
        return self.rosters_verified


def roster_findings(loaded: LoadResult, records_dir: Path, key: bytes) -> list[Finding]:
    """A finding (ROSTER-SEAL, an error) on every class whose roster does not match the seal the
    bureau's import wrote (`records.rosterseal`), naming what differs. A class a correction changed
    is judged on its file as recorded: the seal covers what was imported, the correction what the
    bureau changed since."""
    found = []
    for cid, rec in sorted(loaded.records.classes.items()):
        cls = rec.model
        if cid in loaded.corrected:
            raw = _as_recorded(records_dir, loaded, rec.path)
            cls = raw if raw is not None else cls
        differs = seal_differences(key, cls)
        if differs:
            found.append(Finding(
                path=rec.path, line=None, rule=ROSTER_RULE, severity=Severity.ERROR, loc=("trainees",),
                message=(f"班次 {cid} 的花名册与市人社局导入时不一致：{'；'.join(differs)}。花名册只能由市人社局"
                         "导入加密花名册写入，任何人手工修改的花名册都不结算、不拨付。请由培训主体重新加密提交花名册"
                         "（peixun seal-roster），市人社局导入（peixun import-roster）后再结算（通知 四(五)）"),
            ))
    return found


def _as_recorded(records_dir: Path, loaded: LoadResult, path: str) -> TrainingClass | None:
    rel = loaded.relative(path)
    if rel is None:
        return None
    kind = KINDS_BY_NAME["class"]
    try:
        model = read_file(kind, rel, read_record(kind, records_dir / rel)).model
    except OSError:
        return None
    return model if isinstance(model, TrainingClass) else None



def settle(records_dir: Path, as_of: dt.date | None = None, *, use_cache: bool = True,
           progress: Progress | None = None, roster_key: bytes | None = None) -> SettleResult:
    """Compute the settlement and render every artifact in memory (the CLI writes them).

    Validation errors hold only the classes they touch (generator.holds): every other class is
    settled, and the held ones are listed in `held` and in every artifact (`statement.held`).

    Validation's result is reused when `peixun validate` already judged the same files on the same
    date (the cache's whole-run findings); otherwise the rules run and the settlement they
    computed for PAY-OVER and SUB-* is the one reported, never computed twice."""
    r = run(records_dir, as_of, use_cache=use_cache, progress=progress)
    rs, settlement, held = r.all_records, r.settlement, list(r.held)
    if roster_key is not None:
        seals = roster_findings(r.loaded, records_dir, roster_key)
        if seals:
            held = r.holds_with(seals)
            settlement = without_held(r.full_settlement, held_classes(held))
    verified = roster_key is not None
    statement = build_report(rs, settlement, r.as_of_source, r.commit, held,
                             generated_at=generation_time(records_dir, r.as_of), rosters_verified=verified)
    return SettleResult(statement, render_artifacts(statement), r.validation, held, rosters_verified=verified)


def write_artifacts(result: SettleResult, out: Path) -> list[Path]:
    """Every artifact; the payment list only when every roster was verified with the bureau's key
    (`SettleResult.payable`), and a payment list left in `out` by an earlier run is removed when this
    one may not write it, so that no list is ever paid from without the check."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in result.files:  # what was rendered: every declared artifact, in the declared order
        target = out / name
        if name in PAYABLE and not result.payable:
            target.unlink(missing_ok=True)
            continue
        tmp = target.with_name(f".{name}.tmp")
        tmp.write_bytes(result.files[name])
        os.replace(tmp, target)
        written.append(target)
    return written
