# ruff: noqa: E501  (long Chinese sentences are data)
"""Writes records/: the bundled sample dataset that the public site and the settlement show off.

Everything here is fictitious: institutions are called 无锡示例…, people 某某, USCCs are made up
(with correct check characters), and trainees are keyed pseudonyms derived from a throwaway key
and a running index, never from an identity number. The script is deterministic: running it twice
gives the same files. Run it from the repository root:

    python tools/make_sample_records.py

It first writes every record except the payments, computes the settlement as of AS_OF, and then
writes the payments from the amounts the settlement says are due, so that no payment exceeds them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import re
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from stdnum.cn import uscc as stdnum_uscc

from generator import factory
from generator.records.institution import Employer
from generator.records.load import load_records
from generator.settlement.arithmetic import compute, due_on, verdicts_of
from generator.settlement.months import month_index

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "records"
SCHEMAS = ROOT / "schemas"
AS_OF = dt.date(2026, 11, 27)
D = dt.date

# A throwaway key: these pseudonyms stand for nobody. Real rosters are imported with the bureau's
# key (PEIXUN_KEY), which never enters the repository.
SAMPLE_KEY = b"peixun-sample-data-throwaway-key"
# The sample lists no roster key: a key whose identity is published (as a test fixture's is) opens
# every roster sealed to it, so the bureau makes its own (README, docs/custody.md) and the tests
# write a key generated at test time into their temporary repositories.


# -- identifiers ------------------------------------------------------------------------------------

# Hex strings can contain 11 digits in a row that look like a mobile number to a naive scanner;
# such values are skipped by trying the next variant of the label.
_MOBILE_LIKE = re.compile(r"1[3-9]\d{9}")


def _first_clean(make: Any) -> str:
    for variant in range(100):
        value: str = make(variant)
        if not _MOBILE_LIKE.search(value):
            return value
    raise AssertionError("no clean variant")


def pseudonym(prefix: str, label: str) -> str:
    return _first_clean(lambda v: prefix + hmac.new(
        SAMPLE_KEY, f"{label}#{v}".encode() if v else label.encode(), hashlib.sha256).hexdigest()[:24])


def person(n: int) -> str:
    return pseudonym("p_", f"sample-person-{n:05d}")


def cert_ref(class_id: str, i: int) -> str:
    return pseudonym("c_", f"sample-certificate-{class_id}-{i:03d}")


def sha(label: str) -> str:
    return _first_clean(lambda v: hashlib.sha256(f"peixun-sample-file:{label}#{v}".encode()).hexdigest())


def _gb11714_check(body: str) -> str:
    """Check character of the 9-character organisation code (GB 11714) inside a USCC."""
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body]
    c = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc(kind: str, division: str, org: str) -> str:
    """A fictitious USCC: kind (12, 52, 91), division (320211 ...), 8 organisation characters."""
    body = kind + division + org + _gb11714_check(org)
    code = body + stdnum_uscc.calc_check_digit(body)
    assert stdnum_uscc.is_valid(code), code
    return code


# -- institutions and employers ----------------------------------------------------------------------

UNIV = uscc("12", "320211", "MB1K2W7P")      # 无锡示例理工学院（滨湖区）
COLLEGE = uscc("12", "320281", "MB0J6T3R")   # 江阴示例技师学院（江阴市）
SCHOOL = uscc("52", "320214", "MJ5W1C2R")    # 无锡新吴示例职业培训学校（新吴区）
COMPANY = uscc("91", "320206", "MA7HD3Q8")   # 无锡惠山示例低空技能培训有限公司（惠山区）

EMPLOYERS = {
    "robot": (uscc("91", "320214", "MA1Y4F2K"), "无锡示例智能装备有限公司"),
    "precision": (uscc("91", "320281", "MA20QX5B"), "江阴示例精密机械有限公司"),
    "media": (uscc("91", "320213", "MA26LN8D"), "无锡示例数字传媒有限公司"),
    "ecommerce": (uscc("91", "320205", "MA1P7R3G"), "无锡示例电商科技有限公司"),
    "ai": (uscc("91", "320211", "MA27T9UC"), "无锡示例智能数据科技有限公司"),
    "iot": (uscc("91", "320214", "MA1XB6E4"), "无锡示例物联网科技有限公司"),
    "drone": (uscc("91", "320206", "MA25K8WN"), "无锡示例无人机科技有限公司"),
    "care": (uscc("91", "320213", "MA1T3H6M"), "无锡示例康养服务有限公司"),
    "nursing_home": (uscc("52", "320211", "MJ6A2D9F"), "无锡滨湖示例颐养院"),
    "ev": (uscc("91", "320281", "MA21EC7L"), "江阴示例新能源汽车零部件有限公司"),
}


def employer(key: str, post: str, positions: int) -> Employer:
    code, name = EMPLOYERS[key]
    return factory.employer(code, name, post, positions)


# -- records to write ---------------------------------------------------------------------------------

# path -> (record built by the factory, header comment, Chinese comments above top-level keys)
OUT: dict[str, tuple[BaseModel, str, dict[str, str]]] = {}


def put(rel: str, record: BaseModel, head: str, notes: dict[str, str] | None = None) -> None:
    assert rel not in OUT, rel
    OUT[rel] = (record, head, notes or {})


# -- policy, catalog, roles ---------------------------------------------------------------------------

INDUSTRY_CHAINS = [
    "物联网", "集成电路", "生物医药", "软件与信息技术服务",
    "高端装备", "高端纺织服装", "节能环保", "特色新材料", "新能源", "汽车及零部件(含新能源汽车)",
    "人工智能和元宇宙", "量子科技", "第三代半导体", "氢能和储能", "深海装备",
]


def policy() -> None:
    put("policy/wuxi-2026-pilot.yaml", factory.policy(industry_chains=INDUSTRY_CHAINS),
        "政策参数：通知中的数字写在这里，而不是写在程序里。\n"
        "以后国家、省有新规定时（通知 五(三)），新增一个政策文件并设置生效日期即可。", {
        "format": "记录格式版本（见 CHANGELOG.md）：由 peixun init 写入、peixun migrate 升级，不要手改",
        "jurisdiction": "实施地区：网站标题、发布单位和页脚取自这里和 issuer",
        "training": "培训管理（通知 四(四)）：总课时不低于 40 课时，实操不低于 60%，考勤率不低于 70%",
        "pricing": "培训单价（通知 四(三)）：新开发项目按类别的每人单价上限；目录内工种以目录标准为上限",
        "subsidy": "补贴方式（通知 四(五)）：结业拨付 80%；6 个月内稳定就业率 30%（含）以上拨付剩余部分，\n"
                   "50% 以上（含本数）另给成交单价 20% 的跟补；每人累计最多享受 3 次职业培训补贴",
        "eligible_groups": "培训对象（通知 二）",
        "institution_types": "培训主体（通知 三）",
        "priority_fields": "征集方向（通知 一(二)）；征集方向为“其他”（other）的项目须在 industry_chain 中写明下列产业之一",
        "industry_chains": "无锡“465”现代产业集群（4 个地标产业、6 个优势产业、5 个未来产业）。\n"
                           "“3010”重点产业链名单尚未收录，待市人社局以合并请求补充",
        "violation_lookback_years": "通知 三：近三年无培训违法违规记录",
        "outcome_min_cell": "公开统计的最小单元：少于 10 人的统计数不公开（见 docs/privacy.md）",
    })


A_STD = {"L5": 1000, "L4": 1500, "L3": 2000, "L2": 3500, "L1": 4300, "special": 800}
B_STD = {"L5": 800, "L4": 1200, "L3": 1800, "L2": 2500, "L1": 3500, "special": 600}
C_STD = {"L5": 500, "L4": 1000, "L3": 1500, "L2": 2000, "L1": 3000, "special": 400}
STANDARDS = {"manufacturing": A_STD, "production_service": B_STD, "life_service": C_STD}

OCCUPATIONS: list[tuple[str, str, str]] = [
    # 智能制造
    ("6-31-07-03", "工业机器人系统操作员", "manufacturing"),
    ("6-31-07-01", "工业机器人系统运维员", "manufacturing"),
    ("6-31-07-02", "工业视觉系统运维员", "manufacturing"),
    ("6-18-01-01", "车工", "manufacturing"),
    ("6-18-01-07", "多工序数控机床操作调整工", "manufacturing"),
    ("6-18-02-04", "焊工", "manufacturing"),
    ("6-31-01-03", "电工", "manufacturing"),
    ("6-25-04-05", "智能硬件装调员", "manufacturing"),
    ("6-25-04-09", "物联网安装调试员", "manufacturing"),
    ("6-18-01-13", "增材制造设备操作员", "manufacturing"),
    # 数字经济
    ("4-01-06-01", "电子商务师", "production_service"),
    ("4-01-06-02", "互联网营销师", "production_service"),
    ("4-07-02-05", "商务数据分析师", "production_service"),
    ("4-13-01-05", "全媒体运营师", "production_service"),
    ("4-04-05-01", "计算机程序设计员", "production_service"),
    # 人工智能
    ("4-04-05-05", "人工智能训练师", "production_service"),
    ("4-04-05-07", "服务机器人应用技术员", "production_service"),
    ("4-04-05-10", "数字孪生应用技术员", "production_service"),
    # 低空经济
    ("4-02-04-06", "无人机驾驶员", "production_service"),
    ("6-23-03-15", "无人机装调检修工", "manufacturing"),
    ("4-08-03-07", "无人机测绘操控员", "production_service"),
    # 康养服务
    ("4-10-01-05", "养老护理员", "life_service"),
    ("4-10-01-03", "保育师", "life_service"),
    ("4-10-01-06", "家政服务员", "life_service"),
    ("4-14-01-03", "健康照护师", "life_service"),
    ("4-14-01-02", "医疗护理员", "life_service"),
    ("4-14-02-05", "老年人能力评估师", "life_service"),
]
OCC_BY_CODE = {code: (name, cat) for code, name, cat in OCCUPATIONS}


def catalog() -> None:
    occupations = [factory.occupation(code, name, category, STANDARDS[category])
                   for code, name, category in OCCUPATIONS]
    put("catalog/wuxi-2025.yaml", factory.catalog(
        id="wuxi-2025", title="无锡市政府补贴性职业技能培训职业（工种）指导目录（示例）",
        effective_from=D(2025, 5, 1), occupations=occupations,
    ), "职业（工种）指导目录（示例）。\n"
       "示例数据：只收录重点领域的职业；编码取自《职业分类大典》(2022年版)，类别归属与补贴标准按江苏省\n"
       "基准表（2023）示意：A 生产制造类 = manufacturing，B 生产服务类 = production_service，C 生活服务类 =\n"
       "life_service；special 为专项职业能力。正式目录公布后，由市人社局替换本文件并将 illustrative 改为 false。", {
        "illustrative": "true：标准为示例数字，不是正式公布的市级补贴标准",
        "occupations": "standards：各等级每人补贴标准（元），即目录内项目申报单价和成交单价的上限（通知 四(三)）",
    })


ALL_FIELDS = ["smart_manufacturing", "digital_economy", "low_altitude_economy", "artificial_intelligence",
              "elderly_care", "other"]
ALL_CATEGORIES = ["manufacturing", "production_service", "life_service"]
CALL_CONTACT = {"person": "市人社局职业能力建设处", "phone": "0510-81820000", "email": "peixun@hrss.example.gov.cn"}

# id -> (title, opens, closes, fields, budget, planned trainees)
CALLS: dict[str, tuple[str, dt.date, dt.date, list[str], int, int]] = {
    "C2026-01": ("2026 年重点群体项目化就业技能培训项目征集计划（第一批）", D(2026, 4, 1), D(2026, 4, 20),
                 ALL_FIELDS, 500000, 300),
    "C2026-02": ("2026 年重点群体项目化就业技能培训项目征集计划（第二批）", D(2026, 10, 9), D(2026, 10, 30),
                 ["smart_manufacturing", "digital_economy", "elderly_care"], 150000, 80),
    "C2027-01": ("2027 年重点群体项目化就业技能培训项目征集计划", D(2026, 11, 16), D(2026, 12, 31),
                 ALL_FIELDS, 1200000, 600),
}


def calls() -> None:
    for cid, (title, opens, closes, fields, budget, planned) in CALLS.items():
        put(f"calls/{cid[1:5]}/{cid}.yaml", factory.call(
            id=cid, title=title, opens_on=opens, closes_on=closes, fields=fields, categories=ALL_CATEGORIES,
            budget=budget, planned_trainees=planned, contact=CALL_CONTACT,
        ), f"项目征集计划（示例）：{title}。由市人社局发布（通知 四(一)）。", {
            "opens_on": "征集期：申报的提交日期须在开始日期和截止日期之间（含两端）",
            "directions": "征集方向（通知 一(二)）和类别（通知 四(三)）：申报须在其中",
            "budget": "资金预算（元，通知 五(二)）：入选项目最高支出（培训人数 × 成交单价 × (1 + 跟补比例)）之和不得超过",
        })


def roles() -> None:
    put("roles.yaml", factory.roles(
        bureau=["example-wx-hrss-peixun", "example-wx-hrss-jiesuan"],
        districts={
            "滨湖区": ["example-binhu-hrss"],
            "新吴区": ["example-xinwu-hrss"],
            "惠山区": ["example-huishan-hrss"],
            "梁溪区": ["example-liangxi-hrss"],
            "江阴市": ["example-jiangyin-hrss"],
        },
    ), "账号与角色（示例账号）：市人社局与各区人社部门在代码托管平台上的账号。\n"
       "花名册加密公钥（roster_recipients，peixun seal-roster 用）示例中不列：由市人社局用 age-keygen 自己生成，\n"
       "私钥离线保管、不进任何仓库，只把公钥及其使用期写在这里（见 README 和 docs/custody.md）", {
        "bureau": "市人社局：确定项目、登记就业核验和拨付记录",
        "districts": "各区人社部门：推荐本区项目（通知 四(一)）",
    })


# -- institutions -----------------------------------------------------------------------------------

INSTITUTIONS: dict[str, dict[str, Any]] = {
    UNIV: {
        "name": "无锡示例理工学院", "type": "university", "district": "滨湖区",
        "address": "无锡市滨湖区示例大道 100 号", "legal_representative": "张某某",
        "qualification": {"kind": "高校职业技能培训基地认定", "number": "锡人社培基〔2024〕示例012号",
                          "valid_until": D(2027, 12, 31)},
        "violations": [], "maintainers": ["example-wxlg-jixujiaoyu"],
    },
    COLLEGE: {
        "name": "江阴示例技师学院", "type": "vocational_college", "district": "江阴市",
        "address": "江阴市示例路 8 号", "legal_representative": "李某某",
        "qualification": {"kind": "技工学校办学许可证", "number": "苏人社技校证示例第0017号", "valid_until": None},
        "violations": [], "maintainers": ["example-jyjs-peixunke", "example-jyjs-jiaowu"],
    },
    SCHOOL: {
        "name": "无锡新吴示例职业培训学校", "type": "training_institution", "district": "新吴区",
        "address": "无锡市新吴区示例科技园 5 号楼", "legal_representative": "王某某",
        "qualification": {"kind": "民办学校办学许可证", "number": "人社民示例3202144000215号",
                          "valid_until": D(2028, 6, 30)},
        "violations": [{"on": D(2022, 8, 16),
                        "summary": "某期电工培训班签到记录不完整，经区人社部门责令整改，已于当月整改完毕"}],
        "maintainers": ["example-xwpx-office"],
    },
    COMPANY: {
        "name": "无锡惠山示例低空技能培训有限公司", "type": "training_institution", "district": "惠山区",
        "address": "无锡市惠山区示例低空产业园 2 号", "legal_representative": "赵某某",
        "qualification": {"kind": "职业技能培训机构办学许可证", "number": "人社民示例3202064000088号",
                          "valid_until": D(2028, 5, 31)},
        "violations": [], "maintainers": ["example-hsdk-peixun"],
    },
}


def institutions() -> None:
    for code, inst in INSTITUTIONS.items():
        q = inst["qualification"]
        put(f"institutions/{code}.yaml", factory.institution(
            uscc=code, name=inst["name"], type=inst["type"], address=inst["address"],
            legal_representative=inst["legal_representative"],
            qualification=factory.qualification(q["kind"], q["number"], q["valid_until"]),
            violations=[(v["on"], v["summary"]) for v in inst["violations"]], maintainers=inst["maintainers"],
        ), "培训主体（示例单位）。文件名即统一社会信用代码。", {
            "uscc": "统一社会信用代码：18 位，第 3-8 位为登记机关行政区划码（无锡为 3202 开头），须加引号",
            "type": "单位类型（通知 三）：university 普通高等院校；vocational_college 职业院校（含技师学院、高级技工学校）；\n"
                    "training_institution 职业技能培训机构",
            "qualification": "培训资质证明（通知 三）：申报日须在有效期内；长期有效填 null",
            "violations": "培训违法违规记录（通知 三）：申报日前三年内有记录的，不得申报",
            "maintainers": "可修改本单位文件的账号",
        })


# -- applications and decisions ----------------------------------------------------------------------

@dataclass
class Proj:
    n: int
    name: str
    institution: str
    submitted_on: dt.date
    occupation: str | None  # catalog code, None for a new project
    level: str | None
    category: str
    field: str
    industry_chain: str | None
    contact: tuple[str, str, str]
    groups: list[str]
    description: tuple[str, str, str]
    curriculum: list[tuple[str, int, int]]
    evaluation: tuple[str, str]
    employers: list[Employer]
    service: str
    planned: tuple[int, int, float]
    budget: list[tuple[str, int]]
    signed_on: dt.date
    status: str
    recommended_on: dt.date
    review: tuple[dt.date, float, str] | None = None
    decided_on: dt.date | None = None
    unit_price: int | None = None
    quota: tuple[int, int] | None = None
    contract_signed: dt.date | None = None
    term: tuple[dt.date, dt.date] | None = None
    quality: str = "培训合格率不低于 85%，考勤率不低于 70%；全过程接入“云眸工程”监管并留存视频、图片资料"
    terminated: tuple[dt.date, str] | None = None
    classes: list[str] = field(default_factory=list)
    call: str = "C2026-01"
    rank: int | None = None
    rank_reason: str | None = None

    @property
    def app_id(self) -> str:
        return f"A2026-{self.n:03d}"

    @property
    def id(self) -> str:
        return f"P2026-{self.n:03d}"

    @property
    def price(self) -> int:
        return sum(a for _, a in self.budget)

    @property
    def district(self) -> str:
        return INSTITUTIONS[self.institution]["district"]

    @property
    def periods(self) -> tuple[int, int]:
        return sum(t for _, t, _ in self.curriculum), sum(p for _, _, p in self.curriculum)


PANEL = ["钱某某（高校教授）", "孙某某（行业协会专家）", "周某某（企业人力资源总监）"]

PROJECTS: list[Proj] = [
    Proj(
        n=1, name="工业机器人系统操作员", institution=COLLEGE, submitted_on=D(2026, 4, 13),
        occupation="6-31-07-03", level="L4", category="manufacturing", field="smart_manufacturing",
        industry_chain="高端装备",
        contact=("陈某某", "0510-86550101", "peixun@jyjs.example.org"),
        groups=["graduating_student", "school_leaver", "rural_migrant_worker", "registered_unemployed"],
        description=(
            "江阴高端装备产业集聚，规上装备制造企业普遍推进“智改数转”，工业机器人应用快速增加。",
            "合作企业需要能完成示教编程、工作站调试和日常维护的机器人操作人员，现有员工难以满足。",
            "培训 60 人（3 个班次），取得工业机器人系统操作员四级证书，预期重点群体就业率 70%。",
        ),
        curriculum=[
            ("安全规范与职业素养", 8, 0),
            ("工业机器人基础与编程原理", 16, 0),
            ("示教器编程与轨迹规划", 0, 24),
            ("机器人工作站安装调试与维护", 0, 20),
            ("综合实训与考核", 0, 12),
        ],
        evaluation=("skill_level_certificate", "江阴示例职业技能等级认定中心"),
        employers=[employer("robot", "工业机器人系统操作员", 20), employer("precision", "机器人工作站操作工", 25)],
        service="结业前组织两场企业专场招聘，建立学员就业台账，结业后 6 个月每月回访一次。",
        planned=(60, 3, 0.7),
        budget=[("师资费", 600), ("实训耗材费", 350), ("设备使用费", 250), ("教材资料费", 80),
                ("技能评价费", 180), ("就业服务费", 40)],
        signed_on=D(2026, 4, 10), status="selected", recommended_on=D(2026, 4, 24),
        review=(D(2026, 5, 8), 88.5, "项目与江阴高端装备产业岗位需求匹配度高，合作企业岗位明确，承训能力较强。"),
        decided_on=D(2026, 5, 20), unit_price=1450, quota=(60, 3), contract_signed=D(2026, 5, 27),
        term=(D(2026, 6, 1), D(2027, 5, 31)),
    ),
    Proj(
        n=2, name="智能产线运维", institution=UNIV, submitted_on=D(2026, 4, 16),
        occupation=None, level=None, category="manufacturing", field="smart_manufacturing",
        industry_chain="物联网",
        contact=("刘某某", "0510-85550102", "jxjy@wxlg.example.com"),
        groups=["graduating_student", "rural_migrant_worker", "registered_unemployed", "low_income_family_child"],
        description=(
            "无锡物联网和高端装备企业加快建设智能产线，产线设备点检、故障诊断和数据采集岗位增加。",
            "现有目录内工种难以覆盖“设备运维 + 数据采集”的复合技能，企业急需能上岗的产线运维技术员。",
            "培训 40 人（2 个班次），考核合格发放培训合格证书，预期重点群体就业率 60%。",
        ),
        curriculum=[
            ("智能产线概论与安全规范", 12, 0),
            ("PLC 与传感器基础", 12, 8),
            ("产线设备点检与故障诊断", 0, 32),
            ("MES 系统与数据采集", 6, 18),
            ("综合实训", 0, 32),
        ],
        evaluation=("training_certificate", "无锡示例理工学院继续教育学院考核委员会"),
        employers=[employer("precision", "产线运维技术员", 15), employer("iot", "设备运维员", 10)],
        service="与合作企业共建实训岗位，结业后推荐面试，跟踪服务 6 个月。",
        planned=(40, 2, 0.6),
        budget=[("师资费", 1100), ("实训耗材费", 650), ("设备使用费", 500), ("教材资料费", 150),
                ("考核评价费", 200), ("就业服务费", 200)],
        signed_on=D(2026, 4, 15), status="selected", recommended_on=D(2026, 4, 28),
        review=(D(2026, 5, 8), 90.0, "新开发项目，岗位技能组合有特色，企业需求证明充分；建议单价适当下调。"),
        decided_on=D(2026, 5, 20), unit_price=2600, quota=(40, 2), contract_signed=D(2026, 5, 29),
        term=(D(2026, 6, 15), D(2027, 6, 14)),
    ),
    Proj(
        n=3, name="互联网营销师", institution=SCHOOL, submitted_on=D(2026, 4, 9),
        occupation="4-01-06-02", level="L4", category="production_service", field="digital_economy",
        industry_chain="软件与信息技术服务",
        contact=("吴某", "13800000001", "office@xwpx.example.net"),
        groups=["graduating_student", "registered_unemployed", "employment_difficulty", "low_income_family_child"],
        description=(
            "直播电商、短视频营销在本地商贸和制造企业中普及，新吴区电商企业持续扩招。",
            "企业需要掌握选品、直播脚本、直播间运营和短视频制作的营销人员。",
            "培训 40 人（2 个班次），取得互联网营销师四级证书，预期重点群体就业率 55%。",
        ),
        curriculum=[
            ("政策法规与职业素养", 8, 0),
            ("选品与直播脚本策划", 8, 8),
            ("直播间搭建与运营实操", 0, 24),
            ("短视频拍摄与剪辑", 4, 12),
        ],
        evaluation=("skill_level_certificate", "无锡示例职业技能等级认定中心"),
        employers=[employer("media", "直播运营专员", 12), employer("ecommerce", "电商主播", 10)],
        service="结业后组织直播电商企业双选会，提供岗位推荐和 6 个月跟踪服务。",
        planned=(40, 2, 0.55),
        budget=[("师资费", 500), ("实训耗材费", 200), ("场地设备费", 220), ("教材资料费", 60),
                ("技能评价费", 180), ("就业服务费", 40)],
        signed_on=D(2026, 4, 8), status="selected", recommended_on=D(2026, 4, 21),
        review=(D(2026, 5, 8), 82.0, "数字经济方向，岗位需求真实；需加强学员就业跟踪。"),
        decided_on=D(2026, 5, 20), unit_price=1180, quota=(40, 2), contract_signed=D(2026, 5, 26),
        term=(D(2026, 6, 1), D(2026, 12, 31)),
    ),
    Proj(
        n=4, name="工业无人机装调检修", institution=COMPANY, submitted_on=D(2026, 4, 20),
        occupation=None, level=None, category="manufacturing", field="low_altitude_economy",
        industry_chain=None,
        contact=("郑某某", "0510-83550104", "train@hsdk.example.com"),
        groups=["graduating_student", "rural_migrant_worker", "registered_unemployed"],
        description=(
            "惠山区低空经济产业园集聚无人机整机和零部件企业，工业级无人机产量逐年增长。",
            "企业需要能完成整机装配、飞控调试和故障检修的技术工人，目录内工种名称不能完全对应该岗位组合。",
            "培训 24 人（2 个班次），考核合格发放培训合格证书，预期重点群体就业率 60%。",
        ),
        curriculum=[
            ("低空飞行法规与安全", 8, 0),
            ("无人机结构与电气原理", 12, 4),
            ("整机装配与调试", 0, 28),
            ("故障诊断与检修", 4, 24),
        ],
        evaluation=("training_certificate", "无锡示例低空经济产业协会"),
        employers=[employer("drone", "无人机装调检修工", 15), employer("robot", "无人机产线装配工", 8)],
        service="合作企业提前参与结业考核，考核合格者优先录用，结业后 6 个月跟踪就业和社保缴纳情况。",
        planned=(24, 2, 0.6),
        budget=[("师资费", 1100), ("实训耗材费", 800), ("设备使用及折旧费", 500), ("学员保险费", 80),
                ("教材资料费", 100), ("考核评价费", 200), ("就业服务费", 200)],
        signed_on=D(2026, 4, 18), status="selected", recommended_on=D(2026, 4, 30),
        review=(D(2026, 5, 15), 86.0, "低空经济新开发项目，实训条件较好，岗位需求明确。"),
        decided_on=D(2026, 6, 5), unit_price=2900, quota=(24, 2), contract_signed=D(2026, 6, 12),
        term=(D(2026, 7, 1), D(2027, 6, 30)),
    ),
    Proj(
        n=5, name="人工智能训练师", institution=UNIV, submitted_on=D(2026, 4, 16),
        occupation="4-04-05-05", level="L4", category="production_service", field="artificial_intelligence",
        industry_chain="人工智能和元宇宙",
        contact=("刘某某", "0510-85550102", "jxjy@wxlg.example.com"),
        groups=["graduating_student", "registered_unemployed", "employment_difficulty", "low_income_family_child"],
        description=(
            "本地人工智能企业的数据标注、模型测试业务快速增长，数据服务基地陆续落地。",
            "企业需要掌握数据采集清洗、标注质检和智能系统测试的人工智能训练师。",
            "培训 45 人（3 个班次），取得人工智能训练师四级证书，预期重点群体就业率 60%。",
        ),
        curriculum=[
            ("人工智能基础与数据安全", 10, 0),
            ("数据采集与清洗", 4, 14),
            ("数据标注工具与质检", 4, 20),
            ("智能系统测试与模型调优", 6, 14),
        ],
        evaluation=("skill_level_certificate", "无锡示例职业技能等级认定中心"),
        employers=[employer("ai", "数据标注员", 20), employer("iot", "算法测试员", 6)],
        service="校企共建数据标注实训基地，结业学员优先推荐至合作企业，跟踪服务 6 个月。",
        planned=(45, 3, 0.6),
        budget=[("师资费", 520), ("算力及平台使用费", 260), ("教材资料费", 60), ("技能评价费", 200),
                ("就业服务费", 80), ("管理费", 80)],
        signed_on=D(2026, 4, 15), status="selected", recommended_on=D(2026, 4, 28),
        review=(D(2026, 5, 8), 87.0, "人工智能方向，企业岗位充足，课程设置合理。"),
        decided_on=D(2026, 5, 20), unit_price=1150, quota=(45, 3), contract_signed=D(2026, 5, 29),
        term=(D(2026, 7, 1), D(2027, 6, 30)),
    ),
    Proj(
        n=6, name="养老护理员", institution=SCHOOL, submitted_on=D(2026, 4, 9),
        occupation="4-10-01-05", level="L4", category="life_service", field="elderly_care",
        industry_chain=None,
        contact=("吴某", "13800000001", "office@xwpx.example.net"),
        groups=["rural_migrant_worker", "registered_unemployed", "employment_difficulty", "low_income_family_child"],
        description=(
            "全市养老机构床位和居家养老服务持续增加，护理人员持证率偏低、缺口较大。",
            "养老机构需要具备生活照料、基础护理、康复服务和失智老人照护技能的护理员。",
            "培训 45 人（2 个班次），取得养老护理员四级证书，预期重点群体就业率 65%。",
        ),
        curriculum=[
            ("职业道德与安全防护", 8, 0),
            ("生活照料", 4, 16),
            ("基础护理", 4, 16),
            ("康复服务与心理支持", 4, 12),
            ("失智老人照护实训", 0, 12),
        ],
        evaluation=("skill_level_certificate", "无锡示例职业技能等级认定中心"),
        employers=[employer("care", "养老护理员", 20), employer("nursing_home", "护理员", 15)],
        service="结业后组织养老机构专场招聘会，签约学员由机构安排带教，跟踪服务 6 个月。",
        planned=(45, 2, 0.65),
        budget=[("师资费", 420), ("实训耗材费", 180), ("场地设备费", 120), ("教材资料费", 40),
                ("技能评价费", 200), ("就业服务费", 40)],
        signed_on=D(2026, 4, 8), status="completed", recommended_on=D(2026, 4, 21),
        review=(D(2026, 5, 8), 85.0, "康养服务民生领域，用人需求稳定，承训单位有同类培训经验。"),
        decided_on=D(2026, 5, 20), unit_price=980, quota=(45, 2), contract_signed=D(2026, 5, 25),
        term=(D(2026, 6, 1), D(2026, 9, 30)),
    ),
    Proj(
        n=7, name="动力电池包检测维修", institution=COLLEGE, submitted_on=D(2026, 4, 14),
        occupation=None, level=None, category="manufacturing", field="other",
        industry_chain="汽车及零部件(含新能源汽车)",
        contact=("陈某某", "0510-86550101", "peixun@jyjs.example.org"),
        groups=["school_leaver", "rural_migrant_worker"],
        description=(
            "江阴新能源汽车零部件企业增多，动力电池包售后检测和梯次利用业务起步。",
            "企业需要能安全拆装、检测动力电池包的技术工人。",
            "培训 30 人（1 个班次），考核合格发放培训合格证书，预期重点群体就业率 50%。",
        ),
        curriculum=[
            ("高压电安全与防护", 10, 0),
            ("动力电池结构与原理", 10, 4),
            ("电池包拆装实训", 0, 24),
            ("检测设备使用与数据记录", 2, 14),
        ],
        evaluation=("training_certificate", "江阴示例技师学院考核委员会"),
        employers=[employer("ev", "电池包检测工", 6)],
        service="向合作企业推荐结业学员。",
        planned=(30, 1, 0.5),
        budget=[("师资费", 1200), ("实训耗材费", 900), ("设备使用费", 500), ("教材资料费", 100),
                ("考核评价费", 200), ("就业服务费", 100)],
        signed_on=D(2026, 4, 13), status="rejected", recommended_on=D(2026, 4, 24),
        review=(D(2026, 5, 8), 68.0, "岗位需求证明仅 6 个，与计划培训 30 人差距较大，预计吸纳重点群体就业量不足；"
                                     "本批次不予入选。"),
        decided_on=D(2026, 5, 20),
    ),
    Proj(
        n=8, name="无人机驾驶员", institution=COMPANY, submitted_on=D(2026, 4, 20),
        occupation="4-02-04-06", level="L4", category="production_service", field="low_altitude_economy",
        industry_chain=None,
        contact=("郑某某", "0510-83550104", "train@hsdk.example.com"),
        groups=["graduating_student", "rural_migrant_worker", "registered_unemployed"],
        description=(
            "植保、巡检、测绘等无人机应用场景增加，持证驾驶员供不应求。",
            "企业需要取得无人机驾驶员证书、能独立完成作业飞行的驾驶员。",
            "培训 30 人（2 个班次），取得无人机驾驶员四级证书，预期重点群体就业率 60%。",
        ),
        curriculum=[
            ("低空飞行法规与空域管理", 10, 0),
            ("气象与飞行原理", 8, 0),
            ("模拟器飞行训练", 0, 16),
            ("外场实操飞行", 0, 30),
        ],
        evaluation=("skill_level_certificate", "无锡示例职业技能等级认定中心"),
        employers=[employer("drone", "无人机驾驶员", 20)],
        service="结业后推荐至合作企业从事巡检、植保飞行，跟踪服务 6 个月。",
        planned=(30, 2, 0.6),
        budget=[("师资费", 500), ("飞行实训耗材费", 300), ("场地及设备费", 200), ("教材资料费", 40),
                ("技能评价费", 120), ("就业服务费", 40)],
        signed_on=D(2026, 4, 18), status="terminated", recommended_on=D(2026, 4, 30),
        review=(D(2026, 5, 15), 80.0, "低空经济方向，需求明确；外场实训场地须在开班前落实空域使用批准。"),
        decided_on=D(2026, 6, 5), unit_price=1150, quota=(30, 2), contract_signed=D(2026, 6, 12),
        term=(D(2026, 7, 1), D(2027, 6, 30)),
        terminated=(D(2026, 10, 9),
                    "协议约定 2026 年 9 月开班，承训单位外场实训场地未取得空域使用批准，经约谈仍无法按期开班；"
                    "承训单位书面申请终止，市人社局决定终止本项目。未开班，未拨付补贴资金。"),
    ),
    Proj(
        n=9, name="电工", institution=COLLEGE, submitted_on=D(2026, 10, 19),
        occupation="6-31-01-03", level="L4", category="manufacturing", field="smart_manufacturing",
        industry_chain="新能源",
        contact=("陈某某", "0510-86550101", "peixun@jyjs.example.org"),
        groups=["school_leaver", "rural_migrant_worker", "registered_unemployed", "employment_difficulty"],
        description=(
            "江阴光伏、储能企业扩产，电气安装和维护岗位持续增加。",
            "企业需要持证上岗、能完成低压配电安装和设备电气维护的电工。",
            "培训 40 人（2 个班次），取得电工四级证书，预期重点群体就业率 65%。",
        ),
        curriculum=[
            ("电工安全规程与职业素养", 8, 0),
            ("电工基础与识图", 14, 6),
            ("低压配电安装实训", 0, 28),
            ("电机控制与 PLC 应用", 6, 26),
        ],
        evaluation=("skill_level_certificate", "江阴示例职业技能等级认定中心"),
        employers=[employer("precision", "设备维修电工", 12), employer("ev", "产线电工", 10)],
        service="结业后组织新能源企业专场招聘，跟踪服务 6 个月。",
        planned=(40, 2, 0.65),
        budget=[("师资费", 620), ("实训耗材费", 360), ("设备使用费", 220), ("教材资料费", 60),
                ("技能评价费", 200), ("就业服务费", 40)],
        signed_on=D(2026, 10, 16), status="recommended", recommended_on=D(2026, 11, 6), call="C2026-02",
    ),
]
PROJ = {p.id: p for p in PROJECTS}
# the recommended list (建议清单) of C2026-01 by score, except 养老护理员 placed above a higher score, with the reason
RANKS = {"P2026-002": 1, "P2026-001": 2, "P2026-005": 3, "P2026-006": 4, "P2026-004": 5, "P2026-003": 6,
         "P2026-008": 7, "P2026-007": 8}
PROJ["P2026-006"].rank_reason = ("康养服务为民生保障领域，预计可吸纳重点群体就业量较大（通知 四(二)），"
                                 "经评审组合议列于工业无人机装调检修（得分 86.00）之前")


def expert_scores(score: float, k: int) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Four criteria (each out of 25) whose total is the panel mean plus a spread that averages out."""
    total = Decimal(str(score)) + (Decimal("-1.5"), Decimal("0"), Decimal("1.5"))[k]
    each = (total / 4 * 2).to_integral_value(rounding="ROUND_FLOOR") / 2
    last = total - 3 * each
    assert 0 <= each <= 25 and 0 <= last <= 25, (score, k)
    return each, each, each, last


