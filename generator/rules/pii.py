"""PII: no raw personal identifier anywhere in the records, comments included (docs/privacy.md).

Findings are printed in public CI logs, so a message never repeats the identifier it found: it
shows a masked form (3201**********0056) and the line.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from generator.findings import Loc
from generator.records.fastyaml import scalar_at
from generator.records.kinds import kind_for
from generator.records.loaded import LoadResult
from generator.records.recordset import Record, RecordSet
from generator.records.texts import text_scan
from generator.records.yamlio import line_index
from generator.rules.common import mask
from generator.rules.registry import ERROR, Context, Hit, rule

# Numbers are looked for on a normal form of the text (`normal_form`): the compatibility
# characters people type instead of digits and Latin letters (full-width ０-９ and Ｘ, circled ①,
# super- and subscripts, mathematical 𝟏, ligatures) become what NFKC makes of them, and the digits
# of every other script (Arabic-Indic ٠-٩, Devanagari ०-९, ...: NFKC leaves them alone, but a
# number is the same number in them) become 0-9; between
# digits, up to three separators (spaces, hyphens and dashes, dots, underscores, zero-width
# characters, in any width) are ignored. A run of digits so joined is one number; it is reported
# when it is, as a whole, an 18-digit resident ID (GB 11643-1999 check character, a birth date, a
# province code), an old 15-digit ID (province code and a birth date in 19YY), or a mobile
# number with or without 86/0086 (the whole run must use one separator, bar a leading 86). Inside
# a longer joined run, a stretch of whole groups is reported too: a checked 18-digit ID wherever it
# stands (its check character makes chance matches rare), a mobile or a 15-digit ID only where it
# stands apart from its neighbours (see `_inside`).
_COMPAT_RANGES = ((0xA0, 0x2C0), (0x2000, 0x2500), (0x3000, 0x3001), (0x3200, 0x3400), (0xFB00, 0xFB07),
                  (0xFE50, 0xFE70), (0xFF00, 0xFFF0), (0x1D400, 0x1D800), (0x1F100, 0x1F200), (0x1FBF0, 0x1FBFA))
# what NFKC must produce for a character to matter: a digit, a Latin letter or the pseudonyms' `_`
# (compatibility spaces, dots and dashes are listed among the SEPARATORS instead, so that an
# ellipsis or an ideographic space in Chinese text does not send a page through normalisation)
_RELEVANT = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
SEPARATORS = (" \t\u00a0\u00ad\u00b7\u180e\u2000-\u200d\u2010-\u2015\u2022\u2024\u2027\u202f\u2043\u205f\u2060"
              "\u2025\u2026\u2212\u3000\u3002\u30fb\ufe31\ufe32\ufe52\ufe58\ufe63\ufeff\uff0d\uff0e\uff3f\uff61\uff65._-")
_SEP = f"[{SEPARATORS}]"
# Figures separated by blanks alone are everywhere (a table row in a search index: 193 121 196 18);
# a number without a check character written with blanks counts only in the groupings people use
# for it: a mobile as 3-4-4, 3-8, 4-4-3 or 4-7, an old ID as 6-6-3 or 6-9, either digit by digit.
# Any other separator (hyphen, dot, zero-width, ...) joins whatever the grouping.
_SPACES = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
SPACED_MOBILE = frozenset({(3, 4, 4), (3, 8), (4, 4, 3), (4, 7), (11,), (1,) * 11})
SPACED_OLD_ID = frozenset({(6, 6, 3), (6, 9), (15,), (1,) * 15})
# possessive: a run is never given back, which makes the search three times faster
_RUN = re.compile(rf"[0-9](?:{_SEP}{{0,3}}+[0-9]){{10,}}+(?:{_SEP}{{0,3}}[Xx])?")
_GROUP = re.compile(r"[0-9Xx]+")
_MOBILE = re.compile(r"(?:0086|86)?(1[3-9][0-9]{9})")
# hashes and pseudonyms: long hexadecimal tokens in which a run of digits is chance, not a number
_HEX = frozenset("0123456789abcdefABCDEF")
HEX_TOKEN_MIN = 24
# the first two digits: a mainland province (the only ones in a 15-digit ID), Taiwan, and on the
# residence permits of Hong Kong, Macao and Taiwan residents (81-83) and foreigners' permanent
# residence ID cards (9 and the province)
MAINLAND = frozenset({"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
                      "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
                      "65"})
PROVINCES = MAINLAND | {"71", "81", "82", "83", "91", "92", "93", "94", "95", "96"}
PERSON_RE = re.compile(r"^p_[0-9a-f]{24}$")
CERTIFICATE_RE = re.compile(r"^c_[0-9a-f]{24}$")
# a keyed pseudonym: p_ or c_ and 24 hex digits in any case, or a bare run of exactly 24 hex digits
# with no Latin letter or digit on either side (a Git SHA has 40, a SHA-256 64: neither is such a
# run); found as maximal runs of 24 or more hex digits, which the regex engine finds fast
_HEX_RUN = re.compile(r"[0-9a-fA-F]{24,}+")
# the quick test first: bytes mapped to h (hex digit) or . (anything else, every byte of a
# multibyte character included) and searched for 24 h's, five times faster than the regex
_HEX_BYTES = bytes(0x68 if chr(b) in "0123456789abcdefABCDEF" else 0x2E for b in range(256))
_HEX_NEEDLE = b"h" * 24
_PREFIXES = frozenset({"p_", "P_", "c_", "C_"})


# The zero of every decimal digit system outside ASCII (Unicode category Nd; each system is ten
# consecutive code points, zero first), for Python's Unicode database; a test keeps this list equal
# to what `unicodedata` says, so a newer Python with new scripts fails loudly instead of missing them.
DIGIT_ZEROS = (
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0,
    0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
    0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50,
    0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
    0x1E2F0, 0x1E950, 0x1FBF0,
)

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _char_class(chars: list[str]) -> str:
    """A regex character class of `chars` as ranges of consecutive code points."""
    ranges: list[list[int]] = []
    for cp in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"


@functools.cache
def _compat() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The compatibility characters whose NFKC form holds a digit, a Latin letter or `_`, and
    the digits of other scripts (computed once, on first use: about 2,000 characters), as two
    patterns, those in the Basic Multilingual Plane and those above it (the regex engine searches
    a class of the first kind with a table, but tries the ranges of a mixed class one by one: 300
    times slower), and their forms."""
    table: dict[str, str] = {}
    for low, high in _COMPAT_RANGES:
        for cp in range(low, high):
            char = chr(cp)
            form = unicodedata.normalize("NFKC", char)
            if form != char and not _RELEVANT.isdisjoint(form):
                table[char] = form
    for zero in DIGIT_ZEROS:
        for value in range(10):
            table.setdefault(chr(zero + value), str(value))
    bmp = [c for c in table if ord(c) < 0x10000]
    astral = [c for c in table if ord(c) >= 0x10000]
    return re.compile(_char_class(bmp)), re.compile(_char_class(astral)), table


