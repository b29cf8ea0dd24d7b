"""The notice's own structure (关于试行重点群体项目化就业技能培训的通知), so that every clause the
code cites can be checked against it.

A citation is only useful if it points at a part the notice has: an earlier reading cited 二(一)
and 二(二) for the call and the selection, but 二 (培训对象) has no sub-items; 项目征集 is 四(一) and
项目确定 is 四(二). Rules, facts and messages cite ``通知 <part>[、<part>…]``, where a part is a
section (一 … 六) or one of its numbered items (四(二)); the attachment (the 征集表) is cited as
``附件 <part>``. `unknown_parts` returns what a citation names that the notice does not have.
"""

from __future__ import annotations

import re

# Section → (title, {item → title}), in the notice's order. Only 一, 四 and 五 have numbered items.
SECTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "一": ("培训内容", {"(一)": "培训定位", "(二)": "征集方向"}),
    "二": ("培训对象", {}),
    "三": ("培训主体", {}),
    "四": ("培训实施", {"(一)": "项目征集", "(二)": "项目确定", "(三)": "培训单价", "(四)": "培训管理",
                    "(五)": "补贴方式"}),
    "五": ("相关要求", {"(一)": "协议与培训过程资料", "(二)": "预算统筹与监督", "(三)": "施行与新规定"}),
    "六": ("咨询方式", {}),
}

# The attachment (重点群体项目化就业技能培训项目征集表): its parts a citation may name.
ATTACHMENT_PARTS = frozenset({"征集表", "项目申报单位意见", "备注", "培训项目说明"})

PART = re.compile(r"([一二三四五六七八九十]+)(\([一二三四五六七八九十]+\))?")
CITATION = re.compile(r"通知\s*((?:[一二三四五六七八九十]+(?:\([一二三四五六七八九十]+\))?)"
                      r"(?:[、,，]\s*[一二三四五六七八九十]+(?:\([一二三四五六七八九十]+\))?)*)")


def parts() -> list[str]:
    """Every citable part of the notice, in its order: 一, 一(一), 一(二), 二, 三, 四, 四(一), …"""
    found: list[str] = []
    for section, (_, items) in SECTIONS.items():
        found.append(section)
        found.extend(section + item for item in items)
    return found


def exists(part: str) -> bool:
    """Whether `part` (``四(二)``, ``二``; full-width brackets allowed) is a part of the notice."""
    match = PART.fullmatch(part.strip().replace("（", "(").replace("）", ")"))
    if match is None or match.group(1) not in SECTIONS:
        return False
    return match.group(2) is None or match.group(2) in SECTIONS[match.group(1)][1]


def unknown_parts(clause: str) -> list[str]:
    """The parts a clause (``通知 四(一)、四(二)``, ``附件 征集表``) names that the notice lacks;
    citations of other documents (a law, a standard, a provincial rule) are not judged here."""
    text = clause.strip().replace("（", "(").replace("）", ")")
    if text.startswith("附件"):
        part = text.removeprefix("附件").strip()
        return [] if part in ATTACHMENT_PARTS else [text]
    if not text.startswith("通知"):
        return []
    body = text.removeprefix("通知").strip()
    return [part for part in re.split(r"[、,，]\s*", body) if not exists(part)]


def citations(text: str) -> list[str]:
    """Every ``通知 …`` citation in a text, each as the parts it names (``四(一)、四(二)``)."""
    return [m.group(1) for m in CITATION.finditer(text.replace("（", "(").replace("）", ")"))]
