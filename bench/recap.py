"""Benchmark the TPP month of a 10,000-employee pemda (issue 6, Performance).

    DEBUG=0 .venv/bin/python bench/recap.py [--reuse] [--runs 3] [--profile calc|recap]

It uses its OWN database (default postgres://postgres@127.0.0.1:5432/ekinerja_bench_recap, or
--db URL; the name must contain "bench"): without --reuse it drops and recreates it, migrates and
seeds it in a child process (so the seeding's memory is not counted), with --reuse it keeps a
database seeded earlier. The seed is the demo pemda of `seed_demo --employees 10000` (OPDs, units,
jabatan with kelas, definitive postings, a Plt and a mid-month mutasi), a TPP rule set with an
amount per kelas (and one OPD override), and October 2026 filled with SQL (INSERT … SELECT over
generate_series): about 220,000 HariPresensi rows (present, late/early-leave bands, absent without
reason, days of approved requests), some Kejadian, approved Permohonan, about 900,000 Aktivitas
(mostly VALIDATED), Tunggakan and HukumanDisiplin rows. October 2026 lies before "today", so
every day of it counts.

It then times, best of --runs (floor and calc interleaved), in this process, printing beside each
wall time the CPU time this process spent (the machine is shared: the CPU time is what the step
costs when other work inflates the wall time):
1. floor: one hand-written SQL statement computing every employee's month (validated minutes,
   working days, bands, days without reason, capaian and a rupiah figure);
2. calc: `tpp.calculation.hitung_bulan` for everyone (inputs read, every component computed);
3. recap: the monthly recap job end to end, `tpp.recap.rekap_bulanan_job` (recalculation and rows
   saved through `tpp.services.tpp_periode_hitung`, the recap read, the xlsx written); until that
   job exists, `tpp_periode_hitung` alone, and the output says the xlsx step is missing;
and prints the ratio calc/floor, the peak RSS of this process and the number of queries of the
calculation for 100 and for 10,000 employees (they must be equal). Targets on a 2-core machine:
calc ≤ 3 × floor, recap ≤ 15 s, peak RSS ≤ 400 MB. `--profile calc|recap` prints a cProfile of
one run of that step instead. Not a test: it writes to its database.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

# bench/ holds queue.py, which would shadow the standard `queue`: drop bench/ from the path.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ekinerja_bench_recap"
N_PEGAWAI = 10_000
TAHUN, BULAN = 2026, 10
START, END = date(2026, 10, 1), date(2026, 10, 31)
# Amounts per kelas (rupiah), below the Kepmendagri 900-4700/2020 ceilings.
BESARAN = {
    1: 1_800_000, 2: 1_950_000, 3: 2_100_000, 4: 2_300_000, 5: 2_700_000, 6: 3_100_000, 7: 3_600_000,
    8: 4_200_000, 9: 5_000_000, 10: 5_800_000, 11: 6_700_000, 12: 8_200_000, 13: 10_000_000,
    14: 11_500_000, 15: 14_000_000, 16: 17_000_000, 17: 20_000_000,
}  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_RECAP_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--reuse", action="store_true", help="keep the database seeded by an earlier run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", choices=["calc", "recap"], help="cProfile one run of that step instead")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)  # the child process
    return parser.parse_args()


def configure(db: str) -> None:
    """The environment of this process: its own database, DEBUG off (no query log)."""
    if "bench" not in (urlparse(db).path or ""):
        sys.exit(f"refusing {db}: the benchmark database's name must contain 'bench'")
    os.environ["DATABASE_URL"] = db  # never the dev or test database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")
    os.environ["DEBUG"] = "0"  # no query log
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-recap-"))  # the job's xlsx files


# Imported by bench/tenants.py for its seeding steps: only as a script does it read its arguments.
ARGS = parse_args() if __name__ == "__main__" else None
if ARGS is not None:
    configure(ARGS.db)


def recreate_database() -> None:
    import psycopg

    name = urlparse(ARGS.db).path.lstrip("/")
    admin = urlparse(ARGS.db)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_exists() -> bool:
    import psycopg

    try:
        psycopg.connect(ARGS.db).close()
    except psycopg.OperationalError:
        return False
    return True


import django  # noqa: E402

# --- seeding (child process) --------------------------------------------------------------------

SQL_HARI = """
INSERT INTO attendance_haripresensi (pemda_id, pegawai_id, tanggal, status, jam_masuk, jam_pulang,
    menit_terlambat, menit_pulang_cepat, band_tl, band_psw, manual, alasan_koreksi, dihitung)
