"""The HR page "Ekspor BKN" (issue 19): the period's standing with BKN, the export job and its log,
the download, and "Kirim ke BKN" with its report (the push runs against the local fake BKN)."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.jobs import JOB_TASKS
from core.models import Job
from skp.bkn_jobs import KIND_EKSPOR, KIND_KIRIM
from skp.models import BknEkspor, BknKirim
from skp.tasks import bkn_ekspor_task, bkn_push_task

from .bkn_seed import seed_quarter
from .test_bkn_push import FIXTURE, fake_bkn  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

TW1 = {"tahun": "2026", "periode": "TRIWULAN-1"}


def _hr(client, cast):
    client.force_login(cast.hr)
    return client


def _text(response, testid):
    html = response.content.decode()
    start = html.index(f'data-testid="{testid}"')
    return html[html.index(">", start) + 1 : html.index("<", start)].strip()


def test_the_page_counts_the_period_and_lists_each_failure_with_its_reason(client, cast):
    seeded = seed_quarter(cast)
    BknKirim.objects.create(pemda=cast.pemda, penilaian=seeded["kasubag"], status="TERKIRIM", percobaan=1)
    BknKirim.objects.create(pemda=cast.pemda, penilaian=seeded["staf"], percobaan=2, pesan="HTTP 500: Internal error")
    r = _hr(client, cast).get(reverse("skp:bkn"), TW1 | {"opd": cast.dinas.pk})
    assert r.status_code == 200
    counts = [_text(r, t) for t in ("bkn-jumlah", "bkn-terkirim", "bkn-gagal", "bkn-belum")]
    assert counts == ["2", "1", "1", "0"]
    assert "199004042015032004): HTTP 500: Internal error" in r.content.decode()

    r = client.get(reverse("skp:bkn"), TW1)  # every OPD: the badan's rated pegawai is not sent yet
    assert [_text(r, t) for t in ("bkn-jumlah", "bkn-terkirim", "bkn-gagal", "bkn-belum")] == ["3", "1", "1", "1"]
    r = client.get(reverse("skp:bkn"), {"tahun": "2026", "periode": "TAHUNAN-1"})
    assert [_text(r, t) for t in ("bkn-jumlah", "bkn-belum")] == ["1", "1"]


def test_an_export_runs_as_a_job_is_logged_and_downloads_the_zip(client, cast):
    seed_quarter(cast)
    r = _hr(client, cast).post(reverse("skp:bkn_ekspor"), TW1 | {"opd": cast.dinas.pk})
    job = Job.objects.get(kind=KIND_EKSPOR)
    assert r.status_code == 302 and r.url == reverse("job_detail", args=[job.pk])
    assert (job.params["jenis"], job.params["ke"], job.params["opd"]) == ("TRIWULAN", 1, cast.dinas.pk)
    assert job.params["kembali"].startswith(reverse("skp:bkn"))
    bkn_ekspor_task.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result == {"jumlah": 2}

    ekspor = BknEkspor.objects.get()
    assert (ekspor.opd, ekspor.jumlah, ekspor.dibuat_oleh, ekspor.jenis, ekspor.ke) == (
        cast.dinas, 2, cast.hr, "TRIWULAN", 1,
    )  # fmt: skip
    page = client.get(reverse("skp:bkn"))
    assert f'data-testid="ekspor-{ekspor.pk}"' in page.content.decode()
    assert "Triwulan 1 2026" in page.content.decode()

    r = client.get(reverse("skp:bkn_unduh", args=[ekspor.pk]))
    assert r.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content)))
    dasar = f"kinerjaperiodik-2026-triwulan-1-opd{cast.dinas.pk}"
    assert json.loads(z.read(f"{dasar}.json")) == json.loads(FIXTURE.read_text())
    assert len([n for n in z.namelist() if n.startswith("pdf/")]) == 2


def test_a_bad_period_starts_nothing(client, cast):
    r = _hr(client, cast).post(reverse("skp:bkn_ekspor"), {"tahun": "2026", "periode": "TRIWULAN-9"})
    assert r.status_code == 302 and r.url.startswith(reverse("skp:bkn"))
    assert not Job.objects.exists()
    r = client.post(reverse("skp:bkn_kirim"), TW1 | {"opd": 999999})  # no OPD of the pemda
    assert r.status_code == 302 and not Job.objects.exists()


def test_kirim_ke_bkn_reports_sent_failed_with_reason_and_already_sent(client, cast, fake_bkn):  # noqa: F811
    seed_quarter(cast)
    cast.pegawai.__class__.objects.filter(pk=cast.pegawai.pk).update(siasn_id="")
    r = _hr(client, cast).post(reverse("skp:bkn_kirim"), TW1 | {"opd": cast.dinas.pk})
    job = Job.objects.get(kind=KIND_KIRIM)
    assert r.status_code == 302 and r.url == reverse("job_detail", args=[job.pk])
    bkn_push_task.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.message == "Terkirim 1, gagal 1, sudah terkirim sebelumnya 0."
    assert job.result["errors"] == ["199004042015032004: ID SIASN pegawai belum diisi"]
    detail = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "199004042015032004: ID SIASN pegawai belum diisi" in detail

    page = client.get(reverse("skp:bkn"), TW1 | {"opd": cast.dinas.pk})
    assert [_text(page, t) for t in ("bkn-terkirim", "bkn-gagal", "bkn-belum")] == ["1", "1", "0"]
    assert reverse("job_detail", args=[job.pk]) in page.content.decode()  # the last pushes are listed

    client.post(reverse("skp:bkn_kirim"), TW1 | {"opd": cast.dinas.pk})
    again = Job.objects.filter(kind=KIND_KIRIM).latest("pk")
    bkn_push_task.apply(args=[again.pk])
    again.refresh_from_db()
    assert again.message == "Terkirim 0, gagal 1, sudah terkirim sebelumnya 1."
    assert len(fake_bkn.requests) == 1  # the accepted record never goes twice


def test_a_colleagues_push_is_reported_without_a_link_to_a_job_page_they_cannot_open(client, cast):
    from tests.factories import UserFactory

    lain = UserFactory(username="hr.lain", role=cast.hr.role, pemda=cast.pemda)
    job = Job.objects.create(kind=KIND_KIRIM, title="Kirim", pemda=cast.pemda, created_by=lain, message="Terkirim 3")
    html = _hr(client, cast).get(reverse("skp:bkn")).content.decode()
    assert "Terkirim 3" in html and reverse("job_detail", args=[job.pk]) not in html
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 404


def test_both_jobs_may_be_run_again(cast):
    assert JOB_TASKS[KIND_EKSPOR] == bkn_ekspor_task.name
    assert JOB_TASKS[KIND_KIRIM] == bkn_push_task.name


def test_the_page_costs_the_same_queries_with_one_or_many_rows(client, cast):
    seeded = seed_quarter(cast)
    _hr(client, cast)
    BknEkspor.objects.create(pemda=cast.pemda, tahun=2026, jenis="TRIWULAN", ke=1, jumlah=2, dibuat_oleh=cast.hr)
    BknKirim.objects.create(pemda=cast.pemda, penilaian=seeded["staf"], pesan="x")
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("skp:bkn"), TW1)
    for _ in range(8):
        BknEkspor.objects.create(pemda=cast.pemda, tahun=2026, jenis="TRIWULAN", ke=1, jumlah=2, dibuat_oleh=cast.hr)
    BknKirim.objects.create(pemda=cast.pemda, penilaian=seeded["kasubag"], pesan="y")
    BknKirim.objects.create(pemda=cast.pemda, penilaian=seeded["lain"], pesan="z")
    for _ in range(3):
        Job.objects.create(kind=KIND_KIRIM, title="t", pemda=cast.pemda, created_by=cast.hr)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("skp:bkn"), TW1)
    assert len(large) == len(small)
