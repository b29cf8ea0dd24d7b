"""The bureau's supervision signals never reach the public site or the open data.

The sample is built as the public sees it (the session's real `mkdocs build`, open data included);
the signals of the same records, with every threshold at 0 so that every measured subject carries
its reason, are then searched for in every byte of every published file.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.pipeline import run
from generator.signals import BUREAU_ONLY, REGISTRY, SignalContext, SignalsReport, signals
from generator.signals.report import compute
from generator.signals.settings import defaults
from generator.site.build import BuildResult
from tests.site.helpers import SAMPLE, SAMPLE_AS_OF


def _everything_flagged_report() -> SignalsReport:
    settings = {code: s.model_copy(update={"threshold": Decimal(0)}) for code, s in defaults().items()}
    return compute(SignalContext(run(SAMPLE, SAMPLE_AS_OF, use_cache=False)), settings)


def test_no_signal_reaches_the_site_or_the_open_data(built_site: BuildResult) -> None:
    report = _everything_flagged_report()
    reasons = {r.reason for g in report.groups.values() for s in g for r in s.results.values()}
    assert len(reasons) >= 3, "the sample gives the test too little to look for"
    needles = {BUREAU_ONLY, *REGISTRY, *reasons, "监督信号"}
    files = [f for f in Path(built_site.out).rglob("*") if f.is_file()]
    assert any(f.suffix == ".sqlite" for f in files) and any(f.suffix == ".csv" for f in files)
    for f in files:
        data = f.read_bytes()
        for needle in needles:
            assert needle.encode("utf-8") not in data, f"{needle[:40]} published in {f}"


def test_the_default_report_of_the_sample_is_bureau_only_data() -> None:
    data = signals(SAMPLE, SAMPLE_AS_OF, use_cache=False).as_dict()
    assert data["bureau_only"] is True and data["notice"] == BUREAU_ONLY