SELECT pemda_id, pegawai_id, tanggal, status,
    CASE WHEN status <> 'TANPA_KETERANGAN' THEN time '07:25' + make_interval(mins => telat) END,
    CASE WHEN status <> 'TANPA_KETERANGAN' THEN time '16:05' - make_interval(mins => cepat) END,
    CASE WHEN status <> 'TANPA_KETERANGAN' THEN greatest(telat - 5, 0) END,
    CASE WHEN status <> 'TANPA_KETERANGAN' THEN greatest(cepat - 5, 0) END,
    CASE WHEN telat <= 5 OR status = 'TANPA_KETERANGAN' THEN '' WHEN telat <= 35 THEN 'TL1'
         WHEN telat <= 65 THEN 'TL2' WHEN telat <= 95 THEN 'TL3' ELSE 'TL4' END,
    CASE WHEN cepat <= 5 OR status = 'TANPA_KETERANGAN' THEN '' WHEN cepat <= 35 THEN 'PSW1'
         WHEN cepat <= 65 THEN 'PSW2' WHEN cepat <= 95 THEN 'PSW3' ELSE 'PSW4' END,
    false, '', now()
FROM (
    SELECT *, CASE WHEN r < 0.012 THEN 'TANPA_KETERANGAN' WHEN r < 0.14 THEN 'TERLAMBAT' ELSE 'HADIR' END AS status,
        CASE WHEN r >= 0.012 AND r < 0.11 THEN 6 + floor(r2 * r2 * 120)::int ELSE 0 END AS telat,
        CASE WHEN r >= 0.11 AND r < 0.14 THEN 6 + floor(r2 * r2 * 100)::int ELSE 0 END AS cepat
    FROM (
        SELECT p.pemda_id, p.id AS pegawai_id, t::date AS tanggal, random() AS r, random() AS r2
        FROM accounts_pegawai p CROSS JOIN generate_series(%(start)s::date, %(end)s::date, interval '1 day') t
        WHERE p.pemda_id = %(pemda)s AND extract(isodow FROM t) < 6
    ) d
) s
"""

# (jenis, status of its days, pegawai_id % m = k, first day, last day)
PERMOHONAN = [
    ("CUTI_TAHUNAN", "CUTI", 40, 0, "2026-10-12", "2026-10-14"),
    ("CUTI_TAHUNAN", "CUTI", 45, 1, "2026-10-26", "2026-10-30"),
    ("SAKIT", "SAKIT", 97, 2, "2026-10-20", "2026-10-21"),
    ("CUTI_SAKIT", "SAKIT", 400, 3, "2026-10-05", "2026-10-16"),
    ("IZIN", "IZIN", 151, 4, "2026-10-08", "2026-10-08"),
    ("DINAS_LUAR", "DINAS_LUAR", 60, 5, "2026-10-19", "2026-10-23"),
    ("CUTI_MELAHIRKAN", "CUTI", 900, 6, "2026-09-01", "2026-11-30"),
    ("CUTI_BESAR", "CUTI", 2000, 7, "2026-10-01", "2026-10-31"),
    ("CLTN", "CUTI", 3000, 8, "2026-10-15", "2026-12-31"),
]
SQL_PERMOHONAN = """
INSERT INTO attendance_permohonan (pemda_id, pegawai_id, jenis, mulai, selesai, alasan, lampiran, status,
    hari_kerja, catatan, dibuat, diputus)
SELECT p.pemda_id, p.id, %(jenis)s, %(mulai)s::date, %(selesai)s::date, 'Keperluan keluarga', '', 'DISETUJUI',
    (SELECT count(*) FROM generate_series(%(mulai)s::date, %(selesai)s::date, interval '1 day') t
     WHERE extract(isodow FROM t) < 6), '', now(), now()
