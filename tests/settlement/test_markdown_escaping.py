"""summary.md reaches the workflow's job summary, rendered as Markdown: record text adds no markup."""

from __future__ import annotations

import markdown
import pytest

from generator.settlement_output import settle
from tests.conftest import APPLICATION, INSTITUTION, World
from tests.settlement.worlds import AS_OF, worked_example

HOSTILE_PROJECT = (
    "[领取补贴](https://evil.example/x) <img src=https://evil.example/p.gif> **粗体** `code` @bureau #1 | 列"
)
HOSTILE_INSTITUTION = "示例学校<script>alert(1)</script>\n# 全部通过"


@pytest.fixture
def hostile(world: World) -> World:
    worked_example(world)
    world.edit(APPLICATION, lambda d: d.__setitem__("project_name", HOSTILE_PROJECT))
    world.edit(INSTITUTION, lambda d: d.__setitem__("name", HOSTILE_INSTITUTION))
    return world


def test_record_text_in_summary_md_renders_as_text_only(hostile: World) -> None:
    text = settle(hostile.root, AS_OF, use_cache=False).files["summary.md"].decode("utf-8")
    html = markdown.markdown(text, extensions=["tables"])
    assert "evil.example" in html  # the text is there ...
    assert "<a " not in html and "<img" not in html and "<script" not in html and "<code>" not in html
    assert "<h1>全部通过" not in html  # a newline in a name starts no heading
    # ... and every table row keeps its column count: the pipe in the name is no cell border
    rows = [line for line in text.splitlines() if line.startswith("|") and "领取补贴" in line]
    header = next(line for line in text.splitlines() if line.startswith("| 项目 |"))
    assert rows and all(line.count("|") == header.count("|") for line in rows)
    assert "粗体" in html and "<strong>粗体" not in html
