"""`metadata.json` for Datasette: `datasette peixun.sqlite -m metadata.json` shows the data in Chinese.

Without it Datasette names tables and columns by their English keys and offers no facets. With it
the database and every table carry their Chinese title and meaning, every column its title and
meaning (Datasette lists them above the rows and as the column headers' descriptions), the source
and licence are shown on every page, a project or institution is shown by its name where another
table refers to it (`label_column`), and the useful facets (status, district, field, ...) open
with the table. Rendered from `dictionary.TABLES` like every other download, and it describes the
tables `peixun.sqlite` holds and nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.opendata.config import LICENCE_URL
from generator.opendata.datapackage import package_title
from generator.opendata.dictionary import TABLES, Table
from generator.opendata.sqlite import DICTIONARY_COLUMNS, DICTIONARY_TABLE, DICTIONARY_TITLE

LICENCE_SHORT = "CC BY 4.0"


def _table(table: Table) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": table.title,
        "description": f"{table.meaning}。主键：{'、'.join(table.primary_key)}。",
        "columns": {c.key: f"{c.title}：{c.meaning}" for c in table.columns},
    }
    if table.label_column:
        meta["label_column"] = table.label_column
    if table.facets:
        meta["facets"] = list(table.facets)
    return meta


def datasette_metadata(*, database: str, publisher: str, as_of: dt.date, source_url: str = "",
                       about_url: str = "") -> dict[str, Any]:
    """The metadata for the database file named `database` (its name without `.sqlite`).
    `source_url` (the records repository) and `about_url` (the 开放数据 page) are left out when
    "" (not known)."""
    meta: dict[str, Any] = {
        "title": package_title(publisher),
        "description": f"数据截至 {as_of.isoformat()}。只含汇总数，培训人员不以任何形式出现；"
                       "空白表示没有该项或按公开规则不公布。",
        "license": LICENCE_SHORT,
        "license_url": LICENCE_URL,
        "source": f"{publisher} 重点群体项目化就业技能培训记录",
        "databases": {
            database: {
                "title": package_title(publisher),
                "description": "入选项目、培训主体、班次和按项目汇总的补贴拨付，以及数据字典。",
                "tables": {
                    **{t.name: _table(t) for t in TABLES},
                    DICTIONARY_TABLE: {
                        "title": DICTIONARY_TITLE,
                        "description": "每张表每一列的含义、类型和来源字段，与 dictionary.json 相同",
                        "columns": dict(DICTIONARY_COLUMNS),
                        "facets": ["table_name", "type"],
                    },
                },
            },
        },
    }
    if source_url:
        meta["source_url"] = source_url
    if about_url:
        meta["about"], meta["about_url"] = "开放数据说明", about_url
    return meta
