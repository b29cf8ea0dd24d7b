"""`import-roster` as a library call: spreadsheet in, class file rewritten (or problems out).

Nothing is written unless the roster passes every rule that concerns it. The cells are checked
first (`roster.read_roster`); then the class file as it would be after the import is judged with
all the rules, among all the records, before it is written (`check_and_write`): the project's
target groups, the graduation window, certificate dates, attendance against the class's hours,
duplicates and overlaps, and the frozen state of a class whose first installment is paid. Every
problem is told by spreadsheet row and column, where the institution will fix it.

`check_and_write` is the one pipeline for every source of trainees (a spreadsheet today): give it
the trainees, the spreadsheet row of each and the columns, and it checks and writes or refuses.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import IntakeError
from generator.findings import Finding, Severity
from generator.intake import roster
from generator.intake.classfile import find_class_file, load_class, with_trainees, write_atomically
from generator.intake.roster import RosterContext, read_roster
from generator.intake.sheet import RowProblem, Sheet, read_sheet
from generator.pipeline import run
from generator.records.fieldpath import diff_trees, show
from generator.records.load import display_path, load_records
from generator.records.rosterseal import seal_roster
from generator.records.training import Trainee
from generator.records.yamlio import parse

# a trainee's field -> the spreadsheet column it came from
FIELD_COLUMNS = {
    "person": roster.ID, "group": roster.GROUP, "graduation_on": roster.GRADUATION,
    "attended_periods": roster.ATTENDED, "assessment": roster.PASSED, "passed": roster.PASSED,
    "certificate": roster.CERTIFICATE, "number_ref": roster.CERTIFICATE, "kind": roster.CERTIFICATE,
    "issued_on": roster.ISSUED,
}


# what a correction of a frozen class needs (the same advice as the pull-request checks give)
CORRECTION_HINT = (
    "如确需更正，请由市人社局新增更正记录 records/corrections/<年份>/<编号>.yaml（原值、新值、原因、批准人）"
)
_TRAINEE_NUMBER = re.compile(r"第 \d+ 名参训人员")


@dataclass
class RosterImport:
    """What happened: the class file, how many trainees, and either problems or findings."""

    class_file: Path
    problems: list[RowProblem] = field(default_factory=list)  # non-empty: nothing was written
    trainees: int = 0
    changed: bool = False
    warnings: list[RowProblem] = field(default_factory=list)  # by row: shown, not blocking
    findings: list[Finding] = field(default_factory=list)  # the class file's other findings
    encoding: str | None = None
    frozen: bool = False  # refused: the first installment is paid

    @property
    def written(self) -> bool:
        return not self.problems


def roster_context(records_dir: Path, class_id: str, data: dict[str, object]) -> RosterContext:
    periods = data.get("periods")
    total = None
    if isinstance(periods, dict):
        theory, practical = periods.get("theory"), periods.get("practical")
        if isinstance(theory, int) and isinstance(practical, int):
            total = theory + practical
    rs = load_records(records_dir)
    cls = rs.classes.get(class_id)
    project = rs.projects.get(cls.model.project if cls else str(data.get("project")))
    app = rs.application_of(project.model) if project else None
    kind = app.evaluation.kind if app is not None and app.evaluation is not None else None
    return RosterContext(certificate_kind=kind, class_periods=total)


def import_roster(sheet_file: Path, class_id: str, records_dir: Path, key: bytes,
                  as_of: dt.date | None = None, *, write: bool = True) -> RosterImport:
    """Read the spreadsheet, check every row and the class as it would be, then replace the
    class's trainees (with `write=False`, check only)."""
    if not sheet_file.is_file():
        raise IntakeError(f"花名册文件不存在：{sheet_file}")
    return import_sheet(read_sheet(sheet_file), class_id, records_dir, key, as_of, write=write)


def import_sheet(sheet: Sheet | RowProblem, class_id: str, records_dir: Path, key: bytes,
                 as_of: dt.date | None = None, *, write: bool = True) -> RosterImport:
    """The same for a spreadsheet already read (from a file, or decrypted in memory)."""
    class_file = find_class_file(records_dir, class_id)
    data = load_class(class_file, class_id)
    if isinstance(sheet, RowProblem):
        return RosterImport(class_file, problems=[sheet])
    read = read_roster(sheet, key, roster_context(records_dir, class_id, data))
    if read.problems:
        return RosterImport(class_file, problems=read.problems, encoding=sheet.encoding)
    result = check_and_write(records_dir, class_id, class_file, data, read.trainees, read.rows, read.columns,
                             as_of, key=key, write=write)
    result.encoding = sheet.encoding
    return result


