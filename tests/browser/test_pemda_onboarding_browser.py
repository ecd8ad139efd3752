"""Onboarding a pemda in a browser at 360 px (issue 16): the superadmin creates the pemda and its
first HR account, prints the letter; the HR activates with the code, sets up the authenticator app,
and opens the checklist of the new pemda. Every page on the way is axe-clean, has 44 px targets and
fits a phone."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Pemda, User
from tests.browser.conftest import PHONE, axe_violations, small_touch_targets
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SANDI = "Sandi-Baru-Papua-2026"
OK = {"axe": [], "small": [], "wide": False}


def _fine(page) -> dict:
    return {
        "axe": axe_violations(page),
        "small": small_touch_targets(page),
        "wide": page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"],
    }


def test_create_a_pemda_and_activate_its_first_hr(page, live_server, cast, login):
    page.set_viewport_size(PHONE)
    login(page, cast.superadmin.username, cast.password)
    page.goto(f"{live_server.url}{reverse('org:pemda_list')}")
    assert _fine(page) == OK
    page.get_by_role("link", name="Tambah pemda").click()
    page.wait_for_load_state("domcontentloaded")
    assert _fine(page) == OK
    page.get_by_label("Nama", exact=False).first.fill("Pemerintah Kabupaten Jayawijaya")
    page.get_by_label("Jenis").select_option("KABUPATEN")
    page.get_by_label("Kode", exact=False).first.fill("JYW")
    page.get_by_label("Zona waktu").select_option("Asia/Jayapura")
    page.get_by_role("button", name="Simpan pemda").click()
    page.get_by_label("Nama lengkap").wait_for()
    assert _fine(page) == OK
    page.get_by_label("Nama lengkap").fill("Rina Wenda")
    page.get_by_label("Nama pengguna").fill("hr.jayawijaya")
    page.get_by_role("button", name="Buat akun dan kode aktivasi").click()
    page.get_by_test_id("kode-aktivasi").wait_for()
    assert _fine(page) == OK
    kode = page.get_by_test_id("kode-aktivasi").inner_text()
    assert page.get_by_test_id("login-aktivasi").inner_text() == "hr.jayawijaya"
    page.context.clear_cookies()

    page.goto(f"{live_server.url}{reverse('aktivasi')}")
    page.get_by_label("NIP atau nama pengguna").fill("hr.jayawijaya")
    page.get_by_label("Kode aktivasi").fill(kode)
    page.locator("#id_new_password1").fill(SANDI)
    page.locator("#id_new_password2").fill(SANDI)
    page.get_by_role("button", name="Aktifkan dan masuk").click()
    page.wait_for_url(f"{live_server.url}{reverse('faktor_pasang')}")
    assert _fine(page) == OK
    hr = User.objects.get(username="hr.jayawijaya")
    page.get_by_label("Kode verifikasi").fill(totp_code(TOTPDevice.objects.get(user=hr, confirmed=False)))
    page.get_by_role("button", name="Aktifkan").click()
    page.wait_for_load_state("domcontentloaded")
    assert TOTPDevice.objects.get(user=hr).confirmed

    page.goto(f"{live_server.url}{reverse('persiapan')}")
    assert page.get_by_test_id("pemda-nama").inner_text() == Pemda.objects.get(kode="JYW").nama
    organisasi = page.get_by_test_id("persiapan-organisasi").inner_text()
    assert "0 OPD, 0 unit kerja, 0 jabatan." in organisasi and "Belum" in organisasi
    assert _fine(page) == OK
    page.goto(f"{live_server.url}{reverse('org:peran')}")
    assert _fine(page) == OK
