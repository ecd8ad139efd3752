"""The "Rincian TPP saya" lines: exact sentences and amounts of a worked month (tpp/rincian.py)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.tpp.util import bulan_kerja
from tpp import rules
from tpp.calculation import nilai_aturan
from tpp.rincian import Baris, masalah, persen, rincian


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("tpp.calculation.today", lambda: date(2026, 11, 22))


def _lines(row):
    return [(b.label, b.nilai, b.keterangan) for b in rincian(row, nilai_aturan(row.aturan, menit_default=300))]


@pytest.mark.django_db
def test_a_worked_month_is_explained_line_by_line_to_the_rupiah(cast):
    row = bulan_kerja(cast)
    assert _lines(row) == [
        ("Besaran TPP kelas jabatan 5", "Rp3.000.000", "Jumlah penuh sebulan menurut aturan TPP pemda."),
        ("Hari kerja dan target menit", "6.600 menit", "22 hari kerja × 300 menit per hari"),
        (
            "Menit aktivitas yang sudah divalidasi",
            "5.000 menit",
            "Yang dihitung hanya aktivitas yang sudah divalidasi (disetujui atasan dari atasan Anda).",
        ),
        (
            "Pengurang batas capaian",
            "−420 menit",
            "120 menit terlambat dan pulang cepat; 1 hari tanpa keterangan × 300 menit",
        ),
        (
            "Capaian kinerja",
            "75,76%",
            "5.000 menit diakui (paling banyak 6.180 menit) dibagi target 6.600 menit",
        ),
        ("Bagian kinerja", "Rp1.363.636", "60% × Rp3.000.000 × capaian 75,76%"),
        ("3 kali terlambat TL2 (31–60 menit)", "−3% dari bagian disiplin", "1% setiap kejadian"),
        ("1 hari tidak masuk tanpa keterangan", "−3% dari bagian disiplin", "3% setiap kejadian"),
        ("Bagian disiplin", "Rp1.128.000", "40% × Rp3.000.000 × (100% − 6%)"),
        ("TPP kotor (bruto)", "Rp2.491.636", "Bagian kinerja + bagian disiplin"),
        (
            "Iuran BPJS Kesehatan 1% (bagian pegawai)",
            "−Rp24.916",
            "Dasar iuran gaji + TPP paling banyak Rp12.000.000; bagian gaji sudah dipotong dari gaji.",
        ),
        ("Iuran BPJS Kesehatan 4% dibayar pemda", "Rp99.665", "Hanya informasi: tidak dipotong dari TPP Anda."),
        ("PPh 21", "Rp0", "Tidak dipotong: ditanggung pemerintah."),
        ("TPP diterima (neto)", "Rp2.466.720", ""),
    ]
    assert row.neto == 2_466_720


def _row(**kw):
    """A row-like object as rules.hitung_tpp computes it for `masukan` under `aturan`."""
    m = kw.pop("masukan")
    a = kw.pop("aturan")
    h = rules.hitung_tpp(m, a)
    data = {f: getattr(h, f) for f in rules.HasilTpp.__dataclass_fields__}
    return SimpleNamespace(
        **data,
        kelas=m.kelas,
        golongan=m.golongan,
        hari_kerja=m.hari_kerja,
        hari_kerja_bulan=max(m.hari_kerja_bulan, m.hari_kerja),
        menit_valid=m.menit_valid,
        menit_per_hari=a.menit_per_hari,
        tunggakan=m.tunggakan,
        kejadian=dict(m.kejadian),
        masukan=m.as_json(),
    )


def test_cuti_besar_days_are_pro_rata_and_cuti_tahunan_credits_minutes():
    a = rules.NilaiAturan(besaran_kelas={7: 4_400_000})
    m = rules.MasukanTpp(
        kelas=7, golongan="III/b", hari_kerja=22, menit_valid=3_000,
        hari_permohonan={"CUTI_BESAR": 11, "CUTI_TAHUNAN": 2, "IZIN": 1},
    )  # fmt: skip
    row = _row(masukan=m, aturan=a)
    lines = {b.label: b for b in rincian(row, a)}
    pro_rata = lines["Dibayar untuk 11 dari 22 hari kerja"]
    assert pro_rata.nilai == "Rp2.200.000"
    assert pro_rata.keterangan == "11 hari cuti besar atau cuti di luar tanggungan negara tidak mendapat TPP."
    assert lines["Hari kerja dan target menit"].nilai == "3.300 menit"
    assert lines["Menit dari cuti yang disetujui"].nilai == "+600 menit"
    assert lines["Menit dari cuti yang disetujui"].keterangan == "2 hari cuti tahunan × 300 menit"
    assert lines["Pengurang batas capaian"].keterangan == "1 hari izin × 300 menit"
    # (3.000 + 600) minutes against a cap of 3.300 − 300 = 3.000 → 3.000 / 3.300
    assert lines["Capaian kinerja"].nilai == "90,91%"
    assert lines["Bagian kinerja"].keterangan == "60% × Rp2.200.000 × capaian 90,91%"


def test_leader_cascade_hukdis_and_pph_are_each_one_line():
    a = rules.NilaiAturan(besaran_kelas={9: 6_000_000}, pph_metode="TARIF_GOLONGAN")
    m = rules.MasukanTpp(
        kelas=9, golongan="III/d", hari_kerja=20, menit_valid=6_000, tunggakan=4, hukdis_pct=Decimal(25),
        kejadian={"TIDAK_APEL": 2, "PSW1": 1},
    )  # fmt: skip
    row = _row(masukan=m, aturan=a)
    lines = {b.label: b for b in rincian(row, a)}
    kaskade = lines["4 aktivitas bawahan terlambat diperiksa: bagian kinerja dipotong 4%"]
    assert (kaskade.nilai, kaskade.jenis) == ("−4%", "kurang")
    assert lines["Bagian kinerja"].keterangan == "60% × Rp6.000.000 × capaian 100% × (100% − 4%)"
    assert lines["Bagian kinerja"].nilai == "Rp3.456.000"
    assert lines["2 kali tidak mengikuti apel"].nilai == "−4% dari bagian disiplin"
    assert lines["1 kali pulang cepat PSW1 (1–30 menit)"].nilai == "−0,5% dari bagian disiplin"
    assert lines["Bagian disiplin"].nilai == "Rp2.292.000"  # 40% × 6.000.000 × 95,5%
    assert lines["Hukuman disiplin: potongan 25% dari TPP kotor"].nilai == "−Rp1.437.000"
    assert lines["PPh 21 5% (golongan III/d)"].nilai == "−" + "Rp" + f"{row.pph:,}".replace(",", ".")
    assert lines["TPP diterima (neto)"].nilai == "Rp" + f"{row.neto:,}".replace(",", ".")
    assert row.pph == 215_550  # 5% × (5.748.000 − 1.437.000)


def test_a_missing_amount_says_why_and_what_to_do_in_one_sentence():
    a = rules.NilaiAturan(besaran_kelas={})
    row = _row(masukan=rules.MasukanTpp(kelas=5, hari_kerja=22), aturan=a)
    assert masalah(row) == (
        "TPP belum dapat dihitung: Besaran TPP kelas jabatan 5 belum diatur pada aturan TPP. "
        "Hubungi BKPSDM agar data ini dilengkapi."
    )
    assert rincian(row, a) == [Baris("Mengapa tidak ada TPP", "", masalah(row), "masalah")]


def test_a_void_month_says_why():
    a = rules.NilaiAturan(besaran_kelas={5: 3_000_000})
    row = _row(masukan=rules.MasukanTpp(kelas=5, hari_kerja=22, kedudukan_hukum="04"), aturan=a)
    assert masalah(row).startswith("Kedudukan hukum pegawai tidak menerima TPP")
    assert masalah(row).endswith("hubungi pengelola kepegawaian (BKPSDM).")


@pytest.mark.parametrize(
    ("value", "pecahan", "text"),
    [(Decimal("0.757575"), True, "75,76%"), (Decimal(1), True, "100%"), (Decimal("0.5"), False, "0,5%"),
     (Decimal("1.25"), False, "1,25%"), (6, False, "6%")],
)  # fmt: skip
def test_percent_uses_a_decimal_comma(value, pecahan, text):
    assert persen(value, pecahan=pecahan) == text


def test_a_pemda_paying_by_predikat_explains_the_predikat_instead_of_minutes():
    a = rules.NilaiAturan(besaran_kelas={5: 3_000_000}, kinerja_dari_predikat=True)
    row = _row(masukan=rules.MasukanTpp(kelas=5, hari_kerja=22, predikat="BUTUH_PERBAIKAN"), aturan=a)
    labels = [b.label for b in rincian(row, a)]
    assert "Capaian kinerja menurut predikat SKP bulan ini: Butuh Perbaikan" in labels
    assert "Hari kerja dan target menit" not in labels
    assert {b.label: b.nilai for b in rincian(row, a)}["Bagian kinerja"] == "Rp1.350.000"


def test_someone_posted_part_of_the_month_reads_why_the_amount_is_pro_rata():
    a = rules.NilaiAturan(besaran_kelas={5: 3_000_000})
    m = rules.MasukanTpp(kelas=5, golongan="III/a", hari_kerja=10, hari_kerja_bulan=22)
    lines = {b.label: b for b in rincian(_row(masukan=m, aturan=a), a)}
    baris = lines["Dibayar untuk 10 dari 22 hari kerja"]
    assert baris.nilai == "Rp1.363.636"
    assert baris.keterangan == "Anda tercatat bertugas di pemda ini 10 dari 22 hari kerja bulan ini."
    assert lines["Bagian disiplin"].keterangan == "40% × Rp1.363.636 × (100% − 0%)"
