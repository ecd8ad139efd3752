"""Thin Celery wrappers (DESIGN.md §5): fetch by id, call the service."""

from celery import shared_task

from accounts.jadwal import per_pemda
from core.dates import today

from . import jobs

BKN_RETRIES = 3
BKN_RETRY_DELAY = 60  # seconds; then 2×, 4×


@shared_task
@per_pemda
def keberatan_pengingat_task(pemda) -> int:
    """Weekday mornings per pemda: deciders whose objection's deadline is the next working day (skp/jobs.py)."""
    return jobs.keberatan_pengingat(today=today(), pemda_id=pemda.pk)


@shared_task(bind=True, max_retries=BKN_RETRIES)
def bkn_push_task(self, job_id: int) -> dict:
    """Push a period to BKN; while records failed, retry with backoff (only unsent ones go again)."""
    from .bkn_jobs import bkn_push_job

    laporan = bkn_push_job(job_id, percobaan=self.request.retries + 1)
    if laporan.gagal and self.request.retries < self.max_retries:
        raise self.retry(countdown=BKN_RETRY_DELAY * 2**self.request.retries)
    return laporan.as_result()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def bkn_ekspor_task(job_id: int) -> None:
    from .bkn_jobs import bkn_ekspor_job

    bkn_ekspor_job(job_id)
