"""The process policy is set at the entry points only: the CLI pauses the collector, libraries don't."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import forked, runtime
from generator.cli import main
from generator.errors import PeixunError
from generator.findings import Severity
from generator.pipeline import validate
from generator.rules import REGISTRY, Context, Hit, Rule
from generator.runtime import Tuning, command_policy, paused_gc, tuned, tuning
from tests.conftest import AS_OF, WORLD


@pytest.fixture
def records(tmp_path: Path) -> Path:
    return Path(shutil.copytree(WORLD, tmp_path / "records"))


@pytest.fixture
def collector_seen_by_rules(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """A probe rule that records whether the collector was enabled while the rules ran."""
    seen: list[bool] = []

    def probe(_ctx: Context) -> Iterator[Hit]:
        seen.append(gc.isenabled())
        return iter(())

    monkeypatch.setitem(REGISTRY, "TEST-GC-PROBE", Rule("TEST-GC-PROBE", Severity.WARNING, None, "探针", probe))
    return seen


def test_the_library_leaves_the_collector_to_its_caller(records: Path, collector_seen_by_rules: list[bool]) -> None:
    assert gc.isenabled()
    assert validate(records, AS_OF, use_cache=False).ok
    assert collector_seen_by_rules == [True], "library code must not set process policy"


def test_a_cli_command_runs_with_the_collector_paused_and_restores_it(
    records: Path, collector_seen_by_rules: list[bool]
) -> None:
    assert gc.isenabled()
    assert main(["validate", "--records", str(records), "--as-of", AS_OF.isoformat(), "--no-cache"]) == 0
    assert collector_seen_by_rules == [False]
    assert gc.isenabled()


def test_site_commands_keep_the_collector_for_the_mkdocs_hook() -> None:
    with command_policy("serve"):
        assert gc.isenabled()
    with command_policy("build"):
        assert gc.isenabled()
    with command_policy("settle"):
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_gc_restores_a_disabled_collector_as_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_tuning_comes_from_the_environment_at_the_entry_point() -> None:
    settings = Tuning.from_env({"PEIXUN_TUNE_PARSE_CHUNK_FILES": "96", "PEIXUN_TUNE_HISTORY_LIMIT": "1_000"})
    assert settings.parse_chunk_files == 96
    assert settings.history_limit == 1000
    assert settings.max_workers == Tuning().max_workers
    with tuned(settings):
        assert tuning().parse_chunk_files == 96
    assert tuning() == Tuning()


@pytest.mark.parametrize("value", ["many", "-1", "1.5", ""])
def test_a_bad_tuning_value_is_a_located_chinese_error(value: str) -> None:
    with pytest.raises(PeixunError, match="PEIXUN_TUNE_MAX_WORKERS 应为非负整数"):
        Tuning.from_env({"PEIXUN_TUNE_MAX_WORKERS": value})


def test_the_cli_reports_a_bad_tuning_value_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], records: Path
) -> None:
    monkeypatch.setenv("PEIXUN_TUNE_MAX_WORKERS", "lots")
    assert main(["validate", "--records", str(records)]) == 1
    err = capsys.readouterr().err
    assert "PEIXUN_TUNE_MAX_WORKERS" in err and "Traceback" not in err


def test_the_parse_pool_follows_the_tuning(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.records import parsing

    with runtime.tuned(Tuning(parse_parallel_from_files=10**9)):
        assert parsing.workers_for(10_000, None) == 0
    with runtime.tuned(Tuning(parse_parallel_from_files=0, max_workers=1)):
        assert parsing.workers_for(10_000, None) == 0  # one worker is no pool
    with runtime.tuned(Tuning(parse_parallel_from_files=0, max_workers=2)):
        assert parsing.workers_for(10_000, None) == (2 if forked.can_fork() and (os.cpu_count() or 1) > 1 else 0)
