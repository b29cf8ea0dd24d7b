"""申报指南: how to apply by pull request, with the rules table read from the rule registry, so the
published rules are the ones CI runs."""

from __future__ import annotations

from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.rules import REGISTRY
from generator.site import urls
from generator.site.templates import percent, render


def build(data: SiteData, views: Views) -> dict[str, str]:
    policy = data.policy
    if policy is None:
        raise RuntimeError("no policy record: validation should have refused the build")
    caps = policy.pricing.new_project_caps
    text = render(
        "guide.md.j2", here=urls.GUIDE, data=data, repo=data.repo_url(),
        rules=sorted(REGISTRY.values(), key=lambda r: r.id),
        institution_types=policy.institution_types, groups=policy.eligible_groups,
        fields=[f for f in policy.priority_fields if f != "other"], lookback=policy.violation_lookback_years,
        caps=[("manufacturing", caps.manufacturing), ("production_service", caps.production_service),
              ("life_service", caps.life_service)],
        window=policy.subsidy.employment_window_months,
        remainder=percent(policy.subsidy.remainder_threshold), bonus=percent(policy.subsidy.bonus_threshold),
    )
    return {urls.GUIDE: text}