def applications_and_projects() -> None:
    for p in PROJECTS:
        theory, practical = p.periods
        assert theory + practical >= 40 and practical >= 0.6 * (theory + practical), p.id
        if p.occupation:
            name, cat = OCC_BY_CODE[p.occupation]
            assert name == p.name and cat == p.category, p.id
            cap = STANDARDS[cat][p.level or ""]
        else:
            cap = {"manufacturing": 3000, "production_service": 2000, "life_service": 1000}[p.category]
        assert p.price <= cap, (p.id, p.price, cap)
        inst = INSTITUTIONS[p.institution]
        assert p.signed_on <= p.submitted_on <= p.recommended_on
        _title, opens, closes, fields, _budget, _planned = CALLS[p.call]
        assert opens <= p.submitted_on <= closes and p.field in fields, p.id
        put(f"applications/2026/{p.app_id}.yaml", factory.application(
            id=p.app_id, project_name=p.name, institution=p.institution, district=p.district,
            submitted_on=p.submitted_on, call=p.call, occupation_code=p.occupation, level=p.level,
            category=p.category, field=p.field, industry_chain=p.industry_chain, contact=p.contact,
            target_groups=p.groups, description=p.description, curriculum=p.curriculum, evaluation=p.evaluation,
            employers=p.employers, employment_service=p.service,
            planned=(p.planned[0], p.planned[1], Decimal(str(p.planned[2]))), budget=p.budget,
            declaration=(inst["legal_representative"], p.signed_on, sha(f"declaration-{p.app_id}")),
        ), f"重点群体项目化就业技能培训项目征集表（示例）：{inst['name']}申报“{p.name}”。\n"
           "日期写作 YYYY-MM-DD；编码、电话须加引号。", {
            "call": "所响应的项目征集计划（calls/ 目录）：提交日期须在其征集期内，征集方向和类别须在其中",
            "project_name": "项目名称（附件 备注）：目录内工种用《职业分类大典》(2022年版)名称；"
                            "新开发项目以名词加动词命名，如“工业无人机装调检修”",
            "catalog": "是否为目录内工种；目录内工种须填写工种编码和等级（L5 五级 … L1 一级，special 专项职业能力）",
            "category": "类别（通知 四(三)）与征集方向（通知 一(二)）；征集方向为“其他”时须填 industry_chain",
            "contact": "项目联系人：手机或座机（如 \"0510-85550102\"），须加引号",
            "target_groups": "培训对象（通知 二）",
            "description": "培训项目说明：行业领域现状、岗位和技能需求、培训预期目标（含预期重点群体就业率）",
            "curriculum": "培训课程（通知 四(四)）：总课时不低于 40，实操课时原则上不低于 60%；1 课时 = 45 分钟",
            "evaluation": "技能评价：skill_level_certificate 职业技能等级证书；special_ability_certificate 专项职业能力证书；"
                          "training_certificate 培训合格证书",
            "employers": "岗位需求：用人单位及岗位数量（“四位一体”之一）",
            "employment_service": "就业服务计划",
            "budget": "培训费用预算（元/人）：明细之和等于申报单价；单价不超过目录标准或新开发项目上限",
            "declaration": "项目申报单位意见：法定代表人签名、单位盖章页扫描后在 Git 之外保存，这里记录其 SHA-256",
        })
        project_record(p)


