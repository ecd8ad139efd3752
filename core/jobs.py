"""Writes to Job rows: create (and fire after commit), report progress, finish, fail.

A job's task fetches the row by id and calls a service that reports through `job_progress`;
the page polls `job_status` (htmx) and the bar moves. Progress is written with UPDATE so a
long-running job does not hold a transaction open.
"""

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dates import zona
from .models import Job

log = logging.getLogger(__name__)

ANTREAN_TIDAK_TERSEDIA = gettext_lazy(
    "Antrean pekerjaan latar belakang sedang tidak tersedia, jadi pekerjaan ini belum dapat dimulai. "
    "Data yang Anda isi tidak hilang; silakan coba lagi beberapa menit lagi atau hubungi admin."
)


class AntreanTidakTersedia(Exception):
    """The job queue (the Celery broker) cannot be reached; the job was marked failed, nothing runs."""

    def __init__(self, message=ANTREAN_TIDAK_TERSEDIA):
        super().__init__(str(message))
        self.message = str(message)


def _job_send(job: Job, task) -> None:
    """Hand the job to the queue; when the broker is down the row is failed at once (never pending
    forever) and the caller gets AntreanTidakTersedia to tell the user (issue 8: Redis unavailable)."""
    try:
        task.delay(job.pk)
    except Exception as exc:
        log.exception("job %s could not be queued", job.pk)
        job_fail(job.pk, message=str(ANTREAN_TIDAK_TERSEDIA), error=repr(exc))
        raise AntreanTidakTersedia from exc


def job_create(*, user, kind: str, title: str, task, params: dict | None = None, pemda=None) -> Job:
    """Record a job and send its Celery task once the surrounding transaction commits.

    Raises AntreanTidakTersedia (at once, or when the caller's transaction commits) if the queue
    is down; the row is then already FAILED with that message.
    """
    job = Job.objects.create(
        kind=kind, title=title, params=params or {}, created_by=user, pemda=pemda or getattr(user, "pemda", None)
    )
    transaction.on_commit(lambda: _job_send(job, task))
    return job


def job_start(job_id: int, *, total: int = 0, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, started=timezone.now(), total=total, done=0, message=message
    )


def _progress_key(job: Job) -> str:
    # the creation time makes the key unique even where ids restart (a recreated test database)
    return f"job:{job.pk}:{job.created.timestamp()}:done"


def job_progress(job: Job, *, done: int, message: str | None = None) -> None:
    """Report progress. Inside a transaction (an all-or-nothing import) the row's UPDATE would stay
    invisible until commit, so the count also goes to the shared cache, which the page reads."""
    cache.set(_progress_key(job), done, timeout=6 * 3600)
    cache.set(_detak_key(job), timezone.now().timestamp(), timeout=6 * 3600)  # "still moving" (rerun)
    if transaction.get_connection().in_atomic_block:
        return
    fields = {"done": done}
    if message is not None:
        fields["message"] = message
    Job.objects.filter(pk=job.pk).update(**fields)


def job_done_count(job: Job) -> int:
    """How far a job is: the row, or the cache while its transaction is still open."""
    if job.is_finished:
        return job.done
    return max(job.done, cache.get(_progress_key(job)) or 0)


def job_finish(job_id: int, *, message: str = "", result: dict | None = None, file_name: str = "") -> None:
    fields = {"status": Job.Status.DONE, "finished": timezone.now(), "message": message, "done": F("total")}
    if result is not None:
        fields["result"] = result
    if file_name:
        fields["file"] = file_name
    Job.objects.filter(pk=job_id).update(**fields)


def job_fail(job_id: int, *, message: str, error: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, finished=timezone.now(), message=message, error=error
    )


def _zona(job: Job) -> str | None:
    """The job runs in its pemda's time zone (Pemda.zona_waktu), else its maker's pemda's, as the
    request that started it did; None: settings.TIME_ZONE."""
    for pemda in (job.pemda, getattr(job.created_by, "pemda", None)):
        if getattr(pemda, "zona_waktu", None):
            return zona(pemda)
    return None


