"""The tpp/rules.py contract (DESIGN.md §6) with the worked examples of RULES.md §4, §1.2, §1.8, §7."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tpp.rules import (
    KODE_PRESENSI,
    POTONGAN_DISIPLIN,
    MasukanTpp,
    NilaiAturan,
    basic_tpp,
    capaian_aktivitas,
    hitung_tpp,
    iuran_bpjs,
    potongan_disiplin,
    tpp_bruto,
)
from tpp.rules_uang_makan import hari_uang_makan, tarif_harian, uang_makan

# --- hari_uang_makan ---------------------------------------------------------------------------


def test_hari_counts_hadir_and_terlambat_only():
    statuses = ["HADIR", "TERLAMBAT", "CUTI", "SAKIT", "IZIN", "DINAS_LUAR", "TUGAS_BELAJAR",
                "TANPA_KETERANGAN", "LIBUR", "HADIR"]  # fmt: skip
    assert hari_uang_makan(statuses) == 3


def test_hari_ignores_every_absence_status():
    assert hari_uang_makan(["CUTI", "SAKIT", "DINAS_LUAR", "TANPA_KETERANGAN", "LIBUR", "IZIN"]) == 0
    assert hari_uang_makan([]) == 0


def test_hari_is_capped_at_22_by_default_and_at_the_given_maximum():
    assert hari_uang_makan(["HADIR"] * 23) == 22
    assert hari_uang_makan(["HADIR"] * 20 + ["TERLAMBAT"] * 3, max_hari=20) == 20


def test_hari_rejects_a_negative_maximum():
    with pytest.raises(ValidationError):
        hari_uang_makan(["HADIR"], max_hari=-1)


# --- uang_makan --------------------------------------------------------------------------------


def test_uang_makan_iii_a_20_days():
    assert uang_makan("III/a", 20) == (740_000, 37_000, 703_000)


def test_uang_makan_iv_b_capped_days():
    hari = hari_uang_makan(["HADIR"] * 20 + ["TERLAMBAT"] * 3)
    assert hari == 22
    assert uang_makan("IV/b", hari) == (902_000, 135_300, 766_700)


@pytest.mark.parametrize("golongan", ["II/c", "I/a", "II"])
def test_uang_makan_golongan_i_and_ii_pay_no_pph(golongan):
    assert uang_makan(golongan, 10) == (350_000, 0, 350_000)


def test_uang_makan_group_without_ruang_letter():
    assert uang_makan("III", 1) == (37_000, 1_850, 35_150)


def test_uang_makan_zero_days_is_zero():
    assert uang_makan("IV/e", 0) == (0, 0, 0)


def test_uang_makan_custom_tarif_and_pph():
    tarif = {"I": 30_000, "II": 32_000, "III": 36_000, "IV": 40_000}
    pph = {"I": Decimal(0), "II": Decimal(0), "III": Decimal("5"), "IV": Decimal("15")}
    assert uang_makan("III/d", 3, tarif=tarif, pph=pph) == (108_000, 5_400, 102_600)


def test_uang_makan_pph_rounds_half_up():
    # 3 × 33.333 = 99.999; 5% = 4.999,95 → 5.000
    assert uang_makan("III/b", 3, tarif={"III": 33_333}, pph={"III": Decimal(5)}) == (99_999, 5_000, 94_999)
    # 1 × 10.010 at 15% = 1.501,5 → 1.502 (half up, never to even)
    assert uang_makan("IV", 1, tarif={"IV": 10_010}, pph={"IV": Decimal(15)})[1] == 1_502


def test_uang_makan_exact_key_wins_over_its_group():
    assert uang_makan("III/a", 1, tarif={"III/a": 50_000, "III": 37_000}) == (50_000, 2_500, 47_500)


def test_uang_makan_pph_mapping_accepts_json_strings():
    # AturanPresensi.uang_makan_pph stores {"III": "5"} (JSON has no Decimal)
    assert uang_makan("III/c", 2, pph={"III": "5"}) == (74_000, 3_700, 70_300)


def test_uang_makan_pppk_golongan_without_configured_rate_is_a_data_error():
    with pytest.raises(ValidationError) as exc:
        uang_makan("IX", 20)
    assert "golongan IX belum diatur" in exc.value.messages[0]
    assert "PPPK" in exc.value.messages[0]


def test_uang_makan_pppk_golongan_with_configured_rate():
    assert uang_makan("IX", 2, tarif={"IX": 37_000}, pph={"IX": Decimal(5)}) == (74_000, 3_700, 70_300)
    assert tarif_harian("PPPK IX", {"PPPK IX": 37_000}) == 37_000


def test_uang_makan_pppk_rate_without_pph_is_a_data_error():
    with pytest.raises(ValidationError, match="Tarif PPh"):
        uang_makan("IX", 2, tarif={"IX": 37_000})


@pytest.mark.parametrize("golongan", ["", "  ", "V/a"])
def test_uang_makan_rejects_missing_or_unknown_golongan(golongan):
    with pytest.raises(ValidationError):
        uang_makan(golongan, 1)


def test_uang_makan_rejects_negative_days_and_bad_percent():
    with pytest.raises(ValidationError):
        uang_makan("III/a", -1)
    with pytest.raises(ValidationError):
        uang_makan("III/a", 1, pph={"III": Decimal(120)})


# --- capaian_aktivitas -------------------------------------------------------------------------


def test_capaian_is_the_dki_fraction():
    assert capaian_aktivitas(20, 3_000) == Decimal("0.5")  # 3000 / (20 × 300)


def test_capaian_is_capped_by_target_minus_absence():
    assert capaian_aktivitas(20, 9_999) == Decimal(1)
    assert capaian_aktivitas(20, 9_999, menit_pengurang=600) == Decimal("0.9")


def test_capaian_with_no_working_days_is_zero_and_negative_input_is_invalid():
    assert capaian_aktivitas(0, 100) == Decimal(0)
    with pytest.raises(ValidationError):
        capaian_aktivitas(20, -1)
    with pytest.raises(ValidationError):
        capaian_aktivitas(20, 100, menit_per_hari=0)


# --- potongan_disiplin -------------------------------------------------------------------------


def test_potongan_sums_the_default_table():
    assert potongan_disiplin(["TL1", "TL4", "PSW2", "TIDAK_APEL", "TANPA_KETERANGAN"]) == Decimal("8.0")
    assert potongan_disiplin([]) == Decimal(0)


def test_potongan_is_capped_at_100():
    assert potongan_disiplin(["TANPA_KETERANGAN"] * 40) == Decimal(100)


def test_potongan_with_a_regional_table_and_unknown_event():
    assert potongan_disiplin(["TL1", "TL1"], tabel={"TL1": Decimal("0.2")}) == Decimal("0.4")
    with pytest.raises(ValidationError, match="TL9"):
        potongan_disiplin(["TL9"])


def test_every_default_event_has_a_default_cut():
    """The gatherings every pemda starts with have a national cut and a name on the page; the form
    has a field for every band (the gatherings' fields come from the pemda's list, issue 16)."""
    from attendance.choices import JenisKejadian
    from attendance.services.kegiatan import BAWAAN
    from tpp.forms import KEJADIAN
    from tpp.rincian import NAMA_KEJADIAN

    assert [kode for kode, _nama in BAWAAN] == JenisKejadian.values
    for jenis in JenisKejadian.values:
        assert jenis in POTONGAN_DISIPLIN and jenis in NAMA_KEJADIAN, jenis
    assert potongan_disiplin(JenisKejadian.values) == Decimal(6)  # apel 2 + upacara 2 + senam 2
    assert set(KEJADIAN) == KODE_PRESENSI


def test_a_gathering_without_a_cut_cuts_nothing_but_a_band_without_one_is_an_error():
    m = MasukanTpp(kelas=5, hari_kerja=20, menit_valid=6000, kejadian={"TIDAK_SENAM_JUMAT": 2, "TIDAK_APEL": 1})
    a = NilaiAturan(besaran_kelas={5: 1_000_000})
    assert hitung_tpp(m, a).potongan_disiplin_pct == 2  # apel 2; senam Jumat has no entry
    tanpa_tl1 = {k: v for k, v in POTONGAN_DISIPLIN.items() if k != "TL1"}
    hasil = hitung_tpp(replace(m, kejadian={"TL1": 1}), replace(a, tabel_potongan=tanpa_tl1))
    assert "TL1" in hasil.galat


# --- tpp_bruto ---------------------------------------------------------------------------------


def test_tpp_bruto_computes_the_two_parts_separately():
    # 60% × 5.000.000 × 0,9 + 40% × 5.000.000 × (100% − 3%) = 2.700.000 + 1.940.000
    assert tpp_bruto(5_000_000, Decimal("0.9"), Decimal(3)) == 4_640_000


def test_tpp_bruto_keeps_the_discipline_part_without_output():
    assert tpp_bruto(5_000_000, Decimal(0), Decimal(0)) == 2_000_000  # Kepahiang


def test_tpp_bruto_rounds_half_up_and_takes_other_weights():
    assert tpp_bruto(1_001, Decimal("0.5"), Decimal(0)) == 701  # 300,3 + 400,4 = 700,7
    assert tpp_bruto(10_000_000, Decimal(1), Decimal(50), Decimal("0.4"), Decimal("0.6")) == 7_000_000


@pytest.mark.parametrize(
    "args",
    [(-1, Decimal(1), Decimal(0)), (1, Decimal("1.1"), Decimal(0)), (1, Decimal(1), Decimal(101)),
     (1, Decimal(1), Decimal(0), Decimal("0.7"), Decimal("0.4"))],
)  # fmt: skip
def test_tpp_bruto_rejects_invalid_input(args):
    with pytest.raises(ValidationError):
        tpp_bruto(*args)


# --- iuran_bpjs --------------------------------------------------------------------------------


def test_iuran_bpjs_on_the_tpp_part_under_the_ceiling():
    # gaji 5 jt bears 5 jt of the 12 jt base; TPP 10 jt counts for 7 jt (RSJ Menur worked rule)
    assert iuran_bpjs(5_000_000, 10_000_000) == (70_000, 280_000)


def test_iuran_bpjs_below_the_ceiling_and_above_it():
    assert iuran_bpjs(4_000_000, 3_000_000) == (30_000, 120_000)
    assert iuran_bpjs(13_000_000, 5_000_000) == (0, 0)


def test_iuran_bpjs_rounds_half_up_and_rejects_negative():
    assert iuran_bpjs(0, 150, persen_pegawai=Decimal(1)) == (2, 6)  # 1,5 → 2
    with pytest.raises(ValidationError):
        iuran_bpjs(-1, 0)


# --- basic_tpp ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kelas", "tahun", "rupiah"),
    [(1, 2023, 894_961), (15, 2023, 17_019_369), (7, 2022, 3_086_335), (12, 2022, 7_444_800)],
)
def test_basic_tpp_reference_table(kelas, tahun, rupiah):
    assert basic_tpp(kelas, tahun) == rupiah


@pytest.mark.parametrize(("kelas", "tahun"), [(16, 2023), (0, 2023), (5, 2021)])
def test_basic_tpp_absent_is_a_lookup_error(kelas, tahun):
    with pytest.raises(LookupError):
        basic_tpp(kelas, tahun)


# --- one employee's month, pure (hitung_tpp) -----------------------------------------------------


def _month(**kw):
    base = {"golongan": "III/a", "kelas": 5, "jabatan_id": 7, "gaji_dasar": 4_000_000, "hari_kerja": 20}
    return MasukanTpp(**(base | kw))


def test_hitung_tpp_pays_kinerja_by_predikat_when_the_rule_set_says_so():
    a = NilaiAturan(besaran_kelas={5: 2_000_000}, kinerja_dari_predikat=True)
    h = hitung_tpp(_month(predikat="BUTUH_PERBAIKAN", menit_valid=0), a)
    assert (h.capaian, h.bagian_kinerja, h.bagian_disiplin) == (Decimal("0.75"), 900_000, 800_000)
    assert hitung_tpp(_month(predikat="SANGAT_BAIK"), a).bagian_kinerja == 1_200_000  # capped at 100%
    missing = hitung_tpp(_month(predikat=""), a)
    assert missing.neto == 0 and "Predikat kinerja bulan ini belum ditetapkan" in missing.galat


def test_hitung_tpp_per_jabatan_override_and_unknown_event():
    a = NilaiAturan(besaran_kelas={5: 2_000_000}, besaran_jabatan={7: 2_500_000})
    assert hitung_tpp(_month(), a).besaran == 2_500_000
    # a gathering the rule set gives no cut (a pemda's own, added later) cuts nothing (issue 16)
    tanpa = hitung_tpp(_month(kejadian={"TIDAK_SHOLAT": 1}), a)
    assert (tanpa.galat, tanpa.potongan_disiplin_pct) == ("", 0)
    assert tanpa.neto == hitung_tpp(_month(), a).neto
    bad = hitung_tpp(_month(kejadian={"TL2": 1}), replace(a, tabel_potongan={"TL1": Decimal(1)}))
    assert bad.neto == 0 and "TL2" in bad.galat


def test_hitung_tpp_json_round_trip_keeps_every_input():
    m = _month(hari_permohonan={"IZIN": 1}, kejadian={"TL1": 2}, hukdis_pct=Decimal("25"), predikat="BAIK")
    assert MasukanTpp.from_json(m.as_json()) == m
