""" "Presensi pegawai": an admin's list of one pegawai's days with the correction link (issue 13)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import absen_bulan

pytestmark = pytest.mark.django_db
OKT = {"bulan": "2026-10"}


def _url(pegawai) -> str:
    return reverse("presensi:pegawai_bulan", args=[pegawai.pk])


@pytest.fixture
def oktober(cast):
    """October 2026 of the pegawai through a machine file: 12 days on time, 7 late or early, 3 absent."""
    return absen_bulan(cast.admin_opd, [cast.pegawai], start=date(2026, 10, 1), end=date(2026, 10, 31))


def test_an_admin_sees_each_day_with_its_correction_link(client, cast, oktober):
    client.force_login(cast.admin_opd)
    response = client.get(_url(cast.pegawai), OKT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Presensi pegawai" in html and cast.pegawai.nama_lengkap in html and "Oktober 2026" in html
    status = dict(response.context["ringkas"]["status"])
    counts = (status["Hadir"], status["Terlambat/pulang cepat"], status["Tanpa keterangan"], status["Libur"])
    assert counts == (12, 7, 3, 9)
    assert len(response.context["hari"]) == 31
    koreksi = reverse("presensi:koreksi", args=[cast.pegawai.pk, "2026-10-09"])
    assert f'href="{koreksi}"' in html
    assert html.count('data-testid="koreksi-2026-10-') == 31


def test_the_counts_are_the_ones_the_pegawai_sees(client, cast, oktober):
    client.force_login(cast.pegawai.user)
    saya = client.get(reverse("presensi:saya"), OKT).context["ringkas"]
    client.force_login(cast.admin_opd)
    admin = client.get(_url(cast.pegawai), OKT).context["ringkas"]
    assert (admin["status"], admin["band"]) == (saya["status"], saya["band"])
    band = dict(admin["band"])
    assert band["TL2"] == 4 and band["PSW1"] + band["PSW2"] + band["PSW3"] + band["PSW4"] == 3


def test_no_correction_link_for_a_day_still_to_come(client, cast, today):
    client.force_login(cast.admin_opd)
    html = client.get(_url(cast.pegawai)).content.decode()
    assert f'data-testid="koreksi-{today:%Y-%m-%d}"' in html
    assert 'data-testid="koreksi-2026-11-19"' not in html and "Belum tiba" in html


def test_the_unit_recap_rows_and_the_pegawai_page_link_to_it(client, cast, oktober):
    client.force_login(cast.admin_opd)
    rekap = client.get(reverse("presensi:rekap_unit"), {**OKT, "unit": cast.dinas.pk}).content.decode()
    assert f'href="{_url(cast.pegawai)}?bulan=2026-10"' in rekap
    assert "daftar hari pegawai" not in rekap  # the old hint pointed at a list that did not exist
    detail = client.get(reverse("org:pegawai_detail", args=[cast.pegawai.pk])).content.decode()
    assert f'href="{_url(cast.pegawai)}"' in detail


def test_the_correction_page_goes_back_to_the_list_of_days(client, cast, oktober):
    client.force_login(cast.admin_opd)
    html = client.get(reverse("presensi:koreksi", args=[cast.pegawai.pk, "2026-10-09"])).content.decode()
    assert f'href="{_url(cast.pegawai)}?bulan=2026-10"' in html


@pytest.mark.parametrize(("who", "whose", "code"), [("admin_opd", "pegawai_lain", 404), ("hr", "pegawai_lain", 200)])
def test_scope_follows_pegawai_visible_to(client, cast, who, whose, code):
    client.force_login(getattr(cast, who))
    assert client.get(_url(getattr(cast, whose))).status_code == code


def test_a_plain_pegawai_gets_403_and_an_unknown_pegawai_404(client, cast):
    client.force_login(cast.pegawai.user)
    assert client.get(_url(cast.atasan)).status_code == 403
    client.force_login(cast.hr)
    assert client.get(reverse("presensi:pegawai_bulan", args=[999_999])).status_code == 404


def test_opening_it_writes_nothing(client, cast, oktober):
    client.force_login(cast.admin_opd)
    client.get(_url(cast.pegawai), OKT)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(cast.pegawai), {"bulan": "2026-11"}).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == [] and len(queries) <= 20


def test_a_day_that_can_still_change_is_marked_as_on_presensi_saya(client, cast, today):
    absen_bulan(cast.admin_opd, [cast.pegawai], start=date(2026, 11, 1), end=date(2026, 11, 17))

    def row(html: str, day: str) -> str:
        start = html.index(f'data-testid="hari-{day}"')
        return html[start : html.index("</tr>", start)]

    for user, url in ((cast.admin_opd, _url(cast.pegawai)), (cast.pegawai.user, reverse("presensi:saya"))):
        client.force_login(user)
        html = client.get(url).content.decode()
        # the machine data reaches 17 November: the 16th is final, the 17th and today are not yet
        assert "sementara" not in row(html, "2026-11-16"), url
        assert "sementara" in row(html, "2026-11-17") and "sementara" in row(html, f"{today:%Y-%m-%d}"), url
        assert "sudah diterima sampai Selasa, 17 November 2026" in html, url
