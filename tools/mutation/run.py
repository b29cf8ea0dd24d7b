"""tools/mutate: mutation testing of the code that decides money (issue 30), with mutmut 3.8.

What it does, in order:

1. copies the working tree (tracked and untracked files Git does not ignore) to WORKDIR/src, so
   mutmut's `mutants/` and its caches never touch the checkout;
2. registers the rules after their definition in that copy only (undecorate.py), so that mutmut,
   which skips decorated functions, sees every `@rule` body;
3. runs `mutmut run` there over TARGETS with TESTS (nice'd by the shell script);
4. reads every mutant's result and diff, names each by a stable identity (module.function: the line
   before ⇒ the line after, not a line number or mutmut's counter), removes the survivors that
   tools/mutate-equivalents.toml judges equivalent (each with its reason), and writes the score per
   target and the surviving mutants to WORKDIR/report.md and WORKDIR/report.json;
5. keeps each part's mutants in WORKDIR/PART/results.json, so that parts run in separate jobs are
   scored together with `--combine DIR` (the weekly workflow).

Exit status 1 when a target scores below --min-score, when a mutant was not run, or when an entry of
the equivalents file was killed (then it was not equivalent) or matches no mutant any more (stale).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import asdict, dataclass, field
from fnmatch import fnmatch
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from undecorate import undecorate_tree  # noqa: E402

EQUIVALENTS = ROOT / "tools" / "mutate-equivalents.toml"



@dataclass(frozen=True)
class Part:
    """One mutmut run: some files of a target, with the tests that reach them. A validation test
    calls every rule and the whole settlement, so one test list for everything would make each
    surviving mutant of the payment list also run every price test; each part has its own."""

    target: str  # the row of the score table
    name: str
    files: tuple[str, ...]  # globs relative to the repository root
    tests: tuple[str, ...]


SETTLEMENT, RULES = "generator/settlement/", "money rules"
ARITHMETIC = ("generator/settlement/arithmetic.py", "generator/settlement/months.py")
FIGURES = tuple(f"generator/settlement/{m}.py" for m in ("capital", "report_rows", "payment_list", "budget"))
PARTS = (
    Part(SETTLEMENT, "arithmetic", ARITHMETIC, (
        "tests/settlement", "tests/rules/test_employment_payment.py", "tests/rules/test_payments.py",
        "tests/rules/test_in_time.py", "tests/rules/test_certificates.py")),
    Part(SETTLEMENT, "figures", FIGURES, (
        "tests/settlement/test_capital.py", "tests/settlement/test_payment_list.py",
        "tests/settlement/test_report_rows.py", "tests/settlement/test_artifacts.py", "tests/settlement/test_holds.py",
        "tests/settlement/test_roster_seal.py", "tests/budget")),
    Part(SETTLEMENT, "report", tuple(f"generator/settlement/{m}.py" for m in (
        "report", "report_entries", "summary", "wording", "provenance", "artifacts", "cells")), (
        "tests/settlement",)),
    Part(SETTLEMENT, "files", tuple(f"generator/settlement/{m}.py" for m in ("paper", "xlsx", "payment_list_files")), (
        "tests/settlement",)),
    Part(RULES, "rules", ("generator/rules/employment_payment.py", "generator/rules/pricing.py"), (
        "tests/rules/test_employment_payment.py", "tests/rules/test_payments.py", "tests/rules/test_in_time.py",
        "tests/rules/test_certificates.py", "tests/rules/test_project.py", "tests/rules/test_application.py",
        "tests/settlement/test_money_edges.py")),
)
TARGETS = (SETTLEMENT, RULES)

KILLED = {"killed", "timeout", "caught by type check", "segfault"}  # the tests noticed (a crash is noticed)
NOT_RUN = {"not checked", "check was interrupted by user", "skipped"}


@dataclass
class Mutant:
    name: str  # mutmut's name, for `mutmut show NAME` in WORKDIR/src
    path: str
    function: str  # module.function or module.Class.method
    identity: str  # function: before ⇒ after, stable across unrelated edits
    status: str
    diff: str
    equivalent: str | None = None  # the reason, when judged equivalent
    part: str = ""


@dataclass
class Tally:
    mutants: int = 0
    killed: int = 0
    survived: int = 0
    equivalent: int = 0
    not_run: int = 0
    survivors: list[Mutant] = field(default_factory=list)

    @property
    def score(self) -> float:
        judged = self.mutants - self.equivalent - self.not_run
        return 100.0 * self.killed / judged if judged else 100.0


def _listed() -> list[str]:
    """The working tree as Git sees it: tracked and untracked files, ignored ones left out."""
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         check=True, capture_output=True).stdout.decode("utf-8").split("\0")
    return [rel for rel in out if rel and (ROOT / rel).is_file() and not rel.startswith((".mutate/", "mutants/"))]


def code_digest(globs: list[str]) -> str:
    """What the mutants are made from: the files of the working tree mutmut mutates."""
    digest = hashlib.sha256()
    for rel in sorted(r for r in _listed() if any(fnmatch(r, g) for g in globs)):
        digest.update(rel.encode() + b"\0" + (ROOT / rel).read_bytes() + b"\0")
    return digest.hexdigest()


def copy_tree(work: Path, globs: list[str], *, again: bool = False) -> Path:
    """The working tree in WORKDIR/src. `again`: keep the copy and mutmut's results, bring in
    everything but the mutated files as it is now (tests, and the rest of generator/ that today's
    tests expect); the mutated files must not have changed."""
    src = work / "src"
    if not again and src.exists():
        shutil.rmtree(src)
    for rel in _listed():
        if again and any(fnmatch(rel, g) for g in globs):
            continue  # the mutated files stay as mutmut made its mutants of them (checked unchanged)
        target = src / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    (work / "code.sha256").write_text(code_digest(globs) + "\n")
    return src


# Appended to the copy's tests/conftest.py only. mutmut runs a mutant's tests with -x in the order of
# a set, so a mutant the quickest test kills often waited for the slowest first; fastest first, by
# the durations mutmut measured, makes a killed mutant cost about its quickest killing test.
FASTEST_FIRST = """

