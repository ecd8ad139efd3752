"""The beranda's attendance and TPP panels show what "Presensi saya" and "Rincian TPP" show, load
into the page once shown, and write nothing (issue 13, item 5)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import absen_bulan
from tests.tpp.util import aturan, validated
from tpp.models import AturanTpp, PeriodeTpp

pytestmark = pytest.mark.django_db


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]


def test_the_placeholders_are_gone_and_the_panels_load_their_data(client, cast):
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("beranda")).content.decode()
    assert "akan tampil di sini" not in html
    assert f'hx-get="{reverse("beranda_presensi")}"' in html and f'hx-get="{reverse("beranda_tpp")}"' in html
    assert reverse("presensi:saya") in html and reverse("tpp:rincian_saya") in html


def test_the_attendance_panel_counts_what_presensi_saya_counts(client, cast, today):
    absen_bulan(cast.admin_opd, [cast.pegawai], start=date(2026, 11, 1), end=date(2026, 11, 17))
    client.force_login(cast.pegawai.user)
    saya = client.get(reverse("presensi:saya")).context["ringkas"]
    response = client.get(reverse("beranda_presensi"))
    assert response.status_code == 200
    panel = response.context["presensi"]
    assert panel["status"] == saya["status"] and panel["band"] == saya["band"]
    status = dict(panel["status"])
    # 2–17 November: 12 weekdays, 1 without punches, 4 late or leaving early (today is not counted here)
    assert (status["Hadir"], status["Terlambat/pulang cepat"]) == (7, 4) and status["Tanpa keterangan"] >= 1
    html = response.content.decode()
    assert f"<dt>Hadir</dt><dd>{status['Hadir']} hari</dd>" in html
    assert "<dt>Cuti</dt>" not in html  # only the statuses that occurred


def test_the_tpp_panel_shows_the_amount_of_rincian_tpp(client, cast, today):
    aturan(cast.pemda)
    validated(cast.pegawai, 3_000, tanggal=date(2026, 11, 2))
    client.force_login(cast.pegawai.user)
    rincian = client.get(reverse("tpp:rincian_saya")).context["r"]
    assert rincian.perkiraan and rincian.baris.neto > 0
    response = client.get(reverse("beranda_tpp"))
    assert response.context["tpp"].baris.neto == rincian.baris.neto
    html = response.content.decode()
    neto = f"Rp{rincian.baris.neto:,}".replace(",", ".")
    assert neto in html and "Perkiraan jika bulan ditutup hari ini" in html


def test_a_tpp_that_cannot_be_computed_says_why(client, cast):
    AturanTpp.objects.create(pemda=cast.pemda, berlaku_mulai=date(2020, 1, 1), besaran_kelas={"9": 6_000_000})
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("beranda_tpp")).content.decode()
    assert "TPP belum dapat dihitung" in html and "Rp" not in html


def test_opening_the_beranda_and_its_panels_writes_nothing(client, cast):
    """A pemda without any TPP rule set of its own: the estimate uses the default unsaved."""
    assert not AturanTpp.objects.filter(pemda=cast.pemda).exists()
    client.force_login(cast.pegawai.user)
    client.get(reverse("beranda"))  # the session and the CSRF cookie
    for name in ("beranda", "beranda_presensi", "beranda_tpp"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        assert _writes(queries) == [], name
    assert not AturanTpp.objects.filter(pemda=cast.pemda).exists()
    assert not PeriodeTpp.objects.exists()


@pytest.mark.parametrize(("name", "bound"), [("beranda", 7), ("beranda_presensi", 12), ("beranda_tpp", 20)])
def test_each_part_stays_a_modest_number_of_queries(client, cast, name, bound, django_assert_max_num_queries):
    aturan(cast.pemda)
    absen_bulan(cast.admin_opd, [cast.pegawai], start=date(2026, 11, 1), end=date(2026, 11, 17))
    client.force_login(cast.pegawai.user)
    client.get(reverse("beranda"))
    with django_assert_max_num_queries(bound):
        assert client.get(reverse(name)).status_code == 200


def test_an_account_without_pegawai_has_no_panels(client, cast):
    client.force_login(cast.hr)
    assert "hx-get" not in client.get(reverse("beranda")).content.decode()
    for name in ("beranda_presensi", "beranda_tpp"):
        assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse("beranda_tpp")).status_code == 405
