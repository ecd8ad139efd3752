"""Thin Celery wrappers (DESIGN.md §5): fetch by id, call the service."""

from celery import shared_task

from .uang_makan import uang_makan_ekspor_job


@shared_task
def uang_makan_ekspor_task(job_id: int) -> None:
    uang_makan_ekspor_job(job_id)
