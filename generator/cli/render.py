"""Rendering a validation report for people (text), machines (json) and GitHub (annotations)."""

from __future__ import annotations

import json
from itertools import groupby

from generator.validate import Report


def render_text(report: Report) -> str:
    lines: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        lines.append(path)
        for f in group:
            lines.append(f"  {f.path}:{f.line}: {f.severity} {f.rule} {f.message}")
    if report.findings:
        lines.append("")
    verdict = "通过" if report.ok else "未通过"
    lines.append(
        f"校验{verdict}：{report.files} 个文件，{report.errors} 个错误，{report.warnings} 个警告"
        f"（按 {report.as_of.isoformat()} 判断）"
    )
    return "\n".join(lines)


def render_json(report: Report) -> str:
    return json.dumps([f.as_dict() for f in report.findings], ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    lines = []
    for f in report.findings:
        level = "error" if f.severity == "error" else "warning"
        lines.append(
            f"::{level} file={_escape_property(f.path)},line={f.line or 1},title={_escape_property(f.rule)}::"
            f"{_escape_data(f.message)}"
        )
    lines.append(f"{report.files} files, {report.errors} errors, {report.warnings} warnings")
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
