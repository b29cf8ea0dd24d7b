"""Reading every record file of a folder into a `LoadResult`, through the cache's entries when
there is one (`cachelayer.CacheLayer.load` is the way in; this module is what it wraps).

Per file: the content key (Git blob or SHA-256); on a cache hit the stored tree is validated into a
model again (cheaper than unpickling one) and its stored SCHEMA findings reused; on a miss the file
is read, parsed, validated and scanned, and the result stored. Corrections load first, so that the
raw trees of the classes they correct are kept for `amend` instead of being parsed a second time.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Collection, Generator
from dataclasses import replace
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from generator.errors import RecordsDirError
from generator.findings import Finding, Severity
from generator.records.amend import apply_corrections
from generator.records.cache import Entry, RecordCache
from generator.records.contentkeys import walk_records
from generator.records.kinds import RecordKind, kind_for, path_problem
from generator.records.loaded import LoadResult
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
from generator.records.record_set import Record, RecordSet
from generator.records.sealed_files import list_sealed
from generator.records.texts import TEXT_SCANS
from generator.records.yamlio import decode

__all__ = ["SCHEMA_COMMENT", "Progress", "display_path", "load_folder", "load_into", "read_file", "schema_finding"]

# stage, done, total: how far a long command has come (the CLI draws it, the core never prints)
Progress = Callable[[str, int, int], None]
STRAY = (
    "文件不在任何记录目录中（policy、catalog、calls、institutions、applications、projects、classes、"
    "employment、payments、corrections，或 roles.yaml、prior_subsidies.yaml）。请移到正确目录"
)


def _from_cache(out: LoadResult, cache: RecordCache, kind: RecordKind, rel: str, key: str, file: Path, path: str
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
            out.scan_results.setdefault(name, {})[path] = result
    return Loaded(model, entry.tree, "" if entry.has_text else None, [replace(f, path=path) for f in entry.findings])


def _from_parsed(out: LoadResult, cache: RecordCache | None, kind: RecordKind, parsed: Parsed, path: str) -> Loaded:
    model, findings = finish(kind, path, parsed.tree, relocated(parsed.findings, path))
    for name, result in parsed.scans.items():
        out.scan_results.setdefault(name, {})[path] = result
    if cache is not None and parsed.key is not None:
        cache.keys[parsed.rel] = parsed.key
        kept = parsed.tree if model is not None else None
        cache.put(parsed.rel, Entry(parsed.key, kept, tuple(replace(f, path="") for f in findings), parsed.has_text,
                                    parsed.scans))
    return Loaded(model, parsed.tree, "" if parsed.has_text else None, findings)


def _load_one(out: LoadResult, cache: RecordCache | None, rel: str, file: Path, path: str, keep_tree: bool,
              parsed: Parsed | None) -> None:
    kind = kind_for(PurePosixPath(rel))
    if kind is None:
        out.load_findings.append(schema_finding(path, path_problem(rel) or STRAY, line=1))
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
                loaded = _from_cache(out, cache, kind, rel, key, file, path)
        except OSError as exc:
            out.load_findings.append(schema_finding(path, f"无法读取文件：{exc.strerror}", line=1))
            return
        if loaded is None:
            parsed = parse_one(rel, file, key, cache is not None, data)
    if loaded is None:
        assert parsed is not None
        if parsed.error is not None:
            out.load_findings.append(schema_finding(path, f"无法读取文件：{parsed.error}", line=1))
            return
        loaded = _from_parsed(out, cache, kind, parsed, path)
    if cache is not None and rel in cache.keys:
        out.file_keys[path] = (rel, cache.keys[rel])
    if loaded.text is not None:
        out.texts.add(path, file)
    out.load_findings.extend(loaded.findings)
    errors = any(f.severity is Severity.ERROR for f in loaded.findings)
    if errors:
        out.files_with_errors.add(path)
    if loaded.model is None or errors:
        out.records.broken[kind.name].add(PurePosixPath(path).stem)
        return
    if keep_tree:
        out.raw_trees[path] = copy.deepcopy(loaded.tree)
    first = out.records.add(Record(kind, path, loaded.model))
    if first is not None:
        out.load_findings.append(schema_finding(
            path, f"编号“{PurePosixPath(path).stem}”与 {first.path} 重复。每条记录的编号必须唯一", line=1
        ))


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


def load_into(out: LoadResult, files: list[tuple[str, Path]], cache: RecordCache | None,
              display_root: str, progress: Progress | None = None, workers: int | None = None) -> None:
    """Load `files` (relative path, path) into `out`; corrections first (see the module docstring).
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
                corrected = {rec.model.class_ for rec in out.records.corrections.values()}
            stem = PurePosixPath(rel).stem
            keep = rel.startswith("classes/") and corrected is not None and stem in corrected
            parsed = next(results) if results is not None and rel in pooled else None
            assert parsed is None or parsed.rel == rel
            _load_one(out, cache, rel, file, prefix + rel, keep, parsed)
            if cache is not None:
                cache.leave(rel)
            if progress is not None and (done % step == 0 or done == total):
                progress("读取记录", done, total)
    finally:
        if results is not None:
            results.close()  # a generator: closing it shuts the pool down
    if cache is not None:
        cache.save_entries()


