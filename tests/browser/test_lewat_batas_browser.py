"""Issue 18 at 360 px: the atasan's atasan opens "Lewat batas" from the Beranda, sees the entry left
overdue in the kasubag's queue (axe clean, 44 px targets, nothing wider than the phone), and returns it
in the kasubag's place with a note; with the pemda's rule off the same page is read-only."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from activities.choices import Peran, Status
from activities.models import Aktivitas, AktivitasLog, AturanAktivitas
from tests.browser.conftest import PHONE, axe_violations, small_touch_targets
from tests.helpers import aktivitas_baru

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _problems(page) -> dict:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    found = {"axe": axe_violations(page), "small": small_touch_targets(page)[:5], "wide": width > PHONE["width"]}
    return {k: v for k, v in found.items() if v}


def _lewat_batas(cast) -> Aktivitas:
    tiba = datetime.combine(date(2026, 11, 12), time(9), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return aktivitas_baru(
        cast.pegawai,
        tanggal=date(2026, 11, 12),
        status=Status.SUBMITTED,
        verifikator=cast.atasan,
        validator=cast.atasan_atasan,
        diajukan_pada=tiba,
        nama_kegiatan="Menyusun notulen rapat",
    )


def test_the_atasans_atasan_returns_an_overdue_entry_at_360px(page, live_server, cast, login):
    aturan = AturanAktivitas.objects.create(
        pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), eskalasi_boleh_bertindak=False
    )
    a = _lewat_batas(cast)
    page.set_viewport_size(PHONE)
    login(page, cast.atasan_atasan.user.username, cast.password)
    page.goto(f"{live_server.url}{reverse('beranda')}")
    page.get_by_role("link", name="Lihat daftar lewat batas").click()
    page.wait_for_url(f"**{reverse('aktivitas:lewat_batas')}")
    problems = {"read-only": _problems(page)}
    assert "Ingatkan Kasubag Teliti" in page.get_by_test_id("hanya-lihat").inner_text()
    assert page.get_by_role("button", name="Kembalikan ke pegawai").count() == 0

    aturan.eskalasi_boleh_bertindak = True
    aturan.save()
    page.reload()
    problems["acting"] = _problems(page)
    page.get_by_label("Catatan untuk pegawai (wajib bila mengembalikan)").fill("Lampirkan notulennya")
    page.get_by_role("button", name="Kembalikan ke pegawai").click()
    page.wait_for_load_state("load")
    assert "menggantikan atasannya" in page.locator(".alert").first.inner_text()
    problems["after"] = _problems(page)
    a.refresh_from_db()
    assert a.status == Status.RETURNED
    assert AktivitasLog.objects.get(aktivitas=a).peran == Peran.ESKALASI
    assert {k: v for k, v in problems.items() if v} == {}
