"""JSON Schemas generated from the models: what an institution's editor uses to help them.

Each schema's `$id` names it for good: under the site's address (`site_url`) where one is
configured, `<site_url>schemas/<kind>.schema.json`, so that other repositories and tools can refer
to one schema by one URI (a `$id` identifies; JSON Schema does not require it to be served, and the
site does not serve these yet); otherwise the bare file name, which a reader resolves against
wherever it found the file. Records point at their schema by a relative path
(`# yaml-language-server: $schema=../../schemas/...`), and every `$ref` inside a schema is a
fragment of the same document, so an editor works offline either way.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.records.kinds import KINDS, RecordKind

SCHEMAS_DIR = "schemas"  # where the schemas sit in a records repository and on the site


def schema_id(kind: RecordKind, site_url: str = "") -> str:
    """The schema's `$id`: absolute under `site_url` when given, else its file name."""
    return f"{site_url.rstrip('/')}/{SCHEMAS_DIR}/{kind.schema_file}" if site_url else kind.schema_file


def schema_for(kind: RecordKind, site_url: str = "") -> dict[str, object]:
    schema = kind.model.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(kind, site_url),
        "title": kind.title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render_all(site_url: str = "") -> dict[str, str]:
    return {
        kind.schema_file: json.dumps(schema_for(kind, site_url), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for kind in KINDS
    }


def write_schemas(out: Path, site_url: str = "") -> list[str]:
    """Write every schema; returns the names that changed."""
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_all(site_url).items():
        target = out / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale_schemas(out: Path, site_url: str = "") -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    stale = []
    for name, text in render_all(site_url).items():
        target = out / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
