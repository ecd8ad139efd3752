"""Issue 18: the anomaly flags of a pemda-month (activities.kejanggalan) and the approvers' figures.

A seeded month of clean, varied entries with attendance gives no flag; each planted anomaly gives
exactly its (entry, kind) pairs; a dismissed flag stays; a flag whose cause is gone goes; the pemda's
dated thresholds count; the query count does not grow with the people; the beat task runs in a real
worker. The clock is pinned to TODAY (Wednesday 18 November 2026).
"""

import hashlib
import os
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import PeriodeTutup
from activities import rules_kejanggalan as rk
from activities import services
from activities.choices import JenisKejanggalan, Peran, Status
from activities.kejanggalan import bulan_terbuka, kejanggalan_periksa
from activities.models import Aktivitas, AktivitasLog, AturanAktivitas, Kejanggalan, RekapPersetujuan
from activities.tasks import kejanggalan_periksa_task
from attendance.choices import StatusHari
from attendance.models import CakupanAbsen, HariPresensi
from tests.factories import posted
from tests.helpers import TODAY, celery_worker

J = JenisKejanggalan
TAHUN, BULAN = TODAY.year, TODAY.month
HARI = [date(2026, 11, d) for d in range(1, 18) if date(2026, 11, d).weekday() < 5]  # before today
KATA = (
    "menyusun laporan rapat koordinasi surat masuk keluar arsip dokumen anggaran kegiatan pengadaan barang jasa "
    "verifikasi data pegawai notulen bahan paparan evaluasi program monitoring lapangan sekolah puskesmas aset "
    "inventaris kendaraan dinas perjalanan kwitansi pertanggungjawaban usulan rencana kerja tahunan renstra "
    "sosialisasi aplikasi jaringan server pemeliharaan gedung taman kebersihan undangan daftar hadir konsep "
    "telaahan staf disposisi pimpinan perbaikan draf peraturan bupati kajian naskah akademik rekap absensi"
).split()


def _at(d: date, t: time, detik: float = 0) -> datetime:
    return datetime.combine(d, t, tzinfo=ZoneInfo(settings.TIME_ZONE)) + timedelta(seconds=detik)


class Bulan:
    """A month of clean entries (2–3 a working day before today, varied texts, 08.00–15.00) with
    attendance (present 07.25–16.10, the OPD's machine data received up to today: every past day
    final) for `orang` people of the dinas and a few of the badan."""

    def __init__(self, cast, orang: int = 10):
        self.cast = cast
        rnd = random.Random(18)
        dinas = [cast.pegawai, cast.atasan] + [posted(cast.j_staf) for _ in range(orang - 2)]
        badan = [cast.pegawai_lain, posted(cast.j_badan_staf)]
        self.dinas, self.badan = dinas, badan
        entri, hari = [], []
        for p in dinas + badan:
            for d in HARI:
                hari.append(HariPresensi(pemda=cast.pemda, pegawai=p, tanggal=d, status=StatusHari.HADIR,
                                         jam_masuk=time(7, 25), jam_pulang=time(16, 10)))  # fmt: skip
                for k in range(2 + (p.pk + d.day) % 2):
                    teks = " ".join(rnd.choice(KATA) for _ in range(8)).capitalize() + "."
                    status = (Status.SUBMITTED, Status.VERIFIED, Status.VALIDATED)[(p.pk + d.day + k) % 3]
                    entri.append(self.baru(p, d, time(8 + 2 * k), time(9 + 2 * k), teks, status=status, simpan=False))
        Aktivitas.objects.bulk_create(entri)
        HariPresensi.objects.bulk_create(hari)
        for opd in (cast.dinas, cast.badan):
            CakupanAbsen.objects.create(pemda=cast.pemda, opd=opd, sampai=_at(TODAY, time(8)))
        # what must never count: a draft and a deleted entry, each on a day that would be flagged
        self.hari(dinas[0], HARI[0], StatusHari.TANPA_KETERANGAN)
        Aktivitas.objects.filter(pegawai=dinas[0], tanggal=HARI[0]).update(status=Status.DRAFT)
        self.hari(dinas[1], HARI[0], StatusHari.CUTI)
        Aktivitas.objects.filter(pegawai=dinas[1], tanggal=HARI[0]).update(dihapus=timezone.now())

    def baru(self, p, d, mulai, selesai, teks, *, status=Status.SUBMITTED, simpan=True, **over) -> Aktivitas:
        menit = (selesai.hour * 60 + selesai.minute) - (mulai.hour * 60 + mulai.minute)
        a = Aktivitas(pemda_id=p.pemda_id, pegawai=p, tanggal=d, jam_mulai=mulai, jam_selesai=selesai,
                      nama_kegiatan="Kegiatan", uraian=teks, menit_diajukan=menit, menit=menit, status=status,
                      **over)  # fmt: skip
        if simpan:
            a.save()
        return a

    def hari(self, p, d, status, masuk=None, pulang=None) -> None:
        HariPresensi.objects.filter(pegawai=p, tanggal=d).update(status=status, jam_masuk=masuk, jam_pulang=pulang)

    def pada(self, p, d) -> list[int]:
        return list(
            Aktivitas.objects.filter(pegawai=p, tanggal=d).exclude(status=Status.DRAFT).values_list("pk", flat=True)
        )


