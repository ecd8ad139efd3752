"""The objection pages at 360 px (issue 19): the rated period with its filing window, the filing form,
the decider's list and decide form; no axe-core WCAG 2.2 AA violation, no touch target under 44 px,
nothing wider than the phone; the decision made through the page."""

import pytest
from django.urls import reverse

from skp.models import Keberatan
from tests.browser.conftest import PHONE, axe_violations, small_touch_targets
from tests.skp.conftest import dinilai_langsung

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> dict:
    return {
        "axe": axe_violations(page),
        "small": small_touch_targets(page)[:5],
        "width": page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"],
    }


def test_filing_and_deciding_at_360px(page, live_server, cast, login):
    p = dinilai_langsung(cast.pegawai, cast.atasan)
    page.set_viewport_size(PHONE)
    login(page, cast.pegawai.user.username, cast.password)
    problems = {}
    page.goto(f"{live_server.url}{reverse('skp:periode', args=[p.skp_id, 'TRIWULAN-4'])}")
    assert "2 Desember 2026" in page.get_by_test_id("batas-keberatan").inner_text()
    problems["periode"] = _check(page)
    page.goto(f"{live_server.url}{reverse('skp:keberatan_ajukan', args=[p.skp_id, 'TRIWULAN-4'])}")
    problems["ajukan"] = _check(page)
    page.get_by_label("Alasan keberatan").fill("Realisasi saya melebihi target; bukti di data dukung.")
    page.get_by_role("button", name="Ajukan keberatan").click()
    page.get_by_test_id("status-keberatan").wait_for()
    k = Keberatan.objects.get()

    page.context.clear_cookies()
    login(page, cast.atasan_atasan.user.username, cast.password)
    page.goto(f"{live_server.url}{reverse('skp:keberatan_daftar')}")
    problems["daftar"] = _check(page)
    page.goto(f"{live_server.url}{reverse('skp:keberatan_detail', args=[k.pk])}")
    problems["putus"] = _check(page)
    page.get_by_label("Ubah penilaian").check()
    page.get_by_label("Hasil kerja (bila diubah)").select_option("DI_ATAS")
    page.get_by_label("Perilaku kerja (bila diubah)").select_option("SESUAI")
    page.get_by_label("Alasan keputusan").fill("Bukti realisasi lengkap.")
    page.get_by_role("button", name="Simpan keputusan").click()
    assert page.get_by_test_id("predikat-baru").inner_text().startswith("Baik")
    problems["diputus"] = _check(page)
    assert {k: v for k, v in problems.items() if v["axe"] or v["small"] or v["width"]} == {}
