"""The 开放数据 page: what each download is, where it lives, what every column means, and the rules.

Rendered as Markdown from the same definitions as the files (`dictionary.TABLES`, the file names of
`write`), so the page cannot describe a column or a URL the downloads do not have.
"""

from __future__ import annotations

import html

from generator.opendata.config import DEFAULT_PUBLISHER, LICENCE_NAME, LICENCE_URL
from generator.opendata.dictionary import KIND_LABELS, TABLES, Table
from generator.opendata.ocds import OCDS_VERSION
from generator.opendata.scope import min_cell, published_projects
from generator.opendata.write import (
    DATAPACKAGE,
    DATASETTE,
    DICTIONARY,
    INDEX,
    OCDS_ALL,
    OCDS_DIR,
    OCDS_RECORDS,
    SQLITE,
    data_url,
)
from generator.records.record_set import RecordSet
from generator.settlement.arithmetic import Settlement

TITLE = "开放数据"


def _anchor(path: str, link_base: str) -> str:
    # an HTML anchor, not a Markdown link: the files are written after the pages, and a site
    # generator that checks Markdown links against its own sources would report every one missing;
    # the file name is the link text (a full URL would be a long unbreakable token on a phone)
    href = html.escape(data_url(link_base, path), quote=True)
    return f'<a href="{href}"><code>{html.escape(path)}</code></a>'


