"""What a change did to the money: the settlement of two revisions, compared class by class.

A reviewer or an auditor asks not only what a commit changed but what it changed in what is owed:
`本次修改后，班次 P2026-001-02 应拨 +2,600.00 元（首期）`. Both sides are settled by the same
arithmetic as `peixun settle` (`settlement/arithmetic.py`), as of ONE date (the change's), so the
difference is the change's alone and never the calendar's. Every class whose figures differ is
listed, not only the classes in the changed files: a unit price moves every class of its project,
and a certificate can move another class's subsidy count through the per-person cap.

The records of a revision are read from Git objects (no checkout), each file parsed and validated
once per blob id (a file of an older record format brought to today's in memory,
`migrate.reading`), and a revision's settlement is kept by the id of its records tree, so an audit
over a long history settles each distinct state of the records once. Validation holds are not
applied here (that needs the whole rule run per revision): the figures are what the records
compute to; `peixun settle` on the merged result remains the paper that pays.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import GitError
from generator.findings import Severity
from generator.gitrepo import GitRepo
from generator.mdtext import md_text
from generator.migrate import read_current
from generator.numbers import yuan
from generator.records.amend import apply_corrections
from generator.records.kinds import kind_for
from generator.records.loaded import LoadResult
from generator.records.parsing import Loaded
from generator.records.record_set import Record, RecordSet
from generator.settlement.arithmetic import PHASES, ClassSettlement, compute

PHASE_WORDS = {"first": "首期", "remainder": "剩余补贴", "bonus": "跟补"}
ZERO = Decimal("0.00")
MAX_CLASSES = 20  # classes told in words; the JSON lists every one


@dataclass(frozen=True)
class Figures:
    """One class's money as of a date: per phase what is due now, what the phase amounts to
    (due or not yet), and what was paid."""

    project: str
    institution: str
    due: dict[str, Decimal]
    amount: dict[str, Decimal]
    paid: dict[str, Decimal]

    @classmethod
    def of(cls, s: ClassSettlement) -> Figures:
        return cls(s.project, s.institution, {p: s.due_for(p) for p in PHASES},
                   {p: s.phases[p].amount for p in PHASES}, dict(s.paid_by_phase))


NONE = Figures("", "", dict.fromkeys(PHASES, ZERO), dict.fromkeys(PHASES, ZERO), dict.fromkeys(PHASES, ZERO))


@dataclass(frozen=True)
class ClassDelta:
    """How one class's money moved: (phase, what, before, after) for each figure that changed;
    `what` is due (应拨), amount (the phase's amount, not yet due) or paid (已拨)."""

    class_id: str
    project: str
    institution: str
    moves: tuple[tuple[str, str, Decimal, Decimal], ...]

    @property
    def due_change(self) -> Decimal:
        return sum((after - before for _p, what, before, after in self.moves if what == "due"), ZERO)

    def lines(self) -> list[str]:
        words = {"due": "应拨", "amount": "待定金额", "paid": "已拨"}
        return [f"本次修改后，班次 {self.class_id} {words[what]} {signed(after - before)}（{PHASE_WORDS[phase]}）"
                f"：{yuan(before)} → {yuan(after)}" for phase, what, before, after in self.moves]

    def as_dict(self) -> dict[str, Any]:
        return {"class": self.class_id, "project": self.project, "institution": self.institution,
                "changes": [{"phase": p, "figure": w, "before": f"{b:.2f}", "after": f"{a:.2f}",
                             "delta": f"{a - b:.2f}"} for p, w, b, a in self.moves]}


def signed(value: Decimal) -> str:
    """+2,600.00 元 / -520.00 元."""
    return ("+" if value >= 0 else "-") + yuan(abs(value))


@dataclass(frozen=True)
class MoneyDelta:
    as_of: dt.date
    classes: tuple[ClassDelta, ...]
    # files of either side that do not load (today's formats, or a broken file): their classes are
    # missing from that side's figures, so a delta beside them may be a loading difference
    broken_before: tuple[str, ...] = ()
    broken_after: tuple[str, ...] = ()

    @property
    def due_change(self) -> Decimal:
        return sum((c.due_change for c in self.classes), ZERO)

    @property
    def comparable(self) -> bool:
        """Whether both sides loaded the same files: a file readable on one side only (a record
        format that changed, a file broken or mended) moves whole classes in or out of a side, and
        a delta beside that would tell a loading difference as money."""
        return set(self.broken_before) == set(self.broken_after)

    def lines(self, max_classes: int = MAX_CLASSES) -> list[str]:
        if not self.comparable:
            unread = sorted(set(self.broken_before) ^ set(self.broken_after))
            return [f"金额对比从略：{len(unread)} 个记录文件只在修改前或修改后能够读取（{'、'.join(unread[:3])}"
                    f"{' 等' if len(unread) > 3 else ''}），两侧结算的班次不同，无法逐项比较"]
        found = [line for c in self.classes[:max_classes] for line in c.lines()]
        if len(self.classes) > max_classes:
            found.append(f"……另有 {len(self.classes) - max_classes} 个班次的金额有变化（完整列表见 --format json）")
        return found

    def as_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "comparable": self.comparable, "due_change": f"{self.due_change:.2f}",
                "classes": [c.as_dict() for c in self.classes], "unreadable_before": list(self.broken_before),
                "unreadable_after": list(self.broken_after)}


