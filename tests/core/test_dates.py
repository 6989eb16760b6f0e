import datetime as dt

import pytest

from armsgraph.core.dates import partial_date_bounds, precision


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("2023-09", dt.date(2023, 9, 1), dt.date(2023, 9, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025-05-29", dt.date(2025, 5, 29), dt.date(2025, 5, 29)),
    ],
)
def test_bounds_follow_precision(text: str, first: dt.date, last: dt.date) -> None:
    assert partial_date_bounds(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13-01", "no month 13"),
        ("2023-02-29", "not a real date"),
        ("29 May 2025", "not a date of the form"),
        ("2024-00", "no month 00"),
    ],
)
def test_impossible_dates_are_named(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        partial_date_bounds(text)


def test_precision() -> None:
    assert [precision(t) for t in ("2023", "2023-09", "2023-09-01")] == ["year", "month", "day"]
