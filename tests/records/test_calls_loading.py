"""The call record kind: where it lives, its year, and a malformed one reported like any record."""

from __future__ import annotations

from generator.records.kinds import kind_for
from generator.records.load import load, load_records
from tests.conftest import World


def test_a_call_loads_from_its_year_folder(world: World) -> None:
    from pathlib import PurePosixPath

    assert kind_for(PurePosixPath("calls/2027/C2027-01.yaml")) is not None
    rs = load_records(world.root, cache=False)
    call = rs.calls["C2026-01"].model
    assert (call.year, str(call.budget), call.policy) == (2026, "50000", "wuxi-2026-pilot")
    app = rs.applications["A2026-001"].model
    assert rs.call_of(app) is call


def test_a_call_with_a_text_budget_is_a_schema_error(world: World) -> None:
    world.edit("calls/2026/C2026-01.yaml", lambda d: d.update(budget="五十万"))
    loaded = load(world.root, cache=False)
    rs = loaded.records
    assert "C2026-01" not in rs.calls and "C2026-01" in rs.broken["call"]
    found = [f for f in loaded.load_findings if f.path.endswith("C2026-01.yaml")]
    assert found and found[0].rule == "SCHEMA"
