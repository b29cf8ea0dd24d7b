"""Property fuzz over every date and number field of every record kind (issue 24): whatever value
an author writes there (year 1 or 9999, a date where a number belongs, huge, negative, fractional,
infinite or NaN numbers, text), `validate`, `settle`, the build's pages and open data and
`check-changes` end in findings that name a file (and a line where there is one), never in an
exception; a date outside 1900-01-01..2100-12-31 is a SCHEMA error at its own file.

The examples are few in the normal suite (the machine is shared; `PEIXUN_FUZZ_EXAMPLES` raises
them): each runs the real library calls over a real Git repository."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import git
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.errors import PeixunError
from generator.findings import Finding
from generator.gitops.change_review import check_changes
from generator.pipeline import validate
from generator.records.base import EARLIEST_DATE, LATEST_DATE
from generator.settlement_output import settle, write_artifacts
from generator.site import assemble, outputs_process
from tests.conftest import AS_OF, WORLD, commit_all

REPO = Path(__file__).parents[1]
EXAMPLES = int(os.environ.get("PEIXUN_FUZZ_EXAMPLES", "8"))
EXPLORE = "PEIXUN_FUZZ_EXAMPLES" in os.environ  # a longer run explores; the normal suite repeats itself


def _rt() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def _fields(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every date and number in a parsed record, by its key path, and which it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _fields(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _fields(value, (*path, index))
    elif isinstance(node, dt.date):
        yield path, "date"
    elif isinstance(node, int | float | Decimal) and not isinstance(node, bool):
        yield path, "number"


def _all_fields() -> list[tuple[str, tuple[Any, ...], str]]:
    found = []
    for file in sorted(WORLD.rglob("*.yaml")):
        rel = file.relative_to(WORLD).as_posix()
        tree = _rt().load(file.read_text(encoding="utf-8"))
        found.extend((rel, path, what) for path, what in _fields(tree))
    return found


FIELDS = _all_fields()

dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
edge_dates = st.sampled_from([dt.date(1, 1, 1), dt.date(1, 6, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1),
                              dt.date(2100, 12, 31), dt.date(2101, 1, 1), dt.date(9999, 12, 31)])
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**31, 2**63, 10**18, 10**400]),
    st.floats(allow_nan=True, allow_infinity=True),
    # a decimal as the YAML scalar an author would type (ruamel writes floats, not Decimals)
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**12), max_value=10**12).map(float),
)
texts = st.sampled_from(["0001-06-30", "0000-00-00", "9999-99-99", "2026-02-30", "1e400", "-0", "NaN", "", "∞"])
values = st.one_of(edge_dates, dates, numbers, texts, st.none(), st.booleans())


def _set(tree: Any, path: tuple[Any, ...], value: Any) -> None:
    node = tree
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _dump(tree: Any) -> str:
    buf = io.StringIO()
    _rt().dump(tree, buf)
    return buf.getvalue()


def _located(findings: list[Finding]) -> None:
    for f in findings:
        assert f.path, f
        assert f.line is None or (isinstance(f.line, int) and f.line >= 1), f
        assert f.message and f.rule, f


@pytest.fixture(scope="module")
def base_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("fuzz") / "repo"
    shutil.copytree(WORLD, repo / "records")
    commit_all(repo, "base", "2026-07-20T12:00:00+08:00")
    git.Repo(repo).git.branch("-M", "main")
    return repo


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not EXPLORE, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=values)
def test_any_value_in_any_date_or_number_field_ends_in_located_findings_in_every_command(
        base_repo: Path, tmp_path_factory: pytest.TempPathFactory, field: tuple[str, tuple[Any, ...], str],
        value: Any) -> None:
    rel, path, _what = field
    work = tmp_path_factory.mktemp("example")
    repo = work / "repo"
    shutil.copytree(base_repo, repo, symlinks=True)
    records = repo / "records"
    target = records / rel
    tree = _rt().load(target.read_text(encoding="utf-8"))
    _set(tree, path, value)
    target.write_text(_dump(tree), encoding="utf-8")
    repository = git.Repo(repo)
    repository.git.checkout("-q", "-b", "pr")
    commit_all(repo, "fuzzed", "2026-08-01T10:00:00+08:00")

    report = validate(records, AS_OF, use_cache=False)
    _located(report.findings)
    if isinstance(value, dt.date) and not EARLIEST_DATE <= value <= LATEST_DATE:
        assert any(f.rule == "SCHEMA" and f.path.endswith(rel) and f.line for f in report.findings), report.findings

    # settle and build may refuse the whole run with one Chinese line (a PeixunError, which the CLI
    # prints without a traceback): a broken policy or format leaves nothing to settle or publish
    try:
        result = settle(records, AS_OF, use_cache=False)
        assert write_artifacts(result, work / "settlement")
    except PeixunError as refused:
        assert re.search(r"[\u4e00-\u9fff]", str(refused)), refused
    try:
        bundle = assemble.prepare({"records": str(records), "as_of": AS_OF.isoformat()},
                                  str(REPO / "mkdocs.yml"), str(work / "docs"))
        assert bundle.pages
        outputs_process.write_outputs(bundle, work / "outputs", workers=1)
    except PeixunError as refused:
        assert re.search(r"[\u4e00-\u9fff]", str(refused)), refused

    changes = check_changes(repo, "main", "school-a")
    _located(changes)
    assert any(f.path == f"records/{rel}" for f in changes) or not changes