def _periksa(cast) -> dict:
    return kejanggalan_periksa(pemda_id=cast.pemda.pk, tahun=TAHUN, bulan=BULAN)


def _flags(**f) -> set[tuple[int, str]]:
    return set(Kejanggalan.objects.filter(**f).values_list("aktivitas_id", "jenis"))


def _tanam(b: Bulan) -> set[tuple[int, str]]:
    """Plant one of each anomaly (and a near miss beside most): the (entry, kind) pairs expected."""
    cast, d = b.cast, b.dinas
    harap: set[tuple[int, str]] = set()
    # the same text on 5 days (digits, punctuation and a typo do not make it new); 4 days: not yet
    ulang = "Menyusun laporan realisasi anggaran kegiatan bidang umum"
    varian = [ulang, ulang + " 2.", ulang.upper(), "Menyusun laporan realisasi anggaran kegiatan bidang umun", ulang]
    for i, t in enumerate(varian):
        harap.add((b.baru(d[2], HARI[i], time(15), time(15, 30), t).pk, J.TEKS_BERULANG))
    for i in range(4):
        b.baru(d[3], HARI[i], time(15), time(15, 30), "Mengoreksi daftar inventaris barang milik daerah")
    # three people of one OPD, the same text on different days; two of the dinas and one of the badan: not
    rekan = "Mengikuti sosialisasi aplikasi kepegawaian daerah"
    for i, p in enumerate(d[4:7]):
        harap.add((b.baru(p, HARI[5 + i], time(15), time(15, 30), rekan + "!").pk, J.TEKS_REKAN))
    for i, p in enumerate([d[7], d[8], b.badan[0]]):
        b.baru(p, HARI[5 + i], time(15), time(15, 30), "Menyiapkan bahan rapat evaluasi kinerja triwulan")
    # three people of the dinas on one day, nearly the same text
    for p, t in zip(d[4:7], ["Rapat persiapan upacara hari guru nasional", "Rapat persiapan upacara hari guru nasionl",
                             "rapat persiapan upacara hari guru nasional."], strict=True):  # fmt: skip
        harap.add((b.baru(p, HARI[9], time(15), time(15, 30), t).pk, J.TEKS_REKAN))
    # the same evidence file for two people; twice on one person's day only: not
    h = hashlib.sha256(b"notulen").hexdigest()
    for p in (d[0], d[1]):
        harap.add((b.baru(p, HARI[3], time(15), time(15, 30), "Bukti", bukti_sha256=h).pk, J.BUKTI_BERULANG))
    h2 = hashlib.sha256(b"foto").hexdigest()
    b.baru(d[3], HARI[6], time(15), time(15, 20), "Foto a", bukti_sha256=h2)
    b.baru(d[3], HARI[6], time(15, 20), time(15, 40), "Foto b", bukti_sha256=h2)
    # outside the punches (16.10 + 15 minutes' tolerance); just within: not
    harap.add((b.baru(d[5], HARI[2], time(17), time(18), "Lembur menyusun laporan").pk, J.DI_LUAR_JAM))
    b.baru(d[6], HARI[2], time(15, 50), time(16, 20), "Menutup arsip")
    # absent without explanation; on leave; sick (every entry of the day)
    b.hari(d[7], HARI[4], StatusHari.TANPA_KETERANGAN)
    harap |= {(pk, J.TIDAK_HADIR) for pk in b.pada(d[7], HARI[4])}
    b.hari(d[8], HARI[7], StatusHari.CUTI)
    harap |= {(pk, J.CUTI) for pk in b.pada(d[8], HARI[7])}
    b.hari(b.badan[1], HARI[8], StatusHari.SAKIT)
    harap |= {(pk, J.CUTI) for pk in b.pada(b.badan[1], HARI[8])}
    # 9 hours of entries on a Thursday (07.30–16.00 = 510 minutes), at the office 06.30–18.30
    kamis = HARI[8]
    assert kamis.weekday() == 3
    b.hari(d[9], kamis, StatusHari.HADIR, time(6, 30), time(18, 30))
    Aktivitas.objects.filter(pegawai=d[9], tanggal=kamis).delete()
    for jam in range(7, 16):
        harap.add(
            (b.baru(d[9], kamis, time(jam), time(jam + 1), f"Tugas {KATA[jam]} {KATA[jam + 9]}").pk, J.MELEBIHI_HARI)
        )
    # "salin kemarin": yesterday's entries of the pegawai copied to today and sent, one of them changed
    n = services.aktivitas_copy_day(actor=cast.pegawai.user, dari=HARI[-1], ke=TODAY)
    salinan = list(Aktivitas.objects.filter(pegawai=cast.pegawai, tanggal=TODAY).order_by("jam_mulai"))
    assert n == len(salinan) >= 2 and all(s.disalin_dari_id for s in salinan)
    assert {s.disalin_dari.uraian for s in salinan} == {s.uraian for s in salinan}
    Aktivitas.objects.filter(pk=salinan[0].pk).update(uraian=salinan[0].uraian + " Ditambah hasil baru.")
    Aktivitas.objects.filter(pk__in=[s.pk for s in salinan]).update(status=Status.SUBMITTED)
    harap |= {(s.pk, J.SALINAN) for s in salinan[1:]}
    return harap


