"""CHANGELOG.md keeps up with the code: the engine's version has its section, naming the record
format this engine reads; every format since the first has its migration steps and its section
saying what changed for records and what a city must do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from generator.migrate import STEPS
from generator.records.format import CURRENT, UNDECLARED

ROOT = Path(__file__).parents[1]
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
RELEASE = re.compile(r"^## (\d+\.\d+\.\d+) — record format (\d+)", re.M)


def test_the_engines_version_has_its_section_with_the_current_format() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    releases = RELEASE.findall(CHANGELOG)
    assert releases, "no '## X.Y.Z — record format N' section"
    assert releases[0] == (version, str(CURRENT)), "the newest section is this version and its format"
    formats = [int(f) for _, f in releases]
    assert formats == sorted(formats, reverse=True) and formats[-1] == UNDECLARED


def test_every_format_has_its_steps_and_says_what_a_city_must_do() -> None:
    for fmt in range(UNDECLARED + 1, CURRENT + 1):
        assert STEPS.get(fmt), f"format {fmt} has no migration step (generator/migrate/)"
        heading = f"### Records: format {fmt - 1} → {fmt}"
        assert heading in CHANGELOG, heading
        section = CHANGELOG.split(heading, 1)[1].split("\n## ", 1)[0]
        assert "### What a city must do" in section and "peixun migrate" in section
        for step in STEPS[fmt]:
            for kind in step.kinds:  # each changed kind is named in the section
                assert f"`{kind}" in section, (fmt, kind)
