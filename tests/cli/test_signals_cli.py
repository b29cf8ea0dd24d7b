"""`peixun signals`: renders the library's report, says it is bureau-only, writes nowhere public."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.signals import BUREAU_ONLY, signals
from generator.signals.settings import EXAMPLE
from tests.signals.builder import AS_OF, MONTHS_3, SignalWorld, uscc


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """An institution priced at the cap thrice, and an employer whose 12 hires all stop after 3 months;
    its name starts with `=` as a spreadsheet formula would."""
    w = SignalWorld()
    inst = w.institution(uscc("cap", "52320211"), name="=HYPERLINK(\"http://x\",\"点我\")")
    stop = uscc("stop")
    for _ in range(3):
        w.klass(w.project(inst, unit_price=1000, employers=[(stop, "@SUM(1+1)")]), trainees=6,
                employed={i: (stop, MONTHS_3) for i in range(4)})
    return w.write(tmp_path / "records")


def test_json_equals_the_library_report(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "signals", "--records", str(planted), "--as-of", AS_OF.isoformat(),
                         "--format", "json", "--no-cache")
    assert code == 0
    report = signals(planted, AS_OF, use_cache=False)
    assert json.loads(out) == json.loads(json.dumps(report.as_dict()))
    assert BUREAU_ONLY in err  # said on stderr, whatever the format
    data = json.loads(out)
    assert data["bureau_only"] is True and data["notice"] == BUREAU_ONLY
    assert set(data["meta"]) >= {"SIG-PRICE-AT-CAP", "SIG-PENSION-STOP"}
    assert data["ranked"] and report.total_signals >= 2


def test_text_starts_with_the_bureau_only_notice(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "signals", "--records", str(planted), "--as-of", AS_OF.isoformat(), "--no-cache",
                         "--settings", str(EXAMPLE))
    assert code == 0 and out.startswith(BUREAU_ONLY) and BUREAU_ONLY in err
    assert "SIG-PRICE-AT-CAP" in out and "Tukey" in out


def test_xlsx_is_ranked_escaped_and_reproducible(planted: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "bureau" / "signals.xlsx"
    args = ["signals", "--records", str(planted), "--as-of", AS_OF.isoformat(), "--format", "xlsx",
            "--output", str(out_file), "--no-cache"]
    code, _, err = run(capsys, *args)
    assert code == 0 and BUREAU_ONLY in err
    first = out_file.read_bytes()
    assert run(capsys, *args)[0] == 0
    assert out_file.read_bytes() == first  # same records and date, same bytes
    wb = openpyxl.load_workbook(out_file)
    assert wb.sheetnames == ["排名", "指标分布", "说明"]
    ws = wb["排名"]
    assert ws["A1"].value == BUREAU_ONLY
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    report = signals(planted, AS_OF, use_cache=False)
    assert [(r[2], r[4]) for r in rows] == [(s.subject, s.signals) for s in report.ranked]
    for row in ws.iter_rows(min_row=1):
        for cell in row:
            assert cell.data_type != "f"  # no formulas anywhere
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    names = [r[3] for r in rows if r[3]]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in names
    assert any(r[1] == "用人单位" and r[3] == "'@SUM(1+1)" for r in rows)
    meta = {r[0]: r for r in wb["指标分布"].iter_rows(min_row=2, values_only=True)}
    assert set(meta) == set(report.meta)


def test_xlsx_needs_an_output_file(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "signals", "--records", str(planted), "--format", "xlsx", "--no-cache")
    assert code == 2 and "--output" in err and not out


def test_the_report_is_never_written_into_the_records_repository_or_a_public_folder(
        planted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for target in (planted / "signals.json", tmp_path / "reports" / "signals.json",
                   tmp_path.parent / "elsewhere" / "public" / "signals.json",
                   tmp_path.parent / "elsewhere" / "site" / "x" / "signals.xlsx"):
        code, _, err = run(capsys, "signals", "--records", str(planted), "--format", "json",
                           "--output", str(target), "--no-cache")
        assert code == 2, target
        assert "不能把监督信号写入" in err
        assert not target.exists()


def test_a_bad_settings_file_stops_before_any_record_is_judged(planted: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators:\n  SIG-PRICE-AT-CAP:\n    threshold: 六成\n", encoding="utf-8")
    code, out, err = run(capsys, "signals", "--records", str(planted), "--settings", str(bad), "--no-cache")
    assert code == 2 and not out
    assert f"{bad}:3: 指标 SIG-PRICE-AT-CAP：threshold" in err
    assert "Traceback" not in err
