"""From roster rows to the class's `trainees`: checked, pseudonymised, names dropped.

Every row is checked before anything is written, and every problem is kept (not only the first),
so that the institution fixes its spreadsheet once. Names are read only to see that the column and
each cell are there; ID and certificate numbers leave this module only as keyed pseudonyms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.intake import cells
from generator.intake.cells import CellError
from generator.intake.keys import certificate_ref, normalise_id, person_pseudonym
from generator.intake.rosterrules import (
    ALIASES,
    ATTENDED,
    CERTIFICATE,
    COLUMNS,
    GRADUATE_GROUPS,
    GRADUATION,
    GROUP,
    ID,
    ISSUED,
    NAME,
    PASSED,
    REQUIRED,
    message,
)
from generator.intake.sheet import RowProblem, Sheet
from generator.records.labels import GROUP_LABELS
from generator.rules.keyform import key_form

__all__ = ["ALIASES", "ATTENDED", "CERTIFICATE", "COLUMNS", "GRADUATE_GROUPS", "GRADUATION", "GROUP", "ID", "ISSUED",
           "NAME", "PASSED", "REQUIRED", "RosterContext", "RosterRead", "column_map", "read_roster"]


@dataclass
class RosterRead:
    """The trainees in spreadsheet order, or the problems that stop the import."""

    trainees: list[dict[str, Any]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the spreadsheet row of each trainee
    columns: dict[str, int] = field(default_factory=dict)  # column name -> 1-based column index


@dataclass(frozen=True)
class RosterContext:
    """What the rows are checked against, taken from the class and its project."""

    certificate_kind: str | None  # from the application's 技能评价; None when it cannot be known
    class_periods: int | None  # the class's theory + practical 课时, when the class file says


def column_map(headers: list[str]) -> tuple[dict[str, int], list[RowProblem]]:
    """Known column name -> 1-based column index; unknown columns (序号, 备注…) are ignored."""
    found: dict[str, int] = {}
    problems: list[RowProblem] = []
    for index, raw in enumerate(headers, start=1):
        name = ALIASES.get(raw, raw)
        if name not in COLUMNS:
            continue
        if name in found:
            problems.append(RowProblem(message("header_twice", name=name, other=_letter(found[name])),
                                       row=1, column=index, header=raw))
            continue
        found[name] = index
    for name in REQUIRED:
        if name not in found:
            problems.append(RowProblem(message("header_missing", name=name, columns="、".join(COLUMNS)), row=1,
                                       header=name))
    return found, problems


def _letter(index: int) -> str:
    return RowProblem("", column=index).column_letter or ""


class _Row:
    """One data row: reads cells by column name and collects the problems of the row."""

    def __init__(self, number: int, values: list[Any], columns: dict[str, int],
                 problems: list[RowProblem]) -> None:
        self.number, self.values, self.columns, self.problems = number, values, columns, problems
        self.ok = True

    def raw(self, name: str) -> Any:
        index = self.columns.get(name)
        if index is None or index > len(self.values):
            return None
        return self.values[index - 1]

    def fail(self, name: str, message: str) -> None:
        self.ok = False
        self.problems.append(RowProblem(message, row=self.number, column=self.columns.get(name), header=name))

    def get(self, name: str, parse: Callable[[Any], Any], required: str | None = None) -> Any:
        value = self.raw(name)
        if cells.blank(value):
            if required:
                self.fail(name, required)
            return None
        try:
            return parse(value)
        except CellError as exc:
            self.fail(name, str(exc))
            return None


def read_roster(sheet: Sheet, key: bytes, context: RosterContext) -> RosterRead:
    columns, problems = column_map(sheet.headers)
    result = RosterRead(problems=problems, columns=columns)
    if problems:
        return result
    if not sheet.rows:
        result.problems.append(RowProblem(message("no_trainees")))
        return result
    seen_ids: dict[str, int] = {}
    seen_certs: dict[str, int] = {}
    for number, values in sheet.rows:
        row = _Row(number, values, columns, result.problems)
        trainee = _trainee(row, key, context, seen_ids, seen_certs)
        if row.ok and trainee is not None:
            result.trainees.append(trainee)
            result.rows.append(number)
    if result.problems:
        result.trainees, result.rows = [], []
    return result


def _trainee(row: _Row, key: bytes, context: RosterContext, seen_ids: dict[str, int],
             seen_certs: dict[str, int]) -> dict[str, Any] | None:
    if cells.blank(row.raw(NAME)):
        row.fail(NAME, message("name_blank"))
    id_number = row.get(ID, cells.parse_id_number, required=message("id_blank"))
    if id_number is not None:
        norm = normalise_id(id_number)
        if norm in seen_ids:
            row.fail(ID, message("id_repeated", other=seen_ids[norm]))
        else:
            seen_ids[norm] = row.number
    group = row.get(GROUP, cells.parse_group, required=message("group_blank"))
    graduation = _graduation(row, group)
    attended = row.get(ATTENDED, cells.parse_count, required=message("attended_blank"))
    if attended is not None and context.class_periods is not None and attended > context.class_periods:
        row.fail(ATTENDED, message("attended_over", attended=attended, periods=context.class_periods))
    assessment = _assessment(row, key, context, seen_certs)
    if not row.ok or id_number is None or group is None or attended is None:
        return None
    trainee: dict[str, Any] = {"person": person_pseudonym(key, id_number), "group": group}
    if graduation is not None:
        trainee["graduation_on"] = graduation
    trainee["attended_periods"] = attended
    if assessment is not None:
        trainee["assessment"] = assessment
    return trainee


def _graduation(row: _Row, group: str | None) -> dt.date | None:
    if group in GRADUATE_GROUPS and GRADUATION not in row.columns:
        row.fail(GROUP, message("graduation_column_missing", group=GROUP_LABELS[group], column=GRADUATION))
        return None
    required = message("graduation_blank", group=GROUP_LABELS[group]) if group in GRADUATE_GROUPS else None
    graduation: dt.date | None = row.get(GRADUATION, cells.parse_date, required=required)
    return graduation


def _assessment(row: _Row, key: bytes, context: RosterContext, seen_certs: dict[str, int]) -> dict[str, Any] | None:
    passed = row.get(PASSED, cells.parse_yes_no)
    number = row.raw(CERTIFICATE)
    has_number = not cells.blank(number)
    issued = row.get(ISSUED, cells.parse_date)
    if passed is None:
        if has_number or issued is not None:
            row.fail(PASSED, message("certificate_without_passed"))
        return None
    if not passed:
        if has_number or issued is not None:
            row.fail(CERTIFICATE if has_number else ISSUED, message("certificate_but_failed"))
        return {"passed": False}
    if not has_number:
        if issued is not None:
            row.fail(CERTIFICATE, message("issued_without_number"))
        return {"passed": True}
    if issued is None and not cells.blank(row.raw(ISSUED)):
        return None  # the date cell was unreadable, already reported
    if issued is None:
        row.fail(ISSUED, message("number_without_issued"))
        return None
    if context.certificate_kind is None:
        row.fail(CERTIFICATE, message("certificate_kind_unknown"))
        return None
    norm = key_form(cells.text(number))
    if not norm:
        row.fail(CERTIFICATE, "证书编号不含字母或数字。请按证书填写证书编号")
        return None
    if norm in seen_certs:
        row.fail(CERTIFICATE, message("certificate_repeated", other=seen_certs[norm]))
        return None
    seen_certs[norm] = row.number
    return {"passed": True, "certificate": {
        "kind": context.certificate_kind, "number_ref": certificate_ref(key, cells.text(number)), "issued_on": issued,
    }}
