"""Which file holds which kind of record: folder, model, identity field and schema name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from pydantic import BaseModel

from generator.records.call import Call
from generator.records.correction import Correction
from generator.records.institution import Application, Institution
from generator.records.project import Project
from generator.records.reference import Catalog, Policy, PriorSubsidies, Roles
from generator.records.training import Employment, Payments, TrainingClass


@dataclass(frozen=True)
class RecordKind:
    name: str
    title: str
    model: type[BaseModel]
    folder: str | None  # records/<folder>/**.yaml; None for a single file
    single_file: str | None = None
    identity: str | None = "id"  # the field that must equal the file stem

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


KINDS: tuple[RecordKind, ...] = (
    RecordKind("policy", "政策参数", Policy, "policy"),
    RecordKind("catalog", "职业（工种）指导目录", Catalog, "catalog"),
    RecordKind("roles", "账号与角色", Roles, None, single_file="roles.yaml", identity=None),
    RecordKind("call", "项目征集计划", Call, "calls"),
    RecordKind("institution", "培训主体", Institution, "institutions", identity="uscc"),
    RecordKind("application", "项目征集表", Application, "applications"),
    RecordKind("project", "项目确定", Project, "projects"),
    RecordKind("class", "培训班次", TrainingClass, "classes"),
    RecordKind("employment", "就业核验", Employment, "employment", identity="class"),
    RecordKind("payments", "补贴拨付", Payments, "payments", identity="class"),
    RecordKind("correction", "更正记录", Correction, "corrections"),
    RecordKind(
        "prior_subsidies", "已享受培训补贴", PriorSubsidies, None, single_file="prior_subsidies.yaml", identity=None
    ),
)
KINDS_BY_NAME = {k.name: k for k in KINDS}


def kind_for(relpath: PurePosixPath) -> RecordKind | None:
    """The kind of a file given its path relative to the records folder, or None if it is no record."""
    if relpath.suffix not in (".yaml", ".yml"):
        return None
    for kind in KINDS:
        if kind.single_file is not None and str(relpath) == kind.single_file:
            return kind
        if kind.folder is not None and relpath.parts[0] == kind.folder and len(relpath.parts) >= 2:
            return kind
    return None
