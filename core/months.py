"""Calendar months: bounds, neighbours and the `?bulan=YYYY-MM` parameter. Pure (no Django, no clock:
a caller that needs "today" passes it in)."""

import calendar
from datetime import date, datetime


def month_bounds(tahun: int, bulan: int) -> tuple[date, date]:
    """The first and the last day of a month; ValueError (or TypeError) when it does not exist."""
    return date(tahun, bulan, 1), date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def month_start(day: date) -> date:
    """The first day of the month `day` falls in."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of the month `day` falls in."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def previous_month(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun - 1, 12) if bulan == 1 else (tahun, bulan - 1)


def next_month(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)


def previous_month_start(day: date) -> date:
    """The first day of the month before the one `day` falls in."""
    return date(*previous_month(day.year, day.month), 1)


def next_month_start(day: date) -> date:
    """The first day of the month after the one `day` falls in."""
    return date(*next_month(day.year, day.month), 1)


def month_value(tahun: int, bulan: int) -> str:
    """`(2026, 3)` → `2026-03`, as a month picker and `?bulan=` write it."""
    return f"{tahun:04d}-{bulan:02d}"


def month_from_param(raw: str | None, *, today: date) -> date:
    """The first day of `?bulan=YYYY-MM`; today's month when missing or unreadable, never a month
    after today's."""
    try:
        day = datetime.strptime(raw or "", "%Y-%m").date()
    except ValueError:
        day = today
    return month_start(min(day, today))
