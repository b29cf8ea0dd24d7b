"""A smoke pass of the benchmark: the corpus is valid by construction and the runner fills its table.

Timings are not asserted here (they live in bench/RESULTS.md); what could break is the corpus
generator drifting from the rules, or a command the runner measures failing.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench import corpus
from bench.report import render
from bench.run import ROWS, SAME_PAGES, SAME_PAGES_SEARCH, VS_NO_SEARCH, VS_TRIVIAL, run
from generator.findings import Severity
from generator.pipeline import validate


def test_the_tiny_corpus_validates_and_exercises_the_rules(tmp_path: Path) -> None:
    size = corpus.SIZES["tiny"]
    count = corpus.write(size, tmp_path / "records")
    report = validate(tmp_path / "records", size.as_of, use_cache=False)
    assert report.errors == 0, [f.as_dict() for f in report.findings if f.severity is Severity.ERROR][:5]
    assert report.files == count
    assert {f.rule for f in report.findings} == {"CLS-ATTENDANCE"}  # the planned low attendance only


def test_the_small_corpus_validates(tmp_path: Path) -> None:
    size = corpus.SIZES["small"]
    corpus.write(size, tmp_path / "records")
    report = validate(tmp_path / "records", size.as_of, use_cache=False)
    assert report.errors == 0, [f.as_dict() for f in report.findings if f.severity is Severity.ERROR][:5]
    assert report.files == 231


def test_one_runner_pass_fills_every_row(tmp_path: Path) -> None:
    rows, facts = run("tiny", tmp_path / "work", repeat=1)
    assert [r.name for r in rows] == list(ROWS)
    for row in rows:
        if row.name == "Hugo floor" and shutil.which("hugo") is None:
            assert row.figure is None
            continue
        assert row.figure is not None and row.figure.seconds > 0 and row.figure.peak_mib > 0, row.name
    assert {r.name for r in rows if r.target is not None and r.ratio is not None} == {
        "validate cold", "validate warm", "validate after one changed file", "settle", "site build"}
    by_name = {r.name: r for r in rows}
    same_pages = by_name[SAME_PAGES]
    assert same_pages.figure is not None and same_pages.figure.seconds > 0
    # the site build's target is judged against MkDocs building the same pages with its search;
    # without search and trivial pages for reference
    assert by_name["site build"].floor == by_name[SAME_PAGES_SEARCH].figure is not None
    assert by_name[VS_NO_SEARCH].floor == same_pages.figure
    assert by_name[VS_TRIVIAL].floor == by_name["MkDocs floor"].figure and by_name[VS_TRIVIAL].ratio is not None
    assert int(facts["site pages"]) > 5
    # the floor built the site's own pages, the 征集表 (apply/) among them
    def html(out: Path) -> set[str]:
        return {p.relative_to(out).as_posix() for p in out.rglob("*.html")}

    site = html(tmp_path / "work" / "public")
    floor = html(tmp_path / "work" / "mkdocs-same-pages-floor" / "site")
    assert floor == site and "apply/index.html" in site
    # CPU time beside wall time, so that a shared machine still gives evidence
    build = by_name["site build"]
    assert build.figure is not None and build.figure.cpu_seconds > 0 and build.cpu_ratio is not None
    assert facts["load average at end"]
    table = render("tiny", rows, facts)
    assert all(f"| {name} |" in table for name in ROWS)
    assert "| CPU s |" in table and "| CPU ratio |" in table
    assert f"| {build.figure.cpu_seconds:.2f} |" in table


def test_a_loaded_machine_is_judged_by_cpu_time() -> None:
    """Wall time on a shared machine says nothing: there the verdict comes from the CPU ratio, and
    says so; on a quiet machine from the wall-time ratio, as the target is set."""
    from bench.measure import Figure
    from bench.report import Row

    build, floor = Figure(30.0, 100, 1, cpu_seconds=10.0), Figure(10.0, 100, 1, cpu_seconds=9.0)
    quiet = Row("site build", build, "floor", floor, 1.5)
    assert quiet.ratio == 3.0 and quiet.verdict == "NOT met"
    loaded = Row("site build", build, "floor", floor, 1.5, loaded=True)
    assert loaded.verdict == "met by CPU time (machine loaded)"
    assert loaded.cpu_ratio is not None and abs(loaded.cpu_ratio - 10 / 9) < 1e-9
    section = render("city-decade site", [loaded], {})
    assert "| 3.00 | 1.11 | ≤ 1.5 | met by CPU time (machine loaded) |" in section  # binding at city-decade


def test_cpu_time_counts_forked_children(tmp_path: Path) -> None:
    """A command whose work runs in a forked child (as the site's output writers do) is charged
    for that work: the child burns about 0.5 s of CPU while the parent only waits."""
    from bench.measure import run_once

    script = ("import os, time\npid = os.fork()\nif pid == 0:\n    end = time.process_time() + 0.5\n"
              "    while time.process_time() < end: pass\n    os._exit(0)\nos.waitpid(pid, 0)\n")
    sample = run_once([sys.executable, "-c", script], tmp_path)
    assert sample.cpu_seconds >= 0.45, sample


def test_tree_memory_counts_forked_children(tmp_path: Path) -> None:
    """Parent and forked child each fill 120 MiB of their own: each process's peak is about 130 MiB,
    what the machine holds is twice that, and the figure must say so."""
    from bench.measure import run_once

    script = ("import os, time\npid = os.fork()\nblock = bytearray(120 * 2**20)\n"
              "for i in range(0, len(block), 4096): block[i] = 1\ntime.sleep(1.5)\n"
              "os._exit(0) if pid == 0 else os.waitpid(pid, 0)\n")
    sample = run_once([sys.executable, "-c", script], tmp_path)
    assert sample.peak_mib > 220, sample


def test_the_build_s_memory_is_profiled_phase_by_phase(tmp_path: Path) -> None:
    """bench/build_phases.py: every phase of a real build is marked, in order, and the peak is the
    larger of the tree's PSS and the main process's max RSS (as bench/measure.py takes it)."""
    from bench.build_phases import profile

    size = corpus.SIZES["tiny"]
    corpus.write(size, tmp_path / "records")
    found = profile(["build", "--records", str(tmp_path / "records"), "--as-of", size.as_of.isoformat(),
                     "--out", str(tmp_path / "public"), "--config", str(Path("mkdocs.yml").resolve())], 0.05,
                    tmp_path / "series")
    phases = found["phases"]
    assert isinstance(phases, dict)
    assert list(phases) == ["start", "records and settlement", "views and pages", "MkDocs renders (writers forked)",
                            "writers joined, guard, Pagefind", "Pagefind waited for, index guarded", "end"]
    assert found["peak_mib"] == max(found["tree_peak_mib"], found["main_max_rss_mib"]) > 0  # type: ignore[type-var]
    assert (tmp_path / "public" / "pagefind" / "pagefind-entry.json").is_file()
    assert (tmp_path / "series").read_text(encoding="utf-8").count("\n") > 1
