"""`--no-cache`, the cache folder, and a quiet progress bar where nobody watches."""

from __future__ import annotations

import json

import pytest

from generator.cli import main
from generator.cli.progress import progress_bar, wanted
from generator.pipeline import validate
from tests.conftest import AS_OF, CLASS, World


def _validate(world: World, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["validate", "--records", str(world.root), "--as-of", AS_OF.isoformat(), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cache_lives_beside_the_records_and_no_cache_leaves_none(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = world.root.parent / ".cache" / "peixun"
    code, plain, _ = _validate(world, capsys, "--no-cache")
    assert code == 0 and not cache.exists()
    code, cached, _ = _validate(world, capsys)
    assert code == 0 and cached == plain
    assert any(cache.rglob("*.pickle"))
    code, again, _ = _validate(world, capsys)
    assert again == plain


def test_json_output_stays_machine_readable_and_stderr_quiet(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.edit(CLASS, lambda d: d["trainees"][3].__setitem__("attended_periods", 20))
    code, out, err = _validate(world, capsys, "--format", "json")
    assert code == 1  # fewer trainees count: the paid first installment is now too much
    assert {f["rule"] for f in json.loads(out)} == {"CLS-ATTENDANCE", "PAY-OVER"}
    assert err == ""


def test_the_core_never_prints(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    stages: list[tuple[str, int, int]] = []
    validate(world.root, AS_OF, use_cache=False, progress=lambda *s: stages.append(s))
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    assert stages[-1][0] == "校验规则" and stages[-1][1] == stages[-1][2]
    assert any(stage == "读取记录" and done == total for stage, done, total in stages)


def test_no_bar_in_ci_in_json_or_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not wanted()
    monkeypatch.delenv("CI")
    assert not wanted(machine_output=True)
    assert not wanted()  # pytest captures stderr: not a terminal
    with progress_bar() as progress:
        assert progress is None