# -- added by tools/mutate in its copy only: run a mutant's tests fastest first (see run.py) --
_mutate_durations: dict[str, float] = {}
_mark_slow = pytest_collection_modifyitems


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:  # noqa: F811
    import json as _json

    _mark_slow(items)

    stats = Path("mutmut-stats.json")
    if not _mutate_durations and stats.exists():
        _mutate_durations.update(_json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {}))
    if _mutate_durations:
        items.sort(key=lambda item: _mutate_durations.get(item.nodeid, float("inf")))
"""


def write_config(src: Path, only: list[str], tests: list[str]) -> None:
    """mutmut's settings, in the copy's pyproject.toml only, and its tests ordered fastest first."""
    conftest = src / "tests" / "conftest.py"
    if FASTEST_FIRST not in conftest.read_text(encoding="utf-8"):
        with conftest.open("a", encoding="utf-8") as f:
            f.write(FASTEST_FIRST)
    top = sorted({p.name for p in src.iterdir()} - {"generator", "tests", "pyproject.toml", "mutants"})
    lines = [
        "",
        "[tool.mutmut]",
        'source_paths = ["generator"]',
        f"only_mutate = {json.dumps(only)}",
        f"also_copy = {json.dumps(top)}",
        f"pytest_add_cli_args_test_selection = {json.dumps([*tests, '-m', 'not slow'])}",
        # the suite's own settings stay (filterwarnings = error); no cache writes from the children
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]',
        "use_git_change_detection = false",
        "",
    ]
    with (src / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write("\n".join(lines))


def _function_of(name: str) -> tuple[str, str]:
    """(module, function) of a mutant name such as generator.rules.employment_payment.x_payment_over__mutmut_3."""
    mangled = name.partition("__mutmut_")[0]
    module, _, func = mangled.rpartition(".")
    if func.startswith("xǁ"):
        _, cls, method = func.split("ǁ")
        return module, f"{cls}.{method}"
    return module, func.removeprefix("x_")


def _squash(lines: list[str]) -> str:
    return " / ".join(re.sub(r"\s+", " ", line).strip() for line in lines if line.strip())


def identity_of(function: str, diff: str) -> str:
    """`module.function: before ⇒ after` from the lines the mutation changed."""
    before = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    after = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return f"{function}: {_squash(before)} ⇒ {_squash(after)}"


def read_results(src: Path) -> list[Mutant]:
    """Every mutant with its status and diff, from mutmut's own files in WORKDIR/src/mutants."""
    os.chdir(src)
    from mutmut.configuration import reset_config
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    reset_config()  # mutmut reads its settings once per process, from the working directory
    found: list[Mutant] = []
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        seen: Counter[str] = Counter()
        for name in sorted(data.exit_code_by_key, key=lambda n: int(n.rpartition("_")[2])):
            module, func = _function_of(name)
            diff = get_diff_for_mutant(name, path=path)
            identity = identity_of(f"{module}.{func}", diff)
            seen[identity] += 1
            if seen[identity] > 1:  # the same change twice in one function: numbered in source order
                identity += f" [{seen[identity]}]"
            found.append(Mutant(name, str(path), f"{module}.{func}", identity,
                                status_by_exit_code[data.exit_code_by_key[name]], diff))
    return found


