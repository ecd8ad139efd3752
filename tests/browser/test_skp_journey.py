"""Issue 7's journey in Chromium: the atasan writes an RHK, the pegawai cascades theirs from it and
links an activity, the atasan rates the quarter in the grid, the predikat shows, the PDF downloads."""

import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from activities.choices import Status as AStatus
from activities.models import Aktivitas
from attendance.models import AturanPresensi
from skp.models import Penilaian, Rhk, Skp
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets
from tests.helpers import TODAY
from tests.skp.conftest import dibimbing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1280, "height": 900}


def check_page(page, name):
    assert axe_violations(page) == [], name
    assert small_touch_targets(page) == [], name
    shoot(page, name)


def create_skp_with_rhk(page, live_server, *, uraian, indikator, target, satuan, induk=None):
    page.goto(f"{live_server.url}/skp/")
    page.get_by_role("link", name="+ Buat SKP").click()
    page.get_by_role("button", name="Buat SKP").click()
    expect(page.locator(".alert-success").first).to_contain_text("SKP tahun")
    page.get_by_role("link", name="+ Tambah rencana hasil kerja").click()
    if induk:
        page.get_by_label("RHK atasan yang didukung (diintervensi)").select_option(label=induk)
    page.get_by_label("Rencana hasil kerja (RHK)").fill(uraian)
    page.get_by_label("Indikator kuantitas").fill(indikator)
    page.get_by_label("Target kuantitas").fill(str(target))
    page.get_by_label("Satuan", exact=True).fill(satuan)
    page.get_by_role("button", name="Simpan RHK").click()
    expect(page.locator(".alert-success").first).to_contain_text("Rencana hasil kerja sudah disimpan")