def normal_form(text: str) -> str:
    """`text` with every compatibility character whose NFKC form holds a digit, a Latin letter or
    `_` replaced by that form; the same object when there is none (the usual case, found by
    a table search). Newlines are untouched, so line numbers are the same in both."""
    bmp, astral, table = _compat()
    if bmp.search(text) is not None:
        text = bmp.sub(lambda m: table[m.group()], text)
    if _ASTRAL.search(text) is not None and astral.search(text) is not None:
        text = astral.sub(lambda m: table[m.group()], text)
    return text


@dataclass(frozen=True)
class Identifier:
    start: int  # in `normal_form(text)`
    end: int
    kind: str  # "ric" or "mobile"
    digits: str

    def message(self) -> str:
        if self.kind == "ric":
            check = "校验位正确" if len(self.digits) == 18 else "15 位旧号码，出生日期有效"
            return (f"发现疑似公民身份号码 {mask(self.digits)}（{check}）。记录中（包括注释）不得出现身份证号码，"
                    "也不得用空格、连字符、全角数字等改写：请删除；参训人员只以市人社局导入时生成的假名（p_…）出现")
        return (f"发现疑似手机号码 {mask(self.digits)}。除申报表的项目联系人电话（contact.phone）外，"
                "记录中（包括注释）不得出现手机号码：请删除")


