"""Every rule of the contract is registered, documented in docs/rules.md and tested."""

from __future__ import annotations

import re
from pathlib import Path

from generator.findings import Severity
from generator.rules import REGISTRY

TESTS = Path(__file__).parent
RULES_DOC = Path(__file__).parents[2] / "docs" / "rules.md"

# The rules of the original contract with their severities: none may disappear or change severity.
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


def test_the_rules_document_lists_every_registered_rule_with_its_severity_and_clause() -> None:
    row = r"^\| `([A-Z][A-Z0-9-]+)` \| (error|warning) \| ([^|]*) \|"
    rows = re.findall(row, RULES_DOC.read_text(encoding="utf-8"), re.M)
    assert {rule_id: severity for rule_id, severity, _ in rows} == {k: str(r.severity) for k, r in REGISTRY.items()}
    assert {rule_id: clause.strip() for rule_id, _, clause in rows} == {
        k: r.clause or "—" for k, r in REGISTRY.items()
    }


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
