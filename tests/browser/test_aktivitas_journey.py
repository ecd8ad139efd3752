"""Issue 4's journey in Chromium: enter, submit, verify one and return one, fix, verify, validate."""

import re

import pytest
from playwright.sync_api import expect

from activities.choices import Status
from activities.models import Aktivitas
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_activity(page, live_server, *, mulai, selesai, nama, menit, uraian):
    page.goto(f"{live_server.url}/aktivitas/")
    page.get_by_role("link", name="+ Tambah aktivitas").click()
    page.get_by_label("Jam mulai").fill(mulai)
    page.get_by_label("Jam selesai").fill(selesai)
    page.get_by_label("Nama kegiatan").fill(nama)
    page.get_by_label("Lama kegiatan (menit)").fill(str(menit))
    page.get_by_label("Uraian hasil / output").fill(uraian)
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.locator(".alert-success").first).to_contain_text("disimpan sebagai draf")


def tick(page, nama):
    page.get_by_role("checkbox", name=re.compile(nama)).check()


def test_an_activity_goes_from_entry_to_validated(browser, live_server, cast, login):
    pegawai_page = browser.new_context(viewport=PHONE).new_page()
    login(pegawai_page, cast.pegawai.nip, cast.password)
    add_activity(
        pegawai_page,
        live_server,
        mulai="08:00",
        selesai="09:00",
        nama="Menyusun notulen rapat",
        menit=60,
        uraian="Notulen rapat staf 2 halaman",
    )
    add_activity(
        pegawai_page,
        live_server,
        mulai="09:00",
        selesai="10:30",
        nama="Mengarsipkan surat keluar",
        menit=90,
        uraian="40 surat keluar diarsipkan",
    )
    expect(pegawai_page.get_by_test_id("total")).to_contain_text("150")
    assert axe_violations(pegawai_page) == []
    assert small_touch_targets(pegawai_page) == []
    shoot(pegawai_page, "hari-ini-360")
    pegawai_page.get_by_role("button", name=re.compile("Ajukan semua draf")).click()
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {Status.SUBMITTED}

    # the atasan verifies one and returns the other with a note
    atasan_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(atasan_page, cast.atasan.nip, cast.password)
    atasan_page.goto(f"{live_server.url}/aktivitas/antrean/verifikasi/")
    expect(atasan_page.get_by_text("Menyusun notulen rapat")).to_be_visible()
    shoot(atasan_page, "antrean-verifikasi-1280")
    assert axe_violations(atasan_page) == []
    tick(atasan_page, "Menyusun notulen rapat")
    atasan_page.get_by_role("button", name=re.compile("^Verifikasi")).first.click()
    expect(atasan_page.locator(".alert-success").first).to_contain_text("1 aktivitas")
    tick(atasan_page, "Mengarsipkan surat keluar")
    atasan_page.get_by_role("button", name="Kembalikan…").click()
    atasan_page.get_by_label(re.compile("Catatan untuk pegawai \\(wajib\\)")).fill("Sebutkan nomor agenda suratnya")
    atasan_page.get_by_role("button", name="Kembalikan yang dicentang").click()
    expect(atasan_page.locator(".alert-success").first).to_contain_text("1 aktivitas")
    notulen = Aktivitas.objects.get(nama_kegiatan="Menyusun notulen rapat")
    arsip = Aktivitas.objects.get(nama_kegiatan="Mengarsipkan surat keluar")
    assert (notulen.status, arsip.status, arsip.catatan) == (
        Status.VERIFIED,
        Status.RETURNED,
        "Sebutkan nomor agenda suratnya",
    )

    # the pegawai sees the note, fixes the entry and submits it again
    pegawai_page.goto(f"{live_server.url}/aktivitas/")
    expect(pegawai_page.get_by_text("Sebutkan nomor agenda suratnya")).to_be_visible()
    pegawai_page.get_by_role("link", name=re.compile("Perbaiki")).click()
    pegawai_page.get_by_label("Uraian hasil / output").fill("40 surat keluar no. 800/101–800/140 diarsipkan")
    pegawai_page.get_by_role("button", name="Simpan dan ajukan").click()
    # the form is sent in the background (issue 8): wait for the page it leads to
    expect(pegawai_page.locator(".alert-success").first).to_contain_text("diajukan")
    arsip.refresh_from_db()
    assert arsip.status == Status.SUBMITTED and "800/101" in arsip.uraian

    # the atasan verifies it; the atasan's atasan validates both
    atasan_page.goto(f"{live_server.url}/aktivitas/antrean/verifikasi/")
    tick(atasan_page, "Mengarsipkan surat keluar")
    atasan_page.get_by_role("button", name=re.compile("^Verifikasi")).first.click()
    expect(atasan_page.locator(".alert-success").first).to_contain_text("1 aktivitas")
    validator_page = browser.new_context(viewport=PHONE).new_page()
    login(validator_page, cast.atasan_atasan.nip, cast.password)
    validator_page.goto(f"{live_server.url}/aktivitas/antrean/validasi/")
    expect(validator_page.get_by_text("Mengarsipkan surat keluar")).to_be_visible()
    assert axe_violations(validator_page) == []
    shoot(validator_page, "antrean-validasi-360")
    tick(validator_page, "Menyusun notulen rapat")
    tick(validator_page, "Mengarsipkan surat keluar")
    validator_page.get_by_role("button", name=re.compile("^Validasi")).first.click()
    expect(validator_page.locator(".alert-success").first).to_contain_text("2 aktivitas")
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {Status.VALIDATED}

    # the pegawai sees them validated and the minutes counted
    pegawai_page.goto(f"{live_server.url}/aktivitas/")
    expect(pegawai_page.get_by_text("Sudah divalidasi: 150 menit")).to_be_visible()
    pegawai_page.goto(f"{live_server.url}/aktivitas/rekap/")
    expect(pegawai_page.locator("main")).to_contain_text("150")
    shoot(pegawai_page, "rekap-360")
