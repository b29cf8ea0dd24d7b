"""The CLI only renders what the library returns; exit codes follow the README's command table."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from generator.cli import main
from generator.mdtext import md_text
from generator.pipeline import validate
from tests.conftest import APPLICATION, AS_OF, FIXTURES, INSTITUTION, World


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def break_world(world: World) -> None:
    world.write(APPLICATION, (FIXTURES / "bad" / "unquoted_phone_application.yaml").read_bytes())


def test_json_equals_the_library_report(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    break_world(world)
    code, out, _ = run(capsys, "validate", "--records", str(world.root), "--as-of", AS_OF.isoformat(),
                       "--format", "json")
    assert code == 1
    expected = [f.as_dict() for f in validate(world.root, AS_OF).findings]
    assert json.loads(out) == expected
    assert expected and set(expected[0]) == {"rule", "severity", "path", "line", "message"}


def test_clean_records_exit_zero_with_a_summary(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--records", str(world.root), "--as-of", "2027-06-30")
    assert code == 0
    assert "校验通过：11 个文件，0 个错误" in out
    assert "2027-06-30" in out


def test_text_groups_by_file_with_path_line_severity_rule(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    break_world(world)
    code, out, _ = run(capsys, "validate", "--records", str(world.root), "--as-of", "2027-06-30")
    assert code == 1
    path = world.display(APPLICATION)
    lines = out.splitlines()
    assert lines[0] == path
    assert lines[1].startswith(f"  {path}:16: error SCHEMA contact.phone")
    assert "1 个错误" in lines[-1]


def test_github_annotations(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    break_world(world)
    code, out, _ = run(capsys, "validate", "--records", str(world.root), "--as-of", "2027-06-30",
                       "--format", "github")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"::error file={world.display(APPLICATION)},line=16,title=SCHEMA::")


def test_warnings_alone_do_not_fail(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    text = world.path(INSTITUTION).read_text(encoding="utf-8").split("\n", 1)[1]
    world.write(INSTITUTION, text)  # no schema comment: a warning
    code, out, _ = run(capsys, "validate", "--records", str(world.root), "--as-of", "2027-06-30")
    assert code == 0
    assert "warning SCHEMA" in out and "1 个警告" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--format", "xml"],
        ["validate", "--as-of", "2027-13-01"],
        ["validate", "--no-such-option"],
        ["no-such-command"],
    ],
)
def test_bad_usage_exits_two(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.strip()


def test_missing_records_folder_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--records", str(tmp_path / "missing"))
    assert code == 2
    assert err.strip().splitlines() == [f"错误：记录目录不存在：{tmp_path / 'missing'}"]
    assert "Traceback" not in err + out


def test_debug_shows_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--debug", "validate", "--records", str(tmp_path / "missing"))
    assert code == 2
    assert "Traceback" in err and "RecordsDirError" in err


def test_python_dash_m_runs_the_same_command(world: World) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--records", str(world.root), "--as-of", "2027-06-30",
         "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_the_executable_exits_at_once_with_its_output_and_status_intact(world: World) -> None:
    """`peixun` leaves through os._exit (no heap teardown): what it printed must still all arrive,
    through a pipe, and a failure must still exit 1; a user's mistake is a message, no traceback."""
    break_world(world)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--records", str(world.root), "--as-of", AS_OF.isoformat(),
         "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout) == [f.as_dict() for f in validate(world.root, AS_OF, use_cache=False).findings]
    missing = subprocess.run([sys.executable, "-m", "generator", "validate", "--records", str(world.root / "nope")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "记录目录不存在" in missing.stderr and "Traceback" not in missing.stderr
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts["peixun"] == "generator.cli:run"


def test_as_of_defaults_to_today(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "validate", "--records", str(world.root))
    assert dt.date.today().isoformat() in out


def test_markdown_groups_findings_by_file_for_the_pull_request_comment(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    break_world(world)
    text = world.path(INSTITUTION).read_text(encoding="utf-8").split("\n", 1)[1]
    world.write(INSTITUTION, text)  # a warning in a second file
    code, out, _ = run(capsys, "validate", "--records", str(world.root), "--as-of", "2027-06-30",
                       "--format", "markdown")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "### ❌ 记录校验（peixun validate）"
    assert "1 个错误，1 个警告" in lines[2]
    files = [line for line in lines if line.startswith("**")]
    assert files == [f"**{md_text(world.display(APPLICATION))}**", f"**{md_text(world.display(INSTITUTION))}**"]
    assert any(line.startswith("- 错误 · 第 16 行 · `SCHEMA` contact.phone") for line in lines)
    assert any(line.startswith("- 警告 · 第 1 行 · `SCHEMA`") for line in lines)
