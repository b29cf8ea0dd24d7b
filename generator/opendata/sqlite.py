"""`peixun.sqlite`: the published tables with types, keys and indexes, ready for `datasette peixun.sqlite`.

The file is byte-reproducible: it is built in a fresh file by the same statements in the same order
(tables sorted by the dictionary, rows in table order), then VACUUMed, and nothing time-dependent is
written. Its header records the SQLite library version, so a different SQLite may produce different
bytes for the same content; the content itself is always the same.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import sqlite_utils

from generator.opendata.dictionary import SQLITE_TYPES, TABLES, Table, dictionary_data
from generator.opendata.formats import sqlite_value
from generator.opendata.published_rows import Row

DICTIONARY_TABLE = "dictionary"
DICTIONARY_TITLE = "数据字典"
# the dictionary table's columns and their titles (Datasette's metadata.json shows the titles)
DICTIONARY_COLUMNS = {
    "table_name": "表", "column": "列", "title": "列名（CSV）", "meaning": "含义", "type": "类型",
    "sqlite_type": "SQLite 类型", "source": "来源字段",
}


def _create(db: sqlite_utils.Database, table: Table, rows: list[Row]) -> None:
    t = db.table(table.name)
    t.create(
        {c.key: SQLITE_TYPES[c.kind] for c in table.columns},
        pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
        foreign_keys=list(table.foreign_keys),
        not_null=list(table.primary_key),
    )
    for columns in table.indexes:
        t.create_index(columns)
    t.insert_all({c.key: sqlite_value(c.kind, row[c.key]) for c in table.columns} for row in rows)


def _create_dictionary(db: sqlite_utils.Database) -> None:
    entries = [
        {"table_name": t["name"], **col}
        for t in dictionary_data()["tables"]
        for col in t["columns"]
    ]
    d = db.table(DICTIONARY_TABLE)
    d.create({key: "TEXT" for key in DICTIONARY_COLUMNS}, pk=("table_name", "column"))
    d.insert_all(entries)


def sqlite_bytes(rows: dict[str, list[Row]]) -> bytes:
    """Build the database from the rows of every table in `dictionary.TABLES` and return its bytes."""
    with tempfile.TemporaryDirectory(prefix="peixun-sqlite-") as tmp:
        path = Path(tmp) / "peixun.sqlite"
        db = sqlite_utils.Database(path)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            # referenced tables first, so that foreign keys point at existing tables
            for table in TABLES:
                _create(db, table, rows[table.name])
            _create_dictionary(db)
            db.conn.commit()
            db.execute("VACUUM")
        finally:
            db.close()
        return path.read_bytes()
