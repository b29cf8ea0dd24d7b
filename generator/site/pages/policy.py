"""政策: the parameters of the policy in force and the occupation catalog, rendered from their
records, so the page cannot drift from what validation and settlement apply."""

from __future__ import annotations

from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.records.labels import LEVEL_LABELS
from generator.site import urls
from generator.site.templates import render


def build(data: SiteData, views: Views) -> dict[str, str]:
    policy = data.policy
    catalog = data.records.catalog_on(data.as_of)
    caps = policy.pricing.new_project_caps if policy else None
    text = render(
        "policy.md.j2", here=urls.POLICY, data=data, policy=policy, sub=policy.subsidy if policy else None,
        caps=[("manufacturing", caps.manufacturing), ("production_service", caps.production_service),
              ("life_service", caps.life_service)] if caps else [],
        catalog=catalog, levels=list(LEVEL_LABELS),
    )
    return {urls.POLICY: text}
