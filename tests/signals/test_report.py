"""The signals framework: registry, quartiles and fences, thresholds, grouping and ranking."""

from __future__ import annotations

import random
import statistics
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

from generator.signals import REGISTRY, SignalContext, SignalsReport, compute, signals
from generator.signals.registry import IndicatorSettings, Measure, Threshold, indicator
from generator.signals.settings import defaults
from generator.signals.stats import spread
from tests.signals.builder import AS_OF, D, SignalWorld, uscc


def test_quartiles_match_the_inclusive_method_of_spreadsheets() -> None:
    rng = random.Random(28)
    for n in (1, 2, 3, 4, 5, 7, 10, 33):
        values = [Decimal(rng.randint(0, 10_000)) / 100 for _ in range(n)]
        s = spread(values)
        assert s is not None and s.count == n
        if n > 1:
            q1, q2, q3 = statistics.quantiles([float(v) for v in values], n=4, method="inclusive")
            assert float(s.q1) == pytest.approx(q1, abs=1e-4)
            assert float(s.median) == pytest.approx(q2, abs=1e-4)
            assert float(s.q3) == pytest.approx(q3, abs=1e-4)
        assert s.lower_fence == (s.q1 - Decimal("1.5") * s.iqr).quantize(Decimal("0.0001"))
        assert s.upper_fence == (s.q3 + Decimal("1.5") * s.iqr).quantize(Decimal("0.0001"))
    assert spread([]) is None


@contextmanager
def registered(code: str, values: dict[str, Decimal], direction: str = "high") -> Iterator[type[IndicatorSettings]]:
    """A throw-away indicator measuring fixed values (institution group), removed afterwards."""

    class FixedSettings(IndicatorSettings):
        threshold: Threshold = "fence"

    def measure(_ctx: SignalContext, _s: IndicatorSettings) -> Iterable[Measure]:
        for subject, v in values.items():
            yield Measure(subject, v, f"值 {v}")

    indicator(code, "institution", "通知 五(二)", "测试", FixedSettings, direction=direction)(measure)  # type: ignore[arg-type]
    try:
        yield FixedSettings
    finally:
        del REGISTRY[code]


def _ctx(tmp_path: Path) -> SignalContext:
    from generator.pipeline import run

    return SignalContext(run(SignalWorld().write(tmp_path), AS_OF, use_cache=False))


def test_a_fence_threshold_flags_only_values_beyond_the_fence(tmp_path: Path) -> None:
    values = {f"I{i:02d}": Decimal(v) for i, v in enumerate([10, 11, 12, 12, 13, 13, 14, 40])}
    values["LOW"] = Decimal(-20)
    ctx = _ctx(tmp_path)
    with registered("SIG-TEST-HIGH", values), registered("SIG-TEST-LOW", values, "low"):
        report = compute(ctx, defaults())
    high, low = report.meta["SIG-TEST-HIGH"], report.meta["SIG-TEST-LOW"]
    assert high.threshold_from == "fence" and high.spread is not None
    assert high.threshold == high.spread.upper_fence and low.threshold == low.spread.lower_fence  # type: ignore[union-attr]
    flagged = {s.subject: set(s.results) for s in report.groups["institution"]}
    assert flagged["I07"] == {"SIG-TEST-HIGH"}  # 40 is beyond the upper fence
    assert flagged["LOW"] == {"SIG-TEST-LOW"}  # -20 beyond the lower one
    assert not {"I00", "I03", "I06"} & set(flagged)  # ordinary values raise nothing


def test_a_fence_factor_widens_the_fence_and_a_limit_holds_it_out(tmp_path: Path) -> None:
    """Counts per day scatter: the outer fence (3 IQR) flags only the extreme. Where most values are
    0 the IQR is 0 and so is the fence; the limit keeps one correction from reading as chaos."""
    spread_out = {f"I{i:02d}": Decimal(v) for i, v in enumerate([2, 3, 4, 4, 5, 5, 6, 12, 20])}
    mostly_zero = {f"Z{i:02d}": Decimal(0) for i in range(10)} | {"Z10": Decimal("0.2"), "Z11": Decimal("0.5")}
    ctx = _ctx(tmp_path)
    with registered("SIG-TEST-WIDE", spread_out) as wide, registered("SIG-TEST-LIMIT", mostly_zero) as limited:
        plain = compute(ctx, defaults() | {"SIG-TEST-WIDE": wide(), "SIG-TEST-LIMIT": limited()})
        tuned = compute(ctx, defaults() | {"SIG-TEST-WIDE": wide(fence_factor=3),
                                           "SIG-TEST-LIMIT": limited(fence_limit=Decimal("0.25"))})
    s = plain.meta["SIG-TEST-WIDE"].spread
    assert s is not None and plain.meta["SIG-TEST-WIDE"].threshold == s.upper_fence
    assert tuned.meta["SIG-TEST-WIDE"].threshold == s.q3 + 3 * s.iqr > s.upper_fence
    assert tuned.meta["SIG-TEST-LIMIT"].threshold == Decimal("0.25") > plain.meta["SIG-TEST-LIMIT"].threshold == 0

    def flagged(report: SignalsReport, code: str) -> set[str]:
        return {x.subject for x in report.groups["institution"] if code in x.results}

    assert flagged(plain, "SIG-TEST-WIDE") == {"I07", "I08"} and flagged(tuned, "SIG-TEST-WIDE") == {"I08"}
    assert flagged(plain, "SIG-TEST-LIMIT") == {"Z10", "Z11"} and flagged(tuned, "SIG-TEST-LIMIT") == {"Z11"}


