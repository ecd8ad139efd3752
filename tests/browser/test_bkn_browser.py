"""The "Ekspor BKN" page at 360 px with what HR sees after a push and an export: the standing of the
period, a failure with its reason, the export log; no axe-core violation, no small touch target,
nothing wider than the phone."""

import pytest
from django.urls import reverse

from core.models import Job
from skp.bkn_jobs import KIND_KIRIM
from skp.models import BknEkspor, BknKirim
from tests.browser.conftest import PHONE, axe_violations, small_touch_targets
from tests.skp.bkn_seed import seed_quarter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_bkn_page_with_data_passes_axe_at_360px(page, live_server, cast, login):
    seeded = seed_quarter(cast)
    BknKirim.objects.create(pemda=cast.pemda, penilaian=seeded["kasubag"], status="TERKIRIM", percobaan=1)
    BknKirim.objects.create(pemda=cast.pemda, penilaian=seeded["staf"], percobaan=3, pesan="HTTP 500: Internal error")
    BknEkspor.objects.create(
        pemda=cast.pemda,
        opd=cast.dinas,
        tahun=2026,
        jenis="TRIWULAN",
        ke=1,
        jumlah=2,
        berkas="bkn/x.zip",
        dibuat_oleh=cast.hr,
    )
    Job.objects.create(
        kind=KIND_KIRIM,
        title="Kirim ke BKN Triwulan 1 2026 – Dinas Pendidikan Uji",
        pemda=cast.pemda,
        created_by=cast.hr,
        status=Job.Status.DONE,
        message="Terkirim 1, gagal 1, sudah terkirim sebelumnya 0.",
    )
    page.set_viewport_size(PHONE)
    login(page, cast.hr.username, cast.password)
    page.goto(f"{live_server.url}{reverse('skp:bkn')}?tahun=2026&periode=TRIWULAN-1&opd={cast.dinas.pk}")
    assert page.get_by_test_id("bkn-gagal").inner_text() == "1"
    assert "Internal error" in page.get_by_test_id("bkn-galat").inner_text()
    assert page.get_by_test_id("bkn-log").is_visible() and page.get_by_test_id("bkn-kiriman").is_visible()
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
