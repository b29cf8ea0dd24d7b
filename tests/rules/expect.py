"""Assertions shared by the rule tests: exactly one finding, at the right file and line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from generator.findings import Finding, Severity
from tests.conftest import AS_OF, World, line_of


def one_finding(world: World, rule: str, rel: str, needle: str, *facts: str,
                severity: Severity = Severity.ERROR, occurrence: int = 1, as_of: dt.date = AS_OF) -> Finding:
    """The single finding of `rule`, on the line of `rel` that contains `needle`, naming `facts`."""
    found = world.findings(rule, as_of)
    assert len(found) == 1, [f.as_dict() for f in found]
    f = found[0]
    assert f.rule == rule
    assert f.severity is severity
    assert f.path == world.display(rel)
    assert f.line == line_of(world, rel, needle, occurrence)
    for fact in facts:
        assert fact in f.message, (fact, f.message)
    return f


def no_finding(world: World, rule: str, as_of: dt.date = AS_OF) -> None:
    found = world.findings(rule, as_of)
    assert found == [], [f.as_dict() for f in found]


Change = Callable[[Any], Any]


def put(*path: str | int, value: Any) -> Change:
    """A change (for `World.edit`) that sets data[path[0]]...[path[-1]] = value."""
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change
