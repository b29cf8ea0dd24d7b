"""Every record kind `peixun new` can scaffold, and answering its questions from given values.

Interactive prompting belongs to the CLI; answering from options is here, so that the library can
be driven without a terminal, and a bad option stops with a message naming it (never a prompt).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from generator.errors import UsageError
from generator.intake import scaffold_application, scaffold_class  # noqa: F401  (they register themselves)
from generator.intake.ask import Answers, Question
from generator.intake.scaffold import SCAFFOLDS, Scaffold

__all__ = ["SCAFFOLDS", "Scaffold", "answer", "fill"]


def answer(question: Question, raw: str | tuple[str, ...] | None, answers: Answers) -> None:
    """Parse one given answer (or its default) into `answers`; raise UsageError naming the option."""
    if question.multiple:
        items = [r for r in (raw or ()) if r.strip()]
        if not items and not question.optional:
            raise UsageError(f"缺少 {question.option}（{question.prompt}，可重复给出）")
        values = []
        for item in items:
            try:
                values.append(question.parse(item, answers))
            except ValueError as exc:
                raise UsageError(f"{question.option} “{item}”：{exc}") from None
        problem = question.finish(values, answers) if question.finish and values else None
        answers.values[question.name] = values
        if problem and question.warn:
            answers.warnings.append(f"{question.option}：{problem}")
        elif problem:
            raise UsageError(f"{question.option}：{problem}")
        return
    value = raw if isinstance(raw, str) else None
    if value is None or not value.strip():
        value = question.default(answers)
    if value is None or not value.strip():
        if question.optional:
            answers.values[question.name] = None
            return
        raise UsageError(f"缺少 {question.option}（{question.prompt}）")
    try:
        answers.values[question.name] = question.parse(value, answers)
    except ValueError as exc:
        raise UsageError(f"{question.option} “{value}”：{exc}") from None


def fill(scaffold: Scaffold, given: Mapping[str, str | tuple[str, ...] | None], answers: Answers,
         prompt: Callable[[Question, Answers], None] | None = None) -> Answers:
    """Answer every relevant question: from `given` (option values by question name) when there,
    else by `prompt` (the CLI's interactive asking), else from defaults (no prompt: --no-input).

    Without a prompt every missing or bad option is collected and all are reported together, so
    that one run says everything to fix; a question that depends on an unanswered one is skipped."""
    problems: list[str] = []
    for question in scaffold.questions:
        try:
            relevant = question.ask(answers)
        except (TypeError, KeyError, AttributeError, ValueError):  # depends on an answer that is missing
            relevant = bool(given.get(question.name))
        if not relevant:
            answers.values[question.name] = [] if question.multiple else None
        elif prompt is None or given.get(question.name):
            try:
                answer(question, given.get(question.name), answers)
            except UsageError as exc:
                if prompt is not None:
                    raise
                problems.append(str(exc))
                answers.values[question.name] = [] if question.multiple else None
            except (TypeError, KeyError, AttributeError):
                if prompt is not None:
                    raise
                problems.append(f"{question.option}（{question.prompt}）：请先改正上面的选项")
                answers.values[question.name] = [] if question.multiple else None
        else:
            prompt(question, answers)
    if problems:
        raise UsageError(f"有 {len(problems)} 个选项缺少或有误：\n  " + "\n  ".join(problems))
    return answers