def project_record(p: Proj) -> None:
    review = None
    if p.review:
        on, score, opinion = p.review
        assert p.recommended_on <= on
        review = factory.review(on=on, panel=[factory.expert(name, expert_scores(score, k))
                                              for k, name in enumerate(PANEL)],
                                rank=RANKS[p.id], rank_reason=p.rank_reason, opinion=opinion)
        assert p.decided_on and on <= p.decided_on
    contract = None
    if p.unit_price is not None:
        assert p.unit_price <= p.price and p.quota and p.term and p.contract_signed and p.decided_on
        assert p.decided_on <= p.contract_signed <= p.term[0]
        theory, practical = p.periods
        contract = factory.contract(
            number=f"WXRS-XMPX-2026-{p.n:03d}",
            signed_on=p.contract_signed,
            term=p.term,
            service_content=f"{p.name}项目化就业技能培训：{theory + practical} 课时（理论 {theory}、实操 {practical}），"
                            f"含技能评价和结业后 6 个月就业服务",
            quantity=f"{p.quota[1]} 个班次，共 {p.quota[0]} 人",
            quality=p.quality,
            price=f"成交单价每人 {p.unit_price} 元",
            settlement_method="按培训合格并取得证书的实际人数乘以成交单价核算总额；结业后拨付 80%；取得证书后 6 个月内"
                              "稳定就业率达 30%（含）以上拨付剩余 20%，达 50% 以上另给成交单价 20% 的跟补",
            obligations="承训单位按协议组织培训、接入“云眸工程”、留存全过程视频和图片并配合质量监督；"
                        "市人社局负责过程监管、就业核验和按期拨付补贴",
            liability="承训单位未达培训效果、学员出勤率低、管理混乱的，市人社局可终止协议；弄虚作假骗取补贴的，"
                      "追回资金并依法追究责任",
        )
    record = factory.project(
        id=p.id, application=p.app_id, status=p.status, recommended=(p.district, p.recommended_on), review=review,
        decided_on=p.decided_on, unit_price=p.unit_price, quota=p.quota, contract=contract, terminated=p.terminated,
    )
    put(f"projects/2026/{p.id}.yaml", record,
        f"项目确定（示例）：{p.name}（{INSTITUTIONS[p.institution]['name']}）。由市人社局填写。", {
            "status": "状态：recommended 已推荐；selected 已入选；rejected 未入选；terminated 已终止；completed 已完成",
            "recommended": "区人社部门择优推荐（通知 四(一)）",
            "review": "专家评审（通知 四(二)）：每位专家按与重点产业的匹配度、岗位需求、承训能力、预计可吸纳重点群体就业量\n"
                      "四项评分（各 25 分），声明无利益冲突；rank 为征集计划建议清单中的名次",
            "unit_price": "成交单价（元/人）：不超过申报单价，也不超过目录标准或新开发项目上限（通知 四(三)）",
            "contract": "政府购买服务协议（通知 五(一)）：服务内容、期限、数量、质量、价格、资金结算方式、权利义务和违约责任",
            "terminated": "终止（通知 五(二)）：终止日期和原因",
        })


