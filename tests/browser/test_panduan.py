"""The guides' screenshots (issue 17): each test walks one task of panduan/isi.py at 360 px, as the
guide tells it, and takes the screenshot of each step with `panduan_foto` (static/panduan/). Then
the guide pages themselves: axe at 360 px, 44 px targets, and the "Bantuan" link of a page.

The screens are kept deterministic so that an unchanged page rewrites the same bytes: the cast's
NIPs are fixed here (the factories number them in the order tests run), every date comes from the
pinned clock, and each test ends well within the minute its clock started in."""

import os
import re
from datetime import date, time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from activities.choices import Status
from panduan.isi import PANDUAN
from tests.browser.conftest import PHONE, axe_violations, panduan_foto, small_touch_targets
from tests.helpers import TODAY, aktivitas_baru

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast_tetap(cast):
    """The cast with NIPs that do not depend on how many pegawai earlier tests made (NIPs show on
    several screens; the login name of a pegawai is the NIP)."""
    from accounts.models import Pegawai, User
    from accounts.rules import build_nip

    orang = [cast.kadis, cast.atasan_atasan, cast.atasan, cast.pegawai, cast.pegawai_lain, cast.admin_opd.pegawai]
    for urut, p in enumerate(orang, start=1):
        nip = build_nip(
            tanggal_lahir=date(1980, 1, urut), jenis_kelamin="L", nomor_urut=urut, tmt_cpns=date(2005, 3, 1)
        )
        Pegawai.objects.filter(pk=p.pk).update(nip=nip)
        User.objects.filter(pk=p.user_id).update(username=nip)
        p.refresh_from_db()
    cast.admin_opd.refresh_from_db()
    return cast


def _phone(browser):
    """A phone as an older civil servant holds it: Indonesian, Jakarta time, no motion (Bootstrap's
    smooth scrolling and menu slide would otherwise be caught half-way by a screenshot)."""
    context = browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta", reduced_motion="reduce")
    return context.new_page()


