"""What entered the ledger after its project was terminated, by the ledger's own order (settle).

The pull-request check and after-merge refuse a class, a roster row or an employment month attached
to a terminated project (CHG-TERMINATED, `gitops/ledgertime.py`); but after-merge fails only after
the merge, and settle runs on what `main` holds. So settle asks the ledger itself: along the
first-parent line of the records' repository (one step per merge), the commit that first recorded
the project's termination comes before or after the commit that brought the class, the row or the
month. That order is the history of `main`, which no record and no commit date can change (dates
are never read here). What came after is held, not paid, until the bureau removes it or corrects
the ledger. A class the termination commit itself brought is the bureau's own act and is not held.

Outside a Git repository, or in a shallow clone that lacks the history, nothing can be ordered and
nothing is held here (settle.yml fetches the whole history).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import GitError
from generator.gitrepo import GitRepo, open_repo
from generator.holds import Hold
from generator.records.record_set import RecordSet
from generator.records.yamlio import ParseProblem, decode, parse

RULE = "CHG-TERMINATED"


@dataclass
class _Line:
    """The first-parent line of the records, oldest first."""

    commits: list[str] = field(default_factory=list)
    class_added: dict[str, int] = field(default_factory=dict)  # class id → step of its (last) addition
    paths: dict[tuple[str, str], str] = field(default_factory=dict)  # (folder, stem) → repository path
    project_steps: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # id → (step, path)


def attached_after_termination(records_dir: Path, rs: RecordSet) -> list[Hold]:
    """Holds for every class of a terminated project that entered the ledger, or gained a roster
    row or an employment month, after the commit that recorded the termination."""
    stopped = {pid: r for pid, r in rs.projects.items() if r.model.terminated is not None}
    if not stopped or not records_dir.is_dir() or open_repo(records_dir) is None:
        return []
    with GitRepo(records_dir) as git:
        if git.run("rev-parse", "--is-shallow-repository").strip() == "true":
            return []
        prefix = git.relative(records_dir)
        try:
            line = _first_parent_line(git, prefix)
        except GitError:
            return []  # no commit yet
        holds: list[Hold] = []
        for pid in sorted(stopped):
            found = _termination_step(git, line, pid)
            if found is None:
                continue
            step, on = found
            for cid in sorted(c for c, r in rs.classes.items() if r.model.project == pid):
                holds.extend(_after(git, line, rs, cid, pid, step, on))
    return holds


def _first_parent_line(git: GitRepo, prefix: str) -> _Line:
    folders = [f"{prefix}/{name}" if prefix else name for name in ("projects", "classes", "employment")]
    out = git.log("--first-parent", "--diff-merges=first-parent", "--reverse", "--no-renames", "--format=@%H",
                  "--name-status", "HEAD", "--", *folders)
    line = _Line()
    for text in out.splitlines():
        if text.startswith("@"):
            line.commits.append(text[1:])
            continue
        status, _, path = text.partition("\t")
        if not path.endswith((".yaml", ".yml")) or not line.commits:
            continue
        step, stem, parent = len(line.commits) - 1, PurePosixPath(path).stem, PurePosixPath(path).parent.parent.name
        if status[:1] in ("A", "M"):
            line.paths[(parent, stem)] = path
        if parent == "classes":
            if status.startswith("A"):
                line.class_added[stem] = step
            elif status.startswith("D"):
                line.class_added.pop(stem, None)
        elif parent == "projects" and status[:1] in ("A", "M"):
            line.project_steps.setdefault(stem, []).append((step, path))
    return line


def _tree(raw: bytes | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    text = decode(raw)
    tree = parse(text) if not isinstance(text, ParseProblem) else text
    return tree if isinstance(tree, dict) else None


def _blob(git: GitRepo, commit: str, path: str | None) -> dict[str, Any] | None:
    """The file `path` as it was at `commit` (None where it did not exist)."""
    if path is None:
        return None
    try:
        blob = git.run("rev-parse", "--verify", "--quiet", f"{commit}:{path}").strip()
    except GitError:
        return None
    return _tree(git.blobs([blob]).get(blob))


def _current(git: GitRepo, path: str | None) -> dict[str, Any] | None:
    """The file `path` as the work tree holds it now (what settle reads)."""
    file = Path(git.root, *PurePosixPath(path).parts) if path else None
    return _tree(file.read_bytes()) if file is not None and file.is_file() else None


def _termination_step(git: GitRepo, line: _Line, pid: str) -> tuple[int, str] | None:
    """The first step whose version of the project records a termination, and its date as written."""
    for step, path in line.project_steps.get(pid, []):
        data = _blob(git, line.commits[step], path) or {}
        term = data.get("terminated")
        if isinstance(term, dict):
            return step, str(term.get("on"))
    return None


def _people(data: dict[str, Any] | None, key: str) -> set[str]:
    items = (data or {}).get(key)
    return {str(i.get("person")) for i in items if isinstance(i, dict)} if isinstance(items, list) else set()


def _months(data: dict[str, Any] | None) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    items = (data or {}).get("records")
    for record in items if isinstance(items, list) else []:
        if isinstance(record, dict) and isinstance(record.get("pension_months"), list):
            found.update((str(record.get("person")), str(m)) for m in record["pension_months"])
    return found


def _after(git: GitRepo, line: _Line, rs: RecordSet, cid: str, pid: str, step: int, on: str) -> list[Hold]:
    record = rs.classes[cid]
    where = f"项目 {pid} 已于 {on} 终止（账本第 {step + 1} 个提交 {line.commits[step][:7]} 记录终止，通知 五(二)）"
    added = line.class_added.get(cid)
    if added is not None and added > step:
        return [Hold(cid, RULE, record.path, f"{where}，班次 {cid} 在此之后（第 {added + 1} 个提交 "
                                            f"{line.commits[added][:7]}）才进入账本，暂不结算。请市人社局核查并撤回")]
    if added is None:
        return []  # its addition is not on the first-parent line (history rewritten): nothing to order
    holds = []
    at_stop = line.commits[step]
    class_path = line.paths.get(("classes", cid))
    then_class = _blob(git, at_stop, class_path)
    new_people = sorted(_people(_current(git, class_path), "trainees") - _people(then_class, "trainees"))
    if then_class is not None and new_people:
        more = f" 等 {len(new_people)} 人" if len(new_people) > 1 else ""
        holds.append(Hold(cid, RULE, record.path, f"{where}，班次 {cid} 在终止之后新增了参训人员 {new_people[0]}{more}"
                                                  "，暂不结算。请市人社局核查并撤回"))
    employment = rs.employment.get(cid)
    emp_path = line.paths.get(("employment", cid))
    if employment is not None and emp_path is not None:
        new_months = sorted(_months(_current(git, emp_path)) - _months(_blob(git, at_stop, emp_path)))
        if new_months:
            person, month = new_months[0]
            holds.append(Hold(cid, RULE, employment.path, f"{where}，终止之后为 {person} 新增了缴费月份 {month}"
                                                          f"{' 等' if len(new_months) > 1 else ''}，暂不结算。"
                                                          "请市人社局核查并撤回"))
    return holds


__all__ = ["attached_after_termination"]
