"""Pure attendance rules (DESIGN.md §6): no database, no request."""

from collections.abc import Collection
from datetime import date, timedelta

# Perpres 21/2023: five working days, Monday to Friday (weekday() 0..4).
HARI_KERJA_MINGGU = frozenset({0, 1, 2, 3, 4})


def is_hari_kerja(day: date, libur: Collection[date] = (), hari_kerja: Collection[int] = HARI_KERJA_MINGGU) -> bool:
    """A working day: a weekday of the schedule that is not a holiday or cuti bersama."""
    return day.weekday() in hari_kerja and day not in libur


def hari_kerja_antara(
    start: date, end: date, libur: Collection[date] = (), hari_kerja: Collection[int] = HARI_KERJA_MINGGU
) -> list[date]:
    """Working days from start to end, both included."""
    days, day = [], start
    while day <= end:
        if is_hari_kerja(day, libur, hari_kerja):
            days.append(day)
        day += timedelta(days=1)
    return days


def tambah_hari_kerja(
    day: date, n: int, libur: Collection[date] = (), hari_kerja: Collection[int] = HARI_KERJA_MINGGU
) -> date:
    """The n-th working day after `day` (n = 0 gives `day` itself)."""
    while n > 0:
        day += timedelta(days=1)
        if is_hari_kerja(day, libur, hari_kerja):
            n -= 1
    return day
