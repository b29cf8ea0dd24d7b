"""The 开放数据 page: what each download is, where it lives, what every column means, and the rules.

Rendered as Markdown from the same definitions as the files (`dictionary.TABLES`, the file names of
`write`), so the page cannot describe a column or a URL the downloads do not have.
"""

from __future__ import annotations

import html

from generator.opendata.config import BUREAU_USCC_PLACEHOLDER, DEFAULT_BUYER, LICENCE_NAME, LICENCE_URL, Organisation
from generator.opendata.dictionary import KIND_LABELS, TABLES, Table
from generator.opendata.ocds import OCDS_VERSION
from generator.opendata.scope import min_cell, published_projects
from generator.opendata.write import DICTIONARY, INDEX, OCDS_ALL, OCDS_DIR, SQLITE, data_url
from generator.records.recordset import RecordSet
from generator.settlement.arithmetic import Settlement

TITLE = "开放数据"


def _anchor(path: str, link_base: str) -> str:
    # an HTML anchor, not a Markdown link: the files are written after the pages, and a site
    # generator that checks Markdown links against its own sources would report every one missing
    href = html.escape(data_url(link_base, path), quote=True)
    return f'<a href="{href}"><code>{html.escape(path)}</code></a>'


def _link(path: str, base_url: str, link_base: str) -> str:
    return f"{_anchor(path, link_base)}<br>`{data_url(base_url, path)}`"


def _dictionary(table: Table) -> list[str]:
    lines = [
        f"### {table.title}（`{table.name}`）",
        "",
        f"{table.meaning}。主键：{'、'.join(f'`{k}`' for k in table.primary_key)}。",
        "",
        "| 列（JSON、SQLite） | 列名（CSV） | 含义 | 类型 | 来源字段 |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| `{c.key}` | {c.title} | {c.meaning} | {KIND_LABELS[c.kind]} | `{c.source}` |" for c in table.columns
    ]
    return [*lines, ""]


def page_markdown(records: RecordSet, settlement: Settlement, *, base_url: str, link_base: str | None = None,
                  ocid_prefix: str, buyer: Organisation = DEFAULT_BUYER) -> str:
    """The page in Chinese. `base_url` is the public URL of the data folder (shown, and used in the
    OCDS packages); `link_base` is how the page links to it: "" when the page sits in the data
    folder itself (relative links then work on any host and in previews), else a URL or path."""
    links = link_base if link_base is not None else base_url
    projects = published_projects(records, settlement.as_of)
    k = min_cell(records)
    tables = "\n".join(
        f"| {t.title} | {_link(f'{t.name}.csv', base_url, links)} | {_link(f'{t.name}.json', base_url, links)} "
        f"| {t.meaning} |"
        for t in TABLES
    )
    placeholder = (
        f"\n> **注意**：采购方（市人社局）的统一社会信用代码尚未配置，"
        f"目前使用占位值 `{BUREAU_USCC_PLACEHOLDER}`（不是有效代码）。\n"
        if buyer.uscc == BUREAU_USCC_PLACEHOLDER else ""
    )
    parts = [
        f"# {TITLE}",
        "",
        f"本页的全部文件都由仓库中的记录自动生成，数据截至 **{settlement.as_of.isoformat()}**。"
        "文件地址固定不变；记录变化时，只有受影响的文件内容随之变化。",
        "",
        "## 下载",
        "",
        "| 表 | CSV（UTF-8 带 BOM，可直接用 Excel 打开） | JSON | 内容 |",
        "|---|---|---|---|",
        tables,
        "",
        "| 文件 | 地址 | 内容 |",
        "|---|---|---|",
        f"| SQLite 数据库 | {_link(SQLITE, base_url, links)} | 上面四张表（含类型、主键、外键和索引）"
        "以及数据字典表 `dictionary` |",
        f"| 数据字典 | {_link(DICTIONARY, base_url, links)} | 每张表每一列的含义、类型和来源字段 |",
        f"| 全部 OCDS 发布 | {_link(OCDS_ALL, base_url, links)} | 所有项目的开放合同数据标准发布包 |",
        f"| 文件索引 | {_link(INDEX, base_url, links)} | 每个文件的路径、地址、字节数和 SHA-256 校验值 |",
        "",
        "下载后可以用 `sha256sum 文件名` 核对校验值与 `index.json` 是否一致。",
        "",
        "## 开放合同数据（OCDS）",
        "",
        f"每个项目一个开放合同数据标准（Open Contracting Data Standard）{OCDS_VERSION} 发布包。"
        f"合同过程编号 `ocid` 为 `{ocid_prefix}-项目编号`；按项目进展发布 `award`（项目确定，含成交单价 "
        "`awards[].items[].unit.value` 和培训人数 `quantity`）、`contract`（协议签订，含协议期限）、"
        "`implementation`（每个拨付日一条，`contracts[].implementation.transactions` 为按项目汇总的拨付）"
        "和 `contractTermination`（协议终止或期满）。每条发布的编号由项目、类型和事实日期组成，"
        "如 `P2026-001-award-2026-05-20`；已发布的内容不再改动，新的事实总是一条新的发布。"
        "单位以统一社会信用代码标识（`CN-USCI`），币种为人民币（`CNY`）。",
        placeholder,
        f"共 {len(projects)} 个项目有发布包。每个项目的发布包在 `{OCDS_DIR}/<项目编号>.json`，"
        f"如 `{OCDS_DIR}/{projects[0].id if projects else 'P2026-001'}.json`，地址为 "
        f"`{data_url(base_url, OCDS_DIR + '/<项目编号>.json')}`；全部项目合在一个发布包 "
        f"{_anchor(OCDS_ALL, links)} 中；{_anchor(INDEX, links)} 列出每个文件"
        "（含每个项目的发布包）的路径、地址和校验值。",
        "",
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
        "- 补贴拨付按项目公布：同一项目同一天同一阶段的拨付合为一笔，不按班次列出。",
        "",
        "## 数据字典",
        "",
        "下表与 `dictionary.json` 以及 SQLite 中的 `dictionary` 表内容相同。空白单元格表示没有该项或按公开规则不公布。",
        "",
        *[line for t in TABLES for line in _dictionary(t)],
        "## 用 Datasette 浏览",
        "",
        "[Datasette](https://datasette.io/) 可以在浏览器中浏览、筛选和查询 SQLite 文件：",
        "",
        "```bash",
        "pip install datasette",
        f"curl -O {data_url(base_url, SQLITE)}",
        f"datasette {SQLITE}",
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
        "## 许可",
        "",
        f"数据以[{LICENCE_NAME}]({LICENCE_URL})发布：可以自由复制、分发和改编，包括商业用途，"
        "只需注明来源“无锡市人力资源和社会保障局 重点群体项目化就业技能培训开放数据”。",
        "",
    ]
    return "\n".join(parts)
