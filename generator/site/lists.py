"""The long lists (项目公示, 培训主体) stay bounded in size: with many rows, their page embeds only the
first LIST_ROWS (newest first) and the table script loads every row from a JSON file written next
to the page (`projects/index.json`, `institutions/index.json`), rendering them with textContent.

Without JavaScript the page says how many rows it shows and links the full CSV download. The JSON
is written for every build (an output writer, see generator/site/outputs.py), whatever the size.

A row in the JSON: {"d": {KEY: value}, "c": [cell, ...]}; `d` becomes the row's data-KEY
attributes (the filters), a cell is {"t": text, "h": link, "i": id shown under a link,
"v": sort key, "w": "code" | "span" wrapper with class "k"} (all but "t" optional). The cells
follow the table's columns; data-label and px-num come from the table's headings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.publish.data import SiteData
from generator.publish.views import ProjectView, Views
from generator.records.labels import label_of
from generator.safejson import dumps_lines
from generator.site import urls
from generator.site.templates import yuan_short

LIST_ROWS = 20  # rows a list page embeds; the small site's list (20 projects) is the size target


def json_path(page: str) -> str:
    """`projects/index.md` -> `projects/index.json`: the rows of a list page, beside it."""
    return page[: -len(".md")] + ".json"


def project_row(here: str, p: ProjectView, show_institution: bool = True) -> dict[str, Any]:
    """One row of the project table, as `_macros.j2` project_rows renders it."""
    prj, app = p.project, p.application
    cells: list[dict[str, Any]] = [{"t": p.name, "h": urls.link(here, urls.project_page(p.id)), "i": p.id}]
    if show_institution:
        cells.append({"t": p.institution_name, "h": urls.link(here, urls.institution_page(p.institution_id))})
    cells += [
        {"t": label_of(app.field)},
        {"t": label_of(app.category)},
        {"t": p.catalog_text, "w": "span", "k": "px-token"},
        {"t": yuan_short(prj.unit_price) if prj.unit_price is not None else "—", "v": str(prj.unit_price or 0)},
        {"t": f"{prj.quota.trainees} 人 / {prj.quota.classes} 班" if prj.quota else "—",
         "v": str(prj.quota.trainees if prj.quota else 0)},
        {"t": label_of(prj.status), "w": "span", "k": f"px-status px-status-{prj.status}"},
    ]
    return {"d": {"field": app.field, "category": app.category, "status": prj.status, "year": str(p.year)},
            "c": cells}


def project_rows(views: Views) -> list[dict[str, Any]]:
    return [project_row(urls.PROJECTS, p) for p in views.projects]


def institution_rows(views: Views) -> list[dict[str, Any]]:
    return [
        {"d": {}, "c": [
            {"t": inst.name, "h": urls.link(urls.INSTITUTIONS, urls.institution_page(uscc))},
            {"t": label_of(inst.type)},
            {"t": uscc, "w": "code"},
            {"t": str(len(views.projects_by_institution[uscc])), "v": str(len(views.projects_by_institution[uscc]))},
        ]}
        for uscc, inst in views.institutions.items()
    ]


def write_list_data(data: SiteData, views: Views, out: Path) -> None:
    for page, rows in ((urls.PROJECTS, project_rows(views)), (urls.INSTITUTIONS, institution_rows(views))):
        target = out / json_path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(dumps_lines({"rows": rows}))
