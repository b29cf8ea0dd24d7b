"""Every clause the project cites exists in the notice's structure (一(一)–(二), 二, 三, 四(一)–(五),
五(一)–(三), 六): the rules' clauses, the facts' clauses, and every ``通知 …`` citation written in the
code, the templates, the documents and the sample records."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import notice
from generator.gitops.facts import FACTS
from generator.rules import REGISTRY

ROOT = Path(__file__).parents[1]


def test_the_structure_is_the_notices() -> None:
    assert notice.parts() == [
        "一", "一(一)", "一(二)", "二", "三", "四", "四(一)", "四(二)", "四(三)", "四(四)", "四(五)",
        "五", "五(一)", "五(二)", "五(三)", "六",
    ]
    assert notice.SECTIONS["四"][1]["(一)"] == "项目征集"
    assert notice.SECTIONS["四"][1]["(二)"] == "项目确定"
    assert notice.SECTIONS["二"] == ("培训对象", {})


@pytest.mark.parametrize("clause, unknown", [
    ("通知 二(一)", ["二(一)"]), ("通知 二(二)、五(二)", ["二(二)"]), ("通知 四(六)", ["四(六)"]),
    ("通知 七", ["七"]), ("通知 三（一）", ["三(一)"]), ("附件 封面", ["附件 封面"]),
    ("通知 四(一)、四(二)", []), ("通知 二", []), ("附件 征集表", []), ("GB 32100-2015", []),
])
def test_unknown_parts_names_what_the_notice_lacks(clause: str, unknown: list[str]) -> None:
    assert notice.unknown_parts(clause) == unknown


def test_every_rule_cites_a_part_the_notice_has() -> None:
    bad = {rid: notice.unknown_parts(r.clause) for rid, r in REGISTRY.items() if r.clause}
    assert {rid: parts for rid, parts in bad.items() if parts} == {}


def test_the_call_recommendation_review_and_selection_rules_cite_four_one_and_four_two() -> None:
    for rid in ("CALL-WINDOW", "CALL-DATES", "CALL-DIRECTION"):
        assert "四(一)" in (REGISTRY[rid].clause or ""), rid
    for rid in ("BUDGET-EXPOSURE", "REVIEW-COMPLETE", "REVIEW-RANK", "PRJ-PROCEDURE"):
        assert "四(二)" in (REGISTRY[rid].clause or ""), rid
    assert not [rid for rid, r in REGISTRY.items() if r.clause and "二(" in r.clause.replace("四(二)", "")
                .replace("一(二)", "").replace("五(二)", "")]


def test_every_fact_cites_a_part_the_notice_has() -> None:
    assert [(f.kind, f.clause) for f in FACTS if f.clause and notice.unknown_parts(f.clause)] == []


def _texts() -> list[Path]:
    found = [ROOT / name for name in ("README.md", "ARCHITECTURE.md", "SECURITY.md")]
    for folder, patterns in (("generator", ("*.py", "*.j2", "*.md", "*.html", "*.js")), ("docs", ("*.md",)),
                             ("tools", ("*.py",)), ("records", ("*.yaml",)), ("schemas", ("*.json",))):
        for pattern in patterns:
            found.extend(sorted((ROOT / folder).rglob(pattern)))
    return found


def test_every_citation_written_anywhere_names_a_part_the_notice_has() -> None:
    bad = []
    for path in _texts():
        for cited in notice.citations(path.read_text(encoding="utf-8")):
            unknown = notice.unknown_parts("通知 " + cited)
            if unknown:
                bad.append((path.relative_to(ROOT).as_posix(), cited))
    assert bad == []
    assert len(_texts()) > 50  # the scan reads the tree, not an empty folder


def test_a_wrong_citation_is_found_by_the_scan() -> None:
    assert notice.citations("征集期（通知 二(一)）与评审（通知 四(二)、五(二)）") == ["二(一)", "四(二)、五(二)"]
    assert notice.unknown_parts("通知 " + notice.citations("（通知 二(一)）")[0]) == ["二(一)"]


def test_a_rule_citing_a_part_the_notice_lacks_cannot_register() -> None:
    from generator.rules.registry import ERROR, rule
    with pytest.raises(RuntimeError, match="二\\(一\\)"):
        rule("TEST-WRONG-CLAUSE", ERROR, "通知 二(一)", "错误条款")(lambda ctx: [])
    assert "TEST-WRONG-CLAUSE" not in REGISTRY
