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
    monkeypatch.setattr(runtime, "_current", replace(runtime.tuning(), guard_chunk_bytes=2_000))
    assert len(pii_guard._chunks([(p.name, p.stat().st_size) for p in out.rglob("*") if p.is_file()])) > 4
    assert scan_output(out, [CONTACT], workers=2) == scan_output(out, [CONTACT], workers=0)
    assert len(scan_output(out, workers=2)) == 4  # the contact number too, once it is not allowed


def test_the_guard_stops_the_build_naming_file_and_kind(tmp_path: Path) -> None:
    with pytest.raises(PersonalDataLeak) as caught:
        guard_output(_output(tmp_path), [CONTACT])
    message = str(caught.value)
    assert "3 处个人信息" in message and "projects/P1/index.html: 公民身份号码 3201**********0056" in message
