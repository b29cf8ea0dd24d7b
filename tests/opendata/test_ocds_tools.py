"""The published OCDS against the standard's own tools, offline: libcoveocds (0 errors with the bids
extension), ocdskit (every package read, releases compiled), ocdsmerge (our compiled releases are
the reference merge's) and Cardinal's coverage (the fields its indicators read are there)."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.opendata.config import BIDS_EXTENSION
from tests.opendata.helpers import build, read_json, sample_world
from tests.opendata.ocds_tools import BIDS_ARCHIVE, STANDARD, cove, offline, patched_release_schema, served

# any request a subprocess makes goes to a closed local port: nothing is fetched from the network
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("ocds-tools")
    build(sample_world(tmp).root, tmp / "out")
    return tmp / "out"


def ocds_files(out: Path) -> list[Path]:
    return sorted((out / "ocds").rglob("*.json"))


def test_libcoveocds_finds_no_error_in_any_package(out: Path, tmp_path: Path) -> None:
    files = ocds_files(out)
    assert len(files) == 16  # seven projects and all.json, as release and as record packages
    for path in files:
        report = cove(json.loads(path.read_text(encoding="utf-8")), tmp_path)
        assert report["validation_errors"] == [], (path.name, report["validation_errors"])
        assert report["additional_fields"] == [] and report["all_additional_fields"] == [], path.name
        assert report["additional_closed_codelist_values"] == {}, path.name
        assert report["deprecated_fields"] == [] and "json_deref_error" not in report, path.name
        ext = report["extensions"]
        assert ext["is_extended_schema"] and ext["invalid_extension"] == {}, path.name
        assert ext["extensions"] == [{"url": BIDS_EXTENSION, "failed_codelists": {}}], path.name
        assert report["schema_url"].endswith("record-package-schema.json" if "records" in path.parts
                                              else "release-package-schema.json")


def test_libcoveocds_is_strict_enough_to_fail(out: Path, tmp_path: Path) -> None:
    """The extension's rules really apply: a bid status outside its closed codelist, an unknown
    field and a missing bid id are each reported."""
    pkg = json.loads((out / "ocds" / "P2026-006.json").read_text(encoding="utf-8"))
    bad = copy.deepcopy(pkg)
    closing = next(r for r in bad["releases"] if r["tag"] == ["tenderUpdate"])
    closing["bids"]["details"][0]["status"] = "won"
    closing["bids"]["details"].append({"status": "valid"})
    closing["tender"]["applicantNames"] = ["某机构"]
    report = cove(bad, tmp_path)
    assert [e["description"] for e in report["validation_errors"]] == ["'id' is missing but required within 'details'"]
    # libcove reports values outside a closed codelist apart from the other errors, from the codelist's CSV
    closed = report["additional_closed_codelist_values"]
    assert closed["releases/bids/details/status"]["values"] == ["won"]
    assert closed["releases/bids/details/status"]["codelist"] == "bidStatus.csv"
    assert [(f["path"], f["field"]) for f in report["additional_fields"]] == [("/releases/tender", "applicantNames")]
    del pkg["extensions"]  # without the extension the bids section is unknown to the core schema
    assert any(f["field"] == "bids" for f in cove(pkg, tmp_path)["additional_fields"])


def test_libcoveocds_reads_only_vendored_files(out: Path, tmp_path: Path) -> None:
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    from tests.opendata.ocds_tools import standard_zip

    config = LibCoveOCDSConfig({"standard_zip": standard_zip(), "context": "api"})
    with offline() as adapter:
        ocds_json_output(str(tmp_path), json_data=read_json(out / "ocds" / "records" / "all.json"),
                         lib_cove_ocds_config=config)
    assert adapter.refused == [] and BIDS_ARCHIVE in adapter.asked
    assert set(adapter.asked) <= set(served())
    with offline() as adapter, pytest.raises(Exception, match="not vendored"):
        import requests

        requests.get(STANDARD + "release-schema-unknown.json", timeout=5)
    assert adapter.refused == [STANDARD + "release-schema-unknown.json"]


def ocdskit(*args: str, stdin: bytes | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "ocdskit", *args], input=stdin, capture_output=True,
                          env={**os.environ, **NO_NETWORK}, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def test_ocdskit_reads_every_package(out: Path) -> None:
    files = ocds_files(out)
    lines = ocdskit("detect-format", *map(str, files)).splitlines()
    kinds = {line.rsplit(": ", 1)[0]: line.rsplit(": ", 1)[1] for line in lines}
    for path in files:
        assert kinds[str(path)] == ("record package" if "records" in path.parts else "release package")


def _by_ocid(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {r["ocid"]: r["compiledRelease"] for r in records}


def test_ocdskit_compiles_the_release_packages_into_our_records(out: Path, tmp_path: Path) -> None:
    schema = tmp_path / "release-schema-with-bids.json"
    schema.write_text(json.dumps(patched_release_schema()), encoding="utf-8")
    compiled = json.loads(ocdskit("compile", "--schema", str(schema), "--package",
                                  stdin=(out / "ocds" / "all.json").read_bytes()))
    ours = json.loads((out / "ocds" / "records" / "all.json").read_text(encoding="utf-8"))
    assert compiled["extensions"] == [BIDS_EXTENSION] and len(compiled["records"]) == len(ours["records"]) == 7
    assert _by_ocid(compiled["records"]) == _by_ocid(ours["records"])


def test_compiled_releases_are_ocdsmerge_s(out: Path) -> None:
    from ocdsmerge import Merger

    merger = Merger(patched_release_schema())
    releases = json.loads((out / "ocds" / "all.json").read_text(encoding="utf-8"))["releases"]
    records = json.loads((out / "ocds" / "records" / "all.json").read_text(encoding="utf-8"))["records"]
    assert records
    for rec in records:
        own = [r for r in releases if r["ocid"] == rec["ocid"]]
        assert [link["url"].rsplit("#", 1)[1] for link in rec["releases"]] == [r["id"] for r in own]
        assert merger.create_compiled_release(copy.deepcopy(own)) == rec["compiledRelease"], rec["ocid"]


def test_cardinal_coverage_finds_what_its_indicators_read(out: Path, tmp_path: Path) -> None:
    """Cardinal reads compiled releases, one a line; R003 (short submission period) needs the tender
    period and procurement method, R018 (single bid) the number of tenderers."""
    import ocdscardinal

    records = json.loads((out / "ocds" / "records" / "all.json").read_text(encoding="utf-8"))["records"]
    lines = tmp_path / "compiled.jsonl"
    lines.write_text("".join(json.dumps(r["compiledRelease"], ensure_ascii=False) + "\n" for r in records),
                     encoding="utf-8")
    counts = ocdscardinal.coverage(str(lines))
    n = len(records)
    for path in ("/tender/tenderPeriod/startDate", "/tender/tenderPeriod/endDate", "/tender/procurementMethod",
                 "/tender/numberOfTenderers", "/tender/value/amount", "/bids/details[]/tenderers[]/id",
                 "/bids/statistics[]/value", "/awards[]/value/amount", "/awards[]/suppliers[]/id",
                 "/contracts[]/value/amount", "/parties[]/roles[]"):
        assert counts.get(path, 0) >= n, (path, counts.get(path))
