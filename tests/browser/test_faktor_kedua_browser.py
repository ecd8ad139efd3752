"""The second factor as an HR officer meets it on a phone: led to set it up at the first login, the
QR page and the backup codes at 360 px, then the code asked at the next login (axe, touch targets)."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import PHONE, axe_violations, small_touch_targets
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.faktor_kedua_asli]


def _fine(page) -> dict:
    return {
        "axe": axe_violations(page),
        "small": small_touch_targets(page),
        "wide": page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"],
    }


OK = {"axe": [], "small": [], "wide": False}


def _password(page, live_server, cast):
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("NIP atau nama pengguna").fill(cast.hr.username)
    page.get_by_label("Kata sandi").fill(cast.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_load_state("domcontentloaded")


def test_hr_sets_up_the_second_factor_on_a_phone_and_is_asked_next_time(page, live_server, cast):
    page.set_viewport_size(PHONE)
    _password(page, live_server, cast)
    assert page.url.endswith(reverse("faktor_pasang"))
    page.goto(f"{live_server.url}{reverse('tpp:aturan_list')}")  # any other page leads back
    assert page.url.endswith(reverse("faktor_pasang"))
    assert page.locator(".faktor-qr svg").is_visible()
    assert _fine(page) == OK
    device = TOTPDevice.objects.get(user=cast.hr, confirmed=False)
    page.get_by_label("Kode verifikasi").fill(totp_code(device))
    page.get_by_role("button", name="Aktifkan").click()
    page.get_by_role("heading", name="Kode cadangan").wait_for()
    assert page.locator(".kode-cadangan li").count() == 10
    assert _fine(page) == OK
    page.get_by_role("link", name="Sudah saya simpan, lanjutkan").click()
    page.wait_for_url(f"{live_server.url}{reverse('beranda')}")

    page.context.clear_cookies()
    _password(page, live_server, cast)
    assert reverse("faktor_periksa") in page.url
    assert _fine(page) == OK
    field = page.get_by_label("Kode verifikasi")
    assert field.get_attribute("autocomplete") == "one-time-code" and field.get_attribute("inputmode") == "numeric"
    field.fill(totp_code(device))  # the same 30 s step as the set-up: the app's next code
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url(f"{live_server.url}{reverse('beranda')}")