FROM accounts_pegawai p WHERE p.pemda_id = %(pemda)s AND p.id %% %(m)s = %(k)s
"""
SQL_HARI_PERMOHONAN = """
UPDATE attendance_haripresensi h SET status = %(status)s, jam_masuk = NULL, jam_pulang = NULL,
    menit_terlambat = NULL, menit_pulang_cepat = NULL, band_tl = '', band_psw = ''
FROM attendance_permohonan i
WHERE i.pemda_id = %(pemda)s AND i.jenis = %(jenis)s AND i.pegawai_id = h.pegawai_id
  AND h.tanggal BETWEEN i.mulai AND i.selesai
"""
SQL_KEJADIAN = """
INSERT INTO attendance_kejadian (pemda_id, pegawai_id, tanggal, jenis, catatan)
SELECT h.pemda_id, h.pegawai_id, h.tanggal,
    CASE WHEN h.tanggal = date '2026-10-01' THEN 'TIDAK_UPACARA'
         WHEN extract(isodow FROM h.tanggal) = 1 THEN 'TIDAK_APEL' ELSE 'TIDAK_SENAM' END, ''
FROM attendance_haripresensi h
WHERE h.pemda_id = %(pemda)s AND h.status IN ('HADIR', 'TERLAMBAT')
  AND ((h.tanggal = date '2026-10-01' AND random() < 0.05)
       OR (extract(isodow FROM h.tanggal) = 1 AND random() < 0.03)
       OR (extract(isodow FROM h.tanggal) = 5 AND random() < 0.02))
"""
SQL_AKTIVITAS = """
INSERT INTO activities_aktivitas (pemda_id, pegawai_id, tanggal, jam_mulai, jam_selesai, nama_kegiatan, uraian,
    menit_diajukan, menit, bukti_file, bukti_link, status, catatan, diajukan_pada, diverifikasi_pada,
    divalidasi_pada, dibuat, diubah, bukti_sha256)
SELECT pemda_id, pegawai_id, tanggal, mulai, mulai + make_interval(mins => menit),
    'Menyusun bahan rapat koordinasi bidang ' || k, 'Notulen dan daftar hadir rapat; bahan paparan.',
    menit, menit, '', CASE WHEN k = 1 THEN 'https://drive.example.go.id/bukti' ELSE '' END, status, '',
    ts, CASE WHEN status <> 'SUBMITTED' THEN ts END, CASE WHEN status = 'VALIDATED' THEN ts END, ts, ts, ''
FROM (
    SELECT h.pemda_id, h.pegawai_id, h.tanggal, k,
        time '07:30' + make_interval(mins => (k - 1) * 100) AS mulai,
        40 + floor(random() * 60)::int AS menit,
        CASE WHEN r < 0.92 THEN 'VALIDATED' WHEN r < 0.96 THEN 'VERIFIED' ELSE 'SUBMITTED' END AS status,
        h.tanggal + time '17:00' AS ts
    FROM (
        SELECT *, random() AS n FROM attendance_haripresensi
        WHERE pemda_id = %(pemda)s AND status IN ('HADIR', 'TERLAMBAT', 'DINAS_LUAR')
    ) h
    CROSS JOIN LATERAL generate_series(1, CASE WHEN h.pegawai_id %% 10 = 0 THEN 1 + floor(h.n * 2)::int
                                               ELSE 3 + floor(h.n * 3.9)::int END) k
    CROSS JOIN LATERAL (SELECT random() + k * 0 AS r) rr
) a
"""
SQL_TUNGGAKAN = """
INSERT INTO activities_tunggakan (pemda_id, atasan_id, aktivitas_id, peran, tahun, bulan, batas, dicatat)
SELECT DISTINCT ON (a.id) a.pemda_id, atas.pegawai_id, a.id, 'ATASAN', 2026, 10, a.tanggal + 7, now()
FROM activities_aktivitas a
JOIN accounts_penempatan pn ON pn.pegawai_id = a.pegawai_id AND pn.jenis = 'DEFINITIF' AND pn.selesai IS NULL
JOIN accounts_jabatan j ON j.id = pn.jabatan_id
JOIN accounts_penempatan atas ON atas.jabatan_id = j.parent_id AND atas.selesai IS NULL
WHERE a.pemda_id = %(pemda)s AND a.status = 'SUBMITTED' AND a.id %% 20 = 0 AND a.tanggal < date '2026-10-20'
ORDER BY a.id, atas.id
"""
SQL_HUKDIS = """
INSERT INTO tpp_hukumandisiplin (pemda_id, pegawai_id, jenis, persen, mulai, selesai, nomor_sk, catatan, dibuat)
SELECT p.pemda_id, p.id, 'POTONG_TUKIN_25_6', 25, date '2026-08-01', date '2027-01-31', '800/' || p.id || '/BKPSDM',
    '', now()
