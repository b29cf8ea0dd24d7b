"""Corpora for the supervision signals (issue 28): ordinary classes, and the same with planted cases.

    python -m bench.signals_corpus --shape proof --out /tmp/signals [--planted]

The city-scale corpus of `bench/corpus.py` is valid by construction but regular by design (every
class alike, every certificate five days after the end): any pattern indicator would fire on all of
it or on none of it. Signals need ordinary data that varies as real classes do, so that what stands
out stands out against noise: here every institution has its own quality (attendance, pass rate,
employment), every class its own size, hours, dates, employers and pension histories, some people
come back for another course, a few classes need a correction or were admitted late. Everything is
drawn from `random.Random` streams seeded by the shape's seed and the class's identity, so the same
shape always gives the same records, and planting a case in one class leaves every other class as
it was (`bench/signals_plant.py` plants one case per indicator; `Corpus.planted` says where).

The records are valid as `peixun validate` judges them, apart from what a planted case needs to
break (a class without its evidence). The applications, projects and reference records are models
built by the record factory; the bulk (classes, employment, corrections) takes its fast path.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import math
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bench import corpus_reference as ref
from bench.corpus import _schema_ref
from bench.signals_render import ClassPlan, ProjectPlan, application, class_files, project
from generator.factory.fasttext import bulk_text, model_text
from generator.records.kinds import KINDS_BY_NAME
from generator.records.record_set import Record, RecordSet

D = dt.date


@dataclass(frozen=True)
class Shape:
    """How big a corpus is: institutions over years; projects and classes per unit vary around these."""

    institutions: int
    years: int
    seed: int = 28
    max_projects: int = 6  # per institution and year, drawn from 1 to this
    max_classes: int = 6  # per project, drawn from 1 to this

    @property
    def as_of(self) -> dt.date:
        """After every class has ended and every employment window has closed."""
        return D(2026 + self.years + 1, 6, 30)


SHAPES: dict[str, Shape] = {
    "tiny": Shape(institutions=40, years=1, max_projects=4, max_classes=4),  # about 250 classes
    "proof": Shape(institutions=80, years=2),  # about 2,300 classes, 70,000 roster rows
    "city-year": Shape(institutions=100, years=1),
    "city-decade": Shape(institutions=120, years=10),
}

RETURN_SHARE = 0.03  # of roster places taken by someone trained before, at least 300 days earlier
SWITCH_SHARE = 0.002  # ... by someone trained 30 to 300 days earlier, anywhere in the city
POOL = 400  # employers in the city


@dataclass(frozen=True)
class Planted:
    """One planted case: the indicator (by what it looks for), the group it is about and the
    subjects (class ids, institution or employer USCCs, person pseudonyms) that must rank high."""

    pattern: str
    group: str
    subjects: tuple[str, ...]
    note: str


@dataclass
class Corpus:
    shape: Shape
    files: dict[str, tuple[str, BaseModel | dict[str, Any]]]
    planted: dict[str, Planted] = field(default_factory=dict)

    @property
    def classes(self) -> int:
        return sum(1 for kind, _ in self.files.values() if kind == "class")

    @property
    def rows(self) -> int:
        """Roster rows (trainee rows): the size that the signals' cost is measured against."""
        return sum(len(d["trainees"]) for kind, d in self.files.values() if kind == "class" and isinstance(d, dict))


@dataclass
class Skeleton:
    """Institutions, projects and classes with their dates and people: everything decided before a
    class's records are written, so that planting can pick its targets and change what it needs."""

    shape: Shape
    institutions: list[tuple[str, Any]]
    quality: list[tuple[float, float, float, float]]  # attendance, pass rate, employment, corrections
    projects: list[ProjectPlan]
    classes: list[ClassPlan]
    employers: list[tuple[str, str]]


def _employers() -> list[tuple[str, str]]:
    return [(ref.uscc("91", 70000 + i), f"无锡示例用工企业{i + 1}有限公司") for i in range(POOL)]


