"""Disclosure control at its boundaries: 0, k-1, k, n-k, n-k+1, n, and derivation from totals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.publish.disclosure import SUPPRESSED, band, cell, passes, table

K = 10
N = 40


@pytest.mark.parametrize(
    ("c", "shown"),
    [(0, False), (K - 1, False), (K, True), (N - K, True), (N - K + 1, False), (N, False)],
)
def test_threshold_boundaries(c: int, shown: bool) -> None:
    result = cell(c, N, K)
    assert passes(c, N, K) is shown
    assert (result.count == c) is shown
    assert result.suppressed is not shown
    if shown:
        assert result.rate == (Decimal(c) / N).quantize(Decimal("0.0001"))
    else:
        assert result.rate is None and result.count_text == SUPPRESSED and result.rate_text == SUPPRESSED


def test_a_group_smaller_than_2k_never_shows_a_count() -> None:
    assert all(cell(c, 2 * K - 1, K).suppressed for c in range(2 * K))


def test_single_suppressed_row_gets_a_partner_so_it_cannot_be_derived() -> None:
    rows, total = table([(12, 30), (3, 20), (15, 35)], K)
    assert rows[1].suppressed  # primary: 3 < k
    assert rows[0].suppressed  # secondary: the smallest other shown row
    assert not rows[2].suppressed and not total.suppressed
    assert total.count == 30


def test_lone_row_suppressed_hides_the_total() -> None:
    rows, total = table([(3, 20)], K)
    assert rows[0].suppressed and total.suppressed


def test_two_suppressed_rows_need_no_partner() -> None:
    rows, total = table([(3, 20), (4, 20), (15, 30)], K)
    assert [r.suppressed for r in rows] == [True, True, False]
    assert total.count == 22


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=1, max_size=8))
def test_no_suppressed_count_can_be_recovered_by_subtraction(pairs: list[tuple[int, int]]) -> None:
    counts = [(min(c, n), n) for c, n in pairs]
    rows, total = table(counts, K)
    hidden = [r for r in rows if r.suppressed]
    if not total.suppressed:
        assert len(hidden) != 1
    for r, (c, n) in zip(rows, counts, strict=True):
        if not r.suppressed:
            assert K <= c <= n - K


@pytest.mark.parametrize(
    ("c", "n", "expected"),
    [
        (0, 20, None), (1, 20, None), (2, 20, "10%–20%"), (11, 20, "50%–60%"), (17, 20, "80%–90%"),
        (18, 20, None), (20, 20, None), (5, 9, None),
    ],
)
def test_class_bands(c: int, n: int, expected: str | None) -> None:
    assert band(c, n, K) == expected