FROM accounts_pegawai p WHERE p.pemda_id = %(pemda)s AND p.id %% 500 = 9
"""


def seed() -> None:
    from django.core.management import call_command

    from accounts import demo

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  migrate                                  {time.perf_counter() - t0:6.1f} s", flush=True)
    t = time.perf_counter()
    result = demo.seed_demo(employees=N_PEGAWAI, today=date(2026, 10, 5))  # mutasi on 16 October
    print(f"  demo pemda ({result.employees:,} pegawai, {result.units} units)  {time.perf_counter() - t:6.1f} s")
    seed_month(result.pemda)
    vacuum_analyze()
    print(f"seeded in {time.perf_counter() - t0:.1f} s")


def seed_month(pemda, *, verbose: bool = True) -> dict[str, int]:
    """The TPP rule sets and October 2026 of one pemda's pegawai (SQL); rows written per step."""
    from django.db import connection, transaction

    from accounts.models import UnitKerja
    from tpp.models import AturanTpp
    from tpp.rules import POTONGAN_DISIPLIN

    params = {"pemda": pemda.pk, "start": START, "end": END}
    written: dict[str, int] = {}
    with transaction.atomic():
        AturanTpp.objects.create(
            pemda=pemda,
            berlaku_mulai=date(2026, 1, 1),
            besaran_kelas={str(k): v for k, v in BESARAN.items()},
            tabel_potongan={k: str(v) for k, v in POTONGAN_DISIPLIN.items()} | {"TIDAK_SENAM": "1"},
            catatan="Perkada TPP 2026 (bench)",
        )
        rsud = UnitKerja.objects.filter(pemda=pemda, parent__isnull=True, nama__icontains="rumah sakit").first()
        if rsud:
            AturanTpp.objects.create(
                pemda=pemda,
                opd=rsud,
                berlaku_mulai=date(2026, 7, 1),
                besaran_kelas={str(k): v + 500_000 for k, v in BESARAN.items()},
                catatan="RSUD: tambahan kelangkaan profesi (bench)",
            )
        with connection.cursor() as cur:
            steps = [("HariPresensi", SQL_HARI, params)]
            for jenis, status, m, k, mulai, selesai in PERMOHONAN:
                p = params | {"jenis": jenis, "status": status, "m": m, "k": k, "mulai": mulai, "selesai": selesai}
                steps += [("Permohonan " + jenis, SQL_PERMOHONAN, p), ("  their days", SQL_HARI_PERMOHONAN, p)]
            steps += [
                ("Kejadian", SQL_KEJADIAN, params),
                ("Aktivitas", SQL_AKTIVITAS, params),
                ("Tunggakan", SQL_TUNGGAKAN, params),
                ("HukumanDisiplin", SQL_HUKDIS, params),
            ]
            cur.execute("SELECT setseed(0.26)")
            for label, sql, p in steps:
                t = time.perf_counter()
                cur.execute(sql, p)
                written[label] = written.get(label, 0) + cur.rowcount
                if verbose:
                    print(f"  {label:<40} {time.perf_counter() - t:6.1f} s  {cur.rowcount:>9,} rows", flush=True)
    return written


def vacuum_analyze() -> None:
    from django.db import connection

    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    print(f"  VACUUM ANALYZE                           {time.perf_counter() - t:6.1f} s")


# --- timing (this process) ------------------------------------------------------------------------

