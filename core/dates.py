"""Date helpers with no models."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


def today() -> date:
    """Today in the installation's time zone (WITA by default), not in UTC."""
    return timezone.localdate()


def format_tanggal(value: date | None) -> str:
    """`22 November 2026`, independent of the active language (for exports and documents)."""
    if value is None:
        return ""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def batas_tampil(batas: datetime) -> tuple[date, str]:
    """A deadline as an office writes it: midnight is the previous day "pukul 24.00"."""
    if batas.time() == time.min:
        return batas.date() - timedelta(days=1), "24.00"
    return batas.date(), f"{batas:%H.%M}"
