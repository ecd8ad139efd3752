"""Every page a persona opens, at 360 px: no WCAG 2.2 AA violation that axe-core finds, no tiny
touch target, nothing wider than the phone."""

import pytest
from django.urls import reverse

from tests.browser.conftest import PHONE, axe_violations, small_touch_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "pegawai": [
        "aktivitas:tambah",
        "aktivitas:kalender",
        "aktivitas:rekap",
        "presensi:saya",
        "presensi:permohonan_list",
        "presensi:permohonan_create",
        "password_change",
    ],
    "atasan": ["aktivitas:antrean_verifikasi", "presensi:permohonan_antrean"],
    "admin_opd": [
        "org:pegawai_list",
        "org:pegawai_create",
        "org:jabatan_list",
        "org:jabatan_create",
        "org:unit_list",
        "org:unit_create",
        "org:penempatan_list",
        "org:penempatan_create",
        "org:impor",
        "aktivitas:katalog_list",
        "aktivitas:katalog_create",
        "aktivitas:katalog_impor",
        "aktivitas:dispensasi_list",
        "aktivitas:dispensasi_create",
        "aktivitas:rekap_unit",
        "presensi:pin_list",
        "presensi:pin_create",
        "presensi:rekap_unit",
        "presensi:kumulatif",
        "presensi:kejadian_create",
        "tpp:uang_makan",
    ],
    "hr": [
        "aktivitas:gangguan_list",
        "aktivitas:gangguan_create",
        "presensi:libur_list",
        "presensi:libur_create",
        "presensi:libur_impor",
        "presensi:jadwal_list",
        "presensi:jadwal_create",
        "presensi:token_list",
    ],
}


@pytest.mark.parametrize("who", list(PAGES))
def test_every_page_passes_axe_at_360px(page, live_server, cast, login, who):
    user = getattr(cast, who)
    user = getattr(user, "user", user)
    page.set_viewport_size(PHONE)
    login(page, user.username, cast.password)
    problems = {}
    for name in PAGES[who]:
        response = page.goto(f"{live_server.url}{reverse(name)}")
        assert response.status == 200, name
        found = axe_violations(page)
        small = small_touch_targets(page)
        wide = page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"]
        if found or small or wide:
            problems[name] = {"axe": found, "small": small[:5], "too_wide": wide}
    assert problems == {}