def _menu(page, *, buka: str = "", bawahan: bool = False) -> None:
    """Open the collapsed menu (and one of its drop-downs, or the atasan's "Bawahan" whose name carries
    the waiting count) and wait until it stands still."""
    page.get_by_role("button", name="Buka menu").click()
    expect(page.locator("#menu-utama")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    if buka or bawahan:
        menu = page.locator("#menu-utama")
        (menu.get_by_test_id("nav-bawahan") if bawahan else menu.get_by_role("button", name=buka, exact=True)).click()
        expect(page.locator("#menu-utama .dropdown-menu.show")).to_be_visible()


def _sukses(page, teks: str) -> None:
    expect(page.locator(".alert-success").first).to_contain_text(teks)


# --- pegawai -----------------------------------------------------------------------------------------


def test_pegawai_mencatat_aktivitas_hari_ini(browser, live_server, cast_tetap, login):
    from activities.models import Aktivitas

    c = cast_tetap
    page = _phone(browser)
    login(page, c.pegawai.nip, c.password)
    _menu(page)
    panduan_foto(page, "pegawai-aktivitas-1")
    page.get_by_role("link", name="Aktivitas hari ini", exact=True).click()
    page.get_by_role("link", name="+ Tambah aktivitas").click()
    page.get_by_label("Jam mulai").fill("08:00")
    page.get_by_label("Jam selesai").fill("09:00")
    page.get_by_label("Nama kegiatan").fill("Menyusun notulen rapat")
    page.get_by_label("Lama kegiatan (menit)").fill("60")
    page.get_by_label("Uraian hasil / output").fill("Notulen rapat staf 2 halaman")
    page.locator("body").click(position={"x": 5, "y": 5})  # the last field leaves focus
    panduan_foto(page, "pegawai-aktivitas-2", elemen=page.get_by_label("Nama kegiatan"))
    page.get_by_role("button", name="Simpan sebagai draf").click()
    _sukses(page, "disimpan sebagai draf")
    expect(page.get_by_test_id("total")).to_contain_text("60")
    panduan_foto(page, "pegawai-aktivitas-3")
    page.get_by_role("button", name=re.compile("Ajukan semua draf")).click()
    _sukses(page, "diajukan")
    panduan_foto(page, "pegawai-aktivitas-4")
    assert list(Aktivitas.objects.values_list("nama_kegiatan", "status")) == [
        ("Menyusun notulen rapat", Status.SUBMITTED)
    ]


def test_pegawai_mengajukan_cuti(browser, live_server, cast_tetap, login):
    from attendance.models import Permohonan

    c = cast_tetap
    page = _phone(browser)
    login(page, c.pegawai.nip, c.password)
    page.goto(f"{live_server.url}{reverse('presensi:permohonan_list')}")
    panduan_foto(page, "pegawai-cuti-1")
    page.get_by_role("link", name="+ Ajukan cuti/izin").click()
    page.get_by_label("Jenis permohonan").select_option(label="Cuti tahunan")
    page.get_by_label("Mulai tanggal").fill("2026-11-26")
    page.get_by_label("Sampai tanggal").fill("2026-11-27")
    page.get_by_label("Alasan").fill("Keperluan keluarga di kampung halaman")
    page.locator("body").click(position={"x": 5, "y": 5})
    panduan_foto(page, "pegawai-cuti-2", elemen=page.get_by_label("Jenis permohonan"))
    page.get_by_role("button", name="Kirim permohonan").click()
    _sukses(page, "")
    panduan_foto(page, "pegawai-cuti-3")
    p = Permohonan.objects.get()
    assert (p.pegawai_id, p.jenis, p.mulai, p.selesai) == (
        c.pegawai.pk,
        "CUTI_TAHUNAN",
        date(2026, 11, 26),
        date(2026, 11, 27),
    )


def test_pegawai_membaca_rincian_tpp(browser, live_server, cast_tetap, login):
    from attendance.choices import StatusHari
    from tests.tpp.util import HARI_OKTOBER, aturan, bulan_hadir, validated

    c = cast_tetap
    aturan(c.pemda)
    validated(c.pegawai, 5_000)
    tl2 = {"menit_terlambat": 40, "band_tl": "TL2", "jam_masuk": None}
    bulan_hadir(c.pegawai, {d: (StatusHari.TERLAMBAT, tl2) for d in HARI_OKTOBER[:3]})
    page = _phone(browser)
    login(page, c.pegawai.nip, c.password)
    _menu(page)
    panduan_foto(page, "pegawai-tpp-1")
    page.get_by_role("link", name="Rincian TPP", exact=True).click()
    page.get_by_label("Atau pilih bulan").fill("2026-10")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_test_id("perkiraan")).to_be_visible()
    panduan_foto(page, "pegawai-tpp-2")
    rincian = page.get_by_test_id("rincian")
    expect(rincian).to_contain_text("Besaran TPP kelas jabatan 5")
    panduan_foto(page, "pegawai-tpp-3", elemen=rincian)


def _operator(c):
    """The unit's operator, a pelaksana of the subbag beside the pegawai, with a NIP as fixed as the
    cast's (it shows on the list of helpers)."""
    from accounts.models import Pegawai, User
    from accounts.rules import build_nip
    from tests.factories import posted

    operator = posted(c.j_staf, nama="Operator Unit")
    nip = build_nip(tanggal_lahir=date(1980, 1, 7), jenis_kelamin="L", nomor_urut=7, tmt_cpns=date(2005, 3, 1))
    Pegawai.objects.filter(pk=operator.pk).update(nip=nip)
    User.objects.filter(pk=operator.user_id).update(username=nip)
    operator.refresh_from_db()
    return operator


