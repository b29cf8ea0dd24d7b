"""summary.md (generator/settlement/summary.py): who is owed what and why, as the bureau and the CI
job summary read it. Each expected line is written out by hand from the world's records (see
tests/settlement/test_report.py for the worlds); the payment list in the middle is
payment_list.py's own (tests/settlement/test_payment_list.py) and is only located here."""

from __future__ import annotations

import datetime as dt

from generator.holds import Hold
from generator.settlement.payment_list import payable_list, render_markdown
from generator.settlement.summary import explain_class, render_summary
from tests.conftest import CLASS, PAYMENTS, PRIOR, World
from tests.settlement.test_arithmetic import person, set_roster, trainee
from tests.settlement.test_report import CLASS_ID, add_second_institution, report_of

STATES_HEAD = ["| 状态 | 金额 | 含义 |", "|---|---:|---|"]
INSTITUTIONS_HEAD = ["## 按培训主体", "",
                     "| 培训主体 | 统一社会信用代码 | 班次 | 暂缓班次 | 本次应拨 | 已拨 | 待定 | 不予拨付 |",
                     "|---|---|---:|---:|---:|---:|---:|---:|"]


def states(payable: str, paid: str, pending: str, not_met: str, held: int) -> list[str]:
    return [
        *STATES_HEAD,
        f"| 本次应拨 | **{payable}** | 已到拨付条件、尚未拨付（即拨付清单合计） |",
        f"| 已拨 | {paid} | 已登记拨付 |",
        f"| 待定 | {pending} | 班次未结业或就业跟踪期未结束，条件满足后才应拨付；不计入应拨 |",
        f"| 不予拨付 | {not_met} | 跟踪期结束，就业率未达标 |",
        f"| 暂缓 | {held} 个班次 | 记录有错误，修正后再结算（见下） |",
    ]


def test_the_summary_of_the_fixture_world_line_by_line(world: World) -> None:
    """4,000 payable (remainder and bonus), 8,000 paid (the first installment), nothing pending or
    refused, nothing held; one institution, one project, one class explained phase by phase."""
    report = report_of(world)
    text = render_summary(report)
    payment_list = render_markdown(payable_list(report), heading="##").rstrip()
    assert text == "\n".join([
        "# 补贴结算汇总",
        "",
        "结算基准日 2027-06-30；记录提交 （非 Git 仓库）；政策版本 wuxi-2026-pilot；"
        "生成时间 2027-06-30 00:00:00（北京时间）。",
        "",
        *states("4,000.00 元", "8,000.00 元", "0.00 元", "0.00 元", 0),
        "",
        payment_list,
        "",
        *INSTITUTIONS_HEAD,
        "| 无锡示例职业培训学校 | 52320211MA1W00001X | 1 | 0 | 4,000.00 元 | 8,000.00 元 | 0.00 元 | 0.00 元 |",
        "| 合计 | | 1 | 0 | **4,000.00 元** | 8,000.00 元 | 0.00 元 | 0.00 元 |",
        "",
        "## 班次明细",
        "",
        "### P2026-001 养老护理员",
        "",
        "无锡示例职业培训学校（52320211MA1W00001X）；4-10-01-05 养老护理员 四级/中级工。",
        "",
        "#### 班次 P2026-001-01",
        "",
        "- 参训 10 人，取证 10 人，计入补贴 10 人，稳定就业 6 人（就业率 60.0%）；成交单价 1,000.00 元。",
        "- 首期 8,000.00 元（10 人 × 1,000.00 元 × 80%），已拨付。",
        "- 就业率 60.0%，达到 30%：给予剩余补贴 2,000.00 元（10 人 × 1,000.00 元 × 20%），本次应拨。",
        "- 就业率 60.0%，达到 50%：给予成交单价 20% 的跟补 2,000.00 元（10 人 × 1,000.00 元 × 20%），本次应拨。",
        "- 本次应拨 **4,000.00 元**，已拨 8,000.00 元，待定 0.00 元（不计入应拨），不予拨付 0.00 元。",
    ]) + "\n"
    assert payment_list.startswith("## ") and "4,000.00 元" in payment_list


