"""The record factory (generator/factory/): every record the project writes itself is built from the
models, checked by them and by the JSON Schemas, and written the same way whichever generator asks.

The generators are the real ones: the sample (tools/make_sample_records.py), the tests' world
(tests/fixtures/make_world.py), the benchmark corpus (bench/corpus.py) and `peixun init`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from bench import corpus
from generator import factory
from generator.errors import RecordBuildError
from generator.factory.fasttext import bulk_text, model_text
from generator.init import REGION_CODES, init_repository
from generator.records.fastyaml import load  # the loader `peixun validate` reads records with
from generator.records.kinds import KINDS_BY_NAME
from generator.records.reference import Policy
from generator.records.writer import dump_text
from tests.fixtures import make_world

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "schemas"
DAY = dt.date(2026, 11, 1)
# what the notice fixes for every jurisdiction: only names, dates, citations and industries differ
NOTICE_PARTS = ("title", "training", "pricing", "subsidy", "eligible_groups", "institution_types",
                "priority_fields", "violation_lookback_years", "outcome_min_cell")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample_records", REPO / "tools" / "make_sample_records.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while they are defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _tool()


@pytest.fixture(scope="module")
def sample(tool: ModuleType) -> dict[str, BaseModel]:
    """The sample's records as its generator builds them (all but the payments, which need a settlement)."""
    for step in (tool.policy, tool.calls, tool.catalog, tool.roles, tool.institutions,
                 tool.applications_and_projects, tool.classes, tool.employment, tool.prior_subsidies):
        step()
    built = {rel: record for rel, (record, _head, _notes) in tool.OUT.items()}
    tool.OUT.clear()
    return built


def _bench_models() -> dict[str, BaseModel]:
    return {rel: data for rel, (_kind, data) in corpus.files(corpus.SIZES["tiny"]).items()
            if isinstance(data, BaseModel)}


def _every_record(sample: dict[str, BaseModel]) -> Iterator[tuple[str, BaseModel]]:
    yield from (("sample " + rel, m) for rel, m in sample.items())
    yield from (("world " + rel, m) for rel, m in make_world.records().items())
    yield from (("bench " + rel, m) for rel, m in _bench_models().items())


def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / KINDS_BY_NAME[kind].schema_file).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _as_json(data: Any) -> Any:
    """What an editor's schema check sees: dates are text."""
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


def _text(model: BaseModel, rel: str = "x/y/z.yaml") -> str:
    return dump_text(factory.kind_of(model), factory.document(model), REPO / "records" / rel, SCHEMAS)


def test_every_built_record_reads_back_as_its_model_and_passes_its_json_schema(sample: dict[str, BaseModel]) -> None:
    seen = set()
    for where, model in _every_record(sample):
        kind = factory.kind_of(model)
        seen.add(kind.name)
        for text in (_text(model), model_text(model, "x")):
            assert "&id" not in text and "*id" not in text, where  # no YAML anchors for shared objects
            data = load(text)
            assert kind.model.model_validate(data) == model, where
            errors = [e.message for e in _validator(kind.name).iter_errors(_as_json(data))]
            assert errors == [], (where, errors)
    assert seen == set(KINDS_BY_NAME) - {"correction"}  # corrections are bulk records (next test)


def test_bulk_records_of_the_corpus_pass_their_models_and_schemas() -> None:
    kinds = set()
    for rel, (kind, data) in corpus.files(corpus.SIZES["small"]).items():
        if isinstance(data, BaseModel):
            continue
        kinds.add(kind)
        text = bulk_text(KINDS_BY_NAME[kind], data, "x")
        back = load(text)
        model = KINDS_BY_NAME[kind].model.model_validate(back)
        assert model == KINDS_BY_NAME[kind].model.model_validate(data), rel
        assert load(model_text(model, "x")) == back, rel  # the fast path writes what the models give
        assert [e.message for e in _validator(kind).iter_errors(_as_json(back))] == [], rel
    assert kinds == {"class", "employment", "payments", "correction", "prior_subsidies"}


def test_the_fast_path_and_the_writer_read_back_the_same(sample: dict[str, BaseModel]) -> None:
    for rel, model in sample.items():
        assert load(model_text(model, "x")) == load(_text(model, rel)), rel


