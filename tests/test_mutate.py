"""tools/mutate's rewrite of the rule modules (tools/mutation/undecorate.py): mutmut sees every `@rule`
body, and the registry the rewritten modules build is the registry the decorated ones build."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

from tests.conftest import PAYMENTS, World

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"mutate_{name}", ROOT / "tools" / "mutation" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


undecorate = _tool("undecorate")

# what a registry entry is made of, from the interpreter that imported the rules
DUMP = textwrap.dedent("""
    import json
    import generator
    from generator.rules import REGISTRY
    print(json.dumps({"file": generator.__file__, "registry": [
        [r.id, r.severity.value, r.clause, r.title, r.scope, r.check.__module__, r.check.__qualname__]
        for r in REGISTRY.values()]}, ensure_ascii=False))
""")


def _python(code_root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(code_root)}
    # -P: the working folder never shadows PYTHONPATH, so `code_root`'s generator is the one imported
    return subprocess.run([sys.executable, "-P", *args], cwd=cwd or code_root, env=env, capture_output=True,
                          text=True)


def _validate(code_root: Path, records: Path, as_of: str) -> str:
    """Findings as JSON, paths shown from the records' parent folder whichever code runs."""
    done = _python(code_root, "-m", "generator", "validate", "--records", str(records), "--as-of", as_of,
                   "--format", "json", "--no-cache",
                   cwd=records.parent)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_the_registry_is_the_same_with_rules_registered_after_definition(tmp_path: Path, world: World) -> None:
    """The rewritten copy registers every rule, in the same order, with the same ID, severity,
    clause, title, scope and function, and its rules find the same, word for word, on the sample
    records and on a world paid twice what is due (PAY-OVER) and before it was due (PAY-EARLY)."""
    code = tmp_path / "code"
    shutil.copytree(ROOT / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    changed = undecorate.undecorate_tree(code / "generator" / "rules")
    decorated = sorted(p.name for p in (ROOT / "generator" / "rules").glob("*.py") if "\n@rule(" in p.read_text())
    assert sorted(p.name for p in changed) == decorated and "employment_payment.py" in decorated
    for path in changed:
        assert "\n@rule(" not in path.read_text(encoding="utf-8")

    original = json.loads(_python(ROOT, "-c", DUMP).stdout)
    rewritten = json.loads(_python(code, "-c", DUMP).stdout)
    assert Path(rewritten["file"]).is_relative_to(code)  # the rewritten copy really ran
    assert not Path(original["file"]).is_relative_to(code)
    assert rewritten["registry"] == original["registry"]
    assert len(original["registry"]) >= 60

    world.dump(PAYMENTS, {"class": "P2026-001-01", "installments": [
        {"phase": "first", "amount": 16000, "paid_on": dt.date(2026, 7, 15), "voucher": "WX-TWICE-0001"},
        {"phase": "remainder", "amount": 2000, "paid_on": dt.date(2026, 10, 11), "voucher": "WX-EARLY-0002"}]})
    for records, as_of in ((ROOT / "records", "2026-11-27"), (world.root, "2027-06-30")):
        found = _validate(ROOT, records, as_of)
        assert found == _validate(code, records, as_of)
    assert '"PAY-OVER"' in found and '"PAY-EARLY"' in found


def test_only_rule_decorators_are_rewritten_and_order_is_kept() -> None:
    source = textwrap.dedent('''\
        import functools
        from x import rule


        @rule("A-ONE", ERROR, "通知 四(五)",
              "两行的标题", scope="class")
        def first(ctx):
            def inner():  # a nested function is the body's
                return 1
            return inner()


        @functools.lru_cache
        def cached(v):
            return v


        @rule("A-TWO", WARNING, None, "标题")
        def second(ctx):
            yield from ()''')
    rewritten = undecorate.undecorate(source)
    assert rewritten == textwrap.dedent('''\
        import functools
        from x import rule


        def first(ctx):
            def inner():  # a nested function is the body's
                return 1
            return inner()
        first = rule("A-ONE", ERROR, "通知 四(五)",
              "两行的标题", scope="class")(first)


        @functools.lru_cache
        def cached(v):
            return v


        def second(ctx):
            yield from ()
        second = rule("A-TWO", WARNING, None, "标题")(second)
        ''')


def test_a_rule_registered_twice_still_fails_after_the_rewrite() -> None:
    """The registry's own guard runs on the rewritten module as on the decorated one."""
    source = textwrap.dedent('''\
        REGISTRY = {}
        def rule(rule_id):
            def register(func):
                if rule_id in REGISTRY:
                    raise RuntimeError(rule_id)
                REGISTRY[rule_id] = func
                return func
            return register

        @rule("X")
        def a(ctx):
            return 1

        @rule("X")
        def b(ctx):
            return 2
        ''')
    for text in (source, undecorate.undecorate(source)):
        try:
            exec(compile(text, "<rules>", "exec"), {})
        except RuntimeError as e:
            assert str(e) == "X"
        else:
            raise AssertionError("registered twice without an error")


def test_every_settlement_module_is_in_exactly_one_part() -> None:
    """A settlement module no part lists would never be mutated, and the score would say nothing of it."""
    runner = _tool("run")
    listed = [f for part in runner.PARTS if part.target == runner.SETTLEMENT for f in part.files]
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "generator" / "settlement").glob("*.py")
                     if p.name != "__init__.py")
    assert sorted(listed) == modules


