"""Writing records: the schema comment first, keys in a stable order, so diffs show meaning."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.records.kinds import RecordKind
from generator.records.recordset import SCHEMA_COMMENT


def schema_ref(record_file: Path, schemas_dir: Path) -> str:
    """Relative path from a record file to its kind's schema, as yaml-language-server resolves it."""
    return Path(os.path.relpath(schemas_dir, record_file.parent)).as_posix()


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    return yaml


def dump_text(kind: RecordKind, data: dict[str, Any], record_file: Path, schemas_dir: Path) -> str:
    buf = io.StringIO()
    buf.write(f"{SCHEMA_COMMENT}{schema_ref(record_file, schemas_dir)}/{kind.schema_file}\n")
    _yaml().dump(data, buf)
    return buf.getvalue()


def write_record(kind: RecordKind, data: dict[str, Any], record_file: Path, schemas_dir: Path) -> None:
    """Write atomically: a crash never leaves half a record behind."""
    record_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = record_file.with_name(f".{record_file.name}.tmp")
    tmp.write_text(dump_text(kind, data, record_file, schemas_dir), encoding="utf-8")
    os.replace(tmp, record_file)
