"""PII: no raw personal identifier anywhere in the records, comments included (docs/privacy.md).

The text is read as every output guard reads it (`generator.rules.piiform`: one normal form, one
scan), so that whatever the build would refuse to publish is refused here first, with its line.

Findings are printed in public CI logs, so a message never repeats the identifier it found: it
shows a masked form (3201**********0056) and the line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import yaml

from generator.findings import Loc
from generator.records import fastyaml
from generator.records.correction import Correction
from generator.records.fastyaml import scalar_at, unplaced_from
from generator.records.kinds import kind_for
from generator.records.record_set import Record, RecordSet
from generator.records.reference import PriorSubsidies
from generator.records.texts import text_scan
from generator.records.training import Employment, TrainingClass
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
_WELL_FORMED = re.compile(r"[pc]_[0-9a-f]{24}\Z")


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


# Where a pseudonym belongs: the value of these keys in these kinds of record (and nowhere else:
# not in a comment, not in a free-text field, which the site and the open data would publish)
PSEUDONYM_KEYS = {"class": ("person", "number_ref"), "employment": ("person",), "prior_subsidies": ("person",),
                  "correction": ("field", "old", "new")}
_KEY_LINE = {kind: re.compile(rf"[ \t]*(?:-[ \t]+)*(?:{'|'.join(keys)})[ \t]*:[ \t]*")
             for kind, keys in PSEUDONYM_KEYS.items()}
_IN_VALUE = re.compile(r"[^\s#]{0,3}")  # the value's own characters before the pseudonym (a quote, a q_ typed for p_)
_VALUE_END = re.compile(r"[^\s#]{0,3}[ \t]*(?:#|\r|\n|$)")


def pseudonym_message(value: str) -> str:
    return (f"发现人员或证书假名 {mask(value)}：假名只能出现在花名册的 person、number_ref 字段，"
            "不得写入其他字段或注释（网站和开放数据会拒绝发布含假名的内容）：请删除")


@dataclass(frozen=True)
class TextScan:
    """What the PII scan found in one file's text: `hits` (line, message) to report, and a digest
    of the pseudonyms standing as the value of a person/number_ref key (None: none), which the rule
    compares with what the record holds there (a key line inside a multi-line string is no key)."""

    hits: list[tuple[int, str]]
    keyed: str | None = None


def _digest(values: list[str]) -> str:
    return hashlib.blake2b("\n".join(sorted(values)).encode(), digest_size=16).hexdigest()


def _pseudonym_spans(kind: str | None, normal: str) -> Iterator[tuple[int, str, bool]]:
    """(line, pseudonym, whether it stands as the value of a key where pseudonyms belong)."""
    key_line = _KEY_LINE.get(kind or "")
    lines = LineCounter(normal)
    for start, end in find_pseudonyms(normal, normal=True):
        line, line_start = lines.line(start), lines.line_start
        keyed = False
        if key_line is not None:
            head = key_line.match(normal, line_start, start)
            keyed = head is not None and (kind == "correction" or (
                _IN_VALUE.fullmatch(normal, head.end(), start) is not None
                and _VALUE_END.match(normal, end) is not None))
        yield line, normal[start:end], keyed


@text_scan("PII")
def scan_text(rel: str, text: str) -> TextScan:
    """The raw identifiers and misplaced pseudonyms in one file's text. It depends on nothing but the
    text and the file's kind, so the loader runs it while it has the text, and the cache keeps its
    result with the file's content. Text that YAML transforms (escapes, aliases) is also read as the
    values YAML makes of it, as the site and the open data will show them."""
    normal = normal_form(text)
    kind_of = kind_for(PurePosixPath(rel))
    kind = kind_of.name if kind_of is not None else None
    found = find_identifiers(normal, normal=True)
    # a file with a YAML syntax error: its syntax error is reported alone from where the parser
    # lost its place (it cannot tell which field a number there is in, e.g. the contact's phone)
    unplaced = unplaced_from(text) if found else None
    placed = text if unplaced is None else "".join(text.splitlines(keepends=True)[:unplaced - 1])
    phone = None
    if any(i.kind == "mobile" for i in found) and kind == "application":
        phone = _contact_phone(placed)
    hits = []
    lines = LineCounter(normal)
    for ident in found:
        line = lines.line(ident.start)
        if ident.kind == "mobile" and phone is not None and line == phone[0] and ident.digits in phone[1]:
            continue  # the institution's own contact number, published on purpose
        hits.append((line, identifier_message(ident)))
    keyed = []
    seen = {i.digits for i in found}
    for line, value, on_key in _pseudonym_spans(kind, normal):
        seen.add(value)
        if on_key:
            keyed.append(value)
        else:
            hits.append((line, pseudonym_message(value)))
    if "\\" in text or "*" in text:
        hits.extend(_transformed_hits(text, kind, seen))
    if hits and not found:
        unplaced = unplaced_from(text)
    if unplaced is not None:
        hits = [hit for hit in hits if hit[0] < unplaced]
    hits.sort(key=lambda hit: hit[0])
    return TextScan(hits, _digest(keyed) if keyed else None)


def _scalars(node: Any, key: str, seen: set[int]) -> Iterator[tuple[str, int, str, bool]]:
    """(key, line, value, whether an alias repeats it) of every scalar under `node` (`key`: the
    key it is the value of), aliases included."""
    if isinstance(node, yaml.ScalarNode):
        yield key, node.start_mark.line + 1, node.value, id(node) in seen
        seen.add(id(node))
    elif id(node) in seen:
        return  # an alias of a collection already walked (or a recursive one)
    elif isinstance(node, yaml.MappingNode):
        seen.add(id(node))
        for k, v in node.value:
            yield from _scalars(k, "", seen)
            yield from _scalars(v, k.value if isinstance(k, yaml.ScalarNode) else "", seen)
    elif isinstance(node, yaml.SequenceNode):
        seen.add(id(node))
        for item in node.value:
            yield from _scalars(item, key, seen)


def _transformed_hits(text: str, kind: str | None, seen: set[str]) -> Iterator[tuple[int, str]]:
    """Identifiers and pseudonyms in the values YAML makes of the text (a double-quoted "\\x31"
    is a 1, an alias repeats its anchor's value) that the text itself does not show."""
    tree = fastyaml.compose(text)
    if tree is None:
        return  # a SCHEMA finding says why
    own = PSEUDONYM_KEYS.get(kind or "", ())
    for key, line, value, repeated in _scalars(tree, "", set()):
        normal = normal_form(value)
        for ident in find_identifiers(normal, normal=True):
            contact = kind == "application" and key == "phone" and ident.kind == "mobile"
            if (repeated or ident.digits not in seen) and not contact:
                seen.add(ident.digits)
                yield line, identifier_message(ident)
        if key in own:
            continue
        for start, end in find_pseudonyms(normal, normal=True):
            if repeated or normal[start:end] not in seen:
                seen.add(normal[start:end])
                yield line, pseudonym_message(normal[start:end])


def _designated(rec: Record[Any]) -> list[str]:
    """The pseudonyms a record holds where they belong (PSEUDONYM_KEYS), as the scan reads them."""
    model = rec.model
    values: list[Any] = []
    if isinstance(model, TrainingClass):
        for t in model.trainees:
            values.append(t.person)
            if t.assessment is not None and t.assessment.certificate is not None:
                values.append(t.assessment.certificate.number_ref)
    elif isinstance(model, Employment):
        values = [e.person for e in model.records]
    elif isinstance(model, PriorSubsidies):
        values = [s.person for s in model.subsidies]
    elif isinstance(model, Correction):
        values = [model.field, model.old, model.new]
    found: list[str] = []
    for value in values:
        if isinstance(value, str) and _WELL_FORMED.match(value):
            found.append(value)  # the usual case, as the scan reads it (at city scale, 400,000 of them)
        elif isinstance(value, str):
            normal = normal_form(value)
            found.extend(normal[a:b] for a, b in find_pseudonyms(normal, normal=True))
    return found


def _text_hits(ctx: Context) -> Iterator[Hit]:
    loaded = ctx.loaded
    by_path: dict[str, Record[Any]] | None = None
    for path, scan in loaded.scanned("PII", scan_text).items():
        for line, message in scan.hits:
            yield Hit(path, (), message, line=line)
        if scan.keyed is None:
            continue
        if by_path is None:
            by_path = {r.path: r for r in ctx.records.all_records()}
        rec = by_path.get(path)
        held = _designated(rec) if rec is not None else []
        if _digest(held) == scan.keyed:
            continue
        # a line that looks like `person: p_…` but is no key of the record (inside a multi-line
        # string): the lines of the real keys, from the node tree (only in this rare case)
        kind_of = kind_for(PurePosixPath(loaded.relative(path) or path))
        kind = kind_of.name if kind_of is not None else None
        text = loaded.texts[path]
        tree = fastyaml.compose(text)
        own = PSEUDONYM_KEYS.get(kind or "", ())
        real = {line for key, line, _value, _alias in _scalars(tree, "", set()) if key in own} if tree else set()
        for line, value, on_key in _pseudonym_spans(kind, normal_form(text)):
            if on_key and line not in real:
                yield Hit(path, (), pseudonym_message(value), line=line)


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
    yield from _text_hits(ctx)
    yield from _format_hits(ctx.records)
