"""The bureau's seal on a class's roster: a keyed digest written by the import, verified by settle.

Trainees enter a class only through the bureau's import of a sealed roster (SECURITY.md). A
pseudonym made by hand looks like one the bureau's key made, so the pull-request checks alone
cannot tell an invented trainee from a real one once an edit slips past them (a second maintainer,
a bureau member's slip, a history rewritten). So the import writes `roster_seal` beside the
roster: an HMAC-SHA256, with the bureau's pseudonym key, over a canonical form of the class id and
every trainee row (who, group, graduation, attendance, result, certificate), and a short HMAC of
each row. Only whoever holds the key can make or check one; `peixun settle`, which runs where the
key is, holds every class whose roster no longer matches its seal and says which rows differ.

The canonical form of a row is its model dumped as JSON (sorted keys, no spaces, dates as
YYYY-MM-DD, absent values as null): the same bytes whether the row came from the import's
spreadsheet or from the YAML file, so that nothing but a change of content changes the digest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import Counter
from collections.abc import Sequence

from generator.records.training import RosterSeal, Trainee, TrainingClass

DIGEST_PREFIX = "hmac-sha256:"
ROW_HEX = 12
_ROSTER = b"peixun-roster-seal-v1"
_ROW = b"peixun-roster-row-v1"


def canonical_row(trainee: Trainee) -> bytes:
    return json.dumps(trainee.model_dump(mode="json"), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _mac(key: bytes, *parts: bytes) -> str:
    # NUL never occurs in the parts (JSON escapes control characters; ids are plain), so joining is unambiguous
    return hmac.new(key, b"\0".join(parts), hashlib.sha256).hexdigest()


def row_tag(key: bytes, class_id: str, trainee: Trainee) -> str:
    return _mac(key, _ROW, class_id.encode("utf-8"), canonical_row(trainee))[:ROW_HEX]


def seal_roster(key: bytes, class_id: str, trainees: Sequence[Trainee]) -> RosterSeal:
    """The seal of `trainees` as the roster of `class_id` (bound to the class: a seal copied to
    another class does not match there)."""
    rows = [canonical_row(t) for t in trainees]
    digest = DIGEST_PREFIX + _mac(key, _ROSTER, class_id.encode("utf-8"), str(len(rows)).encode(), *rows)
    return RosterSeal(digest=digest, rows=[row_tag(key, class_id, t) for t in trainees])


def seal_differences(key: bytes, cls: TrainingClass) -> list[str]:
    """What differs between the class's roster and its seal, in Chinese; empty when they match.
    A class with no trainees needs no seal (it pays nothing)."""
    seal = cls.roster_seal
    if seal is None:
        if not cls.trainees:
            return []
        return [f"没有市人社局导入时写入的花名册印记（roster_seal），{len(cls.trainees)} 名参训人员均未经导入核验"]
    expected = seal_roster(key, cls.id, cls.trainees)
    if hmac.compare_digest(expected.digest, seal.digest):
        return []
    found: list[str] = []
    sealed = Counter(seal.rows)
    unknown = []
    for i, tag in enumerate(expected.rows):
        if sealed[tag] > 0:
            sealed[tag] -= 1
        else:
            unknown.append(i + 1)
    if unknown:
        found.append(f"第 {_numbers(unknown)} 名参训人员与导入时不同或不是导入的"
                     "（人员、类别、毕业时间、出勤、考核或证书被修改或添加）")
    missing = sum(sealed.values())
    if missing:
        found.append(f"导入时的 {missing} 名参训人员不在现花名册中（被删除或修改）")
    if len(seal.rows) != len(cls.trainees):
        found.append(f"导入时 {len(seal.rows)} 人，现 {len(cls.trainees)} 人")
    if not found:
        found.append("花名册摘要与导入时不符（顺序被调整，或印记被修改）")
    return found


def _numbers(values: list[int]) -> str:
    """1, 2, 3, 5, 7, 8 → "1–3、5、7–8" (the first 20 ranges)."""
    ranges: list[list[int]] = []
    for v in values:
        if ranges and ranges[-1][1] == v - 1:
            ranges[-1][1] = v
        else:
            ranges.append([v, v])
    text = "、".join(f"{a}–{b}" if b > a else f"{a}" for a, b in ranges[:20])
    return text + ("等" if len(ranges) > 20 else "")
