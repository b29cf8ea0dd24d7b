"""One rule for the reference date of every command, stated the same way in every command's help."""

from __future__ import annotations

import datetime as dt

import click

from generator.cli.app import cli
from generator.pipeline import validate
from generator.validate import reference_day
from tests.conftest import World, commit_all


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(_commands(command, f"{prefix}{name} "))
        else:
            found[prefix + name] = command
    return found


def test_every_as_of_option_states_the_same_default() -> None:
    helps = {name: next(p.help for p in command.params if p.name == "as_of")
             for name, command in _commands(cli).items() if any(p.name == "as_of" for p in command.params)}
    assert {"validate", "settle", "build", "serve", "import-roster", "new application"} <= set(helps)
    assert len(set(helps.values())) == 1, helps
    assert "最后一次提交的日期" in next(iter(helps.values()))


def test_validate_judges_by_the_last_commit_date_and_outside_git_by_today(world: World) -> None:
    assert reference_day(world.root) == dt.date.today()
    commit_all(world.root, "records", "2026-09-01T12:00:00+08:00")
    assert reference_day(world.root) == dt.date(2026, 9, 1)
    assert validate(world.root, use_cache=False).as_of == dt.date(2026, 9, 1)
    assert reference_day(world.root, dt.date(2027, 1, 2)) == dt.date(2027, 1, 2)
