"""Which file holds which kind of record: folder, model, identity field, schema name, and the
`RecordSet` table its records go to (so that loading stores any kind the same way, by its shape)."""

from __future__ import annotations

import re
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


RECORD_SUFFIXES = (".yaml", ".yml")


def kind_for(relpath: PurePosixPath) -> RecordKind | None:
    """The kind of a file given its path relative to the records folder, or None if it is no record
    (a hidden file or one in a hidden folder is none: loading skips them, so nothing may treat
    them as records)."""
    if relpath.suffix not in RECORD_SUFFIXES or any(part.startswith(".") for part in relpath.parts):
        return None
    for kind in KINDS:
        if kind.single_file is not None and str(relpath) == kind.single_file:
            return kind
        if kind.folder is not None and relpath.parts[0] == kind.folder and len(relpath.parts) >= 2:
            return kind
    return None


FOLDERS = "、".join([*(k.folder for k in KINDS if k.folder), *(k.single_file for k in KINDS if k.single_file)])
_SEALED_PATH = re.compile(r"sealed/\d{4}/[A-Za-z0-9][A-Za-z0-9_.-]*\.age")


def path_problem(rel: str, folder: bool = False) -> str | None:
    """Why nothing may be at `rel` (POSIX, relative to the records folder), or None when a record or
    a sealed roster may be there. The one rule of what lives under records/, for `check-changes`
    (CHG-PATH) and for `validate` (whose walk reports what it would otherwise skip): a hidden file
    or folder, an unknown folder or an unknown extension is never validated, yet whatever it holds
    stays in the ledger's history for ever (issue 24: an ID number in `classes/2026/.draft/`).
    `folder`: `rel` is a folder (a hidden one, reported once for all it holds)."""
    path = PurePosixPath(rel)
    hidden = next((i for i, part in enumerate(path.parts) if part.startswith(".")), None)
    if hidden is not None:
        what = "文件" if hidden == len(path.parts) - 1 and not folder else "文件夹"
        return (f"“{path.parts[hidden]}”是隐藏的{what}（名称以“.”开头）：records/ 下不能有隐藏的文件或文件夹，"
                "校验不读取它们，其中的内容却会永久留在仓库历史中。请删除，或改名后放到正确的记录目录")
    if path.parts[0] == "sealed":
        if _SEALED_PATH.fullmatch(rel):
            return None
        return ("sealed/ 下只能有 sealed/<年份>/<班次编号>.age 形式的加密花名册。"
                "请删除此文件；花名册只能用 peixun seal-roster 加密后提交")
    if path.suffix not in RECORD_SUFFIXES:
        if path.suffix.lower() in RECORD_SUFFIXES:
            return (f"扩展名“{path.suffix}”须为小写的 .yaml：校验只读取 .yaml 文件。"
                    f"请改名为 {path.with_suffix('.yaml').name}")
        found = f"扩展名为“{path.suffix}”" if path.suffix else "没有扩展名"
        return (f"records/ 下只能有 YAML 记录（.yaml）和 sealed/ 下的加密花名册，此文件{found}，校验不读取它。"
                "请删除此文件；附件（视频、图片、扫描件）保存在 Git 之外，记录中只写位置和 SHA-256")
    if kind_for(path) is None:
        return f"文件不在任何记录目录中（{FOLDERS}），校验不读取它。请移到正确目录，或删除"
    return None
