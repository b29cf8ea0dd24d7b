"""PII: no raw personal identifier anywhere in the records, comments included (docs/privacy.md).

The text is read as every output guard reads it (`generator.rules.piiform`: one normal form, one
scan), so that whatever the build would refuse to publish is refused here first, with its line.

Findings are printed in public CI logs, so a message never repeats the identifier it found: it
shows a masked form (3201**********0056) and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from generator.findings import Loc
from generator.records.fastyaml import scalar_at
from generator.records.kinds import kind_for
from generator.records.loaded import LoadResult
from generator.records.recordset import Record, RecordSet
from generator.records.texts import text_scan
from generator.records.yamlio import line_index
from generator.rules.common import mask
from generator.rules.piiform import (
    DIGIT_ZEROS,
    MAINLAND,
    PROVINCES,
    Identifier,
    LineCounter,
    find_identifiers,
    find_pseudonyms,
    is_old_resident_id,
    is_resident_id,
    normal_form,
)
from generator.rules.registry import ERROR, Context, Hit, rule

__all__ = ["DIGIT_ZEROS", "MAINLAND", "PROVINCES", "Identifier", "find_identifiers", "find_pseudonyms",
           "identifier_message", "is_old_resident_id", "is_resident_id", "normal_form", "scan_text"]

PERSON_RE = re.compile(r"^p_[0-9a-f]{24}$")
CERTIFICATE_RE = re.compile(r"^c_[0-9a-f]{24}$")


def identifier_message(ident: Identifier) -> str:
    if ident.kind == "ric":
        check = "校验位正确" if len(ident.digits) == 18 else "15 位旧号码，出生日期有效"
        return (f"发现疑似公民身份号码 {mask(ident.digits)}（{check}）。记录中（包括注释）不得出现身份证号码，"
                "也不得用空格、连字符、斜线、全角数字、不可见字符等改写：请删除；参训人员只以市人社局导入时生成的假名（p_…）出现")
    return (f"发现疑似手机号码 {mask(ident.digits)}。除申报表的项目联系人电话（contact.phone）外，"
            "记录中（包括注释）不得出现手机号码，也不得用空格、斜线、不可见字符等改写：请删除")


def _contact_phone(text: str) -> tuple[int, str] | None:
    """The line and value of an application's contact.phone (a second, composing parse, only when needed)."""
    found = scalar_at(line_index(text), ("contact", "phone"))
    if found is None:
        return None
    return found[0], re.sub(r"[^0-9]", "", normal_form(found[1]))


@text_scan("PII")
def scan_text(rel: str, text: str) -> list[tuple[int, str]]:
    """(line, message) for each raw identifier in one file's text. It depends on nothing but the
    text and whether the file is an application, so the loader runs it while it has the text, and
    the cache keeps its result with the file's content."""
    normal = normal_form(text)
    found = find_identifiers(normal, normal=True)
    if not found:
        return []
    phone = None
    kind = kind_for(PurePosixPath(rel))
    if any(i.kind == "mobile" for i in found) and kind is not None and kind.name == "application":
        phone = _contact_phone(text)
    hits = []
    lines = LineCounter(normal)
    for ident in found:
        line = lines.line(ident.start)
        if ident.kind == "mobile" and phone is not None and line == phone[0] and ident.digits in phone[1]:
            continue  # the institution's own contact number, published on purpose
        hits.append((line, identifier_message(ident)))
    return hits


def _text_hits(loaded: LoadResult) -> Iterator[Hit]:
    for path, hits in loaded.scanned("PII", scan_text).items():
        for line, message in hits:
            yield Hit(path, (), message, line=line)


def _format_hit(rec: Record[Any], loc: Loc, value: str, what: str, pattern: re.Pattern[str], prefix: str
                ) -> Iterator[Hit]:
    if pattern.match(value) or find_identifiers(value):
        return  # well formed, or already reported as a raw identifier on this line
    yield Hit(rec, loc, f"{what}“{mask(value)}”不是假名格式：应为 {prefix} 加 24 位小写十六进制数字，"
                        "由市人社局导入花名册时生成。请勿填写姓名、身份证号码或证书编号：请删除此项，"
                        "用 peixun seal-roster 重新提交花名册")


def _format_hits(rs: RecordSet) -> Iterator[Hit]:
    for rec in rs.classes.values():
        for i, t in enumerate(rec.model.trainees):
            yield from _format_hit(rec, ("trainees", i, "person"), t.person, f"第 {i + 1} 名参训人员的 person ",
                                   PERSON_RE, "p_")
            cert = t.assessment.certificate if t.assessment else None
            if cert is not None:
                yield from _format_hit(rec, ("trainees", i, "assessment", "certificate", "number_ref"),
                                       cert.number_ref, f"第 {i + 1} 名参训人员的证书 number_ref ",
                                       CERTIFICATE_RE, "c_")
    for emp in rs.employment.values():
        for i, entry in enumerate(emp.model.records):
            yield from _format_hit(emp, ("records", i, "person"), entry.person, f"第 {i + 1} 条就业记录的 person ",
                                   PERSON_RE, "p_")
    if rs.prior_subsidies:
        for i, s in enumerate(rs.prior_subsidies.model.subsidies):
            yield from _format_hit(rs.prior_subsidies, ("subsidies", i, "person"), s.person,
                                   f"第 {i + 1} 条已享受补贴的 person ", PERSON_RE, "p_")


@rule("PII", ERROR, "个人信息保护法 第二十五条",
      "记录中没有身份证号码、联系方式以外的手机号码，人员和证书只以假名（p_…、c_…）出现", scope="class")
def personal_identifiers(ctx: Context) -> Iterator[Hit]:
    yield from _text_hits(ctx.loaded)
    yield from _format_hits(ctx.records)
