"""Reading a record file of an older format as the current models read it, in memory: for the
revisions an audit settles from Git history (`gitops/money.py`), which are often older than the
migration that brought the repository to today's format.

The file is read as loading reads it; when it does not fit the models, every migration step is
applied to a copy of its tree with `Answers(reading=True)` (a step that cannot decide falls back to
what changes no figure, e.g. a format-1 review without the experts' scores is left out) and the
result validated again. A file that fits neither way stays as loading found it, broken.
"""

from __future__ import annotations

from generator.findings import Severity
from generator.migrate.framework import Answers, insert_after, upgraded
from generator.records.format import CURRENT, KEY, UNDECLARED
from generator.records.kinds import RecordKind
from generator.records.parsing import Loaded, finish, read_file


def read_current(kind: RecordKind, path: str, data: bytes) -> Loaded:
    """`read_file`, or the file brought to the current format in memory when that is what it needs."""
    loaded = read_file(kind, path, data)
    if loaded.model is not None or not isinstance(loaded.tree, dict):
        return loaded
    tree, problems = upgraded(kind.name, loaded.tree, Answers(reading=True), UNDECLARED, CURRENT)
    if problems:
        return loaded
    if kind.name == "policy":
        insert_after(tree, "id", KEY, CURRENT)
    model, findings = finish(kind, path, tree, [f for f in loaded.findings if f.severity is not Severity.ERROR])
    if model is None:
        return loaded
    return Loaded(model, tree, loaded.text, findings)
