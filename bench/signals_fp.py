"""The proof of the supervision signals (issue 28): planted cases rank first, ordinary data stays quiet.

    python -m bench.signals_fp [--shape proof] [--seeds 28 29 30]

For each seed: the ordinary corpus of the shape (`bench/signals_corpus.py`) and the same corpus
with one planted case per indicator (`bench/signals_plant.py`), settled and measured with every
indicator's default settings. Prints, per indicator, how many subjects it measured and flagged on
the ordinary corpus (the false-positive rate: nothing was planted there, so every flag is a false
alarm as far as this corpus knows) and where the planted subjects rank on the planted corpus
(ties take the worst rank they share). `tests/signals/test_proof.py` asserts the same on one seed.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from bench.signals_corpus import SHAPES, Corpus, Shape, ordinary, recordset
from bench.signals_plant import planted
from generator.settlement.arithmetic import compute as settle
from generator.signals import REGISTRY, SignalContext, compute
from generator.signals.registry import Measure
from generator.signals.settings import defaults

# The indicator that must find each planted pattern
INDICATOR_OF = {
    "low_outcomes": "SIG-OUTCOMES-LOW",
    "low_attendance": "SIG-ATTENDANCE-LOW",
    "poor_management": "SIG-MANAGEMENT",
    "pension_stop": "SIG-PENSION-STOP",
    "related_employer": "SIG-RELATED-EMPLOYER",
    "employer_share": "SIG-EMPLOYER-SHARE-INST",
    "employer_share_class": "SIG-EMPLOYER-SHARE-CLASS",
    "rate_at_threshold": "SIG-RATE-AT-THRESHOLD",
    "price_cap": "SIG-PRICE-AT-CAP",
    "uniform_attendance": "SIG-ATTENDANCE-UNIFORM",
    "attendance_at_minimum": "SIG-ATTENDANCE-AT-MINIMUM",
    "certificates_end_day": "SIG-CERT-END-DAY",
    "certificates_one_day": "SIG-CERT-ONE-DAY",
    "repeated_people": "SIG-REPEAT-PEOPLE",
}
TOP_SHARE = Decimal("0.01")  # "the top ranks": the planted subjects plus 1 % of those measured


def context(corpus: Corpus) -> SignalContext:
    rs = recordset(corpus)
    return SignalContext.of(rs, settle(rs, corpus.shape.as_of), corpus.shape.as_of)


def measures(ctx: SignalContext, code: str) -> list[Measure]:
    """Every measure of one indicator with its default settings."""
    return list(REGISTRY[code].measure(ctx, defaults()[code]))


def ranks(ctx: SignalContext, code: str, subjects: Iterable[str]) -> dict[str, int]:
    """Each subject's rank (1 = first) among the indicator's measures, most remarkable first
    (largest values, smallest for an indicator about low values); 0 when not measured. Ties take
    the worst rank they share, so a planted case tied with ordinary ones is never lucky."""
    sign = Decimal(1) if REGISTRY[code].direction == "low" else Decimal(-1)
    order = sorted(measures(ctx, code), key=lambda m: (sign * m.value, m.subject))
    last: dict[Decimal, int] = {}
    for i, m in enumerate(order, start=1):
        last[m.value] = i
    by_subject = {m.subject: last[m.value] for m in order}
    return {s: by_subject.get(s, 0) for s in subjects}


def top(planted_subjects: int, measured: int) -> int:
    """How far down "the top ranks" reach for a case of `planted_subjects` among `measured`."""
    return planted_subjects + math.ceil(TOP_SHARE * measured)


@dataclass(frozen=True)
class Alarm:
    code: str
    measured: int
    flagged: int

    @property
    def rate(self) -> Decimal:
        return Decimal(self.flagged) / self.measured if self.measured else Decimal(0)


def false_alarms(ctx: SignalContext) -> dict[str, Alarm]:
    """Per indicator, how many subjects the ordinary corpus gets measured and flagged."""
    report = compute(ctx, defaults())
    return {code: Alarm(code, m.spread.count if m.spread else 0, m.flagged) for code, m in report.meta.items()}


def planted_flags(ctx: SignalContext) -> dict[str, set[str]]:
    """Per indicator, the subjects the report flags."""
    report = compute(ctx, defaults())
    found: dict[str, set[str]] = {}
    for subjects in report.groups.values():
        for s in subjects:
            for code in s.results:
                found.setdefault(code, set()).add(s.subject)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), default="proof")
    parser.add_argument("--seeds", type=int, nargs="+", default=[28, 29, 30])
    args = parser.parse_args()
    totals: dict[str, list[int]] = {}
    worst: dict[str, tuple[int, int, int]] = {}
    sizes = []
    for seed in args.seeds:
        shape: Shape = replace(SHAPES[args.shape], seed=seed)
        plain = ordinary(shape)
        sizes.append((plain.classes, plain.rows))
        for code, a in false_alarms(context(plain)).items():
            t = totals.setdefault(code, [0, 0])
            t[0] += a.measured
            t[1] += a.flagged
        corpus = planted(shape)
        ctx = context(corpus)
        flags = planted_flags(ctx)
        for p in corpus.planted.values():
            code = INDICATOR_OF[p.pattern]
            r = ranks(ctx, code, p.subjects)
            missed = sum(1 for s in p.subjects if s not in flags.get(code, set()))
            measured = len(measures(ctx, code))
            prev = worst.get(p.pattern, (0, 0, 0))
            worst[p.pattern] = (max(prev[0], max(r.values()) if all(r.values()) else 10**9),
                                max(prev[1], missed), top(len(p.subjects), measured))
        print(f"# seed {seed}: {plain.classes} classes, {plain.rows} rows", flush=True)
    print(f"\nOrdinary corpora: {len(args.seeds)} seeds of shape {args.shape} "
          f"({', '.join(f'{c:,} classes / {r:,} rows' for c, r in sizes)}).\n")
    print("| indicator | measured | flagged | false-positive rate |")
    print("|---|---:|---:|---:|")
    for code, (measured, flagged) in sorted(totals.items()):
        rate = 100 * flagged / measured if measured else 0.0
        print(f"| {code} | {measured:,} | {flagged} | {rate:.2f} % |")
    print("\n| planted pattern | indicator | worst rank of a planted subject | top ranks reach | missed flags |")
    print("|---|---|---:|---:|---:|")
    for pattern, (rank, missed, reach) in sorted(worst.items()):
        print(f"| {pattern} | {INDICATOR_OF[pattern]} | {rank} | {reach} | {missed} |")


if __name__ == "__main__":
    main()