# --- the pure rules ---------------------------------------------------------------------------------


def test_normalisasi_drops_case_digits_and_punctuation():
    assert rk.normalisasi("  Rapat 3, ruang-2!\n Notulen_x ") == "rapat ruang notulen x"


def test_similar_texts_are_grouped_by_ratio_and_length():
    teks = ["menyusun laporan keuangan bulanan", "menyusun laporan keuangan bulanin", "rapat", "rapat staf"]
    assert rk.tetangga_mirip(teks, 90) == [[0, 1], [0, 1], [2], [3]]
    assert rk.tetangga_mirip(teks, 100) == [[0], [1], [2], [3]]


def test_a_fast_batch_is_large_and_quick():
    t0 = _at(TODAY, time(9))
    cepat = [t0 + timedelta(seconds=i) for i in range(20)]  # 20 in 19 s: under 3 s each
    lambat = [t0 + timedelta(minutes=10, seconds=5 * i) for i in range(20)]  # 5 s each: one batch, slow
    assert rk.kelompok_kilat(cepat + lambat, min_aktivitas=20, detik_per_aktivitas=3) == (20, 1)
    assert rk.kelompok_kilat(cepat[:19], min_aktivitas=20, detik_per_aktivitas=3) == (0, 0)


def test_outside_the_punches_allows_the_tolerance():
    assert not rk.di_luar_jam(time(7, 15), time(8), time(7, 25), time(16))
    assert rk.di_luar_jam(time(7, 5), time(8), time(7, 25), time(16))
    assert rk.di_luar_jam(time(15), time(16, 20), time(7, 25), time(16))