def test_pegawai_dibantu_rekan(browser, live_server, cast_tetap, login):
    """The pegawai asks the unit's operator, the operator enters and submits a day's entry for them,
    the pegawai sees who typed it and takes it back."""
    from activities.models import Aktivitas, IzinPembantu
    from activities.services_pembantu import pembantu_create

    c = cast_tetap
    operator = _operator(c)
    pembantu = pembantu_create(actor=c.hr, pegawai=operator, unit=c.subbag)
    page = _phone(browser)
    login(page, c.pegawai.nip, c.password)
    page.goto(f"{live_server.url}{reverse('aktivitas:hari_ini')}")
    minta = page.get_by_role("link", name="Minta bantuan pengisian")
    panduan_foto(page, "pegawai-bantu-1", elemen=page.get_by_role("heading", name="Bantuan pengisian"))
    minta.click()
    pilih = page.get_by_label("Pembantu pengisian")
    pilih.select_option(label="Operator Unit — Subbagian Umum")
    page.locator("h1").click()
    panduan_foto(page, "pegawai-bantu-2", elemen=pilih)
    page.get_by_role("button", name="Beri izin mencatat atas nama saya").click()
    _sukses(page, "Operator Unit kini dapat mencatat")
    expect(page.get_by_role("button", name="Cabut izin Operator Unit")).to_be_visible()
    panduan_foto(page, "pegawai-bantu-3", elemen=page.get_by_role("heading", name="Yang sedang membantu Anda"))
    # the operator, with their own account
    page.context.clear_cookies()
    login(page, operator.nip, c.password)
    page.goto(f"{live_server.url}{reverse('aktivitas:hari_ini')}")
    page.get_by_role("link", name="Bantu rekan").click()
    isi = page.get_by_role("link", name="Isi aktivitasnya Pegawai Rajin")
    expect(isi).to_be_visible()
    panduan_foto(page, "pegawai-bantu-4")
    isi.click()
    page.get_by_role("link", name="+ Tambah aktivitas").click()
    if page.get_by_label("Tulis kegiatan sendiri").count():
        page.get_by_label("Tulis kegiatan sendiri").check()
    page.get_by_label("Jam mulai").fill("08:00")
    page.get_by_label("Jam selesai").fill("09:00")
    page.get_by_label("Nama kegiatan").fill("Menyusun notulen rapat")
    page.get_by_label("Lama kegiatan (menit)").fill("60")
    page.get_by_label("Uraian hasil / output").fill("Notulen rapat staf 2 halaman")
    page.get_by_role("button", name="Simpan dan ajukan").click()
    expect(page.get_by_test_id("dicatat-oleh")).to_have_text("Dicatat oleh Operator Unit atas nama Pegawai Rajin")
    # the pegawai again: who typed it, and the take-back
    page.context.clear_cookies()
    login(page, c.pegawai.nip, c.password)
    page.goto(f"{live_server.url}{reverse('aktivitas:hari_ini')}")
    tarik = page.get_by_role("button", name="Tarik kembali Menyusun notulen rapat")
    expect(page.get_by_test_id("dicatat-oleh")).to_have_text("Dicatat oleh Operator Unit atas nama Pegawai Rajin")
    panduan_foto(page, "pegawai-bantu-5", elemen=page.get_by_role("heading", name="Menyusun notulen rapat"))
    a = Aktivitas.objects.get()
    assert (a.pegawai_id, a.dicatat_oleh_id, a.status) == (c.pegawai.pk, operator.user_id, Status.SUBMITTED)
    tarik.click()
    _sukses(page, "sudah ditarik kembali menjadi draf")
    assert IzinPembantu.objects.filter(pegawai=c.pegawai, pembantu=pembantu, dicabut__isnull=True).count() == 1
    a.refresh_from_db()
    assert (a.dicatat_oleh_id, a.status) == (operator.user_id, Status.DRAFT)


# --- atasan ------------------------------------------------------------------------------------------


def test_atasan_memverifikasi(browser, live_server, cast_tetap, login):
    from activities.models import Aktivitas

    c = cast_tetap
    diajukan = {"status": Status.SUBMITTED, "verifikator": c.atasan, "validator": c.atasan_atasan}
    notulen = aktivitas_baru(c.pegawai, nama_kegiatan="Menyusun notulen rapat", uraian="Notulen 2 halaman", **diajukan)
    arsip = aktivitas_baru(
        c.pegawai,
        nama_kegiatan="Mengarsipkan surat keluar",
        uraian="40 surat keluar diarsipkan",
        jam_mulai=time(9),
        jam_selesai=time(10),
        **diajukan,
    )
    page = _phone(browser)
    login(page, c.atasan.nip, c.password)
    _menu(page, bawahan=True)
    expect(page.get_by_test_id("nav-verifikasi")).to_have_text("2")
    panduan_foto(page, "atasan-verifikasi-1")
    page.get_by_role("link", name=re.compile("Perlu verifikasi")).click()
    page.get_by_role("checkbox", name=re.compile("Menyusun notulen rapat")).check()
    panduan_foto(page, "atasan-verifikasi-2", elemen=page.get_by_role("checkbox", name=re.compile("Menyusun notulen")))
    page.get_by_role("button", name=re.compile("^Verifikasi")).first.click()
    _sukses(page, "1 aktivitas")
    page.get_by_role("checkbox", name=re.compile("Mengarsipkan surat keluar")).check()
    page.get_by_role("button", name="Kembalikan…").click()
    catatan = page.get_by_label(re.compile("Catatan untuk pegawai \\(wajib\\)"))
    catatan.fill("Sebutkan nomor agenda suratnya")
    page.locator("h1").click()
    panduan_foto(page, "atasan-verifikasi-3", elemen=catatan)
    page.get_by_role("button", name="Kembalikan yang dicentang").click()
    _sukses(page, "1 aktivitas")
    page.evaluate("() => window.scrollTo({top: 0, behavior: 'instant'})")
    panduan_foto(page, "atasan-verifikasi-4")
    notulen.refresh_from_db()
    arsip.refresh_from_db()
    assert (notulen.status, arsip.status) == (Status.VERIFIED, Status.RETURNED)
    assert Aktivitas.objects.get(pk=arsip.pk).catatan == "Sebutkan nomor agenda suratnya"


