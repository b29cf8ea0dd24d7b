"""The record factory: every record the project writes itself is built here, from the models.

The sample (`tools/make_sample_records.py`), the tests' world (`tests/fixtures/make_world.py`),
the benchmark corpus (`bench/corpus*.py`) and `peixun init` build their records with these
builders, so the policy record and every other kind is spelled out once. A builder takes the
record's facts with notice-conformant defaults, returns the checked pydantic model, and `write`
puts it in a file with the project's writer (comments optional); bulk records take the fast path
(`fasttext`). What a model forbids (an unknown field, a float where money or a ratio belongs, a
value out of range) raises `RecordBuildError` before anything is written.
"""

from generator.factory.applications import (
    application,
    contract,
    employer,
    expert,
    institution,
    project,
    qualification,
    review,
)
from generator.factory.emit import build, document, kind_of, record_tree, write
from generator.factory.fasttext import bulk_text, model_text
from generator.factory.reference import (
    NOTICE_CITATION,
    NOTICE_TITLE,
    bureau_of,
    call,
    catalog,
    occupation,
    policy,
    prior_subsidies,
    prior_subsidy,
    roles,
)
from generator.factory.training import (
    assessment,
    correction,
    employment,
    employment_record,
    evidence,
    installment,
    payments,
    trainee,
    training_class,
)

__all__ = [
    "NOTICE_CITATION", "NOTICE_TITLE", "application", "assessment", "build", "bulk_text", "bureau_of", "call",
    "catalog", "contract", "correction", "document", "employer", "employment", "employment_record", "evidence",
    "expert", "installment", "institution", "kind_of", "model_text", "occupation", "payments", "policy",
    "prior_subsidies", "prior_subsidy", "project", "qualification", "record_tree", "review", "roles", "trainee",
    "training_class", "write",
]
