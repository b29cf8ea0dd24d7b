"""`import-roster` as a library call: spreadsheet in, class file rewritten (or problems out).

Nothing is written unless every row is good. After writing, the class is validated with all the
rules so the institution sees at once what the records would block (a group the project does not
target, a graduation year that does not fit), without a second command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import IntakeError
from generator.findings import Finding
from generator.intake.classfile import find_class_file, load_class, with_trainees, write_atomically
from generator.intake.roster import RosterContext, read_roster
from generator.intake.sheet import RowProblem, read_sheet
from generator.records.recordset import display_path, load_records
from generator.validate import validate_records


@dataclass
class RosterImport:
    """What happened: the class file, how many trainees, and either problems or findings."""

    class_file: Path
    problems: list[RowProblem] = field(default_factory=list)  # non-empty: nothing was written
    trainees: int = 0
    changed: bool = False
    findings: list[Finding] = field(default_factory=list)  # validation of the class after writing
    encoding: str | None = None

    @property
    def written(self) -> bool:
        return not self.problems


def _context(records_dir: Path, class_id: str, data: dict[str, object]) -> RosterContext:
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
                  as_of: dt.date | None = None) -> RosterImport:
    """Read the spreadsheet, check every row, and replace the class's trainees."""
    if not sheet_file.is_file():
        raise IntakeError(f"花名册文件不存在：{sheet_file}")
    class_file = find_class_file(records_dir, class_id)
    data = load_class(class_file, class_id)
    sheet = read_sheet(sheet_file)
    if isinstance(sheet, RowProblem):
        return RosterImport(class_file, problems=[sheet])
    read = read_roster(sheet, key, _context(records_dir, class_id, data))
    if read.problems:
        return RosterImport(class_file, problems=read.problems, encoding=sheet.encoding)
    changed = write_atomically(class_file, with_trainees(data, read.trainees))
    report = validate_records(load_records(records_dir), as_of or dt.date.today())
    shown = display_path(class_file)
    return RosterImport(
        class_file, trainees=len(read.trainees), changed=changed, encoding=sheet.encoding,
        findings=[f for f in report.findings if f.path == shown],
    )
