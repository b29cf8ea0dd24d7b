"""Everything the site is made from, loaded and checked once: records, validation, settlement.

The site publishes only what the settlement says as of one date (the records commit's date by
default, like `settle`), so that a page, a download and the bureau's settlement never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.errors import RecordsInvalidError
from generator.holds import Hold
from generator.pipeline import run
from generator.publish.custody import Custody, bureau_short
from generator.publish.history import History, load_history
from generator.records.record_set import RecordSet
from generator.records.reference import Policy
from generator.settlement.arithmetic import Settlement
from generator.settlement.report import AsOfSource

DEFAULT_MIN_CELL = 10


@dataclass(frozen=True)
class Publication:
    """Where and under which identifiers the site is published: configuration, never a placeholder.

    Each value is "" when unset; the pages then leave out what depends on it (absolute download
    URLs, the OCDS packages) and `notices` says what is missing, for the build to print.
    """

    site_url: str = ""  # the site's public address, e.g. https://peixun.wuxi.gov.cn/
    ocid_prefix: str = ""  # the OCDS prefix registered with the Open Contracting Partnership
    publisher_uscc: str = ""  # the bureau's 统一社会信用代码 (the buyer in every OCDS release)

    @property
    def ocds(self) -> bool:
        """OCDS packages need both the registered prefix and the buyer's identifier."""
        return bool(self.ocid_prefix and self.publisher_uscc)

    def notices(self) -> list[str]:
        missing = []
        if not self.site_url:
            missing.append("未配置网站地址（mkdocs.yml 的 site_url，或环境变量 PEIXUN_SITE_URL）："
                           "开放数据页和下载索引只给出相对地址")
        if not self.ocid_prefix:
            missing.append("未配置 OCDS 前缀（mkdocs.yml 的 extra.peixun.ocds_prefix，或环境变量 PEIXUN_OCDS_PREFIX）："
                           "不发布 OCDS 发布包")
        if not self.publisher_uscc:
            missing.append("未配置发布单位（人社局）的统一社会信用代码（mkdocs.yml 的 extra.peixun.publisher_uscc，"
                           "或环境变量 PEIXUN_PUBLISHER_USCC）：不发布 OCDS 发布包")
        return missing


@dataclass(frozen=True)
class SiteData:
    records: RecordSet
    settlement: Settlement
    as_of: dt.date
    as_of_source: AsOfSource
    commit: str | None
    repo_slug: str  # "owner/name" on the Git host, or "" when unknown (links are then left out)
    history: History | None = None  # None when the records are not in a Git repository
    # classes held back by record errors: left out of every page and download, reported by the
    # build to the bureau, never published
    held: tuple[Hold, ...] = ()
    publication: Publication = Publication()

    @property
    def policy(self) -> Policy | None:
        """The policy in force on the as-of date, else the latest one (for the 政策 page)."""
        current = self.records.policy_on(self.as_of)
        if current is not None:
            return current
        latest = max(self.records.policies, key=lambda r: r.model.effective_from, default=None)
        return latest.model if latest else None

    @property
    def jurisdiction(self) -> str:
        """The place the records serve (the policy's `jurisdiction`): the site's titles come from it."""
        return self.policy.jurisdiction if self.policy else ""

    @property
    def issuer(self) -> str:
        return self.policy.issuer if self.policy else ""

    @property
    def bureau(self) -> str:
        """The issuing bureau as running text names it (江阴市人社局, 梁溪区人社局): never a fixed 市人社局."""
        return bureau_short(self.issuer)

    @property
    def custody(self) -> Custody:
        """Who can read the records and what the public sees, in the site's words (publish/custody.py)."""
        return Custody(self.bureau)

    @property
    def site_title(self) -> str:
        return f"{self.jurisdiction}重点群体项目化就业技能培训"

    @property
    def footer(self) -> str:
        note = self.custody.footer
        return f"{self.issuer} · {note}" if self.issuer else note

    @property
    def min_cell(self) -> int:
        """The strictest `outcome_min_cell` of any policy: aggregates mix cohorts of several policies,
        and a table must be safe under each of them."""
        return max((p.model.outcome_min_cell for p in self.records.policies), default=DEFAULT_MIN_CELL)

    def repo_url(self, path: str = "") -> str:
        return f"https://github.com/{self.repo_slug}{path}" if self.repo_slug else ""

    def commit_url(self, sha: str) -> str:
        return self.repo_url(f"/commit/{sha}")


def load_site(records_dir: Path, as_of: dt.date | None = None, repo_slug: str = "",
              publication: Publication | None = None) -> SiteData:
    """Load and validate the records and compute the settlement. Validation errors hold the
    classes they touch (generator.holds): those are left out, everything else is published."""
    r = run(records_dir, as_of)
    if not r.records.policies:
        # the guide, the standards and every threshold shown come from a policy: with none that
        # loads (a bureau file broken, found by the fuzz of issue 24) there is no site to build
        raise RecordsInvalidError("没有可用的政策记录：records/policy/ 下的政策文件缺失或有错误，网站的申报指南、"
                                  "补贴标准和门槛都取自政策，无法生成网站。请先用 peixun validate 找到并修正政策文件")
    return SiteData(
        records=r.records, settlement=r.settlement, as_of=r.as_of, as_of_source=r.as_of_source,
        commit=r.commit, repo_slug=repo_slug, history=load_history(records_dir, cache=r.cache),
        held=r.held,
        publication=publication or Publication(),
    )
