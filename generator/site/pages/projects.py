"""项目公示 (the list, filterable in the browser) and one page per published project.

Project pages are kept out of the navigation (mkdocs.yml `not_in_nav`): every page embeds the
navigation, so listing thousands of projects there would make every page grow with their number
(bench/RESULTS.md). They are reached from the list, the institution pages and search.
"""

from __future__ import annotations

from decimal import Decimal

from generator.gitops.actors import Organisations
from generator.publish.data import SiteData
from generator.publish.disclosure import WITHHELD_MONEY
from generator.publish.views import PUBLISHED_STATUSES, ProjectView, Views
from generator.records.labels import CATEGORY_LABELS, FIELD_LABELS, STATUS_LABELS
from generator.rules.review import review_score, score_text
from generator.site import urls
from generator.site.change_history import actors, commit_views
from generator.site.lists import LIST_ROWS, json_path
from generator.site.templates import percent, render

DEFAULT_WINDOW_MONTHS = 6
DEFAULT_STABLE_MONTHS = 3


def project_markdown(data: SiteData, p: ProjectView, known: Organisations | None = None) -> str:
    app = p.application
    theory = sum(m.theory_periods for m in app.curriculum)
    practical = sum(m.practical_periods for m in app.curriculum)
    share = percent((Decimal(practical) / Decimal(theory + practical)).quantize(Decimal("0.001"))) if (
        theory + practical) else ""
    policy = data.records.policy_on(app.submitted_on) or data.policy
    history = []
    here = urls.project_page(p.id)
    pages = {("project", p.id): here, ("application", p.project.application): here}
    pages.update({("class", c.model.id): here for c in p.classes})
    if data.history is not None:
        files = [data.records.projects[p.id].path]
        if p.project.application in data.records.applications:
            files.append(data.records.applications[p.project.application].path)
        files += [data.records.classes[c.model.id].path for c in p.classes if c.model.id in data.records.classes]
        history = sorted((c for f in files for c in data.history.of(f)),
                         key=lambda c: (c.commit.committed, c.path), reverse=True)
    return render(
        "project.md.j2", here=here, data=data, p=p,
        positions=sum(e.positions for e in app.employers), theory=theory, practical=practical,
        practical_share=share, k=data.min_cell, has_history=data.history is not None,
        history=commit_views(data, history, pages, known=known),
        window=policy.subsidy.employment_window_months if policy else DEFAULT_WINDOW_MONTHS,
        stable=policy.subsidy.stable_employment_months if policy else DEFAULT_STABLE_MONTHS,
        review_score=score_text(review_score(p.project.review)) if p.project.review else "",
        withheld_money=WITHHELD_MONEY,
    )


def list_markdown(data: SiteData, views: Views) -> str:
    present = {p.application.field for p in views.projects}, {p.application.category for p in views.projects}
    return render(
        "projects.md.j2", here=urls.PROJECTS, data=data, projects=views.projects[:LIST_ROWS],
        total=len(views.projects), src=urls.link(urls.PROJECTS, json_path(urls.PROJECTS))
        if len(views.projects) > LIST_ROWS else "", csv=urls.link(urls.PROJECTS, "data/projects.csv"),
        fields=[(k, v) for k, v in FIELD_LABELS.items() if k in present[0]],
        categories=[(k, v) for k, v in CATEGORY_LABELS.items() if k in present[1]],
        statuses=[(k, STATUS_LABELS[k]) for k in PUBLISHED_STATUSES],
        years=sorted({p.year for p in views.projects}, reverse=True),
    )


def build(data: SiteData, views: Views) -> dict[str, str]:
    pages = {urls.PROJECTS: list_markdown(data, views)}
    known = actors(data)
    for p in views.projects:
        pages[urls.project_page(p.id)] = project_markdown(data, p, known)
    return pages
