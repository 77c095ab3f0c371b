"""The assessment date: what `--as-of` means, and which date is chosen when it is not given.

An assessment looks at the two systems as they stood on one day. A phase covers whole years; a phase that has
not begun or has ended by the assessment date is looked at as it stood on its nearest day (its first or last).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from typing import Protocol

from .errors import LinkcheckError

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class HasPeriod(Protocol):
    start: int
    end: int | None


def today() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that builds and tests can pin it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip():
        try:
            return dt.datetime.fromtimestamp(int(epoch.strip()), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise LinkcheckError(f"SOURCE_DATE_EPOCH={epoch[:40]!r} is not a date: give seconds since 1970-01-01, "
                                 "or unset it") from None
    return dt.date.today()


def parse_day(text: str, what: str = "--as-of") -> dt.date:
    """A date written YYYY-MM-DD; anything else, including impossible dates, is refused by name."""
    text = text.strip()
    if not _ISO_DAY.match(text):
        raise LinkcheckError(f"{what} {text!r}: write a date as YYYY-MM-DD, e.g. 2021-06-30")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise LinkcheckError(f"{what} {text!r}: not a date ({exc})") from None


def first_day(period: HasPeriod) -> dt.date:
    return dt.date(period.start, 1, 1)


def last_day(period: HasPeriod) -> dt.date | None:
    return dt.date(period.end, 12, 31) if period.end is not None else None


def clamp(day: dt.date, period: HasPeriod) -> dt.date:
    """The day inside `period` nearest to `day`."""
    end = last_day(period)
    if day < first_day(period):
        return first_day(period)
    if end is not None and day > end:
        return end
    return day


def covers(period: HasPeriod, day: dt.date) -> bool:
    return clamp(day, period) == day


def default_as_of(periods: Iterable[HasPeriod], now: dt.date | None = None) -> dt.date:
    """Today where every period covers it; else the day nearest today inside the years all periods share;
    else, when they share none, the day nearest today inside the period that starts last, whatever the order in
    which the phases are named."""
    periods = list(periods)
    now = now or today()
    start = max(first_day(p) for p in periods)
    ends = [last_day(p) for p in periods if p.end is not None]
    end = min(ends) if ends else None
    if end is None or start <= end:
        if now < start:
            return start
        return min(now, end) if end is not None else now
    return clamp(now, max(periods, key=lambda p: (p.start, p.end if p.end is not None else 9999)))
