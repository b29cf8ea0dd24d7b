"""The floors each figure is compared with, set up so that each runs as one fresh process.

- YAML: parse every file with PyYAML's C loader (`yaml.CSafeLoader`); nothing reads YAML faster
  from Python. Run as `python bench/floors.py yaml DIR`.
- MkDocs: a bare `mkdocs build` (Material, `language: zh`, search on, generated pages out of the
  navigation as measured in bench/RESULTS.md) of the same number of trivial pages.
- MkDocs, same pages: a bare `mkdocs build` of the site's own pages (the hand-written ones of the
  docs folder plus every generated page, rendered once beforehand by the hook's own `prepare`)
  with the project's mkdocs.yml minus its `hooks:`: what MkDocs costs for the real content, so
  that the site build's ratio to it is what the generator adds. Set up with
  `python -m bench.floors pages RECORDS AS_OF CONFIG WHERE`.
- Hugo: Debian's `hugo` building the same number of trivial pages, when it is installed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

MKDOCS_YML = """site_name: 基准测试
theme:
  name: material
  language: zh
nav:
  - index.md
"""
HUGO_TOML = """baseURL = "https://example.org/"
languageCode = "zh-cn"
title = "基准测试"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
"""
HUGO_SINGLE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="/">首页</a></nav><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1></body></html>
"""


def _page(n: int) -> str:
    return (f"# 项目 {n}\n\n示例项目 {n} 的介绍：培训单价、班次和就业情况。\n\n"
            "| 项目 | 数值 |\n|---|---|\n| 班次 | 5 |\n| 单价 | 2000 元 |\n")


def mkdocs_project(where: Path, pages: int) -> Path:
    """A MkDocs project of `pages` trivial pages (plus the home page); returns its folder."""
    if where.exists():
        shutil.rmtree(where)
    docs = where / "docs"
    (docs / "p").mkdir(parents=True)
    (where / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (docs / "index.md").write_text("# 基准测试\n\n首页。\n", encoding="utf-8")
    for n in range(pages):
        (docs / "p" / f"{n:05d}.md").write_text(_page(n), encoding="utf-8")
    return where


# MkDocs' own search as the site had it before its Pagefind index: the floor "with MkDocs search"
MKDOCS_SEARCH = {"search": {"lang": "zh", "separator": "[\\s\\u200b\\u3000\\-、。，．？！；]+"}}


def same_pages_project(where: Path, records: Path, as_of: dt.date, config_file: Path,
                       mkdocs_search: bool = False) -> Path:
    """A MkDocs project of the site's own pages without the hook; returns its folder (`mkdocs.yml`,
    `docs/`). The pages come from `generator.site.assemble.prepare`, as in the hook, with the
    settings `peixun build` gives it. With `mkdocs_search`, MkDocs' search plugin indexes them as
    it would for a plain MkDocs site (the site itself indexes with Pagefind, outside MkDocs)."""
    import yaml
    from mkdocs.utils.yaml import yaml_load

    from generator.site.assemble import prepare
    from generator.site.build import overrides
    from generator.site.mkdocs_hook import HANDWRITTEN, THEME, handwritten_pages

    with config_file.open(encoding="utf-8") as fd:
        config = dict(yaml_load(fd))
    source = config_file.parent / str(config.get("docs_dir") or "docs")
    settings = overrides(config_file, records, as_of)["extra"]["peixun"]
    bundle = prepare(settings, str(config_file), str(source))
    if where.exists():
        shutil.rmtree(where)
    docs = where / "docs"
    shutil.copytree(source, docs)
    for rel, text in bundle.pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel in handwritten_pages():  # what the hook adds from the engine, unless the docs have their own
        if not (docs / rel).exists():
            shutil.copy2(HANDWRITTEN / rel, docs / rel)
    config.pop("hooks", None)
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):  # the overrides live inside the copied docs folder now
        theme["custom_dir"] = str(Path("docs") / Path(theme["custom_dir"]).relative_to(str(config["docs_dir"])))
    else:  # the engine's theme folder, which the hook puts before Material's
        theme["custom_dir"] = str(THEME)
    config["theme"] = theme
    if mkdocs_search:
        config["plugins"] = [MKDOCS_SEARCH]
    config.update(docs_dir="docs", site_dir="site")
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return where


def hugo_project(where: Path, pages: int) -> Path:
    """A Hugo site of `pages` trivial pages with a minimal layout; returns its folder."""
    if where.exists():
        shutil.rmtree(where)
    (where / "content" / "p").mkdir(parents=True)
    (where / "layouts" / "_default").mkdir(parents=True)
    (where / "config.toml").write_text(HUGO_TOML, encoding="utf-8")
    (where / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (where / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    for n in range(pages):
        body = _page(n).split("\n", 2)[2]
        (where / "content" / "p" / f"{n:05d}.md").write_text(
            f'---\ntitle: "项目 {n}"\n---\n{body}', encoding="utf-8")
    return where


def parse_all(root: Path) -> int:
    """The YAML floor itself: every record file through `yaml.CSafeLoader`."""
    import yaml

    count = 0
    for file in sorted(root.rglob("*.yaml")):
        yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
        count += 1
    return count


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "yaml":
        parse_all(Path(sys.argv[2]))
    elif len(sys.argv) in (6, 7) and sys.argv[1] == "pages":
        same_pages_project(Path(sys.argv[5]), Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3]), Path(sys.argv[4]),
                           mkdocs_search=sys.argv[6:] == ["--mkdocs-search"])
    else:
        raise SystemExit("usage: python bench/floors.py yaml RECORDS_DIR\n"
                         "       python -m bench.floors pages RECORDS_DIR AS_OF MKDOCS_YML WHERE [--mkdocs-search]")