def load_equivalents(path: Path) -> dict[str, str]:
    """identity -> reason, from the equivalents file."""
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    judged: dict[str, str] = {}
    for entry in data.get("equivalent", []):
        mutant, reason = entry.get("mutant"), entry.get("reason", "")
        if not mutant or not reason.strip():
            raise SystemExit(f"{path}: every [[equivalent]] needs `mutant` and a written `reason` ({entry})")
        if mutant in judged:
            raise SystemExit(f"{path}: {mutant} is listed twice")
        judged[mutant] = reason.strip()
    return judged


def tally(mutants: list[Mutant], equivalents: dict[str, str], made: list[Mutant]) -> tuple[Tally, list[str]]:
    """Counts for one target's measured mutants, and what is wrong with the equivalents file for the
    functions mutmut mutated (`made`: every mutant it made of them, measured or not)."""
    problems: list[str] = []
    by_identity = {m.identity: m for m in mutants}
    for identity, reason in equivalents.items():
        m = by_identity.get(identity)
        if m is None:
            continue
        if m.status in KILLED:
            problems.append(f"judged equivalent but killed (the judgement is wrong): {identity}")
        elif m.status not in NOT_RUN:
            m.equivalent = reason
    mutated_functions = {m.function for m in made}
    made_identities = {m.identity for m in made}
    for identity in equivalents:
        if identity not in made_identities and identity.partition(": ")[0] in mutated_functions:
            problems.append(f"no such mutant any more (stale entry in the equivalents file): {identity}")
    t = Tally()
    for m in mutants:
        t.mutants += 1
        if m.status in KILLED:
            t.killed += 1
        elif m.status in NOT_RUN:
            t.not_run += 1
        elif m.equivalent:
            t.equivalent += 1
        else:
            t.survived += 1  # survived, no tests, suspicious: nothing noticed the change
            t.survivors.append(m)
    return t, problems


def report(tallies: dict[str, Tally], problems: list[str], seconds: float, tests: dict[str, list[str]],
           sampled: int | None) -> str:
    out = [
        "# Mutation score of the money (tools/mutate)",
        "",
        f"mutmut 3.8, {seconds / 60:.0f} min"
        + (f", a random sample of {sampled} mutants per part" if sampled else "")
        + ". Tests (not slow) per part: " + "; ".join(f"`{t}`: {' '.join(ts)}" for t, ts in tests.items()) + ".",
        "",
        "| target | mutants | killed | survived | equivalent | not run | score |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, t in tallies.items():
        out.append(f"| `{name}` | {t.mutants} | {t.killed} | {t.survived} | {t.equivalent} | {t.not_run} "
                   f"| {t.score:.1f} % |")
    out += ["", "Score: killed / (mutants − equivalent − not run); a timeout counts as killed. "
            "Equivalents, each with its reason: tools/mutate-equivalents.toml.", ""]
    if problems:
        out += ["## Problems", "", *(f"- {p}" for p in problems), ""]
    for name, t in tallies.items():
        if not t.survivors:
            continue
        out += [f"## Surviving mutants in `{name}`", ""]
        for m in t.survivors:
            out += [f"### {m.identity}", "", f"`{m.name}` ({m.status}; `cd .mutate/{m.part}/src && "
                    f"../../../.venv/bin/mutmut show {m.name}`)", "", "```diff", m.diff, "```", ""]
    return "\n".join(out)


def mutant_names(src: Path, globs: list[str]) -> list[str]:
    """Every mutant mutmut will make of the files matching `globs` in `src` (to draw a sample from)."""
    from mutmut.configuration import reset_config
    from mutmut.mutation.file_mutation import mutate_file_contents

    names = []
    here = Path.cwd()
    os.chdir(src)  # mutmut reads its settings from the working directory
    reset_config()
    try:
        for path in sorted((src / "generator").rglob("*.py")):
            rel = path.relative_to(src).as_posix()
            if any(fnmatch(rel, g) for g in globs):
                module = rel.removesuffix(".py").replace("/", ".")
                made = mutate_file_contents(rel, path.read_text(encoding="utf-8"), None, None)
                names += [f"{module}.{n}" for n in made.mutant_names]
    finally:
        os.chdir(here)
    return names


def run_part(part: Part, work: Path, globs: list[str], tests: list[str], children: int, picked: list[str],
             sample: int | None, seed: int, again: bool) -> Path | None:
    """Copy, rewrite, configure and run mutmut for one part; the copy it ran in (None: nothing to run).

    `again` runs the last run's survivors again with the tests as they are now, keeping every other
    result: tests only added since cannot revive a killed mutant, and mutmut traces the new tests
    before it runs. Refused when a mutated file changed since (the mutants would differ)."""
    name = part.name
    src = work / name / "src"
    if again:
        stamp = work / name / "code.sha256"
        if not src.exists() or not stamp.exists() or stamp.read_text().strip() != code_digest(globs):
            raise SystemExit(f"tools/mutate: {' '.join(globs)} changed since the last run of {name}: "
                             "run it without --again")
        here = Path.cwd()
        try:
            survivors = [m.name for m in read_results(src) if m.status not in KILLED | NOT_RUN]
        finally:
            os.chdir(here)
        picked = [*picked, *survivors]
        if not picked:
            return None
        copy_tree(work / name, globs, again=True)
        write_config(src, globs, tests)
        undecorate_tree(src / "generator" / "rules")
    else:
        src = copy_tree(work / name, globs)
        undecorate_tree(src / "generator" / "rules")
        write_config(src, globs, tests)
    if sample:
        import random

        names = mutant_names(src, globs)
        picked = sorted(random.Random(seed).sample(names, min(sample, len(names))))
    if not again:  # what this run measures: a sample, the named mutants, or (no file) every mutant
        measured = work / name / "measured.json"
        measured.unlink(missing_ok=True)
        if picked:
            measured.write_text(json.dumps({"sample": sample, "seed": seed, "mutants": picked}, indent=1) + "\n")
    run = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *picked]
    print(f"tools/mutate: {part.target} {name}: mutmut run ({len(picked) or 'all'} mutants) in {src}", flush=True)
    log = work / f"{name}.log"
    with log.open("wb") as out:
        status = subprocess.run(run, cwd=src, stdout=out, stderr=subprocess.STDOUT).returncode
    if status != 0:
        raise SystemExit(f"tools/mutate: mutmut exited {status} for {name}; see {log}")
    return src


