"""Rules on the call for projects (项目征集计划) and the budget it carries (notice 四(一), 四(二), 五(二))."""

from __future__ import annotations

from collections.abc import Iterator

from generator.numbers import yuan
from generator.records.labels import CATEGORY_LABELS, FIELD_LABELS
from generator.rules.registry import ERROR, WARNING, Context, Hit, rule
from generator.settlement.budget import over_budget


@rule("CALL-DATES", ERROR, "通知 四(一)", "征集计划的截止日期不早于开始日期，所依据的政策存在，编号与计划年度一致",
      scope="tables")
def call_dates(ctx: Context) -> Iterator[Hit]:
    rs = ctx.records
    for rec in rs.calls.values():
        call = rec.model
        if call.closes_on < call.opens_on:
            yield Hit(rec, ("closes_on",), (
                f"征集截止日期 {call.closes_on} 早于开始日期 {call.opens_on}。请核对征集计划的日期"
            ))
        if rs.policy_by_id(call.policy) is None:
            yield Hit(rec, ("policy",), (
                f"依据的政策“{call.policy}”不存在：policy/ 目录下没有 {call.policy}.yaml。请填写政策记录的编号"
            ))
        folder = rec.path.rsplit("/", 2)[-2] if rec.path.count("/") >= 2 else ""
        if folder.isdigit() and int(folder) != call.year:
            yield Hit(rec, ("id",), (
                f"编号 {call.id} 表示 {call.year} 年度的计划，但文件在 calls/{folder}/ 目录下。"
                f"请移到 calls/{call.year}/"
            ))


@rule("CALL-WINDOW", ERROR, "通知 四(一)", "申报注明所响应的征集计划，且在征集期内提交", scope="tables")
def call_window(ctx: Context) -> Iterator[Hit]:
    rs = ctx.records
    for rec in rs.applications.values():
        app = rec.model
        if app.call is None:
            if rs.calls:
                yield Hit(rec, ("submitted_on",), (
                    "申报未注明所响应的征集计划（call）。请填写征集计划编号，如 "
                    f"{max(rs.calls)}"
                ), severity=WARNING)
            continue
        found = rs.calls.get(app.call)
        if found is None:
            if app.call not in rs.broken.get("call", ()):
                yield Hit(rec, ("call",), (
                    f"征集计划“{app.call}”不存在：calls/ 目录下没有 {app.call}.yaml。请核对编号"
                ))
            continue
        call = found.model
        day = app.submitted_on
        if day < call.opens_on:
            yield Hit(rec, ("submitted_on",), (
                f"提交日期 {day} 早于征集计划 {call.id} 的开始日期 {call.opens_on}"
                f"（征集期 {call.opens_on} 至 {call.closes_on}）。请在征集期内提交"
            ))
        elif day > call.closes_on:
            yield Hit(rec, ("submitted_on",), (
                f"提交日期 {day} 晚于征集计划 {call.id} 的截止日期 {call.closes_on}"
                f"（征集期 {call.opens_on} 至 {call.closes_on}）。逾期申报不予受理；请响应正在征集的计划"
            ))


@rule("CALL-DIRECTION", ERROR, "通知 一(二)、四(一)", "申报的征集方向和类别在所响应的征集计划之内", scope="tables")
def call_direction(ctx: Context) -> Iterator[Hit]:
    rs = ctx.records
    for rec in rs.applications.values():
        app = rec.model
        call = rs.call_of(app)
        if call is None:
            continue
        if app.field not in call.directions.fields:
            invited = "、".join(f"{f}（{FIELD_LABELS[f]}）" for f in call.directions.fields)
            yield Hit(rec, ("field",), (
                f"征集方向 {app.field}（{FIELD_LABELS[app.field]}）不在征集计划 {call.id} 的征集方向中，"
                f"该计划征集：{invited}。请改为其中之一，或响应其他征集计划"
            ))
        if app.category not in call.directions.categories:
            invited = "、".join(f"{c}（{CATEGORY_LABELS[c]}）" for c in call.directions.categories)
            yield Hit(rec, ("category",), (
                f"类别 {app.category}（{CATEGORY_LABELS[app.category]}）不在征集计划 {call.id} 的征集类别中，"
                f"该计划征集：{invited}。请核对类别，或响应其他征集计划"
            ))


@rule("BUDGET-EXPOSURE", ERROR, "通知 四(二)、五(二)",
      "同一征集计划入选项目的最高支出（培训人数 × 成交单价 × (1 + 跟补比例)）之和不超过其资金预算；"
      "超出后的每个入选决定都报告", scope="call")
def budget_exposure(ctx: Context) -> Iterator[Hit]:
    for crossing in over_budget(ctx.records, ctx.settlement):
        call, exp, total = crossing.call, crossing.exposure, crossing.committed
        if crossing.first:
            where = f"本项目入选后，征集计划 {call.id} 已承诺 {yuan(total)}，超过资金预算 {yuan(call.budget)}"
        else:
            where = (f"本项目入选前，征集计划 {call.id} 已承诺 {yuan(crossing.before)}，已超过资金预算 "
                     f"{yuan(call.budget)}；本项目入选后已承诺 {yuan(total)}")
        later = (f"此后又有 {crossing.later} 个项目入选，合计已承诺 {yuan(crossing.total)}。"
                 if crossing.later else "")
        rec = ctx.records.projects[exp.project]
        yield Hit(rec, ("quota",) if not exp.terminated else ("status",), (
            f"{where}（超出 {yuan(total - call.budget)}）。本项目最高支出：{exp.formula()}。{later}"
            "请核减培训人数或成交单价，或由市人社局调整该计划的资金预算"
        ))
