"""A corpus of hand-typed mistakes: every message is Chinese, names the right line and says the fix.

Each case changes one line of a valid application (or institution) the way a Chinese typist gets
it wrong, and checks the finding's line and the facts its message must state, and that no English
text of the YAML or validation library reaches the user.
"""

from __future__ import annotations

import re

import pytest

from generator.findings import Finding
from tests.conftest import APPLICATION, INSTITUTION, World

# phrases of ruamel.yaml, PyYAML and pydantic that must never reach a user
LIBRARY_ENGLISH = re.compile(
    r"Input should|instance of|Value error|Field required|Extra inputs|found duplicate|original value|"
    r"mapping values|could not find|while (?:scanning|parsing|constructing)|expected <|but found|"
    r"not allowed|cannot start|found character|end of stream|unknown escape|Assertion failed|"
    r"[A-Za-z]+Error|\bin \"<unicode string>\"|line \d+, column \d+",
)

# (case id, file, text to replace, replacement, expected line, facts the message states)
CASES: list[tuple[str, str, str, str, int | None, list[str]]] = [
    ("fullwidth-colon", APPLICATION, "district: 滨湖区", "district： 滨湖区", 5, ["全角冒号", "第 9 列", ": "]),
    ("fullwidth-colon-nested", APPLICATION, "  person: 李联系", "  person：李联系", 15, ["全角冒号"]),
    ("fullwidth-colon-last-line", INSTITUTION, "  - school-a", "  - school-a\nnote： x", 14, ["全角冒号"]),
    ("fullwidth-dash", APPLICATION, "  - registered_unemployed", "  － registered_unemployed", 20,
     ["全角破折号", "- "]),
    ("fullwidth-space-indent", APPLICATION, "  email: office@example.cn", "\u3000 email: office@example.cn", 17,
     ["全角空格"]),
    ("fullwidth-space-after-colon", APPLICATION, "district: 滨湖区", "district:\u3000滨湖区", 5, ["全角空格"]),
    ("tab-indent", APPLICATION, "  email: office@example.cn", "\temail: office@example.cn", 17, ["制表符", "空格"]),
    ("unquoted-mobile", APPLICATION, "  phone: 0510-85551234", "  phone: 13912345678", 16,
     ['phone: "13912345678"', "电话"]),
    ("unquoted-landline", APPLICATION, "  phone: 0510-85551234", "  phone: 051085551234", 16,
     ["数字 51085551234", "把 0 写回"]),
    ("unquoted-uscc-digits", APPLICATION, "  - uscc: 91320214MA1X00001T", "  - uscc: 913202141234567890", 36,
     ["employers[0].uscc", "加引号"]),
    ("float-code", APPLICATION, "  occupation_code: 4-10-01-05", "  occupation_code: 4.10", 9,
     ["工种编码", "加引号"]),
    ("duplicate-key", APPLICATION, "district: 滨湖区", "district: 江阴市\ndistrict: 滨湖区", 6,
     ["重复的键", "district", "第 5 行", "江阴市", "滨湖区"]),
    ("fullwidth-digits-money", APPLICATION, "  unit_price: 1000", '  unit_price: "１０００"', None,
     ["申报单价", "全角数字", "1000"]),
    ("percent-ratio", APPLICATION, "  expected_employment_rate: 0.6", "  expected_employment_rate: 60%", None,
     ["预期就业率", "60% 写作 0.6"]),
    ("word-for-number", APPLICATION, "    positions: 15", "    positions: 十五", 39, ["岗位数量", "整数"]),
    ("chinese-boolean", APPLICATION, "  in_catalog: true", "  in_catalog: 是", 8, ["true", "false"]),
    ("chinese-date", APPLICATION, "submitted_on: 2026-04-10", "submitted_on: 2026年4月10日", 6, ["YYYY-MM-DD"]),
    ("impossible-date", APPLICATION, "submitted_on: 2026-04-10", "submitted_on: 2026-04-31", 6,
     ["2026-04-31", "YYYY-MM-DD"]),
    ("label-for-identifier", APPLICATION, "  level: L4", "  level: 四级", 10, ["可选", "L4（四级/中级工）"]),
    ("unclosed-quote", APPLICATION, "  person: 李联系", '  person: "李联系', 15, ["引号"]),
    ("colon-in-value", APPLICATION, "  person: 李联系", "  person: 李联系: 王", 15, ["引号"]),
    ("deeper-indent", APPLICATION, "  email: office@example.cn", "    email: office@example.cn", 17, ["缩进"]),
    ("at-sign", INSTITUTION, "  - school-a", "  - @school-a", 13, ["@", "引号"]),
    ("missing-colon", INSTITUTION, "name: 无锡示例职业培训学校", "name 无锡示例职业培训学校", 3, ["冒号"]),
]


def _schema_findings(world: World, rel: str) -> list[Finding]:
    report = world.validate()
    return [f for f in report.findings if f.path == world.display(rel) and f.rule == "SCHEMA"]


@pytest.mark.parametrize(("case", "rel", "old", "new", "line", "facts"), CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_told_in_chinese_at_its_line(world: World, case: str, rel: str, old: str, new: str,
                                                    line: int | None, facts: list[str]) -> None:
    text = world.path(rel).read_text(encoding="utf-8")
    assert old in text, case
    world.write(rel, text.replace(old, new, 1))
    if line is None:  # the line of the changed value
        line = text.split("\n").index(old) + 1
    findings = _schema_findings(world, rel)
    assert findings, case
    hit = [f for f in findings if f.line == line]
    assert hit, [(f.line, f.message) for f in findings]
    message = hit[0].message
    for fact in facts:
        assert fact in message, message
    for f in findings:
        assert not LIBRARY_ENGLISH.search(f.message), f.message
        assert re.search(r"[\u4e00-\u9fff]", f.message), f.message


def test_gbk_file_is_named_as_gbk_with_the_line(world: World) -> None:
    text = world.path(INSTITUTION).read_text(encoding="utf-8")
    world.write(INSTITUTION, text.encode("gbk"))
    [finding] = _schema_findings(world, INSTITUTION)
    assert "GBK" in finding.message and "UTF-8" in finding.message
    assert finding.line == 3  # the first line with Chinese text
    assert not LIBRARY_ENGLISH.search(finding.message)


def test_a_bom_at_the_start_is_fine_but_one_in_the_middle_is_named(world: World) -> None:
    text = world.path(INSTITUTION).read_text(encoding="utf-8")
    world.write(INSTITUTION, "\ufeff" + text)
    assert _schema_findings(world, INSTITUTION) == []
    lines = text.split("\n")
    lines[4] = "\ufeff" + lines[4]
    world.write(INSTITUTION, "\n".join(lines))
    [finding] = _schema_findings(world, INSTITUTION)
    assert finding.line == 5 and "BOM" in finding.message


def test_a_fullwidth_colon_inside_a_value_is_not_an_error(world: World) -> None:
    text = world.path(INSTITUTION).read_text(encoding="utf-8")
    world.write(INSTITUTION, text.replace("address: 无锡市滨湖区示例路 1 号", "address: 无锡市：滨湖区示例路 1 号"))
    assert _schema_findings(world, INSTITUTION) == []
