"""The call for projects as OCDS tender and bids, values, record packages: what they say, and
what they must never say (trainees, unpublished applicants, money the site withholds)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from stdnum.cn import uscc

from generator.records.record_set import RecordSet
from generator.settlement.budget import exposure, policy_for
from tests.conftest import World
from tests.opendata.helpers import BASE_URL, build, read_json, sample_world, snapshot
from tests.opendata.ocds_tools import cove

PUBLISHED = {"P2026-001", "P2026-002", "P2026-003", "P2026-004", "P2026-005", "P2026-006", "P2026-008"}
WITHHELD = "P2026-001"  # its cohort is still open at AS_OF: its money is not published (docs/privacy.md)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[RecordSet, Path]:
    tmp = tmp_path_factory.mktemp("ocds-tender")
    rs, _ = build(sample_world(tmp).root, tmp / "out")
    return rs, tmp / "out"


def compiled(out: Path) -> dict[str, dict[str, Any]]:
    """Each project's compiled release, by project id."""
    records = read_json(out / "ocds" / "records" / "all.json")["records"]
    return {r["ocid"].rsplit("-", 2)[-2] + "-" + r["ocid"].rsplit("-", 1)[-1]: r["compiledRelease"] for r in records}


def test_the_tender_is_the_call_for_projects(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    found = compiled(out)
    assert set(found) == PUBLISHED
    for project_id, release in found.items():
        app = rs.application_of(rs.projects[project_id].model)
        assert app is not None and app.call
        call = rs.calls[app.call].model
        tender = release["tender"]
        assert tender["id"] == f"{call.id}-{app.field}" and tender["procurementMethod"] == "open"
        assert tender["tenderPeriod"] == {"startDate": f"{call.opens_on}T00:00:00+08:00",
                                          "endDate": f"{call.closes_on}T23:59:59+08:00"}
        assert Decimal(tender["value"]["amount"]) == call.budget and tender["value"]["currency"] == "CNY"
        assert tender["status"] == "complete" and tender["mainProcurementCategory"] == "services"
        releases = read_json(out / "ocds" / f"{project_id}.json")["releases"]
        assert releases[0]["id"] == f"{project_id}-tender-{call.opens_on}"
        assert releases[0]["tender"]["status"] == "active"
        assert releases[1]["id"] == f"{project_id}-tenderUpdate-{call.closes_on}"


def test_applications_are_counted_per_call_and_direction(built: tuple[RecordSet, Path]) -> None:
    """The sample: two institutions applied in smart manufacturing (both selected), one institution
    twice in low-altitude economy, one each elsewhere; Cardinal's R018 reads numberOfTenderers."""
    rs, out = built
    found = compiled(out)
    expected = {"P2026-001": (2, 2), "P2026-002": (2, 2), "P2026-004": (1, 2), "P2026-008": (1, 2),
                "P2026-003": (1, 1), "P2026-005": (1, 1), "P2026-006": (1, 1)}
    for project_id, (institutions, applications) in expected.items():
        release = found[project_id]
        stats = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
        assert release["tender"]["numberOfTenderers"] == institutions == stats["bidders"], project_id
        assert stats["bids"] == applications, project_id
        [bid] = release["bids"]["details"]
        app = rs.application_of(rs.projects[project_id].model)
        assert app is not None
        name = rs.institutions[app.institution].model.name
        tenderer = {"id": f"CN-USCI-{app.institution}", "name": name}
        assert bid == {"id": app.id, "status": "valid", "tenderers": [tenderer]}
        assert release["awards"][0]["relatedBids"] == [app.id] == release["contracts"][0]["relatedBids"]
    single = sorted(p for p, r in found.items()
                    if r["tender"]["procurementMethod"] == "open" and r["tender"]["numberOfTenderers"] == 1)
    assert single == ["P2026-003", "P2026-004", "P2026-005", "P2026-006", "P2026-008"]


def _rival(world: World, app_id: str, institution: str, *, field: str = "smart_manufacturing",
           submitted: dt.date = dt.date(2026, 4, 18), status: str = "rejected") -> None:
    world.copy("applications/2026/A2026-002.yaml", f"applications/2026/{app_id}.yaml",
               lambda d: d.update(id=app_id, institution=institution, field=field, submitted_on=submitted))
    project_id = "P" + app_id[1:]
    world.copy("projects/2026/P2026-007.yaml", f"projects/2026/{project_id}.yaml",
               lambda d: d.update(id=project_id, application=app_id, status=status))


def _new_institution(world: World, name: str) -> str:
    code = "52320214MJ5W1C2R9"
    code += uscc.calc_check_digit(code)
    world.copy("institutions/52320214MJ5W1C2RXW.yaml", f"institutions/{code}.yaml",
               lambda d: d.update(uscc=code, name=name, address="无锡市梁溪区保密路 1 号"))
    return code


def test_a_rival_counts_but_is_never_named(tmp_path: Path) -> None:
    """An institution whose only application was rejected is not published by the site: OCDS counts
    its application in the direction and says nothing else of it (name, code, address, application)."""
    world = sample_world(tmp_path)
    secret = _new_institution(world, "只在落选申报中出现的培训学校")
    _rival(world, "A2026-010", secret)
    _rival(world, "A2026-011", secret, field="digital_economy", submitted=dt.date(2026, 4, 21))  # after closing
    _rival(world, "A2026-012", secret, field="elderly_care", status="recommended")  # still under review
    build(world.root, tmp_path / "out")
    found = compiled(tmp_path / "out")
    assert found["P2026-001"]["tender"]["numberOfTenderers"] == 3
    assert {s["measure"]: s["value"] for s in found["P2026-001"]["bids"]["statistics"]} == {"bids": 3, "bidders": 3}
    assert found["P2026-003"]["tender"]["numberOfTenderers"] == 1  # a late application was not received in time
    assert found["P2026-006"]["tender"]["numberOfTenderers"] == 2  # one pending review is still an application
    everything = b"".join(snapshot(tmp_path / "out" / "ocds").values()).decode()
    for hidden in (secret, "只在落选申报中出现的培训学校", "保密路", "A2026-010", "A2026-011", "A2026-012",
                   "A2026-007", "P2026-007"):
        assert hidden not in everything, hidden


def test_parties_and_bids_name_institutions_only_as_the_site_does(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    published = {rs.application_of(rs.projects[p].model).institution for p in PUBLISHED}  # type: ignore[union-attr]
    everything = b"".join(snapshot(out / "ocds").values()).decode()
    assert not re.search(r"[pPcC]_[0-9a-f]{24}", everything)  # no pseudonym of a trainee or certificate
    for release in compiled(out).values():
        named = {p["identifier"]["id"] for p in release["parties"]}
        assert named - published == {"11320200MB0000000P"}  # the bureau
        for bid in release["bids"]["details"]:
            assert set(bid) == {"id", "status", "tenderers"}  # no submission date, no asked price: unpublished
    for app in rs.applications.values():  # the applications' contacts stay out
        assert app.model.contact.phone not in everything and app.model.contact.person not in everything


def test_award_and_contract_value_is_the_published_committed_maximum(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    for project_id, release in compiled(out).items():
        prj = rs.projects[project_id].model
        app = rs.application_of(prj)
        call = rs.call_of(app) if app else None
        policy = policy_for(rs, call, prj)
        assert policy is not None and prj.quota and prj.unit_price is not None
        committed = exposure(prj, policy.subsidy.bonus_share)
        assert committed == prj.quota.trainees * prj.unit_price * (1 + policy.subsidy.bonus_share)
        for section in (release["awards"][0], release["contracts"][0]):
            assert Decimal(section["value"]["amount"]) == committed, project_id


def amounts(node: Any) -> list[Decimal]:
    if isinstance(node, dict):
        return [*([Decimal(node["amount"])] if "amount" in node else []),
                *[a for k, v in node.items() for a in amounts(v)]]
    if isinstance(node, list):
        return [a for v in node for a in amounts(v)]
    return []


def test_no_value_tells_what_the_site_withholds(built: tuple[RecordSet, Path], tmp_path: Path) -> None:
    """A project whose cohort is open publishes no payment: every amount in its packages is a plan
    figure (call budget, unit price, committed maximum), and paying its classes more, less or on
    other days changes no byte of any OCDS file."""
    rs, out = built
    release = compiled(out)[WITHHELD]
    prj = rs.projects[WITHHELD].model
    call = rs.calls["C2026-01"].model
    plan = {call.budget, prj.unit_price, Decimal(release["awards"][0]["value"]["amount"])}
    assert set(amounts(release)) <= plan and "implementation" not in json.dumps(release["contracts"])
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "before")
    world.edit("payments/2026/P2026-001-01.yaml", lambda d: d["installments"].extend([
        {"phase": "bonus", "amount": 4176, "paid_on": dt.date(2027, 1, 5), "voucher": "T-9"}]))
    world.edit("payments/2026/P2026-001-01.yaml", lambda d: d["installments"][0].update(amount=17400))
    rs_after, _ = build(world.root, tmp_path / "after")
    assert rs_after.payments["P2026-001-01"].model.installments[0].amount == 17400  # the edit did reach the build
    assert snapshot(tmp_path / "before" / "ocds") == snapshot(tmp_path / "after" / "ocds")
    # the control: the same kind of edit to a project whose money is public does show
    world.edit("payments/2026/P2026-006-02.yaml", lambda d: d["installments"].append(
        {"phase": "bonus", "amount": 100, "paid_on": dt.date(2027, 1, 5), "voucher": "T-10"}))
    build(world.root, tmp_path / "control")
    assert snapshot(tmp_path / "before" / "ocds") != snapshot(tmp_path / "control" / "ocds")


def test_record_packages_link_their_release_packages(built: tuple[RecordSet, Path]) -> None:
    _, out = built
    for project_id in PUBLISHED:
        pkg = read_json(out / "ocds" / "records" / f"{project_id}.json")
        releases = read_json(out / "ocds" / f"{project_id}.json")
        assert pkg["uri"] == f"{BASE_URL}ocds/records/{project_id}.json"
        assert pkg["packages"] == [releases["uri"]] and pkg["publisher"] == releases["publisher"]
        [rec] = pkg["records"]
        assert [(x["url"], x["date"], x["tag"]) for x in rec["releases"]] == [
            (f"{releases['uri']}#{r['id']}", r["date"], r["tag"]) for r in releases["releases"]]
        assert rec["compiledRelease"]["date"] == releases["releases"][-1]["date"]
        assert rec["compiledRelease"]["tag"] == ["compiled"]
    every = read_json(out / "ocds" / "records" / "all.json")
    assert [r["ocid"] for r in every["records"]] == [f"ocds-test01-{p}" for p in sorted(PUBLISHED)]


def test_roles_follow_the_days(built: tuple[RecordSet, Path]) -> None:
    """payer and payee appear with the first published payment, never before and never for a
    project whose money is withheld."""
    _, out = built
    for project_id in PUBLISHED:
        roles: dict[str, list[list[str]]] = defaultdict(list)
        releases = read_json(out / "ocds" / f"{project_id}.json")["releases"]
        for r in releases:
            for party in r["parties"]:
                roles[r["tag"][0]].append(party["roles"])
        paid = [r for r in releases if r["tag"] == ["implementation"]]
        assert (["buyer", "payer"] in roles["implementation"]) == bool(paid)
        assert ["buyer"] in roles["tender"] and len(roles["tender"]) == 1  # no institution before the closing day
        assert ["tenderer"] in roles["tenderUpdate"] and ["tenderer", "supplier"] in roles["award"]
        if paid:
            assert ["tenderer", "supplier", "payee"] in roles["implementation"]
            assert all(t["payer"]["id"].startswith("CN-USCI-") and t["payee"]["id"].startswith("CN-USCI-")
                       for t in paid[-1]["contracts"][0]["implementation"]["transactions"])
    assert not [r for r in read_json(out / "ocds" / f"{WITHHELD}.json")["releases"] if r["tag"] == ["implementation"]]


HOSTILE = '</script><script>alert("x")</script>"},{"ocid":"evil"}\u2028<!--]]>&amp;'


def test_hostile_record_text_stays_data(tmp_path: Path) -> None:
    """Text that would close a script, break out of a JSON string or forge a release, written into
    a project name and a call title, comes back from every package exactly as it was written."""
    world = sample_world(tmp_path)
    world.edit("applications/2026/A2026-006.yaml", lambda d: d.update(project_name=HOSTILE))
    world.edit("calls/2026/C2026-01.yaml", lambda d: d.update(title=HOSTILE))
    build(world.root, tmp_path / "out")
    for path in sorted((tmp_path / "out" / "ocds").rglob("*.json")):
        raw = path.read_bytes()
        assert b"<" not in raw and b">" not in raw and "\u2028".encode() not in raw, path.name
        json.loads(raw)  # still one JSON document
    pkg = read_json(tmp_path / "out" / "ocds" / "P2026-006.json")
    assert [r["ocid"] for r in pkg["releases"]] == ["ocds-test01-P2026-006"] * len(pkg["releases"])
    release = compiled(tmp_path / "out")["P2026-006"]
    assert release["awards"][0]["title"] == HOSTILE and release["contracts"][0]["title"] == HOSTILE
    assert release["tender"]["title"].startswith(HOSTILE)
    report = cove(read_json(tmp_path / "out" / "ocds" / "records" / "P2026-006.json"), tmp_path)
    assert report["validation_errors"] == []

