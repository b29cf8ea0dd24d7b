"""Supervision signals for the bureau (通知 五(二)): where to look first, never a verdict.

Rules catch what is plainly against the notice; fraud looks lawful record by record and shows
only in patterns across classes, institutions, employers and people. Each indicator (registry.py)
measures one pattern; `signals` runs every enabled one over one judged run and returns a typed
`SignalsReport` (report.py) that the CLI renders as JSON, text or a ranked XLSX (render.py).

The report names pseudonyms and classes: bureau-only. No public output imports this package
(an import-linter contract), and a test builds the site and the open data and finds none of it.

Every indicator module is imported below by name, so the registry is complete on import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.pipeline import run
from generator.signals import (  # noqa: F401  (register indicators)
    attendance,
    certificates,
    conditions,
    employers,
    outcomes,
    people,
    prices,
)
from generator.signals.context import SignalContext
from generator.signals.registry import REGISTRY, IndicatorSettings, Measure, indicator
from generator.signals.report import BUREAU_ONLY, SignalsReport, compute
from generator.signals.settings import SettingsError, load_settings

__all__ = [
    "BUREAU_ONLY", "REGISTRY", "IndicatorSettings", "Measure", "SettingsError", "SignalContext", "SignalsReport",
    "compute", "indicator", "load_settings", "signals",
]


def signals(records_dir: Path, as_of: dt.date | None = None, settings_file: Path | None = None, *,
            use_cache: bool = True) -> SignalsReport:
    """The signals of the records as of `as_of` (by default the records' last commit date), with the
    settings in `settings_file` (every indicator's defaults without one). The settings are read
    first: a bad file stops before any record is judged."""
    settings = load_settings(settings_file)
    judged = run(records_dir, as_of, use_cache=use_cache)
    return compute(SignalContext(judged), settings)