def test_the_sample_generator_writes_the_committed_records_byte_for_byte(tmp_path: Path, tool: ModuleType,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    tool.RECORDS, tool.SCHEMAS = tmp_path / "records", tmp_path / "schemas"  # same layout as the repository
    tool.main()
    capsys.readouterr()
    written = sorted(p.relative_to(tmp_path / "records") for p in (tmp_path / "records").rglob("*.yaml"))
    committed = sorted(p.relative_to(REPO / "records") for p in (REPO / "records").rglob("*.yaml"))
    assert written == committed
    for rel in written:
        assert (tmp_path / "records" / rel).read_bytes() == (REPO / "records" / rel).read_bytes(), rel


@pytest.mark.parametrize("place", ["江阴市", "宜兴市", "梁溪区"])
def test_init_and_the_sample_spell_the_policy_with_one_builder(tmp_path: Path, place: str,
                                                              sample: dict[str, BaseModel]) -> None:
    init_repository(tmp_path / "repo", place, engine="peixun==0.1.0", effective_from=DAY)
    written = tmp_path / "repo" / "records" / "policy" / f"{DAY.year}-pilot.yaml"
    expected = factory.policy(id=f"{DAY.year}-pilot", jurisdiction=place, issued_on=DAY,
                              based_on=factory.NOTICE_CITATION,
                              region_codes=[REGION_CODES[place]], districts=[])  # the place's own
    # the file is exactly the builder's record, written by the factory
    assert written.read_text(encoding="utf-8") == dump_text(
        KINDS_BY_NAME["policy"], factory.document(expected), written, tmp_path / "repo" / "schemas")
    assert expected.issuer == f"{place}人力资源和社会保障局" and expected.based_on == factory.NOTICE_CITATION
    # and the sample's policy is the same builder's, for Wuxi: the notice's parts are identical
    sample_policy = sample["policy/wuxi-2026-pilot.yaml"]
    assert isinstance(sample_policy, Policy)
    committed = Policy.model_validate(load((REPO / "records/policy/wuxi-2026-pilot.yaml").read_text()))
    assert committed == sample_policy == factory.policy(industry_chains=sample_policy.industry_chains)
    world_policy = make_world.records()["policy/wuxi-2026-pilot.yaml"]
    for other in (sample_policy, world_policy, *_bench_policies()):
        assert other.model_dump(include=set(NOTICE_PARTS)) == expected.model_dump(include=set(NOTICE_PARTS))
    assert (sample_policy.jurisdiction, sample_policy.issuer, sample_policy.based_on) == (
        "无锡市", "无锡市人力资源和社会保障局", None)


def _bench_policies() -> list[BaseModel]:
    return [m for rel, m in _bench_models().items() if rel.startswith("policy/")]


def test_codes_are_quoted_and_optional_parts_are_written_only_when_given() -> None:
    record = factory.employment("P2026-001-01", [factory.employment_record(
        "p_0123456789abcdef01234567", "91320214MA1X00001T", {"2026-07": dt.date(2026, 8, 10)})])
    text = _text(record)
    assert 'employer: "91320214MA1X00001T"' in text and '- "2026-07"' in text and '"2026-07": 2026-08-10' in text
    assert "graduation_on" not in _text(factory.training_class(
        id="P2026-001-01", project="P2026-001", start_on=DAY, end_on=DAY, location="某地", periods=(16, 32),
        yunmou_id=None, trainees=[factory.trainee("p_0123456789abcdef01234567", "registered_unemployed", 0)]))
    assert "based_on" not in _text(factory.policy()) and "roster_recipients" not in _text(factory.roles())
    # money keeps its exact decimal form: integers stay integers, cents are never lost or invented
    paid = factory.payments("P2026-001-01", [factory.installment("first", Decimal("5220.50"), DAY, "V-1"),
                                             factory.installment("bonus", 8000, DAY, "V-2")])
    assert "amount: 5220.5\n" in _text(paid) and "amount: 8000\n" in _text(paid)
    assert "amount: 5220.5\n" in model_text(paid, "x") and "amount: 8000\n" in model_text(paid, "x")
    # never an exponent, whatever form the Decimal arrived in
    big = factory.payments("P2026-001-01", [factory.installment("first", Decimal("1E+3"), DAY, "V-1")])
    assert "amount: 1000\n" in _text(big) and "amount: 1000\n" in model_text(big, "x")


# -- what the factory refuses ---------------------------------------------------------------------------

def _installments(amount: Any) -> dict[str, Any]:
    return {"class": "P2026-001-01", "installments": [
        {"phase": "first", "amount": amount, "paid_on": DAY, "voucher": "V-1"}]}


@pytest.mark.parametrize("make", [
    lambda: factory.installment("first", 0.1 + 0.2, DAY, "V-1"),
    lambda: factory.installment("first", 8000.0, DAY, "V-1"),
    lambda: factory.call(id="C2026-09", title="征集", opens_on=DAY, closes_on=DAY, budget=500000.0),
    lambda: factory.expert("专家甲", (22, 21.5, 21, 22)),
    lambda: factory.policy(training={"min_total_periods": 40, "min_practical_share": 0.6,
                                     "min_attendance": Decimal("0.7")}),
    lambda: factory.build(Policy, {**factory.policy().model_dump(by_alias=True), "outcome_min_cell": 10.0}),
    lambda: bulk_text(KINDS_BY_NAME["payments"], _installments(5220.5), "x"),
], ids=["sum-of-floats", "whole-float", "call-budget", "expert-score", "policy-ratio", "build", "fast-path"])
def test_floats_are_refused_where_money_ratios_and_scores_belong(make: Any) -> None:
    with pytest.raises(RecordBuildError, match="浮点数"):
        make()


@pytest.mark.parametrize("make", [
    lambda: factory.policy(maximum_subsidy=5000),
    lambda: factory.call(id="C2026-09", title="征集", opens_on=DAY, closes_on=DAY, budget=1,
                         contact={"person": "某", "phone": "0510-1", "email": None, "wechat": "x"}),
    lambda: factory.build(Policy, {**factory.policy().model_dump(by_alias=True), "approved": True}),
    lambda: bulk_text(KINDS_BY_NAME["payments"], {**_installments(100), "note": "x"}, "x"),
    lambda: bulk_text(KINDS_BY_NAME["class"], {"id": "P1-01", "project": "P1", "start_on": DAY, "end_on": DAY,
                                               "location": "某地", "periods": {"theory": 1, "practical": 1},
                                               "supervision": {}, "trainees": [{
                                                   "person": "p_1", "group": "registered_unemployed",
                                                   "attended_periods": 1, "name": "张三"}]}, "x"),
], ids=["policy-override", "nested", "build", "fast-path", "roster-row-with-a-name"])
def test_fields_the_models_do_not_define_are_refused(make: Any) -> None:
    with pytest.raises(RecordBuildError, match="Extra inputs are not permitted"):
        make()


@pytest.mark.parametrize("make", [
    lambda: factory.installment("first", Decimal("100.005"), DAY, "V-1"),  # a fraction of a fen
    lambda: factory.installment("first", -1, DAY, "V-1"),
    lambda: factory.installment("first", Decimal("NaN"), DAY, "V-1"),
    lambda: factory.installment("first", Decimal("Infinity"), DAY, "V-1"),
    lambda: factory.installment("first", True, DAY, "V-1"),  # a bool is an int to Python, not money
    lambda: factory.installment("first", "8000", DAY, "V-1"),  # text is not money either
    lambda: factory.installment("refund", 100, DAY, "V-1"),
    lambda: factory.policy(id="=HYPERLINK(1)"),  # an id a spreadsheet would run as a formula
    lambda: factory.expert("专家甲", (26, 20, 20, 20)),  # a criterion is out of 25
])
def test_values_out_of_the_models_range_are_refused(make: Any) -> None:
    with pytest.raises(RecordBuildError, match="记录工厂拒绝生成"):
        make()


def test_nothing_is_written_when_a_record_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "records" / "roles.yaml"
    with pytest.raises(RecordBuildError, match="不在记录中"):
        factory.write(factory.roles(), target, tmp_path, notes={"approvers": "审批人"})
    with pytest.raises(RecordBuildError, match="不是一种记录"):
        factory.write(factory.evidence("video", "archive://a.mp4", "0" * 64), target, tmp_path)
    assert not target.exists() and not (tmp_path / "records").exists()
