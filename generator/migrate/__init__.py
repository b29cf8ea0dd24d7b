"""Migrations between record formats (`peixun migrate`), and reading old revisions as current.

`generator/records/format.py` says which format the records declare and which this engine reads;
`framework.py` is how a step is written; one module per format holds its steps (`v2.py`: format
1 → 2). To change a record's shape: bump `format.CURRENT`, add a module `vN.py` with one `@step`
function per change and import it below, add a test in tests/migrate/, and a CHANGELOG.md entry.
"""

from __future__ import annotations

from generator.migrate import v2, v3  # noqa: F401  (register the steps of formats 2 and 3)
from generator.migrate.framework import STEPS, Answers, Doc, MigrateError, Problem, Question, step, upgraded
from generator.migrate.reading import read_current
from generator.migrate.run import Migration, migrate

__all__ = ["STEPS", "Answers", "Doc", "MigrateError", "Migration", "Problem", "Question", "migrate",
           "read_current", "step", "upgraded"]
