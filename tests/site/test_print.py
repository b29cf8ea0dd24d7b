"""The 征集表 printed from the browser (Chromium's print to PDF, the print stylesheet): two A4 pages,
the fields and the signature and seal boxes, none of the site's navigation."""

from __future__ import annotations

import re
from typing import Any


def test_the_form_prints_on_two_a4_pages_with_signature_and_seal(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    try:
        tab.goto(site_url + "apply/")
        tab.wait_for_selector("#app-form fieldset")
        for area in tab.query_selector_all("#app-form textarea"):  # long answers, as a real application has
            area.fill("面向本地智能制造企业的一线操作岗位，培训覆盖安全操作、示教编程、日常维护和故障排除，"
                      "结业后组织专场招聘会并跟踪服务六个月。")
        tab.emulate_media(media="print")
        visible = tab.evaluate("""() => {
            const shown = s => { const e = document.querySelector(s);
                return !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0; };
            return {header: shown('.md-header'), tabs: shown('.md-tabs'), footer: shown('.md-footer'),
                    bar: shown('.px-apply .bar'), signature: shown('.px-sign-box'), seal: shown('.px-seal'),
                    form: shown('#app-form')};
        }""")
        assert visible == {"header": False, "tabs": False, "footer": False, "bar": False, "signature": True,
                           "seal": True, "form": True}
        pdf = tab.pdf(format="A4")
    finally:
        context.close()
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    assert len(pages) == 2, f"{len(pages)} pages"
    assert re.search(rb"/MediaBox \[0 0 59[56](\.\d+)? 84[12](\.\d+)?\]", pdf), "A4 (595 x 842 pt)"
