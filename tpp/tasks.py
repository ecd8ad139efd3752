"""Thin Celery wrappers (DESIGN.md §5): fetch by id, call the service."""

from celery import shared_task

from .uang_makan import uang_makan_ekspor_job


@shared_task
def uang_makan_ekspor_task(job_id: int) -> None:
    uang_makan_ekspor_job(job_id)


@shared_task(acks_late=True)
def tpp_hitung_task(job_id: int) -> None:
    from .jobs import tpp_hitung_job

    tpp_hitung_job(job_id)


@shared_task(acks_late=True)
def tpp_tutup_task(job_id: int) -> None:
    from .jobs import tpp_tutup_job

    tpp_tutup_job(job_id)