def compare(before: dict[str, Figures], after: dict[str, Figures], as_of: dt.date,
            broken_before: tuple[str, ...] = (), broken_after: tuple[str, ...] = ()) -> MoneyDelta:
    found = []
    for class_id in sorted(before.keys() | after.keys()):
        old, new = before.get(class_id, NONE), after.get(class_id, NONE)
        moves = tuple(
            (phase, what, getattr(old, what)[phase], getattr(new, what)[phase])
            for phase in PHASES for what in ("due", "amount", "paid")
            if getattr(old, what)[phase] != getattr(new, what)[phase]
            # a phase amount that is due is told as 应拨; its amount is told only while not due
            and not (what == "amount" and (old.due[phase] or new.due[phase]))
        )
        if moves:
            known = new if class_id in after else old
            found.append(ClassDelta(class_id, known.project, known.institution, moves))
    return MoneyDelta(as_of, tuple(found), broken_before, broken_after)


class Ledger:
    """The records of revisions of one repository, read from Git objects and settled; files are
    parsed once per blob id and each records tree settled once per date."""

    def __init__(self, git: GitRepo, records: str) -> None:
        self.git = git
        self.records = records
        self._loaded: dict[str, Loaded] = {}  # blob id -> the file as loading reads it
        self._trees: dict[str, dict[str, str]] = {}  # tree id -> path -> blob id
        self._figures: dict[tuple[str, dt.date], tuple[dict[str, Figures], list[str]]] = {}

    def tree_id(self, rev: str) -> str:
        """The id of the records folder's tree at `rev` ("" when there is none)."""
        return self.git.object_id(f"{rev}:{self.records}" if self.records else f"{rev}^{{tree}}") or ""

    def files(self, tree: str, prefix: str = "") -> dict[str, str]:
        """Path below the records folder -> blob id, for every regular file of `tree`; a subtree is
        listed once per id, so a revision that changed one class file lists four small trees."""
        if tree not in self._trees:
            found: dict[str, str] = {}
            for mode, name, sha in self.git.tree_entries(tree):
                if mode == "40000":
                    found.update({f"{name}/{rel}": blob for rel, blob in self.files(sha).items()})
                elif mode in ("100644", "100755"):
                    found[name] = sha
            self._trees[tree] = found
        return self._trees[tree]

    def record_set(self, tree: str) -> tuple[RecordSet, list[str]]:
        """The records of the records tree `tree` as loading gives them (broken files left out,
        corrections applied), and the paths of the files that did not load."""
        listed = [(rel, blob, kind) for rel, blob in self.files(tree).items()
                  if (kind := kind_for(PurePosixPath(rel))) is not None]
        fresh = {blob: (rel, kind) for rel, blob, kind in listed if blob not in self._loaded}
        for blob, data in self.git.blobs(fresh).items():
            rel, kind = fresh[blob]
            self._loaded[blob] = read_current(kind, self._shown(rel), data)  # an older format read as today's
        out = LoadResult(RecordSet(root=Path(self.records or ".")))
        broken: list[str] = []
        corrected: set[str] | None = None
        for rel, blob, kind in sorted(listed, key=lambda item: (not item[0].startswith("corrections/"), item[0])):
            loaded = self._loaded[blob]
            if loaded.model is None or any(f.severity is Severity.ERROR for f in loaded.findings):
                out.records.broken[kind.name].add(PurePosixPath(rel).stem)
                broken.append(self._shown(rel))
                continue
            if corrected is None and not rel.startswith("corrections/"):
                corrected = {c.model.class_ for c in out.records.corrections.values()}
            if kind.name == "class" and corrected and PurePosixPath(rel).stem in corrected:
                out.raw_trees[self._shown(rel)] = copy.deepcopy(loaded.tree)  # corrections amend a fresh tree
            out.records.add(Record(kind, self._shown(rel), loaded.model))
        apply_corrections(out)
        out.records.index()
        return out.records, broken

    def _shown(self, rel: str) -> str:
        return f"{self.records}/{rel}" if self.records else rel

    def figures(self, rev: str, as_of: dt.date) -> tuple[dict[str, Figures], list[str]]:
        """Every settled class's figures at `rev` as of `as_of`, and the files that did not load."""
        tree = self.tree_id(rev)
        if not tree:
            return {}, []
        key = (tree, as_of)
        if key not in self._figures:
            records, broken = self.record_set(tree)
            settlement = compute(records, as_of)
            self._figures[key] = ({s.class_id: Figures.of(s) for s in settlement.classes}, broken)
        return self._figures[key]

    def delta(self, before: str | None, after: str, as_of: dt.date) -> MoneyDelta:
        """What going from revision `before` (None: nothing) to `after` did to the money, as of `as_of`."""
        old, old_broken = self.figures(before, as_of) if before else ({}, [])
        new, new_broken = self.figures(after, as_of)
        return compare(old, new, as_of, tuple(old_broken), tuple(new_broken))


