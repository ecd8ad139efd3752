"""Benchmark the "Perlu verifikasi" queue with 500 waiting entries (issue 4, Performance: ≤ 100 ms).

    createdb -h 127.0.0.1 -U postgres ekinerja_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ekinerja_bench \\
         .venv/bin/python bench/queue.py [--runs 50] [--bulk]

It migrates the scratch database named by DATABASE_URL, builds there (once; later runs reuse it) a
pemda "BENCH-ANTREAN" with one atasan and 20 bawahan holding 500 SUBMITTED entries over 5 days, then
renders the queue through Django's test Client (force_login, DEBUG off so no query log slows it)
and prints the median and p95 server time and the number of queries. `--bulk` also times one
"Verifikasi" of all 500 at once, inside a transaction that is rolled back. It writes to the
database: never point it at one with real data. Not a test; the query bound is asserted in
tests/activities/test_views_antrean.py.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from datetime import time as jam
from pathlib import Path

# This file is named queue.py: drop its folder from the path, or it would shadow the standard `queue`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")
os.environ["DEBUG"] = "0"  # production settings: templates cached, no query log
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.choices import Eselon, JenisJabatan, JenisUnit, StatusPegawai  # noqa: E402
from accounts.models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User  # noqa: E402
from accounts.rules import build_nip  # noqa: E402
from activities.choices import Status  # noqa: E402
from activities.models import Aktivitas  # noqa: E402

KODE = "BENCH-ANTREAN"
BAWAHAN = 20
PER_ORANG = 25  # 5 days × 5 entries → 500
START = date(2020, 1, 1)


def _pegawai(pemda, i: int, nama: str, jabatan: Jabatan, *, user: bool = False) -> Pegawai:
    nip = build_nip(
        tanggal_lahir=date(1970, 1, 1) + timedelta(days=i),
        jenis_kelamin="L" if i % 2 else "P",
        nomor_urut=900 + i,
        tmt_cpns=date(2005, 1 + i % 12, 1),
    )
    account = User.objects.create(username=f"bench.{i}", pemda=pemda) if user else None
    p = Pegawai.objects.create(
        pemda=pemda,
        user=account,
        nip=nip,
        nama=nama,
        jenis_kelamin="L" if i % 2 else "P",
        tanggal_lahir=date(1970, 1, 1) + timedelta(days=i),
        status=StatusPegawai.PNS,
        golongan="III/a",
        opd=jabatan.opd,
    )
    Penempatan.objects.create(pemda=pemda, pegawai=p, jabatan=jabatan, mulai=START)
    return p


@transaction.atomic
def build() -> Pegawai:
    """One OPD: kepala → kepala bidang (the atasan) → 20 staff, each with 25 waiting entries."""
    pemda = Pemda.objects.create(nama="Pemerintah Kota Bench Antrean", jenis="KOTA", kode=KODE)
    opd = UnitKerja.objects.create(pemda=pemda, nama="Dinas Bench", jenis=JenisUnit.PERANGKAT_DAERAH)
    opd.opd = opd
    opd.save(update_fields=["opd"])
    bidang = UnitKerja.objects.create(pemda=pemda, parent=opd, opd=opd, nama="Bidang Bench", jenis=JenisUnit.BIDANG)
    j_kepala = Jabatan.objects.create(
        pemda=pemda, unit=opd, opd=opd, nama="Kepala Dinas", jenis=JenisJabatan.JPT, eselon=Eselon.II_B, kelas=14
    )
    j_kabid = Jabatan.objects.create(
        pemda=pemda,
        unit=bidang,
        opd=opd,
        parent=j_kepala,
        nama="Kepala Bidang",
        jenis=JenisJabatan.ADMINISTRATOR,
        eselon=Eselon.III_B,
        kelas=11,
    )
    kepala = _pegawai(pemda, 0, "Kepala Bench", j_kepala, user=True)
    atasan = _pegawai(pemda, 1, "Atasan Bench", j_kabid, user=True)
    now = timezone.now()
    entries = []
    for n in range(BAWAHAN):
        j = Jabatan.objects.create(
            pemda=pemda,
            unit=bidang,
            opd=opd,
            parent=j_kabid,
            nama=f"Pelaksana {n}",
            jenis=JenisJabatan.PELAKSANA,
            kelas=7,
        )
        staf = _pegawai(pemda, 2 + n, f"Staf Bench {n:02d}", j)
        for k in range(PER_ORANG):
            day, slot = divmod(k, 5)
            entries.append(
                Aktivitas(
                    pemda=pemda,
                    pegawai=staf,
                    tanggal=timezone.localdate() - timedelta(days=day),
                    jam_mulai=jam(8 + slot),
                    jam_selesai=jam(9 + slot),
                    nama_kegiatan=f"Kegiatan {k} dengan nama yang agak panjang seperti biasanya",
                    uraian="Hasil kegiatan: notulen, daftar hadir dan dokumentasi.\nBaris kedua uraian.",
                    menit_diajukan=60,
                    menit=60,
                    bukti_link="https://drive.example.go.id/folder/bukti" if k % 3 == 0 else "",
                    status=Status.SUBMITTED,
                    verifikator=atasan,
                    validator=kepala,
                    diajukan_pada=now,
                )
            )
    Aktivitas.objects.bulk_create(entries)
    return atasan


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--bulk", action="store_true", help="also time verifying all 500 at once (rolled back)")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    atasan = Pegawai.objects.filter(pemda__kode=KODE, nama="Atasan Bench").first() or build()
    waiting = Aktivitas.objects.filter(verifikator=atasan, status=Status.SUBMITTED).count()
    print(f"database {connection.settings_dict['NAME']}: {waiting} entries wait for {atasan.nama}")

    client = Client()
    client.force_login(atasan.user)
    url = reverse("aktivitas:antrean_verifikasi")
    for _ in range(3):  # warm up: templates compiled, connection open
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    n_queries = len(queries)  # read now: the next request clears the connection's query log
    shown = response.content.decode().count('name="ids"')
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    print(
        f"queue: {shown} entries shown, {len(response.content) // 1024} KiB of HTML, {n_queries} queries; "
        f"{args.runs} runs: median {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
        f"min {min(times):.1f} ms (target ≤ 100 ms)"
    )

    if args.bulk:
        ids = list(Aktivitas.objects.filter(verifikator=atasan, status=Status.SUBMITTED).values_list("pk", flat=True))
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.post(reverse("aktivitas:tindakan_massal"), {"aksi": "verifikasi", "ids": ids})
                elapsed = (time.perf_counter() - t0) * 1000
            n_queries = len(queries)
            done = Aktivitas.objects.filter(pk__in=ids, status=Status.VERIFIED).count()
            transaction.set_rollback(True)
        print(f"bulk verify: {done} of {len(ids)} entries in {elapsed:.0f} ms, {n_queries} queries (rolled back)")


if __name__ == "__main__":
    # Plain static paths (no collectstatic manifest needed) and the test client's host.
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        ALLOWED_HOSTS=["testserver"],
    ):
        main()
