"""What the last validation left behind for the next one: every file's content key, the findings,
and a small summary of each class (`links.py`), enough to find which classes a change can reach
without building a single model.

Kept in the load cache's folder for the code version that wrote it (a new version of the code
starts over with a full run); a missing, truncated or foreign file is no state at all.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from typing import Any

from generator.findings import Finding
from generator.incremental.links import Links, summarise
from generator.records.cachelayer import CacheLayer
from generator.records.loaded import LoadResult

VERSION = 3
FILE = "incremental.pickle"


@dataclass
class State:
    """The inputs and the outcome of one validation run (as-of date, display root, sealed rosters:
    `params`), with what the incremental path needs of the record set it judged."""

    params: tuple[str, ...]
    keys: dict[str, str]  # relative path -> content key, every file
    files: int  # the report's file count
    findings: list[Finding]  # placed and sorted, as the report holds them
    classes: Links  # every class that loaded (corrected): project, end date, trainees and certificates
    broken: dict[str, set[str]]  # kind name -> identities of files that exist but did not load
    broken_paths: set[str]  # display paths of files with SCHEMA errors or without a model
    corrected: set[str]  # class ids that a correction names (applied or not)
    terminated: set[str]  # project ids that are terminated (status or record)
    applications: dict[str, str] = field(default_factory=dict)  # project id -> application id


def capture(loaded: LoadResult, params: tuple[str, ...], keys: dict[str, str], files: int,
            findings: list[Finding]) -> State:
    """The state of a full run over `loaded`."""
    rs = loaded.records
    broken_paths = set(loaded.files_with_errors)
    stored = {rec.path for rec in rs.all_records()}
    broken_paths.update(f.path for f in loaded.load_findings if f.path not in stored)
    return State(
        params=params, keys=dict(keys), files=files, findings=list(findings),
        classes=Links.build((cid, summarise(rec.model, pay.model if (pay := rs.payments.get(cid)) else None))
                            for cid, rec in rs.classes.items()),
        broken={kind: set(ids) for kind, ids in rs.broken.items() if ids},
        broken_paths=broken_paths,
        corrected={rec.model.class_ for rec in rs.corrections.values()},
        terminated={pid for pid, rec in rs.projects.items()
                    if rec.model.status == "terminated" or rec.model.terminated is not None},
        applications={pid: rec.model.application for pid, rec in rs.projects.items()},
    )


def read_state(cache: CacheLayer) -> State | None:
    where = cache.beside(FILE)
    if where is None:
        return None
    try:
        with where.open("rb") as fh:
            stored: Any = pickle.load(fh)
    except Exception:  # missing, truncated or foreign: no state
        return None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == VERSION and isinstance(stored[1], State):
        return stored[1]
    return None


def write_state(cache: CacheLayer, state: State) -> None:
    target = cache.beside(FILE)
    if target is None:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump((VERSION, state), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, target)
