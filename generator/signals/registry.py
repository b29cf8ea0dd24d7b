"""The indicator registry: each supervision signal is one function with its code, clause and settings.

Modeled on Open Contracting's Cardinal: an indicator measures one kind of subject (a class, an
institution, an employer or a person), yields a value and the reason in words for every subject it
can measure, and the framework (`generator.signals.report`) computes the quartiles and Tukey fences
of those values, compares each value with the indicator's threshold from the settings, and groups
what crosses it. Adding an indicator is adding one decorated function (in the module of what it is
about) and its tests:

    class MySettings(IndicatorSettings):
        threshold: Threshold = Decimal("0.5")
        min_classes: int = Field(3, ge=1, title="...")

    @indicator("SIG-XYZ", "institution", "通知 五(二)", "中文一句话", MySettings)
    def xyz(ctx: SignalContext, s: MySettings) -> Iterable[Measure]:
        yield Measure(subject, value, "原因（中文）")

A signal is where to look first, never a verdict: nothing here changes a finding, a hold or money.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field

from generator.notice import unknown_parts
from generator.records.base import StrictModel, _to_decimal

if TYPE_CHECKING:
    from generator.signals.context import SignalContext

Group = Literal["class", "institution", "employer", "person"]
GROUPS: tuple[Group, ...] = ("class", "institution", "employer", "person")
GROUP_LABELS: dict[Group, str] = {
    "class": "班次", "institution": "培训机构", "employer": "用人单位", "person": "参训人员",
}

# "high": large values are the ones to look at; "low": small ones (outcomes, attendance)
Direction = Literal["high", "low"]

FENCE = "fence"



def _threshold(value: Any) -> Any:
    """A number (a share written as a decimal) or `fence`; anything else one Chinese error."""
    if value == FENCE:
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = _to_decimal(value)
        if isinstance(number, Decimal) and number.is_finite():
            return number
    hint = ""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        hint = "；比例请写成小数，如 60% 写作 0.6"
    raise ValueError(f"应为数字（比例写小数，如 0.6）或 fence（取 Tukey 栅栏），实际是 {value!r}{hint}")


Threshold = Annotated[
    Decimal | Literal["fence"],
    BeforeValidator(_threshold),
    Field(title="阈值", description="数字，或 fence（取 Tukey 栅栏：上栅栏 Q3 + 1.5·IQR 或下栅栏 Q1 − 1.5·IQR）"),
]


FenceFactor = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(gt=0, le=10, title="栅栏系数",
          description="threshold 为 fence 时用几倍 IQR：1.5 为 Tukey 的内栅栏（离群值），3 为外栅栏（极端值）"),
]

FenceLimit = Annotated[
    Decimal | None,
    BeforeValidator(_to_decimal),
    Field(title="栅栏界限",
          description="threshold 为 fence 时，阈值至少取此值（偏低为异常的指标：至多取此值）；多数对象的值相同时 "
          "IQR 为 0，栅栏贴着它们，一点差异都会被标出，界限防止这种误报"),
]


class IndicatorSettings(StrictModel):
    """What every indicator's settings hold; an indicator adds its own parameters with defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = Field(True, title="是否启用")
    threshold: Threshold = Decimal("0.5")
    fence_factor: FenceFactor = Decimal("1.5")
    fence_limit: FenceLimit = None


@dataclass(frozen=True)
class Measure:
    """One subject's value for one indicator, and the reason in words (Chinese, for the bureau)."""

    subject: str
    value: Decimal
    reason: str


Measurer = Callable[["SignalContext", Any], Iterable[Measure]]


@dataclass(frozen=True)
class Indicator:
    code: str
    group: Group
    clause: str
    title: str  # the indicator in one Chinese sentence
    settings: type[IndicatorSettings]
    measure: Measurer
    direction: Direction = "high"

    def flagged(self, value: Decimal, threshold: Decimal | None) -> bool:
        """Whether `value` crosses `threshold` (inclusive: a threshold is the first value that counts)."""
        if threshold is None:
            return False
        return value >= threshold if self.direction == "high" else value <= threshold


REGISTRY: dict[str, Indicator] = {}


def indicator(code: str, group: Group, clause: str, title: str, settings: type[IndicatorSettings],
              *, direction: Direction = "high") -> Callable[[Measurer], Measurer]:
    def register(func: Measurer) -> Measurer:
        if code in REGISTRY:
            raise RuntimeError(f"indicator {code} registered twice")
        if unknown_parts(clause):
            raise RuntimeError(f"indicator {code} cites {unknown_parts(clause)}, which the notice does not have")
        if group not in GROUPS:
            raise RuntimeError(f"indicator {code} measures an unknown group {group}")
        REGISTRY[code] = Indicator(code, group, clause, title, settings, func, direction)
        return func

    return register
