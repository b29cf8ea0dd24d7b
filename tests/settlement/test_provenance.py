"""The time and commit pinned in every artifact (generator/settlement/provenance.py): the same
records commit and as-of date give byte-identical XLSX and DOCX files, whenever they are made."""

from __future__ import annotations

import calendar
import datetime as dt
import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import git
import pytest

from generator.errors import UsageError
from generator.settlement.provenance import display_time, generation_time, pin_zip, provenance_line
from tests.conftest import World, commit_all
from tests.settlement.test_report import report_of

CST = dt.timezone(dt.timedelta(hours=8))
AS_OF = dt.date(2027, 6, 30)
CORE = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dcterms="y" xmlns:xsi="z">'
        '<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
        '<dc:title>结算</dc:title></cp:coreProperties>')
SHEET = '<worksheet><dcterms:created>2020-01-01T00:00:00Z</dcterms:created></worksheet>'


def office_file(made: tuple[int, int, int, int, int, int], created: str) -> bytes:
    """A small Office-like archive as a writer leaves it: entry times and core.xml times of `made`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=made), "<Types/>")
        z.writestr(zipfile.ZipInfo("docProps/core.xml", date_time=made), CORE.format(created=created, modified=created))
        z.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=made), SHEET)
    return out.getvalue()


def test_the_same_content_made_at_different_times_gives_the_same_bytes() -> None:
    """Made a day and a year apart, pinned to the same moment: byte for byte the same; the moment
    is written in UTC as core.xml's created and modified (2027-06-30 00:00 Beijing = 06-29 16:00Z)."""
    moment = dt.datetime(2027, 6, 30, 0, 0, tzinfo=CST)
    a = pin_zip(office_file((2027, 7, 1, 9, 0, 0), "2027-07-01T01:00:00Z"), moment)
    b = pin_zip(office_file((2028, 7, 2, 17, 3, 4), "2028-07-02T09:03:04Z"), moment)
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert [i.filename for i in z.infolist()] == ["[Content_Types].xml", "docProps/core.xml",
                                                       "xl/worksheets/sheet1.xml"]
        for info in z.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr == 0o644 << 16  # rw-r--r--, whoever made it
        assert z.read("docProps/core.xml").decode() == CORE.format(created="2027-06-29T16:00:00Z",
                                                                  modified="2027-06-29T16:00:00Z")
        # only core.xml carries the document's times; other parts are left as written
        assert z.read("xl/worksheets/sheet1.xml").decode() == SHEET
        assert z.read("[Content_Types].xml") == b"<Types/>"


def test_a_different_moment_gives_different_bytes_and_an_iso_string_is_the_same_moment() -> None:
    data = office_file((2027, 7, 1, 9, 0, 0), "2027-07-01T01:00:00Z")
    at = dt.datetime(2027, 7, 1, 9, 30, 15, tzinfo=CST)
    assert pin_zip(data, at) == pin_zip(data, "2027-07-01T09:30:15+08:00")
    assert pin_zip(data, at) != pin_zip(data, at + dt.timedelta(seconds=1))
    with zipfile.ZipFile(io.BytesIO(pin_zip(data, "2027-07-01T09:30:15+08:00"))) as z:
        assert "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2027-07-01T01:30:15Z</dcterms:modified>" in (
            z.read("docProps/core.xml").decode())


def test_a_real_workbook_pinned_is_readable_and_carries_the_moment(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    wb = Workbook()
    wb.active["A1"] = "结算"
    buf = io.BytesIO()
    wb.save(buf)
    pinned = pin_zip(buf.getvalue(), dt.datetime(2027, 6, 30, 0, 0, tzinfo=CST))
    (tmp_path / "a.xlsx").write_bytes(pinned)
    back = load_workbook(tmp_path / "a.xlsx")
    assert back.active["A1"].value == "结算"
    assert back.properties.created == back.properties.modified == dt.datetime(2027, 6, 29, 16, 0)


def test_source_date_epoch_is_the_time_of_generation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The reproducible-builds convention wins over the commit: 2027-07-01 01:30:00 UTC is 09:30 in Beijing."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm((2027, 7, 1, 1, 30, 0))))
    at = generation_time(tmp_path, AS_OF)
    assert at.isoformat() == "2027-07-01T09:30:00+08:00"


@pytest.mark.parametrize("epoch", ["2027-07-01", "1.5", "99999999999999999999"])
def test_a_source_date_epoch_that_is_not_a_timestamp_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(UsageError) as caught:
        generation_time(tmp_path, AS_OF)
    assert str(caught.value) == f"SOURCE_DATE_EPOCH 应为 Unix 时间戳（整数秒），收到“{epoch}”"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_the_records_commit_s_time_in_beijing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Committed at 02:00 UTC: generated at 10:00 Beijing time, whatever the as-of date; an empty
    SOURCE_DATE_EPOCH is no epoch."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    commit_all(tmp_path, "records", "2027-01-15T02:00:00+00:00")
    assert generation_time(tmp_path / "records", AS_OF).isoformat() == "2027-01-15T10:00:00+08:00"


def test_without_a_commit_the_as_of_day_at_midnight_in_beijing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    outside = tmp_path / "plain"
    outside.mkdir()
    assert generation_time(outside, AS_OF).isoformat() == "2027-06-30T00:00:00+08:00"
    empty = tmp_path / "empty"
    git.Repo.init(empty)
    assert generation_time(empty, AS_OF).isoformat() == "2027-06-30T00:00:00+08:00"


def test_the_provenance_line_names_date_commit_policies_and_time(world: World) -> None:
    at = dt.datetime(2027, 7, 1, 1, 30, 5, tzinfo=dt.UTC)
    report = report_of(world, generated_at=at)
    assert provenance_line(report) == ("结算基准日 2027-06-30；记录提交 （非 Git 仓库）；政策版本 wuxi-2026-pilot；"
                                       "生成时间 2027-07-01 09:30:05（北京时间）")
    from dataclasses import replace

    committed = replace(report, meta=replace(report.meta, records_commit="0123456789abcdef" * 2 + "01234567",
                                             policies=()))
    assert provenance_line(committed) == ("结算基准日 2027-06-30；记录提交 0123456789ab；政策版本 —；"
                                          "生成时间 2027-07-01 09:30:05（北京时间）")
    two = replace(report, meta=replace(report.meta, policies=("wuxi-2026-pilot", "jiangyin-2027")))
    assert "；政策版本 wuxi-2026-pilot、jiangyin-2027；" in provenance_line(two)
    assert display_time(dt.datetime(2027, 12, 31, 16, 0, 0, tzinfo=dt.UTC)) == "2028-01-01 00:00:00（北京时间）"


@pytest.fixture
def beijing_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock set to China Standard Time, as a bureau's own computer would be."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_bytes_do_not_depend_on_the_machine_s_time_zone(beijing_machine: None) -> None:
    """Settled in Wuxi or on a CI runner in UTC: core.xml says the same UTC moment (2027-06-30 00:00
    Beijing is 2027-06-29 16:00Z), so the same records give the same file everywhere."""
    assert time.localtime(0).tm_hour == 8  # the zone did change
    pinned = pin_zip(office_file((2027, 7, 1, 9, 0, 0), "2027-07-01T01:00:00Z"), dt.datetime(2027, 6, 30, tzinfo=CST))
    with zipfile.ZipFile(io.BytesIO(pinned)) as z:
        assert z.read("docProps/core.xml").decode() == CORE.format(created="2027-06-29T16:00:00Z",
                                                                  modified="2027-06-29T16:00:00Z")
