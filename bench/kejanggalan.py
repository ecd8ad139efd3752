"""Benchmark the anomaly check of the 10,000-employee month (issue 18).

    DEBUG=0 .venv/bin/python bench/kejanggalan.py [--reuse] [--runs 2] [--profile]

It uses its OWN database (default postgres://postgres@127.0.0.1:5432/ekinerja_bench_kejanggalan, or
--db URL; the name must contain "bench"): without --reuse it drops and recreates it and seeds it with
`bench/recap.py --seed-only` in a child process (the demo pemda of 10,000 pegawai, October 2026 with
about 220,000 attendance days and 900,000 activities), then makes the month look like real entries
(SQL): every result text drawn from a vocabulary (five words of 30 each, so texts repeat only by
chance), the OPDs' machine data received up to November (every October day final), and planted
anomalies: one pegawai in 50 writes the same first entry every day (repeated text, and by colleagues),
one in 100 attaches the same file on several days, one in 40 copies a day unchanged ("salin
kemarin"), one in 200 works outside the punches, some days of leave or absence come with entries,
and a few approvers approve in one-click batches while the others return some.

It then times `activities.kejanggalan.kejanggalan_periksa` for the month (the body of the beat task
`kejanggalan_periksa_task`, run here in this process as bench/recap.py runs the recap job), best of
--runs (the first run writes the flags, later runs rewrite them), printing the entries read, the flags
per kind, the seconds (wall, and the CPU time of this process) and the peak RSS. Target: well under
10 minutes on a 2-core machine. Not a test: it writes to its database.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/queue.py shadows `queue`
sys.path.insert(0, str(HERE.parent))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ekinerja_bench_kejanggalan"
TAHUN, BULAN = 2026, 10


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_KEJANGGALAN_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--reuse", action="store_true", help="keep the database seeded by an earlier run")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--profile", action="store_true", help="cProfile one run instead")
    return parser.parse_args()


ARGS = parse_args()
if "bench" not in (urlparse(ARGS.db).path or ""):
    sys.exit(f"refusing {ARGS.db}: the benchmark database's name must contain 'bench'")
os.environ["DATABASE_URL"] = ARGS.db
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-kejanggalan-"))

W1 = (
    "menyusun mengoreksi menyiapkan mengikuti memeriksa merekap mengarsipkan mengirim membahas menginput "
    "memverifikasi mendampingi melaporkan mengevaluasi memantau mencetak menelaah mengolah mengunggah "
    "menyampaikan merancang menata menyortir melayani menghitung mengecek memperbarui mendata menyusul menggandakan"
)
W2 = (
    "laporan notulen surat konsep daftar rekap bahan data berkas dokumen undangan telaahan kwitansi usulan "
    "rencana jadwal anggaran inventaris arsip naskah formulir lampiran paparan kajian disposisi agenda "
    "realisasi pertanggungjawaban register nota"
)
W3 = (
    "keuangan kepegawaian perencanaan umum sekolah puskesmas kendaraan aset barang jasa program kegiatan "
    "pelatihan sosialisasi pengadaan pemeliharaan gedung taman jaringan aplikasi server perjalanan rapat "
    "upacara apel monitoring evaluasi kinerja pelayanan pengaduan"
)
W4 = (
    "bidang seksi subbagian sekretariat kantor lapangan kecamatan kelurahan desa unit cabang wilayah "
    "pusat daerah dinas badan bagian instansi satuan balai gudang ruang aula lobi loket posko pos lab "
    "perpustakaan"
)
W5 = (
    "triwulan bulanan mingguan harian tahunan semester awal akhir lanjutan pertama kedua ketiga terbaru "
    "revisi final sementara lengkap ringkas rinci khusus umum rutin mendesak tertunda selesai diperbaiki "
    "disetujui dikirim diarsip"
)


def _arr(words: str) -> str:
    return "ARRAY[" + ",".join(f"'{w}'" for w in words.split()) + "]"


def _pick(words: str) -> str:
    n = len(words.split())
    return f"({_arr(words)})[1 + floor(random() * {n})::int]"


SQL_TEKS = f"""
UPDATE activities_aktivitas SET uraian = initcap({_pick(W1)}) || ' ' || {_pick(W2)} || ' ' || {_pick(W3)} || ' '
    || {_pick(W4)} || ' ' || {_pick(W5)} || '.'
WHERE pemda_id = %(pemda)s
"""
# one pegawai in 50: the same first entry every day (a daily routine written the same way)
SQL_RUTIN = """
UPDATE activities_aktivitas SET uraian = 'Apel pagi dan menyusun laporan harian kegiatan seksi.'
WHERE pemda_id = %(pemda)s AND pegawai_id %% 50 = 0 AND jam_mulai = time '07:30'
"""
# one pegawai in 100: the same file on their first entry of every Monday
SQL_BUKTI = """
UPDATE activities_aktivitas SET bukti_sha256 = md5(pegawai_id::text) || md5(pegawai_id::text)
WHERE pemda_id = %(pemda)s AND pegawai_id %% 100 = 1 AND jam_mulai = time '07:30' AND extract(isodow FROM tanggal) = 1
"""
# one pegawai in 40: each day's entries copied from the day before, unchanged ("salin kemarin")
SQL_SALIN = """
UPDATE activities_aktivitas a SET disalin_dari_id = s.id, uraian = s.uraian
FROM activities_aktivitas s
WHERE a.pemda_id = %(pemda)s AND a.pegawai_id %% 40 = 3 AND s.pegawai_id = a.pegawai_id
  AND s.tanggal = a.tanggal - 1 AND s.jam_mulai = a.jam_mulai
