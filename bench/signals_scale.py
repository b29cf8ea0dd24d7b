"""How the supervision signals grow with the trainee rows, up to city-decade (issue 28).

    python -m bench.signals_scale [--years 1 2 4 10] [--institutions 120] [--seed 28]

For each size, an ordinary signals corpus (`bench/signals_corpus.py`: 120 institutions a year
give about 44,000 roster rows a year, so ten years are the city-decade scale of
`bench/corpus.py`, about 440,000 rows) is built in memory and settled; then the signals are
computed over it with every indicator's default settings (`generator.signals.compute`), in this
process, timed with `time.perf_counter` (wall) and `time.process_time` (CPU: the machine is shared,
so the ratios are taken on CPU time). Loading and validating the
records (what `peixun signals` does first, through `generator.run`) are the pipeline's cost,
measured in `bench/run.py`; this measures what the signals add. Prints a Markdown table: rows,
seconds, microseconds per row and, against the first size, the ratio of times beside the ratio of
rows (linear: the two ratios match; n log n: the time ratio is a little larger), then each
indicator's own time at the largest size.
"""

from __future__ import annotations

import argparse
import gc
import time
from dataclasses import replace

from bench.signals_corpus import Shape, ordinary, recordset
from generator.settlement.arithmetic import compute as settle
from generator.signals import REGISTRY, SignalContext, compute
from generator.signals.settings import defaults


def measure(shape: Shape) -> dict[str, float]:
    corpus = ordinary(shape)
    rows, classes = corpus.rows, corpus.classes
    rs = recordset(corpus)
    del corpus
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    settlement = settle(rs, shape.as_of)
    t1, c1 = time.perf_counter(), time.process_time()
    report = compute(SignalContext.of(rs, settlement, shape.as_of), defaults())
    t2, c2 = time.perf_counter(), time.process_time()
    each: dict[str, float] = {}
    ctx = SignalContext.of(rs, settlement, shape.as_of)
    compute(ctx, {c: s.model_copy(update={"enabled": False}) for c, s in defaults().items()})  # warm look-ups
    for code, ind in sorted(REGISTRY.items()):
        s = time.process_time()
        list(ind.measure(ctx, defaults()[code]))
        each[code] = time.process_time() - s
    return {"rows": rows, "classes": classes, "settle": t1 - t0, "settle_cpu": c1 - c0, "signals": t2 - t1,
            "cpu": c2 - c1,
            "flagged": sum(m.flagged for m in report.meta.values()), **{f"ind:{k}": v for k, v in each.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 2, 4, 10])
    parser.add_argument("--institutions", type=int, default=120)
    parser.add_argument("--seed", type=int, default=28)
    args = parser.parse_args()
    print("| years | classes | trainee rows | settlement CPU (s) | signals wall (s) | signals CPU (s) "
          "| CPU µs per row | rows × | signals CPU × | flagged |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    results: list[dict[str, float]] = []
    for years in args.years:
        shape = replace(Shape(institutions=args.institutions, years=years), seed=args.seed)
        r = measure(shape)
        results.append(r)
        first = results[0]
        print(f"| {years} | {r['classes']:,.0f} | {r['rows']:,.0f} | {r['settle_cpu']:.2f} | {r['signals']:.2f} "
              f"| {r['cpu']:.2f} | {1e6 * r['cpu'] / r['rows']:.1f} | {r['rows'] / first['rows']:.2f} "
              f"| {r['cpu'] / first['cpu']:.2f} | {r['flagged']:.0f} |", flush=True)
    last = results[-1]
    print(f"\nEach indicator at {last['rows']:,.0f} rows (shared look-ups computed beforehand):\n")
    print("| indicator | CPU seconds | µs per row |")
    print("|---|---:|---:|")
    for key in sorted(k for k in last if k.startswith("ind:")):
        print(f"| {key[4:]} | {last[key]:.2f} | {1e6 * last[key] / last['rows']:.2f} |")


if __name__ == "__main__":
    main()