# --- the month ----------------------------------------------------------------------------------------


def test_a_clean_month_has_no_flag(cast):
    Bulan(cast)
    hasil = _periksa(cast)
    assert hasil["aktivitas"] > 300
    assert hasil["kejanggalan"] == dict.fromkeys(J.values, 0)
    assert not Kejanggalan.objects.exists()


def test_each_planted_anomaly_and_only_it_is_flagged(cast):
    harap = _tanam(Bulan(cast))
    hasil = _periksa(cast)
    assert _flags() == harap
    assert hasil["baru"] == len(harap)
    assert sum(hasil["kejanggalan"].values()) == len(harap)
    k = Kejanggalan.objects.filter(jenis=J.MELEBIHI_HARI).first()
    assert k.penjelasan == "Aktivitas hari itu berjumlah 540 menit, melebihi 510 menit hari kerja."
    assert len(k.terkait) == 8 and k.aktivitas_id not in k.terkait
    assert Kejanggalan.objects.get(jenis=J.TEKS_BERULANG, aktivitas__tanggal=HARI[0]).penjelasan == (
        "Uraian yang sama atau hampir sama ditulis pegawai ini pada 5 hari bulan ini."
    )
    assert "17.00–18.00 di luar jam hadir 07.25–16.10" in Kejanggalan.objects.get(jenis=J.DI_LUAR_JAM).penjelasan
    assert {k.penjelasan for k in Kejanggalan.objects.filter(jenis=J.CUTI)} == {
        "Presensi hari itu tercatat cuti.", "Presensi hari itu tercatat sakit."
    }  # fmt: skip
    # a rerun changes nothing
    again = _periksa(cast)
    assert (again["baru"], again["diubah"], again["dihapus"]) == (0, 0, 0)
    assert _flags() == harap


def test_a_dismissed_flag_stays_and_a_flag_whose_cause_is_gone_goes(cast):
    b = Bulan(cast)
    harap = _tanam(b)
    _periksa(cast)
    cuti = set(Kejanggalan.objects.filter(jenis=J.CUTI, pegawai=b.dinas[8]).values_list("aktivitas_id", "jenis"))
    tidak_hadir = set(Kejanggalan.objects.filter(jenis=J.TIDAK_HADIR).values_list("aktivitas_id", "jenis"))
    assert len(cuti) >= 2 and len(tidak_hadir) >= 2
    abai = Kejanggalan.objects.filter(jenis=J.TIDAK_HADIR).first()
    Kejanggalan.objects.filter(pk=abai.pk).update(
        diabaikan=timezone.now(), diabaikan_oleh=cast.atasan.user, catatan_abai="Mesin absen rusak"
    )
    b.hari(b.dinas[7], HARI[4], StatusHari.HADIR, time(7, 25), time(16, 10))  # corrected: the cause is gone
    b.hari(b.dinas[8], HARI[7], StatusHari.HADIR, time(7, 25), time(16, 10))  # the leave was cancelled
    hasil = _periksa(cast)
    assert hasil["dihapus"] == len(cuti) + len(tidak_hadir) - 1
    tetap = Kejanggalan.objects.get(pk=abai.pk)  # dismissed: kept as the verifier left it
    assert (tetap.catatan_abai, tetap.diabaikan_oleh, tetap.penjelasan) == (
        "Mesin absen rusak", cast.atasan.user, abai.penjelasan
    )  # fmt: skip
    assert _flags() == (harap - cuti - tidak_hadir) | {(abai.aktivitas_id, J.TIDAK_HADIR)}


