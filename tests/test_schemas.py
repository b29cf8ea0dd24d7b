"""Absolute `$id`s under the site's address: resolved offline by `referencing`, still fresh, editors unharmed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable

from generator.cli import main
from generator.records.kinds import KINDS, RecordKind
from generator.records.yamlio import parse
from generator.schemas import render_all, schema_id
from generator.site.build import configured_site_url

ROOT = Path(__file__).parents[1]
SITE = "https://peixun.example.cn/"


def no_network(uri: str) -> Resource[Any]:
    """The registry's retriever: any URI not already in it is an error, never a download."""
    raise NoSuchResource(ref=uri)


def registry(schemas: dict[str, str]) -> Registry[Any]:
    resources = [Resource.from_contents(json.loads(text)) for text in schemas.values()]
    return Registry(retrieve=no_network).with_resources((r.id(), r) for r in resources)  # type: ignore[arg-type,misc]


def kind_of(path: Path) -> RecordKind:
    rel = path.relative_to(ROOT / "records").as_posix()
    return next(k for k in KINDS if rel == k.single_file or (k.folder and rel.startswith(f"{k.folder}/")))


def as_json(path: Path) -> Any:
    """A record as an editor's JSON Schema checker sees it (YAML 1.2, as the project reads it and
    the YAML language server does): dates become their ISO text."""
    data = parse(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def sample_records() -> list[Path]:
    return sorted(p for p in (ROOT / "records").rglob("*.yaml") if "sealed" not in p.parts)


def test_ids_are_absolute_under_the_site_address_and_relative_without_one() -> None:
    for name, text in render_all(SITE).items():
        assert json.loads(text)["$id"] == f"{SITE}schemas/{name}"
    assert render_all("https://peixun.example.cn") == render_all(SITE)  # one slash either way
    for name, text in render_all().items():
        assert json.loads(text)["$id"] == name  # what the repository commits while no address is configured


def test_every_sample_record_validates_through_the_absolute_uri_offline() -> None:
    """A checker that knows only the published schemas (no network) resolves each record's schema
    by its absolute `$id` and every `$ref` inside it; the sample's records all pass."""
    reg = registry(render_all(SITE))
    checked: set[str] = set()
    for path in sample_records():
        kind = kind_of(path)
        validator = Draft202012Validator({"$ref": schema_id(kind, SITE)}, registry=reg)
        assert [e.message for e in validator.iter_errors(as_json(path))] == [], path
        checked.add(kind.name)
    assert len(checked) >= 8  # the sample holds most kinds


def test_resolution_is_real_and_never_goes_to_the_network() -> None:
    """An unknown field is reported through the resolved `$defs` (so resolution happened), and a
    schema under another address is unresolvable rather than fetched."""
    reg = registry(render_all(SITE))
    project = next(k for k in KINDS if k.name == "project")
    record = as_json(next(p for p in sample_records() if kind_of(p) is project))
    record["contract"]["bribe"] = 1
    errors = list(Draft202012Validator({"$ref": schema_id(project, SITE)}, registry=reg).iter_errors(record))
    assert [e.json_path for e in errors] == ["$.contract"] and "bribe" in errors[0].message
    with pytest.raises(Unresolvable):
        Draft202012Validator({"$ref": "https://evil.example/schemas/project.schema.json"},
                             registry=reg).validate(record)


def test_an_editor_reading_the_file_its_comment_points_at_still_works(tmp_path: Path) -> None:
    """Records keep their relative `# yaml-language-server: $schema=...` comment: the file it names,
    with an absolute `$id`, validates the record by itself (its `$ref`s are fragments of itself)."""
    main(["schemas", "--out", str(tmp_path / "schemas"), "--site-url", SITE])
    for path in sample_records():
        comment = path.read_text(encoding="utf-8").splitlines()[0].split("=", 1)[1]
        target = tmp_path / "schemas" / Path(comment).name
        schema = json.loads(target.read_text(encoding="utf-8"))
        assert schema["$id"].startswith(SITE) and (path.parent / comment).resolve().name == target.name
        assert list(Draft202012Validator(schema).iter_errors(as_json(path))) == [], path


def test_the_check_reads_the_configured_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`peixun schemas` takes the address from mkdocs.yml's site_url (here through its !ENV
    default), so `--check` stays fresh in the configuration the files were written in."""
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    out = ["--out", str(tmp_path / "schemas"), "--config", str(config)]
    monkeypatch.setenv("PEIXUN_SITE_URL", SITE)
    assert configured_site_url(config) == SITE
    assert main(["schemas", *out]) == 0 and main(["schemas", "--check", *out]) == 0
    assert json.loads((tmp_path / "schemas" / "class.schema.json").read_text(encoding="utf-8"))["$id"] == (
        f"{SITE}schemas/class.schema.json")
    monkeypatch.delenv("PEIXUN_SITE_URL")
    assert configured_site_url(config) == ""
    assert main(["schemas", "--check", *out]) == 1  # another address: the committed files are stale
    assert main(["schemas", "--check", "--out", str(ROOT / "schemas"), "--config", str(config)]) == 0
