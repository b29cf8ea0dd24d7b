"""The signals' settings file: which indicators run and their thresholds, as the bureau tunes them.

A YAML file (the example ships as `settings.example.yaml` beside this module):

    indicators:
      SIG-PENSION-3M:
        enabled: true
        threshold: 0.6
        min_hires: 10

An indicator the file does not name runs with its defaults. Every problem of a bad file (YAML that
does not parse, an unknown indicator, an unknown parameter, a value of the wrong kind) is reported
with its file and line, in Chinese, all at once, and nothing runs: a threshold silently ignored would
hide exactly the signals the bureau asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import PeixunError
from generator.records.schema_errors import explain
from generator.records.yamlio import ParseProblem, decode, line_index, line_of, parse
from generator.signals.registry import REGISTRY, IndicatorSettings

EXAMPLE = Path(__file__).with_name("settings.example.yaml")
MAX_SETTINGS_BYTES = 256 * 1024


@dataclass(frozen=True)
class SettingsProblem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class SettingsError(PeixunError):
    """The settings file cannot be used; every problem is listed with its line (exit 2: the command
    was pointed at a bad file, as with a usage error)."""

    exit_code = 2

    def __init__(self, problems: list[SettingsProblem]) -> None:
        self.problems = problems
        super().__init__("信号设置文件有误，未计算任何信号：\n" + "\n".join(f"  {p}" for p in problems))


Settings = Mapping[str, IndicatorSettings]


def defaults() -> dict[str, IndicatorSettings]:
    """Every registered indicator with its default settings."""
    return {code: ind.settings() for code, ind in sorted(REGISTRY.items())}


def from_data(data: Any, path: str = "（设置）", text: str | None = None) -> dict[str, IndicatorSettings]:
    """Settings from parsed data; `text` (the file's text) places each problem on its line."""
    tree = line_index(text) if text is not None else None

    def line(loc: tuple[str | int, ...]) -> int | None:
        return line_of(tree, loc) if tree is not None else None

    problems: list[SettingsProblem] = []
    result = defaults()
    if not isinstance(data, dict):
        raise SettingsError([SettingsProblem(path, 1, "设置文件顶层应是“键: 值”形式，以 indicators: 开头")])
    for key in data:
        if key != "indicators":
            problems.append(SettingsProblem(path, line((key,)),
                                            f"未知字段 {key}。此处只允许 indicators（各指标的设置）"))
    given = data.get("indicators") or {}
    if not isinstance(given, dict):
        problems.append(SettingsProblem(path, line(("indicators",)),
                                        "indicators 应为“指标代码: 设置”形式的映射（下一行起缩进两个半角空格）"))
        given = {}
    for code, values in given.items():
        loc: tuple[str | int, ...] = ("indicators", code)
        ind = REGISTRY.get(str(code))
        if ind is None:
            known = "、".join(sorted(REGISTRY))
            problems.append(SettingsProblem(path, line(loc), f"未知指标 {code}。可用的指标：{known}"))
            continue
        try:
            result[ind.code] = ind.settings.model_validate(values if values is not None else {})
        except ValidationError as exc:
            for err in exc.errors():
                where = (*loc, *err["loc"])
                problems.append(SettingsProblem(
                    path, line(where), f"指标 {code}：{explain(err, ind.settings)}"))
    if problems:
        raise SettingsError(problems)
    return result


def load_settings(file: Path | None) -> dict[str, IndicatorSettings]:
    """The settings in `file`, or every indicator's defaults when there is no file."""
    if file is None:
        return defaults()
    shown = str(file)
    try:
        data = file.read_bytes()
    except OSError:
        problem = SettingsProblem(shown, None, "无法读取设置文件：文件不存在或不可读。请检查路径")
        raise SettingsError([problem]) from None
    if len(data) > MAX_SETTINGS_BYTES:
        problem = SettingsProblem(shown, None, f"设置文件超过 {MAX_SETTINGS_BYTES // 1024} KB，不像设置文件")
        raise SettingsError([problem])
    text = decode(data)
    if isinstance(text, ParseProblem):
        raise SettingsError([SettingsProblem(shown, text.line, text.message)])
    tree = parse(text)
    if isinstance(tree, ParseProblem):
        raise SettingsError([SettingsProblem(shown, tree.line, tree.message)])
    return from_data(tree, shown, text)


def as_data(settings: Settings) -> dict[str, dict[str, Any]]:
    """The effective settings as JSON-ready data (numbers as text, as every figure of the report)."""
    out: dict[str, dict[str, Any]] = {}
    for code, s in sorted(settings.items()):
        out[code] = {k: format(v, "f") if isinstance(v, Decimal) else v for k, v in s.model_dump().items()}
    return out
