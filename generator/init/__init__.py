"""`peixun init`: a new records repository for another jurisdiction (notice 六: 江阴市、宜兴市可结合
本市实际参照执行; districts may run their own programmes, notice 五(二)).

The new repository holds records and configuration only. It installs this engine at a release the
bureau pins in `requirements.txt` (by default this version's release wheel with its SHA-256; a Git
tag or a package version also do, see `init/pin.py`), checked to resolve before anything is
written, never a copy of the code, so its pull requests can only carry records. What is written:

- `records/policy/<year>-pilot.yaml`: the notice's parameters, with the jurisdiction's name and
  bureau, citing the notice it follows (`based_on`);
- `records/roles.yaml`: empty, for the bureau to fill in;
- `schemas/`: the JSON Schemas of the pinned engine's models (for editors);
- `mkdocs.yml`, `hooks/peixun.py` (one import of the engine's hook) and an empty `site/` (the
  engine brings the stylesheet, scripts and hand-written pages; a file there replaces the engine's);
- `.github/workflows/validate.yml` and `publish.yml`, `requirements.txt`, `.gitignore`, `README.md`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from generator import factory
from generator.init.pin import InitError, Resolution, Resolver, default_engine, resolve_pin, unchecked
from generator.records.kinds import KINDS
from generator.records.reference import Policy
from generator.schemas import write_schemas

__all__ = ["SOURCE_NOTICE", "Created", "InitError", "Plan", "create_repository", "init_repository"]

# the notice every jurisdiction's policy follows, cited by `based_on` (notice 六)
SOURCE_NOTICE = factory.NOTICE_CITATION
# a place name ends in 市, 区 or 县: 江阴市, 宜兴市, 梁溪区
JURISDICTION = re.compile(r"^[\u4e00-\u9fff]{1,10}[市区县]$")
# GB/T 2260 division codes of the places the notice names: where their institutions are registered
REGION_CODES = {
    "无锡市": "3202", "江阴市": "320281", "宜兴市": "320282", "梁溪区": "320213", "锡山区": "320205",
    "惠山区": "320206", "滨湖区": "320211", "新吴区": "320214",
}
REGION_CODE = re.compile(r"^[1-9][0-9]([0-9]{2}){0,2}$")


@dataclass(frozen=True)
class Plan:
    jurisdiction: str
    engine: str  # the requirement line that pins the engine
    effective_from: dt.date
    region_codes: tuple[str, ...]  # where its institutions must be registered (notice 三)

    @property
    def issuer(self) -> str:
        return factory.bureau_of(self.jurisdiction)

    @property
    def policy_id(self) -> str:
        return f"{self.effective_from.year}-pilot"


def policy_record(plan: Plan) -> Policy:
    """The notice's parameters (二 to 五), with the jurisdiction's name and region codes, citing the
    notice it follows: the bureau adjusts them to local conditions (notice 六) by editing this record
    in a pull request. `districts` starts empty: the bureau lists those that recommend projects."""
    return factory.policy(id=plan.policy_id, jurisdiction=plan.jurisdiction, issuer=plan.issuer,
                          issued_on=plan.effective_from, based_on=factory.NOTICE_CITATION,
                          region_codes=list(plan.region_codes), districts=[])


def _templates() -> Environment:
    return Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)


def render_template(name: str, plan: Plan) -> str:
    """One file of the new repository as `peixun init` writes it (`templates/<name>` rendered for `plan`)."""
    text = files("generator.init").joinpath("templates", name).read_text(encoding="utf-8")
    return _templates().from_string(text).render(plan=plan)


# template name -> path in the new repository
TEMPLATES = {
    "mkdocs.yml": "mkdocs.yml",
    "hook.py": "hooks/peixun.py",
    "validate.yml": ".github/workflows/validate.yml",
    "publish.yml": ".github/workflows/publish.yml",
    "requirements.txt": "requirements.txt",
    "gitignore": ".gitignore",
    "README.md": "README.md",
}


def region_codes_of(jurisdiction: str, given: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The division code prefixes given, else the known code of the place; refuses to guess."""
    bad = [c for c in given if not REGION_CODE.match(c)]
    if bad:
        raise InitError(f"行政区划代码“{'、'.join(bad)}”应为 2、4 或 6 位数字（GB/T 2260），如 江阴市 320281")
    if given:
        return given
    if jurisdiction not in REGION_CODES:
        known = "、".join(f"{k} {v}" for k, v in REGION_CODES.items())
        raise InitError(f"不知道{jurisdiction}的行政区划代码：请用 --region-code 给出（GB/T 2260，如 {known}）")
    return (REGION_CODES[jurisdiction],)


def init_repository(target: Path, jurisdiction: str, *, engine: str | None = None,
                    effective_from: dt.date | None = None, region_codes: tuple[str, ...] = ()) -> list[Path]:
    """Write a new records repository for `jurisdiction` into `target` (missing or empty)."""
    if not JURISDICTION.match(jurisdiction):
        raise InitError(f"地区名称“{jurisdiction}”应为以市、区或县结尾的中文名称，如 江阴市、宜兴市、梁溪区")
    regions = region_codes_of(jurisdiction, tuple(region_codes))
    engine = unchecked(engine or default_engine()).pin  # the form only: `create_repository` resolves it
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} 已存在且不是空目录：请指定一个新目录")
    plan = Plan(jurisdiction, engine, effective_from or dt.date.today(), regions)
    written: list[Path] = []
    schemas = target / "schemas"
    write_schemas(schemas)
    written += sorted(schemas.iterdir())
    policy = target / "records" / "policy" / f"{plan.policy_id}.yaml"
    factory.write(policy_record(plan), policy, schemas)
    roles = target / "records" / "roles.yaml"
    factory.write(factory.roles(), roles, schemas)
    written += [policy, roles]
    settings = target / ".vscode" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"yaml.schemas": {
        f"./schemas/{k.schema_file}": [f"records/{k.single_file}" if k.single_file else f"records/{k.folder}/**/*.yaml"]
        for k in KINDS
    }}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(settings)
    keep = target / "site" / ".gitkeep"  # MkDocs needs the folder; the repository's own pages go here
    keep.parent.mkdir(parents=True, exist_ok=True)
    keep.write_text("", encoding="utf-8")
    written.append(keep)
    for name, rel in TEMPLATES.items():
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_template(name, plan), encoding="utf-8")
        written.append(out)
    return written


@dataclass(frozen=True)
class Created:
    written: list[Path]
    engine: Resolution  # the pin written, and whether it was checked


def create_repository(target: Path, jurisdiction: str, *, engine: str | None = None,
                      effective_from: dt.date | None = None, region_codes: tuple[str, ...] = (),
                      resolve: Resolver = resolve_pin) -> Created:
    """`peixun init`: check that the engine pin resolves (refused when it cannot: nothing is
    written), then write the repository with the pin as resolved (a wheel URL with its SHA-256)."""
    if not JURISDICTION.match(jurisdiction):
        raise InitError(f"地区名称“{jurisdiction}”应为以市、区或县结尾的中文名称，如 江阴市、宜兴市、梁溪区")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} 已存在且不是空目录：请指定一个新目录")
    region_codes_of(jurisdiction, tuple(region_codes))  # refused before anything is fetched
    resolution = resolve(engine or default_engine())
    written = init_repository(target, jurisdiction, engine=resolution.pin, effective_from=effective_from,
                              region_codes=region_codes)
    return Created(written, resolution)
