"""Who can read what: the one statement of the deployment model that every public word follows.

The records repository is private to the bureau, the districts, the institutions and the auditors;
the public sees the site and the open data, which hold no trainee-level data; a pseudonym is a
keyed digest (HMAC-SHA256) of an ID number, which the bureau's key reverses by enumerating ID
numbers and nobody without the key can. docs/custody.md says the same in English for the people
who deploy it (its table of readers is checked against `READERS` by tests/publish/test_custody.py),
and the home page, the guide (申报指南), the about page (数据说明) and every page's footer take
their sentences from here, naming the bureau of the policy in force (a district's site names its
own bureau, never 市人社局).
"""

from __future__ import annotations

from dataclasses import dataclass

FULL_SUFFIX = "人力资源和社会保障局"
SHORT_SUFFIX = "人社局"

# who can read the records repository (docs/custody.md "Who may read the records repository")
READERS = ("bureau", "districts", "institutions", "auditors")
# what the public can read: the site and the open-data downloads, never the repository
PUBLIC_SEES = ("site", "open data")
# who can turn a pseudonym back into a person: the holder of the pseudonym key
REVERSED_BY = ("bureau",)
REPOSITORY_PUBLIC = False


def bureau_short(issuer: str) -> str:
    """The bureau as pages name it in running text: 无锡市人力资源和社会保障局 → 无锡市人社局."""
    if issuer.endswith(FULL_SUFFIX) and len(issuer) > len(FULL_SUFFIX):
        return issuer[: -len(FULL_SUFFIX)] + SHORT_SUFFIX
    return issuer or "人社部门"


@dataclass(frozen=True)
class Custody:
    """The deployment model in the site's words, for the bureau that issues the policy in force."""

    bureau: str  # short name, e.g. 江阴市人社局

    @property
    def readers(self) -> str:
        return f"{self.bureau}、推荐项目的各区（镇、街道）人社部门、承训的院校和培训机构以及审计部门"

    @property
    def repository(self) -> str:
        return (f"项目征集、申报、评审、确定、培训班次、就业核验和补贴拨付的记录保存在{self.bureau}的记录库中，"
                f"每条记录是一个文件。记录库不向公众公开：只有{self.readers}的账号可以查看；"
                "院校和培训机构通过合并请求提交和更新本单位的记录。")

    @property
    def public(self) -> str:
        return ("公众看到的是本站和开放数据下载：入选项目、成交单价、培训班次和匿名汇总的培训成效，"
                "不含任何参训人员的个人信息，连假名也没有。")

    @property
    def pseudonym(self) -> str:
        return ("记录库中不保存参训人员的姓名、身份证号码、电话或证书编号：花名册导入时，"
                f"每个身份证号码用{self.bureau}保管的密钥换算成一个假名（以 p_ 开头的代号），原始表格留在记录库之外。")

    @property
    def reversal(self) -> str:
        return (f"假名不等于匿名：持有密钥的{self.bureau}可以由身份证号码算出假名，从而找回对应的人；"
                "没有密钥的人（包括能查看记录库的各方）不能由假名算出身份证号码。但同一个人在各个班次中的假名相同，"
                f"所以记录库只对上述各方开放，密钥只由{self.bureau}保管，不进入记录库。")

    @property
    def history(self) -> str:
        return ("每一处修改都以提交记录在案，能查看记录库的各方可以逐条查阅修改人、时间和原值；"
                "本站的“变更记录”公开每次修改的日期、部门和改动的内容，不含个人信息。")

    @property
    def lead(self) -> str:
        """The home page's one sentence."""
        return (f"本站公开入选项目、成交单价、培训班次和匿名汇总的培训成效，不含参训人员的个人信息；"
                f"数据由{self.bureau}的记录库自动生成，每一处修改都有提交记录。")

    @property
    def footer(self) -> str:
        return f"数据由{self.bureau}的记录库生成，每一处修改都有记录"

    def statements(self) -> dict[str, str]:
        """Every sentence by name (the about page shows them all; the test reads them from here)."""
        return {"repository": self.repository, "public": self.public, "pseudonym": self.pseudonym,
                "reversal": self.reversal, "history": self.history}
