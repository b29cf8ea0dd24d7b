"""The real minimum of a curriculum's hours, with every constraint of notice 四(四) at once.

A curriculum needs at least `min_total` 课时 in all and a practical share of at least `share`.
Adding practical 课时 raises the total as well, so "60% of the present total" is not enough: with
16 theory and 20 practical (36 in all), 60% of 36 is 22, yet 22 practical gives 38 in all, still
under 40. The least practical that satisfies both, keeping the theory, is

    max(ceil(share × theory / (1 − share)), min_total − theory)

The validator's message, `peixun new` and the online form (form.js, `practicalMinimum`, the same
formula) all give this figure.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal


def practical_minimum(theory: int, min_total: int, share: Decimal) -> int:
    """The fewest practical 课时 that, with `theory` theory 课时, meet both the total and the share."""
    if share >= 1:  # a policy without theory: the share cannot be met by adding practical
        return max(min_total - theory, 0)
    by_share = (share * theory / (1 - share)).to_integral_value(rounding=ROUND_CEILING)
    return max(int(by_share), min_total - theory, 0)


def periods_problems(theory: int, practical: int, min_total: int, share: Decimal) -> list[str]:
    """The Chinese problems of a curriculum's totals, each with the real minimum to reach."""
    total = theory + practical
    problems: list[str] = []
    needed = practical_minimum(theory, min_total, share)
    if total < min_total:
        problems.append(
            f"培训课程总课时 {total}，低于 {min_total} 课时。请补充课程模块，使理论与实操合计不少于 {min_total} 课时"
            + (f"（理论保持 {theory} 课时时，实操至少 {needed} 课时，实操占比也随之达标）"
               if needed > practical else "")
        )
    if total and Decimal(practical) < share * total:
        got = _pct(Decimal(practical) / total)
        problems.append(
            f"实操课时 {practical}，占总课时 {total} 的 {got}，低于 {_pct(share)}。"
            f"请把实操课时增加到至少 {needed} 课时（理论 {theory} 课时不变；"
            f"总课时不低于 {min_total}、实操不低于 {_pct(share)} 同时满足）"
        )
    return problems


def _pct(ratio: Decimal) -> str:
    text = f"{(ratio * 100).quantize(Decimal('0.1')):f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"
