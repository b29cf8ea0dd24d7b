"""What the site says is what is true: the home page, the guide, the about page and every footer take
their words about the records repository, the public and pseudonyms from one place
(`generator/publish/custody.py`), which agrees with docs/custody.md's deployment model; a
district's site names its own bureau on every page. Real builds (MkDocs) of the sample and of a
repository made by `peixun init`.

Attacks on the wording: the claims the issue found untrue ("公开的记录库", "无法还原的假名") never
reappear on any page; a district's site never says 市人社局."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from generator.gitops.ownership import NEW_INSTITUTION
from generator.init import create_repository
from generator.init.pin import unchecked
from generator.publish import custody
from generator.publish.custody import Custody, bureau_short
from generator.site.build import BuildResult, build_site

ROOT = Path(__file__).parents[2]
UNTRUE = ("公开的记录库", "无法还原", "保存在公开", "记录库是公开", "公开记录库")


def text_of(page: Path) -> str:
    """The visible text of a built page: tags dropped, entities decoded, whitespace joined."""
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_model_is_the_one_docs_custody_states() -> None:
    doc = (ROOT / "docs" / "custody.md").read_text(encoding="utf-8")
    table = doc.split("## Who may read the records repository", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| (the public|the bureau|districts|institutions|auditors)\b[^|]*\| ([^|]+)\|", table,
                           re.M))
    readers = {"the bureau": "bureau", "districts": "districts", "institutions": "institutions", "auditors": "auditors"}
    assert {readers[k] for k, v in rows.items() if k in readers and "no access" not in v} == set(custody.READERS)
    assert "no access" in rows["the public"] and not custody.REPOSITORY_PUBLIC
    assert "the site and the open-data downloads only" in rows["the public"]
    assert "a **private** repository" in table
    assert "**reverses every pseudonym** by enumerating ID numbers" in doc and custody.REVERSED_BY == ("bureau",)
    assert "generator/publish/custody.py" in doc  # the page names the place the site's words come from


def test_the_sentences_say_the_model() -> None:
    words = Custody("江阴市人社局")
    assert "不向公众公开" in words.repository and "审计部门" in words.readers and "各区" in words.readers
    assert "连假名也没有" in words.public
    assert "假名不等于匿名" in words.reversal and "持有密钥的江阴市人社局" in words.reversal
    assert "不能由假名算出身份证号码" in words.reversal
    for sentence in (*words.statements().values(), words.lead, words.footer):
        assert not any(claim in sentence for claim in UNTRUE), sentence
    assert bureau_short("梁溪区人力资源和社会保障局") == "梁溪区人社局"
    assert bureau_short("某某市人民政府") == "某某市人民政府"


def test_the_sample_sites_pages_follow_the_model(built_site: BuildResult) -> None:
    words = Custody("无锡市人社局")
    pages = {name: text_of(built_site.out / name / "index.html") for name in ("", "guide", "about")}
    assert squeeze(words.lead) in pages[""]
    assert squeeze(words.repository) in pages["guide"] and squeeze(words.public) in pages["guide"]
    for sentence in words.statements().values():
        assert squeeze(sentence) in pages["about"], sentence
    for page in sorted(built_site.out.rglob("*.html")):
        text = text_of(page)
        assert squeeze(words.footer) in text, page
        for claim in UNTRUE:
            assert claim not in text, (page, claim)


@pytest.fixture(scope="module")
def district_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("liangxi") / "repo"
    create_repository(target, "梁溪区", effective_from=dt.date(2026, 11, 1), resolve=unchecked)
    return build_site(target / "records", target / "public", dt.date(2026, 11, 27), target / "mkdocs.yml").out


def test_a_districts_site_names_its_own_bureau_on_every_page(district_site: Path) -> None:
    pages = sorted(district_site.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        text = text_of(page)
        assert "梁溪区人力资源和社会保障局" in text, page  # the footer, from the policy
        # the one exception: the guide quotes check-changes' own message, which the code words so
        # (generator/gitops/ownership.py NEW_INSTITUTION)
        assert "市人社局" not in text.replace(squeeze(NEW_INSTITUTION), ""), page
    about = text_of(district_site / "about" / "index.html")
    assert "持有密钥的梁溪区人社局" in about and "只有梁溪区人社局、" in about
