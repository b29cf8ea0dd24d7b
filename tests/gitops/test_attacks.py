"""Every attack on the pull-request channel, tried on a real repository: each is refused.

The attacks of issue 12 first (a pull request judging itself, money moved on a paid class,
bureau-verified facts made self-service, injection into CODEOWNERS and reports, a green check gone
stale), then our own (renames, deletions, links, lookalike handles, sealed rosters).
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import git
import markdown
import pytest

from generator.cli import main
from generator.cli.render import findings_github, findings_markdown
from generator.findings import Finding, Severity
from generator.gitops.change_review import check_changes
from generator.gitops.codeowners import render_codeowners
from generator.gitops.facts import table_markdown
from generator.gitops.identity import canonical, owners_line, valid_handle
from generator.gitops.pullrequest import PRE_EXISTING, extract, review_pull_request
from generator.gitrepo import GitRepo
from generator.mdtext import md_text
from generator.records.load import load_records
from tests.conftest import APPLICATION, AS_OF, CLASS, INSTITUTION, PAYMENTS, PROJECT, World
from tests.gitops.conftest import OTHER_INSTITUTION, UNDECIDED_APPLICATION, UNPAID_CLASS, Ledger

MAINTAINER = "school-a"
BUREAU = "wx-bureau"
NEW_USCC = "91320214MA00000003"


def rules(found: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.path) for f in found)


def errors(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity is Severity.ERROR]


# -- 1. a pull request judging itself ---------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "generator/gitops/change_review.py",
    "pyproject.toml",
    "evil.pth",
    "records/evil.pth",
    "records/sitecustomize.py",
    ".github/workflows/validate.yml",
    ".github/CODEOWNERS",
    "tools/actionlint/lint.mjs",
    "site/about.md",
])
def test_code_and_workflows_are_refused_to_institutions_and_flagged_for_the_bureau(ledger: Ledger, path: str) -> None:
    def change(world: World) -> None:
        target = world.root.parent / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("import os; os.system('echo owned')\n", encoding="utf-8")

    # under records/ nothing but records may sit, whoever adds it (issue 24): CHG-PATH besides
    stray = [("CHG-PATH", Severity.ERROR, path)] if path.startswith("records/") else []
    found = ledger.pr(MAINTAINER, change)
    assert rules(found) == sorted([("CHG-OWNER", path), *((r, p) for r, _, p in stray)])
    flagged = ledger.check(BUREAU)
    assert sorted((f.rule, f.severity, f.path) for f in flagged) == sorted(
        [("CHG-CODE", Severity.WARNING, path), *stray])


def test_a_symbolic_link_is_refused_and_never_followed(ledger: Ledger, tmp_path: Path) -> None:
    secret = tmp_path / "runner-secret.txt"
    secret.write_text("GITHUB_TOKEN=ghs_secret\n", encoding="utf-8")
    link = "institutions/91320214MA00000009.yaml"

    def change(world: World) -> None:
        os.symlink(secret, world.path(link))

    for author in (MAINTAINER, BUREAU, None):
        found = ledger.pr(author, change, branch="pr" if author == MAINTAINER else f"link-{author}")
        assert rules(found) == [("CHG-OWNER", ledger.rel(link))], author
        assert "符号链接" in found[0].message
        ledger.checkout("main")
    ledger.checkout("pr")
    with GitRepo(ledger.root) as repo:
        out = extract(repo, "HEAD", "records", tmp_path / "head")
    assert not (out / link).exists() and (out / INSTITUTION).is_file()


# -- 2. money moved on a paid class -------------------------------------------------------------------

def dearer_project(ledger: Ledger) -> None:
    """On main: a second, dearer decision of the same institution with an empty class."""
    world = ledger.records
    world.edit(UNDECIDED_APPLICATION, lambda d: d.update(project_name="工业机器人系统运维员"))
    world.copy(PROJECT, "projects/2026/P2026-002.yaml",
               lambda d: d.update(id="P2026-002", application="A2026-002", unit_price=2450))
    world.copy(UNPAID_CLASS, "classes/2026/P2026-002-01.yaml",
               lambda d: d.update(id="P2026-002-01", project="P2026-002", trainees=[]))
    ledger.commit("bureau: a dearer project", "2026-07-25T10:00:00+08:00")


def test_swapping_a_paid_class_onto_a_dearer_project_is_refused(ledger: Ledger) -> None:
    dearer_project(ledger)

    def swap(world: World) -> None:
        world.edit(CLASS, lambda d: d.update(project="P2026-002"))
        world.edit("classes/2026/P2026-002-01.yaml", lambda d: d.update(project="P2026-001"))
        world.edit(APPLICATION, lambda d: d["target_groups"].append("college_graduate"))

    for author in (MAINTAINER, BUREAU):
        found = errors(ledger.pr(author, swap, branch=f"swap-{author}"))
        assert ("CHG-FROZEN", ledger.rel(CLASS)) in rules(found), author
        paid = next(f for f in found if f.path == ledger.rel(CLASS))
        assert "所属项目" in paid.message and "P2026-001 → P2026-002" in paid.message
        ledger.checkout("main")
    found = ledger.pr(MAINTAINER, lambda w: w.edit(APPLICATION, lambda d: d["target_groups"].append(
        "college_graduate")), branch="groups")
    assert rules(found) == [("CHG-FROZEN", ledger.rel(APPLICATION))]
    assert "target_groups" in found[0].message and "P2026-001" in found[0].message


@pytest.mark.parametrize("field,value,label", [
    ("start_on", "2026-05-25", "开班和结业日期"),
    ("end_on", "2026-06-30", "开班和结业日期"),
    ("location", "无锡市新吴区另一地点", "培训地点"),
    ("supervision", {"yunmou_id": "YM-OTHER"}, "云眸工程监管"),
])
def test_what_decides_who_counts_of_a_paid_class_is_frozen_for_everyone(ledger: Ledger, field: str, value: Any,
                                                                         label: str) -> None:
    found = ledger.pr(BUREAU, lambda w: w.edit(CLASS, lambda d: d.update({field: value})))
    # a start moved to a day already past is also after the fact (CHG-LATE, tests/gitops/test_ledger_time.py)
    late = [("CHG-LATE", ledger.rel(CLASS))] if field == "start_on" else []
    assert rules(found) == [("CHG-FROZEN", ledger.rel(CLASS)), *late]
    assert f"{label}已冻结" in found[0].message and "records/corrections/" in found[0].message


def test_renaming_a_paid_class_or_deleting_its_payments_is_refused_even_to_the_bureau(ledger: Ledger) -> None:
    def rename(world: World) -> None:
        world.path(CLASS).rename(world.path("classes/2026/P2026-001-09.yaml"))

    found = ledger.pr(BUREAU, rename)
    # under its new id the class first appears after its start: late as well
    renamed = ledger.rel("classes/2026/P2026-001-09.yaml")
    assert rules(found) == [("CHG-FROZEN", ledger.rel(CLASS)), ("CHG-LATE", renamed)]
    assert "不能改名" in found[0].message
    ledger.checkout("main")
    found = ledger.pr(BUREAU, lambda w: w.remove(PAYMENTS), branch="pay")
    assert rules(found) == [("CHG-FROZEN", ledger.rel(PAYMENTS))] and "不能删除" in found[0].message


def test_a_started_projects_application_cannot_be_swapped(ledger: Ledger) -> None:
    found = ledger.pr(BUREAU, lambda w: w.edit(PROJECT, lambda d: d.update(application="A2026-002")))
    assert rules(found) == [("CHG-FROZEN", ledger.rel(PROJECT))]
    assert "所确定的申报已冻结" in found[0].message


# -- 3. bureau-verified facts -------------------------------------------------------------------------

def test_an_institution_cannot_clear_violations_extend_its_qualification_or_add_maintainers(ledger: Ledger) -> None:
    ledger.records.edit(INSTITUTION, lambda d: d.update(violations=[{"on": "2025-03-01", "summary": "虚报培训人数"}]))
    ledger.commit("bureau records a violation", "2026-07-21T10:00:00+08:00")

    def self_service(world: World) -> None:
        world.edit(INSTITUTION, lambda d: d.update(violations=[]))
        world.edit(INSTITUTION, lambda d: d["qualification"].update(valid_until="2099-12-31"))
        world.edit(INSTITUTION, lambda d: d["maintainers"].append("friend"))
        world.edit(INSTITUTION, lambda d: d.update(type="university", name="无锡示例大学"))

    found = ledger.pr(MAINTAINER, self_service)
    assert {f.rule for f in found} == {"CHG-FACT"} and len(found) == 4
    text = "\n".join(f.message for f in found)
    for fact in ("培训违法违规记录", "培训资质及其有效期", "维护人账号", "登记信息"):
        assert fact in text
    assert "qualification.valid_until: 2028-12-31 → 2099-12-31" in text
    assert ledger.check(BUREAU) == []  # the bureau may, after checking the evidence


def test_after_a_decision_the_judged_application_is_frozen_for_the_institution(ledger: Ledger) -> None:
    def rewrite(world: World) -> None:
        world.edit(APPLICATION, lambda d: d.update(submitted_on="2026-03-01"))
        world.edit(APPLICATION, lambda d: d["description"].update(goals="培训 20 人，预期就业率 95%。"))

    found = ledger.pr(MAINTAINER, rewrite)
    assert rules(found) == [("CHG-FROZEN", ledger.rel(APPLICATION))]
    assert "submitted_on" in found[0].message and "description.goals" in found[0].message
    assert ledger.check(BUREAU) == []
    ledger.checkout("main")
    moved = ledger.pr(MAINTAINER, lambda w: w.edit(UNDECIDED_APPLICATION, lambda d: d.update(district="新吴区")),
                      branch="district")
    assert [f.rule for f in moved] == ["CHG-FACT"] and "申请单位和所在区" in moved[0].message


def test_a_decided_application_cannot_move_to_a_call_with_more_budget(ledger: Ledger) -> None:
    """An institution re-files its selected project under another call (say a richer one) after the
    decision: the call was judged with the application, so it is frozen for the institution."""
    found = ledger.pr(MAINTAINER, lambda w: w.edit(APPLICATION, lambda d: d.update(call="C2026-09")))
    assert rules(found) == [("CHG-FROZEN", ledger.rel(APPLICATION))]
    assert "call" in found[0].message


# -- 4. injection ------------------------------------------------------------------------------------

HOSTILE = [
    "school-a\n* @school-a",
    "school-a @evil",
    "@org/team",
    "schооl-a",  # Cyrillic о
    "ſchool-a",  # long s: casefolds to "school-a"
    "-school",
    "school--a",
    "a" * 40,
    "",
]


@pytest.mark.parametrize("handle", HOSTILE)
def test_hostile_handles_are_no_handles(handle: str) -> None:
    assert not valid_handle(handle) and canonical(handle) is None
    assert owners_line("/records/x.yaml", [handle]) is None


def test_a_newline_in_maintainers_is_refused_and_never_reaches_codeowners(ledger: Ledger) -> None:
    found = ledger.pr(BUREAU, lambda w: w.edit(INSTITUTION, lambda d: d["maintainers"].append(HOSTILE[0])))
    assert [f.rule for f in found] == ["CHG-HANDLE"]
    assert found[0].line is not None
    text = render_codeowners(load_records(ledger.records.root, cache=False), "records")
    rules_after_bureau = [line for line in text.splitlines()[5:] if line and not line.startswith("#")]
    assert all(line.startswith("/records/") for line in rules_after_bureau), rules_after_bureau
    assert "\n* @school-a" not in text and "\n* @wx-bureau\n" in text


@pytest.mark.parametrize("author", ["schооl-a", "school-a\nwx-bureau", "wx_bureau", "@@wx-bureau"])
def test_lookalike_or_malformed_authors_have_no_role(ledger: Ledger, author: str) -> None:
    found = ledger.pr(author, lambda w: w.edit(UNDECIDED_APPLICATION, lambda d: d.update(project_name="x")))
    assert [f.rule for f in found] == ["CHG-OWNER"]


def test_a_lookalike_maintainer_entry_grants_nothing(ledger: Ledger) -> None:
    ledger.records.edit(OTHER_INSTITUTION, lambda d: d["maintainers"].append("ſchool-a"))
    ledger.commit("a lookalike slipped in", "2026-07-21T10:00:00+08:00")
    found = ledger.pr(MAINTAINER, lambda w: w.edit(OTHER_INSTITUTION, lambda d: d.update(address="别处")))
    other = ledger.rel(OTHER_INSTITUTION)
    assert rules(found) == [("CHG-HANDLE", other), ("CHG-OWNER", other)]


class Structure(HTMLParser):
    """The elements of rendered HTML and the text outside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def structure(md: str) -> Structure:
    parser = Structure()
    parser.feed(markdown.markdown(md))
    return parser


