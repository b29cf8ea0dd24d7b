"""`write_downloads`: every open-data file, rendered in memory from records and settlement, then written.

File names never depend on the build (only on table names and project ids), so URLs stay stable;
content depends only on the records and the as-of date, so two builds of the same records are
byte-identical and a changed record changes only the files that show it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.opendata.config import DEFAULT_BUYER, Organisation
from generator.opendata.datapackage import datapackage
from generator.opendata.datasette_meta import datasette_metadata
from generator.opendata.dictionary import TABLES, dictionary_data
from generator.opendata.formats import dump_json, table_csv, table_json
from generator.opendata.ocds import package, project_releases
from generator.opendata.ocds_records import record, record_package
from generator.opendata.project_outcomes import Measure
from generator.opendata.published_rows import all_rows
from generator.opendata.scope import min_cell, published_projects
from generator.opendata.sqlite import sqlite_bytes
from generator.publish.disclosure import Linked, money_cohorts, money_projects
from generator.records.record_set import RecordSet
from generator.safejson import encode_line
from generator.settlement.arithmetic import Settlement

INDEX = "index.json"
DICTIONARY = "dictionary.json"
SQLITE = "peixun.sqlite"
DATAPACKAGE = "datapackage.json"  # the CSVs as a Frictionless Data Package
DATASETTE = "metadata.json"  # Datasette's metadata for peixun.sqlite
OCDS_DIR = "ocds"
OCDS_ALL = f"{OCDS_DIR}/all.json"
OCDS_RECORDS = f"{OCDS_DIR}/records"  # record packages, one per project and all.json, beside the release packages


@dataclass(frozen=True)
class Download:
    path: str  # relative to the data folder, with forward slashes
    size: int
    sha256: str


def data_url(base_url: str, path: str) -> str:
    """The URL of a download; `base_url` is where the data folder is served (absolute, or relative
    for links inside the site: urljoin would drop a leading `../`, so this only concatenates)."""
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


def render_downloads(records: RecordSet, settlement: Settlement, *, ocid_prefix: str, publisher: str,
                     base_url: str, buyer: Organisation | None = DEFAULT_BUYER,
                     published: Mapping[Measure, Sequence[Linked]] | None = None,
                     source_url: str = "", publisher_uri: str = "") -> dict[str, bytes]:
    """Every download except the index, by relative path, in a stable order. Without an OCDS
    prefix or buyer (not configured yet) there are no OCDS packages. `source_url` is the records
    repository's address, "" when unknown. The packages' publisher is the buyer (the bureau, by
    name and USCC), `publisher_uri` its address when configured."""
    rows = all_rows(records, settlement, published)
    files: dict[str, bytes] = {}
    for table in TABLES:
        files[f"{table.name}.csv"] = table_csv(table, rows[table.name])
        files[f"{table.name}.json"] = table_json(table, rows[table.name])
    files[DICTIONARY] = dump_json(dictionary_data())
    files[SQLITE] = sqlite_bytes(rows)
    page = base_url if base_url.startswith(("http://", "https://")) else ""
    files[DATAPACKAGE] = dump_json(datapackage(publisher=publisher, as_of=settlement.as_of, homepage=page,
                                               source_url=source_url))
    files[DATASETTE] = dump_json(datasette_metadata(database=SQLITE.removesuffix(".sqlite"), publisher=publisher,
                                                    as_of=settlement.as_of, source_url=source_url, about_url=page))
    if not ocid_prefix or buyer is None:
        return files
    every, compiled = [], []
    money = money_projects(money_cohorts(records, settlement), min_cell(records))
    who = Organisation(buyer.uscc, publisher, buyer.address)
    for prj in published_projects(records, settlement.as_of):
        plain = project_releases(records, prj, settlement.as_of, ocid_prefix=ocid_prefix, buyer=buyer, money=money)
        releases = [encode_line(r) for r in plain]
        every.extend(releases)  # encoded once for both packages
        path = f"{OCDS_DIR}/{prj.id}.json"
        uri = data_url(base_url, path)
        files[path] = dump_json(package(releases, uri=uri, publisher=who, as_of=settlement.as_of,
                                        publisher_uri=publisher_uri))
        if plain:
            compiled.append((prj.id, uri, record(plain, uri)))
    if every:  # a package needs at least one release
        files[OCDS_ALL] = dump_json(package(every, uri=data_url(base_url, OCDS_ALL), publisher=who,
                                            as_of=settlement.as_of, publisher_uri=publisher_uri))
    for project_id, uri, rec in compiled:
        path = f"{OCDS_RECORDS}/{project_id}.json"
        files[path] = dump_json(record_package([rec], uri=data_url(base_url, path), packages=[uri], publisher=who,
                                               as_of=settlement.as_of, publisher_uri=publisher_uri))
    if compiled:
        path = f"{OCDS_RECORDS}/all.json"
        files[path] = dump_json(record_package([rec for _, _, rec in compiled], uri=data_url(base_url, path),
                                               packages=[uri for _, uri, _ in compiled], publisher=who,
                                               as_of=settlement.as_of, publisher_uri=publisher_uri))
    return files


def index_entries(files: dict[str, bytes]) -> list[Download]:
    return [
        Download(path, len(data), hashlib.sha256(data).hexdigest()) for path, data in sorted(files.items())
    ]


def index_json(entries: list[Download], *, base_url: str, as_of: str) -> bytes:
    return dump_json({
        "as_of": as_of,
        "files": [
            {"path": e.path, "url": data_url(base_url, e.path), "size": e.size, "sha256": e.sha256}
            for e in entries
        ],
    })


def write_downloads(records: RecordSet, settlement: Settlement, out: Path, *, ocid_prefix: str, publisher: str,
                    base_url: str, buyer: Organisation | None = DEFAULT_BUYER,
                    published: Mapping[Measure, Sequence[Linked]] | None = None,
                    source_url: str = "", publisher_uri: str = "") -> list[Path]:
    """Write every download into `out` (the site's `data/` folder) and return the paths written.

    `published` lists, per measure, outcome cells that other outputs (the site's tables) already
    show about the same classes, so that no project count can be derived against them.

    Packages of projects no longer published are removed from `out/ocds/` and `out/ocds/records/`,
    so a stale file cannot outlive its record; nothing else in `out` is touched.
    """
    files = render_downloads(records, settlement, ocid_prefix=ocid_prefix, publisher=publisher,
                             base_url=base_url, buyer=buyer, published=published, source_url=source_url,
                             publisher_uri=publisher_uri)
    files[INDEX] = index_json(index_entries(files), base_url=base_url, as_of=settlement.as_of.isoformat())
    for folder in (OCDS_DIR, OCDS_RECORDS):
        if (out / folder).is_dir():
            for stale in (out / folder).glob("*.json"):
                if f"{folder}/{stale.name}" not in files:
                    stale.unlink()
    written = []
    for path, data in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written.append(target)
    return written
