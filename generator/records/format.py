"""The record format's version: which shape of records this engine reads, and which the records declare.

Records outlive the engine that wrote them. Every policy file declares the format its repository
is written in (`format: 2`); a policy without the field is of format 1, the last one before the
records declared it. A change to any record's shape bumps `CURRENT` by one and ships a step in
`generator/migrate/` and an entry in CHANGELOG.md, so a city that upgrades its engine is told, in
one line, to run `peixun migrate` instead of reading dozens of SCHEMA errors.

The declaration is read from the raw YAML before any model sees a record (the models are those of
`CURRENT`, and an older file fails them in ways that say nothing of the cause).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import RecordsInvalidError
from generator.findings import Finding, Severity
from generator.records.contentkeys import list_files
from generator.records.kinds import MAX_FILE_BYTES
from generator.records.loader import display_path
from generator.records.yamlio import ParseProblem, decode, line_index, line_of, parse

# The format this engine reads and writes. Bump it with a migration step (generator/migrate/).
CURRENT = 3
# The format of records that declare none: those written before the declaration existed.
UNDECLARED = 1
KEY = "format"  # the policy's field that declares it
FOLDER = "policy"
RULE = "FORMAT"


@dataclass(frozen=True)
class Declared:
    """The format the records are in: the lowest any policy file declares (a file still to be migrated
    holds the whole repository back), with the file that declares it."""

    format: int
    path: Path | None  # the policy file holding the repository back (None: no policy file)
    line: int | None = None

    @property
    def older(self) -> bool:
        return self.format < CURRENT

    @property
    def newer(self) -> bool:
        return self.format > CURRENT


def file_format(tree: object) -> int | None:
    """The format one policy tree declares; UNDECLARED when it has no `format`, None when it is no
    mapping or the value is no positive whole number (then the model reports it as a SCHEMA error)."""
    if not isinstance(tree, dict):
        return None
    value = tree.get(KEY, UNDECLARED)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


def declared(records_dir: Path) -> Declared:
    """The format of the records under `records_dir`, from their policy files (CURRENT when there is
    none: an empty folder is no older than the engine, and validation says what is missing)."""
    found: Declared | None = None
    folder = records_dir / FOLDER
    files = [f for _rel, f in list_files(folder) if f.suffix in (".yaml", ".yml")] if folder.is_dir() else []
    for file in files:
        # a link or an oversized file is refused by loading, with its own finding; never read here
        if file.is_symlink() or not file.is_file() or file.stat().st_size > MAX_FILE_BYTES:
            continue
        text = decode(file.read_bytes())
        if isinstance(text, ParseProblem):
            continue
        tree = parse(text)
        value = file_format(tree)
        if value is None or value == CURRENT:
            continue
        if found is None or (value < CURRENT and (found.newer or value < found.format)):
            index = line_index(text)
            line = line_of(index, (KEY,)) if index is not None and KEY in tree else 1  # type: ignore[operator]
            found = Declared(value, file, line)
    return found or Declared(CURRENT, None)


class RecordsFormatError(RecordsInvalidError):
    """The records are of another format than this engine reads: nothing else is judged."""


def require_format(records_dir: Path) -> None:
    """Raise `RecordsFormatError` (the finding's one line) unless the records are of the current format."""
    found = format_finding(records_dir)
    if found is not None:
        raise RecordsFormatError(f"{found.path}：{found.message}")


def format_finding(records_dir: Path) -> Finding | None:
    """One finding when the records are not of the format this engine reads, else None; it names
    the command to run, with the records folder as the user would type it."""
    state = declared(records_dir)
    shown = display_path(records_dir)
    if state.path is None or state.format == CURRENT:
        return None
    path = display_path(state.path)
    if state.older:
        message = (f"记录是第 {state.format} 版格式，本引擎读第 {CURRENT} 版：请先运行 "
                   f"peixun migrate --records {shown}（它会说明缺少什么），提交它改动的文件；各版的变化见 CHANGELOG.md")
    else:
        message = (f"记录是第 {state.format} 版格式，比本引擎（读第 {CURRENT} 版）新：请升级 requirements.txt "
                   "中固定的引擎版本（见 CHANGELOG.md），不要用旧引擎校验新记录")
    return Finding(path=path, line=state.line, rule=RULE, severity=Severity.ERROR, message=message, loc=(KEY,))
