"""Failures survived (issue 8): Redis down degrades, the job queue down says so, PostgreSQL down gives 503.

Outages are real: Redis and PostgreSQL are pointed at closed ports on this machine (nothing listens
on 6390/6391), not mocked.
"""

import socket
import time

import pytest
from celery import Celery
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from core.jobs import AntreanTidakTersedia, job_create, job_done_count, job_progress
from core.middleware import GangguanMiddleware
from core.models import Job
from tests.factories import UserFactory

CLOSED_REDIS = "redis://127.0.0.1:6390/0"
CLOSED_PG_PORT = 6391

# A Celery app whose broker is the closed port: the settings' app keeps its pool (STACK.md: switching
# the broker at runtime fails), so the job under test is bound to this one instead.
# It takes the project's Celery settings (retry policies, timeouts) with only the URLs changed.
# Not the current app: collecting this module must not make every shared_task's .delay() in the
# same pytest process (a page that starts a job, a browser fixture) send to the closed port.
down = Celery("down", set_as_current=False)
down.config_from_object("django.conf:settings", namespace="CELERY")
down.conf.update(broker_url=CLOSED_REDIS, result_backend=CLOSED_REDIS, task_always_eager=False)


@down.task(name="tests.outage_noop")
def noop(job_id: int) -> None:  # never runs: the broker cannot be reached
    raise AssertionError("unreachable")


def _closed(port: int) -> None:
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} must be closed for this test"


@pytest.fixture
def redis_down(settings):
    _closed(6390)
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": CLOSED_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }


def test_with_redis_down_pages_still_work_and_progress_falls_back_to_the_row(client, cast, redis_down):
    user = cast.pegawai.user
    job = Job.objects.create(kind="t", title="Rekap", created_by=user, total=4, done=2, status=Job.Status.RUNNING)
    job_progress(job, done=3)  # inside a transaction only the cache would get it: dropped, no error
    assert job_done_count(job) == 2  # the cache read is a miss: the row's count
    client.force_login(user)
    for url in (reverse("beranda"), reverse("aktivitas:hari_ini"), reverse("job_detail", args=[job.pk])):
        assert client.get(url).status_code == 200, url
    assert "2 dari 4" in client.get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()


@pytest.mark.django_db(transaction=True)
def test_starting_a_job_with_the_queue_down_fails_the_row_and_says_so():
    _closed(6390)
    user = UserFactory()
    started = time.monotonic()
    with pytest.raises(AntreanTidakTersedia) as e:
        job_create(user=user, kind="t", title="Rekap", task=noop)
    assert time.monotonic() - started < 5  # the user is not kept waiting by reconnection attempts
    assert "Antrean pekerjaan latar belakang sedang tidak tersedia" in e.value.message
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.finished is not None  # not pending forever
    assert job.message.startswith("Antrean pekerjaan latar belakang sedang tidak tersedia")
    assert job.error  # the technical cause, for the admin


@pytest.mark.django_db(transaction=True)
def test_a_page_that_starts_a_job_sends_the_user_back_with_the_message(client, cast, monkeypatch):
    _closed(6390)
    monkeypatch.setattr("tpp.views.uang_makan_ekspor_task", noop)
    client.force_login(cast.hr)
    asal = reverse("tpp:uang_makan") + f"?bulan=2026-10&opd={cast.dinas.pk}"
    response = client.post(
        reverse("tpp:uang_makan_ekspor"), {"bulan": "2026-10", "opd": cast.dinas.pk}, HTTP_REFERER=asal
    )
    assert response.status_code == 302 and response["Location"] == asal
    page = client.get(asal).content.decode()
    assert "Antrean pekerjaan latar belakang sedang tidak tersedia" in page
    assert Job.objects.get().status == Job.Status.FAILED


@pytest.mark.django_db(transaction=True)
def test_with_postgresql_unreachable_a_friendly_503_then_recovery():
    _closed(CLOSED_PG_PORT)
    user = UserFactory()
    client = Client(raise_request_exception=False)
    client.force_login(user)
    assert client.get(reverse("beranda")).status_code == 200
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = CLOSED_PG_PORT
    try:
        down_page = client.get(reverse("beranda"))  # the session lookup (a middleware) meets the outage
        down_view = client.get(reverse("job_detail", args=[1]))
    finally:
        connection.settings_dict["PORT"] = real_port
    for response in (down_page, down_view):
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        html = response.content.decode()
        assert "Layanan sedang terganggu" in html and "Data yang sudah tersimpan tetap aman" in html
    # the server is back: the next request reconnects by itself
    assert client.get(reverse("beranda")).status_code == 200


def test_a_connection_lost_inside_a_view_gets_the_same_page(rf):
    """The middleware turns a database error raised by a view itself (not a middleware) into the 503 page."""
    request = rf.get("/")
    for error in (OperationalError("server closed the connection unexpectedly"), InterfaceError("closed")):
        response = GangguanMiddleware(lambda r: None).process_exception(request, error)
        assert response.status_code == 503 and response["Retry-After"] == "30"
    assert GangguanMiddleware(lambda r: None).process_exception(request, ValueError("x")) is None
