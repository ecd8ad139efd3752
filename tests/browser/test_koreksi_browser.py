"""Attendance moderation (issue 16) in Chromium at 360 px: a pegawai asks for a correction from their
month, the atasan approves it from the queue, and the admin's lists and outage pages with rows in
them pass axe, keep 44 px targets and fit the phone."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from attendance.models import GangguanMesin, HariPresensi, KoreksiPresensi
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, problems, name):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    found, small = axe_violations(page), small_touch_targets(page)
    if found or small or width > PHONE["width"]:
        problems[name] = {"axe": found, "small": small[:5], "width": width}


def test_a_correction_from_the_month_to_the_approved_day(browser, live_server, cast, login):
    problems: dict = {}
    pegawai = browser.new_context(viewport=PHONE).new_page()
    login(pegawai, cast.pegawai.nip, cast.password)
    pegawai.goto(f"{live_server.url}{reverse('presensi:saya')}")
    _clean(pegawai, problems, "saya")
    pegawai.get_by_test_id("ajukan-koreksi-2026-11-16").click()
    expect(pegawai.get_by_label("Koreksi yang diminta")).to_be_visible()
    _clean(pegawai, problems, "buat")
    pegawai.get_by_label("Koreksi yang diminta").select_option("HADIR")
    pegawai.get_by_label("Alasan").fill("Sidik jari tidak terbaca")
    pegawai.get_by_role("button", name="Kirim koreksi").click()
    expect(pegawai.get_by_test_id("status-koreksi")).to_contain_text("Diajukan")
    _clean(pegawai, problems, "detail-pemohon")
    shoot(pegawai, "koreksi-detail-360")

    atasan = browser.new_context(viewport=PHONE).new_page()
    login(atasan, cast.atasan.nip, cast.password)
    atasan.goto(f"{live_server.url}{reverse('presensi:koreksi_antrean')}")
    _clean(atasan, problems, "antrean")
    atasan.get_by_role("button", name="Setujui").click()
    expect(atasan.locator("main")).to_contain_text("1 hari presensi sudah diubah")
    k = KoreksiPresensi.objects.get()
    assert k.status == "DISETUJUI"
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=date(2026, 11, 16)).status == "HADIR"

    GangguanMesin.objects.create(
        pemda=cast.pemda, unit=cast.dinas, mulai=date(2026, 11, 12), selesai=date(2026, 11, 13), alasan="Mesin rusak"
    )
    admin = browser.new_context(viewport=PHONE).new_page()
    login(admin, cast.admin_opd.username, cast.password)
    for name in ("koreksi_kelola", "gangguan_mesin_list", "gangguan_mesin_create"):
        admin.goto(f"{live_server.url}{reverse('presensi:' + name)}")
        _clean(admin, problems, name)
    admin.goto(f"{live_server.url}{reverse('presensi:koreksi_detail', args=[k.pk])}")
    _clean(admin, problems, "detail-admin")
    admin.goto(f"{live_server.url}{reverse('presensi:koreksi_untuk', args=[cast.pegawai.pk])}")
    _clean(admin, problems, "untuk")
    assert problems == {}
