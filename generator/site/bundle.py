"""A site's bundle: what one build judges, settles and renders (`Bundle`), and the little of it the
site generator and the guard still need once the pages are made (`Prepared`), which is all a bundle
made in a forked process hands back (`generator.site.assemble.start`)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.holds import Hold
from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.site import withhold


@dataclass(frozen=True)
class Prepared:
    """What the site generator and the guard need of a bundle once its pages are made: the pages,
    the site's name and footer, the held classes, the published contact numbers and the record
    files (to name where a withheld file's identifier came from). Megabytes where the bundle is a
    gigabyte at city-decade: a bundle made in a forked process (`start`) hands back only this."""

    pages: dict[str, str]  # path under the docs folder -> Markdown
    site_title: str
    footer: str
    held: tuple[Hold, ...]
    contact_phones: tuple[str, ...]
    record_paths: tuple[str, ...]


@dataclass(frozen=True)
class Bundle:
    data: SiteData
    views: Views  # built once per build: the pages and the output writers read the same ones
    pages: dict[str, str]  # path under the docs folder -> Markdown

    @property
    def contact_phones(self) -> list[str]:
        """The institutions' and the calls' published contact numbers: the only phone numbers allowed on the site."""
        calls = [c.model.contact.phone for c in self.data.records.calls.values() if c.model.contact]
        return [a.model.contact.phone for a in self.data.records.applications.values()] + calls

    @property
    def record_paths(self) -> tuple[str, ...]:
        return withhold.paths_of(self.data.records)

    def prepared(self) -> Prepared:
        return Prepared(self.pages, self.data.site_title, self.data.footer, self.data.held,
                        tuple(self.contact_phones), self.record_paths)
