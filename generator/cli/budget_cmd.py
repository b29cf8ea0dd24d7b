"""`peixun budget`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.budget_output import budget as run_budget
from generator.budget_output import render_markdown, render_text
from generator.cli.app import as_of_option, cli, records_option
from generator.cli.progress import no_cache_option
from generator.cli.render import Renderers, emit, format_option
from generator.cli.render import render_text as render_findings
from generator.jsonbytes import dumps
from generator.settlement.budget import Budget
from generator.validate import RecordsBlocked

BUDGET_RENDERERS: Renderers[Budget] = {
    "text": render_text,
    "json": lambda result: dumps(result.as_dict()).decode("utf-8") + "\n",
    "markdown": render_markdown,
}


@cli.command()
@records_option
@as_of_option
@format_option(BUDGET_RENDERERS)
@no_cache_option
def budget(records_dir: Path, as_of: dt.date | None, fmt: str, no_cache: bool) -> None:
    """每个征集计划和每个年度的资金预算：预算、已承诺、已拨付、应拨未拨、待定、剩余。"""
    try:
        result, _validation = run_budget(records_dir, as_of, use_cache=not no_cache)
    except RecordsBlocked as exc:
        click.echo(render_findings(exc.validation))
        raise
    emit(BUDGET_RENDERERS, fmt, result)