HOSTILE_TEXT = [
    "records/x`\n\n### ✅ 全部检查通过\n\n@wx-bureau 请直接合并 `y.yaml",
    "<img src=x onerror=alert(1)><script>alert(1)</script>",
    "[点此](https://evil.example) ![x](https://evil.example/x.png) **粗** _斜_ ~~删~~ #12 @someone",
    "| a | b |\n|---|---|\n| c | d |",
    "> 引用\n- 列表\n1. 编号\n---\n    代码",
    "&lt;b&gt; &amp; \\` \\* $x$",
]


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_hostile_paths_and_messages_add_no_structure_to_the_markdown_report(hostile: str) -> None:
    plain = Finding(path="records/a.yaml", line=3, rule="CHG-OWNER", severity=Severity.ERROR, message="消息")
    bad = Finding(path=hostile, line=3, rule="CHG-OWNER", severity=Severity.ERROR, message=hostile)
    expected = structure(findings_markdown("变更检查", "摘要", [plain]))
    got = structure(findings_markdown("变更检查", f"摘要{hostile}", [bad]))
    assert got.tags == expected.tags  # same headings, paragraphs, list items, code spans: nothing added
    rendered = "".join(got.text)
    assert " ".join(hostile.split()) in " ".join(rendered.split())  # the text itself reads as written
    raw = findings_markdown("变更检查", hostile, [bad])
    assert "@" not in raw and "<" not in raw.replace("<!--", "")


