"""ARCHITECTURE.md "Where to add things", a rule, done once: registered with its clause and scope,
the rules document stale until `peixun contract`, silent on the clean world, one located finding
when one thing is broken. The rule exists only for this test (the registry is restored after it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.contract import RULES_DOC, render_rules, rule_modules, stale_docs
from generator.pipeline import validate
from generator.rules import REGISTRY, Context, Hit, rule
from generator.rules.registry import ERROR
from tests.conftest import AS_OF, CLASS, World
from tests.rules.expect import no_finding, one_finding

DOCS = Path(__file__).parents[2] / "docs"


@pytest.fixture
def registry() -> Iterator[None]:
    before = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(before)


def location_names_its_city(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        if "市" not in rec.model.location:
            yield Hit(rec, ("location",), f"培训地点“{rec.model.location}”没有写明所在的市。请写出完整地址，"
                                          "如“无锡市滨湖区示例路 1 号”")


def test_walkthrough_adding_a_rule(world: World, registry: None) -> None:
    with pytest.raises(RuntimeError, match="九"):  # a clause the notice does not have is refused
        rule("CLS-EXAMPLE", ERROR, "通知 九(一)", "示例", scope="class")(location_names_its_city)
    assert "CLS-EXAMPLE" not in REGISTRY

    title = "培训地点写明所在的市（示例规则）"
    rule("CLS-EXAMPLE", ERROR, "通知 四(四)", title, scope="class")(location_names_its_city)
    with pytest.raises(RuntimeError, match="twice"):
        rule("CLS-EXAMPLE", ERROR, "通知 四(四)", "再次登记", scope="class")(location_names_its_city)
    assert RULES_DOC in stale_docs(DOCS), "docs/rules.md waits for `peixun contract`"
    assert "| `CLS-EXAMPLE` | error | 通知 四(四) | 培训地点写明所在的市（示例规则） |" in render_rules()
    assert "`tests/rules/test_walkthrough.py` | `CLS-EXAMPLE` | class |" in rule_modules()

    no_finding(world, "CLS-EXAMPLE")  # the clean world: what test_clean_world asserts for every rule
    world.edit(CLASS, lambda d: d.update(location="滨湖区示例路 1 号实训楼"))
    found = one_finding(world, "CLS-EXAMPLE", CLASS, "location:", "滨湖区示例路 1 号实训楼", "请写出完整地址")
    assert found.message.endswith("（通知 四(四)）")
    held = validate(world.root, AS_OF, use_cache=False)
    assert [f.rule for f in held.findings] == ["CLS-EXAMPLE"] and not held.ok
