"""Issue 17, "measured, not assumed": the main job of the day in a few taps, each on the first screen.

A first-time pegawai on a 360 × 780 phone logs one of their recent activities and submits it; an
atasan verifies one day of one person. The login itself (NIP, password, "Masuk") is not counted:
neither persona has a second factor. Every tap goes through `Ketukan`, which refuses a control that
is not wholly inside the viewport, or that something else covers, at the moment it is tapped."""

import os
import re
from datetime import time, timedelta

import pytest
from playwright.sync_api import expect

from activities.choices import Status
from activities.models import Aktivitas
from activities.services import aktivitas_save
from tests.browser.conftest import axe_violations, shoot, small_touch_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PONSEL = {"width": 360, "height": 780}
LAYAR_LEBAR = {"width": 1280, "height": 800}

# the JavaScript that tells whether the control's centre is the control itself (not a sticky bar
# or a dialog over it): Playwright would otherwise wait, or scroll it into view, and still click
_TERTUTUP = """el => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(top && (top === el || el.contains(top) || top.contains(el)));
}"""


# Bootstrap scrolls smoothly to a link's #fragment: the page is measured once it has come to rest
# (the scroll position unchanged over a few animation frames), as a person would see it
_DIAM = """() => new Promise(done => {
    let last = -1, same = 0;
    const tick = () => {
        same = window.scrollY === last ? same + 1 : 0;
        last = window.scrollY;
        if (same >= 5) done(true); else requestAnimationFrame(tick);
    };
    tick();
})"""


class Ketukan:
    """Counts taps; each tapped control must be on screen as it is (no scrolling) and uncovered."""

    def __init__(self, page, nama: str):
        self.page, self.nama = page, nama
        self.dicatat: list[str] = []

    def __call__(self, locator, nama: str) -> None:
        self.page.wait_for_load_state("load")
        self.page.evaluate(_DIAM)
        locator.wait_for(state="visible")
        box = locator.bounding_box()
        layar = self.page.viewport_size
        assert box is not None, nama
        assert box["x"] >= 0 and box["y"] >= 0, f"{nama}: {box}"
        assert box["x"] + box["width"] <= layar["width"] and box["y"] + box["height"] <= layar["height"], (
            f"{nama} is outside the first screen: {box}"
        )
        assert not locator.evaluate(_TERTUTUP), f"{nama} is covered by another element"
        self.dicatat.append(nama)
        if folder := os.environ.get("SCREENSHOT_DIR"):  # the first screen as the person sees it
            self.page.screenshot(path=f"{folder}/ketukan-{self.nama}-{len(self.dicatat)}-layar.png")
        locator.click()
        self.page.wait_for_load_state("domcontentloaded")


