"""`peixun init`: a records repository for another jurisdiction that validates and builds at once,
installs the engine at a pinned version and carries no code, and whose site names its own bureau."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.cli import main
from generator.init import SOURCE_NOTICE, InitError, init_repository
from generator.init.pin import default_engine, engine_version
from generator.pipeline import validate
from generator.records.load import load_records
from generator.site.build import build_site

DAY = dt.date(2026, 11, 1)
WUXI_BUREAU = "无锡市人力资源和社会保障局"


@pytest.mark.parametrize("place", ["江阴市", "宜兴市", "梁溪区"])
def test_init_validates_at_once(tmp_path: Path, place: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "repo"
    assert main(["init", str(target), "--jurisdiction", place, "--effective-from", DAY.isoformat(), "--no-check"]) == 0
    out, _ = capsys.readouterr()
    assert f"已为{place}新建记录库" in out and "校验通过" in out
    report = validate(target / "records", DAY, use_cache=False)
    assert report.ok and report.findings == []
    policy = load_records(target / "records", cache=False).policies[0].model
    assert (policy.jurisdiction, policy.issuer) == (place, f"{place}人力资源和社会保障局")
    assert policy.based_on == SOURCE_NOTICE
    assert (target / "records" / "roles.yaml").read_text(encoding="utf-8").endswith("bureau: []\ndistricts: {}\n")
    for name in ("mkdocs.yml", "README.md", ".github/workflows/validate.yml", ".github/workflows/publish.yml",
                 "schemas/call.schema.json"):
        assert (target / name).is_file(), name
    # the engine is pinned, never copied: the only Python file is the one-line hook import
    assert (target / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == default_engine()
    ver = engine_version()
    assert default_engine().endswith(f"/releases/download/v{ver}/peixun-{ver}-py3-none-any.whl")
    code = [p for p in target.rglob("*.py")]
    assert code == [target / "hooks" / "peixun.py"]
    hook = code[0].read_text(encoding="utf-8")
    statements = [line for line in hook.splitlines() if line.startswith(("from ", "import ", "def ", "class "))]
    assert statements == ["from generator.site.mkdocs_hook import on_build_error, on_config, on_files, on_post_build"
                          "  # noqa: F401"]
    assert WUXI_BUREAU not in (target / "README.md").read_text(encoding="utf-8")
    assert WUXI_BUREAU not in (target / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_jiangyin_site_names_its_own_bureau(tmp_path: Path) -> None:
    target = tmp_path / "jiangyin"
    init_repository(target, "江阴市", effective_from=DAY)
    result = build_site(target / "records", target / "public", dt.date(2026, 11, 27), target / "mkdocs.yml")
    index = (result.out / "index.html").read_text(encoding="utf-8")
    assert "<title>首页 - 江阴市重点群体项目化就业技能培训</title>" in index
    assert "江阴市人力资源和社会保障局 · 数据由江阴市人社局的记录库生成" in index  # the footer
    assert (result.out / "assets" / "stylesheets" / "peixun.css").is_file()
    assert_wuxi_only_cited(result.out)


def assert_wuxi_only_cited(out: Path) -> None:
    """No 无锡 in any text file of the site but inside the citation of the source notice."""
    cited = 0
    for file in sorted(out.rglob("*")):
        if not file.is_file() or file.suffix in (".gz", ".sqlite", ".png", ".svg", ".ico", ".map"):
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        at = text.find("无锡")
        while at >= 0:
            # only inside the citation of the source notice (policy page, and the search index's copy)
            context = text[max(0, at - 200):at]
            assert "参照执行" in context, (file, text[max(0, at - 80):at + 40])
            assert text.startswith(WUXI_BUREAU, at)
            cited += 1
            at = text.find("无锡", at + 1)
    assert cited >= 1  # the policy page does cite the notice it follows


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    with pytest.raises(InitError, match="不是空目录"):
        init_repository(tmp_path, "江阴市")


@pytest.mark.parametrize("engine", ["peixun", "peixun>=0.1", "peixun @ git+https://example.org/peixun"])
def test_init_refuses_an_unpinned_engine(tmp_path: Path, engine: str) -> None:
    with pytest.raises(InitError, match="没有固定"):
        init_repository(tmp_path / "repo", "宜兴市", engine=engine)
    assert not (tmp_path / "repo").exists()


def test_a_git_tag_pin_is_accepted(tmp_path: Path) -> None:
    engine = "peixun @ git+https://example.org/bureau/peixun@v0.1.0"
    init_repository(tmp_path / "repo", "宜兴市", engine=engine, effective_from=DAY)
    assert (tmp_path / "repo" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == engine


@pytest.mark.parametrize("name", ["Jiangyin", "江阴", ""])
def test_init_refuses_a_name_that_is_not_a_place(tmp_path: Path, name: str) -> None:
    with pytest.raises(InitError, match="以市、区或县结尾"):
        init_repository(tmp_path / "repo", name)


@pytest.mark.parametrize(("place", "codes"), [("江阴市", ["320281"]), ("宜兴市", ["320282"]), ("梁溪区", ["320213"])])
def test_init_writes_the_places_region_code(tmp_path: Path, place: str, codes: list[str]) -> None:
    init_repository(tmp_path / "repo", place, effective_from=DAY)
    policy = load_records(tmp_path / "repo" / "records", cache=False).policies[0].model
    assert policy.region_codes == codes and policy.districts == []


def test_a_place_without_a_known_code_needs_one(tmp_path: Path) -> None:
    with pytest.raises(InitError, match="--region-code"):
        init_repository(tmp_path / "repo", "某某县", effective_from=DAY)
    assert not (tmp_path / "repo").exists()
    with pytest.raises(InitError, match="2、4 或 6 位数字"):
        init_repository(tmp_path / "repo", "某某县", effective_from=DAY, region_codes=("32028",))
    init_repository(tmp_path / "repo", "某某县", effective_from=DAY, region_codes=("320999",))
    policy = load_records(tmp_path / "repo" / "records", cache=False).policies[0].model
    assert policy.region_codes == ["320999"]


def test_a_repositorys_own_file_replaces_the_engines(tmp_path: Path) -> None:
    """A city keeps the engine's site but may replace one page or asset by a file of the same path."""
    target = tmp_path / "yixing"
    init_repository(target, "宜兴市", effective_from=DAY)
    (target / "site" / "about.md").write_text("# 数据说明\n\n宜兴市本地联系电话 0510-87000000。\n", encoding="utf-8")
    css = target / "site" / "assets" / "stylesheets" / "peixun.css"
    css.parent.mkdir(parents=True)
    css.write_text("/* 宜兴市自己的样式 */\n", encoding="utf-8")
    out = build_site(target / "records", target / "public", dt.date(2026, 11, 27), target / "mkdocs.yml").out
    assert "宜兴市本地联系电话" in (out / "about" / "index.html").read_text(encoding="utf-8")
    assert (out / "assets" / "stylesheets" / "peixun.css").read_text(encoding="utf-8") == "/* 宜兴市自己的样式 */\n"
    engine = Path(__file__).resolve().parents[2] / "generator" / "site" / "theme"
    tables = "assets/javascripts/peixun-tables.js"
    assert (out / tables).read_bytes() == (engine / tables).read_bytes()  # the rest stays the engine's
    assert 'id="px-search-input"' in (out / "search" / "index.html").read_text(encoding="utf-8")
    assert "px-search-link" in (out / "index.html").read_text(encoding="utf-8")