def _project_plans(shape: Shape, rng: random.Random, employers: list[tuple[str, str]]) -> list[ProjectPlan]:
    plans: list[ProjectPlan] = []
    numbers: dict[int, int] = {}
    for year in range(2026, 2026 + shape.years):
        for k in range(shape.institutions):
            for _ in range(rng.randint(1, shape.max_projects)):
                numbers[year] = numbers.get(year, 0) + 1
                first = D(2026, 4, 10) if year == 2026 else D(year, 1, 10)
                submitted = first + dt.timedelta(rng.randint(0, 150))
                slot = rng.randrange(ref.SLOTS)
                if slot < len(ref.OCCUPATIONS):
                    code, name, category = ref.OCCUPATIONS[slot]
                    chosen = rng.choice(("L5", "L4", "L3"))
                    level: str | None = chosen
                    cap = ref.STANDARDS[category][chosen]
                    price = cap if rng.random() < 0.3 else cap - 10 * rng.randint(1, cap // 100)
                else:
                    code, level = None, None
                    name, category = ref.NEW_PROJECTS[slot - len(ref.OCCUPATIONS)]
                    cap = ref.NEW_CAPS[category]
                    price = cap if rng.random() < 0.3 else cap - 50 * rng.randint(1, cap // 200)
                partners = tuple(rng.sample(employers, rng.randint(1, 3)))
                plans.append(ProjectPlan(len(plans), k, year, numbers[year], submitted, code, level, name,
                                         category, price, cap, partners, rng.randint(1, shape.max_classes)))
    return plans


def _class_plans(plans: list[ProjectPlan], rng: random.Random) -> list[ClassPlan]:
    out: list[ClassPlan] = []
    for plan in plans:
        start = plan.signed_on + dt.timedelta(rng.randint(7, 30))
        for c in range(plan.classes):
            total = rng.choice((40, 48, 48, 56, 64, 80))
            practical = math.ceil(total * rng.choice((0.6, 0.65, 0.7, 0.75)))
            days = math.ceil(total / rng.choice((4, 6, 8))) + rng.randint(0, 6)
            end = start + dt.timedelta(days)
            out.append(ClassPlan(f"{plan.project_id}-{c + 1:02d}", plan, start, end, total - practical, practical,
                                 rng.randint(15, 45)))
            start = end + dt.timedelta(rng.randint(5, 40))
    return out


def _people(classes: list[ClassPlan], rng: random.Random) -> None:
    """Fill each roster in order of start: mostly new people, some back after a year, a few who move
    on to another course within months. Nobody sits in two classes at once or takes more than three."""
    by_end: list[tuple[dt.date, int]] = []  # (end, class index) of classes started so far, sorted
    last_end: dict[str, dt.date] = {}
    courses: dict[str, int] = {}
    serial = 0
    for i in sorted(range(len(classes)), key=lambda i: (classes[i].start_on, classes[i].id)):
        cls = classes[i]
        for _ in range(cls.size):
            draw = rng.random()
            window = (300, 900) if draw < RETURN_SHARE else (30, 300) if draw < RETURN_SHARE + SWITCH_SHARE else None
            who = _returning(classes, by_end, cls, window, rng, last_end, courses) if window else None
            if who is None:
                who = ref.person(serial)
                serial += 1
            cls.people.append(who)
            last_end[who] = cls.end_on
            courses[who] = courses.get(who, 0) + 1
        bisect.insort(by_end, (cls.end_on, i))


def _returning(classes: list[ClassPlan], by_end: list[tuple[dt.date, int]], cls: ClassPlan,
               window: tuple[int, int], rng: random.Random, last_end: dict[str, dt.date],
               courses: dict[str, int]) -> str | None:
    lo = bisect.bisect_left(by_end, (cls.start_on - dt.timedelta(window[1]), -1))
    hi = bisect.bisect_left(by_end, (cls.start_on - dt.timedelta(window[0]), -1))
    if lo >= hi:
        return None
    earlier = classes[by_end[rng.randrange(lo, hi)][1]]
    who = rng.choice(earlier.people)
    if who in cls.people or last_end[who] >= cls.start_on or courses[who] >= 3:
        return None
    return who


def skeleton(shape: Shape) -> Skeleton:
    rng = random.Random(f"signals-corpus:{shape.seed}")
    institutions = [ref.institution(k) for k in range(shape.institutions)]
    quality = [(min(0.97, rng.gauss(0.91, 0.025)), rng.uniform(0.85, 0.97), min(0.8, max(0.35, rng.gauss(0.58, 0.08))),
                rng.uniform(0.0, 0.05)) for _ in institutions]
    employers = _employers()
    plans = _project_plans(shape, rng, employers)
    classes = _class_plans(plans, rng)
    _people(classes, rng)
    return Skeleton(shape, institutions, quality, plans, classes, employers)


def render(sk: Skeleton, planted: dict[str, Planted] | None = None) -> Corpus:
    """The records of a skeleton (after planting, if any)."""
    shape = sk.shape
    files: dict[str, tuple[str, BaseModel | dict[str, Any]]] = dict(ref.policies(shape.years))
    files["catalog/bench-catalog.yaml"] = ref.catalog()
    files["roles.yaml"] = ref.roles()
    for code, inst in sk.institutions:
        files[f"institutions/{code}.yaml"] = ("institution", inst)
    sizes: dict[str, int] = {}
    for cls in sk.classes:
        sizes[cls.project.project_id] = max(sizes.get(cls.project.project_id, 0), len(cls.people))
    for plan in sk.projects:
        inst = sk.institutions[plan.institution][1]
        files[f"applications/{plan.year}/{plan.application_id}.yaml"] = (
            "application", application(plan, inst, sizes.get(plan.project_id, 15)))
        size = sizes.get(plan.project_id, 15)
        files[f"projects/{plan.year}/{plan.project_id}.yaml"] = ("project", project(plan, size))
    for cls in sk.classes:
        files.update(class_files(cls, sk.quality[cls.project.institution], shape.as_of, shape.seed))
    return Corpus(shape, files, dict(planted or {}))


def ordinary(shape: Shape) -> Corpus:
    return render(skeleton(shape))


def recordset(corpus: Corpus, root: Path = Path("records")) -> RecordSet:
    """The corpus's record tables without writing a file: each record checked by its model, as
    loading checks it (corrections are not applied: loading applies them to the class it reads)."""
    rs = RecordSet(root)
    for rel, (kind, data) in corpus.files.items():
        record_kind = KINDS_BY_NAME[kind]
        model = data if isinstance(data, BaseModel) else record_kind.model.model_validate(data)
        rs.add(Record(record_kind, f"records/{rel}", model))
    rs.index()
    return rs


def write(corpus: Corpus, root: Path) -> int:
    """Write the corpus to `root` (replacing it); returns the number of files."""
    if root.exists():
        shutil.rmtree(root)
    for rel, (kind, data) in corpus.files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        schema = _schema_ref(rel).format(kind=kind)
        text = model_text(data, schema) if isinstance(data, BaseModel) else bulk_text(KINDS_BY_NAME[kind], data, schema)
        target.write_text(text, encoding="utf-8")
    return len(corpus.files)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), default="tiny")
    parser.add_argument("--out", type=Path, required=True, help="the records folder to write")
    parser.add_argument("--planted", action="store_true", help="plant one case per indicator")
    args = parser.parse_args()
    if args.planted:
        from bench.signals_plant import planted
        corpus = planted(SHAPES[args.shape])
    else:
        corpus = ordinary(SHAPES[args.shape])
    count = write(corpus, args.out)
    print(f"{count} files, {corpus.classes} classes, {corpus.rows} roster rows in {args.out}")
    for p in corpus.planted.values():
        print(f"planted {p.pattern} ({p.group}): {', '.join(p.subjects[:4])}{' …' if len(p.subjects) > 4 else ''}")


if __name__ == "__main__":
    main()