def display_path(file: Path) -> str:
    """Paths as a user types them from the repository root (and as GitHub annotations need)."""
    try:
        rel = os.path.relpath(file)
    except ValueError:
        return file.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else file.as_posix()


def load_folder(root: Path, store: RecordCache | None, progress: Progress | None = None, workers: int | None = None,
                overrides: dict[str, Path] | None = None, only: Collection[str] | None = None) -> LoadResult:
    """Every record under `root`, through `store`'s entries when given: parse, validate, index,
    list the sealed files, apply the corrections. Bad files become findings; only a missing
    folder is an error. `overrides` maps a path relative to `root` to a file read in its place;
    `only` keeps the files with these relative paths (a part of the folder, for
    generator.incremental)."""
    if not root.exists():
        raise RecordsDirError(f"记录目录不存在：{root}")
    if not root.is_dir():
        raise RecordsDirError(f"不是目录：{root}")
    loaded = LoadResult(RecordSet(root=root))
    files, strays = (store.files, store.strays) if store is not None else walk_records(root)
    if overrides:
        files = _overridden(files, overrides, store)
    if only is not None:
        wanted = set(only)
        files = [(rel, file) for rel, file in files if rel in wanted]
    load_into(loaded, files, store, display_path(root), progress, workers)
    if only is None:
        loaded.load_findings.extend(stray_findings(strays, display_path(root)))
    loaded.sealed = list_sealed(root, display_path(root))
    apply_corrections(loaded)
    loaded.records.index()
    return loaded


def stray_findings(strays: list[tuple[str, bool]], shown: str) -> list[Finding]:
    """A SCHEMA error for each file or folder that may not be under records/ (`kinds.path_problem`),
    the same refusal `check-changes` makes (CHG-PATH): what validation cannot read must not be there."""
    prefix = "" if shown == "." else shown.rstrip("/") + "/"
    found = []
    for rel, folder in strays:
        problem = path_problem(rel, folder) or "此处不能有文件。请删除"
        found.append(schema_finding(prefix + rel + ("/" if folder else ""), problem, line=None if folder else 1))
    return found


def _overridden(files: list[tuple[str, Path]], overrides: dict[str, Path], store: RecordCache | None
                ) -> list[tuple[str, Path]]:
    """The file list with candidates in place of (or beside) the files on disk; the cache keys a
    candidate by its own content, never by the key of the file it replaces."""
    listed = {rel for rel, _ in files}
    if store is not None:
        for rel in overrides:
            store.keys.pop(rel, None)
    replaced = [(rel, overrides.get(rel, file)) for rel, file in files]
    return sorted(replaced + [(rel, file) for rel, file in overrides.items() if rel not in listed])