SQL_FLOOR = """
WITH pos AS (
    SELECT DISTINCT ON (pn.pegawai_id) pn.pegawai_id, j.kelas
    FROM accounts_penempatan pn JOIN accounts_jabatan j ON j.id = pn.jabatan_id
    WHERE pn.pemda_id = %(pemda)s AND pn.mulai <= %(end)s AND (pn.selesai IS NULL OR pn.selesai >= %(start)s)
    ORDER BY pn.pegawai_id, pn.jenis <> 'DEFINITIF', pn.mulai DESC, pn.id DESC
), menit AS (
    SELECT pegawai_id, sum(menit) AS m FROM activities_aktivitas
    WHERE pemda_id = %(pemda)s AND tanggal BETWEEN %(start)s AND %(end)s AND status = 'VALIDATED'
    GROUP BY pegawai_id
), hari AS (
    SELECT pegawai_id,
        count(*) FILTER (WHERE status <> 'LIBUR') AS hk,
        count(*) FILTER (WHERE status = 'TANPA_KETERANGAN') AS tk,
        count(*) FILTER (WHERE band_tl = 'TL1') AS tl1, count(*) FILTER (WHERE band_tl = 'TL2') AS tl2,
        count(*) FILTER (WHERE band_tl = 'TL3') AS tl3, count(*) FILTER (WHERE band_tl = 'TL4') AS tl4,
        count(*) FILTER (WHERE band_psw = 'PSW1') AS psw1, count(*) FILTER (WHERE band_psw = 'PSW2') AS psw2,
        count(*) FILTER (WHERE band_psw = 'PSW3') AS psw3, count(*) FILTER (WHERE band_psw = 'PSW4') AS psw4,
        coalesce(sum(menit_terlambat), 0) + coalesce(sum(menit_pulang_cepat), 0) AS telat
    FROM attendance_haripresensi
    WHERE pemda_id = %(pemda)s AND tanggal BETWEEN %(start)s AND %(end)s
    GROUP BY pegawai_id
), f AS (
    SELECT pos.pegawai_id, pos.kelas, coalesce(hari.hk, 0) AS hk, coalesce(menit.m, 0) AS m, hari.tk,
        hari.tl1, hari.tl2, hari.tl3, hari.tl4, hari.psw1, hari.psw2, hari.psw3, hari.psw4,
        least(1, greatest(0, least(coalesce(menit.m, 0), 300 * hari.hk - 300 * hari.tk - hari.telat))::numeric
                 / nullif(300 * hari.hk, 0)) AS capaian,
        least(100, 0.5 * (tl1 + psw1) + (tl2 + psw2) + 1.25 * (tl3 + psw3) + 1.5 * (tl4 + psw4) + 3 * tk) AS potongan
    FROM pos LEFT JOIN menit USING (pegawai_id) LEFT JOIN hari USING (pegawai_id)
)
SELECT f.pegawai_id, f.hk, f.m, f.tk, f.tl1, f.tl2, f.tl3, f.tl4, f.psw1, f.psw2, f.psw3, f.psw4, f.capaian,
    round((a.besaran_kelas ->> f.kelas::text)::numeric
          * (0.6 * coalesce(f.capaian, 0) + 0.4 * (100 - coalesce(f.potongan, 0)) / 100)) AS rupiah
FROM f CROSS JOIN (SELECT besaran_kelas FROM tpp_aturantpp WHERE id = %(aturan)s) a
"""


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed(fn) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of this process, what the step returned)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def report(label: str, runs: list[tuple[float, float, str]]) -> float:
    """Print the best of the runs (wall), with the CPU time this process spent in it: the machine is
    shared, and the CPU time shows what the step costs when the wall time is inflated by a busy host."""
    wall = min(r[0] for r in runs)
    cpu = min(r[1] for r in runs)
    print(
        f"{label:<44} best {wall:6.2f} s  (runs: {', '.join(f'{r[0]:.2f}' for r in runs)}; "
        f"Python CPU {cpu:.2f} s; {runs[-1][2]})",
        flush=True,
    )
    return wall


def recap_job():
    """The monthly recap job body (tpp.recap.rekap_bulanan_job) once it exists, else None."""
    try:
        from tpp.recap import KIND_BULANAN, rekap_bulanan_job
    except ImportError:
        return None
    return KIND_BULANAN, rekap_bulanan_job


