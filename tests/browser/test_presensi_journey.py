"""Issue 5's journey in Chromium: the admin OPD uploads a machine file; the pegawai sees the late bands."""

import re

import pytest
from playwright.sync_api import expect

from attendance.models import Absen, PinMesin
from tests.attendance.test_absen import FIXTURE
from tests.browser.conftest import PHONE, axe_violations, shoot, small_touch_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_uploaded_machine_file_shows_in_the_pegawais_month(browser, live_server, cast, login):
    # PIN 24388 of the real ZKTeco log comes in at 07.38–07.47 and leaves after 16.14 (13–17 April 2026)
    PinMesin.objects.create(pemda=cast.pemda, pin="24388", pegawai=cast.pegawai)
    admin = browser.new_context(viewport=PHONE).new_page()
    login(admin, cast.admin_opd.username, cast.password)
    admin.goto(f"{live_server.url}/presensi/impor/")
    assert axe_violations(admin) == []
    admin.get_by_label("Pilih file dari mesin absen").set_input_files(str(FIXTURE))
    admin.get_by_role("button", name="Unggah dan simpan").click()
    # the other PINs of the file are not mapped: nothing is stored, each line is listed
    expect(admin.get_by_test_id("kesalahan-impor")).to_be_visible()
    assert Absen.objects.count() == 0
    shoot(admin, "impor-absen-salah-360")

    # the admin keeps only the mapped person's lines and uploads again
    lines = [line for line in FIXTURE.read_text().splitlines() if line.startswith("24388\t")]
    admin.goto(f"{live_server.url}/presensi/impor/")
    admin.get_by_label("Pilih file dari mesin absen").set_input_files(
        {"name": "1_attlog.dat", "mimeType": "text/plain", "buffer": ("\n".join(lines) + "\n").encode()}
    )
    admin.get_by_role("button", name="Unggah dan simpan").click()
    expect(admin.get_by_test_id("hasil-impor")).to_contain_text("10")
    assert Absen.objects.filter(pegawai=cast.pegawai).count() == 10

    pegawai = browser.new_context(viewport=PHONE).new_page()
    login(pegawai, cast.pegawai.nip, cast.password)
    pegawai.goto(f"{live_server.url}/presensi/?bulan=2026-04")
    main = pegawai.locator("main")
    expect(main).to_contain_text(re.compile(r"TL1 — terlambat 15 menit"))
    expect(main).to_contain_text(re.compile(r"TL1 — terlambat 8 menit"))
    expect(pegawai.get_by_test_id("jumlah-band")).to_contain_text("TL1")
    assert axe_violations(pegawai) == []
    assert small_touch_targets(pegawai) == []
    shoot(pegawai, "presensi-saya-360")
