"""The annual assessment and the coaching pages in Chromium at 360 px: the new pejabat penilai
reads the year (two periods, two penilai), records a coaching session through the form, and the
pages have no axe-core violation, no small touch target and no sideways scroll."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from skp.models import BimbinganKinerja
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets
from tests.skp.conftest import TAHUN, rencana  # noqa: F401 - fixtures
from tests.skp.test_tahunan import tahun  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, name):
    shoot(page, name)
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_penilai_reads_the_year_and_coaches_on_a_phone(page, live_server, cast, login, tahun):  # noqa: F811
    _skp1, skp2 = tahun
    page.set_viewport_size(PHONE)
    login(page, cast.atasan_atasan.user.username, cast.password)
    page.goto(f"{live_server.url}{reverse('skp:tahunan', args=[cast.pegawai.pk, TAHUN])}")
    expect(page.get_by_test_id("predikat-tahunan")).to_contain_text("Sangat Baik")
    expect(page.locator("main")).to_contain_text(cast.atasan.nama_lengkap)
    _check(page, "skp-tahunan-360")
    page.goto(f"{live_server.url}{reverse('skp:bimbingan', args=[skp2.pk])}")
    page.get_by_test_id("catat-bimbingan").click()
    page.get_by_label("Tanggal bimbingan").fill("2026-11-02")
    page.get_by_label("Aspek/topik bimbingan").fill("Analisis beban kerja")
    page.get_by_label("Hasil pengamatan dan umpan balik").fill("Data unit belum lengkap")
    page.get_by_label("Tindak lanjut yang disepakati").fill("Melengkapi data bersama kasubag")
    _check(page, "skp-bimbingan-form-360")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".alert-success").first).to_contain_text("sudah dicatat")
    expect(page.locator("main")).to_contain_text("Data unit belum lengkap")
    _check(page, "skp-bimbingan-360")
    assert BimbinganKinerja.objects.get(skp=skp2).pembimbing_id == cast.atasan_atasan.pk
