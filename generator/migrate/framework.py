"""How a migration step is written and run: one function per change of shape, applied to each
record file of the kinds it names, in place, keeping comments, key order and quoting (ruamel).

A step author writes (see `generator/migrate/v2.py` for the real ones)::

    @step(to=3, kinds=("class",), title="班次的 X 改为 Y")
    def class_x_becomes_y(doc: Doc, answers: Answers) -> None:
        if "x" not in doc.tree:          # already of the new shape: do nothing (steps are idempotent)
            return
        doc.tree["y"] = convert(doc.tree.pop("x"))

and a test that migrates a folder of the old shape (tests/migrate/). A step never guesses: when it
cannot decide a value it asks (`answers.need(...)`, which names the command-line option), or
refuses the file with the reason (`doc.refuse(...)`); the run then writes nothing and lists every
question and refusal at once. The run bumps the `format` of every policy file after the last step.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from generator.errors import UsageError

# from the version it produces (to) to the step functions producing it, in the order registered
STEPS: dict[int, list[Step]] = {}


@dataclass(frozen=True)
class Question:
    """A value a step cannot decide: its name in `Answers`, the option that gives it, and why it is asked."""

    name: str
    option: str  # e.g. "--jurisdiction 江阴市"
    why: str


@dataclass(frozen=True)
class Problem:
    """One reason the migration cannot be written: a question unanswered, or a file refused."""

    path: str
    message: str
    question: Question | None = None


class Unanswered(Exception):
    def __init__(self, question: Question) -> None:
        super().__init__(question.name)
        self.question = question


class Refused(Exception):
    """A step cannot decide for one file (the message says what is wrong and how to fix it)."""


@dataclass
class Answers:
    """The values given on the command line (`--jurisdiction`, `--review-scores`, `--set name=value`)."""

    values: Mapping[str, str] = field(default_factory=dict)
    # reading a revision from history in memory (an audit's figures), not migrating files: a step
    # that cannot decide may fall back to what changes no figure (and must not when migrating)
    reading: bool = False
    memo: dict[Any, Any] = field(default_factory=dict)  # what a step read once for the whole run (a score sheet)

    def get(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if value else None

    def need(self, question: Question) -> str:
        value = self.get(question.name)
        if value is None:
            raise Unanswered(question)
        return value


@dataclass
class Doc:
    """One record file being migrated: its tree is changed in place by the steps."""

    kind: str
    rel: str  # path relative to the records folder
    shown: str  # path as findings show it
    tree: Any  # a ruamel CommentedMap from a file, or plain data read from history

    def refuse(self, message: str) -> None:
        raise Refused(message)


StepFunction = Callable[[Doc, Answers], None]


@dataclass(frozen=True)
class Step:
    to: int
    kinds: tuple[str, ...]
    title: str  # what changes, in Chinese (listed by `peixun migrate` and in CHANGELOG.md)
    function: StepFunction


def step(*, to: int, kinds: Iterable[str], title: str) -> Callable[[StepFunction], StepFunction]:
    """Register a step that brings files of `kinds` from format `to - 1` to `to`."""

    def register(function: StepFunction) -> StepFunction:
        STEPS.setdefault(to, []).append(Step(to, tuple(kinds), title, function))
        return function

    return register


def steps_between(old: int, new: int) -> list[Step]:
    return [s for to in range(old + 1, new + 1) for s in STEPS.get(to, [])]


class MigrateError(UsageError):
    """The migration cannot be written: the message lists every question and refusal."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


# -- helpers for step authors ---------------------------------------------------------------------

def insert_after(tree: Any, after: str | None, key: str, value: Any, comment: str | None = None) -> None:
    """Put `key` right after `after` (first when None or absent), keeping every other key in place;
    `comment` goes on the line above it. Works on a ruamel map (a file) and on plain data (history)."""
    if key in tree:
        tree[key] = value
        return
    keys = list(tree)
    pos = keys.index(after) + 1 if after in keys else 0
    if isinstance(tree, CommentedMap):
        tree.insert(pos, key, value)
        if comment:
            tree.yaml_set_comment_before_after_key(key, before=comment, indent=0)
        return
    items = list(tree.items())
    items.insert(pos, (key, value))
    tree.clear()
    tree.update(items)


def apply(steps: Iterable[Step], doc: Doc, answers: Answers) -> list[Problem]:
    """Run the steps that concern `doc`'s kind over it; the problems found (the tree is as far as
    the steps got)."""
    problems = []
    for s in steps:
        if doc.kind not in s.kinds:
            continue
        try:
            s.function(doc, answers)
        except Unanswered as asked:
            problems.append(Problem(doc.shown, asked.question.why, asked.question))
        except Refused as refused:
            problems.append(Problem(doc.shown, str(refused)))
    return problems


def upgraded(kind: str, tree: Any, answers: Answers, old: int, new: int) -> tuple[Any, list[Problem]]:
    """A copy of one record's plain data brought from format `old` to `new` in memory (for reading a
    revision from history), with what could not be decided; the original is left alone."""
    doc = Doc(kind, "", "", copy.deepcopy(tree))
    return doc.tree, apply(steps_between(old, new), doc, answers)


def dumped(yaml: Any, tree: Any) -> str:
    buf = io.StringIO()
    yaml.dump(tree, buf)
    return buf.getvalue()


def read_doc(yaml: Any, kind: str, file: Path, rel: str, shown: str) -> tuple[Doc, str]:
    text = file.read_text(encoding="utf-8")
    return Doc(kind, rel, shown, yaml.load(text)), text
