"""Every rule of DESIGN.md section 4 is registered, documented and tested."""

from __future__ import annotations

import re
from pathlib import Path

from generator.findings import Severity
from generator.rules import REGISTRY

TESTS = Path(__file__).parent
DESIGN = Path(__file__).parents[3] / "shared" / "DESIGN.md"

# DESIGN.md section 4, in its order, with its severities (the table is the contract).
DESIGN_RULES = {
    "SCHEMA": "error", "REF": "error", "INST-USCC": "error", "INST-WUXI": "error", "INST-TYPE": "error",
    "INST-QUALIFICATION": "error", "INST-VIOLATIONS": "error", "APP-CATALOG": "error", "APP-FIELD": "error",
    "APP-FOUR-IN-ONE": "error", "APP-GROUPS": "error", "APP-PERIODS": "warning", "APP-PRICE": "error",
    "APP-BUDGET": "error", "APP-CONTACT": "error", "APP-DECLARATION": "error", "APP-NAME": "warning",
    "PRJ-PRICE": "error", "PRJ-CONTRACT": "error", "PRJ-DATES": "error", "CLS-PROJECT": "error",
    "CLS-QUOTA": "error", "CLS-PERIODS": "error", "CLS-PRACTICAL": "error", "CLS-SUPERVISION": "error",
    "CLS-EVIDENCE": "error", "CLS-GROUP": "error", "CLS-GRADUATE-WINDOW": "error", "CLS-ATTENDANCE": "warning",
    "CLS-LOW-ATTENDANCE": "warning", "CLS-CERT-DATE": "error", "CLS-DUPLICATE-PERSON": "error",
    "CLS-OVERLAP": "error", "PII": "error", "EMP-PERSON": "error", "EMP-SELF": "warning", "SUB-CAP": "warning",
    "SUB-REPEAT": "warning", "PAY-OVER": "error",
}


def test_every_design_rule_is_registered_with_its_severity() -> None:
    registered = {rule_id: str(r.severity) for rule_id, r in REGISTRY.items()}
    assert {k: registered.get(k) for k in DESIGN_RULES} == DESIGN_RULES


def test_the_table_above_matches_the_design_document_when_it_is_at_hand() -> None:
    # CI and developers have ../shared beside the project; a bare clone checks the table above only.
    if DESIGN.is_file():
        section = DESIGN.read_text(encoding="utf-8").split("## 4. Rules", 1)[1].split("## 5.", 1)[0]
        rows = re.findall(r"^\| ([A-Z][A-Z-]+) \| (error|warning) \|", section, flags=re.MULTILINE)
        assert dict(rows) == DESIGN_RULES


def test_every_rule_has_a_chinese_title_and_a_clause_where_the_notice_has_one() -> None:
    for rule_id, registered in REGISTRY.items():
        assert re.search(r"[\u4e00-\u9fff]", registered.title), rule_id
        assert registered.severity in (Severity.ERROR, Severity.WARNING)
        if rule_id not in ("SCHEMA", "REF", "APP-BUDGET", "PRJ-DATES", "EMP-PERSON"):
            assert registered.clause, f"{rule_id} names no clause"


def test_every_rule_has_tests_that_name_it() -> None:
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py") if p.name != Path(__file__).name)
    corpus += (TESTS.parent / "records" / "test_loading.py").read_text(encoding="utf-8")
    untested = [rule_id for rule_id in REGISTRY if rule_id != "SCHEMA" and f'"{rule_id}"' not in corpus]
    assert untested == []
    assert "SCHEMA" in corpus
