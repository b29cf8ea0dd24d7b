"""Validation after a few changed class, employment or payments files, without judging the rest again.

A pull request usually changes one class's roster, its employment follow-up or its payments. A
full validation of a city's records rebuilds every model and runs every rule, although almost
every finding is the same as the last run's. This module re-runs only what a change can reach,
and takes every other finding from the last run (`state.py` keeps it in the load cache).

What a change can reach comes from each rule's declared scope (`generator/rules/registry.py`).
With X the class ids whose class, employment or payments file changed:

- ``class`` rules are re-run for the units of X (a unit: the class, employment and payments files
  of one class id);
- ``project`` rules for the units of every class of X's projects, old and new (G);
- ``person`` rules for the units of every class sharing a trainee, a certificate or a payment
  voucher with the old or the new version of a class of X (A); their findings on a class B need every class of B's own
  trainees and certificates too, so those are loaded as well (the closure), though not judged;
- ``tables`` rules cannot change, and are not run.

Everything else falls back to a full run (`plan` says why): no previous run; another date, display
root, sealed roster or code version; a file added or removed; a changed file that is not a class,
employment or payments file, or that is broken (now or before); a duplicate identity among those
files; a rule scoped ``global``; a changed class that a correction names (``correction``); a
changed class whose end date or project changed (``institution``: INST-ENGAGEMENT); a class of A
in a terminated project (``call``: BUDGET-EXPOSURE reads the settlement of those); more changed
files than `Tuning.incremental_max_changed`.

The closure is loaded as a record set of its own (models only for its files, from the cache), the
rules that can change run over it, their findings on the judged units replace the last run's, and
the lines of the new findings are placed as in a full run. tests/test_incremental.py proves the
result equal to a full run's (same findings, same order, same lines) over random edits.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.findings import Finding, Severity, sort_findings
from generator.incremental.links import ClassSummary, Links, summarise
from generator.incremental.state import State, capture, read_state, write_state
from generator.records.cachelayer import CacheLayer
from generator.records.kinds import KINDS, KINDS_BY_NAME
from generator.records.loaded import LoadResult
from generator.records.loader import display_path
from generator.records.parsing import read_file, read_record
from generator.records.sealed_files import list_sealed, sealed_fingerprint
from generator.records.training import Payments, TrainingClass
from generator.rules import REGISTRY, Context, Rule
from generator.runtime import tuning

__all__ = ["Fallback", "Plan", "closure_records", "plan", "remember", "revalidate"]

UNIT_KINDS = ("class", "employment", "payments")
JUDGED = ("class", "project", "person")  # scopes re-run over the closure
# kinds every closure loads whole: reference data and corrections (few files, read by many rules)
WHOLE_KINDS = ("policy", "catalog", "roles", "prior_subsidies", "correction")

Place = Callable[[LoadResult, list[Finding]], list[Finding]]


@dataclass(frozen=True)
class Fallback:
    """A full run is needed, and why (for tests and for whoever wonders why a run was slow)."""

    reason: str


@dataclass(frozen=True)
class Plan:
    """What an incremental run judges and loads."""

    state: State
    keys: dict[str, str]
    changed: tuple[str, ...]  # relative paths
    summaries: Links  # every class, the changed ones in their new version
    judged: dict[str, frozenset[str]]  # scope -> class ids whose units that scope's rules judge again
    closure: frozenset[str]  # class ids to load
    files: tuple[str, ...]  # relative paths to load
    units: dict[str, list[str]]  # class id -> its class, employment and payments files (every class)


def params(cache: CacheLayer, as_of: dt.date) -> tuple[str, ...]:
    root = display_path(cache.root)
    return as_of.isoformat(), root, sealed_fingerprint(list_sealed(cache.root, root)), cache.strays_fingerprint()


def _prefix(records_dir: Path) -> str:
    root = display_path(records_dir)
    return "" if root == "." else root.rstrip("/") + "/"


_FOLDERS = {k.folder: k.name for k in KINDS if k.folder is not None}
_SINGLE = {k.single_file: k.name for k in KINDS if k.single_file is not None}


def kind_name(rel: str) -> str | None:
    """`kind_for(rel).name` by string operations (tens of thousands of paths per run)."""
    if not rel.endswith((".yaml", ".yml")):
        return None
    if rel in _SINGLE:
        return _SINGLE[rel]
    head, sep, _ = rel.partition("/")
    return _FOLDERS.get(head) if sep else None


def stem(rel: str) -> str:
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


@dataclass(frozen=True)
class _Files:
    """The record files by kind and identity (the file stem), from the file list alone."""

    units: dict[str, list[str]]  # class id -> its class, employment and payments files
    by_kind: dict[str, dict[str, list[str]]]  # kind name -> stem -> relative paths

    @classmethod
    def of(cls, rels: list[str]) -> _Files:
        by_kind: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        units: dict[str, list[str]] = defaultdict(list)
        for rel in rels:
            name = kind_name(rel)
            if name is None:
                continue
            identity = stem(rel)
            by_kind[name][identity].append(rel)
            if name in UNIT_KINDS:
                units[identity].append(rel)
        return cls(units, by_kind)

    def duplicated(self) -> str | None:
        for name in UNIT_KINDS:
            for stem, rels in self.by_kind.get(name, {}).items():
                if len(rels) > 1:
                    return stem
        return None


def plan(cache: CacheLayer, as_of: dt.date) -> Plan | Fallback:
    """What an incremental run would judge, or why a full run is needed. Reads the changed files
    (a few models) to know their new version; nothing else is built."""
    records_dir = cache.root
    state = read_state(cache)
    if state is None:
        return Fallback("no previous run in the cache")
    if state.params != params(cache, as_of):
        return Fallback("another as-of date, display root, sealed roster or stray file")
    global_rules = [r.id for r in REGISTRY.values() if r.scope == "global"]
    if global_rules:
        return Fallback(f"rules scoped global: {', '.join(global_rules)}")
    keys = cache.keys()
    if keys.keys() != state.keys.keys():
        return Fallback("a file was added or removed")
    changed = tuple(sorted(rel for rel, key in keys.items() if state.keys[rel] != key))
    if len(changed) > tuning().incremental_max_changed:
        return Fallback(f"{len(changed)} files changed")
    files = _Files.of(list(keys))
    prefix = _prefix(records_dir)
    for rel in changed:
        if kind_name(rel) not in UNIT_KINDS:
            return Fallback(f"{rel} is not a class, employment or payments file")
        if prefix + rel in state.broken_paths:
            return Fallback(f"{rel} did not load in the previous run")
    duplicate = files.duplicated()
    if duplicate is not None:
        return Fallback(f"two class, employment or payments files for {duplicate}")
    touched = {stem(rel) for rel in changed}
    if touched & state.corrected:
        return Fallback(f"a correction names {', '.join(sorted(touched & state.corrected))}")
    models: dict[str, object] = {}
    for rel in changed:
        model = _model(records_dir, rel)
        if model is None:
            return Fallback(f"{rel} does not load")
        models[rel] = model
    new: dict[str, ClassSummary] = {}
    for cid in touched:
        # a class's links hold its payments' vouchers too: the new summary of a class whose class
        # or payments file changed is made from both files as they are now
        unit = {kind_name(rel): rel for rel in files.units.get(cid, ())}
        class_rel, pay_rel = unit.get("class"), unit.get("payments")
        if class_rel is None or (class_rel not in models and state.classes.get(cid) is None):
            continue  # no class (REF), or one that did not load before (never linked)
        if class_rel not in changed and pay_rel not in changed:
            continue  # only the employment file changed: the links are the same
        cls = models.get(class_rel) or _model(records_dir, class_rel)
        pay = (models.get(pay_rel) or _model(records_dir, pay_rel)) if pay_rel is not None else None
        if not isinstance(cls, TrainingClass) or (pay is not None and not isinstance(pay, Payments)):
            return Fallback(f"the class or payments file of {cid} does not load")
        new[cid] = summarise(cls, pay)
    return _scope(state, keys, changed, touched, files, new)


def _model(records_dir: Path, rel: str) -> object | None:
    """The model of one record file, or None when it does not load without an error."""
    kind = KINDS_BY_NAME[kind_name(rel) or ""]
    try:
        loaded = read_file(kind, rel, read_record(kind, records_dir / rel))
    except OSError:
        return None
    if loaded.model is None or any(f.severity is Severity.ERROR for f in loaded.findings):
        return None
    return loaded.model


def _scope(state: State, keys: dict[str, str], changed: tuple[str, ...], touched: set[str], files: _Files,
           new: dict[str, ClassSummary]) -> Plan | Fallback:
    old = {cid: s for cid in touched if (s := state.classes.get(cid)) is not None}
    for cid, summary in new.items():
        before = old.get(cid)
        if before is not None and (before.end_on != summary.end_on or before.project != summary.project):
            return Fallback(f"class {cid} changed its end date or project (INST-ENGAGEMENT)")
    summaries = state.classes.with_changes(new)
    versions = [*old.values(), *new.values()]
    reached = summaries.sharing(h for s in versions for h in s.links) | touched  # A
    now = {cid: s for cid in reached if (s := summaries.get(cid)) is not None}
    for cid in sorted(reached):
        projects = {s.project for s in (old.get(cid), now.get(cid)) if s is not None}
        if projects & state.terminated:
            return Fallback(f"class {cid} belongs to a terminated project (BUDGET-EXPOSURE)")
    group = summaries.of_projects({s.project for s in versions}) | touched  # G
    closure = reached | group | summaries.sharing(h for s in now.values() for h in s.links)
    rels: set[str] = set()
    for cid in closure:
        rels.update(files.units.get(cid, ()))
    needed_projects = {s.project for cid in closure if (s := summaries.get(cid)) is not None}
    needed_apps = {state.applications[p] for p in needed_projects if p in state.applications}
    for kind, stems in (("project", needed_projects), ("application", needed_apps)):
        for identity in stems:
            rels.update(files.by_kind.get(kind, {}).get(identity, ()))
    for kind in WHOLE_KINDS:
        for found in files.by_kind.get(kind, {}).values():
            rels.update(found)
    judged = {"class": frozenset(touched), "project": frozenset(group), "person": frozenset(reached)}
    return Plan(state, keys, changed, summaries, judged, frozenset(closure), tuple(sorted(rels)), files.units)


def closure_records(cache: CacheLayer, planned: Plan) -> LoadResult:
    """The records of the closure: its classes' units, their projects and applications, the
    reference data and the corrections; files known not to load count as broken, as in a full run."""
    loaded = cache.load(only=planned.files, workers=0)
    for kind, ids in planned.state.broken.items():
        loaded.records.broken[kind] |= ids
    return loaded


def revalidate(cache: CacheLayer, as_of: dt.date, place: Place) -> tuple[int, list[Finding]] | None:
    """The file count and the findings of a full validation, computed incrementally; None when a
    full run is needed (see `plan`). `place` resolves the lines of new findings (as a full run does)."""
    if not cache.enabled:
        return None
    planned = plan(cache, as_of)
    if isinstance(planned, Fallback):
        return None
    state = planned.state
    loaded = closure_records(cache, planned)
    ctx = Context(loaded, as_of)
    prefix = _prefix(cache.root)
    paths = {scope: {prefix + rel for cid in ids for rel in planned.units.get(cid, ())}
             for scope, ids in planned.judged.items()}
    rerun: list[Rule] = [r for r in REGISTRY.values() if r.scope in JUDGED]
    judged_by = {r.id: paths[r.scope] for r in rerun}
    fresh = [f for r in rerun for f in r.run(ctx) if f.path in judged_by[r.id]]
    kept = [f for f in state.findings if not (f.rule in judged_by and f.path in judged_by[f.rule])]
    findings = sort_findings(kept + place(loaded, fresh))
    state = replace(state, keys=planned.keys, findings=findings, classes=planned.summaries)
    write_state(cache, state)
    return state.files, findings


def remember(cache: CacheLayer, as_of: dt.date, loaded: LoadResult, files: int, findings: list[Finding]) -> None:
    """Keep a full run's outcome for the next incremental one."""
    if cache.enabled:
        write_state(cache, capture(loaded, params(cache, as_of), cache.keys(), files, findings))
