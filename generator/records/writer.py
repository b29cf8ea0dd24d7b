"""Writing records: the schema comment first, keys in a stable order, so diffs show meaning."""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter

from generator.records.kinds import RecordKind
from generator.records.load import SCHEMA_COMMENT


def schema_ref(record_file: Path, schemas_dir: Path) -> str:
    """Relative path from a record file to its kind's schema, as yaml-language-server resolves it."""
    return Path(os.path.relpath(schemas_dir, record_file.parent)).as_posix()


def _decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    """Money as a plain number: 20880 stays 20880, 5220.5 is written 5220.50 (never 5.2205E+3)."""
    if value == value.to_integral_value():
        return representer.represent_int(int(value))
    return representer.represent_scalar("tag:yaml.org,2002:float", format(value.quantize(Decimal("0.01")), "f"))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.representer.add_representer(Decimal, _decimal)
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


def append_item(record_file: Path, key: str, item: dict[str, Any]) -> None:
    """Append `item` (keys in the order given) to the list under `key` of an existing record,
    keeping the schema line, the comments and every other byte's meaning; written atomically."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _yaml()
    yaml.preserve_quotes = True  # codes written as "WXCZ-2026-0001" stay quoted
    data = yaml.load(record_file.read_text(encoding="utf-8"))
    items = data.get(key)
    if items is None:
        items = data[key] = CommentedSeq()
    items.fa.set_block_style()  # `installments: []` grows into a block list, not a flow one
    items.append(CommentedMap(item))
    buf = io.StringIO()
    yaml.dump(data, buf)
    tmp = record_file.with_name(f".{record_file.name}.tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, record_file)


def quoted(text: str) -> Any:
    """Text written in double quotes: a code such as a voucher number stays text whatever it looks like."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)
