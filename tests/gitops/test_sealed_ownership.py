"""Who may commit a sealed roster: the maintainers of the class's institution (and the bureau)."""

from __future__ import annotations

import pyrage

from generator.intake.sealed_roster import pack
from tests.conftest import ROSTER_RECIPIENT, World
from tests.gitops.conftest import Ledger

SEALED = "sealed/2026/P2026-001-02.age"


def sealed(records: World, class_id: str = "P2026-001-02") -> bytes:
    recipient = pyrage.x25519.Recipient.from_str(ROSTER_RECIPIENT)
    return pyrage.encrypt(pack(class_id, ".csv", b"x"), [recipient])


def test_a_maintainer_may_add_the_sealed_roster_of_their_class(ledger: Ledger) -> None:
    assert ledger.pr("school-a", lambda r: r.write(SEALED, sealed(r))) == []


def test_another_institution_may_not(ledger: Ledger) -> None:
    [finding] = ledger.pr("school-b", lambda r: r.write(SEALED, sealed(r)))
    assert (finding.rule, finding.path) == ("CHG-OWNER", ledger.rel(SEALED))
    assert "52320211MA1W00001X" in finding.message


def test_a_district_may_not(ledger: Ledger) -> None:
    assert [f.rule for f in ledger.pr("bh-district", lambda r: r.write(SEALED, sealed(r)))] == ["CHG-OWNER"]


def test_a_sealed_roster_for_a_class_not_in_the_base_is_refused(ledger: Ledger) -> None:
    [finding] = ledger.pr("school-a", lambda r: r.write("sealed/2026/P2026-009-01.age", sealed(r, "P2026-009-01")))
    assert finding.rule == "CHG-OWNER" and "不存在" in finding.message


def test_the_maintainer_may_not_delete_it_the_bureau_may(ledger: Ledger) -> None:
    ledger.pr("school-a", lambda r: r.write(SEALED, sealed(r)))
    ledger.repo.git.checkout("main")
    ledger.repo.git.merge("pr")
    assert [f.rule for f in ledger.pr("school-a", lambda r: r.remove(SEALED), branch="undo")] == ["CHG-DELETE"]
    assert ledger.check("wx-bureau") == []
