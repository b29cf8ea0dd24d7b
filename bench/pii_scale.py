"""The PII scan against the length of a text and its number of hits (issue 24: it counted each
hit's line from the start of the file, 3.6 s, 11.6 s and 45.6 s for 40k, 80k and 160k numbers on
one line).

`python -m bench.pii_scale [N ...]` prints, for N mobile numbers on one line of a class file, the
CPU seconds of the PII rule's text scan and of the output guard's scan of the same text, and the
hits found; the time per number should stay flat as N doubles (bench/RESULTS.md).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from generator.publish.pii_guard import scan_text as guard_scan
from generator.rules.pii import scan_text as rule_scan


def line_of_numbers(n: int) -> str:
    return "location: " + " ".join(f"13{i % 10}{i:08d}" for i in range(n)) + "\n"


def _hits(result: Any) -> int:
    return len(result.hits if hasattr(result, "hits") else result)


def measure(n: int) -> tuple[float, float, int]:
    text = line_of_numbers(n)
    start = time.process_time()
    found = _hits(rule_scan("classes/2026/P2026-001-01.yaml", text))
    rule = time.process_time() - start
    start = time.process_time()
    guard_scan(text)
    return rule, time.process_time() - start, found


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [40_000, 80_000, 160_000]
    print(f"{'numbers':>8} {'rule CPU s':>10} {'guard CPU s':>11} {'hits':>7} {'µs/number':>9}")
    for n in sizes:
        rule, guard, found = measure(n)
        print(f"{n:>8} {rule:>10.2f} {guard:>11.2f} {found:>7} {1e6 * rule / n:>9.1f}")


if __name__ == "__main__":
    main()
