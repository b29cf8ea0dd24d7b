"""Shared pieces of the open-data tests: the sample records, a build, parsing the files back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.opendata.config import Organisation
from generator.opendata.write import write_downloads
from generator.records.load import load_records
from generator.records.record_set import RecordSet
from generator.settlement.arithmetic import compute
from tests.conftest import World

REPO = Path(__file__).parents[2]
SAMPLE = REPO / "records"
OCDS_SCHEMAS = REPO / "tests" / "fixtures" / "ocds"
AS_OF = dt.date(2027, 6, 30)
OCID_PREFIX = "ocds-test01"
PUBLISHER = "无锡市人力资源和社会保障局"
BASE_URL = "https://peixun.example.cn/data/"
SITE_URL = "https://peixun.example.cn/"
BUREAU_USCC = "11320200MB0000000P"  # a well-formed code (check digit right) standing for the bureau's
BUYER = Organisation(BUREAU_USCC, PUBLISHER)


def sample_world(tmp_path: Path) -> World:
    """A private copy of the repository's sample records (richer than the one-class test world)."""
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    return World(root)


def build(records: Path, out: Path, as_of: dt.date = AS_OF) -> tuple[RecordSet, list[Path]]:
    rs = load_records(records)
    paths = write_downloads(rs, compute(rs, as_of), out, ocid_prefix=OCID_PREFIX, publisher=PUBLISHER,
                            base_url=BASE_URL, buyer=BUYER, publisher_uri=SITE_URL)
    return rs, paths


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{path.name} has no BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_json(path: Path) -> Any:
    """JSON with numbers as Decimal, so that money compares exactly."""
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