def part_results(part: Part, work: Path, tests: list[str], seconds: float) -> dict:
    """One part's mutants as results.json keeps them: every mutant made (for the stale-entry check),
    which of them were meant to run (a sample or named ones; None: all), and how they were run. The
    weekly workflow runs each part in a job of its own and scores them together from these files."""
    here = Path.cwd()
    try:
        made = read_results(work / part.name / "src")
    finally:
        os.chdir(here)
    for m in made:
        m.part = part.name
    chosen, sample = None, None
    measured = work / part.name / "measured.json"
    if measured.exists():  # a sample or named mutants: the others were not meant to run
        picked = json.loads(measured.read_text())
        names = set(picked["mutants"])
        chosen = sorted(m.name for m in made
                        if m.name in names or any(fnmatch(m.name, n) for n in names if "*" in n))
        sample = picked["sample"]
    return {"part": part.name, "target": part.target, "tests": tests, "seconds": round(seconds, 1),
            "sample": sample, "measured": chosen, "made": [asdict(m) for m in made]}


def keep_earlier(result: dict, before: dict) -> None:
    """After `--again`: mutmut may report every mutant it did not run this time as not checked (a
    changed test list resets its results); those keep the result of the run before, whose results.json
    is read before `--again` starts. The mutated files are unchanged, so the names are the same mutants."""
    earlier = {m["name"]: m["status"] for m in before["made"]}
    for m in result["made"]:
        if m["status"] in NOT_RUN and earlier.get(m["name"], "not checked") not in NOT_RUN:
            m["status"] = earlier[m["name"]]
    result["seconds"] = round(result["seconds"] + before.get("seconds", 0.0), 1)


