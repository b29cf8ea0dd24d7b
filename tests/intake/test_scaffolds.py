"""peixun new: the rules shown come from the records in force, and what is written validates."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from stdnum.cn import uscc as stdnum_uscc

from generator.cli import cli, main
from generator.findings import Finding
from tests.conftest import AS_OF, World

NEW_USCC = "5232021100000002" + "0"
NEW_USCC += stdnum_uscc.calc_check_digit(NEW_USCC)
APP = "applications/2026/A2026-002.yaml"

NEW_PROJECT = [
    "--institution", "52320211MA1W00001X", "--submitted-on", "2026-04-20", "--in-catalog", "否",
    "--category", "生活服务类", "--field", "elderly_care", "--project-name", "老年人助浴服务",
    "--district", "滨湖区", "--contact-person", "周联系", "--phone", "0510-85551234", "--email", "apply@example.cn",
    "--target-group", "农村转移就业劳动者", "--target-group", "registered_unemployed",
    "--industry-status", "居家养老需求增加。", "--skill-demand", "需要助浴护理员。",
    "--goals", "培训 20 人，就业率 60%。",
    "--module", "助浴基础,16,0", "--module", "助浴实训,0,32",
    "--evaluation-kind", "3", "--evaluation-body", "示例评价中心",
    "--employer", "91320214MA1X00001T,无锡示例康养有限公司,助浴护理员,12",
    "--employment-service", "推荐就业并跟踪 6 个月。",
    "--planned-trainees", "20", "--planned-classes", "2", "--expected-employment-rate", "60%",
    "--budget-item", "师资费,500", "--budget-item", "耗材费,300",
    "--signed-by", "王示例", "--signed-on", "2026-04-18",
]


def findings_for(world: World, rel: str) -> list[Finding]:
    return [f for f in world.validate(AS_OF).findings if f.path == world.display(rel)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def test_institution_from_options_validates(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "new", "institution", "--records", str(world.root), "--no-input", "--uscc", NEW_USCC,
                    "--name", "无锡示例新培训学校", "--type", "3", "--address", "无锡市滨湖区示例路 9 号",
                    "--legal-representative", "钱示例", "--qualification-kind", "民办学校办学许可证",
                    "--qualification-number", "教民132021100009", "--maintainer", "@school-new")
    assert code == 0, out
    rel = f"institutions/{NEW_USCC}.yaml"
    text = world.path(rel).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.count("\n# ") >= 4  # a Chinese comment per section
    assert "type: training_institution" in text and "valid_until:\n" in text and "- school-new" in text
    assert findings_for(world, rel) == []


def test_institution_interactive_shows_the_rule_and_asks_again(world: World) -> None:
    answers = ["91110000600037341L", "91310115MA1H8R7C6D", NEW_USCC, "无锡示例新培训学校", "职业技能培训机构",
               "无锡市滨湖区示例路 9 号", "钱示例", "民办学校办学许可证", "教民132021100009", "2028-12-31",
               "school-new", ""]
    result = CliRunner().invoke(cli, ["new", "institution", "--records", str(world.root)],
                                input="\n".join(answers) + "\n")
    assert "无锡市以 3202 开头" in result.output  # the policy in force: its jurisdiction and region codes
    assert "第 3-8 位为 110000，不是在无锡市登记的单位（应以 3202 开头" in result.output  # a valid code from Beijing
    assert "校验位（第 18 位）为“D”" in result.output
    assert result.exit_code == 0, result.output
    rel = f"institutions/{NEW_USCC}.yaml"
    assert "valid_until: 2028-12-31" in world.path(rel).read_text(encoding="utf-8")
    assert [f for f in findings_for(world, rel) if f.rule == "SCHEMA"] == []


def test_application_over_the_category_cap_is_refused_with_the_cap(world: World,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "new", "application", "--records", str(world.root), "--no-input", *NEW_PROJECT,
                    "--unit-price", "1200")
    assert code == 2
    assert "申报单价 1200 元超过新开发生活服务类项目上限 1000 元" in out
    assert not world.path(APP).exists()


def test_application_from_options_validates_with_comments(
    world: World, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4 signed and sealed\n")
    code, out = run(capsys, "new", "application", "--records", str(world.root), "--no-input", *NEW_PROJECT,
                    "--unit-price", "800", "--scan-sha256", str(scan))
    assert code == 0, out
    text = world.path(APP).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# 培训费用预算（元/人）：明细之和等于申报单价" in text
    assert hashlib.sha256(scan.read_bytes()).hexdigest() in text
    assert 'institution: "52320211MA1W00001X"' in text and 'phone: "0510-85551234"' in text
    assert findings_for(world, APP) == []


def test_application_without_a_scan_is_written_with_a_placeholder_that_validate_refuses(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "new", "application", "--records", str(world.root), "--no-input", *NEW_PROJECT,
                    "--unit-price", "800")
    assert code == 1, out
    text = world.path(APP).read_text(encoding="utf-8")
    assert "待填：签字盖章页扫描件的 SHA-256" in text  # no scan yet: the placeholder says so
    assert [f.rule for f in findings_for(world, APP)] == ["APP-DECLARATION"]


def test_a_missing_option_is_named_without_input(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a for a in NEW_PROJECT if a not in ("--project-name", "老年人助浴服务")]
    code, out = run(capsys, "new", "application", "--records", str(world.root), "--no-input", *argv,
                    "--unit-price", "800")
    assert code == 2 and "缺少 --project-name（项目名称）" in out


def test_application_interactive_shows_the_catalog_cap_and_checks_the_budget(world: World, tmp_path: Path) -> None:
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4 signed\n")
    answers = [
        "52320211MA1W00001X", "2026-04-20", "", "", "是", "4-10-01-05", "L4", "3", "", "滨湖区",
        "周联系", "13812345678", "apply@example.cn", "4", "5", "", "现状。", "需求。", "目标。",
        "职业道德,16,0", "生活照料,0,32", "", "职业技能等级证书", "示例评价中心",
        "91320214MA1X00001T,无锡示例康养有限公司,养老护理员,15", "", "推荐就业。", "20", "2", "0.6",
        "1200", "1000", "师资费,600", "耗材费,300", "", "删除 2", "耗材费,400", "", "", "", str(scan),
    ]
    result = CliRunner().invoke(cli, ["new", "application", "--records", str(world.root)],
                                input="\n".join(answers) + "\n")
    assert "单价上限（目录标准：养老护理员（4-10-01-05）四级/中级工 1000 元）" in result.output
    assert "申报单价 1200 元超过目录标准" in result.output
    assert "明细合计 900 元，与申报单价 1000 元不一致（还差 100 元）" in result.output
    assert "已删除第 2 项" in result.output  # the items typed were kept: only one was replaced
    assert result.exit_code == 0, result.output
    text = world.path(APP).read_text(encoding="utf-8")
    assert "category: life_service" in text  # from the catalog, not asked
    assert "project_name: 养老护理员" in text  # the default offered for a catalog occupation
    assert hashlib.sha256(scan.read_bytes()).hexdigest() in text
    assert findings_for(world, APP) == []


def test_class_from_options_validates_and_keeps_the_period_rule(world: World,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    base = ["new", "class", "--records", str(world.root), "--as-of", "2026-08-01", "--no-input",
            "--project", "P2026-001", "--start-on", "2026-09-01", "--end-on", "2026-09-20",
            "--location", "无锡市滨湖区示例路 1 号",
            "--theory", "20", "--yunmou-id", "YM-2026-0002"]
    code, out = run(capsys, *base, "--practical", "20")
    # 24 practical would give 44 in all, of which 24 is 54.5%: the real minimum with 20 theory is 30
    assert code == 2 and "实操 20 课时不到总课时 40 的 60%，至少需要 30 课时" in out
    code, out = run(capsys, *base, "--practical", "30")
    assert code == 0, out
    rel = "classes/2026/P2026-001-02.yaml"  # the next free number of the project
    text = world.path(rel).read_text(encoding="utf-8")
    assert "trainees: []" in text and "seal-roster" in text
    assert findings_for(world, rel) == [] or [f.rule for f in findings_for(world, rel)] == ["CLS-EVIDENCE"]
    code, out = run(capsys, *base, "--practical", "30", "--id", "P2026-001-02")
    assert code == 2 and "已存在" in out


def test_no_input_reports_every_missing_option_at_once(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    drop = {"--project-name", "老年人助浴服务", "--email", "apply@example.cn", "--goals", "培训 20 人，就业率 60%。"}
    argv = [a for a in NEW_PROJECT if a not in drop]
    code, out = run(capsys, "new", "application", "--records", str(world.root), "--no-input", *argv,
                    "--unit-price", "800", "--district", "火星区")
    assert code == 2
    for missing in ("--project-name（项目名称）", "--email（邮箱地址）", "--goals（培训预期目标）",
                    "“火星区”不是无锡市的推荐地区"):
        assert missing in out, out
    assert "有 4 个选项缺少或有误" in out
    assert not world.path(APP).exists()


def test_chinese_labels_of_every_choice_names_and_districts_are_accepted(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a for a in NEW_PROJECT]
    argv[argv.index("--field") + 1] = "其他"
    argv[argv.index("--district") + 1] = "梁溪"
    argv[argv.index("--in-catalog") + 1] = "是"
    argv.remove("--category")
    argv.remove("生活服务类")
    _, out = run(capsys, "new", "application", "--records", str(world.root), "--no-input", *argv,
                    "--industry-chain", "物联网", "--occupation-code", "养老护理员", "--level", "四级",
                    "--unit-price", "800")
    assert world.path(APP).exists(), out
    text = world.path(APP).read_text(encoding="utf-8")
    assert "field: other" in text and "district: 梁溪区" in text, out
    assert 'occupation_code: "4-10-01-05"' in text and "level: L4" in text


def test_occupation_by_an_unknown_name_says_what_to_type(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a for a in NEW_PROJECT]
    argv[argv.index("--in-catalog") + 1] = "是"
    code, out = run(capsys, "new", "application", "--records", str(world.root), "--no-input", *argv,
                    "--occupation-code", "宇航员", "--level", "L4", "--unit-price", "800")
    assert code == 2 and "“宇航员”不在指导目录" in out and "编码或名称" in out


def test_the_periods_warning_comes_before_the_file_is_written(world: World,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a for a in NEW_PROJECT]
    argv[argv.index("助浴实训,0,32")] = "助浴实训,0,20"  # 16 + 20 = 36 in all
    _, out = run(capsys, "new", "application", "--records", str(world.root), "--no-input", *argv,
                    "--unit-price", "800")
    assert "实操至少 24 课时" in out, out
    assert out.index("APP-PERIODS") < out.index("已写入")


def test_interactive_periods_warning_keeps_the_modules_and_lets_one_be_added(world: World, tmp_path: Path) -> None:
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4 signed\n")
    answers = [
        "52320211MA1W00001X", "2026-04-20", "", "", "是", "养老护理员", "四级", "其他", "物联网", "", "梁溪",
        "周联系", "13812345678", "apply@example.cn", "4", "5", "", "现状。", "需求。", "目标。",
        "职业道德,16,0", "生活照料,0,20", "", "否", "生活照料实训,0,4", "", "职业技能等级证书", "示例评价中心",
        "91320214MA1X00001T,无锡示例康养有限公司,养老护理员,15", "", "推荐就业。", "20", "2", "0.6",
        "1000", "师资费,600", "耗材费,400", "", "", "", str(scan), "n",
    ]
    result = CliRunner().invoke(cli, ["new", "application", "--records", str(world.root)],
                                input="\n".join(answers) + "\n")
    assert "实操至少 24 课时" in result.output  # 16 + 20: shown while the modules are asked
    assert "输入编码、名称或序号" in result.output and "\n     1) 4-10-01-05  养老护理员" in result.output
    assert result.exit_code == 0, result.output
    text = world.path(APP).read_text(encoding="utf-8")
    assert text.count("- module:") == 3  # the two typed before the warning, and the one added after it
    assert "district: 梁溪区" in text and "field: other" in text and 'occupation_code: "4-10-01-05"' in text


def test_new_institution_refuses_a_code_that_shows_no_legal_person(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 25.2: `peixun new` refuses what INST-LEGAL-PERSON refuses (通知 三), naming the kind."""
    sole_trader = "9232021100000002" + "0"
    sole_trader += stdnum_uscc.calc_check_digit(sole_trader)
    code, out = run(capsys, "new", "institution", "--records", str(world.root), "--no-input", "--uscc", sole_trader,
                    "--name", "无锡示例个体培训部", "--type", "3", "--address", "无锡市滨湖区示例路 9 号",
                    "--legal-representative", "钱示例", "--qualification-kind", "民办学校办学许可证",
                    "--qualification-number", "教民132021100009", "--maintainer", "@school-new")
    assert code != 0
    assert "个体工商户" in out and "不具有独立法人资格" in out
    assert not world.path(f"institutions/{sole_trader}.yaml").exists()
