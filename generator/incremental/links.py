"""Which classes hold which trainee, certificate or payment voucher, for every class, in a form that loads at once.

A city's decade of classes holds 400,000 trainee rows; as Python strings in sets they take a
second to unpickle, which is the whole budget of an incremental validation. So each trainee and
each certificate of a class is kept as a 32-bit hash (CRC-32 of the kind and the value) in flat
arrays, which pickle as raw bytes: `owners_of` finds the classes holding a hash by bisection.
Two values with one hash only make a closure larger (never smaller), so a collision costs time,
never correctness.

Classes changed since the arrays were built are kept beside them (`changed`) in their new
version; the arrays are rebuilt when too many have piled up.
"""

from __future__ import annotations

import bisect
import datetime as dt
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.records.training import Payments, TrainingClass
from generator.rules.keyform import key_form

REBUILD_AFTER = 512  # changed classes kept beside the arrays before they are rebuilt


def person_link(person: str) -> int:
    return zlib.crc32(b"p\0" + person.encode("utf-8", "surrogatepass"))


def certificate_link(number_ref: str) -> int:
    return zlib.crc32(b"c\0" + number_ref.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class ClassSummary:
    """What the scopes need of a class: its project and end date (CLS-QUOTA's group,
    INST-ENGAGEMENT), and the hashes of its trainees and certificates (the person-scoped rules)."""

    project: str
    end_on: dt.date
    links: frozenset[int]


def voucher_link(voucher: str) -> int:
    return zlib.crc32(b"v\0" + key_form(voucher).encode("utf-8", "surrogatepass"))


def summarise(cls: TrainingClass, payments: Payments | None) -> ClassSummary:
    """The class's links: its trainees, its certificates and the vouchers of its payments (PAY-VOUCHER
    finds one voucher across classes, so classes sharing a voucher reach each other)."""
    links = {person_link(t.person) for t in cls.trainees}
    links.update(certificate_link(t.assessment.certificate.number_ref) for t in cls.trainees
                 if t.assessment is not None and t.assessment.certificate is not None)
    if payments is not None:
        links.update(voucher_link(inst.voucher) for inst in payments.installments)
    return ClassSummary(cls.project, cls.end_on, frozenset(links))


@dataclass
class Links:
    ids: list[str] = field(default_factory=list)  # class index -> class id
    projects: list[str] = field(default_factory=list)
    ends: array[int] = field(default_factory=lambda: array("l"))  # end dates as ordinals
    offsets: array[int] = field(default_factory=lambda: array("l", [0]))  # class i: own[offsets[i]:offsets[i+1]]
    own: array[int] = field(default_factory=lambda: array("L"))  # link hashes, grouped by class
    keys: array[int] = field(default_factory=lambda: array("L"))  # link hashes, sorted
    owners: array[int] = field(default_factory=lambda: array("l"))  # class index of each of `keys`
    changed: dict[str, ClassSummary] = field(default_factory=dict)  # newer than the arrays

    @classmethod
    def build(cls, summaries: Iterable[tuple[str, ClassSummary]]) -> Links:
        found = cls()
        pairs: list[tuple[int, int]] = []
        for i, (cid, s) in enumerate(summaries):
            found.ids.append(cid)
            found.projects.append(s.project)
            found.ends.append(s.end_on.toordinal())
            ordered = sorted(s.links)
            found.own.extend(ordered)
            found.offsets.append(len(found.own))
            pairs.extend((h, i) for h in ordered)
        pairs.sort()
        found.keys = array("L", (h for h, _ in pairs))
        found.owners = array("l", (i for _, i in pairs))
        return found

    def _base(self, i: int) -> ClassSummary:
        return ClassSummary(self.projects[i], dt.date.fromordinal(self.ends[i]),
                            frozenset(self.own[self.offsets[i]:self.offsets[i + 1]]))

    def items(self) -> Iterator[tuple[str, ClassSummary]]:
        for i, cid in enumerate(self.ids):
            if cid not in self.changed:
                yield cid, self._base(i)
        yield from self.changed.items()

    def get(self, cid: str) -> ClassSummary | None:
        if cid in self.changed:
            return self.changed[cid]
        index: dict[str, int] | None = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = {c: i for i, c in enumerate(self.ids)}
        i = index.get(cid)
        return self._base(i) if i is not None else None

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_index", None)  # rebuilt on demand
        return state

    def sharing(self, links: Iterable[int]) -> set[str]:
        """Every class holding one of `links` (and, through a collision, perhaps a few more)."""
        wanted = set(links)
        found: set[str] = set()
        for h in wanted:
            j = bisect.bisect_left(self.keys, h)
            while j < len(self.keys) and self.keys[j] == h:
                found.add(self.ids[self.owners[j]])
                j += 1
        found.difference_update(self.changed)
        found.update(cid for cid, s in self.changed.items() if not s.links.isdisjoint(wanted))
        return found

    def of_projects(self, projects: set[str]) -> set[str]:
        found = {cid for cid, p in zip(self.ids, self.projects, strict=True) if p in projects}
        found.difference_update(self.changed)
        found.update(cid for cid, s in self.changed.items() if s.project in projects)
        return found

    def with_changes(self, new: dict[str, ClassSummary]) -> Links:
        changed = {**self.changed, **new}
        if len(changed) > REBUILD_AFTER:
            base = dict(self.items())
            base.update(new)
            return Links.build(base.items())
        return Links(self.ids, self.projects, self.ends, self.offsets, self.own, self.keys, self.owners, changed)
