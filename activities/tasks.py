"""Thin Celery wrappers (DESIGN.md §5)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from accounts.models import Pemda

from . import jobs, reminders, services_antrean, tunggakan


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
    return sum(tunggakan.tunggakan_record(pemda_id=pk, today=today) for pk in pemda_ids)


@shared_task
def pengingat_harian_task() -> int:
    """Daily on weekdays: the reminder digest (activities/reminders.py), at most once per person a day."""
    return reminders.pengingat_kirim(today=timezone.localdate())


@shared_task
def antrean_jatuh_tempo_task() -> int:
    """Weekday mornings: supervisors whose waiting entries become overdue tomorrow (activities/jobs.py)."""
    return jobs.antrean_jatuh_tempo(today=timezone.localdate())


@shared_task
def bulan_ditutup_task() -> int:
    """Weekday mornings: everyone with unsent entries of a month whose entries close soon (activities/jobs.py)."""
    return jobs.bulan_ditutup(today=timezone.localdate())


@shared_task
def kejanggalan_periksa_task() -> int:
    """Every two hours of the working day and once at night: the anomaly flags and the approvers'
    figures of every pemda's open months (activities/kejanggalan.py); returns the flags found."""
    from .kejanggalan import kejanggalan_periksa_semua

    hasil = kejanggalan_periksa_semua(hari=timezone.localdate())
    return sum(sum(b["kejanggalan"].values()) for per_bulan in hasil.values() for b in per_bulan.values())
