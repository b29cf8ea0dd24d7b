"""Identifiers used in records and their Chinese labels (docs/records.md).

Records store the English identifier; the site, messages and editors show the label.
"""

from typing import Literal, get_args

Group = Literal[
    "low_income_family_child",
    "graduating_student",
    "school_leaver",
    "rural_migrant_worker",
    "registered_unemployed",
    "employment_difficulty",
]
GROUP_LABELS: dict[str, str] = {
    "low_income_family_child": "原建档立卡低收入家庭子女",
    "graduating_student": "毕业学年高校毕业生",
    "school_leaver": "城乡未继续升学的应届初高中毕业生",
    "rural_migrant_worker": "农村转移就业劳动者",
    "registered_unemployed": "城镇登记失业人员",
    "employment_difficulty": "就业困难人员",
}

InstitutionType = Literal["university", "vocational_college", "training_institution"]
INSTITUTION_TYPE_LABELS: dict[str, str] = {
    "university": "普通高等院校",
    "vocational_college": "职业院校（含技师学院、高级技工学校）",
    "training_institution": "职业技能培训机构",
}

Level = Literal["L5", "L4", "L3", "L2", "L1", "special"]
LEVEL_LABELS: dict[str, str] = {
    "L5": "五级/初级工",
    "L4": "四级/中级工",
    "L3": "三级/高级工",
    "L2": "二级/技师",
    "L1": "一级/高级技师",
    "special": "专项职业能力",
}

Category = Literal["manufacturing", "production_service", "life_service"]
CATEGORY_LABELS: dict[str, str] = {
    "manufacturing": "制造类",
    "production_service": "生产服务类",
    "life_service": "生活服务类",
}

Field = Literal[
    "smart_manufacturing",
    "digital_economy",
    "low_altitude_economy",
    "artificial_intelligence",
    "elderly_care",
    "other",
]
FIELD_LABELS: dict[str, str] = {
    "smart_manufacturing": "智能制造",
    "digital_economy": "数字经济",
    "low_altitude_economy": "低空经济",
    "artificial_intelligence": "人工智能",
    "elderly_care": "康养服务",
    "other": "其他（须注明服务的产业集群或产业链）",
}

EvaluationKind = Literal["skill_level_certificate", "special_ability_certificate", "training_certificate"]
EVALUATION_LABELS: dict[str, str] = {
    "skill_level_certificate": "职业技能等级证书",
    "special_ability_certificate": "专项职业能力证书",
    "training_certificate": "培训合格证书",
}

ProjectStatus = Literal["recommended", "selected", "rejected", "terminated", "completed"]
STATUS_LABELS: dict[str, str] = {
    "recommended": "已推荐",
    "selected": "已入选",
    "rejected": "未入选",
    "terminated": "已终止",
    "completed": "已完成",
}

EvidenceKind = Literal["video", "image", "document"]
EVIDENCE_LABELS: dict[str, str] = {"video": "视频", "image": "图片", "document": "文档"}

Phase = Literal["first", "remainder", "bonus"]
PHASE_LABELS: dict[str, str] = {"first": "首期（80%）", "remainder": "剩余补贴", "bonus": "跟补（20%）"}

ALL_LABELS: dict[str, dict[str, str]] = {
    "group": GROUP_LABELS,
    "institution_type": INSTITUTION_TYPE_LABELS,
    "level": LEVEL_LABELS,
    "category": CATEGORY_LABELS,
    "field": FIELD_LABELS,
    "evaluation": EVALUATION_LABELS,
    "status": STATUS_LABELS,
    "evidence": EVIDENCE_LABELS,
    "phase": PHASE_LABELS,
}


def values(literal: object) -> tuple[str, ...]:
    return tuple(get_args(literal))


# Fields a record format no longer has, as the site's change history names them when an old
# commit changed or removed them: kind → field name (the last step of its path) → label. A field
# that is in no model and not here is named by UNKNOWN_FIELD, never by its raw key.
RETIRED_FIELD_LABELS: dict[str, dict[str, str]] = {
    "project": {"score": "评审得分（格式 1 的总分，现由各专家评分计算）"},
}
UNKNOWN_FIELD = "其他字段"


def label_of(value: str) -> str:
    """The Chinese label of any identifier, or the identifier itself when it has none."""
    for table in ALL_LABELS.values():
        if value in table:
            return table[value]
    return value
