"""`peixun migrate` from format 1 to 2 on a real repository of the previous format: the test world as
the engine before the format existed committed it (tests/fixtures/format1/, copied from Git history).

Attacks: a score sheet that would change a review's result, a sheet naming experts the record does
not have, a jurisdiction that is no place name; each refuses and leaves every file untouched."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from json import loads
from pathlib import Path

import pytest

from generator.cli import main
from generator.migrate import Answers, MigrateError, migrate
from generator.migrate.v2 import COLUMNS, review_template
from generator.pipeline import validate
from generator.records.format import CURRENT, declared

FORMAT1 = Path(__file__).parents[1] / "fixtures" / "format1"
AS_OF = dt.date(2027, 6, 30)
PROJECT = "projects/2026/P2026-001.yaml"
POLICY = "policy/wuxi-2026-pilot.yaml"
CLASS = "classes/2026/P2026-001-01.yaml"
ROSTER_KEY = b"format1-roster-seal-test-key-01"
# the old review's panel score is 86.5: these four scores make each expert's total 86.5
SCORES = "21.5,22,21.5,21.5,是"


@pytest.fixture
def old(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    shutil.copytree(FORMAT1, records)
    key_of(records).write_bytes(ROSTER_KEY + b"\n")
    return records


def key_of(records: Path) -> Path:
    """The bureau's pseudonym key, outside the records (format 3 seals the rosters with it)."""
    return records.parent / "roster.key"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def full(records: Path, sheet: Path) -> Answers:
    """Every answer format 1 → current needs: the jurisdiction, the scores, the pseudonym key."""
    return Answers({"jurisdiction": "无锡市", "review_scores": str(sheet), "roster_key_file": str(key_of(records))})


def score_sheet(records: Path, out: Path, row: str = SCORES) -> Path:
    out.write_text(review_template(records).replace(",,,,,\r\n", f",{row}\r\n"), encoding="utf-8")
    return out


def test_validate_names_the_old_format_in_one_line(old: Path) -> None:
    report = validate(old, AS_OF, use_cache=False)
    assert [(f.rule, f.path.endswith(POLICY)) for f in report.findings] == [("FORMAT", True)]
    message = report.findings[0].message
    assert "第 1 版" in message and f"第 {CURRENT} 版" in message and f"peixun migrate --records {old}" in message


def test_refuses_without_the_answers_and_writes_nothing(old: Path) -> None:
    before = snapshot(old)
    with pytest.raises(MigrateError) as refused:
        migrate(old)
    text = str(refused.value)
    assert "--jurisdiction" in text and "--review-scores" in text and "没有写入任何文件" in text
    assert {p.question.name for p in refused.value.problems if p.question} == {
        "jurisdiction", "review_scores", "roster_key_file"}
    assert snapshot(old) == before


def test_migrates_in_place_keeping_comments_and_order_and_is_idempotent(old: Path, tmp_path: Path) -> None:
    before = snapshot(old)
    sheet = score_sheet(old, tmp_path / "scores.csv")
    result = migrate(old, full(old, sheet))
    assert (result.old, result.new) == (1, CURRENT)
    after = snapshot(old)
    # one reviewable diff: only the policy, the reviewed project and (from format 3 on) the sealed
    # roster and roles.yaml, whose published roster key the old fixture listed is dropped
    assert sorted(k for k in after if after[k] != before[k]) == [CLASS, POLICY, PROJECT, "roles.yaml"]
    policy = after[POLICY].decode()
    assert policy.startswith(before[POLICY].decode().splitlines()[0] + "\nid: wuxi-2026-pilot\n# 记录格式版本")
    assert f"format: {CURRENT}\ntitle: 关于试行" in policy
    assert "title: 关于试行重点群体项目化就业技能培训的通知\n# 实施地区" in policy
    assert "jurisdiction: 无锡市\nissuer:" in policy
    # every line the step had no reason to touch is still there, in order
    kept = [line for line in before[PROJECT].decode().splitlines()
            if not line.startswith(("    - 专家", "  score:"))]
    new_lines = after[PROJECT].decode().splitlines()
    assert [line for line in new_lines if line in kept] == kept
    assert "  score:" not in after[PROJECT].decode()
    expert = "    - name: 专家甲\n      no_conflict: true\n      scores:\n        industry_match: 21.50"
    assert expert in after[PROJECT].decode()
    report = validate(old, AS_OF, use_cache=False)
    assert report.findings == []
    assert declared(old).format == CURRENT
    again = migrate(old, Answers({}))
    assert not again.needed and again.changed == [] and snapshot(old) == after


