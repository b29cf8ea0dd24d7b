"""The cache's store in `.cache/peixun/`: what a file gave when it was last read, keyed by its content.

This is the storage under `cachelayer.CacheLayer`, the one interface the pipeline uses; only the
loader (per-file entries) and the layer (whole-run findings, memos, blob diffs) call it.

Four stores, each valid only for the code fingerprint that wrote it (`contentkeys`):

- entries, one shard per folder: for each file the parsed YAML tree, its SCHEMA findings and its
  text scans' results, so a
  file whose content key is unchanged is not parsed again. The tree, not the pydantic model, is
  kept: validating a tree again is faster than unpickling a model (measured), and every rule still
  runs on freshly built models, so a cross-record finding can never come from a stale file.
- per-file memos (resolved finding lines), keyed by path and content key.
- whole-run findings, keyed by every file's content key, the as-of date and the display root: a
  run whose inputs are all unchanged returns the findings without loading anything.
- for the site's change history, the fields changed between two Git blobs with their old and new
  values (none under a trainee's pseudonym), keyed by the two blob ids (contents, so an entry
  never goes stale).

Nothing here can hide a finding: every lookup is by content, a missing or unreadable cache file is
a miss, and writes are atomic (a concurrent run sees the old file or the new one).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.findings import Finding
from generator.records.contentkeys import code_fingerprint, git_keys, sha256_key, walk_records
from generator.runtime import tuning


@dataclass(frozen=True)
class Entry:
    """What reading one file gave: its tree (None when it could not be validated), its SCHEMA
    findings with an empty path, whether it decoded as text, and what the text scans found (kept
    here rather than among the memos, so that one changed file rewrites one folder's shard)."""

    key: str
    tree: Any
    findings: tuple[Finding, ...]
    has_text: bool
    scans: dict[str, Any] = field(default_factory=dict)  # registered text scans' results, by name


def default_dir(root: Path) -> Path:
    """`.cache/peixun` beside the records folder, i.e. at the repository root for `records/`."""
    return root.resolve().parent / ".cache" / "peixun"


def _atomic_write(target: Path, payload: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, target)


def _read(source: Path) -> Any:
    try:
        with source.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file is a miss, never an error
        return None


def _mtime(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:  # removed by a concurrent run
        return 0.0


def _folder(rel: str) -> str:
    return rel.rpartition("/")[0]


class RecordCache:
    """One records folder's cache for one version of the code."""

    def __init__(self, root: Path, directory: Path | None = None, fingerprint: str | None = None) -> None:
        self.root = root
        fingerprint = fingerprint or code_fingerprint()
        where = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]
        base = directory or default_dir(root)
        self.dir = base / f"{where}-{fingerprint[:16]}"
        self._base, self._where, self._fingerprint = base, where, fingerprint
        self.files: list[tuple[str, Path]]
        self.strays: list[tuple[str, bool]]
        self.files, self.strays = walk_records(root)
        self.keys: dict[str, str] = git_keys(root)
        self._shards: dict[str, dict[str, Entry]] = {}
        self._dirty_shards: set[str] = set()
        self._present = {rel for rel, _ in self.files}
        self._current: str | None = None
        self._known: dict[str, bool] = {}
        self._memo: dict[tuple[str, str, str], Any] | None = None
        self._memo_dirty = False

    # -- content keys ---------------------------------------------------------------------------
    def key(self, rel: str, data: bytes | None = None) -> str:
        """The content key of `rel`; reads the file unless Git vouched for it or `data` is given."""
        known = self.keys.get(rel)
        if known is None:
            known = sha256_key(data if data is not None else (self.root / rel).read_bytes())
            self.keys[rel] = known
        return known

    def all_keys(self) -> list[tuple[str, str]]:
        out = []
        for rel, _file in self.files:
            try:
                out.append((rel, self.key(rel)))
            except OSError:
                out.append((rel, "unreadable"))
        return out

    # -- entries --------------------------------------------------------------------------------
    def _shard_path(self, folder: str) -> Path:
        return self.dir / "entries" / (hashlib.sha256(folder.encode()).hexdigest()[:20] + ".pickle")

    def knows_folder(self, rel: str) -> bool:
        """Whether a shard exists for the folder of `rel` (if not, every file there is a miss)."""
        folder = _folder(rel)
        if folder not in self._known:
            self._known[folder] = folder in self._shards or self._shard_path(folder).is_file()
        return self._known[folder]

    def _shard(self, folder: str) -> dict[str, Entry]:
        if folder not in self._shards:
            stored = _read(self._shard_path(folder))
            ok = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == folder
            self._shards[folder] = stored[1] if ok else {}
        return self._shards[folder]

    def entry(self, rel: str, key: str) -> Entry | None:
        found = self._shard(_folder(rel)).get(rel)
        return found if isinstance(found, Entry) and found.key == key else None

    def put(self, rel: str, entry: Entry) -> None:
        folder = _folder(rel)
        self._shard(folder)[rel] = entry
        self._dirty_shards.add(folder)

    def leave(self, rel: str) -> None:
        """The loader moved on to `rel`: write and forget the previous folder's shard, so that the
        trees of one folder at a time stay in memory."""
        folder = _folder(rel)
        if self._current is not None and self._current != folder:
            self._close(self._current)
        self._current = folder

    def _close(self, folder: str) -> None:
        shard = self._shards.pop(folder, None)
        if shard is None:
            return
        kept = {rel: e for rel, e in shard.items() if rel in self._present}
        if folder in self._dirty_shards or len(kept) != len(shard):
            _atomic_write(self._shard_path(folder), (folder, kept))
        self._dirty_shards.discard(folder)

    def save_entries(self) -> None:
        """Write the shards still open, and drop caches of this folder from other code versions."""
        for folder in list(self._shards):
            self._close(folder)
        self._current = None
        self._prune_other_versions()

    def _prune_other_versions(self) -> None:
        """Caches of this folder written by other code versions can never be read again."""
        if not self._base.is_dir():
            return
        for other in self._base.iterdir():
            if other.name.startswith(self._where + "-") and other != self.dir:
                shutil.rmtree(other, ignore_errors=True)

    # -- per-file memos -------------------------------------------------------------------------
    def _memos(self) -> dict[tuple[str, str, str], Any]:
        if self._memo is None:
            stored = _read(self.dir / "memo.pickle")
            self._memo = stored if isinstance(stored, dict) else {}
        return self._memo

    def memo_get(self, name: str, rel: str, key: str) -> Any:
        return self._memos().get((name, rel, key))

    def memo_put(self, name: str, rel: str, key: str, value: Any) -> None:
        self._memos()[(name, rel, key)] = value
        self._memo_dirty = True

    def save_memos(self) -> None:
        if not self._memo_dirty or self._memo is None:
            return
        current = set(self.keys.items())
        kept = {k: v for k, v in self._memo.items() if (k[1], k[2]) in current}
        _atomic_write(self.dir / "memo.pickle", kept)
        self._memo_dirty = False

    # -- history diffs --------------------------------------------------------------------------
    def blob_diffs(self) -> dict[tuple[str, str], Any]:
        stored = _read(self.dir / "blob-diffs.pickle")
        return stored if isinstance(stored, dict) else {}

    def save_blob_diffs(self, diffs: dict[tuple[str, str], Any]) -> None:
        _atomic_write(self.dir / "blob-diffs.pickle", diffs)

    # -- whole-run findings ---------------------------------------------------------------------
    def run_key(self, *parts: str) -> str:
        """A digest of every file's content key and the run's own parameters."""
        digest = hashlib.sha256("\0".join(parts).encode())
        for rel, key in self.all_keys():
            digest.update(f"{rel}\0{key}\n".encode())
        return digest.hexdigest()

    def findings_get(self, run_key: str) -> tuple[int, list[Finding]] | None:
        stored = _read(self.dir / "runs" / f"{run_key[:32]}.pickle")
        if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == run_key:
            return stored[1], stored[2]
        return None

    def findings_put(self, run_key: str, files: int, findings: Iterable[Finding]) -> None:
        runs = self.dir / "runs"
        _atomic_write(runs / f"{run_key[:32]}.pickle", (run_key, files, list(findings)))
        for stale in sorted(runs.glob("*.pickle"), key=_mtime, reverse=True)[tuning().cache_runs_kept:]:
            stale.unlink(missing_ok=True)
