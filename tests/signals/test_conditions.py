"""The three conditions of 通知 五(二) per institution: SIG-OUTCOMES-LOW, SIG-ATTENDANCE-LOW, SIG-MANAGEMENT."""

from __future__ import annotations

import pytest

from tests.signals.planted import flagged, measures, ordinary_context, planted_context

CONDITIONS = (("low_outcomes", "SIG-OUTCOMES-LOW"), ("low_attendance", "SIG-ATTENDANCE-LOW"),
              ("poor_management", "SIG-MANAGEMENT"))


@pytest.mark.parametrize(("pattern", "code"), CONDITIONS)
def test_the_planted_institution_lies_beyond_the_fence(pattern: str, code: str) -> None:
    corpus, ctx = planted_context()
    inst = corpus.planted[pattern].subjects[0]
    found = flagged(ctx, code)
    assert inst in found
    values = sorted(m.value for m in measures(ctx, code))
    assert found[inst].value == (values[0] if code != "SIG-MANAGEMENT" else values[-1])


@pytest.mark.parametrize(("pattern", "code"), CONDITIONS)
def test_no_ordinary_institution_is_flagged(pattern: str, code: str) -> None:
    _, ctx = ordinary_context()
    assert len(measures(ctx, code)) >= 30
    assert flagged(ctx, code) == {}


def test_management_counts_late_admissions_missing_evidence_and_corrections() -> None:
    corpus, ctx = planted_context()
    inst = corpus.planted["poor_management"].subjects[0]
    found = flagged(ctx, "SIG-MANAGEMENT")[inst]
    classes = [r.model for cid, r in ctx.records.classes.items() if ctx.institution_of_class[cid] == inst]
    late = {r.model.class_ for r in ctx.records.corrections.values() if r.model.old == r.model.new}
    fixes = sum(1 for r in ctx.records.corrections.values() if r.model.old != r.model.new
                and r.model.class_ in {c.id for c in classes})
    missing = sum(1 for c in classes if "video" not in {e.kind for e in c.evidence})
    admitted = sum(1 for c in classes if c.id in late)
    assert admitted and missing and fixes
    assert (f"{len(classes)} 个已开班的班次中，{admitted} 个事后补录，{missing} 个缺少视频、图片或云眸监管编号，"
            f"另有更正 {fixes} 次") in found.reason
