"""The escaping filters and relative links every page relies on."""

from __future__ import annotations

import html
import json
import re

import markdown
import pytest

from generator.site.templates import ENV, md_escape, meta_title
from generator.site.urls import link, url_of

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]  # as in mkdocs.yml


@pytest.mark.parametrize("value", [
    "**粗体** _斜体_ `代码`",
    "[链接](javascript:alert(1))",
    "![图](x.png)",
    "# 标题",
    "- 列表",
    "+ 列表",
    "1. 列表",
    "标题 {: onclick=\"x\" }",
    "a | b",
    "<script>alert(1)</script>",
    "A & B \\ C",
    "第一行\n\n# 第二段",
])
def test_a_value_renders_as_the_text_written(value: str) -> None:
    rendered = markdown.markdown(f"{md_escape(value)}", extensions=EXTENSIONS)
    assert rendered.startswith("<p>") and rendered.count("<") == 2, rendered  # one paragraph, no other tag
    assert html.unescape(rendered[3:-4]) == " ".join(value.split())


def test_a_value_in_a_heading_sets_no_attributes() -> None:
    rendered = markdown.markdown(f"# {md_escape('名称 {: onclick=x #id .cls }')}", extensions=EXTENSIONS)
    assert re.match(r'<h1 id="[^"]*">名称 \{: onclick=x #id \.cls \}</h1>$', rendered), rendered


def test_meta_title_is_one_yaml_string_of_escaped_html() -> None:
    title = meta_title('名称: "引号"\n</title><script>')
    assert json.loads(title) == "名称: &#34;引号&#34; &lt;/title&gt;&lt;script&gt;"


def test_environment_escapes_and_refuses_unknown_names() -> None:
    assert ENV.from_string("{{ v }}").render(v="<b>") == "&lt;b&gt;"
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        ENV.from_string("{{ missing }}").render()


@pytest.mark.parametrize(("here", "there", "expected"), [
    ("index.md", "projects/index.md", "projects/"),
    ("projects/index.md", "projects/P2026-001.md", "P2026-001/"),
    ("projects/P2026-001.md", "institutions/X.md", "../../institutions/X/"),
    ("projects/P2026-001.md", "index.md", "../../"),
    ("outcomes.md", "projects/index.md", "../projects/"),
    ("projects/index.md", "projects/index.md", "./"),
])
def test_relative_links_for_directory_urls(here: str, there: str, expected: str) -> None:
    assert link(here, there) == expected


def test_urls_of_pages() -> None:
    assert [url_of(p) for p in ("index.md", "projects/index.md", "guide.md")] == ["", "projects/", "guide/"]
