"""Background jobs: a real worker moves the progress that the page polls."""

import os

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from core.jobs import job_create, job_done_count, job_finish, job_progress, job_run, job_start
from core.models import Job
from ekinerja.celery import app
from tests.factories import UserFactory
from tests.helpers import celery_worker, wait_for_job


@app.task(name="tests.count_to")
def count_to(job_id: int) -> None:
    def body(job):
        n = job.params["n"]
        job_start(job_id, total=n, message="menghitung")
        for i in range(n):
            job_progress(job, done=i + 1)
        if job.params.get("boom"):
            raise RuntimeError("boom")
        job_finish(job_id, message="selesai", result={"n": n})

    job_run(job_id, body)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")
@pytest.mark.django_db(transaction=True)
def test_a_job_is_sent_after_commit_and_a_real_worker_finishes_it():
    user = UserFactory()
    with celery_worker():
        with transaction.atomic():
            job = job_create(user=user, kind="test", title="Hitung", task=count_to, params={"n": 5})
        wait_for_job(job)
    assert (job.status, job.done, job.total, job.result) == (Job.Status.DONE, 5, 5, {"n": 5})
    assert job.started is not None and job.finished >= job.started


def test_a_failing_job_is_marked_failed_not_left_running(db):
    job = Job.objects.create(kind="test", title="Hitung", created_by=UserFactory(), params={"n": 2, "boom": True})
    with pytest.raises(RuntimeError):
        count_to(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished and "gangguan" in job.message and "boom" in job.error


def test_the_progress_page_and_its_htmx_partial(client, db):
    user = UserFactory()
    job = Job.objects.create(kind="test", title="Rekap TPP", created_by=user, total=4, done=1, status="RUNNING")
    job_progress(job, done=1)
    client.force_login(user)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "<h1" in page and "Rekap TPP" in page and 'hx-trigger="every 1s"' in page
    partial = client.get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<h1" not in partial and "1 dari 4 (25%)" in partial
    job.status, job.done = Job.Status.DONE, 4
    job.save()
    partial = client.get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial and "4 dari 4 (100%)" in partial


def test_only_the_owner_sees_a_job_and_its_file(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner, other = UserFactory(), UserFactory()
    job = Job.objects.create(kind="test", title="Rekap", created_by=owner, status=Job.Status.DONE)
    job.file.save("rekap.xlsx", ContentFile(b"PK-data"))
    client.force_login(other)
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404
    client.force_login(owner)
    response = client.get(reverse("job_download", args=[job.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK-data"
    assert "attachment" in response["Content-Disposition"]
    client.logout()
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 302


def test_progress_inside_a_transaction_reaches_the_page_through_the_cache(client, db):
    # an all-or-nothing import writes inside one transaction; its progress must still show
    user = UserFactory()
    job = Job.objects.create(kind="test", title="Impor", created_by=user, total=10, status="RUNNING")
    with transaction.atomic():
        job_progress(job, done=7)
    job.refresh_from_db()
    assert job.done == 0
    assert job_done_count(job) == 7
    client.force_login(user)
    partial = client.get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "7 dari 10 (70%)" in partial


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")
@pytest.mark.django_db(transaction=True)
def test_a_task_an_earlier_run_left_behind_never_reaches_this_runs_worker(worker_id):
    """Redis outlives a test run; the test database does not. A task an earlier run left in its queue
    (sent with no worker running, or restored from a killed worker) names a job id that this run gives
    to another job: `make test` failed once in two runs when a stale recap task marked this job
    failed. Every run's pytest processes take from queues of their own (tests/conftest.py)."""
    user = UserFactory()
    job = Job.objects.create(kind="test", title="Hitung", created_by=user, params={"n": 3})
    earlier_run = f"ekinerja-test-{worker_id}"  # the queue every run of this process used before
    with app.pool.acquire(block=True) as conn:
        conn.default_channel.queue_purge(earlier_run)  # what real earlier runs left there
    try:
        app.send_task("tpp.tasks.tpp_rekap_bulanan_task", args=(job.pk,), queue=earlier_run)
        count_to.delay(job.pk)
        with celery_worker():
            wait_for_job(job)
    finally:
        with app.pool.acquire(block=True) as conn:
            left = conn.default_channel.queue_purge(earlier_run)
    assert left == 1  # the stale task was not taken
    assert (job.status, job.result) == (Job.Status.DONE, {"n": 3})
