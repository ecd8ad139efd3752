"""Thin Celery wrappers (DESIGN.md §5): fetch by id, call the service."""

from celery import shared_task

from accounts.jadwal import per_pemda

from .uang_makan import uang_makan_ekspor_job


@shared_task
def uang_makan_ekspor_task(job_id: int) -> None:
    uang_makan_ekspor_job(job_id)


@shared_task(acks_late=True)
def tpp_hitung_task(job_id: int) -> None:
    from .jobs import tpp_hitung_job

    tpp_hitung_job(job_id)


# The close is one transaction (tpp.services.tpp_periode_tutup): a worker killed half way leaves the
# month open and nothing frozen; its job then shows as stuck and HR runs it again (core.jobs).
@shared_task(acks_late=True)
def tpp_tutup_task(job_id: int) -> None:
    from .jobs import tpp_tutup_job

    tpp_tutup_job(job_id)


# A recap job is safe to run again (same inputs, same figures; the file appears atomically), so a
# task whose worker died is redelivered rather than lost (acks_late + reject_on_worker_lost).
@shared_task(acks_late=True, reject_on_worker_lost=True)
def tpp_rekap_bulanan_task(job_id: int) -> None:
    from .recap import rekap_bulanan_job

    rekap_bulanan_job(job_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def tpp_rekap_triwulan_task(job_id: int) -> None:
    from .recap import rekap_triwulan_job

    rekap_triwulan_job(job_id)


@shared_task
@per_pemda
def tpp_rekap_terjadwal(pemda) -> int:
    """Beat (daily per pemda): start the pemda's recaps when its recap day is today; returns how many."""
    from .recap import rekap_terjadwal

    return len(rekap_terjadwal(pemda_id=pemda.pk))
