"""The rule pages as HR meets them (issue 16) in Chromium at 360 px: the preview box of each rule
form, with its numbers, passes axe, keeps 44 px targets and fits the phone; nothing is saved until
"Simpan aturan"."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from activities.models import AturanAktivitas
from attendance.models import AturanPresensi
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets
from tests.tpp.util import aturan, validated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, name: str) -> None:
    assert axe_violations(page) == [], name
    assert small_touch_targets(page) == [], name
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], name
    shoot(page, name)


def test_hr_previews_then_saves_each_rule_at_360px(browser, live_server, cast, login, today):
    aturan(cast.pemda)
    validated(cast.pegawai, 1_500, tanggal=date(2026, 11, 2))
    hr = browser.new_context(viewport=PHONE).new_page()
    login(hr, cast.hr.username, cast.password)

    hr.goto(f"{live_server.url}{reverse('tpp:aturan_aktivitas_create')}")
    hr.get_by_label("Menit kerja per hari").fill("270")
    hr.get_by_label("Alasan perubahan").fill("Perbup 12/2026")
    hr.get_by_role("button", name="Pratinjau").click()
    box = hr.get_by_test_id("pratinjau")
    expect(box).to_contain_text("November 2026")
    expect(box).to_contain_text("TPP 1 pegawai berubah")
    expect(hr.get_by_label("Menit kerja per hari")).to_have_value("270")  # nothing typed is lost
    assert not AturanAktivitas.objects.exists()
    _clean(hr, "aturan-aktivitas-pratinjau-360")
    hr.get_by_role("button", name="Simpan aturan").click()
    expect(hr.locator("h1")).to_contain_text("Aturan aktivitas")
    assert AturanAktivitas.objects.get().menit_per_hari == 270

    hr.goto(f"{live_server.url}{reverse('tpp:aturan_presensi_create')}")
    hr.get_by_label("Alasan perubahan").fill("SBM 2027")
    hr.get_by_role("button", name="Pratinjau").click()
    expect(hr.get_by_test_id("pratinjau")).to_be_visible()
    assert not AturanPresensi.objects.exists()
    _clean(hr, "aturan-presensi-pratinjau-360")

    hr.goto(f"{live_server.url}{reverse('tpp:aturan_create')}")
    hr.get_by_label("Alasan perubahan").first.fill("Perbup TPP 2027")
    hr.get_by_role("button", name="Pratinjau").click()
    expect(hr.get_by_test_id("pratinjau")).to_contain_text("TPP")
    _clean(hr, "aturan-tpp-pratinjau-360")
