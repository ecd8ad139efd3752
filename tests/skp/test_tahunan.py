"""The annual assessment of one pegawai (PermenPANRB 6/2022, evaluasi kinerja tahunan): a full
year with a mutation on 1 July, so two SKP periods with two pejabat penilai; the periodic predikat
side by side, the annual predikat, the angka kredit per period (PerBKN 3/2023) and the PDF."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Pegawai, Penempatan
from skp.models import Skp
from skp.services_penilaian import penilaian_save
from skp.tahunan import penilaian_tahunan
from tests.factories import JabatanFactory, PenempatanFactory
from tests.skp.conftest import TAHUN, add_rhk, approved, dibimbing, new_skp
from tests.skp.test_views import login, pdf_text

MUTASI = date(TAHUN, 7, 1)


def _nilai(penilai, skp, jenis, ke, hasil, perilaku):
    return penilaian_save(
        actor=penilai.user, skp=skp, jenis=jenis, ke=ke, hasil_kerja=hasil, perilaku_kerja=perilaku, saran=""
    )


@pytest.fixture
def tahun(cast, rencana):
    """Jan–Jun as Pengadministrasi under the kasubag (cast.atasan), then from 1 July an Analis
    (Ahli Muda) directly under the sekretaris (cast.atasan_atasan); both periods rated."""
    skp1 = new_skp(cast.pegawai, jenjang="AHLI_MUDA")
    add_rhk(skp1, induk=rencana.rhk_atasan)
    approved(skp1)
    Penempatan.objects.filter(pegawai=cast.pegawai).update(selesai=date(TAHUN, 6, 30))
    analis = JabatanFactory(unit=cast.sekretariat, parent=cast.j_sekretaris, nama="Analis SDM Aparatur", kelas=9)
    PenempatanFactory(pegawai=cast.pegawai, jabatan=analis, mulai=MUTASI)
    pegawai = Pegawai.objects.get(pk=cast.pegawai.pk)
    skp2 = new_skp(pegawai, mulai=MUTASI, jenjang="AHLI_MUDA")
    add_rhk(skp2, uraian="Analisis kebutuhan pegawai tersusun", induk=rencana.rhk_sek)
    approved(skp2)
    skp1.refresh_from_db()
    assert (skp1.selesai, skp1.penilai_id, skp2.penilai_id) == (
        date(TAHUN, 6, 30),
        cast.atasan.pk,
        cast.atasan_atasan.pk,
    )
    # the old atasan: Q1 Baik, Q2 Butuh Perbaikan (after coaching), the annual rating of Jan–Jun Baik
    _nilai(cast.atasan, skp1, "TRIWULAN", 1, "SESUAI", "SESUAI")
    dibimbing(skp1, tanggal=date(TAHUN, 5, 12), pembimbing=cast.atasan)
    _nilai(cast.atasan, skp1, "TRIWULAN", 2, "DI_BAWAH", "SESUAI")
    _nilai(cast.atasan, skp1, "TAHUNAN", 1, "SESUAI", "SESUAI")
    # the new atasan: Q3 Baik, Q4 Sangat Baik, the annual rating of Jul–Dec Sangat Baik
    _nilai(cast.atasan_atasan, skp2, "TRIWULAN", 3, "SESUAI", "DI_ATAS")
    _nilai(cast.atasan_atasan, skp2, "TRIWULAN", 4, "DI_ATAS", "DI_ATAS")
    _nilai(cast.atasan_atasan, skp2, "TAHUNAN", 1, "DI_ATAS", "DI_ATAS")
    return skp1, skp2


def test_the_year_has_two_periods_two_penilai_and_the_annual_figures(cast, tahun):
    skp1, skp2 = tahun
    t = penilaian_tahunan(cast.pegawai, TAHUN, list(Skp.objects.filter(pegawai=cast.pegawai)))
    assert [p.skp.pk for p in t.periode] == [skp1.pk, skp2.pk]
    assert [p.pk for p in t.penilai] == [cast.atasan.pk, cast.atasan_atasan.pk]
    assert [k for k, _label in t.kolom] == ["TRIWULAN-1", "TRIWULAN-2", "TRIWULAN-3", "TRIWULAN-4"]
    side = [[(dicakup, n.predikat if n else None) for _l, dicakup, n in p.sel] for p in t.periode]
    assert side == [
        [(True, "BAIK"), (True, "BUTUH_PERBAIKAN"), (False, None), (False, None)],
        [(False, None), (False, None), (True, "BAIK"), (True, "SANGAT_BAIK")],
    ]
    assert [p.predikat for p in t.periode] == ["BAIK", "SANGAT_BAIK"]
    assert t.predikat == "SANGAT_BAIK" and t.lengkap
    # PerBKN 3/2023, koefisien Ahli Muda 25: 6/12 × 100% × 25 + 6/12 × 150% × 25
    assert [(p.bulan, p.angka_kredit) for p in t.periode] == [(6, Decimal("12.5")), (6, Decimal("18.75"))]
    assert t.angka_kredit == Decimal("31.25") and str(t.angka_kredit_tampil) == "31.25"


def test_an_unrated_period_leaves_the_year_incomplete(cast, tahun):
    skp1, _skp2 = tahun
    skp1.penilaian.filter(jenis="TAHUNAN").delete()
    t = penilaian_tahunan(cast.pegawai, TAHUN, list(Skp.objects.filter(pegawai=cast.pegawai)))
    assert not t.lengkap and t.periode[0].angka_kredit is None and t.periode[0].penilai.pk == cast.atasan.pk
    assert t.angka_kredit == Decimal("18.75")


def test_the_page_shows_both_penilai_side_by_side(client, cast, tahun):
    url = reverse("skp:tahunan", args=[cast.pegawai.pk, TAHUN])
    for who in ("pegawai", "atasan", "atasan_atasan", "hr"):
        page = login(client, getattr(cast, who)).get(url)
        assert page.status_code == 200, who
        html = page.content.decode()
        assert cast.atasan.nama_lengkap in html and cast.atasan_atasan.nama_lengkap in html
        assert "Predikat kinerja tahunan: Sangat Baik" in html and "31,25" in html
        assert html.count("di luar periode") == 4
    assert login(client, cast.pegawai_lain).get(url).status_code == 404


def test_the_page_reads_in_a_fixed_number_of_queries(client, cast, tahun):
    url = reverse("skp:tahunan", args=[cast.pegawai.pk, TAHUN])
    client = login(client, cast.pegawai)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    # more evaluations of the same year cost nothing more (they are read in one query)
    skp1, skp2 = tahun
    skp2.penilaian.filter(jenis="TRIWULAN", ke=3).delete()
    skp1.penilaian.filter(jenis="TRIWULAN", ke=1).delete()
    with CaptureQueriesContext(connection) as fewer:
        client.get(url)
    assert len(fewer) == len(small) <= 40


def test_the_annual_pdf_is_in_the_national_layout(client, cast, tahun):
    response = login(client, cast.pegawai).get(reverse("skp:tahunan_pdf", args=[cast.pegawai.pk, TAHUN]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text and "PERIODE: TAHUNAN" in text
    assert "1 Januari 2026 s.d. 31 Desember 2026" in text
    assert cast.atasan.nama_lengkap in text and cast.atasan_atasan.nama_lengkap in text
    assert "Butuh Perbaikan" in text and "Sangat Baik" in text
    assert "Angka kredit 31,25 · 01-01: 12,5 (6 bulan) · 01-07: 18,75 (6 bulan)" in text
    assert "Baik Butuh Perbaikan × × Baik" in text and "× × Baik Sangat Baik Sangat Baik" in text
    assert "PREDIKAT KINERJA PEGAWAI" in text
