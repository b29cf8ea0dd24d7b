"""Which records, rules and moment an artifact is for, pinned so that reruns give the same bytes.

The time of generation printed on every sheet and page is not the wall clock: it is
`SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), else the committer time of the
records commit, else midnight of the as-of day (China Standard Time). The same records commit and
as-of date therefore always give byte-identical XLSX and DOCX files.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

from generator.errors import UsageError
from generator.gitrepo import open_repo
from generator.settlement.report_entries import SettlementReport

CST = dt.timezone(dt.timedelta(hours=8))
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def generation_time(records_dir: Path, as_of: dt.date) -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).astimezone(CST)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH 应为 Unix 时间戳（整数秒），收到“{epoch}”") from None
    repo = open_repo(records_dir)
    if repo is not None:
        try:
            return repo.head.commit.committed_datetime.astimezone(CST)
        except ValueError:  # a repository without commits
            pass
    return dt.datetime.combine(as_of, dt.time(0), CST)


def provenance_line(report: SettlementReport) -> str:
    """One line that says what an artifact is for; on every sheet and page."""
    meta = report.meta
    commit = meta.records_commit
    policies = "、".join(meta.policies) or "—"
    return (f"结算基准日 {meta.as_of.isoformat()}；记录提交 {commit[:12] if commit else '（非 Git 仓库）'}；"
            f"政策版本 {policies}；生成时间 {display_time(meta.generated_at)}")


def display_time(moment: dt.datetime) -> str:
    return moment.astimezone(CST).strftime("%Y-%m-%d %H:%M:%S") + "（北京时间）"


def pin_zip(data: bytes, generated_at: dt.datetime | str) -> bytes:
    """An Office file rewritten with fixed entry times and `generated_at` (a time, or one in ISO
    form) as created/modified in docProps/core.xml, so that the same input gives the same bytes."""
    moment = dt.datetime.fromisoformat(generated_at) if isinstance(generated_at, str) else generated_at
    stamp = moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            pinned = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            dst.writestr(pinned, content)
    return out.getvalue()
