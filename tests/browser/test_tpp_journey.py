"""Issue 6's journey in Chromium with a real Celery worker: HR calculates October, starts the monthly
recap from the month page, watches the bar reach 100% and downloads the xlsx; the pegawai opens
"Rincian TPP saya" on a phone and reads why the amount is what it is."""

import os
import re
import threading
from io import BytesIO

import pytest
from django.db.models import Sum
from openpyxl import load_workbook
from playwright.sync_api import expect

from attendance.choices import StatusHari
from core.models import Job
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets
from tests.helpers import celery_worker
from tests.tpp.util import HARI_OKTOBER, aturan, bulan_hadir, validated
from tpp import recap
from tpp.models import BarisTpp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)"),
]


def _clean(page, name: str) -> None:
    assert axe_violations(page) == [], name
    assert small_touch_targets(page) == [], name
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], name
    shoot(page, name)


def _bar_full(page) -> None:
    status = page.locator("#job-status")
    expect(status).to_contain_text("Selesai", timeout=30_000)
    expect(status).to_contain_text("(100%)")
    bar = page.locator("#job-status progress")
    assert bar.get_attribute("value") == bar.get_attribute("max")


def test_hr_recaps_october_and_the_pegawai_reads_the_rincian(
    browser, live_server, cast, login, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    # the file writing holds after each step until the test has seen the bar moving (the job runs in
    # this process's worker thread)
    seen = threading.Event()
    menulis = recap._menulis

    def held(job, total):
        progress = menulis(job, total)
        return lambda n: (progress(n), seen.wait(timeout=30))

    monkeypatch.setattr(recap, "_menulis", held)
    aturan(cast.pemda)
    validated(cast.pegawai, 5_000)
    tl2 = {"menit_terlambat": 40, "band_tl": "TL2", "jam_masuk": None}
    bulan_hadir(cast.pegawai, {d: (StatusHari.TERLAMBAT, tl2) for d in HARI_OKTOBER[:3]})

    hr = browser.new_context(viewport=PHONE, accept_downloads=True).new_page()
    login(hr, cast.hr.username, cast.password)
    with celery_worker():
        hr.goto(f"{live_server.url}/tpp/bulan/?bulan=2026-10")
        expect(hr.get_by_test_id("status")).to_have_text("Terbuka")
        _clean(hr, "tpp-bulan-terbuka-360")
        hr.get_by_role("button", name="Hitung TPP").click()
        _bar_full(hr)
        hr.get_by_role("link", name="Kembali").click()
        expect(hr.get_by_test_id("status")).to_have_text("Sudah dihitung")
        expect(hr.get_by_test_id("dasbor")).to_contain_text("Dinas Pendidikan Uji")
        _clean(hr, "tpp-bulan-dihitung-360")

        hr.get_by_label("Untuk", exact=True).select_option(label="Seluruh pemda")
        hr.get_by_role("button", name="Rekap bulanan Oktober 2026").click()
        expect(hr.locator("h1")).to_contain_text("Rekap TPP Oktober 2026")
        # the bar moves while the file is written (held until seen here)
        expect(hr.get_by_text("Menyusun berkas xlsx")).to_be_visible(timeout=20_000)
        seen.set()
        _bar_full(hr)
        shoot(hr, "tpp-rekap-selesai-360")
        with hr.expect_download() as info:
            hr.get_by_role("link", name="Unduh hasil").click()
    data = open(info.value.path(), "rb").read()
    assert data[:2] == b"PK"  # an xlsx is a zip
    sheet = load_workbook(BytesIO(data), read_only=True).worksheets[0]
    jumlah = next(r for r in sheet.iter_rows(min_row=6, values_only=True) if r[0] is None)
    neto = BarisTpp.objects.aggregate(n=Sum("neto"))["n"]
    assert (jumlah[1], jumlah[2], jumlah[10]) == ("Jumlah", 6, neto)
    assert Job.objects.get(kind="tpp_rekap_bulanan").result["neto"] == neto

    hr.goto(f"{live_server.url}/tpp/bulan/pegawai/?bulan=2026-10")
    expect(hr.get_by_test_id("baris-tpp")).to_contain_text("Pegawai Rajin")
    _clean(hr, "tpp-per-pegawai-360")
    hr.goto(f"{live_server.url}/tpp/aturan/baru/")
    hr.get_by_role("button", name="Isi dari tabel Basic TPP Kepmendagri 900-4700 TA 2023").click()
    expect(hr.get_by_label("Kelas 5", exact=True)).to_have_value("2793557")
    _clean(hr, "tpp-aturan-baru-360")

    pegawai = browser.new_context(viewport=PHONE).new_page()
    login(pegawai, cast.pegawai.nip, cast.password)
    pegawai.get_by_role("button", name="Buka menu").click()
    # the menu unfolds with a transition: tap its link once it stands still (a tap during it was lost once)
    expect(pegawai.locator("#menu-utama")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    pegawai.get_by_role("link", name="Rincian TPP", exact=True).click()
    expect(pegawai).to_have_url(re.compile(r"/tpp/"))
    pegawai.get_by_label("Atau pilih bulan").fill("2026-10")
    pegawai.get_by_role("button", name="Tampilkan").click()
    rincian = pegawai.get_by_test_id("rincian")
    expect(rincian).to_contain_text("Besaran TPP kelas jabatan 5")
    expect(rincian).to_contain_text("3 kali terlambat TL2 (31–60 menit)")
    expect(rincian).to_contain_text("−3% dari bagian disiplin")
    row = BarisTpp.objects.get(pegawai=cast.pegawai)
    neto = f"Rp{row.neto:,}".replace(",", ".")
    expect(pegawai.get_by_test_id("neto")).to_have_text(neto)
    expect(pegawai.get_by_test_id("perkiraan")).to_contain_text("Perkiraan jika bulan ditutup hari ini")
    _clean(pegawai, "tpp-rincian-saya-360")
