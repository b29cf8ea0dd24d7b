"""花名册: check a roster and seal it to the bureau in the browser, and the roster's format.

The page's markup is here (template `roster.md.j2`); its script, the bundled libraries, the rules
data and the template XLSX are written beside it by the roster output writer
(`generator/intake/site_output.py`). The format section is rendered from the same column
definitions the import reads (`generator/intake/rosterrules.py`), so the page cannot describe
columns the import does not accept.
"""

from __future__ import annotations

from generator.intake import rosterrules as rr
from generator.intake.rosterpage import TEMPLATE_FILE, TEMPLATE_NAME
from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.records.labels import EVALUATION_LABELS, GROUP_LABELS
from generator.records.sealed_files import MAX_SEALED_BYTES
from generator.site import urls
from generator.site.templates import render


def build(data: SiteData, views: Views) -> dict[str, str]:
    graduate = [GROUP_LABELS[g] for g in rr.GRADUATE_GROUPS]
    return {urls.ROSTER: render(
        "roster.md.j2", here=urls.ROSTER, data=data, columns=rr.COLUMN_SPECS, groups=GROUP_LABELS,
        graduate=graduate, yes=rr.YES, no=rr.NO, evaluations=EVALUATION_LABELS.values(),
        template_file=TEMPLATE_FILE, template_name=TEMPLATE_NAME, max_mib=MAX_SEALED_BYTES // (1024 * 1024),
        issuer=data.issuer or "市人社局",
    )}