# -- classes ----------------------------------------------------------------------------------------

@dataclass
class Slot:
    person: int
    group: str
    graduation_on: dt.date | None = None
    attended: int | None = None  # None: the default attendance for the slot
    passed: bool = True


@dataclass
class Cls:
    id: str
    start_on: dt.date
    end_on: dt.date
    location: str
    yunmou: str
    slots: list[Slot]
    cert_on: dt.date | None = None  # ended classes
    attended_so_far: int | None = None  # running classes


GRAD_2026 = D(2026, 6, 30)
GRAD_2027 = D(2027, 6, 30)
SCHOOL_2026 = D(2026, 6, 5)

# people who appear in two classes (non-overlapping, different occupations) or in prior subsidies
X_PERSON = 1   # two prior subsidies, then 互联网营销师 (third, counted) and 人工智能训练师 (over the cap)
Y_PERSON = 2   # 养老护理员 in June, 互联网营销师 in November
Z_PERSON = 3   # graduating student: 互联网营销师, then 智能产线运维
W_PERSON = 4   # rural migrant worker: 工业机器人系统操作员, then 工业无人机装调检修
V_PERSON = 5   # prior 养老护理员 五级, now 养老护理员 四级
U_PERSON = 6   # prior subsidy only


def roster(base: int, spec: list[tuple[int, str, dt.date | None]], first: list[Slot] | None = None) -> list[Slot]:
    slots = list(first or [])
    n = base
    for count, group, grad in spec:
        for _ in range(count):
            slots.append(Slot(n, group, grad))
            n += 1
    return slots


