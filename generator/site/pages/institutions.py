"""培训主体: the list of institutions with a published project, and one page per institution
(out of the navigation, like project pages)."""

from __future__ import annotations

from decimal import Decimal
from itertools import islice
from urllib.parse import quote

from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.site import urls
from generator.site.lists import LIST_ROWS, json_path
from generator.site.templates import render


def build(data: SiteData, views: Views) -> dict[str, str]:
    counts = {uscc: len(views.projects_by_institution[uscc]) for uscc in views.institutions}
    pages = {
        urls.INSTITUTIONS: render(
            "institutions.md.j2", here=urls.INSTITUTIONS, data=data, counts=counts, total=len(views.institutions),
            institutions=dict(islice(views.institutions.items(), LIST_ROWS)),
            src=urls.link(urls.INSTITUTIONS, json_path(urls.INSTITUTIONS)) if len(views.institutions) > LIST_ROWS
            else "", csv=urls.link(urls.INSTITUTIONS, "data/institutions.csv"),
        ),
    }
    for uscc, inst in views.institutions.items():
        projects = views.projects_by_institution[uscc]
        pages[urls.institution_page(uscc)] = render(
            "institution.md.j2", here=urls.institution_page(uscc), data=data, inst=inst,
            projects=projects[:LIST_ROWS], total=len(projects),
            more=urls.link(urls.institution_page(uscc), urls.PROJECTS) + "?q=" + quote(inst.name),
            paid=sum((p.paid for p in projects if p.paid is not None), Decimal("0.00")),  # public money only
            paid_withheld=sum(1 for p in projects if p.paid is None and p.classes),
        )
    return pages