def test_from_cascaded_rhk_to_predikat_and_pdf(browser, live_server, cast, login, tmp_path):
    # the activity below is entered today, whatever the weekday: no attendance block in this journey
    AturanPresensi.objects.create(pemda=cast.pemda, berlaku_mulai=date(2000, 1, 1), blokir_aktivitas=False)

    # the atasan writes their RHK
    atasan_page = browser.new_context(viewport=WIDE).new_page()
    login(atasan_page, cast.atasan.nip, cast.password)
    create_skp_with_rhk(
        atasan_page,
        live_server,
        uraian="Administrasi umum tertib",
        indikator="Jumlah laporan",
        target=4,
        satuan="laporan",
    )
    shoot(atasan_page, "skp-detail-atasan-1280")

    # the pegawai cascades their own RHK from it, on a phone, and submits the SKP
    pegawai_page = browser.new_context(viewport=PHONE, accept_downloads=True).new_page()
    login(pegawai_page, cast.pegawai.nip, cast.password)
    pegawai_page.goto(f"{live_server.url}/skp/")
    check_page(pegawai_page, "skp-saya-360")
    pegawai_page.get_by_role("link", name="+ Buat SKP").click()
    check_page(pegawai_page, "skp-buat-360")
    pegawai_page.get_by_role("button", name="Buat SKP").click()
    pegawai_page.get_by_role("link", name="+ Tambah rencana hasil kerja").click()
    check_page(pegawai_page, "skp-rhk-form-360")
    pegawai_page.get_by_label("RHK atasan yang didukung (diintervensi)").select_option(label="Administrasi umum tertib")
    pegawai_page.get_by_label("Rencana hasil kerja (RHK)").fill("Surat dinas tersusun tepat waktu")
    pegawai_page.get_by_label("Indikator kuantitas").fill("Jumlah surat dinas")
    pegawai_page.get_by_label("Target kuantitas").fill("12")
    pegawai_page.get_by_label("Satuan", exact=True).fill("surat")
    pegawai_page.get_by_role("button", name="Simpan RHK").click()
    expect(pegawai_page.get_by_text("Mendukung RHK atasan: Administrasi umum tertib")).to_be_visible()
    pegawai_page.get_by_role("button", name="Ajukan SKP").click()
    expect(pegawai_page.locator(".alert-success").first).to_contain_text("Diajukan")
    check_page(pegawai_page, "skp-detail-pegawai-360")
    skp = Skp.objects.get(pegawai=cast.pegawai)
    rhk = Rhk.objects.get(skp=skp)
    assert (skp.status, skp.penilai, rhk.induk.uraian) == ("DIAJUKAN", cast.atasan, "Administrasi umum tertib")

    # the atasan approves it
    atasan_page.goto(f"{live_server.url}/skp/")
    atasan_page.get_by_role("link", name=re.compile("Periksa")).click()
    atasan_page.get_by_role("button", name="Setujui SKP").click()
    expect(atasan_page.locator(".alert-success").first).to_contain_text("Disetujui")

    # the pegawai links an activity to the RHK
    pegawai_page.goto(f"{live_server.url}/aktivitas/tambah/")
    pegawai_page.get_by_label("Jam mulai").fill("08:00")
    pegawai_page.get_by_label("Jam selesai").fill("09:00")
    pegawai_page.get_by_label("Nama kegiatan").fill("Menyusun surat dinas")
    pegawai_page.get_by_label("Lama kegiatan (menit)").fill("60")
    pegawai_page.get_by_label("Uraian hasil / output").fill("3 surat dinas undangan")
    pegawai_page.get_by_label("Mendukung RHK SKP saya").select_option(label="Surat dinas tersusun tepat waktu")
    pegawai_page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(pegawai_page.locator(".alert-success").first).to_contain_text("disimpan sebagai draf")
    aktivitas = Aktivitas.objects.get(pegawai=cast.pegawai)
    assert aktivitas.rhk == rhk
    # verification and validation are the activity journey's; here the entry is simply validated
    Aktivitas.objects.filter(pk=aktivitas.pk).update(status=AStatus.VALIDATED, volume=None)

    dibimbing(skp, tanggal=TODAY)  # a rating below Baik needs a coaching note in the period
    # the atasan rates the quarter in the grid: 1 of 3 surat suggests "di bawah ekspektasi"
    atasan_page.goto(f"{live_server.url}/skp/penilaian/")
    row = atasan_page.get_by_test_id(f"baris-{cast.pegawai.nip}")
    expect(row).to_contain_text("1 aktivitas tervalidasi, 60 menit")
    expect(row.get_by_label("Hasil kerja")).to_have_value("DI_BAWAH")
    check_page(atasan_page, "skp-grid-1280")
    row.get_by_label("Perilaku kerja").select_option("DI_ATAS")
    row.get_by_label("Umpan balik").fill("Tingkatkan jumlah surat")
    atasan_page.get_by_role("button", name="Simpan semua penilaian").click()
    expect(atasan_page.get_by_test_id(f"predikat-{cast.pegawai.nip}")).to_contain_text("Butuh Perbaikan")
    assert Penilaian.objects.get(skp=skp).predikat == "BUTUH_PERBAIKAN"
    atasan_page.set_viewport_size(PHONE)
    check_page(atasan_page, "skp-grid-360")

    # the pegawai sees the predikat and downloads the PDFs
    pegawai_page.goto(f"{live_server.url}/skp/{skp.pk}/")
    pegawai_page.get_by_role("link", name=re.compile("Buka.*Triwulan IV")).click()
    expect(pegawai_page.get_by_test_id("predikat")).to_contain_text("Butuh Perbaikan")
    check_page(pegawai_page, "skp-periode-360")
    for test_id, title in (("unduh-evaluasi", "EVALUASI KINERJA PEGAWAI"), ("unduh-skp", "SASARAN KINERJA PEGAWAI")):
        if test_id == "unduh-skp":
            pegawai_page.goto(f"{live_server.url}/skp/{skp.pk}/")
        with pegawai_page.expect_download() as info:
            pegawai_page.get_by_test_id(test_id).click()
        path = tmp_path / f"{test_id}.pdf"
        info.value.save_as(path)
        content = path.read_bytes()
        assert content.startswith(b"%PDF")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
        assert title in text and "Pegawai Rajin" in text and cast.pegawai.nip_tampil in text
        assert "Kasubag Teliti" in text
    pegawai_page.goto(f"{live_server.url}/skp/pohon/")
    expect(pegawai_page.get_by_text("Surat dinas tersusun tepat waktu")).to_be_visible()
    check_page(pegawai_page, "skp-pohon-360")
