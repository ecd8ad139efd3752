"""Helpers for the browser journeys: log in through the form, run axe-core, check touch targets."""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

AXE_SOURCE = (Path(__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740}


def axe_violations(page) -> list[dict]:
    """WCAG 2.2 AA violations that axe-core finds on the current page (evaluated over CDP, so the
    page's strict CSP stays on).

    A click no longer waits for the navigation it starts: the page is first let finish loading (its
    stylesheets applied, or colours are judged unstyled), and a run cut short by a navigation that
    was still under way is run again on the page it led to."""
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("() => typeof window.axe !== 'undefined'"):
                page.evaluate(AXE_SOURCE)
            result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
            break
        except PlaywrightError:
            if attempt == 2:
                raise
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [(n["target"], n["html"][:120], n["failureSummary"]) for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def small_touch_targets(page) -> list[str]:
    """Visible buttons, inputs and menu links smaller than 44 × 44 px (our rule, stricter than WCAG 2.5.8).

    A checkbox or radio is judged by its whole row (the label is part of the target)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('button, .btn, input:not([type=hidden]), select, .nav-link')]
            .filter(el => el.offsetParent !== null)
            .map(el => {
                const check = el.type === 'checkbox' || el.type === 'radio';
                const box = check ? (el.closest('.form-check') || (el.labels && el.labels[0]) || el) : el;
                return [el, box.getBoundingClientRect()];
            })
            .filter(([el, r]) => r.height < 44 || r.width < 44)
            .map(([el, r]) => `${el.tagName}.${el.className} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )


def shoot(page, name: str) -> None:
    """Keep a screenshot when SCREENSHOT_DIR is set (for a human to look at)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


# --- the guides' screenshots (issue 17) ---------------------------------------------------------------

PANDUAN_DIR = Path(__file__).resolve().parents[2] / "static" / "panduan"
PANDUAN_MUTU = 70  # WebP quality: the phone screens stay legible and each file well under 60 KB
PANDUAN_AMBANG = 8  # rendering noise (levels of 255) below which a screenshot counts as unchanged


def panduan_foto(page, name: str, *, elemen=None) -> Path:
    """The screenshot a guide step shows (panduan/isi.py names it): the viewport, not the full page
    (360 × 740 on a phone), as WebP in static/panduan/<name>.webp. `elemen` (a locator) is scrolled
    to the top of the screen first, for a step that happens lower on the page.

    Always written, so every run of the browser tests refreshes the guide and `git status` shows
    which screens changed; the screens are deterministic (pinned clock and date, fixed names and
    NIPs in the fixture data, no caret, no motion), and the file is rewritten only when a pixel
    differs visibly (_panduan_berubah), so an unchanged page leaves it untouched on the same
    Chromium and fonts.
    tests/test_panduan.py fails when a guide names a screenshot that no test takes. `name` must be a
    literal string at the call: that test finds the names by reading the test files."""
    from io import BytesIO

    from PIL import Image

    if elemen is not None:  # to the top of the screen, with its label (about 80 px) above it
        # one scroll, which the browser stops at the page's end (an element near the end shows the end)
        elemen.evaluate(
            "e => window.scrollTo({top: e.getBoundingClientRect().top + window.scrollY - 80, behavior: 'instant'})"
        )
    png = page.screenshot(animations="disabled", caret="hide", scale="css")
    out = BytesIO()
    Image.open(BytesIO(png)).convert("RGB").save(out, "WEBP", quality=PANDUAN_MUTU, method=6)
    path = PANDUAN_DIR / f"{name}.webp"
    data = out.getvalue()
    if not path.exists() or _panduan_berubah(path.read_bytes(), data):
        PANDUAN_DIR.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def _panduan_berubah(lama: bytes, baru: bytes) -> bool:
    """Whether the screen changed: some pixel differs by more than PANDUAN_AMBANG levels. A colour
    caught one frame before the end of its transition differs by a level or two; a changed word,
    button or layout by far more."""
    from io import BytesIO

    from PIL import Image, ImageChops

    if lama == baru:
        return False
    a, b = (Image.open(BytesIO(x)).convert("RGB") for x in (lama, baru))
    return a.size != b.size or ImageChops.difference(a, b).convert("L").getextrema()[1] > PANDUAN_AMBANG


@pytest.fixture(autouse=True)
def _static_files_by_name(settings):
    """live_server serves /static/ through the finders, which know files by their plain names, not
    by the hashed names of the manifest storage that production (DEBUG off) renders."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# --- a real month of data for the sweeps ---------------------------------------------------------

# A name (and a link) with no place to break: it must wrap, not widen a 360 px page.
NAMA_PANJANG = "Pegawai Bernamapanjangsekalitanpaspasiyangtidakbolehmelebarkanhalamanponselkecilsamasekali"
LINK_PANJANG = "https://drive.example.go.id/bukti/" + "laporankegiatanbulanan" * 8


@dataclass
class BulanNyata:
    panjang: object  # the pegawai with the long name (logs in with the cast's password)
    aktivitas: object  # the long-linked entry he submitted today
    draf: object  # his draft of today (its page has "Ubah", "Ajukan" and "Hapus")


@pytest.fixture
def bulan_nyata(cast, today) -> BulanNyata:
    """What a real month leaves behind, written through the services: a pegawai with a very long
    unbroken name (posted under the same Kasubag), the TPP rule set, a machine file of every
    weekday of the month so far for the staff and their atasan, an entry with a long evidence link
    waiting in the Kasubag's queue, a draft, and the month's TPP calculated."""
    from datetime import date, time, timedelta

    from accounts.choices import Golongan, StatusPegawai
    from accounts.services import pegawai_create
    from activities.services import aktivitas_save
    from tests.helpers import absen_bulan
    from tests.tpp.util import aturan
    from tpp.services import periode_ambil, tpp_periode_hitung

    aturan(cast.pemda)
    panjang = pegawai_create(
        actor=cast.hr,
        jabatan=cast.j_staf,
        mulai=date(2026, 1, 5),
        nip="199001012015031001",
        nama=NAMA_PANJANG,
        golongan=Golongan.III_A,
        status=StatusPegawai.PNS,
        gaji_dasar=3_500_000,
        password=cast.password,
    )
    orang = [cast.pegawai, panjang, cast.atasan, cast.atasan_atasan]
    absen_bulan(cast.hr, orang, start=today.replace(day=1), end=today - timedelta(days=1))
    aktivitas = aktivitas_save(
        actor=panjang.user,
        ajukan=True,
        tanggal=today,
        jam_mulai=time(7, 30),
        jam_selesai=time(9),
        nama_kegiatan="Menyusun laporan " + "pertanggungjawaban" * 4,
        menit_diajukan=90,
        uraian="Laporan selesai",
        bukti_link=LINK_PANJANG,
    )
    draf = aktivitas_save(
        actor=panjang.user,
        tanggal=today,
        jam_mulai=time(9),
        jam_selesai=time(10),
        nama_kegiatan="Rapat koordinasi",
        menit_diajukan=60,
        uraian="Notula",
    )
    tpp_periode_hitung(
        actor=cast.hr, periode=periode_ambil(pemda_id=cast.pemda.pk, tahun=today.year, bulan=today.month)
    )
    return BulanNyata(panjang=panjang, aktivitas=aktivitas, draf=draf)
