"""The roster's seal (issue 23): the bureau's import writes a keyed digest of each class's roster,
and `settle`, where the key is, holds every class whose roster does not match it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.records.load import load_records
from generator.records.rosterseal import seal_differences, seal_roster
from generator.settlement_output import ARTIFACTS, PAYABLE, settle, write_artifacts
from tests.conftest import AS_OF, CLASS, World
from tests.fixtures.make_world import ROSTER_KEY
from tests.rules.test_corrections import write_correction

OTHER_KEY = b"not-the-bureau-key-0123456789ab"


def invent(world: World, n: int = 2) -> None:
    """Invented trainees with random-looking pseudonyms, passed and certified (the attack)."""
    def change(d: Any) -> None:
        model = dict(d["trainees"][0])
        for i in range(n):
            cert = {"kind": "skill_level_certificate", "number_ref": f"c_{i + 7:024x}",
                    "issued_on": dt.date(2026, 6, 25)}
            d["trainees"].append({**model, "person": f"p_{i:024x}",
                                  "assessment": {"passed": True, "certificate": cert}})

    world.edit(CLASS, change)


def held(world: World, key: bytes | None = ROSTER_KEY) -> dict[str, str]:
    return {h["class"]: h["message"] for h in settle(world.root, AS_OF, use_cache=False, roster_key=key).report["held"]
            if h["rule"] == "ROSTER-SEAL"}


def test_the_worlds_sealed_roster_verifies_and_is_paid(world: World) -> None:
    result = settle(world.root, AS_OF, use_cache=False, roster_key=ROSTER_KEY)
    assert result.payable and result.report["rosters_verified"] is True
    assert result.report["held"] == [] and result.report["totals"]["payable"] != "0.00"


def test_invented_trainees_are_held_with_the_rows_named(world: World) -> None:
    """Attack (issue 23): 20 more trainees with random `p_…` pseudonyms, passed and certified, raised
    本次应拨 by 46,400 yuan. Nothing tells an invented pseudonym from a real one but the key."""
    before = settle(world.root, AS_OF, use_cache=False, roster_key=ROSTER_KEY).report["totals"]["payable"]
    invent(world, 2)
    messages = held(world)
    assert list(messages) == ["P2026-001-01"]
    text = messages["P2026-001-01"]
    for fact in ("班次 P2026-001-01 的花名册与市人社局导入时不一致", "第 11–12 名参训人员与导入时不同或不是导入的",
                 "导入时 10 人，现 12 人", "不结算、不拨付", "peixun seal-roster"):
        assert fact in text, (fact, text)
    report = settle(world.root, AS_OF, use_cache=False, roster_key=ROSTER_KEY).report
    assert report["totals"]["payable"] != before and all(c["class"] != "P2026-001-01" for c in report["classes"])


@pytest.mark.parametrize(("change", "fact"), [
    (lambda d: d["trainees"][3].update(attended_periods=47), "第 4 名参训人员与导入时不同"),
    (lambda d: d["trainees"][2].update(group="rural_migrant_worker"), "第 3 名参训人员与导入时不同"),
    (lambda d: d["trainees"].__delitem__(5), "导入时的 1 名参训人员不在现花名册中"),
    (lambda d: d["trainees"].reverse(), "顺序被调整"),
    (lambda d: d.__delitem__("roster_seal"), "没有市人社局导入时写入的花名册印记"),
    (lambda d: d["roster_seal"].update(digest="hmac-sha256:" + "0" * 64), "印记被修改"),
])
def test_any_hand_edit_of_a_roster_is_held(world: World, change: Any, fact: str) -> None:
    world.edit(CLASS, change)
    messages = held(world)
    assert fact in messages.get("P2026-001-01", ""), messages


def test_a_seal_copied_to_another_class_or_made_with_another_key_does_not_verify(world: World) -> None:
    rs = load_records(world.root, cache=False)
    cls = rs.classes["P2026-001-01"].model
    assert seal_differences(ROSTER_KEY, cls) == []
    assert seal_differences(OTHER_KEY, cls) != []
    moved = cls.model_copy(update={"id": "P2026-001-02"})
    assert seal_differences(ROSTER_KEY, moved) != []
    assert seal_roster(ROSTER_KEY, cls.id, cls.trainees) == cls.roster_seal


def test_a_correction_approved_by_the_bureau_is_no_hand_edit(world: World) -> None:
    """A correction record changes the roster as loaded; the seal covers the file as imported."""
    write_correction(world, new=40)
    assert load_records(world.root, cache=False).classes["P2026-001-01"].model.trainees[0].attended_periods == 40
    assert held(world) == {}


def test_without_the_key_no_payment_list_is_written(world: World, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEIXUN_KEY", raising=False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "payable.xlsx").write_bytes(b"stale list from an earlier run")
    args = ["settle", "--records", str(world.root), "--as-of", "2027-06-30", "--out", str(out)]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "无法核验各班次的花名册" in captured.err and "本次不生成拨付清单" in captured.err
    assert sorted(p.name for p in out.iterdir()) == sorted(set(ARTIFACTS) - set(PAYABLE))
    key = tmp_path / "bureau.key"
    key.write_bytes(ROSTER_KEY + b"\n")
    assert main([*args, "--key-file", str(key)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(ARTIFACTS)
    assert "无法核验" not in capsys.readouterr().err
    monkeypatch.setenv("PEIXUN_KEY", ROSTER_KEY.decode())
    invent(world, 1)
    assert main([*args, "--strict"]) == 1  # the edited class is held
    assert "ROSTER-SEAL" in capsys.readouterr().out


def test_write_artifacts_never_writes_a_payment_list_unverified(world: World, tmp_path: Path) -> None:
    result = settle(world.root, AS_OF, use_cache=False)
    assert not result.payable and result.report["rosters_verified"] is False
    write_artifacts(result, tmp_path)
    assert not any((tmp_path / name).exists() for name in PAYABLE)
