"""`peixun new institution|application|class`: asks in Chinese, or takes options with --no-input."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from generator.cli.app import as_of_option, cli, records_option
from generator.findings import count_errors
from generator.intake.ask import Answers, Question
from generator.intake.new import SCAFFOLDS, Scaffold, fill
from generator.intake.scaffold import write_new
from generator.records.recordset import load_records

TITLES = {"institution": "新建培训主体文件", "application": "新建项目征集表（申报）", "class": "新建培训班次"}


@cli.group()
def new() -> None:
    """新建记录：逐项提问（显示适用的规则），或用选项一次给出（--no-input）。"""


def _prompt(question: Question, answers: Answers) -> None:
    rule = question.rule(answers)
    click.echo(f"\n{question.prompt}" + (f"：{rule}" if rule else ""))
    if question.multiple:
        values: list[Any] = []
        while True:
            raw = click.prompt(f"  第 {len(values) + 1} 项（直接回车结束）", default="", show_default=False)
            if raw.strip():
                try:
                    values.append(question.parse(raw, answers))
                except ValueError as exc:
                    click.echo(f"  {exc}")
                continue
            problem = "至少需要一项" if not values and not question.optional else None
            problem = problem or (question.finish(values, answers) if question.finish and values else None)
            if problem is None:
                break
            click.echo(f"  {problem}")
            values = [] if question.finish and values else values
        answers.values[question.name] = values
        return
    default = question.default(answers)
    while True:
        raw = click.prompt(f"  {question.prompt}", default=default or "", show_default=bool(default))
        if not raw.strip():
            if question.optional:
                answers.values[question.name] = None
                return
            click.echo("  不能为空")
            continue
        try:
            answers.values[question.name] = question.parse(raw, answers)
            return
        except ValueError as exc:
            click.echo(f"  {exc}")


def _command(scaffold: Scaffold) -> click.Command:
    def run(records_dir: Path, no_input: bool, as_of: dt.date | None, **given: Any) -> None:
        answers = fill(scaffold, given, Answers(load_records(records_dir)), None if no_input else _prompt)
        written = write_new(scaffold, answers, records_dir, as_of)
        click.echo(f"\n已写入 {written.path}")
        for f in written.findings:
            click.echo(f"  {f.path}:{f.line}: {f.severity} {f.rule} {f.message}")
        sys.exit(1 if count_errors(written.findings) else 0)

    params: list[click.Parameter] = [
        click.Option([q.option, q.name], multiple=q.multiple, help=q.prompt + ("（可重复）" if q.multiple else ""))
        for q in scaffold.questions
    ]
    params.append(click.Option(["--no-input"], is_flag=True, help="不提问：只用选项和默认值，缺项即报错"))
    command = click.Command(scaffold.kind, callback=run, params=params, help=TITLES[scaffold.kind] + "。")
    return as_of_option(records_option(command))


for _scaffold in SCAFFOLDS.values():
    new.add_command(_command(_scaffold))
