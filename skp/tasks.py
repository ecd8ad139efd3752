"""Thin Celery wrappers (DESIGN.md §5)."""

from celery import shared_task
from django.utils import timezone

from . import jobs


@shared_task
def keberatan_pengingat_task() -> int:
    """Weekday mornings: deciders whose objection's deadline is the next working day (skp/jobs.py)."""
    return jobs.keberatan_pengingat(today=timezone.localdate())