def check_and_write(records_dir: Path, class_id: str, class_file: Path, data: Any, trainees: list[dict[str, Any]],
                    rows: list[int], columns: dict[str, int], as_of: dt.date | None = None, *,
                    key: bytes, write: bool = True) -> RosterImport:
    """Judge the class file with `trainees` in place among all records, then write it only when
    no error concerns the roster and the class is not frozen. `rows[i]` is the spreadsheet row
    of `trainees[i]`; `columns` maps the spreadsheet's column names to their indexes. The roster
    is written with its seal (`roster_seal`, `records.rosterseal`) made with `key`, which `settle`
    verifies: a roster changed by hand afterwards is held."""
    text = with_trainees(data, trainees, _seal(key, class_id, trainees))
    old_text = class_file.read_text(encoding="utf-8-sig")
    frozen = _frozen_changes(records_dir, class_id, old_text, text)
    if frozen:
        return RosterImport(class_file, problems=frozen, trainees=len(trainees), frozen=True)
    held = _certificates_held_elsewhere(records_dir, class_id, trainees, rows, columns)
    if held:
        return RosterImport(class_file, problems=held, trainees=len(trainees))
    rel = class_file.resolve().relative_to(records_dir.resolve()).as_posix()
    with tempfile.TemporaryDirectory(prefix="peixun-roster-") as tmp:
        candidate = Path(tmp) / class_file.name
        candidate.write_text(text, encoding="utf-8")
        report = run(records_dir, as_of, overrides={rel: candidate}).validation
    shown = display_path(class_file)
    mine = [f for f in report.findings if f.path == shown]
    problems, warnings, others = _by_row(mine, rows, columns)
    if problems:
        return RosterImport(class_file, problems=problems, trainees=len(trainees), warnings=warnings, findings=others)
    changed = write_atomically(class_file, text) if write else old_text != text
    return RosterImport(class_file, trainees=len(trainees), changed=changed, warnings=warnings, findings=others)


def _by_row(findings: list[Finding], rows: list[int], columns: dict[str, int]
            ) -> tuple[list[RowProblem], list[RowProblem], list[Finding]]:
    """Findings about the roster as spreadsheet problems (errors, warnings); the rest as they are."""
    errors: list[RowProblem] = []
    warnings: list[RowProblem] = []
    others: list[Finding] = []
    for f in findings:
        loc = tuple(f.loc)
        if not loc or loc[0] != "trainees":
            others.append(f)
            continue
        row: int | None = None
        column_name: str | None = None
        if len(loc) > 1 and isinstance(loc[1], int) and 0 <= loc[1] < len(rows):
            row = rows[loc[1]]
            column_name = next((FIELD_COLUMNS[p] for p in reversed(loc[2:]) if isinstance(p, str)
                                and p in FIELD_COLUMNS), None)
        message = _TRAINEE_NUMBER.sub("本行人员", f.message) if row is not None else f.message
        problem = RowProblem(f"{f.rule} {message}", row=row,
                             column=columns.get(column_name) if column_name else None, header=column_name)
        (errors if f.severity is Severity.ERROR else warnings).append(problem)
    return errors, warnings, others


def _seal(key: bytes, class_id: str, trainees: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The seal of the roster as it will be read back (each row through the model, as `settle`
    reads it), or None for an empty roster (nothing to pay, nothing to seal), or when a row does
    not fit the model (validation then refuses the import and nothing is written)."""
    if not trainees:
        return None
    try:
        models = [Trainee.model_validate(t) for t in trainees]
    except ValidationError:
        return None
    return dict(seal_roster(key, class_id, models).model_dump())


def _certificates_held_elsewhere(records_dir: Path, class_id: str, trainees: list[dict[str, Any]], rows: list[int],
                                 columns: dict[str, int]) -> list[RowProblem]:
    """A certificate already on another class's roster is refused at the import, whichever issue
    date either side claims: a certificate counts once in the whole ledger, and the import is where
    a number copied from another roster (another institution's included) is stopped."""
    elsewhere: dict[str, tuple[str, int]] = {}
    for cid, rec in load_records(records_dir).classes.items():
        if cid == class_id:
            continue
        for i, t in enumerate(rec.model.trainees):
            cert = t.assessment.certificate if t.assessment else None
            if cert is not None:
                elsewhere.setdefault(cert.number_ref, (cid, i))
    problems = []
    column = columns.get(roster.CERTIFICATE)
    for trainee, row in zip(trainees, rows, strict=True):
        ref = (trainee.get("assessment") or {}).get("certificate", {}).get("number_ref")
        if ref in elsewhere:
            other, i = elsewhere[ref]
            problems.append(RowProblem(
                f"CLS-CERT-SHARED 证书编号已在班次 {other} 第 {i + 1} 名参训人员名下。一张证书在整个台账中只计一次："
                "请按证书核对证书编号（全角、小写、空格和分隔符不同的写法视为同一编号）",
                row=row, column=column, header=roster.CERTIFICATE))
    return problems


def _frozen_changes(records_dir: Path, class_id: str, old_text: str, new_text: str) -> list[RowProblem]:
    """Refusals when the class's first installment is paid and the roster would change; each
    change is named in the notation of a correction record's `field`, so the bureau can prepare
    the corrections from the list."""
    rs = load_records(records_dir)
    payments = rs.payments.get(class_id)
    first = next((i for i in payments.model.installments if i.phase == "first"), None) if payments else None
    if first is None:
        return []
    old_tree, new_tree = parse(old_text), parse(new_text)
    if not isinstance(old_tree, dict) or not isinstance(new_tree, dict):
        return []
    changes = diff_trees(old_tree.get("trainees") or [], new_tree.get("trainees") or [])
    if not changes:
        return []
    listed = [f"trainees{c.path}: {show(c.old)} → {show(c.new)}" for c in changes[:20]]
    more = f"\n    …… 共 {len(changes)} 处" if len(changes) > 20 else ""
    head = (f"班次 {class_id} 已于 {first.paid_on} 拨付首期补贴，花名册、考勤和考核结果已冻结，导入不会覆盖它。"
            f"与现有花名册相比有 {len(changes)} 处不同：\n    " + "\n    ".join(listed) + more + "\n  "
            f"{CORRECTION_HINT}：每处不同写一条，field 即上面冒号前的路径，old 与 new 即箭头两边的值")
    return [RowProblem(head)]
