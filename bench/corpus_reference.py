"""The corpus's reference records and identifiers: policy, catalog, roles, institutions, pseudonyms.

Everything is derived from running numbers, so that the same size always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable

from stdnum.cn import uscc as stdnum_uscc

from generator import factory
from generator.records.institution import Institution
from generator.records.reference import Catalog, Policy, Roles

D = dt.date
BUREAU = "bench-wx-bureau"
GROUPS = (
    "low_income_family_child", "graduating_student", "school_leaver", "rural_migrant_worker",
    "registered_unemployed", "employment_difficulty",
)
FIELD_OF = {"manufacturing": "smart_manufacturing", "production_service": "digital_economy",
            "life_service": "elderly_care"}
STANDARDS = {
    "manufacturing": {"L5": 1000, "L4": 1500, "L3": 2000},
    "production_service": {"L5": 800, "L4": 1200, "L3": 1800},
    "life_service": {"L5": 500, "L4": 1000, "L3": 1500},
}
NEW_CAPS = {"manufacturing": 3000, "production_service": 2000, "life_service": 1000}
OCCUPATIONS: tuple[tuple[str, str, str], ...] = (
    ("6-31-07-03", "工业机器人系统操作员", "manufacturing"),
    ("6-31-07-01", "工业机器人系统运维员", "manufacturing"),
    ("6-18-01-07", "多工序数控机床操作调整工", "manufacturing"),
    ("6-18-02-04", "焊工", "manufacturing"),
    ("6-25-04-09", "物联网安装调试员", "manufacturing"),
    ("4-01-06-01", "电子商务师", "production_service"),
    ("4-07-02-05", "商务数据分析师", "production_service"),
    ("4-04-05-05", "人工智能训练师", "production_service"),
    ("4-02-04-06", "无人机驾驶员", "production_service"),
    ("4-10-01-05", "养老护理员", "life_service"),
    ("4-10-01-06", "家政服务员", "life_service"),
    ("4-14-01-03", "健康照护师", "life_service"),
)
NEW_PROJECTS: tuple[tuple[str, str], ...] = (
    ("协作机器人装调", "manufacturing"),
    ("工业无人机检修", "manufacturing"),
    ("储能系统运维", "manufacturing"),
    ("数据标注应用", "production_service"),
    ("智慧养老设备操作", "life_service"),
)
# occupation slots: 12 catalog occupations and 5 new projects; 17 is prime, so a project and the
# one a year (or any number of projects not divisible by 17) earlier never share a slot
SLOTS = len(OCCUPATIONS) + len(NEW_PROJECTS)
DIVISIONS = ("320211", "320213", "320214", "320205", "320206", "320281", "320282")
INSTITUTION_TYPES = ("training_institution", "vocational_college", "university")
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_MOBILE_LIKE = re.compile(r"1[3-9]\d{9}|\d{17}")


def clean(make: Callable[[int], str]) -> str:
    """The first variant without a run of digits that a PII scanner could take for a phone or ID."""
    for variant in range(1000):
        value = make(variant)
        if not _MOBILE_LIKE.search(value):
            return value
    raise AssertionError("no clean variant")


def hexname(prefix: str, label: str, length: int = 24) -> str:
    return clean(lambda v: prefix + hashlib.sha256(f"bench:{label}#{v}".encode()).hexdigest()[:length])


def person(n: int) -> str:
    return hexname("p_", f"person-{n}")


def sha(label: str) -> str:
    return hexname("", f"file-{label}", 64)


def _gb11714_check(body: str) -> str:
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body]
    c = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc(kind: str, n: int) -> str:
    """A fictitious but well-formed USCC registered in Wuxi, unique for each `n`."""
    digits = []
    rest = n
    for _ in range(5):
        rest, d = divmod(rest, 10)
        digits.append(str(d))
    org = "MB" + "".join(reversed(digits)) + "K"
    body = kind + DIVISIONS[n % len(DIVISIONS)] + org + _gb11714_check(org)
    return body + stdnum_uscc.calc_check_digit(body)


def employers() -> list[tuple[str, str]]:
    return [(uscc("91", 90000 + i), f"无锡示例用工企业{i}有限公司") for i in range(10)]


def policies(years: int) -> dict[str, tuple[str, Policy]]:
    """The notice's policy; a decade sees a second policy version (notice 五(三))."""
    dates: list[tuple[str, dt.date, dt.date | None]]
    if years <= 5:
        dates = [("wuxi-2026-pilot", D(2026, 3, 31), None)]
    else:
        dates = [("wuxi-2026-pilot", D(2026, 3, 31), D(2030, 12, 31)), ("wuxi-2031", D(2031, 1, 1), None)]
    return {f"policy/{pid}.yaml": ("policy", factory.policy(id=pid, issued_on=start, effective_until=until,
                                                             industry_chains=["物联网", "集成电路", "高端装备"]))
            for pid, start, until in dates}


def catalog() -> tuple[str, Catalog]:
    return "catalog", factory.catalog(
        id="bench-catalog", title="无锡市职业（工种）指导目录（基准测试）", effective_from=D(2025, 1, 1),
        occupations=[factory.occupation(code, name, cat, STANDARDS[cat]) for code, name, cat in OCCUPATIONS])


def roles() -> tuple[str, Roles]:
    return "roles", factory.roles(bureau=[BUREAU], districts={"滨湖区": ["bench-binhu"], "江阴市": ["bench-jiangyin"]})


def institution(k: int) -> tuple[str, Institution]:
    code = uscc(("52", "12", "12")[k % 3], k)
    return code, factory.institution(
        uscc=code, name=f"无锡示例第{k + 1}职业培训学校", type=INSTITUTION_TYPES[k % 3],
        address=f"无锡市滨湖区示例路 {k + 1} 号", legal_representative=f"王示例{k + 1}",
        qualification=factory.qualification("民办学校办学许可证", f"教民{k + 1:06d}", D(2045, 12, 31)),
        maintainers=[f"bench-school-{k + 1}"])
