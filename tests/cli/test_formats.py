"""Report formats are declared once per command: the renderer table is the `--format` choices and
the dispatch, every format name means one thing (`FORMATS`), and json is the library's result."""

from __future__ import annotations

import json
from typing import Any

import click
import pytest

from generator.cli import main
from generator.cli.app import cli
from generator.cli.audit_cmd import AUDIT_RENDERERS
from generator.cli.budget_cmd import BUDGET_RENDERERS
from generator.cli.migrate_cmd import MIGRATE_RENDERERS
from generator.cli.render import FINDINGS_RENDERERS, FORMATS, format_option, validation_report
from generator.cli.signals_cmd import SIGNALS_RENDERERS
from generator.pipeline import validate
from tests.conftest import APPLICATION, AS_OF, FIXTURES, World

TABLES: dict[str, Any] = {
    "validate": FINDINGS_RENDERERS,
    "check-changes": FINDINGS_RENDERERS,
    "budget": BUDGET_RENDERERS,
    "audit": AUDIT_RENDERERS,
    "migrate": MIGRATE_RENDERERS,
    "signals": SIGNALS_RENDERERS,
}


def format_choices(command: click.Command) -> list[str] | None:
    for param in command.params:
        if param.name == "fmt" and isinstance(param.type, click.Choice) and "--format" in param.opts:
            return list(param.type.choices)
    return None


def test_every_format_option_offers_exactly_its_renderer_table() -> None:
    offered = {name: format_choices(command) for name, command in cli.commands.items()}
    offered = {name: choices for name, choices in offered.items() if choices is not None}
    assert sorted(offered) == sorted(TABLES), "a command with --format outside a renderer table"
    for name, choices in offered.items():
        assert choices == list(TABLES[name]), name
        assert set(choices) <= set(FORMATS), name


def test_a_format_without_a_meaning_is_refused() -> None:
    with pytest.raises(ValueError, match="pdf"):
        format_option({"text": str, "pdf": str})


def test_an_unknown_format_is_a_usage_error_not_a_traceback(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--records", str(world.root), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "pdf" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", list(FINDINGS_RENDERERS))
def test_validate_prints_its_renderer_of_the_library_report(world: World, capsys: pytest.CaptureFixture[str],
                                                            fmt: str) -> None:
    world.write(APPLICATION, (FIXTURES / "bad" / "unquoted_phone_application.yaml").read_bytes())
    assert main(["validate", "--records", str(world.root), "--as-of", AS_OF.isoformat(), "--format", fmt]) == 1
    out = capsys.readouterr().out
    report = validate(world.root, AS_OF)
    assert out == FINDINGS_RENDERERS[fmt](validation_report(report))
    assert "SCHEMA" in out
    if fmt == "json":
        assert json.loads(out) == [f.as_dict() for f in report.findings]
