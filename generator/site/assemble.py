"""From settings to a site bundle and back: what the MkDocs hook calls, free of MkDocs itself.

`prepare` loads, validates and renders every generated page before the site generator writes
anything; `finish` runs the extra output writers and then the PII guard over the finished output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import UsageError
from generator.site.data import SiteData, load_site
from generator.site.outputs import OUTPUT_WRITERS
from generator.site.pages import render_pages
from generator.site.pii_guard import guard_output


class SiteConfigError(UsageError):
    """The site configuration asks for something impossible (a bad date, a page written twice)."""


@dataclass(frozen=True)
class Bundle:
    data: SiteData
    pages: dict[str, str]  # path under the docs folder -> Markdown

    @property
    def contact_phones(self) -> list[str]:
        """The institutions' published contact numbers: the only phone numbers allowed on the site."""
        return [a.model.contact.phone for a in self.data.records.applications.values()]


def _as_of(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SiteConfigError(f"extra.peixun.as_of 应写作 YYYY-MM-DD，收到“{value}”") from None


def prepare(settings: dict[str, Any], config_file: str | None, docs_dir: str) -> Bundle:
    """Settings are mkdocs.yml's `extra.peixun`: records (relative to the config file), as_of, repo_slug."""
    base = Path(config_file).parent if config_file else Path.cwd()
    records = Path(str(settings.get("records") or "records"))
    if not records.is_absolute():
        records = base / records
    data = load_site(records, _as_of(settings.get("as_of")), str(settings.get("repo_slug") or ""))
    pages = render_pages(data)
    clashes = sorted(p for p in pages if (Path(docs_dir) / p).exists())
    if clashes:
        raise SiteConfigError(
            f"{docs_dir} 中的手写页面与生成的页面同名：{', '.join(clashes)}。生成的页面不应写入 {docs_dir}/，请删除"
        )
    return Bundle(data, pages)


def finish(bundle: Bundle, site_dir: str | Path) -> None:
    out = Path(site_dir)
    for writer in OUTPUT_WRITERS:
        writer(bundle.data, out)
    guard_output(out, bundle.contact_phones)
