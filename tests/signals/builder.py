"""Record worlds for the signals, built with the record factory: the tests' world, plus institutions,
projects and classes with planted or ordinary patterns.

    w = SignalWorld()
    inst = w.institution("52320211MA1W00002A")
    prj = w.project(inst, unit_price=1000)
    w.klass(prj, trainees=10, employed={0: ("91320214MA1X00002B", MONTHS_3)})
    run_dir = w.write(tmp_path)

Every record is the factory's (checked by its model) and written with the project's writer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel

from generator import factory
from generator.pipeline import run
from generator.records.training import Trainee
from generator.signals import SignalContext, SignalsReport, compute
from generator.signals.registry import IndicatorSettings
from generator.signals.settings import defaults
from tests.fixtures import make_world

D = dt.date
AS_OF = D(2027, 6, 30)
SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
WORLD_INSTITUTION = make_world.INSTITUTION
WORLD_EMPLOYER = make_world.EMPLOYER

# pension months after a certificate of 2026-06-25: the window is 2026-07 to 2026-12
MONTHS_3 = ("2026-07", "2026-08", "2026-09")  # exactly the 3 months the notice requires, then nothing
MONTHS_LONG = tuple(f"2026-{m:02d}" for m in range(7, 13)) + tuple(f"2027-{m:02d}" for m in range(1, 6))


def _hex(seed: str, n: int = 24) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


def uscc(seed: str, prefix: str = "91320214") -> str:
    """An 18-character code for tests (the shape of a USCC in 无锡; no check digit computed)."""
    return (prefix + _hex(seed, 10).upper())[:18]


class SignalWorld:
    """The tests' world plus what a test adds; `write` puts it in a folder."""

    def __init__(self) -> None:
        self.records: dict[str, BaseModel] = dict(make_world.records())
        self._app = self.records["applications/2026/A2026-001.yaml"]
        self._project = self.records["projects/2026/P2026-001.yaml"]
        self._class = self.records["classes/2026/P2026-001-01.yaml"]
        self._projects = 1
        self._classes: dict[str, int] = {"P2026-001": 1}
        self._people = 0
        # the world's follow-up, as an ordinary employer's: contributions that go on
        world_class = "P2026-001-01"
        self.records[f"employment/2026/{world_class}.yaml"] = factory.employment(world_class, [
            factory.employment_record(make_world.pseudonym("p_", i), WORLD_EMPLOYER,
                                      dict.fromkeys(MONTHS_LONG, D(2027, 6, 10))) for i in range(6)])

    def institution(self, code: str, *, name: str | None = None, address: str | None = None,
                    legal_representative: str = "张某", register: bool = True) -> str:
        """An institution (a registered record unless `register` is false)."""
        if register:
            self.records[f"institutions/{code}.yaml"] = factory.institution(
                uscc=code, name=name or f"测试培训学校{code[-4:]}", type="training_institution",
                address=address or f"无锡市滨湖区测试路 {code[-4:]} 号", legal_representative=legal_representative,
                qualification=factory.qualification("民办学校办学许可证", f"教民{code[-6:]}", D(2028, 12, 31)),
                maintainers=[f"school-{code[-4:].lower()}"])
        return code

    def project(self, institution: str, *, unit_price: int | Decimal = 900,
                employers: Sequence[tuple[str, str]] = ()) -> str:
        """A project of `institution` priced at `unit_price` (the world's occupation is capped at 1000);
        `employers` are (USCC, name) of the application's employer list."""
        self._projects += 1
        n = self._projects
        app_id, prj_id = f"A2026-{n:03d}", f"P2026-{n:03d}"
        listed = [factory.employer(u, name, "养老护理员", 5) for u, name in employers]
        self.records[f"applications/2026/{app_id}.yaml"] = self._app.model_copy(update={
            "id": app_id, "institution": institution, "employers": listed or self._app.employers})  # type: ignore[attr-defined]
        self.records[f"projects/2026/{prj_id}.yaml"] = self._project.model_copy(update={
            "id": prj_id, "application": app_id, "unit_price": Decimal(unit_price)})
        self._classes[prj_id] = 0
        return prj_id

    def klass(self, project: str, *, trainees: int = 10,
              employed: Mapping[int, tuple[str, Sequence[str]]] | None = None) -> str:
        """A class of `project` (the world's dates: certificates on 2026-06-25) with `trainees`
        certified trainees; `employed` maps a trainee's position to (employer, pension months)."""
        self._classes[project] += 1
        cid = f"{project}-{self._classes[project]:02d}"
        people = [self.person() for _ in range(trainees)]
        roster: list[Trainee] = [
            factory.trainee(p, "registered_unemployed", 48,
                            factory.assessment(True, ("skill_level_certificate", "c_" + _hex(p + "c"), D(2026, 6, 25))))
            for p in people
        ]
        self.records[f"classes/2026/{cid}.yaml"] = self._class.model_copy(update={
            "id": cid, "project": project, "trainees": roster, "roster_seal": None})
        self.records[f"employment/2026/{cid}.yaml"] = factory.employment(cid, [
            factory.employment_record(people[i], employer, dict.fromkeys(months, D(2027, 1, 10)))
            for i, (employer, months) in sorted((employed or {}).items())])
        return cid

    def person(self) -> str:
        self._people += 1
        return "p_" + _hex(f"signals-person-{self._people}")

    def write(self, root: Path) -> Path:
        for rel, model in self.records.items():
            factory.write(model, root / rel, SCHEMAS)
        return root


def report_of(root: Path, as_of: dt.date, settings: Mapping[str, IndicatorSettings] | None = None) -> SignalsReport:
    """The signals of the records in `root` with some indicators' settings replaced."""
    return compute(SignalContext(run(root, as_of, use_cache=False)), {**defaults(), **(settings or {})})
