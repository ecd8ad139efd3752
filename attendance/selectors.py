"""Calendar reads other apps use (activities, tpp): holidays and working days of a pemda."""

import calendar
from datetime import date

from .models import HariLibur
from .rules import hari_kerja_antara


def libur_antara(*, pemda_id: int, start: date, end: date) -> set[date]:
    rows = HariLibur.objects.filter(pemda_id=pemda_id, tanggal__range=(start, end))
    return set(rows.values_list("tanggal", flat=True))


def hari_kerja_bulan(*, pemda_id: int, tahun: int, bulan: int) -> list[date]:
    """Mon–Fri minus the pemda's holidays (the attendance issue adds per-unit schedules)."""
    start = date(tahun, bulan, 1)
    end = date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])
    return hari_kerja_antara(start, end, libur_antara(pemda_id=pemda_id, start=start, end=end))
