"""From settings to a site bundle and back: what the MkDocs hook calls, free of MkDocs itself.

`prepare` loads, validates and renders every generated page before the site generator writes
anything. `Outputs` (`generator.site.outputs_process`) runs the extra output writers (downloads,
the form, list data) into a folder of their own and scans what they wrote; on a large site it does
so in a forked process while the site generator renders the pages on the other core (at city scale
the downloads are hundreds of megabytes). `finish` waits for them, moves their files into the site
(a file the site generator wrote too is an error, not a silent overwrite) and guards the rest of the output.

`start` is what a build calls: on a large site the forked process also makes the bundle (records,
settlement, views: over a gigabyte at city-decade) and hands back only what the site generator and
the guard need (`Prepared`: the pages and a few lists), so that this process never holds the
records while the site generator renders and the search indexer runs beside it (bench/RESULTS.md).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import forked
from generator.errors import UsageError
from generator.holds import Hold
from generator.publish.data import Publication, load_site
from generator.publish.pii_guard import scan_output
from generator.publish.views import build_views
from generator.records.kinds import KINDS_BY_NAME
from generator.runtime import tuning
from generator.site import urls, withhold
from generator.site.bundle import Bundle, Prepared
from generator.site.outputs_process import Outputs
from generator.site.pages import render_pages
from generator.site.search import SEARCH_DIR, SearchIndex
from generator.site.withhold import Withheld

# the classes the last `prepare` in this process held back, for `build_site` to report (MkDocs
# returns nothing from a build, and the hook is loaded by MkDocs)
last_held: tuple[Hold, ...] = ()
# the files the last `finish` left out because the PII guard found personal data in them
last_withheld: tuple[Withheld, ...] = ()


class SiteConfigError(UsageError):
    """The site configuration asks for something impossible (a bad date, a page written twice)."""


def _as_of(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SiteConfigError(f"extra.peixun.as_of 应写作 YYYY-MM-DD，收到“{value}”") from None


# values that stood in for real ones in earlier versions: refused, so that none reaches a page again
PLACEHOLDERS = ("peixun.example.cn", "ocds-xxxxxx", "113202000000000000")
_OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$")


def publication_of(settings: dict[str, Any], site_url: str | None) -> Publication:
    """The publication settings from mkdocs.yml (`site_url`, `extra.peixun.ocds_prefix`,
    `extra.peixun.publisher_uscc`), checked; unset values stay "" (see `Publication.notices`)."""
    from stdnum.cn import uscc

    url = str(site_url or "").strip()
    prefix = str(settings.get("ocds_prefix") or "").strip()
    publisher = str(settings.get("publisher_uscc") or "").strip().upper()
    for value in (url, prefix, publisher):
        found = next((p for p in PLACEHOLDERS if p in value), None)
        if found:
            raise SiteConfigError(f"网站配置中的“{value}”是占位值（{found}），不能公开：请填写真实的值，或留空")
    if url and not re.match(r"^https?://[^/\s]+", url):
        raise SiteConfigError(f"网站地址应以 https:// 开头，如 https://peixun.example.gov.cn/，收到“{url}”")
    if prefix and not _OCID_PREFIX.match(prefix):
        raise SiteConfigError(
            f"extra.peixun.ocds_prefix 应为开放合同伙伴组织登记的前缀，如 ocds-a1b2c3，收到“{prefix}”")
    if publisher and not uscc.is_valid(publisher):
        raise SiteConfigError(
            f"extra.peixun.publisher_uscc 不是有效的统一社会信用代码：“{publisher}”（应为 18 位，校验位正确）")
    return Publication(site_url=url.rstrip("/") + "/" if url else "", ocid_prefix=prefix, publisher_uscc=publisher)


def records_folder(settings: dict[str, Any], config_file: str | None) -> Path:
    """The records folder of mkdocs.yml's `extra.peixun.records` (relative to the config file)."""
    base = Path(config_file).parent if config_file else Path.cwd()
    records = Path(str(settings.get("records") or "records"))
    return records if records.is_absolute() else base / records


def prepare(settings: dict[str, Any], config_file: str | None, docs_dir: str, site_url: str | None = None) -> Bundle:
    """Settings are mkdocs.yml's `extra.peixun`: records (relative to the config file), as_of, repo_slug,
    ocds_prefix, publisher_uscc; `site_url` is the site's public address (mkdocs.yml `site_url`)."""
    records = records_folder(settings, config_file)
    data = load_site(records, _as_of(settings.get("as_of")), str(settings.get("repo_slug") or ""),
                     publication_of(settings, site_url))
    views = build_views(data)
    pages = render_pages(data, views)
    own = sorted(p for p in pages if (Path(docs_dir) / p).exists())
    for path in own:
        if path in urls.REPLACEABLE:  # the repository's own page of that path replaces the engine's
            del pages[path]
    clashes = [p for p in own if p not in urls.REPLACEABLE]
    if clashes:
        raise SiteConfigError(
            f"{docs_dir} 中的手写页面与生成的页面同名：{', '.join(clashes)}。生成的页面不应写入 {docs_dir}/，请删除"
        )
    global last_held
    last_held = data.held
    return Bundle(data, views, pages)


