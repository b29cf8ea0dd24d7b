"""The signals report: every enabled indicator measured, its spread, and what crosses its threshold.

`compute` is the one function that produces it; the CLI only renders. Results are grouped as
Cardinal groups them, by what they are about (class, institution, employer, person), each subject
with every indicator that flagged it, its value and the reason in words; `meta` gives per indicator
the quartiles and Tukey fences of all measured values and the threshold in force; `ranked` orders
the flagged subjects for the bureau: most signals first, then most money at stake.

The report names pseudonyms and classes: it is for the bureau only (`BUREAU_ONLY`), never part of
the public site or the open data (neither publisher imports this package; a test builds both and
searches them for it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.signals.context import SignalContext
from generator.signals.registry import FENCE, GROUP_LABELS, GROUPS, REGISTRY, Group, IndicatorSettings
from generator.signals.settings import Settings, as_data
from generator.signals.stats import Spread, spread

BUREAU_ONLY = ("本报告仅供市人社局监督使用（通知 五(二)）：含参训人员假名、班次和用人单位，"
               "不得公开，不得放入公示网站、开放数据或记录库。信号只提示先查哪里，不是违规结论")


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    value: Decimal
    threshold: Decimal
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"value": _num(self.value), "threshold": _num(self.threshold), "reason": self.reason}


@dataclass
class Subject:
    group: Group
    subject: str
    label: str
    money: Decimal
    results: dict[str, IndicatorResult] = field(default_factory=dict)

    @property
    def signals(self) -> int:
        return len(self.results)

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "signals": self.signals, "money": _money(self.money),
                "indicators": {code: r.as_dict() for code, r in sorted(self.results.items())}}


@dataclass(frozen=True)
class Meta:
    code: str
    group: Group
    title: str
    clause: str
    direction: str
    threshold: Decimal | None  # None: a fence over no values
    threshold_from: str  # "settings" or "fence"
    spread: Spread | None
    flagged: int

    def as_dict(self) -> dict[str, Any]:
        s = self.spread
        return {
            "title": self.title, "clause": self.clause, "group": self.group, "direction": self.direction,
            "threshold": _num(self.threshold) if self.threshold is not None else None,
            "threshold_from": self.threshold_from, "count": s.count if s else 0, "flagged": self.flagged,
            "q1": _num(s.q1) if s else None, "median": _num(s.median) if s else None,
            "q3": _num(s.q3) if s else None, "iqr": _num(s.iqr) if s else None,
            "lower_fence": _num(s.lower_fence) if s else None, "upper_fence": _num(s.upper_fence) if s else None,
        }


@dataclass(frozen=True)
class SignalsReport:
    as_of: dt.date
    commit: str | None
    settings: dict[str, dict[str, Any]]
    groups: dict[Group, list[Subject]]  # flagged subjects per group, by subject
    meta: dict[str, Meta]  # every enabled indicator, by code
    disabled: tuple[str, ...]

    @property
    def ranked(self) -> list[Subject]:
        """Every flagged subject, most signals first, then most money, then group and subject."""
        everyone = [s for g in GROUPS for s in self.groups[g]]
        return sorted(everyone, key=lambda s: (-s.signals, -s.money, GROUPS.index(s.group), s.subject))

    @property
    def total_signals(self) -> int:
        return sum(s.signals for g in GROUPS for s in self.groups[g])

    def as_dict(self) -> dict[str, Any]:
        return {
            "bureau_only": True,
            "notice": BUREAU_ONLY,
            "as_of": self.as_of.isoformat(),
            "commit": self.commit,
            "settings": self.settings,
            "disabled": list(self.disabled),
            **{g: {s.subject: s.as_dict() for s in self.groups[g]} for g in GROUPS},
            "meta": {code: m.as_dict() for code, m in sorted(self.meta.items())},
            "ranked": [{"group": s.group, "subject": s.subject, "signals": s.signals, "money": _money(s.money)}
                       for s in self.ranked],
        }


def _num(value: Decimal) -> str:
    return format(value, "f")


def _money(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def _threshold(direction: str, settings: IndicatorSettings, s: Spread | None) -> tuple[Decimal | None, str]:
    """The threshold in force: the settings' number, or the fence `fence_factor` IQRs out, held
    at least as far out as `fence_limit`."""
    given = settings.threshold
    if given == FENCE:
        if s is None:
            return None, "fence"
        fence = s.fence(direction, settings.fence_factor)
        limit = settings.fence_limit
        if limit is not None:
            fence = max(fence, limit) if direction == "high" else min(fence, limit)
        return fence, "fence"
    assert isinstance(given, Decimal)
    return given, "settings"


def compute(ctx: SignalContext, settings: Settings) -> SignalsReport:
    """Measure every enabled indicator over the context and collect what crosses its threshold.
    With a fence as threshold, a value must lie strictly beyond the fence (Tukey's outliers)."""
    subjects: dict[tuple[Group, str], Subject] = {}
    meta: dict[str, Meta] = {}
    disabled: list[str] = []
    effective = {code: settings.get(code) or ind.settings() for code, ind in sorted(REGISTRY.items())}
    for code, ind in sorted(REGISTRY.items()):
        s = effective[code]
        if not s.enabled:
            disabled.append(code)
            continue
        measures = list(ind.measure(ctx, s))
        sp = spread([m.value for m in measures])
        threshold, source = _threshold(ind.direction, s, sp)
        flagged = 0
        seen: set[str] = set()
        for m in sorted(measures, key=lambda m: m.subject):
            if m.subject in seen:
                raise RuntimeError(f"indicator {code} measured {m.subject} twice")
            seen.add(m.subject)
            if threshold is None:
                continue
            crosses = ind.flagged(m.value, threshold)
            if source == "fence":
                crosses = crosses and m.value != threshold
            if not crosses:
                continue
            flagged += 1
            key = (ind.group, m.subject)
            if key not in subjects:
                subjects[key] = Subject(ind.group, m.subject, ctx.label(ind.group, m.subject),
                                        ctx.money(ind.group, m.subject))
            subjects[key].results[code] = IndicatorResult(code, m.value, threshold, m.reason)
        meta[code] = Meta(code, ind.group, ind.title, ind.clause, ind.direction, threshold, source, sp, flagged)
    groups: dict[Group, list[Subject]] = defaultdict(list)
    for (group, _), subj in sorted(subjects.items()):
        groups[group].append(subj)
    return SignalsReport(
        as_of=ctx.as_of, commit=ctx.commit, settings=as_data(effective),
        groups={g: groups.get(g, []) for g in GROUPS}, meta=meta, disabled=tuple(disabled),
    )


__all__ = ["BUREAU_ONLY", "GROUP_LABELS", "IndicatorResult", "Meta", "SignalsReport", "Subject", "compute"]
