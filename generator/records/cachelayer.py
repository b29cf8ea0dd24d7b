"""The cache as storage beside the two costly steps of a run: loading, and the rule run.

    run:  day ─▶ key = cache.judgement_key(day) ─▶ cache.get_judgement(key) ──hit──▶ stored findings
                                                        │ miss                    (nothing loaded)
                                                        ▼
                  the rules run (generator.pipeline), lines placed with cache.memo()
                                                        ▼
                                    cache.put_judgement(key, judgement)

The layer never judges and never calls back into validation: it loads files and gets and puts
what a run computed, and the one judging function (`generator.pipeline.run`) decides what to
ask. It is passed through enabled or not (a disabled layer loads the same way, finds nothing and
stores nothing), and nobody opens the store (`cache.RecordCache`) but this layer and the loader.
The interface, which is all a caller may rely on:

- `CacheLayer.open(root, enabled, directory)`: the layer for one records folder.
- `load(progress=, workers=, overrides=) -> LoadResult`: the folder loaded through the per-file
  entries (a file whose content key is unchanged is not parsed again).
- `judgement_key(as_of) -> str | None`: what a whole rule run over the folder on this date
  depends on (every file's content key, the sealed files, the files that may not be there, the
  date, how paths are displayed, and the code through the store's fingerprint); None when the
  layer is disabled or the last load read candidate files (`load(overrides=...)`: a run over
  candidates is neither looked up nor stored). Compute it before judging, and put under it.
- `get_judgement(key) -> Judgement | None` and `put_judgement(key, judgement)`: the stored
  whole-run findings for those inputs (a `Judgement` is only returned for inputs equal to those
  it was put under), and storing them.
- `memo() -> Memo`: per-file values kept with each file's content (`Memo.get/put`, e.g. resolved
  finding lines); `save_memos()` writes them.
- `blob_diffs()` / `save_blob_diffs()`: the site history's field diffs between two Git blobs.
- for generator.incremental: `load(only=...)` loads a part of the folder through the same
  entries, `keys()` gives every file's content key, and `beside(name)` a file of its own in the
  store's folder for this code version (None when the layer is disabled).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any, NamedTuple

from generator.findings import Finding
from generator.records.cache import RecordCache
from generator.records.contentkeys import walk_records
from generator.records.loaded import LoadResult
from generator.records.loader import Progress, display_path, load_folder
from generator.records.sealed_files import list_sealed, sealed_fingerprint


class Judgement(NamedTuple):
    """What a rule run gives: how many record files it judged, and its findings (lines placed)."""

    files: int
    findings: list[Finding]


class Memo:
    """Per-file values kept with each file's content, by name; a miss is None. `file_key` is the
    (relative path, content key) pair of `LoadResult.file_keys`; without one nothing is kept."""

    def __init__(self, store: RecordCache | None) -> None:
        self._store = store

    def get(self, name: str, file_key: tuple[str, str] | None) -> Any:
        return self._store.memo_get(name, *file_key) if self._store is not None and file_key else None

    def put(self, name: str, file_key: tuple[str, str] | None, value: Any) -> None:
        if self._store is not None and file_key:
            self._store.memo_put(name, *file_key, value)


class CacheLayer:
    """One records folder's cache, as the layer the pipeline passes through (see the module
    docstring for the contract)."""

    def __init__(self, root: Path, store: RecordCache | None) -> None:
        self.root = root
        self._store = store
        self._candidates = False  # the last load read candidate files in place of the folder's

    @classmethod
    def open(cls, root: Path, enabled: bool = True, directory: Path | None = None) -> CacheLayer:
        """The layer for `root`: `.cache/peixun/` beside it, or `directory`; disabled when asked
        to be, or when there is no folder (loading then says why)."""
        return cls(root, RecordCache(root, directory) if enabled and root.is_dir() else None)

    @property
    def enabled(self) -> bool:
        return self._store is not None

    def load(self, *, progress: Progress | None = None, workers: int | None = None,
             overrides: dict[str, Path] | None = None, only: Collection[str] | None = None) -> LoadResult:
        self._candidates = bool(overrides)
        return load_folder(self.root, self._store, progress, workers, overrides, only)

    def keys(self) -> dict[str, str]:
        """Every file's content key, by path relative to the folder (empty when disabled)."""
        return dict(self._store.all_keys()) if self._store is not None else {}

    def beside(self, name: str) -> Path | None:
        """A file named `name` in the store's folder for this code version, for a store of one's own."""
        return self._store.dir / name if self._store is not None else None

    def judgement_key(self, as_of: dt.date) -> str | None:
        """The key a whole rule run on `as_of` is stored under (see the module docstring); None
        when nothing may be looked up or stored."""
        if self._store is None or self._candidates:
            return None
        return self._run_key(self._store, as_of)

    def get_judgement(self, key: str | None) -> Judgement | None:
        stored = self._store.findings_get(key) if self._store is not None and key is not None else None
        return Judgement(*stored) if stored is not None else None

    def put_judgement(self, key: str | None, judgement: Judgement) -> None:
        if self._store is not None and key is not None and not self._candidates:
            self._store.findings_put(key, judgement.files, judgement.findings)

    def memo(self) -> Memo:
        """The per-file memos (a disabled layer's keeps nothing)."""
        return Memo(self._store)

    def save_memos(self) -> None:
        if self._store is not None:
            self._store.save_memos()

    def _run_key(self, store: RecordCache, as_of: dt.date) -> str:
        """What a whole rule run depends on: every file's content (and the code, through the
        store's fingerprint), the names, sizes and first lines of sealed rosters, the date, and
        how paths are displayed."""
        shown = display_path(self.root)
        sealed = sealed_fingerprint(list_sealed(self.root, shown))
        return store.run_key("validate", as_of.isoformat(), shown, sealed, self.strays_fingerprint())

    def strays_fingerprint(self) -> str:
        """What may not be under the folder but is (hidden files and folders, other extensions),
        as loading reports it: part of a run's inputs, though no record."""
        strays = self._store.strays if self._store is not None else walk_records(self.root)[1]
        return "\n".join(f"{rel}\0{int(folder)}" for rel, folder in strays)

    # -- the site history's diffs between two blobs -------------------------------------------------
    def blob_diffs(self) -> dict[tuple[str, str], Any]:
        return self._store.blob_diffs() if self._store is not None else {}

    def save_blob_diffs(self, diffs: dict[tuple[str, str], Any]) -> None:
        if self._store is not None:
            self._store.save_blob_diffs(diffs)
