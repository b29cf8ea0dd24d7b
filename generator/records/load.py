"""The record set, loaded: the way in for every command that reads a records folder.

`load` gives everything loading produced (`loaded.LoadResult`: the tables and the findings,
texts, keys and files beside them); `load_records` only the tables (`record_set.RecordSet`), for the
many callers that read records and nothing else. Both go through the cache layer
(`cachelayer.CacheLayer`), which a run that also judges the records opens itself.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from generator.findings import Finding
from generator.records.cache import RecordCache
from generator.records.cachelayer import CacheLayer
from generator.records.kinds import KINDS, RecordKind
from generator.records.loaded import LoadResult
from generator.records.loader import SCHEMA_COMMENT, Progress, display_path, read_file, schema_finding
from generator.records.record_set import Record, RecordSet


def load_file(kind: RecordKind, path: str, data: bytes) -> tuple[BaseModel | None, str | None, list[Finding]]:
    """Parse and validate one file. Returns the model (or None), the text, and SCHEMA findings."""
    loaded = read_file(kind, path, data)
    return loaded.model, loaded.text, loaded.findings


def load(root: Path, *, cache: RecordCache | bool = True, cache_dir: Path | None = None,
         progress: Progress | None = None, workers: int | None = None,
         overrides: dict[str, Path] | None = None) -> LoadResult:
    """Load every record under `root`. Bad files become findings; the tool itself fails only when
    there is no folder to read.

    With `cache` (the default; `.cache/peixun/` beside `root`, or `cache_dir`; or a store of one's
    own), files whose content was read before by the same code are not parsed again (cache.py).
    `progress(stage, done, total)` hears how far loading has come. Many files to parse are parsed
    by `workers` processes (default: one per core; 0 parses in this process). `overrides` maps a
    file's path relative to `root` to another file read in its place (a candidate version, judged
    before it is written)."""
    layer = CacheLayer(root, cache) if isinstance(cache, RecordCache) else CacheLayer.open(root, cache, cache_dir)
    return layer.load(progress=progress, workers=workers, overrides=overrides)


def load_records(root: Path, *, cache: RecordCache | bool = True, cache_dir: Path | None = None,
                 progress: Progress | None = None, workers: int | None = None,
                 overrides: dict[str, Path] | None = None) -> RecordSet:
    """The record tables of `load` (same arguments), for callers that need nothing else."""
    return load(root, cache=cache, cache_dir=cache_dir, progress=progress, workers=workers,
                overrides=overrides).records


__all__ = [
    "KINDS", "SCHEMA_COMMENT", "LoadResult", "Record", "RecordSet", "display_path", "load", "load_file",
    "load_records", "schema_finding",
]
