"""The dashboards of issue 18 in Chromium at a 360 px phone and a 1280 px screen: the atasan's
calendar of bawahan and the unit dashboard of HR, axe-clean, 44 px targets, nothing wider than the
phone but the calendar's own scrolling box."""

from datetime import date, time

import pytest
from playwright.sync_api import expect

from activities.choices import JenisKejanggalan, Status
from activities.models_kejanggalan import Kejanggalan
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets
from tests.helpers import aktivitas_baru

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAYAR = {"width": 1280, "height": 900}


@pytest.fixture
def bulan(cast):
    p = cast.pegawai
    for i, status in enumerate(Status):
        aktivitas_baru(p, tanggal=date(2026, 11, 2 + i), status=status, verifikator=cast.atasan)
    a = aktivitas_baru(p, tanggal=date(2026, 11, 9), jam_mulai=time(10), jam_selesai=time(11))
    Kejanggalan.objects.create(
        pemda=cast.pemda, aktivitas=a, pegawai=p, tanggal=a.tanggal, jenis=JenisKejanggalan.SALINAN, penjelasan="x"
    )
    return p


def _lebar_halaman(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


@pytest.mark.parametrize("layar", [PHONE, LAYAR], ids=["360", "1280"])
def test_the_atasan_dashboard(page, live_server, cast, login, bulan, layar):
    page.set_viewport_size(layar)
    login(page, cast.atasan.nip, cast.password)
    page.goto(f"{live_server.url}/aktivitas/dasbor/bawahan/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pantau bawahan")
    expect(page.get_by_test_id("belum-hari-ini")).to_contain_text("Pegawai Rajin")
    sel = page.locator('td[data-tanggal="2026-11-02"][data-keadaan="draf"]').first
    expect(sel).to_contain_text("D")
    assert _lebar_halaman(page) <= layar["width"]
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []
    shoot(page, f"dasbor-bawahan-{layar['width']}")


@pytest.mark.parametrize("layar", [PHONE, LAYAR], ids=["360", "1280"])
def test_the_unit_dashboard(page, live_server, cast, login, bulan, layar):
    page.set_viewport_size(layar)
    login(page, cast.hr.username, cast.password)
    page.goto(f"{live_server.url}/aktivitas/dasbor/unit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dasbor unit")
    expect(page.get_by_test_id("tabel-unit")).to_contain_text("Dinas Pendidikan Uji")
    expect(page.get_by_test_id("tabel-antrean")).to_contain_text("Kasubag Teliti")
    expect(page.locator("svg.grafik")).to_have_count(2)
    assert _lebar_halaman(page) <= layar["width"]
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []
    shoot(page, f"dasbor-unit-{layar['width']}")
    with page.expect_download() as unduh:
        page.get_by_test_id("unduh-unit").click()
    assert unduh.value.suggested_filename == "dasbor-unit-2026-11.xlsx"
