"""check-changes, audit and codeowners through `main([...])`: the CLI renders what the library returns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.gitops.change_review import check_changes
from generator.gitops.trail import record_trail
from generator.mdtext import md_text
from tests.conftest import APPLICATION, CLASS, INSTITUTION, World
from tests.gitops.conftest import OTHER_INSTITUTION, UNDECIDED_APPLICATION, Ledger


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def refused(ledger: Ledger) -> None:
    """A pull request by school-a that touches another institution and a frozen roster."""
    def change(world: World) -> None:
        world.edit(OTHER_INSTITUTION, lambda d: d.update(address="别处"))
        world.edit(CLASS, lambda d: d["periods"].update(theory=20))  # frozen once paid

    ledger.pr("school-a", change)


def changes_args(ledger: Ledger, *extra: str) -> list[str]:
    return ["check-changes", "--base", "main", "--author", "school-a", "--records", str(ledger.records.root), *extra]


def test_json_equals_the_library_result(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    refused(ledger)
    code, out, _ = run(capsys, *changes_args(ledger, "--format", "json"))
    expected = [f.as_dict() for f in check_changes(ledger.root, "main", "school-a")]
    assert code == 1
    assert json.loads(out) == expected
    assert [f["rule"] for f in expected] == ["CHG-FROZEN", "CHG-OWNER"]


def test_text_groups_findings_by_file_and_names_the_author(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    refused(ledger)
    code, out, _ = run(capsys, *changes_args(ledger))
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == ledger.rel(CLASS)
    assert lines[1].startswith(f"  {ledger.rel(CLASS)}:")
    assert "error CHG-FROZEN" in lines[1]
    assert lines[-1].startswith("变更检查未通过：") and "2 个文件有改动，2 处不允许的修改" in lines[-1]
    assert "school-a：培训主体 52320211MA1W00001X 的维护人" in lines[-1]


def test_github_annotations_and_markdown(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    refused(ledger)
    _, out, _ = run(capsys, *changes_args(ledger, "--format", "github"))
    assert out.splitlines()[0].startswith(f"::error file={ledger.rel(CLASS)},line=")
    assert ",title=CHG-FROZEN::" in out.splitlines()[0]
    code, out, _ = run(capsys, *changes_args(ledger, "--format", "markdown"))
    assert code == 1
    assert out.startswith("### ❌ 变更检查")
    assert f"**{md_text(ledger.rel(CLASS))}**" in out and f"**{md_text(ledger.rel(OTHER_INSTITUTION))}**" in out
    assert "- 错误 · 第 " in out and "`CHG-OWNER`" in out


def test_a_clean_pull_request_exits_zero(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    ledger.pr("school-a", lambda w: w.edit(UNDECIDED_APPLICATION, lambda d: d.update(project_name="新名称")))
    code, out, _ = run(capsys, *changes_args(ledger))
    assert code == 0
    assert out.startswith("变更检查通过：") and "1 个文件有改动，0 处" in out


@pytest.mark.parametrize("base", ["no-such-branch", "--help-me"])
def test_an_unknown_base_is_one_chinese_line_and_exit_2(ledger: Ledger, capsys: pytest.CaptureFixture[str],
                                                         base: str) -> None:
    code, out, err = run(capsys, "check-changes", f"--base={base}", "--records", str(ledger.records.root))
    assert code == 2
    assert out == ""
    assert err.startswith(f"错误：未知的版本：{base}") and err.count("\n") == 1


def test_outside_a_repository_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check-changes", "--base", "main", "--records", str(tmp_path))
    assert code == 2 and err.startswith("错误：不是 Git 仓库")
    code, _, err = run(capsys, "audit", str(tmp_path / "x.yaml"))
    assert code == 2 and "不是 Git 仓库" in err


def test_audit_text_and_json(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    ledger.records.edit(APPLICATION, lambda d: d["planned"].update(trainees=30))
    ledger.commit("plan 30 trainees", "2026-08-01T10:00:00+08:00")
    path = ledger.records.path(APPLICATION)
    code, out, _ = run(capsys, "audit", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{ledger.rel(APPLICATION)} 的变更记录（2 次提交，最新在前）"
    assert lines[2].startswith("2026年8月1日 10:00  提交 ")
    assert "    培训计划 · 计划培训人数：20 → 30" in lines
    assert f"  项目征集表 A2026-001：新建（{ledger.rel(APPLICATION)}）" in lines
    code, out, _ = run(capsys, "audit", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out) == record_trail(ledger.root, ledger.rel(APPLICATION)).as_dict()


def test_audit_of_a_path_without_history_exit_2(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "audit", str(ledger.records.path("applications/2026/A2099-001.yaml")))
    assert code == 2 and "没有提交历史" in err


def test_codeowners_writes_then_checks(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    records = str(ledger.records.root)
    code, _, _ = run(capsys, "codeowners", "--records", records)
    assert code == 0
    text = (ledger.root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "\n* @wx-bureau\n" in text
    assert f"/records/{APPLICATION} @wx-bureau @school-a\n" in text
    assert f"/records/{CLASS} @wx-bureau @school-a\n" in text
    assert f"/records/{INSTITUTION} @wx-bureau @school-a\n" in text
    assert f"/records/{OTHER_INSTITUTION} @wx-bureau @school-b\n" in text
    assert run(capsys, "codeowners", "--records", records, "--check")[0] == 0
    ledger.records.edit(INSTITUTION, lambda d: d["maintainers"].append("colleague"))
    code, _, err = run(capsys, "codeowners", "--records", records, "--check")
    assert code == 1 and "已过期" in err


def test_audit_json_holds_any_value_a_record_file_can_hold(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    """Expert half scores crashed `--format json` (a float outside the JSON writer's contract); an
    old version of a file may hold anything YAML can say, and its history must still be written."""
    path = ledger.records.path(APPLICATION)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "score: 20.5\nbig: 123456789012345678901234\nodd: .nan\nhuge: 1e400\n"
                    "tiny: 1.0e-300\nwhole: 22.0\nraw: !!binary aGVsbG8=\nset: !!set {a, b}\nkeys: {1: 2, [1, 2]: 3}\n"
                    "when: 2026-05-20T10:00:00+08:00\n", encoding="utf-8")
    ledger.commit("odd values", "2026-08-01T10:00:00+08:00")
    path.write_text(text + "score: 21.25\n", encoding="utf-8")
    ledger.commit("fewer odd values", "2026-08-02T10:00:00+08:00")

    code, out, err = run(capsys, "audit", str(path), "--format", "json")

    assert code == 0, err
    assert out.count('"old": 20.5') == 1 and '"new": 21.25' in out  # exact numbers, not text
    newest = json.loads(out)["entries"][0]
    assert {c["path"]: c["old"] for c in newest["changes"]} == {
        "score": 20.5, "big": "123456789012345678901234", "odd": ".nan", "huge": ".inf", "tiny": "1e-300",
        "whole": 22, "raw": "hello", "set": ["a", "b"], "keys": {"1": 2, "(1, 2)": 3},
        "when": "2026-05-20T10:00:00+08:00"}
