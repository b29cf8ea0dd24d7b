"""The kinds of organisation a USCC's first two characters name (GB 32100-2015, appendix A).

Reference data, kept in `standards/gb32100-kinds.yaml` beside this module rather than in any rule:
the format check refuses a code whose first two characters the standard does not define,
INST-LEGAL-PERSON refuses an institution the code shows is not a legal person (通知 三: 独立法人资格),
and the settlement does not count an employer the code shows is a state organ or public institution
as an enterprise paying 企业职工基本养老保险 (通知 四(五)). Where the code alone cannot tell (an
enterprise may be a branch without legal personality), the table says null and nothing is judged.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml

Pension = Literal["enterprise", "organ"]


@dataclass(frozen=True)
class OrgKind:
    code: str  # the USCC's first two characters
    authority: str  # 登记管理部门
    kind: str  # 机构类别
    legal_person: bool | None  # None: the code alone cannot tell
    pension: Pension | None  # the basic pension scheme its staff join; None: it depends

    @property
    def label(self) -> str:
        """How messages name it: 工商登记的个体工商户（代码前两位 92）."""
        return f"{self.authority}登记的{self.kind}（代码前两位 {self.code}）"


@functools.cache
def kinds() -> dict[str, OrgKind]:
    text = resources.files("generator.records").joinpath("standards/gb32100-kinds.yaml").read_text(encoding="utf-8")
    rows = yaml.load(text, Loader=yaml.CSafeLoader)
    table = {row["code"]: OrgKind(row["code"], row["authority"], row["kind"], row["legal_person"], row["pension"])
             for row in rows}
    if len(table) != len(rows) or any(len(code) != 2 for code in table):
        raise RuntimeError("standards/gb32100-kinds.yaml: every code is two characters and listed once")
    return table


def kind_of(uscc: str) -> OrgKind | None:
    """The kind of organisation a code names (upper-cased first), or None if the standard has none."""
    return kinds().get(uscc.strip().upper()[:2])