def test_a_new_rule_version_changes_the_threshold(cast):
    b = Bulan(cast)
    harap = _tanam(b)
    _periksa(cast)
    assert _flags() == harap
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=TODAY, teks_berulang_hari=4, catatan="Perbup")
    _periksa(cast)
    empat = set(
        Aktivitas.objects.filter(pegawai=b.dinas[3], uraian__startswith="Mengoreksi").values_list("pk", flat=True)
    )
    assert len(empat) == 4
    assert _flags() == harap | {(pk, J.TEKS_BERULANG) for pk in empat}


def test_evidence_is_hashed_on_save_and_backfilled_by_the_check(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    isi = b"%PDF-1.4 notulen rapat"
    a = services.aktivitas_save(
        actor=cast.pegawai.user, tanggal=TODAY, jam_mulai=time(8), jam_selesai=time(9), nama_kegiatan="Rapat",
        menit_diajukan=60, uraian="Notulen rapat", bukti_file=SimpleUploadedFile("n.pdf", isi), ajukan=True,
    )  # fmt: skip
    a.refresh_from_db()
    assert a.bukti_sha256 == hashlib.sha256(isi).hexdigest()
    assert a.bukti_file.open("rb").read() == isi  # the whole file was stored after hashing
    lama = Aktivitas(pemda=cast.pemda, pegawai=cast.atasan, tanggal=TODAY, jam_mulai=time(8), jam_selesai=time(9),
                     nama_kegiatan="Rapat", uraian="Notulen", menit_diajukan=60, menit=60,
                     status=Status.SUBMITTED)  # fmt: skip
    lama.bukti_file.save("lama.pdf", SimpleUploadedFile("lama.pdf", isi))  # stored before the hash was kept
    assert Aktivitas.objects.get(pk=lama.pk).bukti_sha256 == ""
    hasil = _periksa(cast)
    assert hasil["hash"] == 1
    assert Aktivitas.objects.get(pk=lama.pk).bukti_sha256 == a.bukti_sha256
    assert _flags() == {(a.pk, J.BUKTI_BERULANG), (lama.pk, J.BUKTI_BERULANG)}


# --- the approvers -------------------------------------------------------------------------------------


def _setujui(pegawai, aktivitas, awal: datetime, jeda: float, ke=Status.VERIFIED, peran=Peran.ATASAN) -> None:
    for i, a in enumerate(aktivitas):
        dari = Status.SUBMITTED if ke in (Status.VERIFIED, Status.RETURNED) else Status.VERIFIED
        log = AktivitasLog.objects.create(aktivitas=a, dari=dari, ke=ke, oleh=pegawai.user, peran=peran)
        AktivitasLog.objects.filter(pk=log.pk).update(waktu=awal + timedelta(seconds=i * jeda))


def test_the_rubber_stamp_figure_flags_exactly_the_planted_approver(cast):
    b = Bulan(cast)
    semua = list(Aktivitas.objects.filter(pegawai__in=b.dinas).order_by("pk"))
    hari = HARI[-2]
    # the atasan: 30 in one click (0.2 s apart), 10 read one by one, no return
    _setujui(cast.atasan, semua[:30], _at(hari, time(10)), 0.2)
    _setujui(cast.atasan, semua[30:40], _at(hari, time(11)), 90)
    # the sekretaris validates 25 slowly and returns 3
    _setujui(cast.atasan_atasan, semua[40:65], _at(hari, time(9)), 45, ke=Status.VALIDATED, peran=Peran.ATASAN_ATASAN)
    _setujui(cast.atasan_atasan, semua[65:68], _at(hari, time(13)), 60, ke=Status.RETURNED, peran=Peran.ATASAN_ATASAN)
    # the kadis: a fast batch too, but returned one
    _setujui(cast.kadis, semua[70:95], _at(hari, time(10)), 0.5)
    _setujui(cast.kadis, semua[95:96], _at(hari, time(14)), 1, ke=Status.RETURNED)
    # a move outside the month does not count
    _setujui(cast.atasan, semua[96:97], _at(date(2026, 10, 30), time(9)), 1, ke=Status.RETURNED)
    hasil = _periksa(cast)
    assert (hasil["penyetuju"], hasil["penyetuju_ditandai"]) == (3, 1)
    rows = {r.penyetuju_id: r for r in RekapPersetujuan.objects.filter(tahun=TAHUN, bulan=BULAN)}
    atasan = rows[cast.atasan.pk]
    assert (atasan.disetujui, atasan.kilat, atasan.kelompok_kilat, atasan.dikembalikan, atasan.tanda) == (
        40,
        30,
        1,
        0,
        True,
    )
    assert atasan.penjelasan == (
        "Menyetujui 40 aktivitas, 30 di antaranya dalam 1 kelompok kilat (kurang dari 3 detik per aktivitas), "
        "tanpa mengembalikan satu pun, sedangkan 2 rekan penyetuju mengembalikan 7,4% dari keputusan mereka."
    )
    assert (rows[cast.atasan_atasan.pk].disetujui, rows[cast.atasan_atasan.pk].dikembalikan) == (25, 3)
    assert (rows[cast.kadis.pk].kilat, rows[cast.kadis.pk].tanda) == (25, False)
    assert not rows[cast.atasan_atasan.pk].tanda
    _periksa(cast)  # rewritten, not doubled
    assert RekapPersetujuan.objects.count() == 3


# --- scale, months, the worker -------------------------------------------------------------------------


@pytest.mark.parametrize("orang", [10, 40])
def test_the_query_count_does_not_grow_with_the_people(cast, orang):
    b = Bulan(cast, orang)
    _tanam(b)
    _setujui(cast.atasan, list(Aktivitas.objects.order_by("pk")[: 2 * orang]), _at(HARI[-1], time(10)), 0.2)
    with CaptureQueriesContext(connection) as q:
        hasil = _periksa(cast)
    assert hasil["aktivitas"] > 30 * orang
    assert len(q) == 18, [x["sql"][:80] for x in q.captured_queries]


def test_the_open_months_are_this_one_and_last_until_it_is_closed(cast):
    assert bulan_terbuka(cast.pemda.pk, TODAY) == [(2026, 10), (2026, 11)]
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=2026, bulan=10)
    assert bulan_terbuka(cast.pemda.pk, TODAY) == [(2026, 11)]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")