def test_pending_money_is_stated_apart_and_never_as_payable(world: World) -> None:
    """2026-09-15: the windows are open; 4,000 待定 (remainder and bonus at the current count), 0
    payable, the first 8,000 paid."""
    text = render_summary(report_of(world, dt.date(2026, 9, 15)))
    lines = text.splitlines()
    start = lines.index(STATES_HEAD[0])
    assert lines[start:start + 7] == states("0.00 元", "8,000.00 元", "4,000.00 元", "0.00 元", 0)
    assert ("- 本次应拨 **0.00 元**，已拨 8,000.00 元，待定 4,000.00 元（不计入应拨），不予拨付 0.00 元。"
            in lines)
    assert ("| 无锡示例职业培训学校 | 52320211MA1W00001X | 1 | 0 | 0.00 元 | 8,000.00 元 | 4,000.00 元 | 0.00 元 |"
            in lines)


def test_trainees_certified_but_not_counted_are_explained_by_reason(world: World) -> None:
    """Ten trainees: one attended 33 of 48 periods (34 needed for 70 %), one is a school leaver (not
    a target group of the application), one already had three subsidies (cap), one already had
    this occupation and level (repeat): certified, not counted, each reason told. One failed (not
    certified: not listed), and two passed and wait for their certificate (one not recorded yet,
    one issued after the settlement date): not 已取证, told apart. Three count: first 3 × 1,000 ×
    80 % = 2,400 payable; the awaited certificates keep remainder and bonus 待定 at 3 × 1,000 × 20 %
    = 600 each. Reasons in the order of their codes (attendance, cap, group, repeat)."""
    roster = [trainee(0, attended=33), trainee(1, group="school_leaver"), trainee(2), trainee(3), trainee(4),
              trainee(5, certified=False), trainee(6, issued_on=dt.date(2027, 7, 1)),
              *(trainee(i) for i in range(7, 10))]
    del roster[2]["assessment"]["certificate"]
    set_roster(world, roster)
    world.dump(PRIOR, {"subsidies": [
        *({"person": person(3), "on": dt.date(2024, m, 1), "occupation_code": f"6-18-01-0{m}", "level": "L5"}
          for m in (1, 2, 3)),
        {"person": person(4), "on": dt.date(2025, 1, 1), "occupation_code": "4-10-01-05", "level": "L4"},
    ]})
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    [c] = report_of(world).classes
    lines = explain_class(c)
    assert lines[:5] == [
        "#### 班次 P2026-001-01",
        "",
        "- 参训 10 人，取证 7 人，计入补贴 3 人，稳定就业 0 人（就业率 0.0%）；成交单价 1,000.00 元。",
        "- 已取证但未计入：考勤率不足 1 人，超过每人累计补贴次数上限 1 人，人员类别不符合 1 人，"
        "同一职业同一等级已享受过补贴 1 人。",
        "- 尚未取证：证书尚未颁发 2 人（取得证书后再核定是否计入补贴）。",
    ]
    assert lines[-2:] == [
        "- 本次应拨 **2,400.00 元**，已拨 0.00 元，待定 1,200.00 元（不计入应拨），不予拨付 0.00 元。", ""]


def test_a_class_where_every_certified_trainee_counts_lists_no_reasons(world: World) -> None:
    """Two trainees failed (not certified): they are not 已取证但未计入, so no such line."""
    set_roster(world, [trainee(0, certified=False), trainee(1, certified=False), *(trainee(i) for i in range(2, 6))])
    [c] = report_of(world).classes
    lines = explain_class(c)
    assert lines[2] == "- 参训 6 人，取证 4 人，计入补贴 4 人，稳定就业 0 人（就业率 0.0%）；成交单价 1,000.00 元。"
    assert not any(line.startswith(("- 已取证但未计入", "- 尚未取证")) for line in lines)
    assert len(lines) == 8  # heading, blank, counts, three phases, the money, blank


