"""Rendering findings for people (text), machines (json), GitHub (annotations) and pull-request
comments (markdown). The finding-level helpers are shared by every command that reports findings
(validate, check-changes), so that the same finding reads the same everywhere.

Report formats are declared once per command: its table of renderers (format name → function
returning the whole output) is what `format_option` offers as `--format` choices and what `emit`
dispatches on, so a format cannot be offered without a renderer or rendered without being
offered. `FORMATS` says what each format name means, the same for every command.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, TypeVar

import click

from generator.findings import Finding, Severity
from generator.gitops.identity import command_data, command_property
from generator.holds import Hold
from generator.jsonbytes import dumps
from generator.mdtext import md_text
from generator.site.withhold import Withheld
from generator.validate import Report

# A pull-request comment is at most 65,536 characters; two reports must fit with room to spare.
MARKDOWN_LIMIT = 150

T = TypeVar("T")
# format name -> renderer of a command's result: the whole output, its final newline included
Renderers = Mapping[str, Callable[[T], str]]

# what each format name means, for every command's --format help
FORMATS = {
    "text": "供人阅读（默认）",
    "json": "供程序读取，与库函数的结果相同",
    "github": "GitHub 工作流注释",
    "markdown": "用于拉取请求评论和任务摘要",
    "xlsx": "Excel 工作簿（须用 --output 写入文件）",
}


def format_option(renderers: Mapping[str, object]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--format`: its choices are the keys of the command's renderer table, in its order."""
    unknown = [name for name in renderers if name not in FORMATS]
    if unknown:
        raise ValueError(f"report formats without a meaning in FORMATS: {unknown}")
    return click.option("--format", "fmt", type=click.Choice(list(renderers)), default="text", show_default=True,
                        help="；".join(f"{name}：{FORMATS[name]}" for name in renderers))


def emit(renderers: Renderers[T], fmt: str, result: T) -> None:
    """Print `result` in the chosen format (the only way a command prints a report)."""
    click.echo(renderers[fmt](result), nl=False)


def findings_text(findings: Sequence[Finding]) -> list[str]:
    """Findings grouped by file: the path, then `path:line: severity RULE message` lines."""
    lines: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        lines.append(path)
        for f in group:
            where = f"{f.path}:{f.line}" if f.line else f.path  # a deleted file has no line
            lines.append(f"  {where}: {f.severity} {f.rule} {f.message}")
    if findings:
        lines.append("")
    return lines


def held_text(held: Sequence[Hold], action: str) -> list[str]:
    """What was held, for the bureau (the terminal, never the public site): one line per class
    and error, then a count."""
    if not held:
        return []
    classes = sorted({h.class_id for h in held})
    lines = [f"暂缓{action}的班次 {len(classes)} 个（记录有错误；其余班次照常{action}）："]
    for h in held:
        lines.append(f"  {h.class_id}: {h.rule} {h.path} {h.message}")
    return lines


def withheld_text(withheld: Sequence[Withheld]) -> list[str]:
    """The files left out because the PII guard found personal data in them, for the bureau (the
    terminal, never the public site)."""
    if not withheld:
        return []
    files = sorted({w.path for w in withheld})
    lines = [f"不予发布的文件 {len(files)} 个（输出中发现个人信息；其余页面照常公示）："]
    lines.extend(f"  {w}" for w in withheld)
    lines.append("请删除记录中的这些内容（假名、身份证号码、手机号码不得出现在公开字段），然后重新生成网站")
    return lines


def findings_json(findings: Sequence[Finding]) -> str:
    return dumps([f.as_dict() for f in findings]).decode("utf-8")


def findings_github(findings: Sequence[Finding]) -> list[str]:
    """GitHub workflow commands that annotate the pull request's files (paths and messages come
    from pull requests: escaped as GitHub's own toolkit does, so none can start another command)."""
    return [
        f"::{'error' if f.severity == 'error' else 'warning'} file={command_property(f.path)},line={f.line or 1},"
        f"title={command_property(f.rule)}::{command_data(f.message)}"
        for f in findings
    ]


def _code(text: str) -> str:
    """Our own identifiers (rule IDs) in a code span; anything else as escaped text."""
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9_-]+", text) else md_text(text)


def findings_markdown(title: str, summary: str, findings: Sequence[Finding], limit: int = MARKDOWN_LIMIT) -> str:
    """One section of a pull-request comment: a heading, a summary, then findings grouped by file."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    mark = "❌" if errors else ("⚠️" if findings else "✅")
    lines = [f"### {mark} {md_text(title)}", "", md_text(summary)]
    shown = list(findings[:limit])
    for path, group in groupby(shown, key=lambda f: f.path):
        lines += ["", f"**{md_text(path)}**", ""]
        for f in group:
            where = f"第 {f.line} 行" if f.line else "整个文件"
            level = "错误" if f.severity is Severity.ERROR else "警告"
            lines.append(f"- {level} · {where} · {_code(f.rule)} {md_text(f.message)}")
    if len(findings) > limit:
        lines += ["", f"另有 {len(findings) - limit} 条未列出，完整结果见本次检查的日志。"]
    return "\n".join(lines) + "\n"


def _summary(report: Report) -> str:
    verdict = "通过" if report.ok else "未通过"
    return (
        f"校验{verdict}：{report.files} 个文件，{report.errors} 个错误，{report.warnings} 个警告"
        f"（按 {report.as_of.isoformat()} 判断）"
    )


@dataclass(frozen=True)
class FindingsReport:
    """What a command says about findings, whatever the format (validate, check-changes)."""

    findings: Sequence[Finding]
    summary: str  # the last line for people
    machine_summary: str  # the last line of the github format
    markdown: str  # the pull-request comment's section(s), printed as they are


FINDINGS_RENDERERS: Renderers[FindingsReport] = {
    "text": lambda r: "\n".join([*findings_text(r.findings), r.summary]) + "\n",
    "json": lambda r: findings_json(r.findings) + "\n",
    "github": lambda r: "\n".join([*findings_github(r.findings), r.machine_summary]) + "\n",
    "markdown": lambda r: r.markdown,
}


def validation_report(report: Report) -> FindingsReport:
    """Validate's report in every format (its markdown followed by a blank line, as it always was)."""
    return FindingsReport(report.findings, _summary(report),
                          f"{report.files} files, {report.errors} errors, {report.warnings} warnings",
                          render_markdown(report) + "\n")


def render_text(report: Report) -> str:
    return "\n".join([*findings_text(report.findings), _summary(report)])


def render_markdown(report: Report) -> str:
    return findings_markdown("记录校验（peixun validate）", _summary(report), report.findings)

