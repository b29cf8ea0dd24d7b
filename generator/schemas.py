"""JSON Schemas generated from the models: what an institution's editor uses to help them."""

from __future__ import annotations

import json
from pathlib import Path

from generator.records.kinds import KINDS, RecordKind


def schema_for(kind: RecordKind) -> dict[str, object]:
    schema = kind.model.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": kind.schema_file,
        "title": kind.title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render_all() -> dict[str, str]:
    return {
        kind.schema_file: json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for kind in KINDS
    }


def write_schemas(out: Path) -> list[str]:
    """Write every schema; returns the names that changed."""
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_all().items():
        target = out / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale_schemas(out: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    stale = []
    for name, text in render_all().items():
        target = out / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
