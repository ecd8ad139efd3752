"""Thin Celery wrappers (DESIGN.md §5): fetch by id, call the service."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.dates import today

from . import imports, lembar, services_akun


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
def akun_tutup_berakhir_task() -> int:
    """Nightly: the logins of people whose last posting ended yesterday (set in advance) close."""
    return services_akun.akun_tutup_berakhir(today())
