"""Every rule of docs/rules.md. Importing this package registers them all."""

from generator.rules import (  # noqa: F401  (imported to register their rules)
    application,
    calls,
    classes,
    codes,
    corrections,
    employment_payment,
    engagement,
    institution,
    payments,
    pii,
    project,
    references,
    review,
    roles,
    roster,
    schema,
    sealed,
)
from generator.rules.registry import REGISTRY, Context, Hit, Rule, rule

__all__ = ["REGISTRY", "Context", "Hit", "Rule", "rule"]
