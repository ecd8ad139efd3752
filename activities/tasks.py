"""Thin Celery wrappers (DESIGN.md §5)."""

from datetime import date

from celery import shared_task

from accounts.jadwal import per_pemda
from core.dates import today

from . import jobs, reminders, services_antrean, tunggakan


@shared_task
@per_pemda
def aktivitas_reassign_task(pemda, pegawai_ids: list[int], opd_ids: list[int], since: str) -> int:
    return services_antrean.aktivitas_reassign(
        pemda_id=pemda.pk, pegawai_ids=pegawai_ids, opd_ids=opd_ids, since=date.fromisoformat(since)
    )


@shared_task
@per_pemda
def tunggakan_record_task(pemda) -> int:
    """Daily per pemda: record entries left waiting past the allowed working days."""
    return tunggakan.tunggakan_record(pemda_id=pemda.pk, today=today())


@shared_task
@per_pemda
def pengingat_harian_task(pemda) -> int:
    """Weekdays per pemda: the reminder digest (activities/reminders.py), at most once per person a day."""
    return reminders.pengingat_kirim(today=today(), pemda_id=pemda.pk)


@shared_task
@per_pemda
def antrean_jatuh_tempo_task(pemda) -> int:
    """Weekday mornings per pemda: supervisors whose waiting entries become overdue tomorrow (activities/jobs.py)."""
    return jobs.antrean_jatuh_tempo(today=today(), pemda_id=pemda.pk)


@shared_task
@per_pemda
def bulan_ditutup_task(pemda) -> int:
    """Weekday mornings per pemda: everyone with unsent entries of a month whose entries close soon
    (activities/jobs.py)."""
    return jobs.bulan_ditutup(today=today(), pemda_id=pemda.pk)


@shared_task
@per_pemda
def kejanggalan_periksa_task(pemda) -> int:
    """Every two hours of the working day and once at night, per pemda: the anomaly flags and the
    approvers' figures of the pemda's open months (activities/kejanggalan.py); returns the flags found."""
    from .kejanggalan import kejanggalan_periksa_semua

    hasil = kejanggalan_periksa_semua(hari=today(), pemda_id=pemda.pk)
    return sum(sum(b["kejanggalan"].values()) for per_bulan in hasil.values() for b in per_bulan.values())
