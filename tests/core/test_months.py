"""core.months: month bounds, neighbours and the `?bulan=` parameter (pure, no database)."""

from datetime import date

import pytest

from core import months


@pytest.mark.parametrize(
    ("tahun", "bulan", "bounds"),
    [
        (2026, 1, (date(2026, 1, 1), date(2026, 1, 31))),
        (2026, 2, (date(2026, 2, 1), date(2026, 2, 28))),
        (2024, 2, (date(2024, 2, 1), date(2024, 2, 29))),
        (2026, 4, (date(2026, 4, 1), date(2026, 4, 30))),
        (2026, 12, (date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_month_bounds(tahun, bulan, bounds):
    assert months.month_bounds(tahun, bulan) == bounds


@pytest.mark.parametrize(("tahun", "bulan"), [(2026, 0), (2026, 13), (None, 1), (2026, None)])
def test_month_bounds_of_a_month_that_does_not_exist_raises(tahun, bulan):
    with pytest.raises((ValueError, TypeError)):
        months.month_bounds(tahun, bulan)


def test_month_start_and_end():
    assert months.month_start(date(2024, 2, 17)) == date(2024, 2, 1)
    assert months.month_end(date(2024, 2, 17)) == date(2024, 2, 29)
    assert months.month_end(date(2026, 12, 1)) == date(2026, 12, 31)


def test_neighbours_cross_the_year():
    assert months.previous_month(2026, 1) == (2025, 12)
    assert months.previous_month(2026, 7) == (2026, 6)
    assert months.next_month(2026, 12) == (2027, 1)
    assert months.next_month(2026, 7) == (2026, 8)
    assert months.previous_month_start(date(2026, 1, 31)) == date(2025, 12, 1)
    assert months.previous_month_start(date(2026, 3, 31)) == date(2026, 2, 1)
    assert months.next_month_start(date(2026, 12, 31)) == date(2027, 1, 1)
    assert months.next_month_start(date(2026, 1, 31)) == date(2026, 2, 1)


def test_month_value():
    assert months.month_value(2026, 3) == "2026-03"
    assert months.month_value(999, 11) == "0999-11"


TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03", date(2026, 3, 1)),
        ("2025-12", date(2025, 12, 1)),
        ("2026-11", date(2026, 11, 1)),
        ("2026-12", date(2026, 11, 1)),  # a later month is capped at today's
        ("2030-01", date(2026, 11, 1)),
        (None, date(2026, 11, 1)),
        ("", date(2026, 11, 1)),
        ("2026-13", date(2026, 11, 1)),
        ("maret", date(2026, 11, 1)),
        ("2026-03-05", date(2026, 11, 1)),
    ],
)
def test_month_from_param(raw, expected):
    assert months.month_from_param(raw, today=TODAY) == expected