def job_run(job_id: int, body: Callable[[Job], None]) -> None:
    """Run a job body; an unexpected error marks the job failed with a message a clerk can act on."""
    job = Job.objects.select_related("pemda", "created_by__pemda").get(pk=job_id)
    try:
        with timezone.override(_zona(job)):
            body(job)
    except Exception as exc:  # the row must never stay "running" forever
        log.exception("job %s failed", job_id)
        job_fail(
            job_id, message=_("Terjadi gangguan saat memproses. Silakan coba lagi atau hubungi admin."), error=repr(exc)
        )
        raise


def upload_store(nama: str, data: bytes) -> str:
    """Keep an uploaded file for the worker, under a random name outside any served folder."""
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else "bin"
    return default_storage.save(f"impor/{uuid.uuid4().hex}.{ext}", ContentFile(data))


# --- running a job again ("Jalankan ulang") ------------------------------------------------------

# kind → Celery task name, for the jobs that are safe to run again from their params (same inputs,
# same result; the result file is stored atomically). A kind missing here offers no rerun.
JOB_TASKS = {
    "uang_makan": "tpp.tasks.uang_makan_ekspor_task",
    "tpp_hitung": "tpp.tasks.tpp_hitung_task",
    "tpp_tutup": "tpp.tasks.tpp_tutup_task",
    "tpp_rekap_bulanan": "tpp.tasks.tpp_rekap_bulanan_task",
    "tpp_rekap_triwulan": "tpp.tasks.tpp_rekap_triwulan_task",
    "bkn_ekspor": "skp.tasks.bkn_ekspor_task",
    "bkn_kirim": "skp.tasks.bkn_push_task",  # sends only what BKN has not accepted yet
}


def _detak_key(job: Job) -> str:
    return f"job:{job.pk}:{job.created.timestamp()}:detak"


def job_macet(job: Job) -> bool:
    """A waiting or running job whose progress has not moved for settings.JOB_MACET_MENIT minutes
    (default 10): its worker most likely died (a killed process never marks its job failed)."""
    if job.status not in (Job.Status.PENDING, Job.Status.RUNNING):
        return False
    moved = [job.created, job.started]
    detak = cache.get(_detak_key(job))
    if detak is not None:
        moved.append(datetime.fromtimestamp(detak, tz=UTC))
    menit = getattr(settings, "JOB_MACET_MENIT", 10)
    return timezone.now() - max(t for t in moved if t is not None) >= timedelta(minutes=menit)


def job_boleh_diulang(job: Job) -> bool:
    return job.kind in JOB_TASKS and (job.status == Job.Status.FAILED or job_macet(job))


def job_rerun(job: Job, *, user) -> Job:
    """A new job with the same kind, title and params (the old row stays as it was, a stuck one is
    marked failed so it no longer looks alive). Raises ValidationError when the job may not be rerun."""
    from celery import current_app

    if not job_boleh_diulang(job):
        raise ValidationError(
            _("Pekerjaan ini hanya dapat dijalankan ulang jika gagal atau sudah lama tidak bergerak."),
            code="tidak_boleh_diulang",
        )
    baru = job_create(
        user=user,
        kind=job.kind,
        title=job.title,
        task=current_app.tasks[JOB_TASKS[job.kind]],
        params=job.params,
        pemda=job.pemda,
    )
    if job.status != Job.Status.FAILED:
        Job.objects.filter(pk=job.pk, status__in=(Job.Status.PENDING, Job.Status.RUNNING)).update(
            status=Job.Status.FAILED,
            finished=timezone.now(),
            message=_("Terhenti tanpa kabar; dijalankan ulang sebagai pekerjaan #%(n)d.") % {"n": baru.pk},
        )
    return baru
