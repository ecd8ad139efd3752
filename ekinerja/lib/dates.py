"""Date helpers with no models."""

from datetime import date

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
