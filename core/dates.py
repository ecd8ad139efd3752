"""Date helpers with no models."""

from contextlib import AbstractContextManager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def today() -> date:
    """Today in the active time zone, not in UTC: the signed-in user's pemda's for a request
    (accounts.middleware.ZonaWaktuMiddleware), the pemda's for a job or a token's API call
    (`di_zona`), else the installation's (settings.TIME_ZONE, WITA by default)."""
    return timezone.localdate()


# The one place that says which zone a pemda's day runs in; everything else goes through these.
def zona(pemda=None) -> str:
    """The time zone of a pemda's wall clock (Pemda.zona_waktu); without one, settings.TIME_ZONE."""
    return getattr(pemda, "zona_waktu", None) or settings.TIME_ZONE


def di_zona(pemda=None) -> AbstractContextManager:
    """Run a block in the pemda's zone: timezone.localdate(), `today()`, deadlines made aware with the
    current zone and the times templates show are then the pemda's."""
    return timezone.override(zona(pemda))


def waktu_lokal(pemda=None, now: datetime | None = None) -> datetime:
    """`now` (default: the present moment) on the pemda's wall clock."""
    return timezone.localtime(now or timezone.now(), ZoneInfo(zona(pemda)))


def hari_ini(pemda=None, now: datetime | None = None) -> date:
    """The pemda's date at `now` (default: the present moment), whatever zone is active."""
    return waktu_lokal(pemda, now).date()


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
