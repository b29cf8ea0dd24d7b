"""The CI clock: what day it is where and when a check runs, the one place that says so.

Every "has it started yet", "was it added after the fact" and "is the project terminated yet" of
the pull-request and after-merge checks is judged by this day, never by a commit's author or
committer date: both are whatever the person who made the commit chose (`GIT_COMMITTER_DATE`),
so a date read from a commit would let an author decide which facts are frozen. The day is the
calendar day in China Standard Time (UTC+8, no daylight saving), where the notice is applied,
so a check run at 01:00 in Wuxi is not judged by yesterday's date in UTC. Tests and a re-judgement
of the past inject the day explicitly (`check-changes --as-of`, `today=` in the library).
"""

from __future__ import annotations

import datetime as dt

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def today(now: dt.datetime | None = None) -> dt.date:
    """The calendar day in Wuxi at `now` (default: the machine's clock, which on CI is the runner's)."""
    moment = now if now is not None else dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        raise ValueError("the CI clock needs an aware datetime")
    return moment.astimezone(CHINA).date()
