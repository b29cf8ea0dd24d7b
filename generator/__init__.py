"""peixun: the notice on project-based employment skills training, as executable law over Git records.

The public API, one function per stage of the pipeline (ARCHITECTURE.md):

    from generator import run, build_site
    r = run(Path("records"))        # resolve the date, load, validate, settle, find what errors hold
    r.validation.findings, r.settlement, r.held, r.records (what may be published)
    build_site(Path("records"), Path("public"))

`run` is the only way to judge records; `generator.settlement_output.settle` renders the settlement
artifacts from a run, and `generator.pipeline.validate` is a run's findings alone (what
`peixun validate` prints).

Every name here, and nothing else (tests/test_api.py keeps it so): `run` and its `Run`;
`resolve_as_of`, the as-of date a run judges by; `Report`, validation's result; `Finding`, one
finding of a rule; `build_site`; `PeixunError`, the root of every error the engine raises.

Names are imported on first use, so `import generator` stays cheap for the parse workers and
for tools that need one submodule.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Names only: a name equal to a submodule's (`validate`, `settle`) would be shadowed by the
# submodule once it is imported, so those stay in their modules.
_EXPORTS = {
    "Finding": "generator.findings",
    "PeixunError": "generator.errors",
    "Report": "generator.validate",
    "Run": "generator.pipeline",
    "build_site": "generator.site.build",
    "resolve_as_of": "generator.validate",
    "run": "generator.pipeline",
}

__all__ = ["Finding", "PeixunError", "Report", "Run", "build_site", "resolve_as_of", "run"]

if TYPE_CHECKING:
    from generator.errors import PeixunError
    from generator.findings import Finding
    from generator.pipeline import Run, run
    from generator.site.build import build_site
    from generator.validate import Report, resolve_as_of


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