def _class_files(records: Path) -> int:
    """The class records' files under `records`: a site's size before anything is loaded."""
    folder = KINDS_BY_NAME["class"].folder
    return sum(1 for _ in (records / folder).rglob("*.yaml")) if folder else 0


def start(make: Callable[[], Bundle], records: Path, site_dir: str | Path) -> tuple[Prepared, Outputs]:
    """The site's pages and its outputs started (`make` makes the bundle from the `records`
    folder). On a large site (judged by its class files, before anything is loaded) the bundle is
    made in the forked process that writes the outputs, and this process holds only the `Prepared`
    it hands back; a small site is made here, and its outputs are written after the pages."""
    global last_held
    if forked.cores() > 0 and _class_files(records) >= tuning().site_background_from_classes:
        prepared, outputs = Outputs.beside(make, site_dir)
    else:
        bundle = make()
        prepared, outputs = bundle.prepared(), Outputs(bundle, site_dir)
    last_held = prepared.held
    return prepared, outputs


def _move_into(folder: Path, out: Path) -> list[str]:
    """Move every file of `folder` to the same place under `out`; returns their relative paths
    (the emptied folder goes with `Outputs.discard`)."""
    moved = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            source = Path(root) / name
            rel = source.relative_to(folder).as_posix()
            target = out / rel
            if target.exists():
                raise SiteConfigError(f"输出文件 {rel} 与网站页面重名：请为该输出换一个路径")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            moved.append(rel)
    return moved


def finish(bundle: Bundle | Prepared, outputs: Outputs, site_dir: str | Path, search_root: str = "main",
           search_exclude: str = "") -> list[Withheld]:
    """After the site generator: the outputs joined into the site, the whole site guarded, then the
    guarded pages indexed for search (`search_root` selects a page's own content in its HTML,
    `search_exclude` what in it is not text to find, such as permalink anchors) and the index
    guarded too before it joins the site: every byte published has been read by the guard.

    A file the guard finds personal data in is left out, and so is a page whose text leaks in the
    search index (the index is built again without it); they are returned, with the records they
    came from, for the bureau (`generator.site.withhold`). The rest is published."""
    global last_withheld
    out = Path(site_dir)
    withheld: list[Withheld] = []
    search: SearchIndex | None = None
    index: SearchIndex | None = None
    try:
        try:
            # the forked process ends first: on a large site it holds the records, which must be gone
            # before the search index grows beside this process (bench/RESULTS.md, the build's peak)
            scanned = outputs.leaks()
            search = SearchIndex(out, search_root, search_exclude)  # indexed while the rest finishes
            moved = _move_into(outputs.folder, out)
        finally:
            outputs.discard()
        leaks = [*scanned, *scan_output(out, bundle.contact_phones, exclude=[*moved, *outputs.unchanged_pages()])]
        if leaks:
            withhold.remove(out, leaks)
            withheld.extend(withhold.listed(leaks, bundle.record_paths))
            search.discard()
            search = SearchIndex(out, search_root, search_exclude)  # without the files left out
        index = _guarded_index(search, out, bundle, withheld, search_root, search_exclude)
        if index is not None:
            index.move_in()
    finally:
        if search is not None:
            search.discard()
        if index is not None:
            index.discard()
    last_withheld = tuple(sorted(set(withheld)))
    return list(last_withheld)


INDEX_ATTEMPTS = 3  # indexings before a search index that still leaks is left out whole


def _guarded_index(search: SearchIndex, out: Path, bundle: Bundle | Prepared, withheld: list[Withheld],
                   search_root: str, search_exclude: str) -> SearchIndex | None:
    """The search index once it holds no personal data: the pages whose text leaks in it are left
    out (added to `withheld`) and the rest indexed again; None (and the index listed as left out)
    when a leak is in a part of the index no page owns, or still there after INDEX_ATTEMPTS."""
    for _attempt in range(INDEX_ATTEMPTS):
        folder = search.written()
        leaks = scan_output(folder, bundle.contact_phones)
        if not leaks:
            return search
        pages = withhold.index_pages(folder, leaks)
        search.discard()
        if pages is None:
            break
        for page in set(pages.values()):
            (out / page).unlink(missing_ok=True)
        withheld.extend(replace(w, path=pages[w.path]) for w in withhold.listed(leaks, bundle.record_paths)
                        if w.path in pages)
        search = SearchIndex(out, search_root, search_exclude)
    else:
        search.discard()
    withheld.extend(replace(w, path=f"{SEARCH_DIR}/") for w in withhold.listed(leaks, bundle.record_paths))
    return None
