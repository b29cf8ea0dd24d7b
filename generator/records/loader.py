"""Reading every record file into a RecordSet, through the cache when there is one.

Per file: the content key (Git blob or SHA-256); on a cache hit the stored tree is validated into a
model again (cheaper than unpickling one) and its stored SCHEMA findings reused; on a miss the file
is read, parsed, validated and scanned, and the result stored. Corrections load first, so that the
raw trees of the classes they correct are kept for `amend` instead of being parsed a second time.
"""

from __future__ import annotations

import copy
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from generator.findings import Finding, Loc, Severity
from generator.records.cache import Entry, RecordCache
from generator.records.kinds import RecordKind, kind_for
from generator.records.schema_errors import explain
from generator.records.texts import TEXT_SCANS
from generator.records.yamlio import ParseProblem, decode, parse

if TYPE_CHECKING:
    from generator.records.recordset import RecordSet

SCHEMA_COMMENT = "# yaml-language-server: $schema="
# stage, done, total: how far a long command has come (the CLI draws it, the core never prints)
Progress = Callable[[str, int, int], None]
STRAY = (
    "文件不在任何记录目录中（policy、catalog、institutions、applications、projects、classes、"
    "employment、payments、corrections，或 roles.yaml、prior_subsidies.yaml）。请移到正确目录"
)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hundreds of thousands of live models make every cyclic collection rescan them all
    (PERFORMANCE.md); bulk work allocates few cycles, so collection waits until it is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def schema_finding(path: str, message: str, loc: Loc = (), line: int | None = None,
                   severity: Severity = Severity.ERROR) -> Finding:
    return Finding(path=path, line=line, rule="SCHEMA", severity=severity, message=message, loc=loc)


@dataclass(frozen=True)
class Loaded:
    model: BaseModel | None
    tree: Any
    text: str | None
    findings: list[Finding]


def read_file(kind: RecordKind, path: str, data: bytes) -> Loaded:
    """Parse and validate one file's bytes into its model (or None), tree, text and SCHEMA findings."""
    text = decode(data)
    if isinstance(text, ParseProblem):
        return Loaded(None, None, None, [schema_finding(path, text.message, line=text.line)])
    tree = parse(text)
    if isinstance(tree, ParseProblem):
        return Loaded(None, None, text, [schema_finding(path, tree.message, line=tree.line)])
    findings: list[Finding] = []
    if not text.lstrip("\ufeff").startswith(SCHEMA_COMMENT):
        findings.append(schema_finding(
            path,
            f"第一行缺少 {SCHEMA_COMMENT}... 注释，编辑器将无法提示字段。"
            f"请加上指向 schemas/{kind.schema_file} 的注释",
            line=1, severity=Severity.WARNING,
        ))
    try:
        model = kind.model.model_validate(tree)
    except ValidationError as exc:
        findings.extend(schema_finding(path, explain(err, kind.model), loc=tuple(err["loc"])) for err in exc.errors())
        return Loaded(None, tree, text, findings)
    if kind.identity is not None:
        stem = PurePosixPath(path).stem
        value = tree.get(kind.identity)
        if value != stem:
            findings.append(schema_finding(
                path, f"{kind.identity} 为“{value}”，与文件名“{stem}”不一致。请使两者相同（文件名即记录编号）",
                loc=(kind.identity,),
            ))
    return Loaded(model, tree, text, findings)


def _scan(rs: RecordSet, cache: RecordCache | None, rel: str, key: str | None, path: str, text: str) -> None:
    for name, scan in TEXT_SCANS.items():
        result = scan(rel, text)
        rs.scan_results.setdefault(name, {})[path] = result
        if cache is not None and key is not None:
            cache.memo_put(name, rel, key, result)


def _from_cache(rs: RecordSet, cache: RecordCache, kind: RecordKind, rel: str, key: str, file: Path, path: str
                ) -> Loaded | None:
    entry = cache.entry(rel, key)
    if entry is None:
        return None
    try:
        model = kind.model.model_validate(entry.tree) if entry.tree is not None else None
    except ValidationError:
        return None
    if entry.has_text:
        for name, scan in TEXT_SCANS.items():
            result = cache.memo_get(name, rel, key)
            if result is None:  # a scan registered since the entry was written
                text = decode(file.read_bytes())
                result = scan(rel, text if isinstance(text, str) else "")
                cache.memo_put(name, rel, key, result)
            rs.scan_results.setdefault(name, {})[path] = result
    return Loaded(model, entry.tree, "" if entry.has_text else None, [replace(f, path=path) for f in entry.findings])


def _load_one(rs: RecordSet, cache: RecordCache | None, rel: str, file: Path, path: str, keep_tree: bool) -> None:
    kind = kind_for(PurePosixPath(rel))
    if kind is None:
        rs.load_findings.append(schema_finding(path, STRAY, line=1, severity=Severity.WARNING))
        return
    data: bytes | None = None
    key: str | None = None
    loaded: Loaded | None = None
    try:
        if cache is not None:
            if rel not in cache.keys:
                data = file.read_bytes()
            key = cache.key(rel, data)
            loaded = _from_cache(rs, cache, kind, rel, key, file, path)
        if loaded is None:
            data = data if data is not None else file.read_bytes()
    except OSError as exc:
        rs.load_findings.append(schema_finding(path, f"无法读取文件：{exc.strerror}", line=1))
        return
    if loaded is None:
        assert data is not None
        loaded = read_file(kind, path, data)
        if loaded.text is not None:
            _scan(rs, cache, rel, key, path, loaded.text)
        if cache is not None and key is not None:
            kept = loaded.tree if loaded.model is not None else None
            cache.put(rel, Entry(key, kept, tuple(replace(f, path="") for f in loaded.findings),
                                 loaded.text is not None))
    if key is not None:
        rs.file_keys[path] = (rel, key)
    if loaded.text is not None:
        rs.texts.add(path, file)
    rs.load_findings.extend(loaded.findings)
    errors = any(f.severity is Severity.ERROR for f in loaded.findings)
    if errors:
        rs.files_with_errors.add(path)
    if loaded.model is None or errors:
        rs.broken[kind.name].add(PurePosixPath(path).stem)
        return
    if keep_tree:
        rs.raw_trees[path] = copy.deepcopy(loaded.tree)
    rs.store(kind, loaded.model, path)


def load_into(rs: RecordSet, files: list[tuple[str, Path]], cache: RecordCache | None,
              display: Callable[[Path], str], progress: Progress | None = None) -> None:
    """Load `files` (relative path, path) into `rs`; corrections first (see the module docstring)."""
    ordered = sorted(files, key=lambda item: (not item[0].startswith("corrections/"), item[0]))
    total = len(ordered)
    step = max(1, total // 200)
    corrected: set[str] | None = None
    with paused_gc():
        for done, (rel, file) in enumerate(ordered, start=1):
            if corrected is None and not rel.startswith("corrections/"):
                corrected = {rec.model.class_ for rec in rs.corrections.values()}
            stem = PurePosixPath(rel).stem
            keep = rel.startswith("classes/") and corrected is not None and stem in corrected
            _load_one(rs, cache, rel, file, display(file), keep)
            if cache is not None:
                cache.leave(rel)
            if progress is not None and (done % step == 0 or done == total):
                progress("读取记录", done, total)
    if cache is not None:
        cache.save_entries()
        cache.save_memos()
