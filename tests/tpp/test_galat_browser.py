"""The list of rows that could not be computed, on the month page and the closing page, in a phone's
browser: axe-clean, 44 px targets, nothing wider than 360 px (issue 13)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.browser.conftest import PHONE, _static_files_by_name, axe_violations, small_touch_targets  # noqa: F401
from tests.tpp.util import aturan
from tpp.services import periode_ambil, tpp_periode_hitung

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    for where in ("tpp.calculation.today", "tpp.selectors.today", "tpp.views_hr.today"):
        monkeypatch.setattr(where, lambda: date(2026, 11, 22))


def test_the_failed_rows_pass_axe_at_360px(page, live_server, cast, login):
    aturan(cast.pemda, besaran_kelas={"6": 3_500_000, "9": 6_000_000, "11": 8_000_000, "14": 12_000_000})
    tpp_periode_hitung(actor=cast.hr, periode=periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10))
    page.set_viewport_size(PHONE)
    login(page, cast.hr.username, cast.password)
    for url in (reverse("tpp:bulan") + "?bulan=2026-10", reverse("tpp:bulan_tutup", args=[2026, 10])):
        assert page.goto(f"{live_server.url}{url}").status == 200
        assert page.get_by_test_id("galat-baris").count() == 2
        assert axe_violations(page) == []
        assert small_touch_targets(page) == []
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