def test_a_number_threshold_counts_from_its_value_and_a_disabled_indicator_does_not_run(tmp_path: Path) -> None:
    values = {"A": Decimal("0.5"), "B": Decimal("0.49"), "C": Decimal("0.9")}
    ctx = _ctx(tmp_path)
    with registered("SIG-TEST-NUM", values) as model:
        settings = {**defaults(), "SIG-TEST-NUM": model(threshold=Decimal("0.5"))}
        report = compute(ctx, settings)
        assert {s.subject for s in report.groups["institution"] if "SIG-TEST-NUM" in s.results} == {"A", "C"}
        off = compute(ctx, {**defaults(), "SIG-TEST-NUM": model(enabled=False)})
        assert "SIG-TEST-NUM" not in off.meta and "SIG-TEST-NUM" in off.disabled
        assert not any("SIG-TEST-NUM" in s.results for s in off.groups["institution"])


def test_an_indicator_cannot_cite_a_clause_the_notice_lacks_nor_register_twice() -> None:
    with pytest.raises(RuntimeError, match="notice does not have"):
        indicator("SIG-TEST-BAD", "class", "通知 五(四)", "测试", IndicatorSettings)(lambda c, s: [])
    with pytest.raises(RuntimeError, match="twice"):
        indicator("SIG-PRICE-AT-CAP", "institution", "通知 五(二)", "测试", IndicatorSettings)(lambda c, s: [])
    assert "SIG-TEST-BAD" not in REGISTRY


def test_ranked_puts_most_signals_then_most_money_first(tmp_path: Path) -> None:
    w = SignalWorld()
    big, small = w.institution(uscc("big", "52320211")), w.institution(uscc("small", "52320211"))
    for inst, size in ((big, 10), (small, 5)):  # every project at the cap (1000): one signal each
        for _ in range(3):
            w.klass(w.project(inst, unit_price=1000), trainees=size)
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    ranked = [(s.group, s.subject) for s in report.ranked]
    assert ranked.index(("institution", big)) < ranked.index(("institution", small))
    keys = [(-s.signals, -s.money) for s in report.ranked]
    assert keys == sorted(keys)
    money = {s.subject: s.money for s in report.ranked}
    assert money[big] == 2 * money[small] > 0  # 3 classes of 10 against 3 of 5, at the same price
    assert [r["subject"] for r in report.as_dict()["ranked"]] == [s for _, s in ranked]


def test_every_registered_indicator_has_a_method_paragraph_in_the_docs() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "signals.md").read_text(encoding="utf-8")
    for code, ind in REGISTRY.items():
        assert f"`{code}`" in docs, f"docs/signals.md has no paragraph for {code}"
        assert ind.clause.split()[-1].split("、")[0] in docs


def test_broken_chains_and_odd_values_give_a_report_not_an_exception(tmp_path: Path) -> None:
    """Records that validation rejects still reach the bureau's signals (held classes included):
    an employment file of no class, a class of no project, months that are no months."""
    from generator import factory

    w = SignalWorld()
    inst = w.institution(uscc("school", "52320211"))
    cid = w.klass(w.project(inst), trainees=4)
    orphan = w.records[f"classes/2026/{cid}.yaml"].model_copy(update={"id": "P2026-998-01", "project": "P2026-998"})
    w.records["classes/2026/P2026-998-01.yaml"] = orphan
    w.records["employment/2026/P2026-999-01.yaml"] = factory.employment("P2026-999-01", [
        factory.employment_record("p_" + "ab" * 12, "=cmd|' /C calc'!A0", {"2026-13": D(2027, 1, 1)})])
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    assert set(report.meta) == set(REGISTRY)
    assert report.as_dict()["as_of"] == AS_OF.isoformat()


def test_what_indicators_share_is_made_once_per_run(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    calls: list[int] = []
    first = ctx.shared(("k", 1), lambda: calls.append(1) or {"made": len(calls)})
    again = ctx.shared(("k", 1), lambda: calls.append(1) or {"made": len(calls)})
    other = ctx.shared(("k", 2), lambda: calls.append(1) or {"made": len(calls)})
    assert first is again and first == {"made": 1} and other == {"made": 2} and len(calls) == 2
