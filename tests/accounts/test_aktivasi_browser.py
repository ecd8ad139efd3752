"""The activation journey in a browser at 360 px: an admin OPD resets a colleague's password, prints
the letter, and the colleague activates the account with its code. Every page on the way is
axe-clean, has 44 px targets and fits a phone."""

import pytest
from django.urls import reverse

from accounts.models import User
from tests.browser.conftest import PHONE, axe_violations, small_touch_targets
from tests.factories import posted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Tomohon-bunga-2026"


@pytest.fixture(autouse=True)
def _static_files_by_name(settings):
    """live_server serves /static/ by plain names (as in tests/browser/conftest.py)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _fine(page) -> dict:
    return {
        "axe": axe_violations(page),
        "small": small_touch_targets(page),
        "wide": page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"],
    }


OK = {"axe": [], "small": [], "wide": False}


def test_reset_letter_and_activation_in_a_browser(page, live_server, cast, settings, tmp_path, login):
    settings.MEDIA_ROOT = tmp_path
    page.set_viewport_size(PHONE)
    login(page, cast.admin_opd.username, cast.password)

    page.goto(f"{live_server.url}{reverse('org:pegawai_detail', args=[cast.atasan.pk])}")
    assert page.get_by_test_id("reset-ditolak").is_visible()  # her own atasan: no button
    page.goto(f"{live_server.url}{reverse('org:pegawai_detail', args=[cast.pegawai.pk])}")
    assert _fine(page) == OK
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Atur ulang kata sandi (cetak surat)").click()
    page.get_by_test_id("kode-aktivasi").wait_for()
    assert _fine(page) == OK
    kode = page.get_by_test_id("kode-aktivasi").inner_text()

    baru = posted(cast.j_staf, nama="Pegawai Baru")
    User.objects.filter(pk=baru.user_id).update(wajib_ganti_password=True, password="!x")
    page.goto(f"{live_server.url}{reverse('org:aktivasi')}")
    assert _fine(page) == OK
    page.get_by_role("button", name="Buat kode dan lembarnya").click()
    page.get_by_role("button", name="Unduh PDF (sekali)").wait_for()
    assert _fine(page) == OK
    page.context.clear_cookies()

    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_role("link", name="Punya kode aktivasi? Aktifkan akun").click()
    page.wait_for_load_state("domcontentloaded")
    assert _fine(page) == OK
    page.get_by_label("NIP").fill(cast.pegawai.nip_tampil)
    page.get_by_label("Kode aktivasi").fill(kode.lower())
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Aktifkan dan masuk").click()
    page.wait_for_url(f"{live_server.url}{reverse('beranda')}")
    assert User.objects.get(pk=cast.pegawai.user_id).check_password(NEW_PASSWORD)
