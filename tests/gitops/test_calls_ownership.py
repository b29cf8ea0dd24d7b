"""Calls for projects are the bureau's records: nobody else may publish or change one."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.gitops.conftest import Ledger

CALL = "calls/2026/C2026-01.yaml"


def raise_budget(world: World) -> None:
    world.edit(CALL, lambda d: d.update(budget=900000))


def new_call(world: World) -> None:
    world.copy(CALL, "calls/2027/C2027-01.yaml", lambda d: d.update(id="C2027-01"))


@pytest.mark.parametrize("author", ["school-a", "bh-district"])
@pytest.mark.parametrize("change", [raise_budget, new_call], ids=["budget", "new-call"])
def test_a_call_is_refused_to_institutions_and_districts(ledger: Ledger, author: str, change: object) -> None:
    found = ledger.pr(author, change)
    assert [f.rule for f in found] == ["CHG-OWNER"]
    assert "“项目征集计划”类记录由市人社局维护" in found[0].message


def test_the_bureau_publishes_and_changes_calls(ledger: Ledger) -> None:
    assert ledger.pr("wx-bureau", lambda w: (raise_budget(w), new_call(w))) == []
