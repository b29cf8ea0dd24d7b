"""The bad-input corpus: every way a hand-edited file goes wrong becomes one located SCHEMA finding."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.findings import Severity
from generator.records.kinds import KINDS_BY_NAME
from generator.records.load import load_file, load_records
from generator.records.yamlio import MAX_EXPANDED_NODES, parse
from tests.conftest import APPLICATION, FIXTURES, INSTITUTION, World

BAD = FIXTURES / "bad"

CASES = [
    # fixture, where it goes, expected line, facts the message must state
    ("gbk_institution.yaml", INSTITUTION, 3, ["UTF-8", "GBK", "请以 UTF-8 保存"]),
    ("duplicate_key_institution.yaml", INSTITUTION, 6, ["重复的键", "address"]),
    ("tab_indent_institution.yaml", INSTITUTION, 8, ["制表符", "空格"]),
    ("syntax_error_institution.yaml", INSTITUTION, 3, ["方括号", "没有闭合"]),
    ("empty_institution.yaml", INSTITUTION, 1, ["文件为空"]),
    ("id_mismatch_institution.yaml", INSTITUTION, 2, ["52320211MA1W00002X", "文件名", "52320211MA1W00001X"]),
    ("alias_bomb_institution.yaml", INSTITUTION, 1, ["别名炸弹", f"{MAX_EXPANDED_NODES:,}"]),
    ("unquoted_phone_application.yaml", APPLICATION, 16, ["contact.phone", "数字 51085551234", "加引号"]),
    ("wrong_type_application.yaml", APPLICATION, 42, ["planned.trainees", "整数", "二十"]),
    ("bad_date_application.yaml", APPLICATION, 6, ["日期", "YYYY-MM-DD"]),
    ("top_level_list_application.yaml", APPLICATION, 1, ["键: 值", "列表"]),
]


@pytest.mark.parametrize(("fixture", "rel", "line", "facts"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_located_schema_finding(
    world: World, fixture: str, rel: str, line: int, facts: list[str]
) -> None:
    world.write(rel, (BAD / fixture).read_bytes())
    report = world.validate()
    mine = [f for f in report.findings if f.path == world.display(rel)]
    assert len(mine) == 1, [f.as_dict() for f in mine]
    finding = mine[0]
    assert report.errors == 1
    assert finding.rule == "SCHEMA"
    assert finding.severity is Severity.ERROR
    assert finding.line == line
    for fact in facts:
        assert fact in finding.message


def test_misspelt_key_reports_the_unknown_and_the_missing_name(world: World) -> None:
    world.write(INSTITUTION, (BAD / "unknown_key_institution.yaml").read_bytes())
    findings = world.findings("SCHEMA")
    assert [(f.line, f.message.split("。")[0]) for f in findings] == [
        (2, "缺少必填字段 address（单位地址）"), (5, "未知字段 adress"),
    ]
    assert all(f.severity is Severity.ERROR for f in findings)


def test_broken_file_does_not_cascade_into_missing_references(world: World) -> None:
    """An application that fails SCHEMA still exists: its project must not also get a REF error."""
    world.write(APPLICATION, (BAD / "unquoted_phone_application.yaml").read_bytes())
    rules = {f.rule for f in world.validate().findings}
    assert rules == {"SCHEMA"}


def test_missing_schema_comment_is_a_warning(world: World) -> None:
    text = world.path(INSTITUTION).read_text(encoding="utf-8").split("\n", 1)[1]
    world.write(INSTITUTION, text)
    [finding] = world.findings("SCHEMA")
    assert finding.severity is Severity.WARNING
    assert "institution.schema.json" in finding.message


def test_utf8_bom_is_accepted(world: World) -> None:
    world.write(INSTITUTION, b"\xef\xbb\xbf" + world.path(INSTITUTION).read_bytes())
    assert world.findings("SCHEMA") == []


def test_quoted_date_is_accepted(world: World) -> None:
    world.edit(APPLICATION, lambda d: d.__setitem__("submitted_on", "2026-04-10"))
    text = world.path(APPLICATION).read_text(encoding="utf-8")
    assert "submitted_on: '2026-04-10'" in text
    assert world.findings("SCHEMA") == []


def test_nested_unknown_key_lists_allowed_names(world: World) -> None:
    world.edit(APPLICATION, lambda d: d["contact"].__setitem__("wechat", "abc"))
    [finding] = world.findings("SCHEMA")
    assert "contact.wechat" in finding.message
    assert "phone" in finding.message and "email" in finding.message


def test_two_files_with_the_same_identity(world: World) -> None:
    world.copy("classes/2026/P2026-001-01.yaml", "classes/2027/P2026-001-01.yaml")
    findings = world.findings("SCHEMA")
    assert len(findings) == 1
    assert "重复" in findings[0].message
    assert findings[0].path == world.display("classes/2027/P2026-001-01.yaml")


def test_stray_file_outside_record_folders_is_an_error(world: World) -> None:
    """Never read, so never scanned for personal data: it may not be there (issue 24)."""
    world.write("notes.yaml", "a: 1\n")
    [finding] = world.findings("SCHEMA")
    assert finding.severity is Severity.ERROR and "不在任何记录目录中" in finding.message
    assert finding.path == world.display("notes.yaml")


def test_deep_nesting_is_a_finding() -> None:
    problem = parse("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert not isinstance(problem, dict)
    assert "嵌套" in problem.message or "YAML" in problem.message


def test_missing_records_folder_is_a_tool_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.errors import RecordsDirError

    with pytest.raises(RecordsDirError, match="不存在"):
        load_records(tmp_path / "nope")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_become_findings_never_exceptions(data: bytes) -> None:
    model, _text, findings = load_file(KINDS_BY_NAME["class"], "records/classes/2026/X.yaml", data)
    assert model is None or findings == [] or all(f.severity is Severity.WARNING for f in findings)
    if model is None:
        assert findings and all(f.rule == "SCHEMA" and f.message for f in findings)


yaml_scalars = st.one_of(
    st.integers(), st.text(max_size=8), st.booleans(), st.none(), st.floats(allow_nan=False),
)
yaml_text = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
).map(lambda v: __import__("json").dumps({"trainees": v, "id": "X"}, ensure_ascii=False))


@settings(max_examples=200, deadline=None)
@given(yaml_text)
def test_structurally_wrong_records_become_findings(text: str) -> None:
    model, _text, findings = load_file(KINDS_BY_NAME["class"], "records/classes/2026/X.yaml", text.encode())
    assert model is None
    assert findings and all(f.rule == "SCHEMA" for f in findings)
