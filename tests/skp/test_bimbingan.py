"""Performance coaching (bimbingan kinerja, PermenPANRB 6/2022 annex): recorded by the pejabat
penilai only, read by the pegawai, printed as PDF; a rating below Baik needs a coaching note."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditLog
from skp.models import BimbinganKinerja, Penilaian
from skp.services_penilaian import bimbingan_hasil_save, bimbingan_save, penilaian_save
from tests.skp.conftest import TAHUN, add_rhk, approved, new_skp
from tests.skp.test_views import login, pdf_text

NOV = date(TAHUN, 11, 2)


@pytest.fixture
def skp(cast, rencana):
    skp = new_skp(cast.pegawai)
    add_rhk(skp, induk=rencana.rhk_atasan)
    return approved(skp)


def _catat(actor, skp, **kw):
    data = {"tanggal": NOV, "aspek": "Ketepatan waktu laporan", "temuan": "Laporan Oktober terlambat 5 hari"}
    data |= {"tindak_lanjut": "Menyusun jadwal mingguan", "tenggat": date(TAHUN, 11, 30)} | kw
    return bimbingan_save(actor=actor.user, skp=skp, **data)


def _nilai(actor, skp, hasil_kerja="DI_BAWAH", perilaku_kerja="SESUAI", jenis="TRIWULAN", ke=4):
    return penilaian_save(
        actor=actor.user, skp=skp, jenis=jenis, ke=ke, hasil_kerja=hasil_kerja, perilaku_kerja=perilaku_kerja, saran=""
    )


def test_the_penilai_records_a_session_and_its_follow_up(cast, skp):
    b = _catat(cast.atasan, skp)
    assert (b.pembimbing_id, b.skp_id, b.pemda_id, b.hasil_tindak_lanjut) == (cast.atasan.pk, skp.pk, cast.pemda.pk, "")
    b = bimbingan_hasil_save(actor=cast.atasan.user, bimbingan=b, hasil_tindak_lanjut="  Laporan November tepat waktu ")
    assert b.hasil_tindak_lanjut == "Laporan November tepat waktu" and b.hasil_dicatat_pada is not None
    aksi = list(AuditLog.objects.filter(aksi__startswith="bimbingan:").order_by("seq").values_list("aksi", flat=True))
    assert aksi == ["bimbingan:catat", "bimbingan:hasil"]


@pytest.mark.parametrize("who", ["pegawai", "atasan_atasan", "pegawai_lain", "kadis"])
def test_nobody_but_the_penilai_records_coaching(cast, skp, who):
    with pytest.raises(PermissionDenied):
        _catat(getattr(cast, who), skp)
    b = _catat(cast.atasan, skp)
    with pytest.raises(PermissionDenied):
        bimbingan_hasil_save(actor=getattr(cast, who).user, bimbingan=b, hasil_tindak_lanjut="Selesai")
    assert BimbinganKinerja.objects.count() == 1


def test_coaching_is_dated_within_the_skp_and_not_in_the_future(cast, skp):
    with pytest.raises(ValidationError, match="masa depan"):
        _catat(cast.atasan, skp, tanggal=date(TAHUN, 11, 19), tenggat=None)
    with pytest.raises(ValidationError, match="di dalam masa SKP"):
        _catat(cast.atasan, skp, tanggal=date(TAHUN - 1, 12, 31))
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        _catat(cast.atasan, skp, tenggat=date(TAHUN, 11, 1))
    assert not BimbinganKinerja.objects.exists()


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        ("DI_BAWAH", "SESUAI", "BUTUH_PERBAIKAN"),
        ("SESUAI", "DI_BAWAH", "KURANG"),
        ("DI_BAWAH", "DI_BAWAH", "SANGAT_KURANG"),
    ],
)
def test_a_rating_below_baik_needs_a_coaching_note_in_the_period(cast, skp, hasil, perilaku, predikat):
    with pytest.raises(ValidationError) as e:
        _nilai(cast.atasan, skp, hasil, perilaku)
    assert "catatan bimbingan kinerja" in e.value.messages[0] and "Pegawai Rajin" in e.value.messages[0]
    assert not Penilaian.objects.filter(skp=skp).exclude(predikat="").exists()
    _catat(cast.atasan, skp, tanggal=date(TAHUN, 9, 15), tenggat=None)  # Q3: not this period
    with pytest.raises(ValidationError):
        _nilai(cast.atasan, skp, hasil, perilaku)
    _catat(cast.atasan, skp)  # 2 November: Q4
    assert _nilai(cast.atasan, skp, hasil, perilaku).predikat == predikat
    # the Q3 note covers Q3 and the whole year
    assert _nilai(cast.atasan, skp, hasil, perilaku, ke=3).predikat == predikat
    assert _nilai(cast.atasan, skp, hasil, perilaku, jenis="TAHUNAN", ke=1).predikat == predikat


def test_a_rating_of_baik_or_better_needs_no_coaching(cast, skp):
    assert _nilai(cast.atasan, skp, "SESUAI", "SESUAI").predikat == "BAIK"
    assert _nilai(cast.atasan, skp, "DI_ATAS", "DI_ATAS").predikat == "SANGAT_BAIK"


def test_the_period_page_links_the_rater_to_the_coaching_form(client, cast, skp):
    url = reverse("skp:periode", args=[skp.pk, "TRIWULAN-4"])
    page = login(client, cast.atasan).post(
        url, {"nilai": "1", "hasil_kerja": "DI_BAWAH", "perilaku_kerja": "SESUAI", "alasan_beda_saran": "x"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "catatan bimbingan kinerja untuk Pegawai Rajin" in html
    assert reverse("skp:bimbingan_tambah", args=[skp.pk]) in html


def test_the_penilai_uses_the_form_and_the_pegawai_reads_it(client, cast, skp):
    url = reverse("skp:bimbingan_tambah", args=[skp.pk])
    data = {"tanggal": "2026-11-02", "aspek": "Kualitas surat", "temuan": "Banyak salah ketik"}
    data |= {"tindak_lanjut": "Periksa ulang sebelum dikirim", "tenggat": "2026-11-30"}
    response = login(client, cast.atasan).post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse("skp:bimbingan", args=[skp.pk])
    b = BimbinganKinerja.objects.get()
    hasil = reverse("skp:bimbingan_hasil", args=[b.pk])
    assert login(client, cast.atasan).post(hasil, {"hasil_tindak_lanjut": "Surat November bersih"}).status_code == 302
    page = login(client, cast.pegawai).get(reverse("skp:bimbingan", args=[skp.pk])).content.decode()
    assert "Kualitas surat" in page and "Surat November bersih" in page and hasil not in page
    assert url not in page  # the pegawai does not coach themself
    assert login(client, cast.pegawai).post(url, data).status_code == 403
    assert BimbinganKinerja.objects.count() == 1


def test_the_coaching_pdf_has_both_annex_formats(client, cast, skp):
    b = _catat(cast.atasan, skp)
    bimbingan_hasil_save(actor=cast.atasan.user, bimbingan=b, hasil_tindak_lanjut="Jadwal dipatuhi")
    response = login(client, cast.pegawai).get(reverse("skp:bimbingan_pdf", args=[skp.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "UMPAN BALIK PELAKSANAAN BIMBINGAN KINERJA" in text and "EVALUASI KOMPETENSI DAN TINDAK LANJUT" in text
    assert "Laporan Oktober terlambat 5 hari" in text and "Jadwal dipatuhi" in text and "30-11-2026" in text


def test_the_grid_refuses_the_row_and_links_the_coaching_form(client, cast, skp):
    grid = reverse("skp:penilaian_grid") + f"?tahun={TAHUN}&periode=TRIWULAN-4"
    data = {f"s{skp.pk}-hasil_kerja": "DI_BAWAH", f"s{skp.pk}-perilaku_kerja": "DI_BAWAH"}
    data[f"s{skp.pk}-alasan_beda_saran"] = "Tidak ada kemajuan"
    response = login(client, cast.atasan).post(grid, data)
    html = response.content.decode()
    assert response.status_code == 200 and "catatan bimbingan kinerja untuk Pegawai Rajin" in html
    assert f'data-testid="bimbingan-{cast.pegawai.nip}"' in html
    assert reverse("skp:bimbingan_tambah", args=[skp.pk]) in html
    assert not Penilaian.objects.filter(skp=skp).exclude(predikat="").exists()
    _catat(cast.atasan, skp)
    assert login(client, cast.atasan).post(grid, data).status_code == 302
    assert Penilaian.objects.get(skp=skp, jenis="TRIWULAN", ke=4).predikat == "SANGAT_KURANG"
