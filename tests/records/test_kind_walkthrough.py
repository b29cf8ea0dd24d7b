"""ARCHITECTURE.md "Where to add things", a record kind, done once: in a copy of the package, the
steps the row names (a model, one `RecordKind` line, the table on `RecordSet`) are made as a
developer makes them, and the copy then loads the new kind's records into their table, reports a
broken one as a located SCHEMA error, accepts the folder (no stray-file finding), and gives the
kind its JSON Schema and its section of docs/records.md. Ownership is not a step here: a kind the
facts table does not name is the bureau's alone (`gitops.facts.fact_for`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import WORLD

ROOT = Path(__file__).parents[2]

MODEL = '''"""On-site inspections (现场检查): the kind tests/records/test_kind_walkthrough.py adds."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.records.base import Date, StrictModel, Text


class Inspection(StrictModel):
    id: Annotated[str, Field(pattern=r"^I\\d{4}-\\d{3}$")] = Field(title="检查编号")
    inspected_on: Date = Field(title="检查日期")
    note: Text = Field(title="检查情况")
'''

PROBE = '''
import datetime as dt, json, sys
from pathlib import Path
from generator.contract import render_records
from generator.records.load import load_records
from generator.schemas import write_schemas
from generator.pipeline import validate
records, out = Path(sys.argv[1]), Path(sys.argv[2])
tables = load_records(records)
report = validate(records, dt.date(2027, 6, 30), use_cache=False)
write_schemas(out)
print(json.dumps({
    "loaded": sorted(tables.inspections),
    "findings": [f.as_dict() for f in report.findings if "inspections" in f.path],
    "schema": sorted(p.name for p in out.iterdir()),
    "documented": "## 现场检查（`inspection`）" in render_records(),
}, ensure_ascii=False))
'''


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer has {old!r}: update the walkthrough and ARCHITECTURE.md"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_walkthrough_adding_a_record_kind(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg" / "generator"
    shutil.copytree(ROOT / "generator", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "records" / "inspection.py").write_text(MODEL, encoding="utf-8")
    edit(pkg / "records" / "kinds.py", "from generator.records.institution import Application, Institution\n",
         "from generator.records.inspection import Inspection\n"
         "from generator.records.institution import Application, Institution\n")
    corrections = '    RecordKind("correction", "更正记录", Correction, "corrections", "corrections"),\n'
    edit(pkg / "records" / "kinds.py", corrections,
         corrections + '    RecordKind("inspection", "现场检查", Inspection, "inspections", "inspections"),\n')
    edit(pkg / "records" / "record_set.py", "from generator.records.institution import Application, Institution\n",
         "from generator.records.inspection import Inspection\n"
         "from generator.records.institution import Application, Institution\n")
    edit(pkg / "records" / "record_set.py",
         "    corrections: dict[str, Record[Correction]] = field(default_factory=dict)\n",
         "    corrections: dict[str, Record[Correction]] = field(default_factory=dict)\n"
         "    inspections: dict[str, Record[Inspection]] = field(default_factory=dict)\n")

    records = Path(shutil.copytree(WORLD, tmp_path / "records"))
    folder = records / "inspections" / "2026"
    folder.mkdir(parents=True)
    comment = "# yaml-language-server: $schema=../../../schemas/inspection.schema.json\n"
    good = f"{comment}id: I2026-001\ninspected_on: 2026-06-10\nnote: 现场查看实训设备\n"
    (folder / "I2026-001.yaml").write_text(good, encoding="utf-8")
    (folder / "I2026-002.yaml").write_text(f"{comment}id: I2026-002\ninspected_on: 2026-13-10\nnote: 日期写错\n",
                                           encoding="utf-8")

    env = {**os.environ, "PYTHONPATH": str(pkg.parent)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(records), str(tmp_path / "schemas")], env=env,
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == ["I2026-001"]
    [broken] = result["findings"]
    assert (broken["rule"], broken["severity"], broken["line"]) == ("SCHEMA", "error", 3)
    assert broken["path"].endswith("inspections/2026/I2026-002.yaml") and "2026-13-10" in broken["message"]
    assert "inspection.schema.json" in result["schema"]
    assert result["documented"]
