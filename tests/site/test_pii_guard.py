"""The PII guard over an output folder: every file, archives included, in file order, on one
process or several."""

from __future__ import annotations

import gzip
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from generator import runtime
from generator.publish import pii_guard
from generator.publish.pii_guard import PersonalDataLeak, guard_output, scan_output

RESIDENT_ID = "320124198808240056"  # passes the GB 11643 checksum
MOBILE = "13812345678"
CONTACT = "13912345678"
PSEUDONYM = "p_1abf46952bc24580ef9e29d5"


def _output(root: Path) -> Path:
    out = root / "public"
    (out / "projects" / "P1").mkdir(parents=True)
    (out / "index.html").write_text(f"<p>联系电话 {CONTACT}</p>", encoding="utf-8")
    (out / "projects" / "P1" / "index.html").write_text(f"<p>学员 {RESIDENT_ID}</p>" + "无关内容" * 3000,
                                                      encoding="utf-8")
    (out / "search_index.json.gz").write_bytes(gzip.compress(f'{{"t": "{MOBILE}"}}'.encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/sharedStrings.xml", f"<t>{PSEUDONYM}</t>")
    (out / "data.xlsx").write_bytes(buffer.getvalue())
    for i in range(12):
        (out / f"filler{i:02}.txt").write_text("2026-05-10 1,450.00 元\n" * 400, encoding="utf-8")
    return out


def test_every_kind_is_found_in_file_order_masked(tmp_path: Path) -> None:
    leaks = scan_output(_output(tmp_path), [CONTACT], workers=0)
    assert [(leak.path, leak.kind, leak.masked) for leak in leaks] == [
        ("data.xlsx:xl/sharedStrings.xml", "pseudonym", "p_1a******************29d5"),
        ("projects/P1/index.html", "ric", "3201**********0056"),
        ("search_index.json.gz", "mobile", "138****5678"),
    ]
    assert not any(secret in repr(leaks) for secret in (RESIDENT_ID, MOBILE, PSEUDONYM))


def test_several_processes_find_the_same_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _output(tmp_path)
    # many chunks from a small folder
    with runtime.tuned(replace(runtime.tuning(), guard_chunk_bytes=2_000)):
        assert len(pii_guard.chunk_files([(p.name, p.stat().st_size) for p in out.rglob("*") if p.is_file()])) > 4
        assert scan_output(out, [CONTACT], workers=2) == scan_output(out, [CONTACT], workers=0)
    assert len(scan_output(out, workers=2)) == 4  # the contact number too, once it is not allowed


def test_the_guard_stops_the_build_naming_file_and_kind(tmp_path: Path) -> None:
    with pytest.raises(PersonalDataLeak) as caught:
        guard_output(_output(tmp_path), [CONTACT])
    message = str(caught.value)
    assert "3 处个人信息" in message and "projects/P1/index.html: 公民身份号码 3201**********0056" in message


def test_disguises_are_found_in_output_files_and_innocent_ones_pass(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "a.html").write_text("<p>学员 ３２０１２４ １９８８ ０８２４ ００５６</p>", encoding="utf-8")
    (out / "b.json").write_text('{"t": "电话 +86 138.1234.5678"}', encoding="utf-8")
    (out / "c.csv").write_text("P_1ABF46952BC24580EF9E29D5,1abf46952bc24580ef9e29d5\r\n", encoding="utf-8")
    (out / "d.txt").write_text("320124880824005\n", encoding="utf-8")
    (out / "e.html").write_text("<p>联系 ١٣٨-١٢٣٤-٥٦٧٨</p>", encoding="utf-8")  # Arabic-Indic digits
    (out / "innocent.html").write_text(
        "<p>提交 9848021f0e1c2d3b4a5968778695a4b3c2d1e0f9 于 2026-05-01 12:30，金额 12000.00 8000.00，"
        "工种 6-31-07-03，电话 0510-82829088，班次 P2026-001-01，代码 52320211MA1W00001X</p>"
        '<svg><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2"/></svg>',
        encoding="utf-8")
    leaks = scan_output(out, workers=0)
    assert [(leak.path, leak.kind, leak.masked) for leak in leaks] == [
        ("a.html", "ric", "3201**********0056"),
        ("b.json", "mobile", "138****5678"),
        ("c.csv", "pseudonym", "P_1A******************29D5"),
        ("c.csv", "pseudonym", "1abf****************29d5"),
        ("d.txt", "ric", "3201*******4005"),
        ("e.html", "mobile", "138****5678"),
    ]


def test_a_contact_number_is_allowed_in_any_writing(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "a.html").write_text(f"<p>联系电话 ＋８６ {CONTACT[:3]}-{CONTACT[3:7]}-{CONTACT[7:]}</p>", encoding="utf-8")
    assert scan_output(out, ["0086 " + CONTACT], workers=0) == []
    assert [leak.kind for leak in scan_output(out, workers=0)] == ["mobile"]
