"""Sebaran predikat per OPD in Chromium at 360 px: HR sees the curve warning, sets the OPD's own
predikat from the page, and the warning goes away."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from skp.choices import Predikat
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets
from tests.skp.conftest import TAHUN
from tests.skp.test_sebaran import PERINGATAN_BAIK_BP, dinilai

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
URL = reverse("skp:sebaran")


def test_hr_sets_an_opd_predikat_on_a_phone(page, live_server, cast, login):
    P = Predikat
    dinilai(cast.dinas, P.SANGAT_BAIK, P.SANGAT_BAIK, P.SANGAT_BAIK, P.BAIK, P.BAIK)
    dinilai(cast.badan, P.BAIK, P.BUTUH_PERBAIKAN)
    page.set_viewport_size(PHONE)
    login(page, cast.hr.username, cast.password)
    page.goto(f"{live_server.url}{URL}?tahun={TAHUN}&periode=TRIWULAN-4")
    expect(page.get_by_test_id(f"peringatan-{cast.dinas.pk}")).to_contain_text(PERINGATAN_BAIK_BP)
    shoot(page, "skp-sebaran-360")
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("link", name=f"Ubah predikat {cast.dinas.nama}").click()
    expect(page.locator("#id_opd")).to_have_value(str(cast.dinas.pk))
    page.get_by_label("Predikat organisasi").select_option(label="Istimewa")
    page.get_by_role("button", name="Simpan predikat OPD").click()
    expect(page.locator(".alert-success").first).to_contain_text("Istimewa")
    expect(page.get_by_test_id(f"predikat-opd-{cast.dinas.pk}")).to_contain_text("Istimewa")
    expect(page.get_by_test_id(f"peringatan-{cast.dinas.pk}")).to_have_count(0)
    shoot(page, "skp-sebaran-360-ditetapkan")