@pytest.mark.django_db(transaction=True)
def test_the_beat_task_flags_the_open_months_in_a_real_worker(cast):
    b = Bulan(cast)
    harap = _tanam(b)
    entry = settings.CELERY_BEAT_SCHEDULE["kejanggalan-periksa"]
    assert entry["kwargs"]["tugas"] == kejanggalan_periksa_task.name  # through the dispatcher, per pemda
    with celery_worker():
        n = kejanggalan_periksa_task.delay(cast.pemda.pk).get(timeout=120)
    assert n == len(harap)
    assert _flags() == harap


def test_a_large_day_block_is_compared_within_sub_blocks():
    teks = ["rapat persiapan upacara hari guru", "rapat persiapan upacara hari guruu", "laporan arsip gedung taman"]
    teks += [f"{a} {b} {c}" for a in KATA[:12] for b in KATA[12:24] for c in ("satu", "dua")]
    teks.append("xrapat persiapan upacara hari guru")  # its first words differ, its last two match
    hasil = rk.tetangga_mirip_blok(teks, 90, penuh=10)
    assert hasil[0] == [0, 1, len(teks) - 1] and hasil[2] == [2]
    assert hasil[1] == [0, 1]  # shares no end with the last: not compared (the full comparison finds it)
    assert rk.tetangga_mirip(teks, 90)[1] == [0, 1, len(teks) - 1]
