"""A pegawai logs in with their NIP in Chromium and sees who approves their work today."""

import re

import pytest
from playwright.sync_api import expect

from activities.models import Status
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets
from tests.helpers import aktivitas_baru

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pegawai_logs_in_and_sees_their_atasan(page, live_server, cast, login):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/masuk/"))
    assert axe_violations(page) == []
    shoot(page, "login-1280")

    login(page, cast.pegawai.nip_tampil, cast.password)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    expect(page.get_by_test_id("atasan")).to_contain_text("Kasubag Teliti")
    expect(page.get_by_test_id("atasan")).to_contain_text("Kepala Subbagian Umum")
    expect(page.get_by_test_id("atasan-atasan")).to_contain_text("Sekretaris Sejati")
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []
    shoot(page, "beranda-1280")


def test_beranda_works_on_a_360px_phone(page, live_server, cast, login):
    page.set_viewport_size(PHONE)
    login(page, cast.pegawai.nip, cast.password)
    expect(page.get_by_test_id("atasan")).to_contain_text("Kasubag Teliti")
    # nothing wider than the screen
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []
    shoot(page, "beranda-360")
    # the collapsed menu opens and logs out; each step waits for the one before to have finished
    # (a click on "Akun" while the menu was still sliding open was lost now and then)
    page.get_by_role("button", name="Buka menu").click()
    expect(page.locator("#menu-utama")).to_have_class(re.compile(r"\bshow\b"))
    akun = page.get_by_role("button", name="Akun")
    akun.click()
    expect(akun).to_have_attribute("aria-expanded", "true")
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/masuk/"))


def test_a_wrong_password_keeps_the_typed_nip(page, live_server, cast, login):
    page.set_viewport_size(PHONE)
    login(page, cast.pegawai.nip, "salah-sandi")
    expect(page.get_by_role("alert").or_(page.locator(".alert-danger, .alert-block"))).to_contain_text(
        "kata sandi salah"
    )
    expect(page.get_by_label("NIP atau nama pengguna")).to_have_value(cast.pegawai.nip)
    assert axe_violations(page) == []


def test_the_stylesheets_are_served(page, live_server, db):
    # without Bootstrap the page still "works", and axe then judges an unstyled page
    page.goto(f"{live_server.url}/masuk/")
    assert page.evaluate("() => getComputedStyle(document.body).margin") == "0px"
    assert page.evaluate("() => getComputedStyle(document.querySelector('.btn-primary')).minHeight") == "44px"


def test_axe_does_find_a_violation_when_there_is_one(page, live_server, db):
    # guards the guard: a page with an unlabelled input must fail the accessibility check
    page.goto(f"{live_server.url}/masuk/")
    page.evaluate("() => { const i = document.createElement('input'); document.body.appendChild(i); }")
    assert any(v["id"] == "label" for v in axe_violations(page))


@pytest.mark.parametrize("who", ["atasan", "atasan_atasan", "admin_opd"])
def test_the_menu_fits_one_line_on_a_1280px_screen(page, live_server, cast, login, who):
    """Also with both queues full (two-digit counts): the bell and Bantuan stay on the same line."""
    for _ in range(12):
        aktivitas_baru(cast.pegawai, status=Status.VERIFIED, verifikator=cast.atasan, validator=cast.atasan_atasan)
        aktivitas_baru(cast.atasan, status=Status.SUBMITTED, verifikator=cast.atasan_atasan, validator=cast.kadis)
    user = getattr(cast, who)
    user = getattr(user, "user", user)
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, user.username, cast.password)
    heights = page.evaluate(
        "() => [...document.querySelectorAll('.navbar .nav-link, .navbar .btn')]"
        ".map(e => e.getBoundingClientRect().height)"
    )
    assert heights and max(heights) < 60  # no item wraps onto a second line
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
