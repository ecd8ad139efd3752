"""The TPP month: worked cases to the rupiah, voids, rule versions, close → reopen → diff, the leader
cascade, and every allowed and refused move (RULES.md §1, §7; issue 6)."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.choices import Golongan
from accounts.models import PeriodeTutup
from activities.choices import Peran, Status
from activities.models import Aktivitas, Tunggakan
from attendance.choices import StatusHari
from attendance.models import Absen, HariPresensi
from attendance.services.hari import hari_recompute
from tests.factories import PegawaiFactory, PenempatanFactory
from tests.tpp.util import HARI_OKTOBER, aturan, bulan_hadir, hari, permohonan, validated
from tpp import rules
from tpp.calculation import aturan_bulan, masukan_bulan, nilai_aturan
from tpp.models import AturanTpp, BarisTpp, PeriodeTppLog
from tpp.services import (
    aturan_tpp_simpan,
    hukdis_simpan,
    periode_ambil,
    tpp_periode_buka,
    tpp_periode_hitung,
    tpp_periode_tutup,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("tpp.calculation.today", lambda: TODAY)
    monkeypatch.setattr("attendance.selectors.today", lambda: TODAY)


def hitung(cast, tahun=2026, bulan=10):
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=tahun, bulan=bulan)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return periode


def row_of(periode, pegawai) -> BarisTpp:
    return BarisTpp.objects.get(periode=periode, pegawai=pegawai)


def test_perfect_attendance_with_no_output_pays_only_the_discipline_part(cast):
    aturan(cast.pemda)
    bulan_hadir(cast.pegawai)
    row = row_of(hitung(cast), cast.pegawai)
    assert (row.hari_kerja, row.menit_valid, row.capaian) == (22, 0, 0)
    assert (row.besaran, row.bagian_kinerja, row.bagian_disiplin) == (3_000_000, 0, 1_200_000)
    assert row.bruto == 1_200_000
    # gaji 4,000,000 + TPP 1,200,000 is under the ceiling: 1% of the TPP part
    assert (row.bpjs_pegawai, row.bpjs_pemda, row.neto) == (12_000, 48_000, 1_188_000)


def test_full_output_and_attendance_pay_the_whole_amount_and_the_bpjs_ceiling_applies(cast):
    aturan(cast.pemda)
    p = cast.kadis  # kelas 14: 12,000,000
    p.gaji_dasar = 9_000_000
    p.save()
    validated(p, 22 * 300 + 500)  # more than the target counts as 100%
    bulan_hadir(p)
    row = row_of(hitung(cast), p)
    assert row.capaian == 1
    assert (row.bagian_kinerja, row.bagian_disiplin, row.bruto) == (7_200_000, 4_800_000, 12_000_000)
    # base gaji 9,000,000 + TPP capped at 12,000,000: the TPP part of the base is 3,000,000
    assert (row.bpjs_pegawai, row.bpjs_pemda) == (30_000, 120_000)
    assert row.neto == 12_000_000 - 30_000


def test_cltn_for_the_whole_month_voids_it_and_half_a_month_pays_half(cast):
    aturan(cast.pemda)
    cltn = {d: (StatusHari.CUTI, {}) for d in HARI_OKTOBER}
    bulan_hadir(cast.pegawai, cltn)
    permohonan(cast.pegawai, "CLTN", date(2026, 10, 1), date(2026, 10, 31))
    bulan_hadir(cast.pegawai_lain, {d: (StatusHari.CUTI, {}) for d in HARI_OKTOBER[11:]})
    permohonan(cast.pegawai_lain, "CUTI_BESAR", HARI_OKTOBER[11], date(2026, 10, 31))
    periode = hitung(cast)
    void = row_of(periode, cast.pegawai)
    assert (void.hari_batal, void.bruto, void.neto) == (22, 0, 0)
    assert "cuti di luar tanggungan negara" in void.batal
    half = row_of(periode, cast.pegawai_lain)  # kelas 6: 3,500,000; 11 of 22 days paid
    assert half.hari_batal == 11
    assert half.bagian_disiplin == 700_000  # 3,500,000 × 11/22 × 40%
    assert half.bagian_kinerja == 0


def test_a_kedudukan_hukum_that_is_not_paid_voids_the_month(cast):
    aturan(cast.pegawai.pemda)
    cast.pegawai.kedudukan_hukum = "04"  # pemberhentian sementara
    cast.pegawai.save()
    bulan_hadir(cast.pegawai)
    row = row_of(hitung(cast), cast.pegawai)
    assert row.neto == 0 and row.bruto == 0 and "Kedudukan hukum" in row.batal


def test_approved_leave_credits_minutes_and_izin_lowers_the_cap(cast):
    aturan(cast.pemda)
    p = cast.pegawai
    days = {HARI_OKTOBER[0]: (StatusHari.CUTI, {}), HARI_OKTOBER[1]: (StatusHari.CUTI, {})}
    days[HARI_OKTOBER[5]] = (StatusHari.IZIN, {})
    bulan_hadir(p, days)
    permohonan(p, "CUTI_TAHUNAN", HARI_OKTOBER[0], HARI_OKTOBER[1])
    permohonan(p, "IZIN", HARI_OKTOBER[5], HARI_OKTOBER[5])
    validated(p, 6_500)
    row = row_of(hitung(cast), p)
    assert row.masukan["hari_permohonan"] == {"CUTI_TAHUNAN": 2, "IZIN": 1}
    assert (row.menit_kredit, row.menit_pengurang) == (600, 300)
    # 6,500 + 600 = 7,100 minutes, capped at 6,600 − 300 = 6,300 of a 6,600 target
    assert row.capaian == Decimal("0.954545")
    assert row.bagian_kinerja == round(3_000_000 * 0.6 * 6300 / 6600)


def test_the_leader_cascade_cuts_the_supervisors_kinerja_part(cast):
    aturan(cast.pemda, kaskade_persen=Decimal(2), kaskade_maks=Decimal(5))
    validated(cast.atasan, 22 * 300)
    bulan_hadir(cast.atasan)
    for i in range(4):
        a = Aktivitas.objects.create(
            pemda=cast.pemda, pegawai=cast.pegawai, tanggal=HARI_OKTOBER[i], jam_mulai=time(8), jam_selesai=time(9),
            nama_kegiatan="x", uraian="x", menit_diajukan=60, menit=60, status=Status.SUBMITTED,
        )  # fmt: skip
        Tunggakan.objects.create(
            pemda=cast.pemda, atasan=cast.atasan, aktivitas=a, peran=Peran.ATASAN, tahun=2026, bulan=10,
            batas=HARI_OKTOBER[i + 3],
        )  # fmt: skip
    row = row_of(hitung(cast), cast.atasan)  # kelas 9: 6,000,000
    assert (row.tunggakan, row.kaskade_pct) == (4, 5)  # 4 × 2% capped at 5%
    assert row.bagian_kinerja == 3_420_000  # 6,000,000 × 60% × 95%
    assert row.bagian_disiplin == 2_400_000


def test_discipline_events_hukdis_and_a_flat_pph(cast):
    aturan(cast.pemda, pph_metode="TARIF_GOLONGAN")
    p = cast.pegawai  # III/a: 5%
    bands = {
        HARI_OKTOBER[0]: (StatusHari.TERLAMBAT, {"menit_terlambat": 10, "band_tl": "TL1"}),
        HARI_OKTOBER[1]: (StatusHari.TERLAMBAT, {"menit_pulang_cepat": 95, "band_psw": "PSW4"}),
        HARI_OKTOBER[2]: (StatusHari.TANPA_KETERANGAN, {}),
    }
    bulan_hadir(p, bands)
    from attendance.models import Kejadian

    Kejadian.objects.create(pemda=cast.pemda, pegawai=p, tanggal=HARI_OKTOBER[4], jenis="TIDAK_APEL")
    hukdis_simpan(
        actor=cast.hr, pegawai=p, jenis="POTONG_TUKIN_25_6", persen=Decimal(25),
        mulai=date(2026, 9, 1), selesai=date(2027, 2, 28), nomor_sk="800/1/2026",
    )  # fmt: skip
    validated(p, 3_300)
    row = row_of(hitung(cast), p)
    assert row.kejadian == {"TL1": 1, "PSW4": 1, "TANPA_KETERANGAN": 1, "TIDAK_APEL": 1}
    assert row.potongan_disiplin_pct == Decimal("7")  # 0.5 + 1.5 + 3 + 2
    assert row.bagian_kinerja == 900_000  # 3,000,000 × 60% × 3,300/6,600
    assert row.bagian_disiplin == 1_116_000  # 1,200,000 × 93%
    assert row.bruto == 2_016_000
    assert row.potongan_hukdis == 504_000
    dasar = 2_016_000 - 504_000
    assert row.bpjs_pegawai == 15_120
    assert row.pph == 75_600  # 5% of 1,512,000
    assert row.neto == dasar - 15_120 - 75_600


def test_missing_amount_is_a_data_error_not_a_guess(cast):
    aturan(cast.pemda, besaran_kelas={"9": 6_000_000})
    bulan_hadir(cast.pegawai)
    row = row_of(hitung(cast), cast.pegawai)
    assert row.neto == 0 and "kelas jabatan 5 belum diatur" in row.galat


def test_an_opd_override_applies_to_that_opd_only(cast):
    aturan(cast.pemda)
    AturanTpp.objects.create(
        pemda=cast.pemda, opd=cast.badan, berlaku_mulai=date(2026, 1, 1), besaran_kelas={"6": 5_000_000}, catatan="x"
    )
    periode = hitung(cast)
    assert row_of(periode, cast.pegawai_lain).besaran == 5_000_000
    assert row_of(periode, cast.pegawai).besaran == 3_000_000


def test_a_rule_change_mid_year_uses_the_version_in_force_each_month(cast):
    lama = aturan(cast.pemda)
    baru = aturan_tpp_simpan(
        actor=cast.hr, pemda=cast.pemda, berlaku_mulai=date(2026, 11, 1), catatan="Perwali 2026",
        besaran_kelas={"5": 4_000_000},
    )  # fmt: skip
    oktober, november = hitung(cast, 2026, 10), hitung(cast, 2026, 11)
    assert (row_of(oktober, cast.pegawai).aturan, row_of(oktober, cast.pegawai).besaran) == (lama, 3_000_000)
    assert (row_of(november, cast.pegawai).aturan, row_of(november, cast.pegawai).besaran) == (baru, 4_000_000)
    # November counts its working days up to today only (Mon 2 – Fri 20 Nov: 15)
    assert row_of(november, cast.pegawai).hari_kerja == 15


def test_close_freezes_locks_and_reopen_shows_the_difference(cast):
    aturan(cast.pemda)
    bulan_hadir(cast.pegawai)
    validated(cast.pegawai, 3_300)
    periode = hitung(cast)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    row = row_of(periode, cast.pegawai)
    assert periode.status == "CLOSED" and row.beku["neto"] == row.neto
    assert PeriodeTutup.objects.filter(pemda=cast.pemda, tahun=2026, bulan=10).exists()
    with pytest.raises(ValidationError, match="ditutup"):
        tpp_periode_hitung(actor=cast.hr, periode=periode)
    # the month's attendance is frozen: a recomputation leaves its days alone
    Absen.objects.all().delete()
    assert hari_recompute(pegawai_ids=[cast.pegawai.pk], start=date(2026, 10, 1), end=date(2026, 10, 31)) == 0
    assert HariPresensi.objects.filter(pegawai=cast.pegawai, status=StatusHari.HADIR).count() == 22

    with pytest.raises(ValidationError):
        tpp_periode_buka(actor=cast.hr, periode=periode, alasan="salah")
    tpp_periode_buka(actor=cast.hr, periode=periode, alasan="Aktivitas 1 hari belum tervalidasi karena gangguan")
    assert not PeriodeTutup.objects.filter(pemda=cast.pemda, tahun=2026, bulan=10).exists()
    assert PeriodeTppLog.objects.filter(periode=periode, ke="REOPENED").get().catatan.startswith("Aktivitas 1 hari")
    beku = row.beku["neto"]
    validated(cast.pegawai, 300, tanggal=date(2026, 10, 20))
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    row.refresh_from_db()
    assert periode.status == "REOPENED"
    assert row.beku["neto"] == beku
    assert row.bagian_kinerja - row.beku["bagian_kinerja"] == round(3_000_000 * 0.6 * 300 / 6600)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    row.refresh_from_db()
    assert row.beku["neto"] == row.neto != beku


def test_refused_moves_and_roles(cast):
    aturan(cast.pemda)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    with pytest.raises(ValidationError, match="belum dihitung"):
        tpp_periode_tutup(actor=cast.hr, periode=periode)
    assert not PeriodeTutup.objects.exists()  # the lock taken for closing is released again
    with pytest.raises(ValidationError):
        tpp_periode_buka(actor=cast.hr, periode=periode, alasan="alasan yang cukup panjang")
    for actor in (cast.admin_opd, cast.pegawai.user):
        with pytest.raises(PermissionDenied):
            tpp_periode_hitung(actor=actor, periode=periode)
    tpp_periode_hitung(actor=cast.superadmin, periode=periode)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        aturan_tpp_simpan(actor=cast.hr, pemda=cast.pemda, berlaku_mulai=date(2026, 10, 15), catatan="surut")
    with pytest.raises(PermissionDenied):
        aturan_tpp_simpan(actor=cast.admin_opd, pemda=cast.pemda, berlaku_mulai=date(2027, 1, 1), catatan="x")


def test_rule_set_validation_messages(cast):
    def simpan(**kw):
        return aturan_tpp_simpan(actor=cast.hr, pemda=cast.pemda, berlaku_mulai=date(2027, 1, 1), **kw)

    with pytest.raises(ValidationError) as e:
        simpan(catatan="x", bobot_kinerja=Decimal("0.7"), bobot_disiplin=Decimal("0.4"))
    assert "bobot_disiplin" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        simpan(catatan="x", besaran_kelas={"18": 1_000})
    assert "besaran_kelas" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        simpan(catatan="x", tabel_potongan={"TL1": "150"})
    assert "tabel_potongan" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        simpan(catatan=" ")
    assert "catatan" in e.value.message_dict
    assert AturanTpp.objects.count() == 0


def test_a_row_recomputes_from_its_stored_inputs(cast):
    aturan(cast.pemda, pph_metode="TARIF_GOLONGAN")
    bulan_hadir(cast.pegawai, {HARI_OKTOBER[0]: (StatusHari.TERLAMBAT, {"menit_terlambat": 50, "band_tl": "TL2"})})
    validated(cast.pegawai, 4_321)
    row = row_of(hitung(cast), cast.pegawai)
    again = rules.hitung_tpp(rules.MasukanTpp.from_json(row.masukan), nilai_aturan(row.aturan))
    assert (again.bruto, again.bpjs_pegawai, again.pph, again.neto) == (row.bruto, row.bpjs_pegawai, row.pph, row.neto)
    assert again.bagian_kinerja == row.bagian_kinerja and row.neto > 0


def test_recalculating_gives_the_same_figures(cast):
    aturan(cast.pemda)
    bulan_hadir(cast.pegawai)
    validated(cast.pegawai, 5_000)
    periode = hitung(cast)
    first = list(BarisTpp.objects.filter(periode=periode).order_by("pegawai").values_list("pegawai", "neto", "bruto"))
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    again = list(BarisTpp.objects.filter(periode=periode).order_by("pegawai").values_list("pegawai", "neto", "bruto"))
    assert first == again and len(first) == 6  # everyone posted in October (incl. the admin's pegawai)


def test_only_validated_minutes_count(cast):
    aturan(cast.pemda)
    validated(cast.pegawai, 600)
    validated(cast.pegawai, 900, tanggal=date(2026, 10, 12), status=Status.VERIFIED)
    validated(cast.pegawai, 900, tanggal=date(2026, 10, 19), status=Status.SUBMITTED)
    validated(cast.pegawai, 300, tanggal=date(2026, 9, 30))  # another month
    assert row_of(hitung(cast), cast.pegawai).menit_valid == 600


def test_the_inputs_take_the_same_number_of_queries_for_3_or_30_employees(cast, django_assert_num_queries):
    aturan(cast.pemda)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            masukan_bulan(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
            aturan_bulan(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
        return len(ctx.captured_queries)

    for p in (cast.pegawai, cast.atasan):
        bulan_hadir(p)
        validated(p, 600)
        permohonan(p, "CUTI_TAHUNAN", date(2026, 10, 26), date(2026, 10, 27))
    few = count()
    for _i in range(27):
        p = PegawaiFactory(pemda=cast.pemda, golongan=Golongan.II_A)
        PenempatanFactory(pegawai=p, jabatan=cast.j_staf, mulai=date(2020, 1, 1))
        hari(p, HARI_OKTOBER[0])
        validated(p, 60)
        permohonan(p, "IZIN", HARI_OKTOBER[1], HARI_OKTOBER[1])
    assert count() == few


def test_someone_posted_part_of_the_month_is_paid_pro_rata_and_a_mutation_is_not(cast):
    aturan(cast.pemda)
    baru = PegawaiFactory(pemda=cast.pemda, golongan=Golongan.III_A, gaji_dasar=0)
    PenempatanFactory(pegawai=baru, jabatan=cast.j_staf, mulai=date(2026, 10, 19))  # 10 of 22 working days
    bulan_hadir(baru, days=[d for d in HARI_OKTOBER if d >= date(2026, 10, 19)])
    pindah = PegawaiFactory(pemda=cast.pemda, golongan=Golongan.III_A, gaji_dasar=0)
    PenempatanFactory(pegawai=pindah, jabatan=cast.j_badan_staf, mulai=date(2020, 1, 1), selesai=date(2026, 10, 14))
    PenempatanFactory(pegawai=pindah, jabatan=cast.j_staf, mulai=date(2026, 10, 15))
    bulan_hadir(pindah)
    periode = hitung(cast)
    row = row_of(periode, baru)
    assert (row.hari_kerja, row.hari_kerja_bulan, row.besaran) == (10, 22, 3_000_000)
    assert row.besaran_dibayar == 1_363_636  # 3,000,000 × 10/22
    assert (row.bagian_kinerja, row.bagian_disiplin) == (0, 545_454)  # 40% of Rp1.363.636 as shown
    moved = row_of(periode, pindah)  # paid in full by the OPD of the posting at the month's end
    assert (moved.hari_kerja, moved.besaran_dibayar, moved.opd) == (22, 3_000_000, cast.dinas)


# --- issue 13: a saved cut table extends the defaults; no closing over rows that failed ----------


def test_a_saved_cut_table_is_merged_over_the_defaults(cast):
    row = aturan(cast.pemda, tabel_potongan={"TL1": "1", "TIDAK_APEL": "0"})
    tabel = nilai_aturan(row).tabel_potongan
    assert set(tabel) == set(rules.POTONGAN_DISIPLIN)
    assert (tabel["TL1"], tabel["TIDAK_APEL"], tabel["TIDAK_SENAM"], tabel["TL2"]) == (1, 0, 2, 1)


def test_closing_is_refused_while_a_row_cannot_be_computed_and_names_them(cast, monkeypatch):
    # kelas 5 (the pegawai and the admin of the dinas) has no amount: their TPP cannot be computed
    aturan(cast.pemda, besaran_kelas={"6": 3_500_000, "9": 6_000_000, "11": 8_000_000, "14": 12_000_000})
    periode = hitung(cast)
    assert BarisTpp.objects.filter(periode=periode).exclude(galat="").count() == 2
    monkeypatch.setattr("tpp.services.GALAT_DISEBUT", 1)
    with pytest.raises(ValidationError) as e:
        tpp_periode_tutup(actor=cast.hr, periode=periode)
    pesan = e.value.messages
    assert pesan[0].startswith("Bulan 10/2026 belum dapat ditutup: TPP 2 pegawai belum dapat dihitung.")
    assert len(pesan) == 3 and "dan 1 pegawai lainnya" in pesan[2]
    admin = cast.admin_opd.pegawai  # by OPD, then by name: "Admin Kepegawaian" before "Pegawai Rajin"
    assert admin.nama_lengkap in pesan[1] and admin.nip in pesan[1]
    assert "Dinas Pendidikan Uji" in pesan[1] and "kelas jabatan 5 belum diatur" in pesan[1]
    # nothing closed, locked or frozen; the closing's recalculation stands as a recalculation
    periode.refresh_from_db()
    assert periode.status == "CALCULATED" and periode.ditutup is None
    assert not PeriodeTutup.objects.exists()
    assert not BarisTpp.objects.filter(periode=periode, beku__isnull=False).exists()
    assert list(PeriodeTppLog.objects.filter(periode=periode).values_list("ke", flat=True)) == ["CALCULATED"] * 2

    aturan_tpp_simpan(
        actor=cast.hr, pemda=cast.pemda, berlaku_mulai=date(2026, 10, 1), catatan="Perkada perubahan",
        besaran_kelas={"5": 3_000_000, "6": 3_500_000, "9": 6_000_000, "11": 8_000_000, "14": 12_000_000},
    )  # fmt: skip
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    assert periode.status == "CLOSED" and not BarisTpp.objects.filter(periode=periode).exclude(galat="").exists()


def test_the_payroll_saves_the_default_version_and_names_it_on_every_row(cast):
    assert not AturanTpp.objects.exists()
    periode = hitung(cast)
    default = AturanTpp.objects.get()
    assert (default.berlaku_mulai, default.opd) == (date(2000, 1, 1), None)
    assert set(BarisTpp.objects.filter(periode=periode).values_list("aturan", flat=True)) == {default.pk}
    assert aturan_bulan(pemda_id=cast.pemda.pk, tahun=2026, bulan=11).pemda == default