def load_parts(dirs: list[Path], problems: list[str]) -> dict[str, dict]:
    """Every part's results.json under the given folders, each part once."""
    found: dict[str, dict] = {}
    known = {p.name: p.target for p in PARTS}
    for folder in dirs:
        for path in sorted(folder.rglob("results.json")):
            result = json.loads(path.read_text(encoding="utf-8"))
            name = result.get("part")
            if known.get(name) != result.get("target"):
                problems.append(f"{path}: not a part of tools/mutate ({name})")
            elif name in found:
                problems.append(f"{path}: part {name} twice")
            else:
                found[name] = result
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/mutate", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / ".mutate", help="where the copies and the report go")
    parser.add_argument("--max-children", type=int, default=int(os.environ.get("MUTATE_CHILDREN", "2")))
    parser.add_argument("--target", action="append", choices=TARGETS, help="only this target (repeatable)")
    parser.add_argument("--part", action="append", choices=[p.name for p in PARTS], help="only this part (repeatable)")
    parser.add_argument("--only", action="append", default=[],
                        help="only these files of the target (glob, e.g. generator/settlement/months.py)")
    parser.add_argument("--tests", nargs="+", help="instead of the target's own tests")
    parser.add_argument("--sample", type=int, help="run a random sample of this many mutants per part")
    parser.add_argument("--seed", type=int, default=30)
    parser.add_argument("--min-score", type=float, default=95.0)
    parser.add_argument("--report-only", action="store_true", help="re-read the last run's results")
    parser.add_argument("--again", action="store_true",
                        help="run the last run's survivors again with today's tests, keeping the other results")
    parser.add_argument("--combine", action="append", type=Path, default=[], metavar="DIR",
                        help="score the parts' results.json found under DIR (the weekly workflow's jobs), run nothing")
    parser.add_argument("mutants", nargs="*", help="mutmut mutant names or globs (generator.settlement.months.x_*)")
    args = parser.parse_args(argv)

    work: Path = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    equivalents = load_equivalents(EQUIVALENTS)
    tallies: dict[str, Tally] = {}
    problems: list[str] = []
    used_tests: dict[str, list[str]] = {}
    sampled: int | None = args.sample
    made_by_target: dict[str, list[Mutant]] = {}
    by_target: dict[str, list[Mutant]] = {}
    results: dict[str, dict] = {}  # part name -> what results.json holds
    if args.combine:
        results = load_parts(args.combine, problems)
    for part in PARTS:
        if (args.target and part.target not in args.target) or (args.part and part.name not in args.part):
            continue
        if args.combine:
            if part.name not in results:
                problems.append(f"no results for part {part.name} in {' '.join(map(str, args.combine))}")
            continue
        # --only narrows a part to the files it names; a part none of them is in does not run
        globs = [g for g in args.only if any(fnmatch(f, g) or fnmatch(g, f) for f in part.files)]
        if args.only and not globs:
            continue
        globs = globs or list(part.files)
        tests = args.tests or list(part.tests)
        src = work / part.name / "src"
        began = time.monotonic()
        earlier = work / part.name / "results.json"
        # `--again` and `--report-only` read the same copy as the run before: a mutant mutmut now lists
        # as not checked keeps that run's result (a fresh run measures everything itself)
        kept = (args.again or args.report_only) and earlier.exists()
        before = json.loads(earlier.read_text(encoding="utf-8")) if kept else None
        if not args.report_only:
            run_part(part, work, globs, tests, args.max_children, args.mutants, args.sample, args.seed, args.again)
        if not src.exists():
            continue
        ran = 0.0 if args.report_only else time.monotonic() - began  # time mutmut took, kept with its results
        results[part.name] = part_results(part, work, tests, ran)
        if before is not None:
            keep_earlier(results[part.name], before)
        (work / part.name / "results.json").write_text(
            json.dumps(results[part.name], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    seconds = 0.0
    for name, result in results.items():
        made = [Mutant(**{**m, "equivalent": None}) for m in result["made"]]
        chosen = result["measured"]
        picked = None if chosen is None else set(chosen)
        measured = made if picked is None else [m for m in made if m.name in picked]
        made_by_target.setdefault(result["target"], []).extend(made)
        by_target.setdefault(result["target"], []).extend(measured)
        used_tests[name] = result["tests"]
        sampled = result["sample"] or sampled
        seconds += result["seconds"]
    for target, mutants in by_target.items():
        tallies[target], found = tally(mutants, equivalents, made_by_target[target])
        problems += found
    text = report(tallies, problems, seconds, used_tests, sampled)  # the time mutmut took, however read
    (work / "report.md").write_text(text, encoding="utf-8")
    (work / "report.json").write_text(json.dumps({
        "targets": {name: {"mutants": t.mutants, "killed": t.killed, "survived": t.survived,
                           "equivalent": t.equivalent, "not_run": t.not_run, "score": round(t.score, 1),
                           "survivors": [m.identity for m in t.survivors]} for name, t in tallies.items()},
        "problems": problems,
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(text.split("## Surviving")[0])
    for name, t in tallies.items():
        for m in t.survivors:
            print(f"survived [{name}] {m.identity}  ({m.name})")
    print(f"tools/mutate: report in {work / 'report.md'}")
    failed = problems or any(t.not_run or t.score < args.min_score for t in tallies.values())
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
