"""Issue 23's attacks on the ledger, each through the command a deployment runs at that step:
`check-changes --validate` on a real pull-request branch, then `settle` over what would be merged.

Payments with a future date and a reused voucher; every budget or quota crossing flagged; one
certificate counted once; rosters only through the bureau's import.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from generator.cli import main
from generator.settle import settle
from tests.conftest import PAYMENTS, World
from tests.gitops.conftest import Ledger

BUREAU = "wx-bureau"
MAINTAINER = "school-a"
AS_OF = "2026-08-01"  # the day the check runs (the CI clock)


def check(ledger: Ledger, capsys: pytest.CaptureFixture[str], author: str) -> tuple[int, list[dict[str, Any]]]:
    """`peixun check-changes --validate` as validate.yml runs it, JSON findings read back."""
    code = main(["check-changes", "--validate", "--base", "main", "--author", author, "--repo", str(ledger.root),
                 "--records", "records", "--as-of", AS_OF, "--format", "json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def errors_of(found: list[dict[str, Any]], rule: str) -> list[dict[str, Any]]:
    return [f for f in found if f["rule"] == rule and f["severity"] == "error"]


def test_a_future_payment_and_a_reused_voucher_are_refused_and_held(ledger: Ledger,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Attack (issue 23): `--paid-on 2062-11-27` and `--voucher wx-pay-0001` (recorded as
    `WX-PAY-0001`) were accepted, validate stayed green and the money stayed listed as due."""
    def pay(world: World) -> None:
        world.edit(PAYMENTS, lambda d: d["installments"].extend([
            {"phase": "remainder", "amount": 100, "paid_on": dt.date(2062, 11, 27), "voucher": "WX-PAY-0002"},
            {"phase": "remainder", "amount": 100, "paid_on": dt.date(2026, 7, 30), "voucher": "wx-pay-0001"},
        ]))

    ledger.pr(BUREAU, pay)
    code, found = check(ledger, capsys, BUREAU)
    assert code == 1
    (future,) = errors_of(found, "PAY-DATE")
    (reused,) = errors_of(found, "PAY-VOUCHER")
    text = ledger.records.path(PAYMENTS).read_text(encoding="utf-8").splitlines()
    assert future["path"] == reused["path"] == ledger.rel(PAYMENTS)
    assert text[future["line"] - 1].strip() == "paid_on: 2062-11-27"
    assert text[reused["line"] - 1].strip() == "voucher: wx-pay-0001"
    assert "晚于判断日期 2026-08-01" in future["message"] and "不能预先登记" in future["message"]
    assert "已登记过" in reused["message"] and "WX-PAY-0001" in reused["message"]
    # settle over the merged records: the reused voucher holds the class; the future installment is
    # no payment as of the day (PAY-DATE fails the check above, and record-payment refuses the class)
    result = settle(ledger.records.root, dt.date(2026, 8, 1))
    held = {(h["class"], h["rule"]) for h in result.report["held"]}
    assert ("P2026-001-01", "PAY-VOUCHER") in held and ("P2026-001-01", "PAY-DATE") not in held
    assert all(c["class"] != "P2026-001-01" for c in result.report["classes"])
