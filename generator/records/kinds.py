"""Which file holds which kind of record: folder, model, identity field, schema name, and the
`RecordSet` table its records go to (so that loading stores any kind the same way, by its shape)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath

from pydantic import BaseModel

from generator.records.call import Call
from generator.records.correction import Correction
from generator.records.institution import Application, Institution
from generator.records.project import Project
from generator.records.reference import Catalog, Policy, PriorSubsidies, Roles
from generator.records.training import Employment, Payments, TrainingClass


class Shape(Enum):
    """How a kind's records sit in their `RecordSet` table."""

    DATED = "dated"  # a list: several versions, each in force for a period (policy, catalog)
    SINGLE = "single"  # one file for the whole city: the record, or None
    BY_ID = "by_id"  # a dict by identity (the file stem); a second file with the same one is a finding


# The largest file a record can need: a class of MAX_TRAINEES with evidence is about 0.5 MB. The
# register of outside subsidies and the catalog are single files for the whole city, so larger.
MAX_FILE_BYTES = 2 * 2**20


@dataclass(frozen=True)
class RecordKind:
    name: str
    title: str
    model: type[BaseModel]
    folder: str | None  # records/<folder>/**.yaml; None for a single file
    table: str  # the RecordSet attribute holding this kind's records
    shape: Shape = Shape.BY_ID
    single_file: str | None = None
    identity: str | None = "id"  # the field that must equal the file stem
    max_bytes: int = MAX_FILE_BYTES

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


KINDS: tuple[RecordKind, ...] = (
    RecordKind("policy", "政策参数", Policy, "policy", "policies", Shape.DATED),
    RecordKind("catalog", "职业（工种）指导目录", Catalog, "catalog", "catalogs", Shape.DATED, max_bytes=16 * 2**20),
    RecordKind("roles", "账号与角色", Roles, None, "roles", Shape.SINGLE, single_file="roles.yaml", identity=None),
    RecordKind("call", "项目征集计划", Call, "calls", "calls"),
    RecordKind("institution", "培训主体", Institution, "institutions", "institutions", identity="uscc"),
    RecordKind("application", "项目征集表", Application, "applications", "applications"),
    RecordKind("project", "项目确定", Project, "projects", "projects"),
    RecordKind("class", "培训班次", TrainingClass, "classes", "classes"),
    RecordKind("employment", "就业核验", Employment, "employment", "employment", identity="class"),
    RecordKind("payments", "补贴拨付", Payments, "payments", "payments", identity="class"),
    RecordKind("correction", "更正记录", Correction, "corrections", "corrections"),
    RecordKind("prior_subsidies", "已享受培训补贴", PriorSubsidies, None, "prior_subsidies", Shape.SINGLE,
               single_file="prior_subsidies.yaml", identity=None, max_bytes=256 * 2**20),
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
