"""A large import runs in a real Celery worker with a progress bar, still all or nothing."""

import os
from datetime import date

import pytest
from django.urls import reverse

from accounts import imports
from accounts.models import Pegawai, Penempatan
from accounts.rules import build_nip
from core.models import Job
from tests.accounts.test_import import row, xlsx_file
from tests.helpers import celery_worker, wait_for_job

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)"),
    pytest.mark.django_db(transaction=True),
]
N = imports.INLINE_ROWS + 30


def _rows(bad_at: int | None = None) -> list[dict]:
    rows = []
    for n in range(1, N + 1):
        nip = build_nip(tanggal_lahir=date(1991, 4, 2), jenis_kelamin="P", nomor_urut=n, tmt_cpns=date(2016, 2, 1))
        rows.append(row(1, NIP=nip, Nama=f"Pegawai Besar {n}", **({"Golongan": "Z/9"} if n == bad_at else {})))
    return rows


def _run(client, cast, rows, settings, tmp_path) -> Job:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.admin_opd)
    with celery_worker():
        response = client.post(reverse("org:impor"), {"berkas": xlsx_file(rows)})
        job = Job.objects.get(kind="pegawai_import")
        assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[job.pk])
        wait_for_job(job)
    assert list(tmp_path.joinpath("impor").iterdir()) == []  # the upload is not kept
    return job


def test_a_large_file_imports_in_the_background(client, cast, settings, tmp_path):
    before = Pegawai.objects.count()
    job = _run(client, cast, _rows(), settings, tmp_path)
    assert job.status == Job.Status.DONE, job.error
    assert (job.total, job.done, job.result["dibuat"], job.result["errors"]) == (N, N, N, [])
    assert Pegawai.objects.count() == before + N
    assert Penempatan.objects.filter(pegawai__nama__startswith="Pegawai Besar", jabatan=cast.j_staf).count() == N
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert f"{N} pegawai berhasil diimpor" in page and reverse("org:impor") in page


def test_one_bad_row_in_a_large_file_imports_nothing(client, cast, settings, tmp_path):
    before = Pegawai.objects.count()
    job = _run(client, cast, _rows(bad_at=N - 3), settings, tmp_path)
    assert job.status == Job.Status.DONE and job.result["dibuat"] == 0
    assert len(job.result["errors"]) == 1 and job.result["errors"][0].startswith(f"Baris {N - 2}:")
    assert Pegawai.objects.count() == before
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Tidak ada data yang disimpan" in page and f"Baris {N - 2}" in page


def test_another_user_cannot_follow_the_job(client, cast, settings, tmp_path):
    job = _run(client, cast, _rows(), settings, tmp_path)
    client.force_login(cast.hr)
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 404
