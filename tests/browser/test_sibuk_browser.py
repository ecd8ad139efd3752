"""Issue 20 in Chromium: a form sent while the server is full is refused at once with the busy 503
(admission control, core/admission.py); the page keeps what was typed and sends it again after
Retry-After, once.

The server here is Django behind a real `Admission` (one slot, no line, Retry-After 1 s) in a live
server thread of its own; the test fills the slot itself, through the object, as a request would."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread
from playwright.sync_api import expect

from activities.models import Aktivitas
from core.admission import Admission
from tests.browser.conftest import PHONE
from tests.helpers import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERVER_BUSY = "Server belum dapat menerima isian Anda. Isian Anda aman di perangkat ini dan akan dikirim lagi otomatis."
URAIAN = "Rekap absensi apel pagi seluruh bidang, dikirim saat server penuh"


@pytest.fixture
def full_server(live_server):
    """(url, admission): this test's own server, Django behind one admission slot."""
    made = {}

    def wrap(app):
        made["admission"] = Admission(
            StaticFilesHandler(app), running=1, waiting=0, max_wait=1, retry_after=1, bypass=("/sehat/", "/static/")
        )
        return made["admission"]

    host = urlsplit(live_server.url).hostname  # the same host name: the browser sends the login's cookie
    thread = LiveServerThread(host, wrap)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait(30)
    if thread.error:
        raise thread.error
    yield f"http://{host}:{thread.port}", made["admission"]
    thread.terminate()


def test_a_form_refused_by_a_full_server_is_kept_and_sent_once_later(browser, cast, login, full_server):
    url, admission = full_server
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, cast.pegawai.nip, cast.password)  # the session cookie is the host's, for both servers
    posts = []

    def seen(response):
        if response.request.method == "POST" and response.url.endswith("/aktivitas/tambah/"):
            posts.append(response.status)

    page.on("response", seen)
    page.goto(f"{url}/aktivitas/tambah/")
    page.get_by_label("Jam mulai").fill("07:30")
    page.get_by_label("Jam selesai").fill("08:00")
    page.get_by_label("Nama kegiatan").fill("Merekap absensi apel")
    page.get_by_label("Lama kegiatan (menit)").fill("30")
    page.get_by_label("Uraian hasil / output").fill(URAIAN)
    expect(page.locator(".draf-status")).to_contain_text("Draf tersimpan pukul", timeout=10_000)
    page.wait_for_load_state("networkidle")

    # the month-end burst: every slot taken (by this test), no room in the line
    wait_until(lambda: admission.counts() == (0, 0), what="the server idle")
    assert admission.acquire()
    page.get_by_role("button", name="Simpan sebagai draf").click()
    message = page.locator("[data-isian-pesan]")
    expect(message).to_have_text(SERVER_BUSY)
    assert posts == [503]
    expect(page.get_by_label("Uraian hasil / output")).to_have_value(URAIAN)
    expect(page.get_by_label("Jam selesai")).to_have_value("08:00")
    kept = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('ekinerja:isian:'))")
    assert kept == [f"ekinerja:isian:{cast.pegawai.user.pk}:aktivitas:tambah"]
    assert Aktivitas.objects.count() == 0

    admission.release()  # the burst is over: the page sends again after Retry-After (1-1.5 s)
    expect(page.locator(".alert-success").first).to_contain_text("disimpan sebagai draf", timeout=20_000)
    expect(page).to_have_url(re.compile(r"/aktivitas/(\?tanggal=.*)?$"))
    page.wait_for_load_state("networkidle")
    assert posts == [503, 302]
    a = Aktivitas.objects.get()
    assert (a.nama_kegiatan, a.uraian, a.menit_diajukan) == ("Merekap absensi apel", URAIAN, 30)
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('ekinerja:isian:'))") == []
    context.close()