def tweak(slots: list[Slot], low: dict[int, int] | None = None, fail: set[int] | None = None) -> list[Slot]:
    for i, att in (low or {}).items():
        slots[i].attended = att
    for i in fail or set():
        slots[i].passed = False
    return slots


CLASSES: dict[str, list[Cls]] = {
    "P2026-001": [
        Cls("P2026-001-01", D(2026, 6, 8), D(2026, 6, 26), "江阴市示例路 8 号 江阴示例技师学院 智能制造实训中心",
            "YM-JY-2026-0101",
            tweak(roster(1100, [(5, "graduating_student", GRAD_2026), (4, "school_leaver", SCHOOL_2026),
                                (6, "rural_migrant_worker", None), (4, "registered_unemployed", None)],
                         first=[Slot(W_PERSON, "rural_migrant_worker")]),
                  low={7: 50}, fail={12}),
            cert_on=D(2026, 7, 3)),
        Cls("P2026-001-02", D(2026, 11, 2), D(2026, 12, 4), "江阴市示例路 8 号 江阴示例技师学院 智能制造实训中心",
            "YM-JY-2026-0102",
            roster(1200, [(6, "graduating_student", GRAD_2027), (8, "rural_migrant_worker", None),
                          (6, "registered_unemployed", None)]),
            attended_so_far=64),
        Cls("P2026-001-03", D(2027, 3, 1), D(2027, 3, 19), "江阴市示例路 8 号 江阴示例技师学院 智能制造实训中心",
            "YM-JY-2027-0103", []),
    ],
    "P2026-002": [
        Cls("P2026-002-01", D(2026, 7, 6), D(2026, 8, 7), "无锡市滨湖区示例大道 100 号 无锡示例理工学院 工程训练中心",
            "YM-BH-2026-0201",
            tweak(roster(2100, [(5, "graduating_student", GRAD_2026), (5, "rural_migrant_worker", None),
                                (3, "registered_unemployed", None), (2, "low_income_family_child", None)],
                         first=[Slot(Z_PERSON, "graduating_student", GRAD_2026)]),
                  low={9: 80}, fail={4, 13}),
            cert_on=D(2026, 8, 14)),
        Cls("P2026-002-02", D(2026, 12, 7), D(2027, 1, 15), "无锡市滨湖区示例大道 100 号 无锡示例理工学院 工程训练中心",
            "YM-BH-2026-0202", []),
    ],
    "P2026-003": [
        Cls("P2026-003-01", D(2026, 6, 15), D(2026, 7, 3), "无锡市新吴区示例科技园 5 号楼 直播实训室",
            "YM-XW-2026-0301",
            tweak(roster(3100, [(6, "graduating_student", GRAD_2026), (5, "registered_unemployed", None),
                                (3, "employment_difficulty", None), (2, "low_income_family_child", None)],
                         first=[Slot(X_PERSON, "registered_unemployed"),
                                Slot(Z_PERSON, "graduating_student", GRAD_2026)]),
                  low={10: 40}, fail={10, 15}),
            cert_on=D(2026, 7, 10)),
        Cls("P2026-003-02", D(2026, 11, 2), D(2026, 12, 2), "无锡市新吴区示例科技园 5 号楼 直播实训室",
            "YM-XW-2026-0302",
            roster(3200, [(7, "graduating_student", GRAD_2027), (5, "registered_unemployed", None),
                          (3, "employment_difficulty", None), (2, "low_income_family_child", None)],
                   first=[Slot(Y_PERSON, "employment_difficulty")]),
            attended_so_far=52),
    ],
    "P2026-004": [
        Cls("P2026-004-01", D(2026, 9, 7), D(2026, 10, 16), "无锡市惠山区示例低空产业园 2 号 装调实训车间",
            "YM-HS-2026-0401",
            tweak(roster(4100, [(3, "graduating_student", GRAD_2027), (5, "rural_migrant_worker", None),
                                (3, "registered_unemployed", None)],
                         first=[Slot(W_PERSON, "rural_migrant_worker")]),
                  fail={6}),
            cert_on=D(2026, 10, 23)),
        Cls("P2026-004-02", D(2027, 3, 15), D(2027, 4, 23), "无锡市惠山区示例低空产业园 2 号 装调实训车间",
            "YM-HS-2027-0402", []),
    ],
    "P2026-005": [
        Cls("P2026-005-01", D(2026, 7, 13), D(2026, 8, 14), "无锡市滨湖区示例大道 100 号 无锡示例理工学院 数据标注实训室",
            "YM-BH-2026-0501",
            tweak(roster(5100, [(5, "graduating_student", GRAD_2026), (4, "registered_unemployed", None),
                                (3, "employment_difficulty", None), (2, "low_income_family_child", None)],
                         first=[Slot(X_PERSON, "registered_unemployed")]),
                  low={11: 48}, fail={6}),
            cert_on=D(2026, 8, 21)),
        Cls("P2026-005-02", D(2026, 11, 9), D(2026, 12, 4), "无锡市滨湖区示例大道 100 号 无锡示例理工学院 数据标注实训室",
            "YM-BH-2026-0502",
            roster(5200, [(8, "graduating_student", GRAD_2027), (4, "registered_unemployed", None),
                          (2, "employment_difficulty", None), (2, "low_income_family_child", None)]),
            attended_so_far=58),
    ],
    "P2026-006": [
        Cls("P2026-006-01", D(2026, 6, 1), D(2026, 6, 19), "无锡市新吴区示例科技园 5 号楼 养老护理实训室",
            "YM-XW-2026-0601",
            tweak(roster(6100, [(9, "rural_migrant_worker", None), (7, "registered_unemployed", None),
                                (4, "employment_difficulty", None), (3, "low_income_family_child", None)],
                         first=[Slot(Y_PERSON, "employment_difficulty")]),
                  low={17: 52}, fail={8, 20}),
            cert_on=D(2026, 6, 26)),
        Cls("P2026-006-02", D(2026, 8, 3), D(2026, 8, 21), "无锡市新吴区示例科技园 5 号楼 养老护理实训室",
            "YM-XW-2026-0602",
            tweak(roster(6200, [(8, "rural_migrant_worker", None), (6, "registered_unemployed", None),
                                (3, "employment_difficulty", None), (2, "low_income_family_child", None)],
                         first=[Slot(V_PERSON, "rural_migrant_worker")]),
                  low={14: 44}, fail={14}),
            cert_on=D(2026, 8, 28)),
    ],
}
CLS_BY_ID = {c.id: c for cs in CLASSES.values() for c in cs}


