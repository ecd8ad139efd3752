"""Thin Celery wrappers (DESIGN.md §5)."""

from datetime import date, timedelta

from celery import shared_task

from accounts.jadwal import per_pemda
from accounts.models import Pegawai
from core import dates

from .services.absen_simpan import absen_impor_job
from .services.hari import hari_recompute
from .services.permohonan import permohonan_reassign


@shared_task
@per_pemda
def hari_recompute_recent_task(pemda, days: int = 7) -> int:
    """Nightly: store the status of the last days for everyone (a day without any punch included),
    so that recaps and uang makan read stored rows; late uploads within the week are picked up.
    Up to yesterday: at 00:30 nobody has punched in yet, and a stored "tanpa keterangan" for the day
    just begun would only alarm (it would not block an entry: today is never final, issue 13)."""
    today = dates.today()  # the pemda's (accounts.jadwal.per_pemda)
    ids = list(Pegawai.objects.filter(pemda=pemda, opd__isnull=False).values_list("pk", flat=True))
    return hari_recompute(pegawai_ids=ids, start=today - timedelta(days=days), end=today - timedelta(days=1))


@shared_task
def absen_impor_task(job_id: int) -> None:
    absen_impor_job(job_id)


@shared_task
@per_pemda
def hari_recompute_pemda_task(pemda, start: str, end: str) -> int:
    """A holiday or schedule changed: recompute the pemda's days in that range (on its clock)."""
    ids = list(Pegawai.objects.filter(pemda=pemda).values_list("pk", flat=True))
    return hari_recompute(pegawai_ids=ids, start=date.fromisoformat(start), end=date.fromisoformat(end))


@shared_task
@per_pemda
def permohonan_reassign_task(pemda, pegawai_ids: list[int], opd_ids: list[int], since: str) -> int:
    return permohonan_reassign(
        pemda_id=pemda.pk, pegawai_ids=pegawai_ids, opd_ids=opd_ids, since=date.fromisoformat(since)
    )
