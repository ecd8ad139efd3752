"""The bell and the notification list on a phone (issue 17): unread ones stand out, one tap opens the
page it points at and marks it read; the list and Akun › Pemberitahuan pass axe at 360 px."""

import pytest

from notifikasi.choices import Jenis
from notifikasi.models import Notifikasi
from tests.browser.conftest import PHONE, axe_violations, small_touch_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pegawai_opens_a_notification_from_the_bell_at_360px(page, live_server, cast, login):
    user = cast.pegawai.user
    Notifikasi.objects.create(
        pemda=cast.pemda, user=user, jenis=Jenis.UMPAN_BALIK, judul="Umpan balik baru", isi="Dari atasan."
    )
    Notifikasi.objects.create(
        pemda=cast.pemda, user=user, jenis=Jenis.AKTIVITAS_DIKEMBALIKAN, judul="Aktivitas dikembalikan",
        isi="Catatan: lengkapi uraian.", url="/aktivitas/",
    )  # fmt: skip
    page.set_viewport_size(PHONE)
    login(page, user.username, cast.password)
    bell = page.get_by_test_id("nav-notifikasi")
    assert bell.is_visible()  # outside the folded menu: seen without opening it
    assert page.get_by_role("link", name="Notifikasi 2 belum dibaca").is_visible()
    bell.click()
    page.get_by_test_id("notifikasi-daftar").wait_for()
    for url in (page.url, f"{live_server.url}/pengingat/"):
        page.goto(url)
        assert axe_violations(page) == [] and small_touch_targets(page) == []
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(f"{live_server.url}/notifikasi/")
    page.get_by_role("button", name="Belum dibaca Aktivitas dikembalikan").click()
    page.wait_for_url(f"{live_server.url}/aktivitas/")
    assert " ".join(page.get_by_test_id("nav-notifikasi").inner_text().split()) == "Notifikasi 1 belum dibaca"
    assert Notifikasi.objects.filter(user=user, dibaca__isnull=True).count() == 1
