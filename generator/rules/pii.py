"""PII: no raw personal identifier anywhere in the records, comments included (docs/privacy.md).

Findings are printed in public CI logs, so a message never repeats the identifier it found: it
shows a masked form (3201**********0056) and the line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from generator.findings import Loc
from generator.records.fastyaml import scalar_at
from generator.records.kinds import kind_for
from generator.records.recordset import Record, RecordSet
from generator.records.texts import text_scan
from generator.records.yamlio import line_index
from generator.rules.common import mask
from generator.rules.registry import ERROR, Context, Hit, rule

# 18 characters: 17 digits and a digit or X (GB 11643-1999), not inside a longer run of digits
RIC_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
# a mainland mobile, optionally after +86, written whole or as 3-4-4 with one kind of separator
MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9]([- ]?)[0-9]{4}\2[0-9]{4})(?![0-9])")
# hashes and pseudonyms: long hexadecimal tokens in which an 11-digit run is chance, not a phone
HEX_TOKEN_RE = re.compile(r"(?<![0-9A-Za-z])(?=[0-9]*[a-fA-F])[0-9a-fA-F]{24,}(?![0-9A-Za-z])")
# every match of RIC_RE lies in a maximal run of 17 or more digits, which this finds without a
# look-behind (so the regex engine can search for its first character); finditer resumes after it
_DIGIT_RUN = re.compile(r"[0-9]{17,}[Xx]?")
_DIGITS = tuple("0123456789")
# every match of MOBILE_RE contains a match of this, which scans faster for the same reason: a text
# without one holds no mobile number, and the full scan is skipped (open data holds 18-digit USCCs
# but no mobile-like run)
_MOBILE_HINT = re.compile(r"1[3-9][0-9]{9}(?![0-9])|1[3-9][0-9][- ][0-9]{4}[- ][0-9]{4}")
PERSON_RE = re.compile(r"^p_[0-9a-f]{24}$")
CERTIFICATE_RE = re.compile(r"^c_[0-9a-f]{24}$")



@dataclass(frozen=True)
class Identifier:
    start: int
    end: int
    kind: str  # "ric" or "mobile"
    digits: str

    def message(self) -> str:
        if self.kind == "ric":
            return (f"发现疑似公民身份号码 {mask(self.digits)}（校验位正确）。记录中（包括注释）不得出现身份证号码："
                    "请删除；参训人员只以市人社局导入时生成的假名（p_…）出现")
        return (f"发现疑似手机号码 {mask(self.digits)}。除申报表的项目联系人电话（contact.phone）外，"
                "记录中（包括注释）不得出现手机号码：请删除")


@functools.lru_cache(maxsize=4096)
def is_resident_id(candidate: str) -> bool:
    """The check character of GB 11643-1999 and a real birth date (which rules out most other
    18-digit codes, e.g. a numeric USCC)."""
    number = candidate.upper()
    try:
        if ric.calc_check_digit(number) != number[-1]:
            return False
        born = ric.get_birth_date(number)
    except (ValidationError, ValueError):
        return False
    return 1900 <= born.year <= 2099


def _resident_ids(text: str) -> Iterator[Identifier]:
    """The matches of RIC_RE that pass the check, found as maximal digit runs: a pattern that starts
    with a look-behind cannot use the regex engine's first-character search, this one can."""
    for m in _DIGIT_RUN.finditer(text):
        start, end = m.span()
        has_x = text[end - 1] in "Xx"
        digits = end - start - has_x
        if digits == 18:
            end = start + 18  # as RIC_RE: 18 digits, whatever letter follows
        elif not (digits == 17 and has_x and text[end:end + 1] not in _DIGITS):
            continue  # RIC_RE needs 17 digits and an X with no digit after it, or 18 digits
        number = text[start:end]
        if is_resident_id(number):  # the same number recurs across a site: the check is cached
            yield Identifier(start, end, "ric", number.upper())


def find_identifiers(text: str) -> list[Identifier]:
    """Every resident-ID number and mobile number in `text`, in order."""
    found = list(_resident_ids(text))
    mobiles = list(MOBILE_RE.finditer(text)) if _MOBILE_HINT.search(text) else []
    hex_spans = [m.span() for m in HEX_TOKEN_RE.finditer(text)] if mobiles else []
    for m in mobiles:
        if not any(a <= m.start() and m.end() <= b for a, b in hex_spans):
            found.append(Identifier(m.start(), m.end(), "mobile", re.sub(r"[- ]", "", m.group(1))))
    return sorted(found, key=lambda i: i.start)


def _contact_phone(text: str) -> tuple[int, str] | None:
    """The line and value of an application's contact.phone (a second, composing parse, only when needed)."""
    found = scalar_at(line_index(text), ("contact", "phone"))
    if found is None:
        return None
    return found[0], re.sub(r"[^0-9]", "", found[1])


@text_scan("PII")
def scan_text(rel: str, text: str) -> list[tuple[int, str]]:
    """(line, message) for each raw identifier in one file's text. It depends on nothing but the
    text and whether the file is an application, so the loader runs it while it has the text, and
    the cache keeps its result with the file's content."""
    found = find_identifiers(text)
    if not found:
        return []
    phone = None
    kind = kind_for(PurePosixPath(rel))
    if any(i.kind == "mobile" for i in found) and kind is not None and kind.name == "application":
        phone = _contact_phone(text)
    hits = []
    for ident in found:
        line = text.count("\n", 0, ident.start) + 1
        if ident.kind == "mobile" and phone is not None and line == phone[0] and ident.digits in phone[1]:
            continue  # the institution's own contact number, published on purpose
        hits.append((line, ident.message()))
    return hits


def _text_hits(rs: RecordSet) -> Iterator[Hit]:
    for path, hits in rs.scanned("PII", scan_text).items():
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
      "记录中没有身份证号码、联系方式以外的手机号码，人员和证书只以假名（p_…、c_…）出现")
def personal_identifiers(ctx: Context) -> Iterator[Hit]:
    yield from _text_hits(ctx.records)
    yield from _format_hits(ctx.records)