def test_a_score_sheet_that_changes_the_review_result_is_refused(old: Path, tmp_path: Path) -> None:
    before = snapshot(old)
    sheet = score_sheet(old, tmp_path / "scores.csv", "25,25,25,25,是")  # 100 instead of 86.5
    with pytest.raises(MigrateError, match=r"平均为 100.00.*评审得分（score）为 86.5"):
        migrate(old, full(old, sheet))
    assert snapshot(old) == before


def test_a_sheet_naming_other_experts_or_bad_scores_is_refused(old: Path, tmp_path: Path) -> None:
    sheet = score_sheet(old, tmp_path / "scores.csv")
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("专家丙", "专家丁"), encoding="utf-8")
    with pytest.raises(MigrateError, match="缺少 专家丙；记录中没有 专家丁"):
        migrate(old, full(old, sheet))
    for row, found in (("26,22,21.5,21.5,是", "“与重点产业的匹配度”为“26”"),
                       ("21.5,22,21.5,21.5,也许", "请填 是 或 否"),
                       ("NaN,22,21.5,21.5,是", "为“NaN”"), ("21.505,22,21.5,21.5,是", "最多两位小数")):
        score_sheet(old, sheet, row)
        with pytest.raises(MigrateError, match=re.escape("第 2 行") + ".*" + re.escape(found)):
            migrate(old, full(old, sheet))
    with pytest.raises(MigrateError, match="应为以市、区或县结尾"):
        migrate(old, Answers({"jurisdiction": "<script>", "review_scores": str(score_sheet(old, sheet))}))


def test_a_gbk_sheet_from_excel_is_read(old: Path, tmp_path: Path) -> None:
    text = review_template(old).lstrip("\ufeff").replace(",,,,,\r\n", f",{SCORES}\r\n")
    sheet = tmp_path / "scores.csv"
    sheet.write_bytes(text.encode("gbk"))
    assert text.splitlines()[0] == ",".join(COLUMNS)
    migrate(old, full(old, sheet))
    assert validate(old, AS_OF, use_cache=False).findings == []


def test_the_cli_migrates_and_reports_json(old: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "template.csv"
    assert main(["migrate", "--records", str(old), "--review-template", str(template)]) == 0
    assert template.read_text(encoding="utf-8-sig").splitlines()[1] == "P2026-001,专家甲,,,,,"
    capsys.readouterr()
    assert main(["migrate", "--records", str(old)]) == 2
    assert "请加 --jurisdiction" in capsys.readouterr().err
    sheet = score_sheet(old, tmp_path / "scores.csv")
    key = f"roster_key_file={key_of(old)}"
    assert main(["migrate", "--records", str(old), "--jurisdiction", "无锡市", "--review-scores", str(sheet),
                 "--set", key, "--dry-run", "--format", "json"]) == 0
    dry = loads(capsys.readouterr().out)
    assert dry["from"] == 1 and len(dry["changed"]) == 4  # policy, project, roles.yaml, the sealed roster
    assert declared(old).format == 1  # a dry run writes nothing
    assert main(["migrate", "--records", str(old), "--jurisdiction", "无锡市", "--review-scores", str(sheet),
                 "--set", key]) == 0
    assert "已改写 4 个文件" in capsys.readouterr().out
    assert main(["migrate", "--records", str(old)]) == 0
    assert "无需迁移" in capsys.readouterr().out
