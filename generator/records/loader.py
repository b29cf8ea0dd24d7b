"""Reading every record file into a RecordSet, through the cache when there is one.

Per file: the content key (Git blob or SHA-256); on a cache hit the stored tree is validated into a
model again (cheaper than unpickling one) and its stored SCHEMA findings reused; on a miss the file
is read, parsed, validated and scanned, and the result stored. Corrections load first, so that the
raw trees of the classes they correct are kept for `amend` instead of being parsed a second time.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from pydantic import ValidationError

from generator.findings import Severity
from generator.records.cache import Entry, RecordCache
from generator.records.kinds import RecordKind, kind_for
from generator.records.parsing import (
    SCHEMA_COMMENT,
    Loaded,
    Parsed,
    finish,
    parse_in_pool,
    parse_one,
    read_file,
    read_record,
    relocated,
    schema_finding,
    workers_for,
)
from generator.records.texts import TEXT_SCANS
from generator.records.yamlio import decode

if TYPE_CHECKING:
    from generator.records.recordset import RecordSet

__all__ = ["SCHEMA_COMMENT", "Progress", "load_into", "read_file", "schema_finding"]

# stage, done, total: how far a long command has come (the CLI draws it, the core never prints)
Progress = Callable[[str, int, int], None]
STRAY = (
    "文件不在任何记录目录中（policy、catalog、calls、institutions、applications、projects、classes、"
    "employment、payments、corrections，或 roles.yaml、prior_subsidies.yaml）。请移到正确目录"
)


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
        missing = [name for name in TEXT_SCANS if name not in entry.scans]
        if missing:  # scans registered since the entry was written (or not when it was)
            text = decode(file.read_bytes())
            scans = dict(entry.scans)
            scans.update((name, TEXT_SCANS[name](rel, text if isinstance(text, str) else "")) for name in missing)
            entry = replace(entry, scans=scans)
            cache.put(rel, entry)
        for name, result in entry.scans.items():
            rs.scan_results.setdefault(name, {})[path] = result
    return Loaded(model, entry.tree, "" if entry.has_text else None, [replace(f, path=path) for f in entry.findings])


def _from_parsed(rs: RecordSet, cache: RecordCache | None, kind: RecordKind, parsed: Parsed, path: str) -> Loaded:
    model, findings = finish(kind, path, parsed.tree, relocated(parsed.findings, path))
    for name, result in parsed.scans.items():
        rs.scan_results.setdefault(name, {})[path] = result
    if cache is not None and parsed.key is not None:
        cache.keys[parsed.rel] = parsed.key
        kept = parsed.tree if model is not None else None
        cache.put(parsed.rel, Entry(parsed.key, kept, tuple(replace(f, path="") for f in findings), parsed.has_text,
                                    parsed.scans))
    return Loaded(model, parsed.tree, "" if parsed.has_text else None, findings)


def _load_one(rs: RecordSet, cache: RecordCache | None, rel: str, file: Path, path: str, keep_tree: bool,
              parsed: Parsed | None) -> None:
    kind = kind_for(PurePosixPath(rel))
    if kind is None:
        rs.load_findings.append(schema_finding(path, STRAY, line=1, severity=Severity.WARNING))
        return
    loaded: Loaded | None = None
    if parsed is None:
        data: bytes | None = None
        key: str | None = None
        try:
            if cache is not None:
                if rel not in cache.keys:
                    data = read_record(kind, file)
                key = cache.key(rel, data)
                loaded = _from_cache(rs, cache, kind, rel, key, file, path)
        except OSError as exc:
            rs.load_findings.append(schema_finding(path, f"无法读取文件：{exc.strerror}", line=1))
            return
        if loaded is None:
            parsed = parse_one(rel, file, key, cache is not None, data)
    if loaded is None:
        assert parsed is not None
        if parsed.error is not None:
            rs.load_findings.append(schema_finding(path, f"无法读取文件：{parsed.error}", line=1))
            return
        loaded = _from_parsed(rs, cache, kind, parsed, path)
    if cache is not None and rel in cache.keys:
        rs.file_keys[path] = (rel, cache.keys[rel])
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


def _pooled(ordered: list[tuple[str, Path]], cache: RecordCache | None, workers: int | None
            ) -> tuple[set[str], Generator[Parsed, None, None] | None]:
    """The files to parse in worker processes (those of folders the cache knows nothing of), and
    their results in order; none when there are too few to be worth a pool."""
    fresh = [(rel, file) for rel, file in ordered
             if kind_for(PurePosixPath(rel)) is not None and (cache is None or not cache.knows_folder(rel))]
    count = workers_for(len(fresh), workers)
    if count == 0:
        return set(), None
    items = [(rel, file, cache.keys.get(rel) if cache else None, cache is not None) for rel, file in fresh]
    return {rel for rel, _ in fresh}, parse_in_pool(items, count)


def load_into(rs: RecordSet, files: list[tuple[str, Path]], cache: RecordCache | None,
              display_root: str, progress: Progress | None = None, workers: int | None = None) -> None:
    """Load `files` (relative path, path) into `rs`; corrections first (see the module docstring).
    `display_root` is how the records folder is shown (findings' paths start with it); `workers`:
    processes to parse with (None: as many as cores when there is much to parse)."""
    prefix = "" if display_root == "." else display_root.rstrip("/") + "/"
    ordered = sorted(files, key=lambda item: (not item[0].startswith("corrections/"), item[0]))
    total = len(ordered)
    step = max(1, total // 200)
    corrected: set[str] | None = None
    pooled, results = _pooled(ordered, cache, workers)
    try:
        for done, (rel, file) in enumerate(ordered, start=1):
            if corrected is None and not rel.startswith("corrections/"):
                corrected = {rec.model.class_ for rec in rs.corrections.values()}
            stem = PurePosixPath(rel).stem
            keep = rel.startswith("classes/") and corrected is not None and stem in corrected
            parsed = next(results) if results is not None and rel in pooled else None
            assert parsed is None or parsed.rel == rel
            _load_one(rs, cache, rel, file, prefix + rel, keep, parsed)
            if cache is not None:
                cache.leave(rel)
            if progress is not None and (done % step == 0 or done == total):
                progress("读取记录", done, total)
    finally:
        if results is not None:
            results.close()  # a generator: closing it shuts the pool down
    if cache is not None:
        cache.save_entries()
        cache.save_memos()