def _isi(pegawai, hari_lalu: int, mulai: time, menit: int, nama: str, *, ajukan: bool = True) -> Aktivitas:
    from tests.helpers import TODAY

    selesai = (mulai.hour * 60 + mulai.minute) + menit
    return aktivitas_save(
        actor=pegawai.user,
        ajukan=ajukan,
        tanggal=TODAY - timedelta(days=hari_lalu),
        jam_mulai=mulai,
        jam_selesai=time(selesai // 60, selesai % 60),
        nama_kegiatan=nama,
        menit_diajukan=menit,
        uraian=f"{nama}: selesai",
    )


@pytest.fixture
def riwayat(cast, today):
    """What earlier days left: the pegawai's entries of Monday and Tuesday (waiting for the Kasubag),
    and an entry of a colleague under the same Kasubag whose name sorts first in the queue."""
    return {
        "senin": [
            _isi(cast.pegawai, 2, time(8), 60, "Menyusun notulen rapat staf"),
            _isi(cast.pegawai, 2, time(9), 120, "Mengagendakan surat masuk"),
        ],
        "selasa": [_isi(cast.pegawai, 1, time(8), 90, "Mengarsipkan surat keluar")],
        "rekan": [_isi(cast.admin_opd.pegawai, 1, time(8), 60, "Memutakhirkan data pegawai")],
    }


def test_a_first_time_pegawai_logs_a_recent_activity_in_three_taps(browser, live_server, cast, login, riwayat):
    page = browser.new_context(viewport=PONSEL).new_page()
    login(page, cast.pegawai.nip, cast.password)
    # first time: the welcome shows, after the day's task, and costs no tap
    expect(page.get_by_test_id("sambutan")).to_be_visible()
    shoot(page, "ketukan-pegawai-1-beranda-360")
    ketuk = Ketukan(page, "pegawai")

    ketuk(page.get_by_role("link", name="Isi aktivitas hari ini"), "Isi aktivitas hari ini")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hari ini")
    shoot(page, "ketukan-pegawai-2-hari-ini-360")
    ketuk(page.get_by_test_id("terakhir").get_by_role("link", name=re.compile("Mengarsipkan surat keluar")), "terakhir")
    expect(page.get_by_test_id("salinan")).to_contain_text("Mengarsipkan surat keluar")
    shoot(page, "ketukan-pegawai-3-formulir-360")
    ketuk(page.get_by_test_id("salinan").get_by_role("button", name="Simpan dan ajukan"), "Simpan dan ajukan")
    expect(page.locator(".alert-success").first).to_contain_text("sudah disimpan dan diajukan")

    assert len(ketuk.dicatat) <= 3, ketuk.dicatat
    baru = Aktivitas.objects.get(pegawai=cast.pegawai, tanggal=riwayat["selasa"][0].tanggal + timedelta(days=1))
    assert (baru.status, baru.nama_kegiatan, baru.menit_diajukan, baru.uraian) == (
        Status.SUBMITTED,
        "Mengarsipkan surat keluar",
        90,
        "Mengarsipkan surat keluar: selesai",
    )
    assert baru.durasi_menit == 90  # the next free slot of the day, as long as last time


def test_an_atasan_verifies_one_day_of_one_person_in_three_taps(browser, live_server, cast, login, riwayat):
    page = browser.new_context(viewport=PONSEL).new_page()
    login(page, cast.atasan.nip, cast.password)
    shoot(page, "ketukan-atasan-1-beranda-360")
    ketuk = Ketukan(page, "atasan")

    senin = riwayat["senin"][0].tanggal
    ketuk(page.get_by_role("link", name=re.compile(rf"Pegawai Rajin.*{senin.day} November")), "the person's day")
    hari = page.locator(f"#h-{cast.pegawai.pk}-{senin:%Y%m%d}")
    expect(hari).to_contain_text("Menyusun notulen rapat staf")
    shoot(page, "ketukan-atasan-2-antrean-360")
    ketuk(hari.get_by_label("Centang semua aktivitas hari ini"), "Centang semua aktivitas hari ini")
    expect(page.locator("[data-jumlah-terpilih]")).to_contain_text("2")
    ketuk(page.get_by_role("button", name=re.compile("^Verifikasi")), "Verifikasi")
    expect(page.locator(".alert-success").first).to_contain_text("2 aktivitas diverifikasi")

    assert len(ketuk.dicatat) <= 3, ketuk.dicatat
    status = {a.nama_kegiatan: a.status for a in Aktivitas.objects.all()}
    assert status == {
        "Menyusun notulen rapat staf": Status.VERIFIED,
        "Mengagendakan surat masuk": Status.VERIFIED,
        "Mengarsipkan surat keluar": Status.SUBMITTED,  # another day of the same person
        "Memutakhirkan data pegawai": Status.SUBMITTED,  # another person
    }


# Each persona's main control on the beranda, which must sit on the first screen of a phone.
UTAMA = {
    "pegawai": ("link", "Isi aktivitas hari ini"),
    "atasan": ("link", re.compile(r"^Buka antrean verifikasi")),
    "hr": ("link", re.compile(r"^Buka bulan TPP Oktober 2026")),
    "admin_opd": ("link", "Impor data mesin absen"),
}


@pytest.mark.parametrize("who", list(UTAMA))
def test_each_persona_finds_their_main_job_on_the_first_screen(browser, live_server, cast, login, riwayat, who):
    user = getattr(cast, who)
    user = getattr(user, "user", user)
    role, name = UTAMA[who]
    for size, label in ((PONSEL, "360"), (LAYAR_LEBAR, "1280")):
        page = browser.new_context(viewport=size).new_page()
        login(page, user.username if who == "hr" else user.pegawai.nip, cast.password)
        utama = page.get_by_role(role, name=name)
        expect(utama).to_be_visible()
        box = utama.bounding_box()
        assert box["y"] + box["height"] <= size["height"], f"{who} at {label}: {box}"
        assert page.evaluate("() => window.scrollY") == 0
        if size is PONSEL:
            assert page.evaluate("() => document.documentElement.scrollWidth") <= PONSEL["width"]
            assert axe_violations(page) == []
            assert small_touch_targets(page) == []
        shoot(page, f"beranda-{who}-{label}")
        page.context.close()
