"""Declarations checked against reference data (通知 一(一)、四(三)): codes wherever they appear.

Occupation codes (in applications and in prior subsidies) and every USCC outside an institution's
own record (the applicant and the employers of an application's 岗位需求, the employers of employment
records) are validated where they are written, by the one USCC checker (`uscc_problem`, which
INST-USCC uses for the institution's own code), compared in one normal form (surrounding spaces removed,
letters upper-cased), and full-width look-alikes (`４-10-01-05`, `９１３２…`, `－`) are refused with
a message that names the character: they look right on screen and never match the catalog.

An occupation that is in the catalog is priced by the catalog's standard and keyed by its catalog
code whatever `in_catalog` says (generator.rules.pricing, generator.settlement.arithmetic), so
that declaring a catalog occupation "new" neither lifts its price cap nor escapes the
same-occupation-and-level rule; APP-CATALOG-FLAG says so to the applicant.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from generator.records.labels import LEVEL_LABELS
from generator.rules.institution import uscc_problem
from generator.rules.pricing import catalog_occupation, yuan
from generator.rules.registry import ERROR, Context, Hit, rule

OCCUPATION_RE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")
_DASHES = "‐‑‒–—―−－﹣"


def normal_code(value: str) -> str:
    """The form codes are compared in: no surrounding spaces, letters upper-cased."""
    return value.strip().upper()


def lookalike_problem(value: str) -> str | None:
    """A full-width or look-alike character in a code, named with its position, or None."""
    for i, char in enumerate(value, start=1):
        if char in _DASHES:
            return f"第 {i} 位“{char}”是全角或长横线，应为半角连字符“-”"
        if char == "\u3000" or (char.isspace() and char != " "):
            return f"第 {i} 位是全角空格或其他空白字符，请删除"
        if ord(char) > 0x7F:
            plain = unicodedata.normalize("NFKC", char)
            if plain != char and plain.isascii():
                return f"第 {i} 位“{char}”是全角字符，应为半角“{plain}”"
            return f"第 {i} 位“{char}”不是数字、字母或连字符"
    return None


def occupation_problem(value: str) -> str | None:
    looks = lookalike_problem(value)
    if looks:
        return looks
    if not OCCUPATION_RE.match(normal_code(value)):
        return "格式应为 1 位-2 位-2 位-2 位数字，如 \"4-10-01-05\""
    return None


@functools.lru_cache(maxsize=65536)
def code_uscc_problem(code: str) -> str | None:
    """What is wrong with a USCC written in a record (the same few employers recur in millions of
    entries): look-alike characters first, then the one checker on its normal form."""
    looks = lookalike_problem(code)
    if looks:
        return looks + "。请改用半角字符"
    return uscc_problem(normal_code(code))


@rule("CODE-FORMAT", ERROR, "通知 一(一)",
      "工种编码和统一社会信用代码（申请单位、岗位需求和就业记录的用人单位）在每处都格式有效，不含全角或形近字符",
      scope="class")
def code_format(ctx: Context) -> Iterator[Hit]:
    rs = ctx.records
    for app in rs.applications.values():
        code = app.model.catalog.occupation_code
        problem = occupation_problem(code) if code is not None else None
        if problem:
            yield Hit(app, ("catalog", "occupation_code"),
                      f"工种编码“{code}”无效：{problem}。请按指导目录用半角字符填写，并加引号")
        problem = code_uscc_problem(app.model.institution)
        if problem:
            yield Hit(app, ("institution",), f"申请单位的统一社会信用代码无效：{problem}")
        for i, employer in enumerate(app.model.employers):
            problem = code_uscc_problem(employer.uscc)
            if problem:
                yield Hit(app, ("employers", i, "uscc"),
                          f"岗位需求第 {i + 1} 项（{employer.name}）的用人单位统一社会信用代码无效：{problem}")
    if rs.prior_subsidies is not None:
        for i, s in enumerate(rs.prior_subsidies.model.subsidies):
            problem = occupation_problem(s.occupation_code)
            if problem:
                yield Hit(rs.prior_subsidies, ("subsidies", i, "occupation_code"),
                          f"第 {i + 1} 条已享受补贴的工种编码“{s.occupation_code}”无效：{problem}。"
                          "编码不一致会让同一职业同一等级的补贴被重复计算：请按补贴系统导出的编码用半角字符填写")
    for rec in rs.employment.values():
        for i, entry in enumerate(rec.model.records):
            problem = code_uscc_problem(entry.employer)
            if problem:
                yield Hit(rec, ("records", i, "employer"),
                          f"第 {i + 1} 条就业记录的用人单位统一社会信用代码无效：{problem}")


@rule("APP-CATALOG-FLAG", ERROR, "通知 四(三)",
      "目录内的工种按目录标准定价、按目录编码计补贴次数，不能申报为新开发项目", scope="tables")
def app_catalog_flag(ctx: Context) -> Iterator[Hit]:
    for app in ctx.records.applications.values():
        choice = app.model.catalog
        if choice.in_catalog:
            continue
        occ = catalog_occupation(ctx.records, app.model)
        if occ is None:
            continue
        level = choice.level
        standard = f"，{LEVEL_LABELS[level]}目录标准 {yuan(occ.standards[level])} 元" \
            if level is not None and level in occ.standards else ""
        yield Hit(app, ("catalog", "in_catalog"),
                  f"申报为目录外新开发项目（in_catalog: false），但工种编码 {occ.code}（{occ.name}）在指导目录中"
                  f"{standard}。目录内工种按目录标准定价、按目录编码计算同一职业同一等级的补贴次数，"
                  "与 in_catalog 的填写无关：请把 in_catalog 改为 true")
