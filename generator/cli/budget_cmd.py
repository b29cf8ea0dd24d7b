"""`peixun budget`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.budget.run import budget as run_budget
from generator.budget.run import render_markdown, render_text
from generator.cli.app import as_of_option, cli, records_option
from generator.cli.progress import no_cache_option
from generator.cli.render import render_text as render_findings
from generator.jsonbytes import dumps
from generator.validate import RecordsBlocked


@cli.command()
@records_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@no_cache_option
def budget(records_dir: Path, as_of: dt.date | None, fmt: str, no_cache: bool) -> None:
    """每个征集计划和每个年度的资金预算：预算、已承诺、已拨付、应拨未拨、待定、剩余。"""
    try:
        result, _validation = run_budget(records_dir, as_of, use_cache=not no_cache)
    except RecordsBlocked as exc:
        click.echo(render_findings(exc.validation))
        raise
    if fmt == "json":
        click.echo(dumps(result.as_dict()).decode("utf-8"))
    elif fmt == "markdown":
        click.echo(render_markdown(result), nl=False)
    else:
        click.echo(render_text(result), nl=False)