def default_attendance(total: int, i: int) -> int:
    """Most trainees miss a few 课时; everyone here stays well above 70 %."""
    return total - (i * 7) % max(1, total // 8)


def state(c: Cls) -> str:
    if c.start_on > AS_OF:
        return "planned"
    return "running" if c.end_on > AS_OF else "ended"


def classes() -> None:
    for pid, cs in CLASSES.items():
        p = PROJ[pid]
        theory, practical = p.periods
        total = theory + practical
        assert p.unit_price and p.quota and p.term
        assert len(cs) <= p.quota[1] and sum(len(c.slots) for c in cs) <= p.quota[0], pid
        for c in cs:
            assert p.term[0] <= c.start_on and c.end_on <= p.term[1], c.id
            st = state(c)
            # a planned class has no roster yet: it is imported when the class starts
            assert (8 <= len(c.slots) <= 40) if st != "planned" else not c.slots, c.id
            assert (c.cert_on is not None) == (st == "ended"), c.id
            trainees = []
            for i, s in enumerate(c.slots):
                assert s.group in p.groups, (c.id, i)
                if s.group in ("graduating_student", "school_leaver"):
                    assert s.graduation_on is not None
                    window = D(s.graduation_on.year - 1, 9, 1)
                    assert window <= c.start_on < D(s.graduation_on.year, 9, 1), (c.id, i)
                assessment = None
                if st == "ended":
                    attended = s.attended if s.attended is not None else default_attendance(total, i)
                    cert = None
                    if s.passed:
                        assert c.cert_on and c.cert_on >= c.end_on
                        cert = (p.evaluation[0], cert_ref(c.id, i), c.cert_on)
                    assessment = factory.assessment(s.passed, cert)
                elif st == "running":
                    assert c.attended_so_far is not None
                    attended = c.attended_so_far - (i % 3) * 2
                else:
                    attended = 0
                assert attended <= total
                trainees.append(factory.trainee(person(s.person), s.group, attended, assessment,
                                                graduation_on=s.graduation_on))
            evidence = []
            if st != "planned":
                evidence = [
                    factory.evidence("video", f"archive://peixun/2026/{c.id}/opening.mp4", sha(f"{c.id}-v1")),
                    factory.evidence("image", f"archive://peixun/2026/{c.id}/sign-in-day1.jpg", sha(f"{c.id}-i1")),
                    factory.evidence("video", f"archive://peixun/2026/{c.id}/practical-week1.mp4", sha(f"{c.id}-v2")),
                ]
            if st == "ended":
                evidence += [
                    factory.evidence("image", f"archive://peixun/2026/{c.id}/assessment.jpg", sha(f"{c.id}-i2")),
                    factory.evidence("document", f"archive://peixun/2026/{c.id}/attendance.pdf", sha(f"{c.id}-d1")),
                ]
            when = {"planned": "计划开班（尚未开始）", "running": "培训进行中", "ended": "已结业"}[st]
            put(f"classes/2026/{c.id}.yaml", factory.training_class(
                id=c.id, project=pid, start_on=c.start_on, end_on=c.end_on, location=c.location,
                periods=(theory, practical), yunmou_id=c.yunmou, evidence=evidence, trainees=trainees,
                seal_key=SAMPLE_KEY,  # as the bureau's import seals a roster (records.rosterseal)
            ), f"培训班次（示例）：{p.name} 第 {int(c.id[-2:])} 班，{when}（按 {AS_OF.isoformat()} 计）。\n"
               "由承训单位维护；花名册用 peixun seal-roster 加密提交，由市人社局导入，仓库中只有假名，不出现姓名、身份证号和证书编号。", {
                "periods": "课时（通知 四(四)）：总课时不低于 40，实操原则上不低于 60%；1 课时 = 45 分钟",
                "supervision": "云眸工程监管编号（通知 四(四)）",
                "evidence": "培训全过程视频和图片（通知 五(一)）：文件保存在 Git 之外，这里记录位置和 SHA-256；结业后至少一段视频和一张图片",
                "trainees": "参训人员（开班后由市人社局导入加密提交的花名册）：person 为假名（p_ 加 24 位十六进制）；高校毕业生和应届初高中毕业生填写毕业时间；\n"
                            "出勤课时不足总课时 70% 的不计入补贴；证书编号以假名 number_ref 记录，发证日期不早于结业日期",
            })


# -- employment follow-ups ---------------------------------------------------------------------------

STABLE_A = ("2026-08", "2026-09", "2026-10")
STABLE_A4 = ("2026-08", "2026-09", "2026-10", "2026-11")
STABLE_B = ("2026-09", "2026-10", "2026-11")

# class -> (slot index, employer key, months); a stable run is 3 consecutive months in M+1 ... M+6.
# Pension months are facts about a person: someone in two classes has them in both files when they
# fall inside both windows.
EMPLOYMENT: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {
    # 20 enrolled, 12 stably employed: 60 %, remainder and bonus due
    "P2026-001-01": [
        (1, "robot", STABLE_A4), (2, "robot", STABLE_A4), (3, "precision", STABLE_A4), (4, "precision", STABLE_A),
        (5, "robot", STABLE_A4), (6, "precision", STABLE_A4), (8, "precision", STABLE_A4), (9, "robot", STABLE_A),
        (11, "precision", STABLE_B), (13, "robot", STABLE_A4), (15, "precision", STABLE_A4),
        (17, "robot", STABLE_A4),
        (0, "drone", ("2026-11",)),  # W: employed after the second class, inside this window too
        (18, "robot", ("2026-09", "2026-11")),
    ],
    # 16 enrolled, 6 stably employed: 37.5 %, remainder due
    "P2026-002-01": [
        (0, "precision", STABLE_B), (1, "iot", STABLE_B), (2, "iot", STABLE_B), (6, "precision", STABLE_B),
        (8, "iot", STABLE_B), (11, "precision", STABLE_B),
        (3, "iot", ("2026-10", "2026-11")), (12, "precision", ("2026-09",)),
    ],
    # 18 enrolled, 5 stably employed: 27.8 %, remainder pending until the windows close
    "P2026-003-01": [
        (1, "precision", STABLE_B),  # Z: employed after 智能产线运维, inside this window too
        (2, "media", STABLE_A4), (4, "ecommerce", STABLE_A), (7, "ecommerce", STABLE_B), (12, "media", STABLE_A),
        (5, "media", ("2026-08", "2026-09")), (8, "ecommerce", ("2026-10",)),
        (13, "media", ("2026-08", "2026-10", "2026-11")),
    ],
    # certificates in October: the window has just opened
    "P2026-004-01": [
        (1, "drone", ("2026-11",)), (2, "drone", ("2026-11",)), (4, "robot", ("2026-11",)),
        (7, "drone", ("2026-11",)), (0, "drone", ("2026-11",)),
    ],
    # 15 enrolled, 5 stably employed: 33.3 %, remainder due
    "P2026-005-01": [
        (1, "ai", STABLE_B), (2, "ai", STABLE_B), (5, "iot", STABLE_B), (8, "ai", STABLE_B), (10, "ai", STABLE_B),
        (3, "ai", ("2026-10", "2026-11")), (13, "iot", ("2026-09",)),
    ],
    # 24 enrolled, 13 stably employed: 54.2 %, remainder and bonus due
    "P2026-006-01": [
        (i, "care" if i % 2 else "nursing_home", ("2026-07", "2026-08", "2026-09", "2026-10"))
        for i in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13)
    ] + [
        (14, "nursing_home", ("2026-08", "2026-09", "2026-10")),
        (15, "care", ("2026-07", "2026-08")), (16, "care", ("2026-09",)),
    ],
    # 20 enrolled, 7 stably employed: 35 %, remainder due
    "P2026-006-02": [
        (i, "care" if i % 2 else "nursing_home", STABLE_B) for i in (0, 1, 2, 3, 5, 7, 9)
    ] + [(10, "care", ("2026-10", "2026-11")), (11, "nursing_home", ("2026-09",))],
}