def merged_tree(git: GitRepo, base: str, head: str) -> str | None:
    """The root tree that merging `head` into `base` would give (`git merge-tree --write-tree`, no
    work tree touched), None when the merge has conflicts or this Git cannot tell."""
    try:
        out = git.run("merge-tree", "--write-tree", "--no-messages", base, head)
    except GitError:
        return None
    first = out.split("\n", 1)[0].strip()
    return first if len(first) in (40, 64) and all(c in "0123456789abcdef" for c in first) else None


def money_delta(repo_path: Path, base: str, head: str, records: str, as_of: dt.date) -> MoneyDelta:
    """What merging `head` into `base` would do to the money, as of `as_of`: the base's settlement
    against the merged result's (the pull request's own changes against the fork point when the
    merge has conflicts)."""
    with GitRepo(repo_path) as git:
        base_sha, head_sha = git.resolve(base), git.resolve(head)
        ledger = Ledger(git, records)
        merged = merged_tree(git, base_sha, head_sha)
        if merged is not None:
            return ledger.delta(base_sha, merged, as_of)
        fork = git.merge_base(base_sha, head_sha)
        return ledger.delta(fork, head_sha, as_of)


def delta_markdown(delta: MoneyDelta) -> str:
    """The pull-request comment's money section: the total change of what is owed, then each class."""
    lines = [f"**合并后应拨金额变化：{md_text(signed(delta.due_change))}**"
             f"（按 {delta.as_of.isoformat()} 结算，未计校验暂缓的班次）", ""]
    moved = delta.lines()
    lines += [f"- {md_text(line)}" for line in moved] if moved else ["本次修改不改变任何班次的结算金额。"]
    return "\n".join(lines) + "\n"
