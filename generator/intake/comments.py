"""The Chinese comment above each section of a new record, shared by `peixun new` and the web form.

A record written by a tool is still read and edited by people; a line saying what a section is
for and which clause of the notice governs it saves them a trip to the documentation.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

HEADERS = {
    "institution": "培训主体（通知 三）：由本单位维护；编码须加引号。",
    "application": "重点群体项目化就业技能培训项目征集表。日期写作 YYYY-MM-DD；编码、电话须加引号。",
    "class": "培训班次：由承训单位维护；花名册用 peixun seal-roster 加密提交，由市人社局导入，仓库中只有假名。",
}

SECTIONS: dict[str, dict[str, str]] = {
    "institution": {
        "uscc": "统一社会信用代码：18 位，第 3-8 位为登记机关行政区划码（须以政策的 region_codes 开头），须加引号",
        "type": "单位类型（通知 三）：university 普通高等院校；"
                "vocational_college 职业院校（含技师学院、高级技工学校）；training_institution 职业技能培训机构",
        "qualification": "培训资质证明（通知 三）：申报日须在有效期内；长期有效填 null",
        "violations": "培训违法违规记录（通知 三）：申报日前三年内有记录的，不得申报",
        "maintainers": "代码托管平台上可修改本单位文件的账号",
    },
    "application": {
        "project_name": "项目名称（附件 备注）：目录内工种用《职业分类大典》(2022年版)名称；新开发项目以名词加动词命名",
        "catalog": "是否为目录内工种；目录内工种须填写工种编码和等级（L5 五级 … L1 一级，special 专项职业能力）",
        "category": "类别（通知 四(三)）与征集方向（通知 一(二)）；征集方向为“其他”时须填 industry_chain",
        "contact": "项目联系人：手机或座机（如 \"0510-82829088\"），须加引号",
        "target_groups": "培训对象（通知 二）",
        "description": "培训项目说明：行业领域现状、岗位和技能需求、培训预期目标（含预期重点群体就业率）",
        "curriculum": "培训课程（通知 四(四)）：总课时不低于 40，实操课时原则上不低于 60%；1 课时 = 45 分钟",
        "evaluation": "技能评价：skill_level_certificate 职业技能等级证书；"
                      "special_ability_certificate 专项职业能力证书；training_certificate 培训合格证书",
        "employers": "岗位需求：用人单位及岗位数量（“四位一体”之一）",
        "employment_service": "就业服务计划",
        "planned": "培训计划：人数、班次和预期就业率（0 到 1 之间）",
        "budget": "培训费用预算（元/人）：明细之和等于申报单价；单价不超过目录标准或新开发项目上限（通知 四(三)）",
        "declaration": "项目申报单位意见：用 peixun form 打印征集表，法定代表人签名、单位盖章后扫描，"
                       "扫描件在 Git 之外保存，这里记录其 SHA-256",
    },
    "class": {
        "periods": "课时（通知 四(四)）：总课时不低于 40，实操原则上不低于 60%；1 课时 = 45 分钟",
        "supervision": "云眸工程监管编号（通知 四(四)）",
        "evidence": "培训全过程视频和图片（通知 五(一)）：文件保存在 Git 之外，这里记录位置和 SHA-256；"
                    "结业后至少一段视频和一张图片",
        "trainees": "参训人员：开班后用 peixun seal-roster 加密提交花名册，由市人社局导入，只写入假名；"
                    "不得填写姓名、身份证号码或证书编号",
    },
}


def commented(kind: str, data: dict[str, Any]) -> CommentedMap:
    """The record as a ruamel map with its header line and a comment above each known section."""
    m = CommentedMap(data)
    m.yaml_set_start_comment(HEADERS[kind])
    for key, note in SECTIONS[kind].items():
        if key in m:
            m.yaml_set_comment_before_after_key(key, before=note, indent=0)
    return m
