"""ROLES-KEY: the bureau's roster keys are the bureau's alone and each has a period of use
(the attacks through validate and seal-roster in a real repository: tests/intake/test_roster_keys.py)."""

from __future__ import annotations

import datetime as dt

import pyrage

from generator.records.agekeys import KNOWN_PUBLISHED
from tests.conftest import ROLES, World, line_of, with_roster_key


def test_the_published_test_key_is_refused_at_its_line(world: World) -> None:
    with_roster_key(world, next(iter(KNOWN_PUBLISHED)))
    [finding] = world.findings("ROLES-KEY")
    assert finding.severity == "error" and "曾随仓库公开" in finding.message and "age-keygen" in finding.message
    assert finding.line == line_of(world, ROLES, "recipient:")


def test_a_key_kept_outside_every_repository_passes(world: World) -> None:
    with_roster_key(world)
    assert world.findings("ROLES-KEY") == []


def test_a_period_that_ends_before_it_starts_is_refused(world: World) -> None:
    with_roster_key(world, period=(dt.date(2026, 12, 31), dt.date(2026, 1, 1)))
    [finding] = world.findings("ROLES-KEY")
    assert finding.severity == "error" and "早于启用日期" in finding.message
    assert finding.line == line_of(world, ROLES, "until:")


def test_a_key_listed_twice_is_a_warning(world: World) -> None:
    key = str(pyrage.x25519.Identity.generate().to_public())
    world.edit(ROLES, lambda d: d.__setitem__("roster_recipients", [
        {"recipient": key, "from": dt.date(2026, 1, 1), "until": dt.date(2026, 12, 31)},
        {"recipient": key, "from": dt.date(2027, 1, 1), "until": dt.date(2027, 12, 31)}]))
    [finding] = world.findings("ROLES-KEY")
    assert finding.severity == "warning" and "相同" in finding.message
