"""One planted case per supervision indicator, in an ordinary signals corpus.

Each case is what the indicator is meant to find, put into ordinary records as someone after the
subsidy would: one class where everybody attended the same periods, one where everybody attended
exactly 70 %, certificates of a dozen classes of different institutions issued on one day, one class
certified on its last day for everybody, a ring of people trained at three institutions within
months, one institution whose outcomes, one whose attendance and one whose management is far from
the others (the three conditions of 通知 五(二)), and for the employment and price indicators an
employer whose hires stop right after three months, an institution employing its own trainees, one
employer taking nearly every employed trainee of an institution (and, elsewhere, of one class), an
institution landing on 30 % and 50 % class after class, and an institution priced at the cap for
every project.

Targets are chosen by fixed rules (the institution with the most classes among those not yet
used, the classes of distinct institutions nearest a day), never at random, so every case lands on
the same records for the same shape, and no two cases share an institution.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from bench import corpus_reference as ref
from bench.signals_corpus import Corpus, Planted, Shape, Skeleton, render, skeleton
from bench.signals_render import ClassPlan, ProjectPlan

RING = 12  # people of the repeated-training ring
ONE_DAY_CLASSES = 16  # classes whose certificates are planted on one day
PENSION_EMPLOYER = ref.uscc("91", 79001)  # outside the corpus's pool of 400 employers
SHARE_EMPLOYER = ref.uscc("91", 79002)


class _Picker:
    """Institutions for institution-wide cases, biggest first, each used once."""

    def __init__(self, sk: Skeleton) -> None:
        self.sk = sk
        self.by_inst: dict[int, list[ClassPlan]] = defaultdict(list)
        for cls in sk.classes:
            self.by_inst[cls.project.institution].append(cls)
        self.used: set[int] = set()

    def institution(self, min_projects: int = 1) -> int:
        def projects(k: int) -> int:
            return len({c.project.project_id for c in self.by_inst[k]})
        order = sorted(self.by_inst, key=lambda k: (-len(self.by_inst[k]), k))
        k = next(k for k in order if k not in self.used and projects(k) >= min_projects)
        self.used.add(k)
        return k

    def uscc(self, k: int) -> str:
        return self.sk.institutions[k][0]

    def a_class(self, min_size: int = 30) -> ClassPlan:
        """A class of an unused institution (which is then used), the first in id order of its size."""
        k = next(k for k in sorted(self.by_inst) if k not in self.used
                 and any(len(c.people) >= min_size for c in self.by_inst[k]))
        self.used.add(k)
        return next(c for c in self.by_inst[k] if len(c.people) >= min_size)


def _one_day(sk: Skeleton, pick: _Picker) -> tuple[dt.date, list[ClassPlan]]:
    """A day a month into the corpus's second half, and the classes of distinct unused institutions
    that ended closest before it."""
    ends = sorted(c.end_on for c in sk.classes)
    day = ends[len(ends) * 2 // 3] + dt.timedelta(20)
    chosen: list[ClassPlan] = []
    for cls in sorted((c for c in sk.classes if dt.timedelta(0) < day - c.end_on <= dt.timedelta(60)),
                      key=lambda c: (day - c.end_on, c.id)):
        k = cls.project.institution
        if k not in pick.used:
            pick.used.add(k)
            chosen.append(cls)
        if len(chosen) == ONE_DAY_CLASSES:
            break
    return day, chosen


def _ring(sk: Skeleton, pick: _Picker) -> tuple[list[str], list[str]]:
    """Three classes of three unused institutions, one after another within 150 days; the ring's
    people are added to each of them."""
    order = sorted(sk.classes, key=lambda c: (c.start_on, c.id))
    for i, first in enumerate(order[len(order) // 3:], start=len(order) // 3):
        chain = [first]
        for cls in order[i + 1:]:
            if cls.start_on - first.start_on > dt.timedelta(150):
                break
            if cls.start_on > chain[-1].end_on and cls.project.institution not in (
                    {c.project.institution for c in chain} | pick.used):
                chain.append(cls)
                if len(chain) == 3:
                    break
        if len(chain) == 3 and first.project.institution not in pick.used:
            pick.used.update(c.project.institution for c in chain)
            people = [ref.person(10_000_000 + n) for n in range(RING)]
            for cls in chain:
                cls.people.extend(people)
            return people, [c.id for c in chain]
    raise AssertionError("no three classes within 150 days: the shape is too small for the ring")


def plant(sk: Skeleton) -> dict[str, Planted]:
    """Change the skeleton in place; returns where each case is."""
    pick = _Picker(sk)
    cases: dict[str, Planted] = {}

    def add(pattern: str, group: str, subjects: list[str], note: str) -> None:
        cases[pattern] = Planted(pattern, group, tuple(subjects), note)

    # the three conditions of 通知 五(二), each on an institution of its own
    k = pick.institution()
    a, p, _, c = sk.quality[k]
    sk.quality[k] = (a, p, 0.12, c)
    add("low_outcomes", "institution", [pick.uscc(k)], "就业率约 12%（其他单位约 58%）")
    k = pick.institution()
    _, p, e, c = sk.quality[k]
    sk.quality[k] = (0.72, p, e, c)
    add("low_attendance", "institution", [pick.uscc(k)], "平均考勤率约 72%（其他单位约 91%）")
    k = pick.institution()
    for n, cls in enumerate(pick.by_inst[k]):
        cls.over.late_admission = n % 2 == 0
        cls.over.evidence_missing = n % 3 == 0
        cls.over.correction = n % 3 != 2
    add("poor_management", "institution", [pick.uscc(k)], "半数班次补录、三分之一缺视频、三分之二需更正")

    # employment, employers and prices
    k = pick.institution()
    for cls in pick.by_inst[k]:
        cls.over.employer, cls.over.employer_share, cls.over.pension_stop = PENSION_EMPLOYER, 0.6, True
    add("pension_stop", "employer", [PENSION_EMPLOYER], "九成雇员恰好缴费 3 个月后停缴")
    k = pick.institution()
    for cls in pick.by_inst[k]:
        cls.over.employer, cls.over.employer_share = pick.uscc(k), 0.5
    add("related_employer", "employer", [pick.uscc(k)], "半数就业人员由承训单位自身雇用（用人单位代码即承训单位代码）")
    k = pick.institution()
    for cls in pick.by_inst[k]:
        cls.over.employer, cls.over.employer_share = SHARE_EMPLOYER, 0.95
    add("employer_share", "institution", [pick.uscc(k)], "95% 的就业人员去同一家企业")
    k = pick.institution()
    for n, cls in enumerate(pick.by_inst[k]):
        cls.over.employed_exact, cls.over.all_pass = (Decimal("0.5") if n % 2 else Decimal("0.3")), True
    add("rate_at_threshold", "institution", [pick.uscc(k)], "每个班次的就业率恰好落在 30% 或 50%")
    k = pick.institution(min_projects=4)
    prices: list[ProjectPlan] = [p for p in sk.projects if p.institution == k]
    at_cap = {p.index: p.cap for p in prices}
    sk.projects[:] = [_at_cap(p) if p.index in at_cap else p for p in sk.projects]
    for cls in sk.classes:
        if cls.project.index in at_cap:
            cls.project = sk.projects[cls.project.index]
    add("price_cap", "institution", [pick.uscc(k)], f"全部 {len(prices)} 个项目均按单价上限成交")

    # attendance and certificates, class by class
    cls = pick.a_class()
    cls.over.attendance = "uniform"
    add("uniform_attendance", "class", [cls.id], "全班出勤课时相同")
    cls = pick.a_class()
    cls.over.attendance = "minimum"
    add("attendance_at_minimum", "class", [cls.id], "全班出勤恰好 70%")
    cls = pick.a_class()
    cls.over.employer, cls.over.employer_share = SHARE_EMPLOYER, 1.0
    add("employer_share_class", "class", [cls.id], "全班稳定就业人员都去同一家企业")
    cls = pick.a_class()
    cls.over.cert_end_day = True
    add("certificates_end_day", "class", [cls.id], "全班在结业当天取得证书")
    day, same_day = _one_day(sk, pick)
    for cls in same_day:
        cls.over.cert_day = day
    add("certificates_one_day", "class", [c.id for c in same_day],
        f"{len(same_day)} 个班次（{len(same_day)} 家单位）的证书都在 {day} 发放")
    people, chain = _ring(sk, pick)
    add("repeated_people", "person", people, f"{RING} 人在 150 天内先后于 3 家单位参训（{'、'.join(chain)}）")
    return cases


def _at_cap(plan: ProjectPlan) -> ProjectPlan:
    return replace(plan, price=plan.cap)


def planted(shape: Shape) -> Corpus:
    """The ordinary corpus of `shape` with one planted case per indicator."""
    sk = skeleton(shape)
    cases = plant(sk)
    return render(sk, cases)
