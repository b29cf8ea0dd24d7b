"""Rules on the expert review (专家评审, notice 四(二)): complete for every selected project, no
conflict of interest, and a recommended list (建议清单) ranked by score or with the reason why not."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.records.labels import STATUS_LABELS
from generator.records.project import Expert, Project, Review, Scores
from generator.records.record_set import Record
from generator.rules.registry import ERROR, Context, Hit, rule

REVIEWED = ("selected", "completed", "terminated")  # a selected project was reviewed first
CRITERIA = tuple(Scores.model_fields)


def expert_total(expert: Expert) -> Decimal:
    return sum((getattr(expert.scores, c) for c in CRITERIA), Decimal(0))


def review_score(review: Review) -> Fraction:
    """The panel's mean total (out of 100), exact; only experts without a conflict count."""
    counted = [e for e in review.panel if e.no_conflict] or list(review.panel)
    return sum((Fraction(expert_total(e)) for e in counted), Fraction(0)) / len(counted)


def score_text(score: Fraction) -> str:
    """The score as shown: two decimals, rounded half up."""
    return str((Decimal(score.numerator) / Decimal(score.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP))


@rule("REVIEW-COMPLETE", ERROR, "通知 四(二)",
      "入选项目经专家评审：每位专家对四项标准评分并声明无利益冲突，响应征集计划的项目列入建议清单排名", scope="tables")
def review_complete(ctx: Context) -> Iterator[Hit]:
    rs = ctx.records
    for rec in rs.projects.values():
        prj = rec.model
        if prj.review is None:
            if prj.status in REVIEWED:
                yield Hit(rec, ("review",), (
                    f"项目状态为“{STATUS_LABELS[prj.status]}”，但没有专家评审。请填写 review：评审日期、"
                    "每位专家的四项评分（与重点产业的匹配度、岗位需求、承训能力、预计可吸纳重点群体就业量）"
                    "和无利益冲突声明、建议清单排名"
                ))
            continue
        for i, expert in enumerate(prj.review.panel):
            if not expert.no_conflict:
                yield Hit(rec, ("review", "panel", i, "no_conflict"), (
                    f"专家 {expert.name} 未声明无利益冲突（no_conflict: false）。有利益冲突的专家应回避，"
                    "不得参与评分：请从评审专家中移除并另请专家评审"
                ))
        app = rs.application_of(prj)
        if prj.status in REVIEWED and prj.review.rank is None and app is not None and app.call is not None:
            yield Hit(rec, ("review", "rank"), (
                f"项目状态为“{STATUS_LABELS[prj.status]}”，但评审结果中没有建议清单排名（rank）。"
                f"请填写本项目在征集计划 {app.call} 建议清单中的名次"
            ))


@rule("REVIEW-RANK", ERROR, "通知 四(二)",
      "同一征集计划的建议清单名次不重复，且按评审得分排序；不一致时写明理由", scope="tables")
def review_rank(ctx: Context) -> Iterator[Hit]:
    rs = ctx.records
    lists: dict[str, list[tuple[int, Fraction, Record[Project]]]] = defaultdict(list)
    for rec in rs.projects.values():
        review = rec.model.review
        app = rs.application_of(rec.model)
        if review is None or review.rank is None or app is None or app.call is None:
            continue
        lists[app.call].append((review.rank, review_score(review), rec))
    for call_id in sorted(lists):
        ranked = sorted(lists[call_id], key=lambda item: (item[0], item[2].model.id))
        for (rank_a, _, first), (rank_b, _, rec) in itertools.pairwise(ranked):
            if rank_a == rank_b:
                yield Hit(rec, ("review", "rank"), (
                    f"建议清单名次 {rank_b} 与 {first.model.id} 重复（征集计划 {call_id}）。每个名次只能有一个项目"
                ))
        # the best score among those ranked below each project, from the bottom of the list up
        best_below: list[tuple[Fraction, Record[Project]] | None] = [None] * len(ranked)
        best: tuple[Fraction, Record[Project]] | None = None
        for i in range(len(ranked) - 1, -1, -1):
            best_below[i] = best
            _, score, rec = ranked[i]
            if best is None or score > best[0]:
                best = (score, rec)
        for (rank, score, rec), below in zip(ranked, best_below, strict=True):
            review = rec.model.review
            assert review is not None
            if below is None or below[0] <= score or review.rank_reason is not None:
                continue
            other = below[1].model
            assert other.review is not None
            yield Hit(rec, ("review", "rank"), (
                f"建议清单名次 {rank}，但评审得分 {score_text(score)} 低于名次在后的 {other.id}"
                f"（名次 {other.review.rank}，得分 {score_text(below[0])}）（征集计划 {call_id}）。"
                "请按得分排序，或在 review.rank_reason 写明排名高于得分的理由"
            ))
