"""Reading one file: bytes to YAML tree and SCHEMA findings (`parse_one`), then tree to model
(`finish`), split so that the first half can run in worker processes.

Parsing is most of the time a cold load takes and needs nothing but the file, so on a machine with
several cores a pool of forked workers parses while the main process builds models from what
they send back, in the original file order (`parse_in_pool`). Models are built in the main
process only: they are what the rules need there, and sending a tree costs less than sending a
model.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Generator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import forked
from generator.findings import Finding, Loc, Severity
from generator.records.contentkeys import sha256_key
from generator.records.kinds import MAX_FILE_BYTES as MAX_FILE_BYTES  # re-exported: the limit tests name it
from generator.records.kinds import RecordKind, kind_for
from generator.records.schema_errors import explain
from generator.records.texts import TEXT_SCANS
from generator.records.yamlio import ParseProblem, decode, parse
from generator.runtime import tuning

SCHEMA_COMMENT = "# yaml-language-server: $schema="


def schema_finding(path: str, message: str, loc: Loc = (), line: int | None = None,
                   severity: Severity = Severity.ERROR) -> Finding:
    return Finding(path=path, line=line, rule="SCHEMA", severity=severity, message=message, loc=loc)


@dataclass(frozen=True)
class Parsed:
    """One file as far as a worker takes it. Findings carry an empty path (the main process
    knows how paths are displayed); `error` is set when the file could not be read at all."""

    rel: str
    key: str | None
    tree: Any
    has_text: bool
    findings: tuple[Finding, ...]
    scans: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class Loaded:
    model: BaseModel | None
    tree: Any
    text: str | None
    findings: list[Finding]


def max_file_bytes(kind: RecordKind) -> int:
    return kind.max_bytes


def read_record(kind: RecordKind, file: Path) -> bytes:
    """A record file's bytes, read only when it is a regular file (not a symbolic link, which could
    point outside the records or at a device that never ends), and at most one byte past the
    kind's size limit (enough for `_too_large` to refuse it)."""
    info = file.lstat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "不是普通文件（符号链接、设备或管道），记录只能是普通的 YAML 文件")
    with file.open("rb") as handle:
        return handle.read(max_file_bytes(kind) + 1)


def _too_large(kind: RecordKind, path: str, data: bytes) -> Finding | None:
    limit = max_file_bytes(kind)
    if len(data) <= limit:
        return None
    return schema_finding(
        path, f"文件大于{kind.title}记录的上限 {limit:,} 字节（从此行起超出），"
              "未读取。记录不需要这么大：请检查是否误粘贴了大段内容或附件（附件放在 Git 之外，"
              "记录中只写位置和 SHA-256）", line=data.count(b"\n", 0, limit) + 1)


def _parse_bytes(kind: RecordKind, path: str, data: bytes) -> tuple[Any, str | None, list[Finding]]:
    """Tree (None when unreadable), text and the findings known before validation."""
    large = _too_large(kind, path, data)
    if large is not None:
        return None, None, [large]
    text = decode(data)
    if isinstance(text, ParseProblem):
        return None, None, [schema_finding(path, text.message, line=text.line)]
    tree = parse(text)
    if isinstance(tree, ParseProblem):
        return None, text, [schema_finding(path, tree.message, line=tree.line)]
    findings: list[Finding] = []
    if not text.lstrip("\ufeff").startswith(SCHEMA_COMMENT):
        findings.append(schema_finding(
            path,
            f"第一行缺少 {SCHEMA_COMMENT}... 注释，编辑器将无法提示字段。"
            f"请加上指向 schemas/{kind.schema_file} 的注释",
            line=1, severity=Severity.WARNING,
        ))
    return tree, text, findings


def finish(kind: RecordKind, path: str, tree: Any, findings: list[Finding]) -> tuple[BaseModel | None, list[Finding]]:
    """Validate a parsed tree into its model; the identity must equal the file stem."""
    if tree is None:
        return None, findings
    try:
        model = kind.model.model_validate(tree)
    except ValidationError as exc:
        return None, findings + [schema_finding(path, explain(err, kind.model), loc=tuple(err["loc"]))
                                 for err in exc.errors()]
    if kind.identity is not None:
        stem = PurePosixPath(path).stem
        value = tree.get(kind.identity)
        if value != stem:
            findings = [*findings, schema_finding(
                path, f"{kind.identity} 为“{value}”，与文件名“{stem}”不一致。请使两者相同（文件名即记录编号）",
                loc=(kind.identity,),
            )]
    return model, findings


def read_file(kind: RecordKind, path: str, data: bytes) -> Loaded:
    """Parse and validate one file's bytes into its model (or None), tree, text and SCHEMA findings."""
    tree, text, findings = _parse_bytes(kind, path, data)
    model, findings = finish(kind, path, tree, findings)
    return Loaded(model, tree, text, findings)


def parse_one(rel: str, file: Path, key: str | None, want_key: bool, data: bytes | None = None) -> Parsed:
    """Read and parse one record file, run the registered text scans, and key its content."""
    kind = kind_for(PurePosixPath(rel))
    assert kind is not None
    try:
        data = data if data is not None else read_record(kind, file)
    except OSError as exc:
        return Parsed(rel, key, None, False, (), error=exc.strerror or str(exc))
    if key is None and want_key:
        key = sha256_key(data)
    tree, text, findings = _parse_bytes(kind, "", data)
    scans = {name: scan(rel, text) for name, scan in TEXT_SCANS.items()} if text is not None else {}
    return Parsed(rel, key, tree, text is not None, tuple(findings), scans)


def relocated(findings: tuple[Finding, ...] | list[Finding], path: str) -> list[Finding]:
    return [replace(f, path=path) for f in findings]


def _parse_chunk(chunk: list[tuple[str, str, str | None, bool]]) -> list[Parsed]:
    return [parse_one(rel, Path(file), key, want_key) for rel, file, key, want_key in chunk]


def workers_for(count: int, workers: int | None) -> int:
    """How many processes to parse `count` files with: 0 means parse in this process."""
    if workers is not None:
        return workers
    return 0 if count < tuning().parse_parallel_from_files else forked.cores()


def parse_in_pool(items: list[tuple[str, Path, str | None, bool]], workers: int) -> Generator[Parsed, None, None]:
    """Parse `items` (relative path, file, known key, whether to key it) in `workers` forked
    processes; yields the results in the order of `items`."""
    size = tuning().parse_chunk_files
    chunks = [[(rel, str(file), key, want) for rel, file, key, want in items[i:i + size]]
              for i in range(0, len(items), size)]
    # forked: the workers inherit the loaded code and the registered text scans, and start at once
    with forked.pool(workers) as pool:
        for parsed in pool.map(_parse_chunk, chunks):
            yield from parsed
