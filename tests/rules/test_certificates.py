"""相应证书 (通知 四(五)): a trainee counts with a certificate of the kind the application promised,
and one certificate belongs to one person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.findings import Severity
from generator.settle import settle
from tests.conftest import CLASS, PAYMENTS, World
from tests.rules.expect import no_finding, one_finding

AS_OF = dt.date(2027, 6, 30)


def _cert(i: int, **values: Any) -> Any:
    def change(d: Any) -> None:
        d["trainees"][i]["assessment"]["certificate"].update(values)

    return change


def test_a_certificate_of_another_kind_does_not_count_si_wu(world: World) -> None:
    """通知 四(五) 取得相应证书: the application promised 职业技能等级证书."""
    world.edit(CLASS, _cert(1, kind="training_certificate"))
    one_finding(world, "CLS-CERT-KIND", CLASS, "kind: training_certificate", "第 2 名", "培训合格证书",
                "职业技能等级证书", "不计入补贴人数", severity=Severity.WARNING)
    world.remove(PAYMENTS)  # the 8000 paid for 10 would now be over what is due (PAY-OVER holds the class)
    [c] = settle(world.root, AS_OF, use_cache=False).report["classes"]
    assert c["counted"] == 9 and c["certified"] == 10
    assert c["trainees"][1]["not_counted"] == "certificate_kind"
    assert c["due"] == "10800.00"  # 9 × 1000 + 20 % bonus on 9


def test_the_promised_kind_counts(world: World) -> None:
    no_finding(world, "CLS-CERT-KIND")
    no_finding(world, "CLS-CERT-SHARED")


def test_one_certificate_belongs_to_one_person_si_wu(world: World) -> None:
    """通知 四(五): the second person holding the same certificate is an error that holds the class."""
    ref = world.load(CLASS)["trainees"][0]["assessment"]["certificate"]["number_ref"]
    world.edit(CLASS, _cert(3, number_ref=ref))
    one_finding(world, "CLS-CERT-SHARED", CLASS, f"number_ref: {ref}", "第 4 名", "第 1 名", "一张证书只属于一人",
                occurrence=2)
    assert {h["class"] for h in settle(world.root, AS_OF, use_cache=False).report["held"]} == {"P2026-001-01"}