def test_atasan_memvalidasi(browser, live_server, cast_tetap, login):
    c = cast_tetap
    notulen = aktivitas_baru(
        c.pegawai,
        nama_kegiatan="Menyusun notulen rapat",
        uraian="Notulen 2 halaman",
        status=Status.VERIFIED,
        verifikator=c.atasan,
        validator=c.atasan_atasan,
    )
    page = _phone(browser)
    login(page, c.atasan_atasan.nip, c.password)
    _menu(page, bawahan=True)
    page.get_by_role("link", name=re.compile("Perlu validasi")).click()
    page.get_by_role("checkbox", name=re.compile("Menyusun notulen rapat")).check()
    panduan_foto(page, "atasan-validasi-1")
    page.get_by_role("button", name=re.compile("^Validasi")).first.click()
    _sukses(page, "1 aktivitas")
    page.evaluate("() => window.scrollTo({top: 0, behavior: 'instant'})")
    panduan_foto(page, "atasan-validasi-2")
    notulen.refresh_from_db()
    assert notulen.status == Status.VALIDATED


# --- admin OPD and HR --------------------------------------------------------------------------------


def test_admin_opd_mencatat_kejadian(browser, live_server, cast_tetap, login):
    from attendance.models import Kejadian

    c = cast_tetap
    page = _phone(browser)
    login(page, c.admin_opd.username, c.password)
    _menu(page, buka="Kelola")
    page.get_by_role("link", name="Catat kejadian").scroll_into_view_if_needed()
    panduan_foto(page, "admin-kejadian-1")
    page.get_by_role("link", name="Catat kejadian").click()
    page.get_by_label("Pegawai").select_option(str(c.pegawai.pk))
    page.get_by_label("Tanggal").fill(TODAY.isoformat())
    page.get_by_label("Kejadian").select_option(index=1)
    page.get_by_label("Catatan").fill("Tidak hadir apel pagi tanpa keterangan")
    page.locator("h1").click()
    panduan_foto(page, "admin-kejadian-2", elemen=page.get_by_label("Pegawai"))
    page.get_by_role("button", name="Simpan").click()
    _sukses(page, "Kejadian sudah dicatat.")
    panduan_foto(page, "admin-kejadian-3")
    assert Kejadian.objects.filter(pegawai=c.pegawai, tanggal=TODAY).count() == 1


