"""Helper entry at 360 px (issue 17): the helper's pages for a colleague, and the owner's day with an
entry typed for them (its "dicatat oleh" line and the take-back button), pass axe with 44 px targets
and nothing wider than the phone; the helper enters and submits one through the real form."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from activities.models import Aktivitas
from activities.services_pembantu import izin_beri, pembantu_create
from tests.browser.conftest import PHONE, axe_violations, small_touch_targets
from tests.factories import posted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, live_server, path: str) -> dict:
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200, path
    width = page.evaluate("() => document.documentElement.scrollWidth")
    return {"axe": axe_violations(page), "small": small_touch_targets(page)[:5], "wide": width > PHONE["width"]}


def test_the_helper_enters_for_a_colleague_and_the_owner_sees_it_at_360px(page, live_server, cast, login):
    operator = posted(cast.j_staf, nama="Operator Unit")
    izin_beri(actor=cast.pegawai.user, pembantu=pembantu_create(actor=cast.hr, pegawai=operator, unit=cast.subbag))
    page.set_viewport_size(PHONE)
    login(page, operator.user.username, cast.password)
    bantu = reverse("aktivitas:bantu_hari_ini", args=[cast.pegawai.pk])
    problems = {p: _check(page, live_server, p) for p in (reverse("aktivitas:bantu_rekan"), bantu)}
    page.get_by_role("link", name="+ Tambah aktivitas").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("aktivitas:bantu_tambah", args=[cast.pegawai.pk]))))
    problems["tambah"] = {"axe": axe_violations(page), "small": [], "wide": False}
    if page.get_by_label("Tulis kegiatan sendiri").count():
        page.get_by_label("Tulis kegiatan sendiri").check()
    page.get_by_label("Nama kegiatan").fill("Rapat koordinasi")
    page.get_by_label("Jam mulai").fill("08:00")
    page.get_by_label("Jam selesai").fill("09:00")
    page.get_by_label("Lama kegiatan (menit)").fill("60")
    page.get_by_label("Uraian hasil / output").fill("Notula rapat")
    page.get_by_role("button", name="Simpan dan ajukan").click()
    page.wait_for_load_state("domcontentloaded")
    assert (
        page.get_by_test_id("dicatat-oleh").first.inner_text() == "Dicatat oleh Operator Unit atas nama Pegawai Rajin"
    )
    a = Aktivitas.objects.get()
    assert (a.status, a.dicatat_oleh_id) == ("SUBMITTED", operator.user.pk)
    page.context.clear_cookies()
    login(page, cast.pegawai.user.username, cast.password)
    problems["owner"] = _check(page, live_server, reverse("aktivitas:hari_ini"))
    assert page.get_by_role("button", name="Tarik kembali Rapat koordinasi").is_visible()
    problems["minta"] = _check(page, live_server, reverse("aktivitas:minta_bantuan"))
    assert {k: v for k, v in problems.items() if any(v.values())} == {}
