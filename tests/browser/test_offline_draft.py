"""Issue 8 in Chromium: nothing typed is lost. The entry form is saved on the server while typing
and comes back after a reload; sent while the network is down, it stays on the page and in the
browser with a message, and goes out exactly once when the network is back."""

import re

import pytest
from playwright.sync_api import expect

from activities.models import Aktivitas
from core.models import Draf
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFLINE = "Koneksi terputus. Isian Anda aman di perangkat ini dan akan dikirim otomatis saat koneksi kembali."
URAIAN = "Laporan kegiatan bulan ini: 12 halaman, sudah diperiksa kepala subbagian"


def fill(page, *, mulai="08:00", selesai="09:30", nama="Menyusun laporan bulanan", menit="90"):
    page.get_by_label("Jam mulai").fill(mulai)
    page.get_by_label("Jam selesai").fill(selesai)
    page.get_by_label("Nama kegiatan").fill(nama)
    page.get_by_label("Lama kegiatan (menit)").fill(menit)
    page.get_by_label("Uraian hasil / output").fill(URAIAN)


def test_a_form_sent_offline_is_kept_and_sent_once_when_back_online(browser, live_server, cast, login):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, cast.pegawai.nip, cast.password)
    page.goto(f"{live_server.url}/aktivitas/tambah/")
    fill(page)

    context.set_offline(True)
    page.get_by_role("button", name="Simpan sebagai draf").click()
    message = page.locator("[data-isian-pesan]")
    expect(message).to_have_text(OFFLINE)
    expect(message).to_be_visible()
    # nothing is lost: the page still holds every field, and the browser keeps a copy
    expect(page.get_by_label("Uraian hasil / output")).to_have_value(URAIAN)
    expect(page.get_by_label("Jam selesai")).to_have_value("09:30")
    kept = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('ekinerja:isian:'))")
    assert kept == [f"ekinerja:isian:{cast.pegawai.user.pk}:aktivitas:tambah"]
    assert Aktivitas.objects.count() == 0
    message.scroll_into_view_if_needed()
    shoot(page, "isian-luring-360")
    page.screenshot(path="/tmp/isian-luring-360.png")
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []
    # pressing again while offline does not queue a second send
    page.get_by_role("button", name="Simpan sebagai draf").click(force=True)

    context.set_offline(False)
    expect(page.locator(".alert-success").first).to_contain_text("disimpan sebagai draf", timeout=20_000)
    expect(page).to_have_url(re.compile(r"/aktivitas/(\?tanggal=.*)?$"))
    # the form's page (and its retry timer) is gone; a send still in flight would land before the
    # network goes quiet
    page.wait_for_load_state("networkidle")
    assert Aktivitas.objects.count() == 1
    a = Aktivitas.objects.get()
    assert (a.nama_kegiatan, a.uraian, a.menit_diajukan) == ("Menyusun laporan bulanan", URAIAN, 90)
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('ekinerja:isian:'))") == []
    assert not Draf.objects.exists()
    context.close()


def test_a_reload_after_a_partial_fill_restores_the_server_draft(browser, live_server, cast, login):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, cast.pegawai.nip, cast.password)
    page.goto(f"{live_server.url}/aktivitas/tambah/")
    page.get_by_label("Nama kegiatan").fill("Rapat koordinasi")
    page.get_by_label("Uraian hasil / output").fill("Notula setengah jadi")
    expect(page.locator(".draf-status")).to_contain_text("Draf tersimpan pukul", timeout=10_000)
    assert Draf.objects.get().data["uraian"] == "Notula setengah jadi"

    page.reload()
    expect(page.get_by_test_id("draf-pulih")).to_be_visible()
    expect(page.get_by_label("Uraian hasil / output")).to_have_value("Notula setengah jadi")
    expect(page.get_by_label("Nama kegiatan")).to_have_value("Rapat koordinasi")
    shoot(page, "isian-draf-pulih-360")
    page.screenshot(path="/tmp/isian-draf-pulih-360.png", full_page=True)
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []

    page.get_by_label("Jam selesai").fill("08:30")
    page.get_by_label("Lama kegiatan (menit)").fill("60")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.locator(".alert-success").first).to_contain_text("disimpan sebagai draf")
    assert Aktivitas.objects.count() == 1 and not Draf.objects.exists()
    page.goto(f"{live_server.url}/aktivitas/tambah/")
    expect(page.get_by_label("Uraian hasil / output")).to_have_value("")
    context.close()


def test_a_form_with_errors_comes_back_with_what_was_typed(browser, live_server, cast, login):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, cast.pegawai.nip, cast.password)
    page.goto(f"{live_server.url}/aktivitas/tambah/")
    fill(page, mulai="10:00", selesai="09:00")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.get_by_test_id("form-gagal")).to_be_visible()
    expect(page.get_by_label("Uraian hasil / output")).to_have_value(URAIAN)
    assert Aktivitas.objects.count() == 0
    page.get_by_label("Jam selesai").fill("11:30")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.locator(".alert-success").first).to_contain_text("disimpan sebagai draf")
    assert Aktivitas.objects.count() == 1
    context.close()


def test_logging_out_clears_what_this_browser_kept(browser, live_server, cast, login):
    """On a shared office PC the next person must not find the previous one's text."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, cast.pegawai.nip, cast.password)
    page.evaluate(
        "() => { localStorage.setItem('ekinerja:isian:1:aktivitas:tambah', '{}');"
        " localStorage.setItem('lain', 'tetap'); }"
    )
    page.get_by_role("button", name="Akun").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/masuk/"))
    assert page.evaluate("() => Object.keys(localStorage).sort()") == ["lain"]
    context.close()
