"""REF: references between records, and a policy/catalog in force on each record's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import (
    APPLICATION,
    CATALOG,
    CLASS,
    EMPLOYMENT,
    INSTITUTION,
    PAYMENTS,
    POLICY,
    PROJECT,
    World,
)
from tests.rules.expect import no_finding, one_finding

D = dt.date


def test_clean_world_has_no_ref(world: World) -> None:
    no_finding(world, "REF")


def _set(key: str, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data[key] = value

    return change


@pytest.mark.parametrize(("rel", "key", "missing", "facts"), [
    (APPLICATION, "institution", "91320214MA1X00001T", ("培训主体", "91320214MA1X00001T", "institutions")),
    (PROJECT, "application", "A2026-999", ("申报", "A2026-999", "applications")),
    (CLASS, "project", "P2026-999", ("项目", "P2026-999", "projects")),
])
def test_missing_reference(world: World, rel: str, key: str, missing: str, facts: tuple[str, ...]) -> None:
    world.edit(rel, _set(key, missing))
    one_finding(world, "REF", rel, f"{key}:", *facts)


@pytest.mark.parametrize("source", [EMPLOYMENT, PAYMENTS])
def test_employment_and_payments_of_a_missing_class(world: World, source: str) -> None:
    rel = source.replace("P2026-001-01", "P2026-001-09")
    world.copy(source, rel, _set("class", "P2026-001-09"))
    one_finding(world, "REF", rel, "class:", "班次", "P2026-001-09", "classes")


@pytest.mark.parametrize(("broken", "referrer", "key", "ident"), [
    (INSTITUTION, APPLICATION, "institution", "52320211MA1W00001X"),
    (APPLICATION, PROJECT, "application", "A2026-001"),
    (PROJECT, CLASS, "project", "P2026-001"),
    (CLASS, EMPLOYMENT, "class", "P2026-001-01"),
])
def test_reference_to_a_broken_file_is_left_to_schema(
    world: World, broken: str, referrer: str, key: str, ident: str
) -> None:
    world.edit(broken, _set("unexpected_key", 1))
    assert world.findings("SCHEMA")
    assert world.load(referrer)[key] == ident
    no_finding(world, "REF")


@pytest.mark.parametrize(("submitted", "found"), [
    (D(2026, 3, 31), False),  # the policy's first day
    (D(2026, 3, 30), True),
])
def test_policy_in_force_on_submission(world: World, submitted: dt.date, found: bool) -> None:
    world.edit(APPLICATION, _set("submitted_on", submitted))
    world.edit(APPLICATION, lambda d: d["declaration"].__setitem__("signed_on", submitted))
    if found:
        one_finding(world, "REF", APPLICATION, "submitted_on:", "2026-03-30", "政策")
    else:
        no_finding(world, "REF")


def test_policy_in_force_on_class_start(world: World) -> None:
    world.edit(POLICY, _set("effective_until", D(2026, 5, 31)))
    one_finding(world, "REF", CLASS, "start_on:", "开班日期 2026-06-01", "政策")


def test_policy_ending_on_class_start_still_covers_it(world: World) -> None:
    world.edit(POLICY, _set("effective_until", D(2026, 6, 1)))
    no_finding(world, "REF")


@pytest.mark.parametrize(("until", "in_catalog", "found"), [
    (D(2026, 4, 10), True, False),  # last day of the catalog = submission day
    (D(2026, 4, 9), True, True),
    (D(2026, 4, 9), False, False),  # a new project needs no catalog
])
def test_catalog_in_force_for_in_catalog_applications(
    world: World, until: dt.date, in_catalog: bool, found: bool
) -> None:
    world.edit(CATALOG, _set("effective_until", until))
    if not in_catalog:
        world.edit(APPLICATION, lambda d: d["catalog"].update(
            in_catalog=False, occupation_code=None, level=None))
    if found:
        one_finding(world, "REF", APPLICATION, "in_catalog:", "2026-04-10", "指导目录")
    else:
        no_finding(world, "REF")
