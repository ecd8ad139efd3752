"""Thin Celery wrappers (DESIGN.md §5)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from accounts.models import Pemda

from . import reminders, services_antrean


@shared_task
def aktivitas_reassign_task(pemda_id: int, pegawai_ids: list[int], opd_ids: list[int], since: str) -> int:
    return services_antrean.aktivitas_reassign(
        pemda_id=pemda_id, pegawai_ids=pegawai_ids, opd_ids=opd_ids, since=date.fromisoformat(since)
    )


@shared_task
def tunggakan_record_task() -> int:
    """Daily: record entries left waiting past the allowed working days, for every pemda."""
    today = timezone.localdate()
    pemda_ids = Pemda.objects.values_list("pk", flat=True)
    return sum(services_antrean.tunggakan_record(pemda_id=pk, today=today) for pk in pemda_ids)


@shared_task
def pengingat_harian_task() -> int:
    """Daily on weekdays: the reminder digest (activities/reminders.py), at most once per person a day."""
    return reminders.pengingat_kirim(today=timezone.localdate())