def _table(head: list[str], rows: list[list[str]], labels: list[str] | None = None, cls: str = "") -> str:
    """An HTML table that becomes one card per row on a narrow screen (cells are HTML already)."""
    labels = labels or head
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "\n".join(
        "<tr>" + "".join(f'<td data-label="{html.escape(lb, quote=True)}">{c}</td>' for lb, c in zip(labels, row,
                                                                                                 strict=True))
        + "</tr>" for row in rows
    )
    return (f'<div class="px-scroll">\n<table class="px-table px-cards{cls}">\n<thead><tr>{th}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>\n</div>")


def _code(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def _path(text: str) -> str:
    """A file and field path that may wrap after a slash or before a dot on a phone, never inside a name."""
    escaped = html.escape(text).replace("/", "/<wbr>").replace(".", "<wbr>.")
    return f'<code class="px-path">{escaped}</code>'


def _dictionary(table: Table) -> list[str]:
    rows = [[_code(c.key), html.escape(c.title), html.escape(c.meaning), html.escape(KIND_LABELS[c.kind]),
             _path(c.source)] for c in table.columns]
    return [
        f"### {table.title}（`{table.name}`）",
        "",
        f"{table.meaning}。主键：{'、'.join(f'`{k}`' for k in table.primary_key)}。",
        "",
        _table(["列（JSON、SQLite）", "列名（CSV）", "含义", "类型", "来源字段"], rows,
               ["列", "列名（CSV）", "含义", "类型", "来源字段"], " px-dictionary"),
        "",
    ]


def _ocds(records: RecordSet, settlement: Settlement, base_url: str, links: str, ocid_prefix: str) -> list[str]:
    projects = published_projects(records, settlement.as_of)
    example = projects[0].id if projects else "P2026-001"
    where = (f"，地址为 `{data_url(base_url, OCDS_DIR + '/<项目编号>.json')}`"
             if base_url.startswith(("http://", "https://")) else "")
    return [
        "## 开放合同数据（OCDS）",
        "",
        f"每个项目一个开放合同数据标准（Open Contracting Data Standard）{OCDS_VERSION} 发布包。"
        f"合同过程编号 `ocid` 为 `{ocid_prefix}-项目编号`；按项目进展发布 `tender`（征集计划开始征集：征集期为 "
        "`tender.tenderPeriod`，征集计划的资金预算为 `tender.value`）、`tenderUpdate`（征集截止：同一征集计划、"
        "同一征集方向的申报数和申报单位数，即 `tender.numberOfTenderers` 和投标扩展 `bids`，"
        "只列出本项目的申报，未入选的申报只计数、不具名）、`award`（项目确定，含成交单价 "
        "`awards[].items[].unit.value`、培训人数 `quantity` 和最高支出 `value`）、`contract`（协议签订，含协议期限）、"
        "`implementation`（每个拨付日一条，`contracts[].implementation.transactions` 为按项目汇总的拨付，"
        "项目培训结果公开后才发布）和 `contractTermination`（协议终止或期满）。"
        "每条发布的编号由项目、类型和事实日期组成，"
        "如 `P2026-001-award-2026-05-20`；已发布的内容不再改动，新的事实总是一条新的发布。"
        "单位以统一社会信用代码标识（`CN-USCI`），币种为人民币（`CNY`）。"
        f"每个项目另有一个记录包（`{OCDS_RECORDS}/<项目编号>.json`，全部项目在 `{OCDS_RECORDS}/all.json`），"
        "其中 `compiledRelease` 是按标准合并规则汇总的项目现状。",
        "",
        f"共 {len(projects)} 个项目有发布包。每个项目的发布包在 `{OCDS_DIR}/<项目编号>.json`，"
        f"如 `{OCDS_DIR}/{example}.json`{where}；全部项目合在一个发布包 "
        f"{_anchor(OCDS_ALL, links)} 中；{_anchor(INDEX, links)} 列出每个文件"
        "（含每个项目的发布包）的路径、地址和校验值。",
        "",
    ]


def page_markdown(records: RecordSet, settlement: Settlement, *, base_url: str, link_base: str | None = None,
                  ocid_prefix: str = "", publisher: str = DEFAULT_PUBLISHER) -> str:
    """The page in Chinese. `base_url` is the public URL of the data folder (shown in commands, and
    used in the OCDS packages), "" when the site's address is not configured; `link_base` is how the
    page links to it: "" when the page sits in the data folder itself (relative links then work on
    any host and in previews), else a URL or path. Without `ocid_prefix` (not registered yet) the
    OCDS packages are not published and the page does not mention them."""
    links = link_base if link_base is not None else base_url
    k = min_cell(records)
    tables = [[html.escape(t.title), _anchor(f"{t.name}.csv", links), _anchor(f"{t.name}.json", links),
               html.escape(t.meaning)] for t in TABLES]
    files = [
        ["SQLite 数据库", _anchor(SQLITE, links),
         "上面四张表（含类型、主键、外键和索引）以及数据字典表 <code>dictionary</code>"],
        ["数据字典", _anchor(DICTIONARY, links), "每张表每一列的含义、类型和来源字段"],
        ["数据包描述", _anchor(DATAPACKAGE, links),
         "Frictionless 数据包（Data Package）：四个 CSV 文件的中文标题、列类型、主键、外键、空值标记、许可和来源"],
        ["Datasette 元数据", _anchor(DATASETTE, links),
         "供 Datasette 使用：表和列的中文标题与说明、来源、许可和常用分面"],
    ]
    if ocid_prefix:
        files.append(["全部 OCDS 发布", _anchor(OCDS_ALL, links), "所有项目的开放合同数据标准发布包"])
    files.append(["文件索引", _anchor(INDEX, links), "每个文件的路径、地址、字节数和 SHA-256 校验值"])
    absolute = base_url.startswith(("http://", "https://"))
    serve = f"datasette {SQLITE} -m {DATASETTE}"
    fetch = (["pip install datasette", f"curl -O {data_url(base_url, SQLITE)}",
              f"curl -O {data_url(base_url, DATASETTE)}", serve] if absolute
             else ["pip install datasette", f"# 先从本页下载 {SQLITE} 和 {DATASETTE}，放在同一个文件夹，然后：", serve])
    parts = [
        f"# {TITLE}",
        "",
        f"本页的全部文件都由仓库中的记录自动生成，数据截至 **{settlement.as_of.isoformat()}**。"
        "文件地址固定不变；记录变化时，只有受影响的文件内容随之变化。",
        "",
        "## 下载",
        "",
        _table(["表", "CSV（UTF-8 带 BOM，可直接用 Excel 打开）", "JSON", "内容"], tables,
               ["表", "CSV", "JSON", "内容"], " px-downloads"),
        "",
        _table(["文件", "下载", "内容"], files, cls=" px-downloads"),
        "",
        "下载后可以用 `sha256sum 文件名` 核对校验值与 `index.json` 是否一致。"
        + (f"文件的固定地址为 `{base_url}` 加文件名。" if absolute else ""),
        "",
        *(_ocds(records, settlement, base_url, links, ocid_prefix) if ocid_prefix else []),
        "## 公开规则",
        "",
        "培训人员的记录只以密钥生成的假名出现，而假名仍可能被还原，因此这里只公开汇总数，并遵守下面的规则：",
        "",
        "- 不公开任何个人层面的数据：没有姓名、身份证号码、证书编号，也没有假名。",
        "- 取证和稳定就业的结果只在项目“已结束”后公布：全部班次的就业跟踪期都已届满，项目也不会再开新班，"
        "此后数字不再变化。正在进行的项目不公布结果，以免前后两版相减推算出某一个班的人数。",
        f"- 一个人数只有在它本身和“其余人数”都不少于 {k} 人时才公布；否则留空，相应的比例也留空。"
        "0% 和 100% 同样不公布，因为它们等于说出了每个人的结果。",
        f"- 班次只给 10 个百分点的区间（如 50%–60%），不给人数；班次不足 {k} 人、或区间触及 0% 或 100% 时也不给。",
        "- 补贴拨付按项目公布：同一项目同一天的拨付合为一笔，不按班次或拨付阶段列出；补贴金额会透露培训结果，"
        "所以项目的拨付在其培训结果公开后（全部班次就业跟踪期满、不再开班，且参训人数不少于公开门槛）才列出，"
        "此前不计入任何合计。",
        "",
        "## 数据字典",
        "",
        "下表与 `dictionary.json` 以及 SQLite 中的 `dictionary` 表内容相同。空白单元格表示没有该项或按公开规则不公布。",
        "",
        *[line for t in TABLES for line in _dictionary(t)],
        "## 用 Datasette 浏览",
        "",
        "[Datasette](https://datasette.io/) 可以在浏览器中浏览、筛选和查询 SQLite 文件。"
        f"加上 `-m {DATASETTE}` 后，表和列显示中文标题和说明，项目表可以直接按状态、所在区、征集方向等分面筛选：",
        "",
        "```bash",
        *fetch,
        "```",
        "",
        "然后打开 <http://127.0.0.1:8001>。例如，按培训主体汇总已拨付金额：",
        "",
        "```sql",
        "select i.name, count(*) as projects, sum(p.paid) as paid",
        "from projects p join institutions i on i.uscc = p.institution",
        "group by i.uscc order by paid desc;",
        "```",
        "",
        "## 用 Frictionless 校验",
        "",
        f"`{DATAPACKAGE}` 按 [Frictionless 数据包](https://datapackage.org/)标准描述四个 CSV 文件，"
        "支持该标准的工具据此读取类型、主键和表间关联。在下载目录中运行下面的命令，可以检查文件是否完整、"
        "每个值是否符合其类型、各表之间的编号是否对得上：",
        "",
        "```bash",
        "pip install frictionless",
        f"frictionless validate {DATAPACKAGE}",
        "```",
        "",
        "## 许可",
        "",
        f"数据以[{LICENCE_NAME}]({LICENCE_URL})发布：可以自由复制、分发和改编，包括商业用途，"
        f"只需注明来源“{publisher} 重点群体项目化就业技能培训开放数据”。",
        "",
    ]
    return "\n".join(parts)