def test_admin_opd_menunjuk_pembantu(browser, live_server, cast_tetap, login):
    from activities.models import Pembantu

    c = cast_tetap
    operator = _operator(c)
    page = _phone(browser)
    login(page, c.admin_opd.username, c.password)
    _menu(page, buka="Kelola")
    page.get_by_role("link", name="Pembantu pengisian").scroll_into_view_if_needed()
    panduan_foto(page, "admin-pembantu-1")
    page.get_by_role("link", name="Pembantu pengisian").click()
    page.get_by_role("link", name="Tunjuk pembantu").click()
    page.get_by_label("Pegawai yang ditunjuk").select_option(str(operator.pk))
    page.get_by_label("Membantu pegawai unit").select_option(str(c.subbag.pk))
    page.locator("h1").click()
    panduan_foto(page, "admin-pembantu-2", elemen=page.get_by_label("Pegawai yang ditunjuk"))
    page.get_by_role("button", name="Tunjuk", exact=True).click()
    _sukses(page, "Operator Unit sudah ditunjuk")
    panduan_foto(page, "admin-pembantu-3", elemen=page.locator("tbody tr").first)
    p = Pembantu.objects.get()
    assert (p.pegawai_id, p.unit_id, p.mulai, p.berakhir, p.dibuat_oleh_id) == (
        operator.pk,
        c.subbag.pk,
        TODAY,
        None,
        c.admin_opd.pk,
    )


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")
def test_hr_menutup_bulan(browser, live_server, cast_tetap, login, settings, tmp_path):
    from celery.contrib.testing.worker import start_worker

    from ekinerja.celery import app
    from tests.tpp.util import aturan, bulan_hadir, validated
    from tpp.models import PeriodeTpp
    from tpp.services import periode_ambil, tpp_periode_hitung

    c = cast_tetap
    settings.MEDIA_ROOT = tmp_path
    aturan(c.pemda)
    validated(c.pegawai, 5_000)
    bulan_hadir(c.pegawai)
    tpp_periode_hitung(actor=c.hr, periode=periode_ambil(pemda_id=c.pemda.pk, tahun=2026, bulan=10))
    page = _phone(browser)
    login(page, c.hr.username, c.password)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        page.goto(f"{live_server.url}{reverse('tpp:bulan')}?bulan=2026-10")
        expect(page.get_by_test_id("status")).to_have_text("Sudah dihitung")
        panduan_foto(page, "hr-tutup-1")
        page.get_by_role("link", name="Tutup bulan").click()
        panduan_foto(page, "hr-tutup-2")
        page.get_by_role("button", name="Ya, tutup bulan ini").click()
        expect(page.locator("#job-status")).to_contain_text("Selesai", timeout=30_000)
        expect(page.locator("#job-status")).to_contain_text("(100%)")
        panduan_foto(page, "hr-tutup-3")
        page.get_by_role("link", name="Kembali").click()
        expect(page.get_by_test_id("status")).to_have_text("Ditutup")
        panduan_foto(page, "hr-tutup-4")
    assert PeriodeTpp.objects.get(pemda=c.pemda, tahun=2026, bulan=10).status == "CLOSED"


# --- the guide pages ---------------------------------------------------------------------------------


def _panduan_urls() -> list[str]:
    urls = [reverse("panduan:index")]
    for p in PANDUAN.values():
        urls.append(reverse("panduan:peran", args=[p.peran]))
        urls += [reverse("panduan:tugas", args=[p.peran, t.slug]) for t in p.tugas]
    return urls


def test_the_guide_pages_pass_axe_at_360px(browser, live_server, cast, login):
    page = _phone(browser)
    login(page, cast.atasan.nip, cast.password)
    problems, answers = {}, {}
    for url in _panduan_urls():
        response = page.goto(f"{live_server.url}{url}")
        answers[url] = response.status
        # every screenshot of the page loaded (none broken), each with its alt text
        page.evaluate(
            "async () => { for (const i of document.images)"
            " { i.loading = 'eager'; await i.decode().catch(() => null); } }"
        )
        images = page.eval_on_selector_all("img.panduan-foto", "els => els.map(e => [e.naturalWidth, e.alt])")
        found = axe_violations(page)
        small = small_touch_targets(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        broken = [alt for w, alt in images if w == 0 or len(alt) < 15]
        if found or small or width > PHONE["width"] or broken:
            problems[url] = {"axe": found, "small": small[:5], "width": width, "broken": broken}
    assert set(answers.values()) == {200}
    assert problems == {}


def test_the_bantuan_link_opens_the_guide_of_the_page(browser, live_server, cast, login):
    page = _phone(browser)
    login(page, cast.pegawai.nip, cast.password)
    page.goto(f"{live_server.url}{reverse('aktivitas:hari_ini')}")
    bantuan = page.get_by_test_id("bantuan")
    expect(bantuan).to_be_visible()  # beside the menu button, with the menu collapsed
    box = bantuan.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    bantuan.click()
    assert page.url == f"{live_server.url}{reverse('panduan:tugas', args=['pegawai', 'aktivitas-hari-ini'])}"
    expect(page.locator("h1")).to_have_text("Mencatat aktivitas hari ini")
    # a page with no task of its own leads to the guides of my roles
    page.goto(f"{live_server.url}{reverse('presensi:saya')}")
    page.get_by_test_id("bantuan").click()
    assert page.url == f"{live_server.url}{reverse('panduan:index')}"
    expect(page.get_by_test_id("panduan-pegawai")).to_be_visible()
