"""Format 1 → 2 (engine 0.1.0 → 0.2.0): the policy names its jurisdiction, and the expert review
records each expert's four scores and declaration instead of a list of names and one score.

Neither can be derived from the old records, so both are asked for: the jurisdiction by
`--jurisdiction`, the scores by `--review-scores FILE`, a CSV the bureau fills in from the review's
score sheets (`peixun migrate --review-template FILE` writes it with every project's experts listed).
Where the old record has a panel score, the experts' mean must equal it: the migration carries the
review over, it never changes its result.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from generator.migrate.framework import Answers, Doc, Question, Refused, insert_after, step
from generator.records.project import MAX_CRITERION_SCORE, Scores

JURISDICTION = Question(
    "jurisdiction", "--jurisdiction 地区名称（如 江阴市）",
    "第 2 版的政策须写明实施地区（jurisdiction），网站标题和发布单位取自这里",
)
REVIEW_SCORES = Question(
    "review_scores", "--review-scores 评分表.csv（先用 --review-template 评分表.csv 生成，按评分表填写）",
    "第 2 版的专家评审须写明每位专家的四项评分和无利益冲突声明（通知 四(二)），旧记录只有专家姓名和总分",
)
PLACE = re.compile(r"^[\u4e00-\u9fff]{1,10}[市区县]$")

# the score sheet's columns: project, expert, the four criteria of notice 四(二) (labels from the
# model, so that the sheet and docs/records.md say the same), the declaration
CRITERIA = tuple(Scores.model_fields)
COLUMNS = ("项目编号", "专家", *(str(Scores.model_fields[c].title) for c in CRITERIA), "无利益冲突（是/否）")
YES, NO = ("是", "true", "yes", "y", "1"), ("否", "false", "no", "n", "0")


@step(to=2, kinds=("policy",), title="政策写明实施地区（jurisdiction），网站标题和发布单位取自这里")
def policy_names_its_jurisdiction(doc: Doc, answers: Answers) -> None:
    if doc.tree.get("jurisdiction"):
        return
    issuer = str(doc.tree.get("issuer") or "")
    if answers.reading and not answers.get(JURISDICTION.name):  # only names the site: the bureau's place
        insert_after(doc.tree, "title", "jurisdiction", issuer.removesuffix("人力资源和社会保障局") or "未写明")
        return
    place = answers.need(JURISDICTION)
    if not PLACE.match(place):
        raise Refused(f"--jurisdiction “{place}”应为以市、区或县结尾的中文地区名称，如 江阴市、宜兴市、梁溪区")
    insert_after(doc.tree, "title", "jurisdiction", place, "实施地区：网站标题、发布单位和页脚取自这里和 issuer")


def old_panel(review: Any) -> list[str] | None:
    """The expert names of a review of format 1 (a list of names), else None."""
    if not isinstance(review, dict):
        return None
    panel = review.get("panel")
    if isinstance(panel, list) and panel and all(isinstance(n, str) for n in panel):
        return [str(n) for n in panel]
    return None


@step(to=2, kinds=("project",),
      title="专家评审写明每位专家的四项评分和无利益冲突声明（review.panel），不再只有总分（score）")
def review_scores_per_expert(doc: Doc, answers: Answers) -> None:
    review = doc.tree.get("review")
    names = old_panel(review)
    if names is None:
        if isinstance(review, dict) and "score" in review and isinstance(review.get("panel"), list):
            review.pop("score")  # the panel is already of format 2; the total is computed from it
        return
    project = str(doc.tree.get("id", ""))
    if answers.reading and not answers.get(REVIEW_SCORES.name):
        doc.tree.pop("review")  # no figure depends on the review; its old form has no expert's scores
        return
    path = Path(answers.need(REVIEW_SCORES))
    sheet = answers.memo.get(("review_scores", path))
    if sheet is None:
        sheet = answers.memo[("review_scores", path)] = read_scores(path)
    rows = sheet.get(project, {})
    missing = [n for n in names if n not in rows]
    extra = [n for n in rows if n not in names]
    if missing or extra:
        raise Refused(
            f"评分表中项目 {project} 的专家与记录不符："
            + (f"缺少 {'、'.join(missing)}" if missing else "")
            + ("；" if missing and extra else "")
            + (f"记录中没有 {'、'.join(extra)}" if extra else "")
            + "。评分表每位专家一行，姓名与记录中的 review.panel 一致"
        )
    experts = [{"name": n, "no_conflict": rows[n][1], "scores": dict(zip(CRITERIA, rows[n][0], strict=True))}
               for n in names]
    old_score = review.get("score")
    if old_score is not None:
        counted = [rows[n] for n in names if rows[n][1]] or [rows[n] for n in names]
        mean = sum((sum(scores, Decimal(0)) for scores, _ in counted), Decimal(0)) / len(counted)
        mean = mean.quantize(Decimal("0.01"), ROUND_HALF_UP)
        try:
            recorded = Decimal(str(old_score)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        except InvalidOperation:
            recorded = None
        if recorded != mean:
            raise Refused(
                f"评分表中项目 {project} 各专家总分的平均为 {mean}，"
                f"记录中的评审得分（score）为 {old_score}：两者须一致。"
                "请按评审时的评分表核对；迁移只搬运评审结果，不改变它"
            )
    review["panel"] = experts
    review.pop("score", None)


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def read_scores(path: Path) -> dict[str, dict[str, tuple[tuple[Decimal, ...], bool]]]:
    """The score sheet: project → expert → (the four scores, no conflict). Refuses the whole file on
    any bad row, naming the row and column (a half-read sheet would migrate half the reviews)."""
    try:
        data = path.read_bytes()
    except OSError:
        raise Refused(f"读不到评分表 {path}：请核对路径") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # Excel's CSV on Chinese Windows
        except UnicodeDecodeError:
            raise Refused(f"评分表 {path} 不是 UTF-8 或 GBK 编码的 CSV 文件") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip() for c in rows[0][:len(COLUMNS)]] != list(COLUMNS):
        raise Refused(f"评分表 {path} 的第一行应为：{','.join(COLUMNS)}（用 --review-template 生成）")
    found: dict[str, dict[str, tuple[tuple[Decimal, ...], bool]]] = {}
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        project, name = _cell(row, 0), _cell(row, 1)
        if not project or not name:
            raise Refused(f"评分表 {path} 第 {n} 行：项目编号和专家姓名都要填写")
        scores = []
        for i, column in enumerate(COLUMNS[2:6], start=2):
            value = _cell(row, i)
            try:
                score = Decimal(value)
            except InvalidOperation:
                score = Decimal(-1)
            exact = score.is_finite() and score == score.quantize(Decimal("0.01"))
            if not exact or not 0 <= score <= MAX_CRITERION_SCORE:
                raise Refused(f"评分表 {path} 第 {n} 行“{column}”为“{value}”：应为 0 到 {MAX_CRITERION_SCORE} 的分数，"
                              "最多两位小数")
            scores.append(score)
        declared = _cell(row, 6).lower()
        if declared not in YES + NO:
            raise Refused(f"评分表 {path} 第 {n} 行“{COLUMNS[6]}”为“{_cell(row, 6)}”：请填 是 或 否")
        if name in found.setdefault(project, {}):
            raise Refused(f"评分表 {path} 第 {n} 行：项目 {project} 的专家 {name} 出现了两次")
        found[project][name] = (tuple(scores), declared in YES)
    return found


def review_template(records_dir: Path) -> str:
    """The score sheet to fill in: one row per expert of every review still of format 1, scores empty."""
    from generator.records.contentkeys import list_files
    from generator.records.yamlio import ParseProblem, decode, parse

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    folder = records_dir / "projects"
    for _rel, file in list_files(folder) if folder.is_dir() else []:
        text = decode(file.read_bytes())
        tree = parse(text) if not isinstance(text, ParseProblem) else None
        if not isinstance(tree, dict):
            continue
        for name in old_panel(tree.get("review")) or []:
            writer.writerow([str(tree.get("id", file.stem)), name, "", "", "", "", ""])
    return "\ufeff" + out.getvalue()  # Excel opens a CSV as UTF-8 only with the byte-order mark
