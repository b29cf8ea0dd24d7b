"""City-scale benchmark: `python bench/run.py --size small|city-year|city-decade`.

Generates the corpus (once per size and generator version, committed to a scratch Git repository
like the real records), then measures each command in a fresh process: median wall time and
peak memory, each beside the floor it is compared with, measured in the same run. Prints one
Markdown table; `--results bench/RESULTS.md` also writes it into that file's section for the size.
Not part of the test suite (tests/bench/ runs a tiny smoke pass).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `generator` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus
from bench.floors import hugo_project, mkdocs_project
from bench.measure import Figure, measure
from bench.report import Row, is_loaded, load_average, machine, render, write_section

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REPEAT = {"tiny": 1, "small": 3, "city-year": 3, "city-decade": 1}
SAME_PAGES = "MkDocs floor (same pages)"
SAME_PAGES_SEARCH = "MkDocs floor (same pages, with MkDocs' search)"
VS_TRIVIAL = "site build, against trivial pages"
VS_NO_SEARCH = "site build, against MkDocs without search"
ROWS = ("validate cold", "validate warm", "validate after one changed file", "settle", "site build", VS_NO_SEARCH,
        VS_TRIVIAL, "YAML parse floor", SAME_PAGES, SAME_PAGES_SEARCH, "MkDocs floor", "Hugo floor")


class _Skipped(Exception):
    """The records' rows are not measured in this run (`--skip records`)."""


def _stamp(size: str) -> str:
    digest = hashlib.sha256(size.encode())
    factory = sorted((REPO / "generator" / "factory").glob("*.py"))  # the corpus is built with the factory
    for source in [*sorted((REPO / "bench").glob("corpus*.py")), *factory]:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _git(work: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args], cwd=work,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def prepare(size_name: str, work: Path, git: bool) -> Path:
    """The corpus for `size_name` in `work/records`, reused when the generator has not changed."""
    records = work / "records"
    stamp = work / "corpus.stamp"
    wanted = f"{_stamp(size_name)} git={git}"
    if records.is_dir() and stamp.is_file() and stamp.read_text() == wanted:
        return records
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    # in a process of its own: this one stays small (a child's peak memory would include ours)
    subprocess.run([sys.executable, "-m", "bench.corpus", "--size", size_name, "--out", str(records)],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    if git:
        (work / ".gitignore").write_text(".cache/\npublic/\nsettlements/\n*-floor/\n")
        _git(work, "init", "-q")
        _git(work, "add", "-A")
        _git(work, "commit", "-qm", f"bench corpus {size_name}")
    stamp.write_text(wanted)
    return records


def _html_pages(out: Path) -> tuple[int, int]:
    """Number of HTML pages (without 404) and the size of the largest one, in bytes."""
    pages = [p for p in out.rglob("*.html") if p.name != "404.html"]
    return len(pages), max((p.stat().st_size for p in pages), default=0)


def _mkdocs_build(project: Path, repeat: int) -> Figure:
    """A bare `mkdocs build` of `project` (its mkdocs.yml, no hook) into `project/site`."""
    return measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(project / "site")], project, repeat)


