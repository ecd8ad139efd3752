"""Thin Celery wrappers (DESIGN.md §5): fetch by id, call the service."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.dates import today

from . import imports, jadwal, lembar, services_akun
from .jadwal import per_pemda


@shared_task
def jadwal_pemda(*, tugas: str, jam: str, menit: int, hari: str = "*") -> list[list]:
    """Beat (hourly at the entry's minute): enqueue `tugas(pemda_id)` for the pemda whose local time
    is in the entry's local hours and weekdays (accounts/jadwal.py)."""
    return jadwal.jadwal_kirim(tugas=tugas, jam=jam, menit=menit, hari=hari)


# Installation-wide housekeeping stays one task at an installation hour: an expiry is an instant
# (timezone.now()), not a pemda's day, so the zone changes nothing.
@shared_task
def sessions_clear() -> int:
    """Delete expired sessions; returns how many were removed."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def pegawai_import_task(job_id: int) -> None:
    imports.pegawai_import_job(job_id)


@shared_task
def aktivasi_lembar_task(job_id: int) -> None:
    lembar.lembar_aktivasi_job(job_id)


@shared_task
def aktivasi_lembar_bersihkan() -> int:
    """Nightly: sheets of activation codes nobody downloaded are deleted once the codes expired."""
    return lembar.lembar_bersihkan()


@shared_task
@per_pemda
def akun_tutup_berakhir_task(pemda) -> int:
    """Nightly per pemda: the logins of people whose last posting ended yesterday (set in advance) close."""
    return services_akun.akun_tutup_berakhir(today(), pemda_id=pemda.pk)
