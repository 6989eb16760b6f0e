"""Partial dates ("2023", "2023-09", "2023-09-15") as sources report them."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

# ASCII digits only, and nothing after the date (``$`` would accept a final newline).
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


def check_partial_date(value: str) -> str:
    """Validate a YYYY, YYYY-MM or YYYY-MM-DD string; impossible dates are errors."""
    partial_date_bounds(value)
    return value


@functools.lru_cache(maxsize=1 << 16)
def partial_date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date can mean. Kept per value: a large load asks
    for the same few thousand dates hundreds of thousands of times (a bad one raises
    again, as errors are not kept)."""
    match = _PARTIAL.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} has no month {month:02d}")
    try:
        if day is not None and month is not None:
            exact = dt.date(year, month, day)
            return exact, exact
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def precision(value: str) -> str:
    """'year', 'month' or 'day'."""
    return {4: "year", 7: "month", 10: "day"}[len(value)]
