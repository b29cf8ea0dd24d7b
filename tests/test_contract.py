"""The record contract and the rules table in docs/ are generated from the code and kept fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.contract import RECORDS_DOC, RULES_DOC, render_records, stale_docs
from generator.records.kinds import KINDS
from generator.rules import REGISTRY
from generator.schemas import schema_for

DOCS = Path(__file__).parents[1] / "docs"


def test_the_committed_documents_match_the_code() -> None:
    assert stale_docs(DOCS) == [], "docs/ is stale: run `peixun contract` and commit the result"


def test_every_top_level_field_of_every_kind_is_documented_with_its_chinese_title() -> None:
    text = render_records()
    for kind in KINDS:
        section = text.split(f'<a id="{kind.name}"></a>', 1)[1].split('<a id="', 1)[0]
        for name, prop in schema_for(kind)["properties"].items():  # type: ignore[attr-defined]
            row = re.search(rf"^\| `{re.escape(name)}` \|[^\n]*$", section, re.M)
            assert row, f"{kind.name}.{name} missing"
            assert prop.get("title", "") in row.group(0)


def test_nested_fields_are_documented_by_their_path() -> None:
    text = render_records()
    assert "| `trainees[].assessment.certificate.number_ref` |" in text
    assert "| `contract.term.from` |" in text or "| `contract.term` |" in text


def test_enumerations_show_their_chinese_labels() -> None:
    assert "`low_income_family_child` 原建档立卡低收入家庭子女" in render_records()


def test_table_cells_cannot_be_broken_by_a_pipe_or_newline() -> None:
    for line in render_records().splitlines():
        if line.startswith("| `"):
            cells = re.split(r"(?<!\\)\|", line)
            assert len(cells) == 8, line  # six columns between the outer pipes


def test_check_fails_on_a_stale_document_and_writing_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contract", "--out", str(tmp_path)]) == 0
    assert main(["contract", "--check", "--out", str(tmp_path)]) == 0
    rules = tmp_path / RULES_DOC
    rules.write_text(rules.read_text(encoding="utf-8").replace("| `PAY-OVER` | error |", "| `PAY-OVER` | warning |"))
    capsys.readouterr()
    assert main(["contract", "--check", "--out", str(tmp_path)]) == 1
    assert "rules.md" in capsys.readouterr().err
    (tmp_path / RECORDS_DOC).unlink()
    assert main(["contract", "--out", str(tmp_path)]) == 0
    assert stale_docs(tmp_path) == []


def test_every_registered_rule_is_in_the_rules_document() -> None:
    text = (DOCS / RULES_DOC).read_text(encoding="utf-8")
    assert sorted(re.findall(r"^\| `([A-Z][A-Z0-9-]+)` \|", text, re.M)) == sorted(REGISTRY)


def test_no_programmers_english_reaches_the_record_descriptions() -> None:
    """Issue 25.12: a model's docstring (English, for programmers) was the `review` description in
    docs/records.md and the schemas an editor shows; descriptions people read are Chinese."""
    import json

    root = Path(__file__).parents[1]
    english = re.compile(r"\b[A-Za-z']{3,} [a-z']{2,} [a-z']{2,}\b")
    texts = [(p.name, json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False))
             for p in sorted((root / "schemas").glob("*.json"))]
    rows = [line for line in (root / "docs" / "records.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| `")]
    assert texts and rows
    found = [(name, m.group()) for name, text in texts
             for m in re.finditer(r'"description": "([^"]*)"', text) if english.search(m.group(1))]
    found += [("docs/records.md", row) for row in rows if english.search(row.rsplit("|", 2)[-2])]
    assert found == []
