"""Format 2 → 3 (issue 24): each roster key of `roles.yaml` carries its period of use.

`roster_recipients` was a list of keys used for ever; it becomes a list of `recipient`, `from` and
`until`, so that `seal-roster` encrypts to the key of the period and the bureau, once a period's
rosters are imported, destroys that identity: the ciphertext left in Git history then opens for
nobody (docs/custody.md). The period of a key already in use cannot be derived, so it is asked
(`--set roster_key_from=YYYY-MM-DD --set roster_key_until=YYYY-MM-DD`). A key whose identity this
project published (the old test fixture, which the sample listed) is dropped without asking: anyone
can open what is sealed to it, so no period makes it the bureau's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.migrate.framework import Answers, Doc, Question, Refused, step
from generator.records.agekeys import KNOWN_PUBLISHED
from generator.records.base import date_range_problem

KEY_FROM = Question(
    "roster_key_from",
    "--set roster_key_from=YYYY-MM-DD --set roster_key_until=YYYY-MM-DD（现有花名册加密公钥的启用和停用日期）",
    "第 3 版的花名册加密公钥须写明使用期（from、until），旧记录没有",
)
KEY_UNTIL = Question(
    "roster_key_until", "--set roster_key_until=YYYY-MM-DD（现有公钥的停用日期，如本年 12 月 31 日）",
    "第 3 版的花名册加密公钥须写明使用期：停用且该期花名册全部导入后，市人社局销毁私钥（docs/custody.md）",
)


def _day(answers: Answers, question: Question) -> dt.date:
    raw = answers.need(question)
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise Refused(f"--set {question.name}=“{raw}”应为日期 YYYY-MM-DD") from None
    problem = date_range_problem(day)
    if problem is not None:
        raise Refused(f"--set {question.name}：{problem}")
    return day


@step(to=3, kinds=("roles",),
      title="花名册加密公钥写明使用期（roster_recipients 的 recipient、from、until）；曾随本项目公开的测试公钥删除")
def roster_keys_carry_a_period(doc: Doc, answers: Answers) -> None:
    listed: Any = doc.tree.get("roster_recipients")
    if not isinstance(listed, list):
        return
    old = [i for i, entry in enumerate(listed) if isinstance(entry, str)]
    if not old:
        return  # already of format 3
    for i in reversed(old):
        if listed[i].strip() in KNOWN_PUBLISHED:
            del listed[i]
    remaining = [i for i, entry in enumerate(listed) if isinstance(entry, str)]
    if remaining:
        start, end = _day(answers, KEY_FROM), _day(answers, KEY_UNTIL)
        if end < start:
            raise Refused(f"roster_key_until（{end}）早于 roster_key_from（{start}）")
        for i in remaining:
            listed[i] = {"recipient": listed[i].strip(), "from": start, "until": end}
    if not listed:
        doc.tree.pop("roster_recipients")