"""
# one pegawai in 200 left at 14.00 on Tuesdays, their entries run on
SQL_PULANG = """
UPDATE attendance_haripresensi SET jam_pulang = time '14:00'
WHERE pemda_id = %(pemda)s AND pegawai_id %% 200 = 7 AND jam_pulang IS NOT NULL AND extract(isodow FROM tanggal) = 2
"""
# leave and absence: entries on some such days (the seed only writes entries on days present)
SQL_CUTI = """
UPDATE attendance_haripresensi SET status = CASE WHEN pegawai_id %% 2 = 0 THEN 'CUTI' ELSE 'TANPA_KETERANGAN' END,
    jam_masuk = NULL, jam_pulang = NULL
WHERE pemda_id = %(pemda)s AND pegawai_id %% 300 IN (11, 12) AND tanggal = date '2026-10-07'
"""
SQL_CAKUPAN = """
INSERT INTO attendance_cakupanabsen (pemda_id, opd_id, sampai, diperbarui)
SELECT %(pemda)s, u.id, timestamptz '2026-11-02 08:00+08', now() FROM accounts_unitkerja u
WHERE u.pemda_id = %(pemda)s AND u.parent_id IS NULL
ON CONFLICT (opd_id, pemda_id) DO UPDATE SET sampai = excluded.sampai
"""
# approvals: every approver's moves of the month, a few (approver id % 9 = 0) in one-click batches
# without returns, the others one by one with a return in 25
SQL_LOG = """
INSERT INTO activities_aktivitaslog (pemda_id, aktivitas_id, dari, ke, oleh_id, peran, catatan, waktu)
SELECT a.pemda_id, a.id, 'SUBMITTED',
    CASE WHEN atas.id %% 9 <> 0 AND a.id %% 25 = 0 THEN 'RETURNED' ELSE 'VERIFIED' END,
    u.id, 'ATASAN', '',
    a.tanggal + time '17:00' + CASE WHEN atas.id %% 9 = 0
        THEN make_interval(secs => 0.2 * row_number() OVER (PARTITION BY atas.id, a.tanggal ORDER BY a.id))
        ELSE make_interval(secs => 40 * row_number() OVER (PARTITION BY atas.id, a.tanggal ORDER BY a.id)) END
FROM activities_aktivitas a
JOIN accounts_penempatan pn ON pn.pegawai_id = a.pegawai_id AND pn.jenis = 'DEFINITIF' AND pn.selesai IS NULL
JOIN accounts_jabatan j ON j.id = pn.jabatan_id
JOIN accounts_penempatan atas ON atas.jabatan_id = j.parent_id AND atas.selesai IS NULL AND atas.jenis = 'DEFINITIF'
JOIN accounts_pegawai ap ON ap.id = atas.pegawai_id
JOIN accounts_user u ON u.id = ap.user_id
WHERE a.pemda_id = %(pemda)s AND a.status <> 'SUBMITTED'
"""


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


def seed() -> None:
    """The recap bench's month (child process), then the texts, the attendance finality and the anomalies."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "recap.py"), "--seed-only", "--db", ARGS.db], check=True)
    import django

    django.setup()
    from django.db import connection, transaction

    from accounts.models import Pemda

    params = {"pemda": Pemda.objects.get(kode="7173").pk}
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT setseed(0.18)")
        for label, sql in [
            ("varied texts", SQL_TEKS), ("a daily routine text", SQL_RUTIN), ("reused evidence", SQL_BUKTI),
            ("unchanged copies", SQL_SALIN), ("early check-outs", SQL_PULANG), ("leave and absence", SQL_CUTI),
            ("machine data received", SQL_CAKUPAN), ("approval log", SQL_LOG),
        ]:  # fmt: skip
            t = time.perf_counter()
            cur.execute(sql, params)
            print(f"  {label:<40} {time.perf_counter() - t:6.1f} s  {cur.rowcount:>9,} rows", flush=True)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    print(f"seeded in {time.perf_counter() - t0:.1f} s", flush=True)


def main() -> None:
    import django

    django.setup()
    from django.db import connection

    from accounts.models import Pemda
    from activities.kejanggalan import kejanggalan_periksa

    pemda = Pemda.objects.get(kode="7173")
    print(f"database {connection.settings_dict['NAME']}; month {BULAN:02d}/{TAHUN}", flush=True)

    def run():
        return kejanggalan_periksa(pemda_id=pemda.pk, tahun=TAHUN, bulan=BULAN)

    if ARGS.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        run()
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return
    runs = []
    for i in range(ARGS.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        hasil = run()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
        print(
            f"run {i + 1}: {runs[-1][0]:.1f} s (CPU of this process {runs[-1][1]:.1f} s); "
            f"added {hasil['baru']:,}, updated {hasil['diubah']:,}, deleted {hasil['dihapus']:,}",
            flush=True,
        )
    print(f"entries read: {hasil['aktivitas']:,}; evidence files hashed: {hasil['hash']}")
    for jenis, n in hasil["kejanggalan"].items():
        print(f"  {jenis:<16} {n:>9,}")
    print(f"flags in all: {sum(hasil['kejanggalan'].values()):,}")
    print(f"approvers: {hasil['penyetuju']:,}, flagged as rubber-stamping: {hasil['penyetuju_ditandai']:,}")
    best = min(r[0] for r in runs)
    print(f"best {best:.1f} s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    if not ARGS.reuse or not database_exists():
        print(f"(re)creating {ARGS.db} and seeding it …", flush=True)
        recreate_database()
        seed()
    main()
