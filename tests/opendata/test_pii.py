"""Nothing at trainee level leaves through the downloads: no pseudonym, no ID number, no trainee field."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from generator.opendata.site_output import write_site_downloads
from generator.publish.data import load_site
from generator.publish.pii_guard import PersonalDataLeak, guard_output, scan_output
from generator.publish.views import build_views
from generator.rules.pii import find_identifiers
from tests.opendata.helpers import AS_OF, build, sample_world

PSEUDONYM = re.compile(r"[pc]_[0-9a-f]{24}")
TRAINEE_FIELDS = {
    "person", "number_ref", "pension_months", "verified_on", "attended_periods", "graduation_on", "trainees",
    "assessment", "certificate", "group", "employer", "voucher", "legal_representative", "contact", "phone", "email",
}
TRAINEE_TITLES = ("假名", "身份证", "证书编号", "姓名", "出勤", "缴费月份", "人员类别", "凭证")


def texts(out: Path) -> dict[str, str]:
    """Every output as text; the database as its full SQL dump, which holds every stored value."""
    result = {}
    for path in sorted(out.rglob("*")):
        if path.suffix == ".sqlite":
            with closing(sqlite3.connect(path)) as db:
                result[path.name] = "\n".join(db.iterdump())
        elif path.is_file():
            result[path.name] = path.read_text(encoding="utf-8-sig")
    return result


def keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def leaks(text: str) -> list[str]:
    return PSEUDONYM.findall(text) + [i.kind for i in find_identifiers(text)]


def test_no_output_holds_a_pseudonym_an_id_number_or_a_mobile(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    rs, _ = build(world.root, tmp_path / "out")
    persons = {t.person for c in rs.classes.values() for t in c.model.trainees}
    assert len(persons) > 100  # the sample really has trainees to leak
    for name, text in texts(tmp_path / "out").items():
        assert leaks(text) == [], name
        assert not any(p in text for p in persons), name
    raw = b"".join(p.read_bytes() for p in (tmp_path / "out").rglob("*.sqlite"))
    assert PSEUDONYM.search(raw.decode("utf-8", errors="replace")) is None


def test_no_trainee_level_field_or_column(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "out")
    out = tmp_path / "out"
    for path in out.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        found = keys(data) & TRAINEE_FIELDS
        if path.name == "dictionary.json":  # describes columns; its values name none of those fields
            found = {c["column"] for t in data["tables"] for c in t["columns"]} & TRAINEE_FIELDS
        assert found == set(), path.name
    for path in out.glob("*.csv"):
        header = path.read_text(encoding="utf-8-sig").splitlines()[0]
        assert not [t for t in TRAINEE_TITLES if t in header], path.name


def test_the_check_catches_an_id_number_in_a_published_field(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    planted = "智能产线运维 360426199101010071"  # a valid resident-ID number (GB 11643 checksum)
    world.edit("applications/2026/A2026-002.yaml", lambda d: d.__setitem__("project_name", planted))
    build(world.root, tmp_path / "out")
    found = texts(tmp_path / "out")
    assert leaks(found["projects.csv"]) == ["ric"] and leaks(found["peixun.sqlite"]) == ["ric"]


def test_the_guard_reads_the_package_and_datasette_descriptions(tmp_path: Path) -> None:
    """The data package and Datasette's metadata carry titles from records (the publisher is the
    policy's issuer): a resident-ID number planted there is found in both files by the PII guard
    that runs over every output, with the number masked in its message."""
    planted = "360426199101010071"  # a valid resident-ID number (GB 11643 checksum)
    world = sample_world(tmp_path)
    world.edit("policy/wuxi-2026-pilot.yaml", lambda d: d.__setitem__("issuer", f"无锡市人力资源和社会保障局{planted}"))
    data = load_site(world.root, AS_OF)
    write_site_downloads(data, build_views(data), tmp_path / "site")
    found = {leak.path for leak in scan_output(tmp_path / "site", workers=0) if leak.kind == "ric"}
    assert {"data/datapackage.json", "data/metadata.json"} <= found
    with pytest.raises(PersonalDataLeak) as caught:
        guard_output(tmp_path / "site")
    assert "data/datapackage.json" in str(caught.value) and planted not in str(caught.value)
