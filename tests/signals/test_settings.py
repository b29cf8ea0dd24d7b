"""The settings file: the shipped example, and bad files refused with located Chinese errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.signals import REGISTRY
from generator.signals.settings import EXAMPLE, SettingsError, defaults, load_settings


def test_the_shipped_example_names_every_indicator_with_its_defaults() -> None:
    assert load_settings(EXAMPLE) == defaults()
    text = EXAMPLE.read_text(encoding="utf-8")
    for code in REGISTRY:
        assert f"  {code}:" in text, f"settings.example.yaml does not list {code}"


def test_no_file_means_every_indicator_with_its_defaults() -> None:
    assert load_settings(None) == defaults()
    assert set(defaults()) == set(REGISTRY)


def _write(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "signals.yaml"
    f.write_text(text, encoding="utf-8")
    return f


def _problems(tmp_path: Path, text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(SettingsError) as err:
        load_settings(_write(tmp_path, text))
    assert "未计算任何信号" in str(err.value)
    return [(p.line, p.message) for p in err.value.problems]


def test_a_file_that_changes_thresholds_and_disables_is_read(tmp_path: Path) -> None:
    got = load_settings(_write(tmp_path, "indicators:\n  SIG-PRICE-AT-CAP:\n    threshold: 0.75\n"
                                         "  SIG-PENSION-STOP:\n    enabled: false\n    min_hires: 3\n"
                                         "  SIG-EMPLOYER-SHARE-CLASS:\n    threshold: fence\n"))
    assert got["SIG-PRICE-AT-CAP"].threshold == Decimal("0.75")
    assert got["SIG-PENSION-STOP"].enabled is False
    assert got["SIG-PENSION-STOP"].min_hires == 3  # type: ignore[attr-defined]
    assert got["SIG-EMPLOYER-SHARE-CLASS"].threshold == "fence"
    assert got["SIG-RATE-AT-THRESHOLD"] == defaults()["SIG-RATE-AT-THRESHOLD"]


def test_every_problem_of_a_bad_file_is_listed_on_its_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, (
        "indicators:\n"
        "  SIG-PRICE-AT-CAP:\n"
        "    threshold: 60%\n"  # line 3: a percentage where a number belongs
        "  SIG-NOT-THERE:\n"  # line 4: no such indicator
        "    enabled: true\n"
        "  SIG-PENSION-STOP:\n"
        "    min_hirez: 3\n"  # line 7: a misspelt parameter
        "    grace_months: -1\n"  # line 8: out of range
        "  SIG-RATE-AT-THRESHOLD:\n"
        "    enabled: \"yes\"\n"  # line 10: text where true/false belongs
        "thresholds: {}\n"  # line 11: an unknown top-level key
    ))
    by_line = dict(problems)
    assert "SIG-PRICE-AT-CAP" in by_line[3] and "threshold" in by_line[3] and "0.6" in by_line[3]
    assert "未知指标 SIG-NOT-THERE" in by_line[4] and "SIG-PENSION-STOP" in by_line[4]
    assert "min_hirez" in by_line[7] and "min_hires" in by_line[7]
    assert "grace_months" in by_line[8] and "不能小于 0" in by_line[8]
    assert "enabled" in by_line[10] and "true" in by_line[10]
    assert "未知字段 thresholds" in by_line[11]


@pytest.mark.parametrize(("text", "expected"), [
    ("indicators:\n  SIG-PRICE-AT-CAP: [\n", "YAML"),
    ("- a\n- b\n", "顶层"),
    ("indicators:\n  SIG-PRICE-AT-CAP:\n    threshold: .nan\n", "threshold"),
    ("indicators: [1, 2]\n", "indicators"),
    ("indicators:\n  SIG-PRICE-AT-CAP: 3\n", "映射"),
])
def test_broken_files_are_explained_not_raised(tmp_path: Path, text: str, expected: str) -> None:
    problems = _problems(tmp_path, text)
    assert problems and any(expected in m for _, m in problems), problems


def test_a_missing_or_huge_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="无法读取"):
        load_settings(tmp_path / "missing.yaml")
    with pytest.raises(SettingsError, match="KB"):
        load_settings(_write(tmp_path, "# " + "x" * 300_000 + "\n"))