def main() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Pegawai, Pemda, User
    from activities.models import Aktivitas
    from attendance.models import HariPresensi
    from core.models import Job
    from tpp.calculation import aturan_bulan, hitung_bulan
    from tpp.models import BarisTpp
    from tpp.services import periode_ambil, tpp_periode_hitung

    pemda = Pemda.objects.get(kode="7173")
    hr = User.objects.get(username="hr")
    ids = sorted(Pegawai.objects.filter(pemda=pemda).values_list("pk", flat=True))
    print(
        f"database {connection.settings_dict['NAME']}: {len(ids):,} pegawai, "
        f"{Aktivitas.objects.filter(pemda=pemda).count():,} aktivitas, "
        f"{HariPresensi.objects.filter(pemda=pemda).count():,} hari presensi; month {BULAN:02d}/{TAHUN}"
    )
    aturan = aturan_bulan(pemda_id=pemda.pk, tahun=TAHUN, bulan=BULAN)
    params = {"pemda": pemda.pk, "start": START, "end": END, "aturan": aturan.pemda.pk}

    def floor():
        with connection.cursor() as cur:
            cur.execute(SQL_FLOOR, params)
            rows = cur.fetchall()
        return f"{len(rows):,} rows"

    def calc():
        return f"{len(hitung_bulan(aturan=aturan, pemda_id=pemda.pk, tahun=TAHUN, bulan=BULAN)):,} employees"

    periode = periode_ambil(pemda_id=pemda.pk, tahun=TAHUN, bulan=BULAN)
    job_body = recap_job()

    def recap():
        periode.refresh_from_db()
        if job_body is None:  # until the recap job exists: the calculation and the rows saved
            return f"{tpp_periode_hitung(actor=hr, periode=periode):,} rows saved"
        kind, body = job_body
        job = Job.objects.create(
            pemda=pemda, kind=kind, title="bench", params={"periode": periode.pk, "opd": None}, created_by=hr
        )
        body(job.pk)  # recalculates (the month is not closed), saves the rows, writes the xlsx
        job.refresh_from_db()
        assert job.status == Job.Status.DONE, (job.status, job.error)
        return f"{job.result.get('pegawai', 0):,} rows, xlsx {job.file.size / 1024:.0f} KiB"

    if ARGS.profile:
        import cProfile
        import pstats

        fn = {"calc": calc, "recap": recap}[ARGS.profile]
        fn()  # warm
        prof = cProfile.Profile()
        prof.enable()
        fn()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return

    timed(floor), timed(calc)  # warm: connection, caches, the rows of the month in shared buffers
    floors, calcs = [], []
    for _ in range(ARGS.runs):  # interleaved, so that a burst of load elsewhere hits both
        floors.append(timed(floor))
        calcs.append(timed(calc))
    t_floor = report("1. floor: one SQL statement", floors)
    t_calc = report("2. calc: hitung_bulan (all employees)", calcs)
    label = "3. recap: rekap_bulanan_job (rows + xlsx)" if job_body else "3. recap: tpp_periode_hitung (NO xlsx!)"
    t_recap = report(label, [timed(recap) for _ in range(ARGS.runs)])
    rows = BarisTpp.objects.filter(periode=periode).count()

    counts = {}
    for size in (100, len(ids)):
        with CaptureQueriesContext(connection) as q:
            hitung_bulan(aturan=aturan, pemda_id=pemda.pk, tahun=TAHUN, bulan=BULAN, pegawai_ids=ids[:size])
        counts[size] = len(q)
    print()
    print(f"calc / floor = {t_calc / t_floor:.1f}×  (target ≤ 3×)")
    print(f"recap        = {t_recap:.2f} s  (target ≤ 15 s){'' if job_body else '  — xlsx step MISSING: not timed'}")
    print(f"peak RSS     = {rss_mb():.0f} MB  (target ≤ 400 MB)")
    print(f"queries of the calculation: {counts}  ({'equal' if len(set(counts.values())) == 1 else 'NOT EQUAL'})")
    print(f"BarisTpp rows of the month: {rows:,}")


if __name__ == "__main__":
    if ARGS.seed_only:
        django.setup()
        seed()
        sys.exit(0)
    if not ARGS.reuse or not database_exists():
        print(f"(re)creating {ARGS.db} and seeding it in a child process …", flush=True)
        recreate_database()
        subprocess.run([sys.executable, __file__, "--seed-only", "--db", ARGS.db], check=True)
    django.setup()
    main()
