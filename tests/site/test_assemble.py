"""The output writers beside MkDocs: on a large site they run in a forked process while MkDocs
renders; the site must come out byte for byte the same, guarded and refused the same way."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import pytest

from generator import forked, runtime
from generator.errors import RecordsInvalidError
from generator.publish.data import SiteData
from generator.publish.pii_guard import Leak
from generator.publish.views import Views
from generator.site import assemble, outputs_process
from generator.site.assemble import SiteConfigError
from generator.site.build import build_site
from tests.conftest import AS_OF, INSTITUTION, WORLD
from tests.site.helpers import MKDOCS_YML, site_with_page

RESIDENT_ID = "320124198808240056"  # passes the GB 11643 checksum



def write_beside_mkdocs(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Make even the small test world a "large site": its outputs are forked beside MkDocs (as if
    on two cores, so that a one-core machine tests the forked path too), until the test ends."""
    stack = ExitStack()
    request.addfinalizer(stack.close)
    stack.enter_context(runtime.tuned(replace(runtime.tuning(), site_background_from_classes=0)))
    monkeypatch.setattr(forked, "cores", lambda: 2)


@pytest.fixture
def records(tmp_path: Path) -> Path:
    return Path(shutil.copytree(WORLD, tmp_path / "records"))


@pytest.fixture(params=["here", "forked"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "forked":
        write_beside_mkdocs(monkeypatch, request)
    yield request.param


def _left(folder: Path) -> list[str]:
    """What is in `folder` besides the load cache."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".cache")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_outputs_written_beside_mkdocs_give_the_same_site(records: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         request: pytest.FixtureRequest) -> None:
    pids = tmp_path.parent / f"{tmp_path.name}.pids"

    def note_pid(data: SiteData, views: Views, out: Path) -> None:
        with pids.open("a", encoding="utf-8") as fd:
            fd.write(f"{os.getpid()}\n")

    monkeypatch.setattr(outputs_process, "OUTPUT_WRITERS", [*outputs_process.OUTPUT_WRITERS, note_pid])
    here = build_site(records, tmp_path / "here", AS_OF, MKDOCS_YML)
    write_beside_mkdocs(monkeypatch, request)
    beside = build_site(records, tmp_path / "beside", AS_OF, MKDOCS_YML)
    in_process, beside_mkdocs = pids.read_text(encoding="utf-8").split()
    assert in_process == str(os.getpid()) and beside_mkdocs != in_process, "the second build's writers were forked"
    first, second = _files(here.out), _files(beside.out)
    assert "data/index.json" in first and "apply/index.html" in first and "projects/index.json" in first
    assert first == second
    assert _left(tmp_path) == ["beside", "here", "records"], "no folder left behind"


def _leaky_writer(data: SiteData, views: Views, out: Path) -> None:
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "data" / "extra.csv").write_text(f"证件号\n{RESIDENT_ID}\n", encoding="utf-8")


def test_a_writer_s_leak_leaves_its_file_out(records: Path, tmp_path: Path, mode: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputs_process, "OUTPUT_WRITERS", [*outputs_process.OUTPUT_WRITERS, _leaky_writer])
    site = build_site(records, tmp_path / "public", AS_OF, MKDOCS_YML)
    assert [str(w) for w in site.withheld] == [
        "data/extra.csv: 公民身份号码 3201**********0056（记录中未直接出现，可能由相邻字段拼接而成）"]
    assert not (site.out / "data" / "extra.csv").exists() and (site.out / "data" / "index.json").is_file()
    assert _left(tmp_path) == ["public", "records"], "the rest published, nothing left behind"


def test_a_large_site_s_records_are_held_by_the_forked_process_only(records: Path, tmp_path: Path, mode: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 29 (peak memory): on a large site the records, the settlement and the views are made
    in the forked process that writes the outputs; the process where MkDocs renders and Pagefind
    is started never loads them. A small site is made here, as before."""
    loaded_in = tmp_path.parent / f"{tmp_path.name}.loaded"
    load_site = assemble.load_site

    def noted(*args: object, **kwargs: object) -> SiteData:
        with loaded_in.open("a", encoding="utf-8") as fd:
            fd.write(f"{os.getpid()}\n")
        return load_site(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assemble, "load_site", noted)
    site = build_site(records, tmp_path / "public", AS_OF, MKDOCS_YML)
    pids = loaded_in.read_text(encoding="utf-8").split()
    assert len(pids) == 1, "the records are loaded once per build"
    assert (pids[0] == str(os.getpid())) == (mode == "here")
    assert (site.out / "projects" / "index.html").is_file() and (site.out / "data" / "index.json").is_file()
    assert (site.out / "pagefind" / "pagefind-entry.json").is_file()


def test_a_leak_is_listed_with_the_record_that_holds_it_in_either_mode(records: Path, tmp_path: Path, mode: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The record files a withheld file's identifier came from are found from the paths the
    forked process hands back (this process has no records to look in)."""
    institution = records / INSTITUTION
    institution.write_text(institution.read_text(encoding="utf-8") + f"# {RESIDENT_ID}\n", encoding="utf-8")
    monkeypatch.setattr(outputs_process, "OUTPUT_WRITERS", [*outputs_process.OUTPUT_WRITERS, _leaky_writer])
    site = build_site(records, tmp_path / "public", AS_OF, MKDOCS_YML)
    [withheld] = site.withheld
    assert (withheld.path, withheld.kind, withheld.masked) == ("data/extra.csv", "ric", "3201**********0056")
    assert len(withheld.sources) == 1 and withheld.sources[0].endswith(INSTITUTION)
    assert not (site.out / "data" / "extra.csv").exists() and (site.out / "data" / "index.json").is_file()


def test_records_that_cannot_make_a_site_fail_alike_in_either_mode(records: Path, tmp_path: Path, mode: str) -> None:
    """An error met while the forked process makes the bundle is raised here as the in-process
    build raises it (the bundle is made again here), and nothing is left behind."""
    shutil.rmtree(records / "policy")
    with pytest.raises(RecordsInvalidError, match="没有可用的政策记录"):
        build_site(records, tmp_path / "public", AS_OF, MKDOCS_YML)
    assert _left(tmp_path) == ["records"]


def test_the_forked_process_is_done_before_the_search_index_starts(records: Path, tmp_path: Path, mode: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The forked process holds the records until it ends: Pagefind, whose memory grows with the
    site, starts only after it (issue 29: the build's peak was the two together)."""
    events: list[str] = []
    leaks, search_index = outputs_process.Outputs.leaks, assemble.SearchIndex

    def waited(outputs: outputs_process.Outputs) -> list[Leak]:
        found = leaks(outputs)
        events.append("outputs done")
        return found

    def started(*args: object, **kwargs: object) -> object:
        events.append("index started")
        return search_index(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(outputs_process.Outputs, "leaks", waited)
    monkeypatch.setattr(assemble, "SearchIndex", started)
    build_site(records, tmp_path / "public", AS_OF, MKDOCS_YML)
    assert events == ["outputs done", "index started"]


def _clashing_writer(data: SiteData, views: Views, out: Path) -> None:
    (out / "index.html").write_text("not the home page", encoding="utf-8")


def test_a_writer_may_not_overwrite_a_page(records: Path, tmp_path: Path, mode: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputs_process, "OUTPUT_WRITERS", [*outputs_process.OUTPUT_WRITERS, _clashing_writer])
    with pytest.raises(SiteConfigError, match=r"index\.html"):
        build_site(records, tmp_path / "public", AS_OF, MKDOCS_YML)
    assert _left(tmp_path) == ["records"]


def test_pages_are_guarded_beside_mkdocs_and_a_leaking_page_is_left_out(
        records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """On a large site the forked process reads MkDocs' pages while MkDocs renders; a page with a
    resident ID is found there and named, and left out of the site."""
    write_beside_mkdocs(monkeypatch, request)
    followed: list[dict[str, str]] = []
    leaks = outputs_process.Outputs.leaks

    def keep_followed(outputs: outputs_process.Outputs) -> list[Leak]:
        found = leaks(outputs)
        followed.append(dict(outputs.followed))
        return found

    monkeypatch.setattr(outputs_process.Outputs, "leaks", keep_followed)
    site = build_site(records, tmp_path / "public", AS_OF, MKDOCS_YML)
    pages = {p.relative_to(site.out).as_posix() for p in site.out.rglob("*.html")}
    # every page MkDocs rendered from Markdown was read beside it (404.html is a template page)
    assert set(followed[0]) == pages - {"404.html"} and "projects/index.html" in followed[0]

    config = site_with_page(tmp_path / "leaky", f"学员 {RESIDENT_ID}")
    leaky = build_site(records, tmp_path / "leaky" / "public", AS_OF, config)
    assert [(w.path, w.masked) for w in leaky.withheld] == [("note/index.html", "3201**********0056")]
    assert "note/index.html" in followed[1], "found by the pass beside MkDocs"
    assert not (leaky.out / "note" / "index.html").exists() and (leaky.out / "index.html").is_file()


def test_a_page_changed_after_it_was_read_beside_mkdocs_is_read_again(records: Path, tmp_path: Path) -> None:
    """The pass beside MkDocs is trusted only for bytes it read: a page rewritten afterwards (here
    with a resident ID) is scanned again by the guard after the build."""
    bundle = assemble.prepare({"records": str(records), "as_of": AS_OF.isoformat()}, str(MKDOCS_YML),
                              str(MKDOCS_YML.parent / "site"))
    site = tmp_path / "site"
    site.mkdir()
    for name in ("a.html", "b.html"):
        (site / name).write_text("<main><p>培训</p></main>", encoding="utf-8")
    outputs = outputs_process.Outputs(bundle, site, background=True)
    outputs.page_written(site / "a.html")
    outputs.page_written(site / "b.html")
    outputs.leaks()
    assert set(outputs.followed) == {"a.html", "b.html"} and sorted(outputs.unchanged_pages()) == ["a.html", "b.html"]
    (site / "a.html").write_text(f"<main><p>学员 {RESIDENT_ID}</p></main>", encoding="utf-8")
    assert outputs.unchanged_pages() == ["b.html"]
    withheld = assemble.finish(bundle, outputs, site)
    assert [(w.path, w.kind) for w in withheld] == [("a.html", "ric")]
    assert not (site / "a.html").exists() and (site / "b.html").is_file()


def test_the_writers_process_ends_with_its_outputs_while_the_pages_are_still_read(
        records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 29 (peak memory): the process that holds the records ends as soon as the outputs are
    written (collected by the next page handed on), not with the build; the pages are read by a
    second process, which holds no records, and every page handed on is still read."""
    pid_file = tmp_path / "writer.pid"

    def note_pid(data: SiteData, views: Views, out: Path) -> None:
        pid_file.write_text(str(os.getpid()), encoding="utf-8")

    monkeypatch.setattr(outputs_process, "OUTPUT_WRITERS", [*outputs_process.OUTPUT_WRITERS, note_pid])
    bundle = assemble.prepare({"records": str(records), "as_of": AS_OF.isoformat()}, str(MKDOCS_YML),
                              str(MKDOCS_YML.parent / "site"))
    site = tmp_path / "site"
    site.mkdir()
    outputs = outputs_process.Outputs(bundle, site, background=True)

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    pages = []
    deadline = time.monotonic() + 120
    while not pid_file.is_file() or alive(int(pid_file.read_text(encoding="utf-8"))):
        assert time.monotonic() < deadline, "the writers' process did not end with its outputs"
        page = site / f"p{len(pages)}.html"
        page.write_text("<main><p>培训</p></main>", encoding="utf-8")
        outputs.page_written(page)
        pages.append(page.name)
        time.sleep(0.05)
    writer = int(pid_file.read_text(encoding="utf-8"))
    assert writer != os.getpid()
    (site / "last.html").write_text(f"<main><p>学员 {RESIDENT_ID}</p></main>", encoding="utf-8")
    outputs.page_written(site / "last.html")
    leaks = outputs.leaks()
    assert [(leak.path, leak.kind) for leak in leaks] == [("last.html", "ric")], "read by the second process"
    assert set(outputs.followed) == {*pages, "last.html"}
    assert (outputs.folder / "data" / "index.json").is_file()
    outputs.discard()


def test_the_views_are_built_once_per_build(records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages and every output writer read the one `Views` a build made (issue 29: it was built
    three times, once for the pages, once for the downloads, once for the list data)."""
    from generator.publish import views as views_module
    from generator.site import pages

    built: list[int] = []
    real = views_module.build_views

    def counted(data: SiteData) -> Views:
        built.append(1)
        return real(data)

    for module in (views_module, assemble, pages):
        monkeypatch.setattr(module, "build_views", counted)
    bundle = assemble.prepare({"records": str(records), "as_of": AS_OF.isoformat()}, str(MKDOCS_YML),
                              str(tmp_path / "docs"))
    assert outputs_process.write_outputs(bundle, tmp_path / "outputs", workers=1) == []
    assert len(built) == 1 and (tmp_path / "outputs" / "data").is_dir()
