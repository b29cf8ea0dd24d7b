"""Every settlement artifact, declared once: its file name, its writer and what it is for.

`SETTLE_ARTIFACTS` is the one list: `settle` renders and writes exactly its members (a writer
cannot produce a file nobody declared, nor a declared file be forgotten), the tables of files in
README.md and docs/settlement.md are generated from it (`peixun contract`, checked fresh in CI),
and the tests iterate it. The payment list is declared `verified_only`: it is written only when
every roster was verified with the bureau's key (`generator.settlement_output`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.jsonbytes import json_bytes
from generator.settlement.cells import csv_bytes
from generator.settlement.payment_list import PayableList, payable_list
from generator.settlement.payment_list_files import docx_bytes
from generator.settlement.payment_list_files import xlsx_bytes as payable_xlsx_bytes
from generator.settlement.report_entries import SettlementReport
from generator.settlement.report_rows import CLASS_COLUMNS, class_rows, table_values
from generator.settlement.summary import render_summary
from generator.settlement.xlsx import workbook_bytes

__all__ = ["ARTIFACTS", "PAYABLE", "SETTLE_ARTIFACTS", "Artifact", "Sources", "artifact_rows", "csv_meta",
           "render_artifacts", "settlement_csv"]


class Sources:
    """What the writers read: the report, and what several writers derive from it, computed once."""

    def __init__(self, report: SettlementReport) -> None:
        self.report = report

    @cached_property
    def payable(self) -> PayableList:
        return payable_list(self.report)


@dataclass(frozen=True)
class Artifact:
    name: str  # the file name in settle's `--out` folder
    write: Callable[[Sources], bytes]
    description: str  # for README.md and docs/settlement.md (English, like them)
    verified_only: bool = False  # written only when every roster was verified with the bureau's key


def settlement_csv(report: SettlementReport) -> bytes:
    return csv_bytes([[title for _, title in CLASS_COLUMNS],
                      *(table_values(CLASS_COLUMNS, row) for row in class_rows(report))])


def csv_meta(report: SettlementReport) -> dict[str, Any]:
    return {
        **report.meta.as_json(),
        "file": "settlement.csv",
        "rows": "每个班次一行（含暂缓班次），每个培训主体之后一行“小计”，最后一行“合计”",
        "columns": [{"key": key, "title": title} for key, title in CLASS_COLUMNS],
        "states": {
            "payable": "本次应拨：已到拨付条件、尚未拨付",
            "paid": "已拨",
            "pending": "待定：条件尚未确定，不计入应拨",
            "not_met": "不予拨付：跟踪期结束，就业率未达标",
            "held": "暂缓：记录有错误，不结算，无金额",
        },
    }


_PAPER = ("under the issuing bureau (the policy's `issuer`) and 单位：元: the installments due and not yet paid, one "
          "block per institution (project, occupation and level, class, phase, basis = counted trainees × unit price "
          "× share, phase amount, already paid, paid now), its 小计, the 合计 in figures and in 大写 "
          "(`人民币壹拾万零贰仟玖佰陆拾元整`), each held class in words (class, project, institution, the record in "
          "question, what is wrong and the notice's clause), and the sign-off block (经办人 / 复核人 / 负责人, "
          "with dates)")

# In the order settle writes them (and prints 已写入 lines).
SETTLE_ARTIFACTS: tuple[Artifact, ...] = (
    Artifact("settlement.json", lambda s: json_bytes(s.report.as_json()),
             "the machine contract, everything below as data: per class and phase `status`, `amount`, `share`, "
             "`state`, and the money by state; `meta`, `institutions`, `held`"),
    Artifact("settlement.csv", lambda s: settlement_csv(s.report),
             "one row per class (held ones included), 小计 per institution, 合计; UTF-8 with BOM, opens in Excel"),
    Artifact("settlement.meta.json", lambda s: json_bytes(csv_meta(s.report)),
             "what the CSV is for: as-of date, commit, policy versions, time of generation, columns, states"),
    Artifact("settlement.xlsx", lambda s: workbook_bytes(s.report),
             "sheets 按培训主体, 按项目, 按班次 (grouped by institution, with 小计 and 合计), 暂缓; provenance on "
             "every sheet"),
    Artifact("summary.md", lambda s: render_summary(s.report).encode("utf-8"),
             "the states, the payment list and each class explained in words (the CI job summary)"),
    Artifact("payable.xlsx", lambda s: payable_xlsx_bytes(s.payable),
             f"the payment list (拨付清单) to pay from, {_PAPER}; prints landscape, fitted to the width, title rows "
             "repeated, row heights that fit wrapped text. Only with the bureau's pseudonym key",
             verified_only=True),
    Artifact("payable.docx", lambda s: docx_bytes(s.payable),
             f"the same payment list to sign, {_PAPER}; A4 in the bureau's style (仿宋_GB2312 body with 仿宋/FangSong "
             "as fallbacks, 黑体/SimHei headings), columns sized to their content, the header row repeated on every "
             "page, 第 x 页 共 y 页, and the 合计, 大写 and sign-off block kept together on one page. Only with the "
             "bureau's pseudonym key", verified_only=True),
)

ARTIFACTS = tuple(a.name for a in SETTLE_ARTIFACTS)
# what the payment list needs that a settlement without the key cannot give
PAYABLE = tuple(a.name for a in SETTLE_ARTIFACTS if a.verified_only)


def render_artifacts(report: SettlementReport) -> dict[str, bytes]:
    """Every declared artifact, in memory (the CLI writes them)."""
    sources = Sources(report)
    return {a.name: a.write(sources) for a in SETTLE_ARTIFACTS}


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def artifact_rows() -> str:
    """The table of settle's files for README.md and docs/settlement.md (`peixun contract`)."""
    lines = ["| file | what |", "|---|---|"]
    lines += [f"| `{a.name}` | {_cell(a.description)} |" for a in SETTLE_ARTIFACTS]
    return "\n".join(lines) + "\n"
