"""Passkeys as an HR officer meets them on a phone (360 px): led to the set-up at the first login,
registers a passkey (a virtual authenticator over CDP: the phone's screen lock), keeps the backup
codes, and at the next login opens the pages with the passkey alone, no code typed. axe-clean, touch
targets ≥ 44 px, nothing wider than the screen; django-otp-webauthn's scripts run under our CSP."""

import pytest
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from tests.browser.conftest import PHONE, axe_violations, small_touch_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.faktor_kedua_asli]

OK = {"axe": [], "small": [], "wide": False, "csp": []}


def _fine(page, csp: list) -> dict:
    return {
        "axe": axe_violations(page),
        "small": small_touch_targets(page),
        "wide": page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"],
        "csp": csp,
    }


def _password(page, live_server, cast):
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("NIP atau nama pengguna").fill(cast.hr.username)
    page.get_by_label("Kata sandi").fill(cast.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_load_state("domcontentloaded")


@pytest.fixture
def phone_with_screen_lock(page):
    """The page's browser with a platform authenticator that stores passkeys and verifies the user
    (fingerprint, face or PIN) without asking."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return page


def test_hr_sets_up_a_passkey_on_a_phone_and_signs_in_with_it(phone_with_screen_lock, live_server, cast, settings):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    page = phone_with_screen_lock
    page.set_viewport_size(PHONE)
    csp = []  # what the browser refused under the Content Security Policy
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)

    _password(page, live_server, cast)
    assert page.url.endswith(reverse("faktor_pasang"))
    daftar = page.get_by_role("button", name="Daftarkan passkey")
    daftar.wait_for()  # django-otp-webauthn's script found WebAuthn and showed its button
    assert _fine(page, csp) == OK
    daftar.click()
    page.get_by_role("heading", name="Kode cadangan").wait_for()
    assert page.locator(".kode-cadangan li").count() == 10
    assert WebAuthnCredential.objects.filter(user=cast.hr, confirmed=True).count() == 1
    assert _fine(page, csp) == OK
    page.get_by_role("link", name="Sudah saya simpan, lanjutkan").click()
    page.wait_for_url(f"{live_server.url}{reverse('beranda')}")

    page.context.clear_cookies()
    _password(page, live_server, cast)
    assert reverse("faktor_periksa") in page.url
    passkey = page.get_by_role("button", name="Gunakan passkey")
    passkey.wait_for()
    assert _fine(page, csp) == OK
    passkey.click()
    page.wait_for_url(f"{live_server.url}{reverse('beranda')}")
    assert WebAuthnCredential.objects.get(user=cast.hr).last_used_at is not None

    # Akun › Verifikasi dua langkah: the passkey is listed, another can be added
    page.goto(f"{live_server.url}{reverse('faktor_kedua')}")
    assert page.get_by_text("Passkey didaftarkan").is_visible()
    page.get_by_role("button", name="Daftarkan passkey").wait_for()
    assert _fine(page, csp) == OK
