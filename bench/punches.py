"""Benchmark the punch-file import (issue 5, Performance: 100,000 punches in ≤ 60 s).

    createdb -h 127.0.0.1 -U postgres ekinerja_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ekinerja_bench DEBUG=1 .venv/bin/python bench/punches.py

It migrates the scratch database named by DATABASE_URL, builds there (once; later runs reuse it) a
pemda "BENCH-ABSEN" with 5,000 pegawai, their postings and one PinMesin each (bulk_create), writes a
100,000-line ZKTeco ATTLOG (October 2026: 20 working days x 5,000 people, one punch a day), then
times `absen_impor` three ways: without the day recomputation, a re-upload of the same file (all
punches already stored), and with the recomputation (when attendance.services.hari exists). Each
timed import starts from no punches. It writes to the database: never point it at real data.
"""

import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

# bench/ holds queue.py, which would shadow the standard `queue`: drop bench/ from the path.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")
os.environ["DEBUG"] = "0"  # no query log
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from accounts.choices import JenisJabatan, JenisPenempatan, JenisUnit, Role, StatusPegawai  # noqa: E402
from accounts.models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User  # noqa: E402
from attendance.models import Absen, HariPresensi, ImporAbsen, PinMesin  # noqa: E402
from attendance.services import absen_simpan as svc  # noqa: E402
from core.indeks import indeks_isi  # noqa: E402

N_PEGAWAI = 5000
KODE = "BENCH-ABSEN"


@transaction.atomic
def build() -> User:
    pemda, created = Pemda.objects.get_or_create(kode=KODE, defaults={"nama": "Pemda Bench Absen", "jenis": "KAB"})
    hr, _ = User.objects.get_or_create(username="bench.absen.hr", defaults={"role": Role.HR_PEMDA, "pemda": pemda})
    if Pegawai.objects.filter(pemda=pemda).count() >= N_PEGAWAI:
        return hr
    opd = UnitKerja.objects.create(pemda=pemda, nama="Dinas Bench Absen", jenis=JenisUnit.PERANGKAT_DAERAH)
    opd.opd = opd
    opd.save(update_fields=["opd"])
    jabatan = Jabatan.objects.create(
        pemda=pemda, unit=opd, opd=opd, nama="Pelaksana", jenis=JenisJabatan.PELAKSANA, kelas=7
    )
    born = [date(1970, 1, 1) + timedelta(i) for i in range(N_PEGAWAI)]  # distinct birth dates: unique NIPs
    people = Pegawai.objects.bulk_create(
        [
            Pegawai(
                pemda=pemda,
                opd=opd,
                nip=f"{b:%Y%m%d}2005011001",
                nama=f"Pegawai Bench {i:04d}",
                jenis_kelamin="L",
                tanggal_lahir=b,
                status=StatusPegawai.PNS,
                golongan="III/a",
            )
            for i, b in enumerate(born)
        ],
        batch_size=2000,
    )
    indeks_isi(Pegawai)  # the installation's NIP index (a bulk insert sends no signal)
    Penempatan.objects.bulk_create(
        [
            Penempatan(pemda=pemda, pegawai=p, jabatan=jabatan, jenis=JenisPenempatan.DEFINITIF, mulai=date(2020, 1, 1))
            for p in people
        ],
        batch_size=2000,
    )
    PinMesin.objects.bulk_create(
        [PinMesin(pemda=pemda, mesin="", pin=str(10000 + i), pegawai=p) for i, p in enumerate(people)], batch_size=2000
    )
    return hr


def attlog() -> bytes:
    rnd = random.Random(5)
    days = [date(2026, 10, 1) + timedelta(d) for d in range(31)]
    days = [d for d in days if d.weekday() < 5][:20]
    lines = []
    for k, day in enumerate(days):
        for i in range(N_PEGAWAI):
            hh, mm = (7, rnd.randrange(10, 59)) if (i + k) % 2 else (16, rnd.randrange(0, 59))
            lines.append(f"{10000 + i}\t{day:%Y-%m-%d} {hh:02d}:{mm:02d}:{rnd.randrange(60):02d}\t1\t0\t0")
    return ("\r\n".join(lines) + "\r\n").encode()


def clean(pemda_id: int) -> None:
    Absen.objects.filter(pemda_id=pemda_id).delete()
    ImporAbsen.objects.filter(pemda_id=pemda_id).delete()
    HariPresensi.objects.filter(pemda_id=pemda_id).delete()


def timed(label: str, hr: User, data: bytes) -> None:
    t = time.perf_counter()
    hasil = svc.absen_impor(actor=hr, nama_file="bench_attlog.dat", data=data)
    s = time.perf_counter() - t
    assert hasil.ok, hasil.errors[:5]
    print(f"{label:<42} {s:7.2f} s  {hasil.total / s:9,.0f} rows/s  baru={hasil.baru:,} sudah_ada={hasil.sudah_ada:,}")


def main() -> None:
    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    hr = build()
    print(f"setup (5,000 pegawai, postings, PINs)         {time.perf_counter() - t:7.2f} s")
    data = attlog()
    print(f"ATTLOG: {data.count(b'\n'):,} lines, {len(data) / 1024 / 1024:.1f} MB")
    t = time.perf_counter()
    punches, errors = svc.parse_berkas("bench_attlog.dat", data)
    print(f"{'parse only':<42} {time.perf_counter() - t:7.2f} s  ({len(punches):,} punches, {len(errors)} errors)")

    real_recompute = svc._recompute
    clean(hr.pemda_id)
    svc._recompute = lambda ranges: None
    try:
        timed("absen_impor, no day recomputation", hr, data)
        timed("re-upload (all already stored)", hr, data)
    finally:
        svc._recompute = real_recompute
    clean(hr.pemda_id)
    try:
        from attendance.services.hari import hari_recompute  # noqa: F401
    except ImportError:
        print("attendance.services.hari.hari_recompute not available: with-recompute run skipped")
        return
    timed("absen_impor + hari_recompute", hr, data)
    print(f"HariPresensi rows: {HariPresensi.objects.filter(pemda_id=hr.pemda_id).count():,}")


if __name__ == "__main__":
    main()
