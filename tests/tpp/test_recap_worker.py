"""Recap jobs on real Celery workers: the xlsx a worker produces, and a worker killed mid-job.

Needs REDIS_URL (the broker) and PostgreSQL (a worker process must reach the test database).
"""

import os
import signal
import subprocess
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from core.models import Job
from ekinerja.celery import app
from tests.helpers import CELERY, celery_worker, on_this_clock, slow_progress, wait_for_job
from tests.tpp.test_recap import UANG, oktober  # noqa: F401 - the fixture
from tpp import recap
from tpp.models import BarisTpp

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _wait(job: Job, until, timeout: float = 60) -> Job:
    return wait_for_job(job, until, timeout=timeout)


def _totals(job: Job) -> list:
    """The pemda totals line of the summary sheet, and each OPD sheet's totals line."""
    with job.file.open("rb") as f:
        wb = load_workbook(BytesIO(f.read()), read_only=True)
    out = []
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(min_row=6, values_only=True))
        out.append(next(r for r in rows if r[0] is None))
    return out


def _start(user, periode) -> Job:
    with transaction.atomic():
        return recap.rekap_bulanan_mulai(user=user, periode=periode)


def test_a_real_worker_produces_the_monthly_xlsx(cast, oktober):  # noqa: F811
    with celery_worker():
        job = _wait(_start(cast.hr, oktober), lambda j: j.is_finished)
    assert job.status == Job.Status.DONE, job.error
    sums = BarisTpp.objects.filter(periode=oktober).aggregate(**{k: Sum(k) for k in UANG})
    summary = _totals(job)[0]
    assert summary[1] == "Jumlah" and summary[2] == 6
    assert list(summary[4:11]) == [sums[k] for k in UANG]
    assert job.result["neto"] == sums["neto"] and (job.done, job.total) == (6, 6)


def _worker(queue: str, log: Path, slow: float = 0) -> subprocess.Popen:
    """`celery -A ekinerja worker` as its own process (and process group) on the test database."""
    db = connection.settings_dict
    url = f"postgres://{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    environment = os.environ | {"DATABASE_URL": url, "MEDIA_ROOT": str(django_settings.MEDIA_ROOT)}
    # the worker shares this test's pinned clock (tests/conftest.py), ticking on from this moment:
    # on the real clock its "last moved" stamps would lie weeks away from the page that reads them
    code = (slow_progress(slow) if slow else "") + CELERY
    cmd = [*on_this_clock(code), "-A", "ekinerja", "worker", "-P", "solo", "-Q", queue, "-l", "warning",
           "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
    with log.open("ab") as out:
        return subprocess.Popen(
            cmd, cwd=django_settings.BASE_DIR, env=environment, stdout=out, stderr=out, start_new_session=True
        )


def _stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=15)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a worker process needs a shared database")
def test_a_worker_killed_mid_job_leaves_no_file_and_the_rerun_gives_the_clean_figures(
    cast,
    oktober,  # noqa: F811
    client,
    settings,
    request,
    tmp_path,  # noqa: F811
):
    # the reference: a clean run in this process
    clean = Job.objects.create(
        kind=recap.KIND_BULANAN, title="Rekap", created_by=cast.hr, params={"periode": oktober.pk, "opd": None}
    )
    recap.rekap_bulanan_job(clean.pk)
    clean.refresh_from_db()
    expected = _totals(clean)
    (tmp_path / "jobs").rename(tmp_path / "clean")  # the jobs folder starts empty for the killed run

    # this pytest process's own queue (tests/conftest.py); changing the app's default queue here would
    # leave later in-thread workers of the session listening elsewhere. Tasks that earlier tests
    # queued without a worker are dropped first, so the slow worker takes ours.
    queue = app.conf.task_default_queue
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)
    log = tmp_path / "worker.log"
    slow = _worker(queue, log, slow=1)  # one second per row written
    try:
        job = _start(cast.hr, oktober)
        _wait(job, lambda j: j.status == Job.Status.RUNNING and j.message == "Menyusun berkas xlsx" and j.done >= 2)
        _stop(slow, signal.SIGKILL)
    finally:
        _stop(slow, signal.SIGKILL)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and 2 <= job.done < job.total == 6
    assert not job.file  # no file offered
    client.force_login(cast.hr)
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404
    assert [p for p in tmp_path.glob("jobs/**/*") if p.is_file()] == []  # no half file anywhere
    assert [p for p in tmp_path.glob(".tmp/*")] == []

    # the job page offers "Jalankan ulang" once it has not moved for the configured time
    settings.JOB_MACET_MENIT = 0
    assert "Jalankan ulang" in client.get(reverse("job_detail", args=[job.pk])).content.decode()
    response = client.post(reverse("job_ulang", args=[job.pk]))
    rerun = Job.objects.exclude(pk__in=[job.pk, clean.pk]).get()
    assert response["Location"] == reverse("job_detail", args=[rerun.pk])
    fresh = _worker(queue, log)
    try:
        _wait(rerun, lambda j: j.is_finished)
    finally:
        _stop(fresh)
    assert rerun.status == Job.Status.DONE, (rerun.error, log.read_text()[-2000:])
    assert _totals(rerun) == expected
    assert rerun.result == clean.result
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and f"#{rerun.pk}" in job.message
    assert [p.name for p in tmp_path.glob("jobs/**/*.xlsx")] == [Path(rerun.file.name).name]