def verified_on(month: str) -> dt.date:
    """The bureau checks the pension system on the 20th: a month's contribution is verified then."""
    day = dt.date.fromisoformat(f"{month}-20")
    assert day <= AS_OF, month
    return day


def employment() -> None:
    for cid, entries in EMPLOYMENT.items():
        c = CLS_BY_ID[cid]
        assert state(c) == "ended" and c.cert_on
        inst = PROJ[cid[:9]].institution
        seen = set()
        records = []
        for i, key, ms in sorted(entries, key=lambda e: e[0]):
            assert i not in seen and i < len(c.slots)
            seen.add(i)
            code = EMPLOYERS[key][0]
            assert code != inst
            cert_month = month_index(c.cert_on)
            for m in ms:
                assert cert_month + 1 <= month_index(m) <= cert_month + 6, (cid, i, m)
                assert month_index(m) <= month_index(AS_OF)
            records.append(factory.employment_record(person(c.slots[i].person), code,
                                                     {m: verified_on(m) for m in ms}))
        put(f"employment/2026/{cid}.yaml", factory.employment(cid, records),
            f"就业核验（示例）：{cid} 学员的企业职工基本养老保险缴费月份，由市人社局核验后登记。", {
                "records": "取得证书当月之后 6 个月内（M+1 … M+6）连续缴费 3 个月及以上，计为稳定就业（通知 四(五)）；\n"
                           "月份写作 \"YYYY-MM\" 并加引号；用人单位不得是承训单位本身；\n"
                           "verified_on：每个月份核验到缴费的日期，拨付是否合规按拨付当日已核验的月份判断",
            })