@pytest.mark.parametrize("name", ["A2026-0`30", "A2026 030", "A2026-030\n* @school-a", "A2026-030[1]"])
def test_record_paths_with_unsafe_characters_are_refused_to_everyone(ledger: Ledger, name: str) -> None:
    rel = f"applications/2026/{name}.yaml"
    found = ledger.pr(BUREAU, lambda w: w.copy(UNDECIDED_APPLICATION, rel, lambda d: d.update(id=name)))
    assert [(f.rule, f.path) for f in found] == [("CHG-PATH", ledger.rel(rel))]


def test_annotations_cannot_start_another_workflow_command() -> None:
    bad = Finding(path="records/a,b:c.yaml", line=1, rule="CHG-OWNER", severity=Severity.ERROR,
                  message="拒绝\n::warning::全部通过%0A::notice::x\r")
    [line] = findings_github([bad])
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=records/a%2Cb%3Ac.yaml,line=1,title=CHG-OWNER::拒绝%0A::warning::")
    assert "%250A" in line


def test_md_text_keeps_chinese_and_plain_text_readable() -> None:
    assert md_text("班次 P2026-001-01 已冻结") == "班次 P2026-001-01 已冻结"


# -- 5. a green check gone stale -----------------------------------------------------------------------

def test_a_pull_request_merged_after_a_payment_fails_the_after_merge_check(
        ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    ledger.checkout("pr", new=True)
    ledger.records.edit(UNPAID_CLASS, lambda d: d["trainees"][0].update(attended_periods=40))
    ledger.commit("pr: attendance", "2026-09-25T10:00:00+08:00")
    # the bureau's import (a roster is the bureau's to write, issue 23): green against its base
    assert check_changes(ledger.root, "main", BUREAU) == []
    ledger.checkout("main")
    ledger.records.copy(PAYMENTS, "payments/2026/P2026-001-02.yaml", lambda d: d.update({"class": "P2026-001-02"}))
    before = ledger.commit("bureau pays P2026-001-02", "2026-09-26T10:00:00+08:00")
    ledger.repo.git.merge("pr", "--no-edit")
    after = ledger.repo.head.commit.hexsha
    found = check_changes(ledger.root, before, None, head=after)
    assert rules(found) == [("CHG-FROZEN", ledger.rel(UNPAID_CLASS))]
    code = main(["check-changes", "--base", before, "--head", after, "--records", str(ledger.records.root),
                 "--format", "github", "--markdown-out", str(ledger.root.parent / "recheck.md")])
    out = capsys.readouterr().out
    assert code == 1 and out.startswith(f"::error file={ledger.rel(UNPAID_CLASS)},")
    assert "❌" in (ledger.root.parent / "recheck.md").read_text(encoding="utf-8")


# -- 6. a new institution's way in ---------------------------------------------------------------------

def newcomer(world: World, maintainers: list[str] | None = None) -> None:
    world.copy(OTHER_INSTITUTION, f"institutions/{NEW_USCC}.yaml", lambda d: d.update(
        uscc=NEW_USCC, name="无锡新来示例培训学校", maintainers=maintainers or ["newcomer"]))
    world.copy(APPLICATION, "applications/2026/A2026-020.yaml",
               lambda d: d.update(id="A2026-020", institution=NEW_USCC))


def test_a_new_institution_comes_in_for_the_bureau_to_review(ledger: Ledger) -> None:
    found = ledger.pr("newcomer", newcomer)
    assert [(f.rule, f.severity, f.path) for f in found] == [
        ("CHG-NEW", Severity.WARNING, ledger.rel(f"institutions/{NEW_USCC}.yaml"))]
    assert "新培训主体：须市人社局审核后合并" in found[0].message
    # CODEOWNERS on the base (the one the Git host applies) names only the bureau for the new files
    ledger.checkout("main")
    text = render_codeowners(load_records(ledger.root / "records", cache=False), "records")
    assert f"/records/institutions/{NEW_USCC}.yaml" not in text and "A2026-020" not in text
    assert "\n* @wx-bureau\n" in text
    # merged by the bureau: the newcomer now maintains it, and the rest of the route is the usual one
    ledger.repo.git.merge("pr", "--no-edit")
    assert ledger.pr("newcomer", lambda w: w.edit("applications/2026/A2026-020.yaml",
                                                  lambda d: d.update(project_name="新名称")), branch="next") == []
    ledger.checkout("main")
    found = ledger.pr("newcomer", lambda w: w.edit(f"institutions/{NEW_USCC}.yaml",
                                                   lambda d: d["maintainers"].append("x")), branch="next2")
    assert [f.rule for f in found] == ["CHG-FACT"]
    text = render_codeowners(load_records(ledger.root / "records", cache=False), "records")
    assert f"/records/institutions/{NEW_USCC}.yaml @wx-bureau @newcomer" in text


@pytest.mark.parametrize("extra,rule", [
    (lambda w: newcomer(w, ["someone-else"]), "CHG-OWNER"),
    (lambda w: (newcomer(w), w.edit(OTHER_INSTITUTION, lambda d: d.update(address="别处"))), "CHG-OWNER"),
    (lambda w: (newcomer(w), w.copy(CLASS, "classes/2026/P2026-001-05.yaml", lambda d: d.update(
        id="P2026-001-05", start_on="2026-09-01", end_on="2026-09-20"))), "CHG-OWNER"),
    (lambda w: w.edit(OTHER_INSTITUTION, lambda d: d["maintainers"].append("newcomer")), "CHG-OWNER"),
], ids=["not-a-maintainer", "and-another-institution", "and-a-class", "takeover-of-existing"])
def test_the_new_institution_route_grants_nothing_else(ledger: Ledger, extra: Any, rule: str) -> None:
    found = errors(ledger.pr("newcomer", extra))
    assert found and {f.rule for f in found} == {rule}


# -- 7. judged on what it changes ----------------------------------------------------------------------

def test_errors_in_untouched_records_are_pre_existing_unless_the_change_causes_them(ledger: Ledger) -> None:
    ledger.records.edit(OTHER_INSTITUTION, lambda d: d.update(address=""))  # a schema error on main
    ledger.commit("someone else's broken record", "2026-07-21T10:00:00+08:00")
    ledger.pr(MAINTAINER, lambda w: w.edit(UNDECIDED_APPLICATION, lambda d: d.update(project_name="新名称")))
    review = review_pull_request(ledger.root, "main", MAINTAINER, as_of=AS_OF)
    assert review.ok
    other = [f for f in review.findings if f.path == ledger.rel(OTHER_INSTITUTION)]
    assert other and all(f.severity is Severity.WARNING and f.message.endswith(PRE_EXISTING) for f in other)
    assert review.pre_existing >= 1
    # a new class dated first pushes an untouched class past the project's quota: that error counts
    ledger.checkout("main")
    ledger.pr(MAINTAINER, lambda w: w.copy(UNPAID_CLASS, "classes/2026/P2026-001-03.yaml", lambda d: d.update(
        id="P2026-001-03", start_on="2026-05-25", end_on="2026-05-31", trainees=[])), branch="quota")
    review = review_pull_request(ledger.root, "main", MAINTAINER, as_of=AS_OF)
    caused = [f for f in errors(review.findings) if f.rule == "CLS-QUOTA"]
    assert [f.path for f in caused] == [ledger.rel(UNPAID_CLASS)] and not review.ok


def test_check_changes_validate_through_the_cli_reads_the_head_as_data(
        ledger: Ledger, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ledger.pr(MAINTAINER, lambda w: w.edit(UNDECIDED_APPLICATION, lambda d: d.update(project_name="新名称")))
    head = ledger.repo.head.commit.hexsha
    ledger.checkout("main")  # the work tree is the base now: the head is read from Git objects only
    code = main(["check-changes", "--repo", str(ledger.root), "--records", "records", "--base", "main",
                 "--head", head, "--author", MAINTAINER, "--validate", "--as-of", AS_OF.isoformat(),
                 "--cache-dir", str(tmp_path / "cache")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "记录校验" in out.splitlines()[-1] and "本次修改的错误 0 个" in out


# -- sealed rosters (records/sealed/<year>/<class>.age) -----------------------------------------------

def test_sealed_rosters_belong_to_the_class_institution_and_freeze_with_payment(ledger: Ledger) -> None:
    own = "sealed/2026/P2026-001-02.age"
    assert ledger.pr(MAINTAINER, lambda w: w.write(own, b"age-encryption.org/v1\n...")) == []
    found = ledger.pr("school-b", lambda w: w.write("sealed/2026/P2026-001-02.age", b"x"), branch="b")
    assert rules(found) == [("CHG-OWNER", ledger.rel(own))]
    ledger.checkout("main")
    ledger.records.write("sealed/2026/P2026-001-01.age", b"age-encryption.org/v1\nold")
    ledger.commit("sealed roster of the paid class", "2026-07-21T10:00:00+08:00")
    found = ledger.pr(BUREAU, lambda w: w.write("sealed/2026/P2026-001-01.age", b"new"), branch="c")
    assert rules(found) == [("CHG-FROZEN", ledger.rel("sealed/2026/P2026-001-01.age"))]


def test_the_ledger_is_a_real_repository(ledger: Ledger) -> None:
    assert isinstance(ledger.repo, git.Repo) and (ledger.root / ".git").is_dir()


# -- the table is the one the docs show ----------------------------------------------------------------

def test_the_threat_model_and_the_guide_say_what_the_code_does() -> None:
    root = Path(__file__).parents[2]
    security = (root / "SECURITY.md").read_text(encoding="utf-8")
    assert table_markdown() in security  # regenerate with `peixun facts` when facts.py changes
    assert "新培训主体：须市人社局审核后合并" in security
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "[SECURITY.md](SECURITY.md)" in readme and "新培训主体：须市人社局审核后合并" in readme
    guide = (root / "generator" / "site" / "templates" / "guide.md.j2").read_text(encoding="utf-8")
    assert "新培训主体：须市人社局审核后合并" in guide and "maintainers" in guide


def test_both_sides_are_validated_in_one_folder_so_the_cache_serves_the_head(ledger: Ledger, tmp_path: Path) -> None:
    ledger.pr(MAINTAINER, lambda w: w.edit(UNDECIDED_APPLICATION, lambda d: d.update(project_name="新名称")))
    cache, work = tmp_path / "cache", tmp_path / "work"
    first = review_pull_request(ledger.root, "main", MAINTAINER, as_of=AS_OF, cache_dir=cache, workdir=work)
    again = review_pull_request(ledger.root, "main", MAINTAINER, as_of=AS_OF, cache_dir=cache, workdir=work)
    assert first.findings == again.findings and first.ok
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 1  # one records path: one cache for both sides
    assert not (work / "records").exists()  # the pull request's files do not stay behind
