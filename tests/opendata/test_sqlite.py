"""`peixun.sqlite`: the dictionary's tables with their types, keys and indexes, and the same rows as the JSON."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

from generator.opendata.dictionary import SQLITE_TYPES, TABLES
from generator.opendata.published_rows import all_rows
from generator.opendata.sqlite import sqlite_bytes
from generator.records.load import load_records
from generator.settlement.arithmetic import compute
from tests.opendata.helpers import AS_OF, SAMPLE, build, read_json, sample_world


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("sqlite")
    build(sample_world(tmp).root, tmp / "out")
    return tmp / "out"


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        yield conn


def test_columns_have_the_dictionary_types_and_primary_keys(out: Path) -> None:
    with connect(out / "peixun.sqlite") as db:
        for table in TABLES:
            info = db.execute(f"pragma table_info({table.name})").fetchall()
            assert [(r["name"], r["type"]) for r in info] == [(c.key, SQLITE_TYPES[c.kind]) for c in table.columns]
            pk = sorted((r["pk"], r["name"]) for r in info if r["pk"])
            assert tuple(name for _, name in pk) == table.primary_key
            assert all(r["notnull"] for r in info if r["pk"])


def test_foreign_keys_and_indexes(out: Path) -> None:
    with connect(out / "peixun.sqlite") as db:
        for table in TABLES:
            fks = {(r["from"], r["table"], r["to"]) for r in db.execute(f"pragma foreign_key_list({table.name})")}
            assert fks == set(table.foreign_keys)
            indexed = {
                tuple(c["name"] for c in db.execute(f"pragma index_info('{ix['name']}')"))
                for ix in db.execute(f"pragma index_list({table.name})") if ix["origin"] == "c"
            }
            assert indexed == set(table.indexes)
        assert db.execute("pragma foreign_key_check").fetchall() == []
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_rows_equal_the_json_downloads(out: Path) -> None:
    with connect(out / "peixun.sqlite") as db:
        for table in TABLES:
            data = read_json(out / f"{table.name}.json")
            rows = db.execute(f"select * from {table.name} order by rowid").fetchall()
            assert len(rows) == len(data) > 0
            for row, obj in zip(rows, data, strict=True):
                for col in table.columns:
                    value, expected = row[col.key], obj[col.key]
                    if col.kind in ("money", "rate") and expected is not None:
                        assert Decimal(str(value)) == Decimal(expected), (table.name, col.key)
                    elif col.kind == "boolean":
                        assert value == int(expected)
                    else:
                        assert value == expected, (table.name, col.key)
        paid = db.execute("select sum(amount) from payments where project = 'P2026-006'").fetchone()[0]
        assert round(paid, 2) == 39592.00


def test_the_dictionary_table_documents_every_column(out: Path) -> None:
    with connect(out / "peixun.sqlite") as db:
        documented = {(r["table_name"], r["column"]) for r in db.execute("select * from dictionary")}
    assert documented == {(t.name, c.key) for t in TABLES for c in t.columns}


def test_the_database_is_byte_reproducible() -> None:
    rs = load_records(SAMPLE)
    rows = all_rows(rs, compute(rs, AS_OF))
    first, second = sqlite_bytes(rows), sqlite_bytes(rows)
    assert first == second and first.startswith(b"SQLite format 3\x00")