# -- prior subsidies ---------------------------------------------------------------------------------

def prior_subsidies() -> None:
    put("prior_subsidies.yaml", factory.prior_subsidies([
        factory.prior_subsidy(person(U_PERSON), D(2023, 11, 20), "4-10-01-06", "L5"),
        factory.prior_subsidy(person(X_PERSON), D(2024, 5, 17), "4-01-06-01", "L5"),
        factory.prior_subsidy(person(V_PERSON), D(2025, 3, 14), "4-10-01-05", "L5"),
        factory.prior_subsidy(person(X_PERSON), D(2025, 4, 25), "4-10-01-06", "L5"),
    ]), "已享受培训补贴（示例）：本系统以外已享受的职业培训补贴，由市人社局从补贴系统导出后登记。\n"
        "每人累计最多享受 3 次职业培训补贴；同一职业（工种）同一等级只补贴一次。")


# -- payments ----------------------------------------------------------------------------------------

# which phases the bureau has paid, and when (amounts come from the settlement)
PAYMENTS: dict[str, list[tuple[str, dt.date]]] = {
    "P2026-001-01": [("first", D(2026, 7, 20)), ("remainder", D(2026, 11, 12))],  # bonus still outstanding
    "P2026-002-01": [("first", D(2026, 8, 28))],  # remainder due, not yet paid
    "P2026-003-01": [("first", D(2026, 7, 24))],
    "P2026-004-01": [("first", D(2026, 11, 6))],
    "P2026-005-01": [("first", D(2026, 9, 4)), ("remainder", D(2026, 11, 25))],
    "P2026-006-01": [("first", D(2026, 7, 10)), ("remainder", D(2026, 10, 16)), ("bonus", D(2026, 10, 16))],
    "P2026-006-02": [("first", D(2026, 9, 11))],
}


def payments() -> None:
    rs = load_records(RECORDS)
    computed = compute(rs, AS_OF)
    settlement = {c.class_id: c for c in computed.classes}
    verdicts = verdicts_of(computed.ledger)
    n = 0
    for cid, phases in PAYMENTS.items():
        s = settlement[cid]
        installments = []
        for phase, paid_on in phases:
            result = s.phases[phase]
            assert result.status == "due", (cid, phase, result)
            then = due_on(rs, rs.classes[cid].model, paid_on, verdicts)  # lawful on the day it is paid
            assert then is not None and then.due_for(phase) == result.amount, (cid, phase, paid_on, then)
            assert paid_on >= CLS_BY_ID[cid].end_on
            n += 1
            installments.append(factory.installment(phase, result.amount, paid_on, f"WXCZ-2026-{n:04d}"))
        put(f"payments/2026/{cid}.yaml", factory.payments(cid, installments),
            f"补贴拨付（示例）：{cid} 已拨付的款项，由市人社局登记。", {
                "installments": "phase：first 首期（结业后，总额 80%）；remainder 剩余补贴（稳定就业率 30%（含）以上）；\n"
                                "bonus 跟补（50% 以上，成交单价 20%）。金额不得超过结算结果中该阶段的应付金额",
            })


# -- checks and writing ------------------------------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _looks_like_id(s: str) -> bool:
    total = sum(int(c) * w for c, w in zip(s[:17], ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == s[17].upper()


def pii_scan(rel: str, text: str) -> None:
    for m in re.finditer(r"(?=(\d{17}[\dXx]))", text):
        assert not _looks_like_id(m.group(1)), (rel, m.group(1))
    for m in re.finditer(r"(?<!\d)1[3-9]\d{9}(?!\d)", text):
        line = text[text.rfind("\n", 0, m.start()) + 1: text.find("\n", m.end())]
        assert line.strip().startswith("phone:"), (rel, line)
    for m in re.finditer(r"(?=(1[3-9]\d{9}))", text):  # also inside longer strings such as pseudonyms
        line = text[text.rfind("\n", 0, m.start()) + 1: text.find("\n", m.end())]
        assert line.strip().startswith("phone:"), (rel, line)


def check_people() -> None:
    spans: dict[int, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for c in CLS_BY_ID.values():
        ids = [s.person for s in c.slots]
        assert len(ids) == len(set(ids)), c.id
        for s in c.slots:
            spans[s.person].append((c.start_on, c.end_on, c.id))
    for pid, items in spans.items():
        items.sort()
        for (_, e1, c1), (s2, _, c2) in itertools.pairwise(items):
            assert e1 < s2, (pid, c1, c2)


def write_all() -> None:
    for rel, (record, head, notes) in sorted(OUT.items()):
        factory.write(record, RECORDS / rel, SCHEMAS, head=head, notes=notes)
        text = (RECORDS / rel).read_text(encoding="utf-8")
        assert not re.search(r"[&*]id\d", text), rel
        pii_scan(rel, text)
    OUT.clear()


def main() -> None:
    for sub in RECORDS.glob("*"):
        if sub.is_dir():
            shutil.rmtree(sub)
        elif sub.suffix in (".yaml", ".yml"):
            sub.unlink()
    policy()
    calls()
    catalog()
    roles()
    institutions()
    applications_and_projects()
    check_people()
    classes()
    employment()
    prior_subsidies()
    write_all()
    payments()
    write_all()
    result = compute(load_records(RECORDS), AS_OF)
    total = Decimal("0.00")
    for s in result.classes:
        if s.enrolled and any(p.status != "pending" for p in s.phases.values()):
            phases = " ".join(f"{k}={v.status}:{v.amount}" for k, v in s.phases.items())
            print(f"{s.class_id} enrolled={s.enrolled} certified={s.certified} counted={s.counted} "
                  f"employed={s.employed} rate={s.rate} {phases} due={s.due} paid={s.paid} outstanding={s.outstanding}")
            total += s.due
    print(f"total due {total}", file=sys.stderr)


if __name__ == "__main__":
    main()
