"""What changed, old → new, where the site already publishes the value: real commits in a real
repository, read back from Git blobs; personal data (rosters, contact people, phones) is told by its
label alone, and a value written to attack the page is shown as text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.publish.data import load_site
from generator.site.pages import render_pages
from tests.conftest import APPLICATION, AS_OF, CLASS, PROJECT, WORLD, commit_all
from tests.site.helpers import commit_as

NEW_PERSON = "p_00aa11bb22cc33dd44ee55ff"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _world(tmp_path: Path) -> tuple[Path, Path]:
    repo = tmp_path / "repo"
    records = repo / "records"
    shutil.copytree(WORLD, records)
    commit_all(repo, "Sample world", "2026-05-16T09:00:00+08:00")
    return repo, records


def _history(page: str) -> str:
    return page[page.index("## 变更记录"):] if "## 变更记录" in page else page


def _lines(page: str, record: str) -> list[str]:
    """The change-table lines (one <li> each) that name `record`."""
    return [li for li in re.findall(r"<li>.*?</li>", _history(page)) if f">{record}<" in li]


def test_price_quota_and_class_dates_read_old_to_new_with_the_forms_labels(tmp_path: Path) -> None:
    repo, records = _world(tmp_path)
    _edit(records / PROJECT, "unit_price: 1000\n", "unit_price: 980.5\n")
    _edit(records / PROJECT, "  trainees: 20\n", "  trainees: 24\n")
    commit_as(repo, "王小明", "12345+WX-Bureau@users.noreply.github.com", "调整单价", "2026-05-20T10:00:00+08:00")
    # the price goes back (the first installment was paid at 1,000), the class moves by two days
    _edit(records / PROJECT, "unit_price: 980.5\n", "unit_price: 1000\n")
    _edit(records / CLASS, "start_on: 2026-06-01\nend_on: 2026-06-20\n",
          "start_on: 2026-06-03\nend_on: 2026-06-22\n")
    commit_as(repo, "王小明", "12345+WX-Bureau@users.noreply.github.com", "改回单价、调整班期",
               "2026-05-21T10:00:00+08:00")

    data = load_site(records, AS_OF)
    assert not data.held, "the class is published, so its values are public"
    pages = render_pages(data)
    project_page, changes = pages["projects/P2026-001.md"], pages["changes.md"]
    arrow = ' <span aria-hidden="true">→</span><span class="px-sr">改为</span> '
    for page in (project_page, changes):
        later, earlier = [li for li in _lines(page, "P2026-001") if "成交单价" in li]
        assert ('<span class="px-field">成交单价（元/人）</span>：<span class="px-old px-nowrap">1,000.00 元</span>'
                f'{arrow}<span class="px-new px-nowrap">980.50 元</span>') in earlier
        assert (f'<span class="px-old px-nowrap">980.50 元</span>{arrow}'
                '<span class="px-new px-nowrap">1,000.00 元</span>') in later
        assert f'培训规模 · 培训人数</span>：<span class="px-old px-nowrap">20</span>{arrow}' in earlier
        assert '<span class="px-new px-nowrap">24</span>' in earlier
        dates = [li for li in _lines(page, "P2026-001-01") if li.startswith("<li>修改")]
        assert len(dates) == 1, "the class's change is listed, on its project's page too"
        assert f'开班日期</span>：<span class="px-old px-nowrap">2026-06-01</span>{arrow}' in dates[0]
        assert f'结业日期</span>：<span class="px-old px-nowrap">2026-06-20</span>{arrow}' in dates[0]
        assert ">2026-06-03</span>" in dates[0] and ">2026-06-22</span>" in dates[0]
        assert '<td data-label="修改方">无锡市人社局</td>' in _history(page), "the role acted, not the person"
        assert "王小明" not in page and "WX-Bureau" not in page and "单价" not in page.replace("成交单价", "")


def test_a_roster_change_shows_no_person_and_no_number(tmp_path: Path) -> None:
    repo, records = _world(tmp_path)
    cls = records / CLASS
    text = cls.read_text(encoding="utf-8")
    first = text.index("  - person: p_b82136af90d25cfac0f96137")  # a trainee no employment record names
    second = text.index("  - person: p_16205582d7c224d1196ec848")
    row = text[first:second]
    # one trainee leaves and another joins (same class size, so nothing is held), two trainees'
    # attendance is corrected
    joined = row.replace("p_b82136af90d25cfac0f96137", NEW_PERSON).replace("c_1b45dea7a75f60996a127156",
                                                                         "c_00aa11bb22cc33dd44ee55ff")
    seal = text.index("roster_seal:\n")  # the roster ends where the import's seal begins
    text = text[:first] + text[second:seal] + joined + text[seal:]
    text = text.replace("    attended_periods: 48\n", "    attended_periods: 46\n", 2)  # two trainees
    cls.write_text(text, encoding="utf-8")
    commit_as(repo, "school-a", "li@school-a.edu.cn", f"roster: add {NEW_PERSON}", "2026-06-02T10:00:00+08:00")

    data = load_site(records, AS_OF)
    assert not data.held and data.history is not None
    kept = next(c for c in data.history.changes if c.path.endswith(CLASS)).deltas
    roster = [d for d in kept if d.path.startswith("trainees")]
    assert roster and all(d.withheld and d.old is None and d.new is None for d in roster), "no value kept"
    assert sorted((d.path, d.added, d.removed) for d in roster) == [
        ("trainees[*]", False, True), ("trainees[*]", True, False), ("trainees[*].attended_periods", False, False)
    ], "one entry per path and kind of change, however many people: nothing can count them"
    pages = render_pages(data)
    for page in (pages["changes.md"], pages["projects/P2026-001.md"]):
        line = _lines(page, "P2026-001-01")[0]
        assert "参训人员</span>：名单有增减（人数和个人信息不公开）" in line
        assert "参训人员 · 出勤课时</span>：已修改" in line, "a trainee's field is named, never valued"
        assert "48" not in line and "46" not in line and "47" not in line
        assert not re.search(r"\d+ ?人", line), "no number of people: a class's enrolment is not published"
    for page in pages.values():
        assert NEW_PERSON not in page and "p_b82136af" not in page and "c_00aa11bb" not in page


def test_a_contact_phone_change_is_named_not_shown(tmp_path: Path) -> None:
    repo, records = _world(tmp_path)
    _edit(records / APPLICATION, "  person: 李联系\n  phone: 0510-85551234\n",
          "  person: 张联络\n  phone: \"13912345678\"\n")
    commit_as(repo, "school-a", "li@school-a.edu.cn", "new contact", "2026-05-20T10:00:00+08:00")
    _edit(records / APPLICATION, "  phone: \"13912345678\"\n", "  phone: 0510-85559999\n")
    commit_as(repo, "school-a", "li@school-a.edu.cn", "landline", "2026-05-21T10:00:00+08:00")

    pages = render_pages(load_site(records, AS_OF))
    changes = pages["changes.md"]
    lines = [li for li in _lines(changes, "A2026-001") if li.startswith("<li>修改")]
    assert len(lines) == 2
    assert "联系方式 · 项目联系人</span>：已修改" in lines[1] and "联系方式 · 电话</span>：已修改" in lines[1]
    assert "联系方式 · 电话</span>：已修改" in lines[0]
    for page in pages.values():
        for value in ("0510-85551234", "13912345678", "139****5678", "李联系", "张联络"):
            assert value not in _history(page), value
    school = next(r.model.name for r in load_site(records, AS_OF).records.institutions.values()
                  if "school-a" in r.model.maintainers)
    assert f'<td data-label="修改方">{school}</td>' in changes


def test_values_of_a_record_the_site_does_not_publish_are_not_shown(tmp_path: Path) -> None:
    """An application that no project selected is not published: its change is named, not valued."""
    repo, records = _world(tmp_path)
    other = records / "applications/2026/A2026-099.yaml"
    other.write_text((records / APPLICATION).read_text(encoding="utf-8").replace("id: A2026-001", "id: A2026-099"),
                     encoding="utf-8")
    commit_as(repo, "school-a", "li@school-a.edu.cn", "apply", "2026-05-19T10:00:00+08:00")
    name = re.search(r"^project_name: (.+)$", other.read_text(encoding="utf-8"), re.M)
    assert name is not None
    _edit(other, f"project_name: {name.group(1)}", "project_name: 未公开的新名称")
    commit_as(repo, "school-a", "li@school-a.edu.cn", "rename", "2026-05-20T10:00:00+08:00")
    changes = render_pages(load_site(records, AS_OF))["changes.md"]
    line = _lines(changes, "A2026-099")[0]
    assert "项目名称</span>：已修改" in line and "未公开的新名称" not in changes
    assert '<span class="px-token">A2026-099</span>' in line, "no page to link to"


HOSTILE = "<script>x()</script>|a|[x](javascript:y())`c`\n\n# h"
RESIDENT_ID = "320124198808240056"


def test_a_hostile_old_value_renders_as_text_in_a_real_build(tmp_path: Path) -> None:
    """A project name that once held markup, then a resident-ID number, then was corrected: the
    history shows both as text (the number masked), and the build passes the PII guard."""
    from generator.cli import main
    from tests.site.helpers import MKDOCS_YML

    repo, records = _world(tmp_path)
    app = records / APPLICATION
    _edit(app, "project_name: 养老护理员\n", 'project_name: "' + HOSTILE.replace("\n", "\\n") + '"\n')
    commit_as(repo, "school-a", "li@school-a.edu.cn", "x", "2026-05-20T10:00:00+08:00")
    _edit(app, 'project_name: "' + HOSTILE.replace("\n", "\\n") + '"\n', f"project_name: 养老护理员 {RESIDENT_ID}\n")
    commit_as(repo, "school-a", "li@school-a.edu.cn", "y", "2026-05-21T10:00:00+08:00")
    _edit(app, f"project_name: 养老护理员 {RESIDENT_ID}\n", "project_name: 养老护理员\n")
    commit_as(repo, "school-a", "li@school-a.edu.cn", "z", "2026-05-22T10:00:00+08:00")

    out = tmp_path / "public"
    assert main(["build", "--records", str(records), "--out", str(out), "--as-of", AS_OF.isoformat(),
                 "--config", str(MKDOCS_YML)]) == 0, "the masked number passes the PII guard"
    for page in ("changes/index.html", "projects/P2026-001/index.html"):
        text = (out / page).read_text(encoding="utf-8")
        history = text[text.index("px-changes"):]
        history = history[:history.index("</table>")]
        assert "&lt;script&gt;x()&lt;/script&gt;|a|[x](javascript:y())`c` # h" in history, "escaped, one line"
        assert "<script>x()" not in text and 'href="javascript:' not in text and "<code>c</code>" not in text
        assert text.count("<h1") == 1, "no heading from a value"
        assert "<li>修改 项目征集表" in history and "项目名称</span>：" in history
        assert "养老护理员 3201**********0056" in history and RESIDENT_ID not in text


def test_public_values_name_real_fields_and_no_personal_one() -> None:
    """Every field the history may value exists in its record's model (a typo would silently show
    nothing), and none is a contact, a signature, an expert, an account or a list of people."""
    from generator.publish.disclosure import PUBLIC_VALUES, ROSTERS
    from generator.site.change_values import field_title

    personal = ("contact", "declaration", "legal_representative", "maintainers", "review.panel", "trainees",
                "records", "installments", "budget.unit_price", "budget.breakdown", "employers[].uscc")
    for kind, paths in PUBLIC_VALUES.items():
        for path in paths:
            labels = field_title(kind, path.replace("[]", "[0]")).split(" · ")
            assert all(not label.isascii() for label in labels), (kind, path, labels)
            assert not path.startswith(personal), (kind, path)
    for kind, lists in ROSTERS.items():
        assert not any(p.split("[")[0] in lists for p in PUBLIC_VALUES.get(kind, ())), kind


def test_a_field_an_old_format_had_is_named_in_chinese_not_by_its_key() -> None:
    """Issue 25.12: `专家评审 · score：已删除` on the change history (format 1's panel total, removed by
    the migration to format 2): the label says what it was, and no field is ever named by a raw key."""
    from generator.gitops.audit import Delta
    from generator.site.change_values import field_title, field_views

    [view] = field_views("project", (Delta("review.score", old=88.5, removed=True),), True)
    assert view.label.startswith("专家评审 · 评审得分") and view.note == "已删除"
    assert not re.search(r"[A-Za-z_]{3,}", view.label)
    assert field_title("project", "review.no_such_field") == "专家评审 · 其他字段"
    assert field_title("catalog", "occupations[0].standards.L4").endswith("四级/中级工")


def test_every_field_of_every_record_kind_has_a_chinese_label() -> None:
    from generator.records.kinds import KINDS
    from generator.site.change_values import field_title

    def paths(model: type, prefix: str) -> list[str]:
        from generator.records.schema_errors import inner_model

        found = []
        for name, info in model.model_fields.items():
            path = f"{prefix}{info.alias or name}"
            found.append(path)
            inner = inner_model(info.annotation)
            if inner is not None:
                found += paths(inner, path + ".")
        return found

    for kind in KINDS:
        for path in paths(kind.model, ""):
            title = field_title(kind.name, path)
            assert not re.search(r"[A-Za-z_]{3,}", title.replace("SHA-256", "")), (kind.name, path, title)
