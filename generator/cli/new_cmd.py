"""`peixun new institution|application|class`: asks in Chinese, or takes options with --no-input."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import click

from generator.cli.app import as_of_option, cli, records_option
from generator.findings import Finding, count_errors
from generator.intake.ask import Answers, Question, yes_no
from generator.intake.new import SCAFFOLDS, Scaffold, fill
from generator.intake.scaffold import prepare, write_draft
from generator.records.load import load_records

TITLES = {"institution": "新建培训主体文件", "application": "新建项目征集表（申报）", "class": "新建培训班次"}


@cli.group()
def new() -> None:
    """新建记录：逐项提问（显示适用的规则），或用选项一次给出（--no-input）。"""


def _prompt(question: Question, answers: Answers) -> None:
    rule = question.rule(answers)
    click.echo(f"\n{question.prompt}" + (f"：{rule}" if rule else ""))
    if question.multiple:
        _prompt_list(question, answers)
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
            default = raw  # what was typed stays, to correct rather than retype


def _prompt_list(question: Question, answers: Answers) -> None:
    """Items one per answer; a blank answer ends the list. When the whole list fails its check,
    the items typed are kept: add one, or remove one with “删除 序号”."""
    values: list[Any] = []
    while True:
        raw = click.prompt(f"  第 {len(values) + 1} 项（直接回车结束）", default="", show_default=False).strip()
        removal = re.fullmatch(r"(?:删除|删|del)\s*(\d+)", raw)
        if removal:
            index = int(removal.group(1))
            if 1 <= index <= len(values):
                values.pop(index - 1)
                click.echo(f"  已删除第 {index} 项，现有 {len(values)} 项")
            else:
                click.echo(f"  没有第 {index} 项")
            continue
        if raw:
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
        if question.warn and _yes("  仍按现有内容继续吗？（是 / 否，否则可继续添加或删除）", default=False):
            answers.warnings.append(problem)
            break
        click.echo("  现有各项：" + "；".join(f"{i}) {_item(v)}" for i, v in enumerate(values, start=1)))
    answers.values[question.name] = values


def _yes(text: str, default: bool) -> bool:
    """A yes-or-no question answered 是/否 (or y/n), asked again until it is one of them."""
    while True:
        raw = click.prompt(text, default="是" if default else "否", show_default=True)
        try:
            return yes_no(raw, None)  # type: ignore[arg-type]  # yes_no does not read the answers
        except ValueError as exc:
            click.echo(f"  {exc}")


def _item(value: Any) -> str:
    if isinstance(value, dict):
        return ",".join(str(v) for v in value.values())
    return str(value)


def _show(findings: list[Finding]) -> None:
    for f in findings:
        click.echo(f"  {f.path}:{f.line}: {f.severity} {f.rule} {f.message}")


def _command(scaffold: Scaffold) -> click.Command:
    def run(records_dir: Path, no_input: bool, as_of: dt.date | None, **given: Any) -> None:
        answers = fill(scaffold, given, Answers(load_records(records_dir)), None if no_input else _prompt)
        draft = prepare(scaffold, answers, records_dir, as_of)
        if draft.findings:
            errors = count_errors(draft.findings)
            click.echo(f"\n写入 {draft.path} 之前的检查：{errors} 个错误，{len(draft.findings) - errors} 个提醒")
            _show(draft.findings)
            if not no_input and not _yes("仍要写入吗？（是 / 否；写入后可再修改文件）", default=errors == 0):
                click.echo("未写入任何内容")
                sys.exit(1)
        written = write_draft(draft)
        click.echo(f"\n已写入 {written.path}")
        sys.exit(1 if count_errors(written.findings) else 0)

    params: list[click.Parameter] = [
        click.Option([q.option, q.name], multiple=q.multiple, help=q.prompt + ("（可重复）" if q.multiple else ""))
        for q in scaffold.questions
    ]
    params.append(click.Option(["--no-input"], is_flag=True, help="不提问：只用选项和默认值，缺项一次全部列出"))
    command = click.Command(scaffold.kind, callback=run, params=params, help=TITLES[scaffold.kind] + "。")
    return as_of_option(records_option(command))


for _scaffold in SCAFFOLDS.values():
    new.add_command(_command(_scaffold))