@functools.lru_cache(maxsize=4096)
def is_resident_id(candidate: str) -> bool:
    """The check character of GB 11643-1999, a real birth date (which rules out most other
    18-digit codes, e.g. a numeric USCC) and a province code."""
    number = candidate.upper()
    if number[:2] not in PROVINCES:
        return False
    try:
        if ric.calc_check_digit(number) != number[-1]:
            return False
        born = ric.get_birth_date(number)
    except (ValidationError, ValueError):
        return False
    return 1900 <= born.year <= 2099


@functools.lru_cache(maxsize=4096)
def is_old_resident_id(number: str) -> bool:
    """A 15-digit ID (issued before 1999): province code, then area, then the birth date as YYMMDD
    in the 1900s, then a sequence number; it has no check character."""
    if len(number) != 15 or not number.isdigit() or number[:2] not in MAINLAND:
        return False
    try:
        dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def _in_hex_token(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies in a run of HEX_TOKEN_MIN or more hexadecimal digits."""
    left, right = start, end
    while left > 0 and text[left - 1] in _HEX:
        left -= 1
    while right < len(text) and text[right] in _HEX:
        right += 1
    return right - left >= HEX_TOKEN_MIN and text[start:end].isascii()


_Group = tuple[int, int, str, str]  # start, end, digits, the separator before it ("" for the first)


def _groups(run: re.Match[str]) -> list[_Group]:
    raw, base = run.group(), run.start()
    if raw.isascii() and raw.isalnum():
        return [(run.start(), run.end(), raw.upper(), "")]
    groups: list[_Group] = []
    previous = 0
    for g in _GROUP.finditer(raw):
        groups.append((base + g.start(), base + g.end(), g.group().upper(), raw[previous:g.start()]))
        previous = g.end()
    return groups


def _consistent(groups: list[_Group]) -> bool:
    """Whether the groups are joined by one and the same separator (after a leading 86 or 0086,
    which may stand apart): a number written out in a disguise (138 1234 5678, 138-1234-5678) is;
    figures that merely follow each other (1.5 0 2.25-.9 in an SVG path, 2026-05-01 2026-06-30)
    are not."""
    seps = [g[3] for g in groups[1:]]
    if len(groups) > 2 and groups[0][2] in ("86", "0086"):
        seps = seps[1:]
    return len(set(seps)) <= 1


def _judge(text: str, run: re.Match[str]) -> Iterator[Identifier]:
    groups = _groups(run)
    found = list(_whole(text, run.start(), run.end(), groups)) if _consistent(groups) else []
    if found:
        yield from found
    elif len(groups) > 1:
        yield from _inside(text, groups)


def _whole(text: str, start: int, end: int, groups: list[_Group]) -> Iterator[Identifier]:
    number = "".join(g[2] for g in groups)
    plain = len(groups) == 1
    if len(number) == 18 and is_resident_id(number):
        yield Identifier(start, end, "ric", number)
        return
    if number[-1] == "X":
        return  # only a resident ID ends in X
    mobile = _MOBILE.fullmatch(number)
    old = mobile is None and is_old_resident_id(number)
    if (mobile is None and not old) or (plain and _in_hex_token(text, start, end)):
        return  # no number without a check character, or digits inside a hash or a pseudonym
    if not plain and _spaced(groups) and _sizes(groups) not in (SPACED_MOBILE if mobile else SPACED_OLD_ID):
        return  # small figures in a row (a table's cells): 193 121 196 18 is no mobile
    if mobile is not None:
        yield Identifier(start, end, "mobile", mobile.group(1))
    else:
        yield Identifier(start, end, "ric", number)


def _spaced(groups: list[_Group]) -> bool:
    return all(not g[3].strip(_SPACES) for g in groups[1:])


def _sizes(groups: list[_Group]) -> tuple[int, ...]:
    """The sizes of the groups, after a leading 86 or 0086 (standing apart or not) of a mobile."""
    sizes = [len(g[2]) for g in groups]
    number = "".join(g[2] for g in groups)
    prefix = len(number) - 11 if len(number) in (13, 15) and number.startswith(("86", "0086")) else 0
    while prefix and sizes:
        cut = min(prefix, sizes[0])
        sizes[0] -= cut
        prefix -= cut
        if not sizes[0]:
            sizes.pop(0)
    return tuple(sizes)


def _longest_stretch(groups: list[_Group]) -> int:
    """The most digits in consecutive groups joined by one and the same separator."""
    best = run = len(groups[0][2])
    joint = None
    for k in range(1, len(groups)):
        size = len(groups[k][2])
        if groups[k][3] == joint:
            run += size
        else:
            joint, run = groups[k][3], len(groups[k - 1][2]) + size
        best = max(best, run)
    return best


def _inside(text: str, groups: list[_Group]) -> Iterator[Identifier]:
    """Identifiers made of whole, consistently joined groups inside a longer joined run, left to
    right: a checked 18-digit ID wherever it stands; a mobile or an old ID only where it stands
    apart, its neighbours joined to it otherwise than its own groups are (第5 13812345678,
    p_…29d5 13812345678), never inside a run of figures joined alike (193 121 196 18 …)."""
    if _longest_stretch(groups) < 11:
        return  # figures joined by ever-changing separators (an SVG path): nothing to look for
    ends = list(itertools.accumulate(len(g[2]) for g in groups))  # digits up to the end of each group
    starts = [0, *ends[:-1]]
    last = len(groups) - 1
    i = 0
    while i <= last:
        for size in (18, 15, 13, 11):
            j = bisect.bisect_left(ends, starts[i] + size, i)
            if j > last or ends[j] != starts[i] + size or (i == 0 and j == last):
                continue
            part = groups[i:j + 1]
            inner = {g[3] for g in part[1:]}
            if len(inner) > 1:
                continue
            joint = next(iter(inner), "")
            apart = (i == 0 or groups[i][3] != joint) and (j == last or groups[j + 1][3] != joint)
            if size != 18 and not apart:
                continue
            found = next(_whole(text, part[0][0], part[-1][1], part), None)
            if found is not None:
                yield found
                i = j
                break
        i += 1


def find_identifiers(text: str, *, normal: bool = False) -> list[Identifier]:
    """Every resident-ID number and mobile number in `normal_form(text)` (`text` itself when the
    caller says it is normal already), in order."""
    if not normal:
        text = normal_form(text)
    return [ident for run in _RUN.finditer(text) for ident in _judge(text, run)]


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def find_pseudonyms(text: str, *, normal: bool = False) -> list[tuple[int, int]]:
    """The spans of every keyed pseudonym in `normal_form(text)` (or `text`, as above): p_/c_ and
    24 hex digits in any case, or a bare run of exactly 24 hex digits."""
    if not normal:
        text = normal_form(text)
    if text.encode("utf-8", "surrogatepass").translate(_HEX_BYTES).find(_HEX_NEEDLE) < 0:
        return []
    spans = []
    for m in _HEX_RUN.finditer(text):
        start, end = m.span()
        if end - start != 24:
            continue
        if text[max(0, start - 2):start] in _PREFIXES:
            spans.append((start - 2, end))
        elif not (start > 0 and _ascii_alnum(text[start - 1])) and not (end < len(text) and _ascii_alnum(text[end])):
            spans.append((start, end))
    return spans



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
    for ident in found:
        line = normal.count("\n", 0, ident.start) + 1
        if ident.kind == "mobile" and phone is not None and line == phone[0] and ident.digits in phone[1]:
            continue  # the institution's own contact number, published on purpose
        hits.append((line, ident.message()))
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
