"""Format 2 → 3: each roster key of `roles.yaml` carries its period of use (issue 24), and each
class's roster carries the bureau's import seal (issue 23).

`roster_recipients` was a list of keys used for ever; it becomes a list of `recipient`, `from` and
`until`, so that `seal-roster` encrypts to the key of the period and the bureau, once a period's
rosters are imported, destroys that identity: the ciphertext left in Git history then opens for
nobody (docs/custody.md). The period of a key already in use cannot be derived, so it is asked
(`--set roster_key_from=YYYY-MM-DD --set roster_key_until=YYYY-MM-DD`). A key whose identity this
project published (the old test fixture, which the sample listed) is dropped without asking: anyone
can open what is sealed to it, so no period makes it the bureau's.

Rosters imported before the seal existed (`roster_seal`, `generator/records/rosterseal.py`, which
`peixun settle --key-file` verifies) have none, and only the bureau's pseudonym key can make one, so
the key file is asked for (`--set roster_key_file=PATH`, a file outside the repository). Sealing
attests that each roster is the one the bureau imported: before migrating, the bureau checks that no
class file's `trainees` was changed since its import other than by the bureau (`peixun audit`, or
the class files' Git history). A class without trainees needs no seal; a class that already has one
is left alone (the step is idempotent, and a seal is never rewritten to fit a changed roster).
Reading a revision from history needs no seal, so nothing is asked there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.gitrepo import work_tree_of
from generator.migrate.framework import Answers, Doc, Question, Refused, step
from generator.records.agekeys import KNOWN_PUBLISHED
from generator.records.base import date_range_problem
from generator.records.rosterseal import seal_roster
from generator.records.training import Trainee

KEY_FROM = Question(
    "roster_key_from",
    "--set roster_key_from=YYYY-MM-DD --set roster_key_until=YYYY-MM-DD（现有花名册加密公钥的启用和停用日期）",
    "第 3 版的花名册加密公钥须写明使用期（from、until），旧记录没有",
)
KEY_UNTIL = Question(
    "roster_key_until", "--set roster_key_until=YYYY-MM-DD（现有公钥的停用日期，如本年 12 月 31 日）",
    "第 3 版的花名册加密公钥须写明使用期：停用且该期花名册全部导入后，市人社局销毁私钥（docs/custody.md）",
)

ROSTER_KEY = Question(
    "roster_key_file", "--set roster_key_file=仓库之外的假名密钥文件",
    "第 3 版的班次花名册带有人社部门导入时写入的印记（roster_seal），结算时用假名密钥核验；"
    "已导入的花名册没有印记，须用同一把假名密钥补写（请先确认这些花名册导入后没有被手工修改）",
)
MIN_KEY_BYTES = 16


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


def plain(value: Any) -> Any:
    """ruamel's commented maps and lists as plain ones, so the models read what the import read."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _key(answers: Answers) -> bytes:
    path = Path(answers.need(ROSTER_KEY))
    key = answers.memo.get(("roster_key_file", path))
    if key is None:
        tree = work_tree_of(path)
        if tree is not None:  # the key reverses every pseudonym: it must never be one `git add` away
            raise Refused(f"假名密钥文件 {path} 位于 Git 仓库 {tree} 之内，可能被提交。请把它放在任何仓库之外")
        try:
            key = path.read_bytes().strip()
        except OSError as exc:
            raise Refused(f"无法读取假名密钥文件 {path}：{exc.strerror}") from None
        if len(key) < MIN_KEY_BYTES:
            raise Refused(f"假名密钥过短（{len(key)} 字节），至少需要 {MIN_KEY_BYTES} 字节："
                          "请使用人社部门保管的正式密钥")
        answers.memo[("roster_key_file", path)] = key
    return bytes(key)


@step(to=3, kinds=("class",), title="班次花名册补写人社部门的导入印记（roster_seal），结算时用假名密钥核验")
def class_roster_is_sealed(doc: Doc, answers: Answers) -> None:
    trainees = doc.tree.get("trainees") if isinstance(doc.tree, dict) else None
    if not doc.rel or not trainees or doc.tree.get("roster_seal"):
        return  # history, a class without people, or one already sealed
    class_id = str(doc.tree.get("id", ""))
    try:
        models = [Trainee.model_validate(plain(t)) for t in trainees]
    except ValidationError:
        raise Refused(f"班次 {class_id} 的参训人员不符合记录格式，无法写入印记：请先按 peixun validate 修正") from None
    doc.tree["roster_seal"] = seal_roster(_key(answers), class_id, models).model_dump()
