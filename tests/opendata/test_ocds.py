"""OCDS release packages: valid against the 1.1.5 schemas offline, consistent with the records, immutable."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from generator.opendata.config import BIDS_EXTENSION
from generator.records.record_set import RecordSet
from tests.conftest import World
from tests.opendata.helpers import (
    AS_OF,
    BASE_URL,
    BUREAU_USCC,
    OCDS_SCHEMAS,
    OCID_PREFIX,
    PUBLISHER,
    SITE_URL,
    build,
    read_json,
    sample_world,
)

PAYMENTS_006_02 = "payments/2026/P2026-006-02.yaml"
PUBLIC = "P2026-006"  # a project whose cohort is closed by AS_OF: its money is published


def validator() -> Draft4Validator:
    """The package schema, its `$ref` to the release schema's URL served from the local copy (no network)."""
    release = json.loads((OCDS_SCHEMAS / "release-schema-1.1.5.json").read_text(encoding="utf-8"))
    pkg = json.loads((OCDS_SCHEMAS / "release-package-schema-1.1.5.json").read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource(
        release["id"], Resource.from_contents(release, default_specification=DRAFT4)
    )
    return Draft4Validator(pkg, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[RecordSet, Path]:
    tmp = tmp_path_factory.mktemp("ocds")
    rs, _ = build(sample_world(tmp).root, tmp / "out")
    return rs, tmp / "out"


def packages(out: Path) -> dict[str, Any]:
    return {p.stem: read_json(p) for p in sorted((out / "ocds").glob("*.json"))}


def test_every_package_validates_against_the_schema(built: tuple[RecordSet, Path]) -> None:
    _, out = built
    check = validator()
    files = sorted((out / "ocds").glob("*.json"))
    assert len(files) == 8  # seven projects and all.json
    for path in files:
        pkg = json.loads(path.read_text(encoding="utf-8"))  # plain floats, as any consumer reads them
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(pkg)]
        assert errors == [], path.name


def test_the_validator_is_strict_enough_to_fail() -> None:
    check = validator()
    assert {"date-time", "uri"} <= set(check.format_checker.checkers)  # formats are really checked
    release = {"ocid": "x", "id": "r", "date": "2026-05-20", "tag": ["payment"], "initiationType": "tender"}
    bad = {"uri": "https://x.cn/p.json", "version": "1.1", "publishedDate": "2026-05-20T00:00:00+08:00",
           "publisher": {"name": "x"}, "releases": [release]}
    messages = " ".join(e.message for e in check.iter_errors(bad))
    assert "'payment' is not one of" in messages and "is not a 'date-time'" in messages


def test_package_metadata(built: tuple[RecordSet, Path]) -> None:
    _, out = built
    for name, pkg in packages(out).items():
        assert pkg["uri"] == f"{BASE_URL}ocds/{name}.json"
        assert pkg["version"] == "1.1"
        assert pkg["publisher"] == {"name": PUBLISHER, "scheme": "CN-USCI", "uid": BUREAU_USCC, "uri": SITE_URL}
        assert pkg["extensions"] == [BIDS_EXTENSION]
        assert pkg["publishedDate"] == f"{AS_OF.isoformat()}T00:00:00+08:00"


def test_releases_follow_the_project(built: tuple[RecordSet, Path]) -> None:
    rs, out = built
    for name, pkg in packages(out).items():
        if name == "all":
            continue
        prj = rs.projects[name].model
        assert prj.decided_on and prj.contract and prj.contract.signed_on and prj.contract.term
        app = rs.application_of(prj)
        assert app is not None
        for r in pkg["releases"]:
            assert r["ocid"] == f"{OCID_PREFIX}-{name}" and r["initiationType"] == "tender"
            [tag] = r["tag"]
            assert r["id"] == f"{name}-{tag}-{r['date'][:10]}"
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00\+08:00", r["date"])
            parties = {p["id"]: p for p in r["parties"]}
            for party in parties.values():
                assert party["id"] == f"CN-USCI-{party['identifier']['id']}"
                assert party["identifier"]["scheme"] == "CN-USCI"
            assert r["buyer"]["id"] in parties and parties[r["buyer"]["id"]]["roles"][0] == "buyer"
            if tag in ("award", "contract"):  # tenderer from the closing day, supplier from the decision
                assert parties[f"CN-USCI-{app.institution}"]["roles"] == ["tenderer", "supplier"]
        tags = [r["tag"][0] for r in pkg["releases"]]
        assert tags[:4] == ["tender", "tenderUpdate", "award", "contract"]
        award, contract = pkg["releases"][2:4]
        assert award["id"] == f"{name}-award-{prj.decided_on.isoformat()}"
        [item] = award["awards"][0]["items"]
        assert Decimal(item["unit"]["value"]["amount"]) == prj.unit_price
        assert item["unit"]["value"]["currency"] == "CNY" and item["quantity"] == (prj.quota and prj.quota.trainees)
        assert contract["id"] == f"{name}-contract-{prj.contract.signed_on.isoformat()}"
        period = contract["contracts"][0]["period"]
        assert period["startDate"][:10] == prj.contract.term.from_.isoformat()
        assert period["endDate"][:10] == prj.contract.term.to.isoformat()
        dates = [r["date"] for r in pkg["releases"]]
        assert dates == sorted(dates) and len({r["id"] for r in pkg["releases"]}) == len(dates)


def test_termination_and_completion(built: tuple[RecordSet, Path]) -> None:
    _, out = built
    found = packages(out)
    last = found["P2026-008"]["releases"][-1]
    assert last["id"] == "P2026-008-contractTermination-2026-10-09"
    assert last["contracts"][0]["status"] == "terminated"
    # a completed project's contract closes at the end of its term; later payments still follow it
    ends = [r["id"] for r in found["P2026-006"]["releases"] if r["tag"] == ["contractTermination"]]
    assert ends == ["P2026-006-contractTermination-2026-09-30"]
    assert all(r["tag"] != ["contractTermination"] for r in found["P2026-001"]["releases"])


def transactions(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """The transactions of the package's latest implementation release (each one carries all so far)."""
    impl = [r for r in pkg["releases"] if r["tag"] == ["implementation"]]
    return impl[-1]["contracts"][0]["implementation"]["transactions"] if impl else []


def test_transactions_sum_to_the_payments_records_of_public_projects_only(built: tuple[RecordSet, Path]) -> None:
    """By 2027-06-30 the cohorts of P2026-002, -004 and -006 are closed (issue 24: money follows the
    outcome pages); every other package has no implementation release at all."""
    rs, out = built
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for rec in rs.payments.values():
        project = rs.classes[rec.model.class_].model.project
        paid[project] += sum((i.amount for i in rec.model.installments if i.paid_on <= AS_OF), Decimal(0))
    for name, pkg in packages(out).items():
        if name == "all":
            continue
        txs = transactions(pkg)
        expected = paid[name] if name in ("P2026-002", "P2026-004", PUBLIC) else Decimal(0)
        assert sum((Decimal(t["value"]["amount"]) for t in txs), Decimal(0)) == expected, name
        for t in txs:
            assert t["payer"]["id"].startswith("CN-USCI-") and t["payee"]["id"].startswith("CN-USCI-")
            assert t["value"]["currency"] == "CNY"
            assert not t["id"].endswith(("first", "remainder", "bonus"))  # phases are never told apart
        impl = [r for r in pkg["releases"] if r["tag"] == ["implementation"]]
        assert [r["date"] for r in impl] == sorted({t["date"] for t in txs})
    assert transactions(packages(out)[PUBLIC])


def test_all_json_holds_every_release_once(built: tuple[RecordSet, Path]) -> None:
    _, out = built
    found = packages(out)
    every = [r for name, pkg in found.items() if name != "all" for r in pkg["releases"]]
    assert found["all"]["releases"] == every


def test_installments_of_two_classes_and_phases_on_one_day_become_one_transaction(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    world.edit(PAYMENTS_006_02, lambda d: d["installments"].append(
        {"phase": "remainder", "amount": 100.5, "paid_on": dt.date(2026, 10, 16), "voucher": "T-1"}))
    build(world.root, tmp_path / "out")
    path = tmp_path / "out" / "ocds" / f"{PUBLIC}.json"
    assert list(validator().iter_errors(json.loads(path.read_text(encoding="utf-8")))) == []
    txs = {t["id"]: t for t in transactions(read_json(path))}
    # 4116 + 4116 (P2026-006-01's remainder and bonus) + 100.50 (P2026-006-02), never per class or phase
    assert txs[f"{PUBLIC}-2026-10-16"]["value"]["amount"] == Decimal("8332.5")


def test_a_new_payment_is_a_new_release_and_old_releases_stay_identical(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "before")
    before = read_json(tmp_path / "before" / "ocds" / f"{PUBLIC}.json")["releases"]

    def pay(data: Any) -> None:
        data["installments"].append(
            {"phase": "remainder", "amount": 3724, "paid_on": dt.date(2027, 2, 3), "voucher": "T-2"})
    world.edit(PAYMENTS_006_02, pay)
    build(world.root, tmp_path / "after")
    after = read_json(tmp_path / "after" / "ocds" / f"{PUBLIC}.json")["releases"]
    assert after[: len(before)] == before
    [new] = after[len(before):]
    assert new["id"] == f"{PUBLIC}-implementation-2027-02-03" and new["date"].startswith("2027-02-03")
    assert [t["id"] for t in new["contracts"][0]["implementation"]["transactions"]] == [
        f"{PUBLIC}-2026-07-10", f"{PUBLIC}-2026-09-11", f"{PUBLIC}-2026-10-16", f"{PUBLIC}-2027-02-03",
    ]


def test_a_project_whose_cohort_is_open_has_no_payment_in_ocds(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "out")
    for name in ("P2026-001", "P2026-003", "P2026-005"):
        pkg = read_json(tmp_path / "out" / "ocds" / f"{name}.json")
        assert not [r for r in pkg["releases"] if r["tag"] == ["implementation"]], name


def test_facts_after_the_as_of_date_are_not_yet_released(world: World, tmp_path: Path) -> None:
    build(world.root, tmp_path / "out", dt.date(2026, 5, 18))  # decided 05-15, signed 05-20
    releases = read_json(tmp_path / "out" / "ocds" / "P2026-001.json")["releases"]
    assert [r["tag"] for r in releases][-1] == ["award"]
    assert all(r["date"][:10] <= "2026-05-18" for r in releases)
