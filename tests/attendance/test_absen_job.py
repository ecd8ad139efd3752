"""A large punch file is imported by a real Celery worker, with progress, all or nothing."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attendance.models import Absen, HariPresensi
from attendance.services import absen_simpan as svc
from core.models import Job
from tests.attendance.test_absen import FIXTURE, mapped  # noqa: F401 (fixture)
from tests.helpers import celery_worker, wait_for_job

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)"),
    pytest.mark.django_db(transaction=True),
]


def _upload(client, cast, data, settings, tmp_path, monkeypatch) -> Job:
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(svc, "INLINE_BARIS", 10)  # the real fixture (a week) counts as "large"
    client.force_login(cast.hr)
    with celery_worker():
        response = client.post(reverse("presensi:impor"), {"berkas": SimpleUploadedFile("1_attlog.dat", data)})
        job = Job.objects.get(kind="absen_impor")
        assert response["Location"] == reverse("job_detail", args=[job.pk])
        wait_for_job(job)
    return job


def test_a_large_file_runs_in_the_background_and_fills_the_days(client, cast, mapped, settings, tmp_path, monkeypatch):  # noqa: F811
    job = _upload(client, cast, FIXTURE.read_bytes(), settings, tmp_path, monkeypatch)
    assert job.status == Job.Status.DONE, job.error
    stored = Absen.objects.count()
    assert stored > 0 and f"{stored} absen baru" in job.message
    assert HariPresensi.objects.filter(pegawai__in=mapped.values()).exists()
    assert not any(tmp_path.joinpath("impor").iterdir())


def test_a_large_file_with_a_bad_line_stores_nothing(client, cast, mapped, settings, tmp_path, monkeypatch):  # noqa: F811
    job = _upload(
        client, cast, FIXTURE.read_bytes() + b"99999\tbukan-tanggal\t1\t0\t0\n", settings, tmp_path, monkeypatch
    )
    assert job.status == Job.Status.DONE and "Tidak ada data yang disimpan" in job.message
    assert Absen.objects.count() == 0 and job.result["errors"]