def run(size_name: str, work: Path, repeat: int, git: bool = True, skip: frozenset[str] = frozenset()
        ) -> tuple[list[Row], dict[str, str]]:
    size = corpus.SIZES[size_name]
    start_load = load_average()
    records = prepare(size_name, work, git)
    py = sys.executable
    peixun = [py, "-m", "generator"]
    as_of = ["--as-of", size.as_of.isoformat()]
    cache = work / ".cache"
    edited = sorted((records / "classes").rglob("*.yaml"))[0]
    original = edited.read_bytes()
    figures: dict[str, Figure | None] = dict.fromkeys(ROWS)
    facts: dict[str, str] = {}

    def clear_cache(_i: int) -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def touch_one(i: int) -> None:
        edited.write_bytes(original + f"# bench edit {i}\n".encode())

    validate = [*peixun, "validate", "--records", str(records), *as_of]
    try:
        if "records" in skip:  # the site and phone figures only (the records' rows keep their own section)
            raise _Skipped
        figures["YAML parse floor"] = measure([py, str(REPO / "bench" / "floors.py"), "yaml", str(records)],
                                              REPO, repeat)
        figures["validate cold"] = measure(validate, REPO, repeat, clear_cache)
        figures["validate warm"] = measure(validate, REPO, repeat)
        figures["validate after one changed file"] = measure(validate, REPO, repeat, touch_one)
        figures["settle"] = measure([*peixun, "settle", "--records", str(records), *as_of,
                                     "--out", str(work / "settlements")], REPO, repeat)
    except _Skipped:
        pass
    finally:
        edited.write_bytes(original)
    if "records" in skip:  # the site build follows a validate, as in CI (unmeasured here)
        subprocess.run(validate, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    pages = size.projects + max(2, size.projects // 4) + 9  # the site's pages, until a build says
    if "site" not in skip:
        out = work / "public"
        figures["site build"] = measure([*peixun, "build", "--records", str(records), *as_of, "--out", str(out),
                                         "--config", str(REPO / "mkdocs.yml")], REPO, repeat)
        pages, largest = _html_pages(out)
        facts["largest HTML page"] = f"{largest / 1024:.1f} KiB"
        if "web" not in skip:  # what a phone downloads (Chromium, Slow 4G), in a process of its own
            done = subprocess.run([py, "-m", "bench.web", str(out), "--rows"], cwd=REPO, check=True,
                                  capture_output=True, text=True)
            facts["web"] = done.stdout.strip()
    facts["site pages"] = str(pages)
    if "mkdocs" not in skip:
        project = mkdocs_project(work / "mkdocs-floor", pages - 1)  # plus its home page
        figures["MkDocs floor"] = _mkdocs_build(project, repeat)
        # the site's own pages, rendered once here (in a process of its own, outside the timing)
        same = work / "mkdocs-same-pages-floor"
        subprocess.run([py, "-m", "bench.floors", "pages", str(records), size.as_of.isoformat(),
                        str(REPO / "mkdocs.yml"), str(same)], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        figures[SAME_PAGES] = _mkdocs_build(same, repeat)
        facts["same-pages floor pages"] = str(_html_pages(same / "site")[0])
        if "mkdocs-search" not in skip:  # the same pages as a plain MkDocs site indexes them for search
            subprocess.run([py, "-m", "bench.floors", "pages", str(records), size.as_of.isoformat(),
                            str(REPO / "mkdocs.yml"), str(same), "--mkdocs-search"], cwd=REPO, check=True,
                           stdout=subprocess.DEVNULL)
            figures[SAME_PAGES_SEARCH] = _mkdocs_build(same, repeat)
    hugo = shutil.which("hugo")
    if hugo is not None and "hugo" not in skip:
        site = hugo_project(work / "hugo-floor", pages - 1)
        figures["Hugo floor"] = measure([hugo, "--quiet", "-s", str(site), "-d", str(site / "public")], site, repeat)
    facts.update(corpus_facts(size_name, records))
    end_load = load_average()
    facts["load average at end"] = f"{end_load:.1f}"
    return rows(figures, is_loaded(start_load, end_load)), facts


def corpus_facts(size_name: str, records: Path) -> dict[str, str]:
    size = corpus.SIZES[size_name]
    files = list(records.rglob("*.yaml"))
    megabytes = sum(f.stat().st_size for f in files) / 2**20
    return {"corpus": f"{size_name}: {size.projects:,} projects, {size.classes:,} classes, "
                      f"{size.trainees:,} trainee rows, {len(files):,} files, {megabytes:.0f} MiB",
            "as of": size.as_of.isoformat()}


def rows(figures: dict[str, Figure | None], loaded: bool = False) -> list[Row]:
    """The table's rows; `loaded`: the machine had other work, so targets are judged by CPU time."""
    floor = "YAML parse floor"
    table = [
        Row("validate cold", figures["validate cold"], floor, figures[floor], 1.5),
        Row("validate warm", figures["validate warm"], floor, figures[floor], 0.2),
        # through generator.incremental: only the rules the edit can reach, over its closure
        Row("validate after one changed file", figures["validate after one changed file"], floor, figures[floor],
            0.1),
        Row("settle", figures["settle"], floor, figures[floor], 0.5),
        # the target compares with MkDocs building the same pages: trivial pages are a floor no site reaches
        # the floor is MkDocs building the same pages as a searchable site, as a plain MkDocs site
        # does it (its search plugin); the site itself indexes with Pagefind, which it includes
        Row("site build", figures["site build"], SAME_PAGES_SEARCH, figures[SAME_PAGES_SEARCH], 1.5),
        Row(VS_NO_SEARCH, figures["site build"], SAME_PAGES, figures[SAME_PAGES], None),
        Row(VS_TRIVIAL, figures["site build"], "MkDocs floor", figures["MkDocs floor"], None),
        Row("YAML parse floor", figures[floor], None, None, None),
        Row(SAME_PAGES, figures[SAME_PAGES], None, None, None),
        Row(SAME_PAGES_SEARCH, figures[SAME_PAGES_SEARCH], None, None, None),
        Row("MkDocs floor", figures["MkDocs floor"], None, None, None),
        Row("Hugo floor", figures["Hugo floor"], None, None, None),
    ]
    return [dataclasses.replace(row, loaded=loaded) for row in table]


def main() -> None:
    parser = argparse.ArgumentParser(description="peixun city-scale benchmark")
    parser.add_argument("--size", choices=sorted(corpus.SIZES), default="small")
    parser.add_argument("--repeat", type=int, default=None, help="runs per command (median); default by size")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp folder per size)")
    parser.add_argument("--no-git", action="store_true", help="do not commit the corpus to a Git repository")
    parser.add_argument("--skip", action="append", default=[],
                        choices=["records", "site", "mkdocs", "mkdocs-search", "hugo", "web"])
    parser.add_argument("--results", type=Path, default=None, help="also write the table into this Markdown file")
    args = parser.parse_args()
    work = args.work or Path(tempfile.gettempdir()) / "peixun-bench" / args.size
    repeat = args.repeat or DEFAULT_REPEAT[args.size]
    info = machine()  # the load average before anything runs
    table_rows, facts = run(args.size, work, repeat, git=not args.no_git, skip=frozenset(args.skip))
    # without the records' rows the table is a section of its own, beside the full run's
    section = f"{args.size} site" if "records" in args.skip else args.size
    if "records" in args.skip:
        table_rows = [r for r in table_rows if r.figure is not None or r.name == "Hugo floor"]
    text = render(section, table_rows, {**info, **facts, "runs per figure": str(repeat)})
    print(text)
    if args.results is not None:
        write_section(args.results, section, text)


if __name__ == "__main__":
    main()