def test_a_mutants_tests_run_fastest_first_in_the_copy(tmp_path: Path) -> None:
    """-x stops at the first failing test; fastest first makes a killed mutant cost its quickest killer."""
    runner = _tool("run")
    (tmp_path / "tests").mkdir()
    shutil.copy2(ROOT / "tests" / "conftest.py", tmp_path / "tests" / "conftest.py")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    runner.write_config(tmp_path, ["generator/settlement/months.py"], ["tests/settlement"])
    runner.write_config(tmp_path, ["generator/settlement/months.py"], ["tests/settlement"])  # once only
    text = (tmp_path / "tests" / "conftest.py").read_text(encoding="utf-8")
    assert text.count("fastest first") == 1
    assert (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8") not in ("", text)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "conftest.py").write_text(text, encoding="utf-8")
    (tmp_path / "t" / "test_order.py").write_text(textwrap.dedent("""
        import pytest

        def test_slow(): pass
        def test_quick(): pass
        @pytest.mark.parametrize("n", [1])
        def test_unmeasured(n): pass
        def test_browser(browser): pass
    """), encoding="utf-8")
    (tmp_path / "t" / "mutmut-stats.json").write_text(json.dumps({"duration_by_test": {
        "test_order.py::test_slow": 9.0, "test_order.py::test_quick": 0.1}}), encoding="utf-8")
    collect = ["--collect-only", "-q", "-m", "not slow", "-p", "no:cacheprovider", "--rootdir", ".", "-c", "/dev/null"]
    out = subprocess.run([sys.executable, "-m", "pytest", *collect, "test_order.py"], cwd=tmp_path / "t",
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    order = [line for line in out.stdout.splitlines() if "::" in line]
    assert order == ["test_order.py::test_quick", "test_order.py::test_slow", "test_order.py::test_unmeasured[1]"], out


def _result(runner: ModuleType, part: str, mutants: list[tuple[str, str]], measured: list[str] | None = None) -> dict:
    """A part's results.json as a workflow job uploads it: (identity, status) per mutant."""
    target = {p.name: p.target for p in runner.PARTS}[part]
    made = [{"name": f"m{part}{i}", "path": "p.py", "function": identity.partition(": ")[0], "identity": identity,
             "status": status, "diff": "", "equivalent": None, "part": part}
            for i, (identity, status) in enumerate(mutants)]
    return {"part": part, "target": target, "tests": ["tests/x.py"], "seconds": 60.0, "sample": None,
            "measured": measured, "made": made}


def test_parts_run_in_separate_jobs_are_scored_together(tmp_path: Path) -> None:
    """The weekly workflow runs each part in its own job; the score of a target counts all of its parts,
    leaves out what the equivalents file judges equivalent, and fails on a part missing or given twice."""
    runner = _tool("run")
    judged = runner.load_equivalents(runner.EQUIVALENTS)
    function = next(iter(judged)).partition(": ")[0]
    same_function = [identity for identity in judged if identity.startswith(function + ": ")]
    arithmetic = [(identity, "survived") for identity in same_function]
    arithmetic += [(f"{function}: a ⇒ b", "killed"), (f"{function}: c ⇒ d", "survived")]
    files = [("generator.settlement.xlsx.f: x ⇒ y", "killed"), ("generator.settlement.xlsx.f: y ⇒ z", "timeout"),
             ("generator.settlement.xlsx.f: z ⇒ w", "survived")]
    jobs = tmp_path / "jobs"
    for name, part in (("arithmetic", arithmetic), ("files", files)):
        (jobs / f"mutation-{name}" / name).mkdir(parents=True)
        measured = [f"mfiles{i}" for i in (0, 1)] if name == "files" else None  # a sample: the third was not drawn
        (jobs / f"mutation-{name}" / name / "results.json").write_text(
            json.dumps(_result(runner, name, part, measured)), encoding="utf-8")
    work = tmp_path / "work"
    status = runner.main(["--combine", str(jobs), "--part", "arithmetic", "--part", "files", "--workdir", str(work)])
    scored = json.loads((work / "report.json").read_text(encoding="utf-8"))
    settlement = scored["targets"]["generator/settlement/"]
    # arithmetic: 1 killed, 1 survived, the judged ones equivalent; files: 2 killed (a timeout is noticed)
    assert (settlement["mutants"], settlement["killed"], settlement["survived"], settlement["equivalent"]) == (
        len(same_function) + 4, 3, 1, len(same_function))
    assert settlement["score"] == 75.0 and status == 1  # below 95 %
    assert settlement["survivors"] == [f"{function}: c ⇒ d"] and not scored["problems"]
    assert "2 min" in (work / "report.md").read_text(encoding="utf-8")  # the jobs' time, not the combining

    status = runner.main(["--combine", str(jobs), "--part", "arithmetic", "--part", "rules", "--workdir", str(work)])
    problems = json.loads((work / "report.json").read_text(encoding="utf-8"))["problems"]
    assert status == 1 and problems == [f"no results for part rules in {jobs}"]

    shutil.copytree(jobs / "mutation-files", jobs / "again")
    runner.main(["--combine", str(jobs), "--part", "files", "--workdir", str(work)])
    problems = json.loads((work / "report.json").read_text(encoding="utf-8"))["problems"]
    assert problems == [f"{jobs / 'mutation-files' / 'files' / 'results.json'}: part files twice"]


def test_again_keeps_the_earlier_results_of_the_mutants_it_did_not_run() -> None:
    """mutmut reports the mutants `--again` did not run as not checked; they keep the earlier run's
    result, and a survivor killed now counts as killed (the score is the two runs together)."""
    runner = _tool("run")
    before = _result(runner, "arithmetic", [("f: a ⇒ b", "killed"), ("f: b ⇒ c", "survived"), ("f: c ⇒ d", "timeout"),
                                            ("f: d ⇒ e", "not checked")])
    now = _result(runner, "arithmetic", [("f: a ⇒ b", "not checked"), ("f: b ⇒ c", "killed"),
                                         ("f: c ⇒ d", "not checked"), ("f: d ⇒ e", "not checked")])
    runner.keep_earlier(now, before)
    assert [m["status"] for m in now["made"]] == ["killed", "killed", "timeout", "not checked"]
    assert now["seconds"] == 120.0
