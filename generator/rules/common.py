"""Small helpers shared by the class, roster and PII rules."""

from __future__ import annotations

from generator.records.record_set import Record, RecordSet
from generator.records.reference import Policy
from generator.records.training import TrainingClass


def mask(value: str) -> str:
    """Hide the middle of an identifier so that a finding never prints it whole (public CI logs).

    320124198808240056 -> 3201**********0056, 13812345678 -> 138****5678, 张三 -> 张*.
    """
    n = len(value)
    if n <= 2:
        return value[:1] + "*" * (n - 1)
    head, tail = (4, 4) if n >= 12 else (3, 4) if n == 11 else (1, 1)
    return value[:head] + "*" * (n - head - tail) + value[-tail:]


def total_periods(cls: TrainingClass) -> int:
    return cls.periods.theory + cls.periods.practical


def classes_with_policy(rs: RecordSet) -> list[tuple[Record[TrainingClass], Policy]]:
    """Every class with the policy in force on its start; classes without one are skipped quietly
    (the policy's absence is reported elsewhere)."""
    found = []
    for rec in rs.classes.values():
        policy = rs.policy_on(rec.model.start_on)
        if policy is not None:
            found.append((rec, policy))
    return found
