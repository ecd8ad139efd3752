"""Writes to Job rows: create (and fire after commit), report progress, finish, fail.

A job's task fetches the row by id and calls a service that reports through `job_progress`;
the page polls `job_status` (htmx) and the bar moves. Progress is written with UPDATE so a
long-running job does not hold a transaction open.
"""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job

log = logging.getLogger(__name__)


def job_create(*, user, kind: str, title: str, task, params: dict | None = None, pemda=None) -> Job:
    """Record a job and send its Celery task once the surrounding transaction commits."""
    job = Job.objects.create(
        kind=kind, title=title, params=params or {}, created_by=user, pemda=pemda or getattr(user, "pemda", None)
    )
    transaction.on_commit(lambda: task.delay(job.pk))
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


def job_run(job_id: int, body: Callable[[Job], None]) -> None:
    """Run a job body; an unexpected error marks the job failed with a message a clerk can act on."""
    job = Job.objects.get(pk=job_id)
    try:
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