def test_held_classes_are_listed_with_their_institution_and_reason(world: World) -> None:
    """A second class held by a record error, and a class the records do not know at all (培训主体不明)."""
    world.copy(CLASS, "classes/2026/P2026-001-02.yaml", lambda d: d.update({"id": "P2026-001-02"}))
    holds = (Hold("P2026-001-02", "CLS-PERIODS", "classes/2026/P2026-001-02.yaml", "课时不足"),
             Hold("P2026-009-01", "SCHEMA", "classes/2026/P2026-009-01.yaml", "无法读取"))
    text = render_summary(report_of(world, held=holds, without="P2026-001-02"))
    lines = text.splitlines()
    assert "| 暂缓 | 2 个班次 | 记录有错误，修正后再结算（见下） |" in lines
    start = lines.index("## 暂缓结算的班次")
    assert lines[start:start + 5] == [
        "## 暂缓结算的班次",
        "",
        "- P2026-001-02（无锡示例职业培训学校）：CLS-PERIODS：课时不足（classes/2026/P2026-001-02.yaml）",
        "- P2026-009-01（培训主体不明）：SCHEMA：无法读取（classes/2026/P2026-009-01.yaml）",
        "",
    ]
    assert lines[start + 5] == "## 班次明细"
    assert ("| 无锡示例职业培训学校 | 52320211MA1W00001X | 1 | 1 | 4,000.00 元 | 8,000.00 元 | 0.00 元 | 0.00 元 |"
            in lines)
    assert "| 合计 | | 1 | 2 | **4,000.00 元** | 8,000.00 元 | 0.00 元 | 0.00 元 |" in lines


def test_nothing_held_no_held_section(world: World) -> None:
    assert "暂缓结算的班次" not in render_summary(report_of(world))


def test_two_institutions_each_with_its_row_and_project(world: World) -> None:
    """The second institution's project is newly developed (no catalog level): its heading line
    ends with the project's occupation, no trailing level. 6,400 payable there (4 × 2,000 × 80 %),
    3,200 refused (nobody employed)."""
    add_second_institution(world)
    lines = render_summary(report_of(world)).splitlines()
    start = lines.index(INSTITUTIONS_HEAD[0])
    assert lines[start:start + 7] == [
        *INSTITUTIONS_HEAD,
        "| 无锡示例职业培训学校 | 52320211MA1W00001X | 1 | 0 | 4,000.00 元 | 8,000.00 元 | 0.00 元 | 0.00 元 |",
        "| 无锡第二示例培训学校 | 52320211MA1W00002X | 1 | 0 | 6,400.00 元 | 0.00 元 | 0.00 元 | 3,200.00 元 |",
        "| 合计 | | 2 | 0 | **10,400.00 元** | 8,000.00 元 | 0.00 元 | 3,200.00 元 |",
    ]
    detail = lines[lines.index("## 班次明细"):]
    second = detail.index("### P2026-002 无人机装调")
    assert detail[second + 2] == "无锡第二示例培训学校（52320211MA1W00002X）；新开发项目：无人机装调。"
    assert detail[second + 4] == "#### 班次 P2026-002-01"
    assert detail.index("#### 班次 P2026-001-01") < second
    assert "| 不予拨付 | 3,200.00 元 | 跟踪期结束，就业率未达标 |" in lines


def test_the_summary_escapes_what_markdown_would_read(world: World) -> None:
    """A held message with a pipe and an asterisk is shown as written, not as a table or emphasis."""
    hold = Hold("P2026-009-01", "SCHEMA", "x.yaml", "a|b *c*")
    text = render_summary(report_of(world, held=(hold,)))
    line = next(line for line in text.splitlines() if line.startswith("- P2026-009-01"))
    assert line == "- P2026-009-01（培训主体不明）：SCHEMA：a&#124;b &#42;c&#42;（x.yaml）"
    assert CLASS_ID in text
