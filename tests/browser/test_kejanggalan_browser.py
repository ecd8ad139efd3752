"""The anomaly flags at 360 px (issue 18): the atasan sees a flag next to the entry in "Perlu
verifikasi", unfolds "Abaikan tanda ini", writes the note and dismisses it; the queue (folded and
unfolded) and HR's report pass axe with 44 px targets and nothing wider than the phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from activities.choices import JenisKejanggalan, Status
from activities.models import Aktivitas, Kejanggalan
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets
from tests.helpers import TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PENJELASAN = "Uraian yang sama ditulis pada 6 hari kerja bulan ini."


def _problems(page) -> dict:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    return {"axe": axe_violations(page), "small": small_touch_targets(page)[:5], "wide": width > PHONE["width"]}


def test_the_atasan_dismisses_a_flag_from_the_queue_at_360px(page, live_server, cast, login):
    a = Aktivitas.objects.create(
        pemda_id=cast.pemda.pk,
        pegawai=cast.pegawai,
        tanggal=TODAY,
        jam_mulai="08:00",
        jam_selesai="09:00",
        nama_kegiatan="Menyusun laporan harian",
        uraian="Laporan harian kegiatan kantor",
        menit_diajukan=60,
        menit=60,
        status=Status.SUBMITTED,
        verifikator=cast.atasan,
        validator=cast.atasan_atasan,
    )
    k = Kejanggalan.objects.create(
        pemda=cast.pemda,
        aktivitas=a,
        pegawai=cast.pegawai,
        tanggal=TODAY,
        jenis=JenisKejanggalan.TEKS_BERULANG,
        penjelasan=PENJELASAN,
    )
    page.set_viewport_size(PHONE)
    login(page, cast.atasan.nip, cast.password)
    page.goto(f"{live_server.url}{reverse('aktivitas:antrean_verifikasi')}")
    tanda = page.get_by_test_id("kejanggalan")
    expect(tanda).to_contain_text("Perlu dicek")
    expect(tanda).to_contain_text(PENJELASAN)
    problems = {"antrean": _problems(page)}
    tanda.get_by_text("Abaikan tanda ini").click()
    catatan = page.get_by_label(re.compile("Catatan \\(wajib\\)"))
    expect(catatan).to_be_visible()
    problems["terbuka"] = _problems(page)
    shoot(page, "kejanggalan-antrean-360")
    catatan.fill("Laporan harian memang berformat sama; isinya sudah saya cek.")
    page.get_by_role("button", name="Abaikan dengan catatan ini").click()
    expect(page.locator(".alert-success").first).to_contain_text("sudah diabaikan dengan catatan Anda")
    expect(page.get_by_test_id("kejanggalan")).to_have_count(0)
    k.refresh_from_db()
    assert (k.diabaikan_oleh_id, k.catatan_abai) == (
        cast.atasan.user.pk,
        "Laporan harian memang berformat sama; isinya sudah saya cek.",
    )
    problems["sesudah"] = _problems(page)

    # HR's report of the month shows it, dismissed
    page.context.clear_cookies()
    login(page, cast.hr.username, cast.password)
    page.goto(f"{live_server.url}{reverse('aktivitas:kejanggalan_list')}")
    expect(page.get_by_text(PENJELASAN)).to_be_visible()
    expect(page.locator("table").get_by_text("Sudah diabaikan")).to_be_visible()
    problems["laporan"] = _problems(page)
    page.goto(f"{live_server.url}{reverse('aktivitas:persetujuan_kilat')}")
    problems["kilat"] = _problems(page)
    assert {name: p for name, p in problems.items() if any(p.values())} == {}
