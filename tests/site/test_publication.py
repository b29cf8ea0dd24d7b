"""Site address, OCDS prefix and publisher id come from configuration, never from placeholders:
unset, the site leaves out what needs them and the build says so; a placeholder is refused."""

from __future__ import annotations

import pytest

from generator.site.assemble import PLACEHOLDERS, SiteConfigError, publication_of
from generator.site.build import BuildResult

VALID_USCC = "91320211MA1N2K3P0U"


def test_no_placeholder_reaches_any_file_of_the_site(built_site: BuildResult) -> None:
    files = [p for p in built_site.out.rglob("*") if p.is_file()]
    assert len(files) > 50
    for path in files:
        data = path.read_bytes()
        for placeholder in PLACEHOLDERS:
            assert placeholder.encode() not in data, f"{path.relative_to(built_site.out)}: {placeholder}"


def test_unset_configuration_is_reported_and_what_needs_it_is_left_out(built_site: BuildResult) -> None:
    assert len(built_site.notices) == 3
    assert any("site_url" in n for n in built_site.notices)
    assert any("ocds_prefix" in n and "不发布 OCDS" in n for n in built_site.notices)
    assert any("publisher_uscc" in n for n in built_site.notices)
    data = built_site.out / "data"
    assert not (data / "ocds").exists() and (data / "projects.csv").is_file()
    page = (data / "index.html").read_text(encoding="utf-8")
    assert "OCDS" not in page and "ocid" not in page
    index = (data / "index.json").read_text(encoding="utf-8")
    assert '"url":"projects.csv"' in index.replace(" ", ""), "relative URLs without a site address"


@pytest.mark.parametrize(("settings", "url", "bad"), [
    ({}, "https://peixun.example.cn/", "peixun.example.cn"),
    ({"ocds_prefix": "ocds-xxxxxx"}, "", "ocds-xxxxxx"),
    ({"publisher_uscc": "113202000000000000"}, "", "113202000000000000"),
    ({"ocds_prefix": "OCDS-12"}, "", "ocds_prefix"),
    ({"publisher_uscc": "91320211MA1N2K3P0X"}, "", "publisher_uscc"),  # wrong check character
    ({}, "peixun.wuxi.gov.cn", "https://"),
])
def test_placeholders_and_malformed_values_are_refused(settings: dict[str, str], url: str, bad: str) -> None:
    with pytest.raises(SiteConfigError, match=bad):
        publication_of(settings, url)


def test_configured_values_are_taken_as_given() -> None:
    pub = publication_of({"ocds_prefix": "ocds-a1b2c3", "publisher_uscc": VALID_USCC.lower()},
                         "https://peixun.wuxi.gov.cn")
    assert (pub.site_url, pub.ocid_prefix, pub.publisher_uscc) == (
        "https://peixun.wuxi.gov.cn/", "ocds-a1b2c3", VALID_USCC)
    assert pub.ocds and pub.notices() == []
    assert not publication_of({"ocds_prefix": "ocds-a1b2c3"}, "").ocds, "OCDS needs the buyer's id too"
