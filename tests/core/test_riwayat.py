"""`{% riwayat obj %}` (issue 15): HR reads an object's audit rows on its own page; admin OPD and
pegawai see nothing of it; one query, the newest 20 rows of the user's pemda, and a link to the full
audit page filtered to the same object."""

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Pemda
from attendance.choices import StatusHari
from attendance.models import HariPresensi
from core import audit
from tests.helpers import TODAY
from tpp.services import periode_ambil

pytestmark = pytest.mark.django_db

TAG = Template("{% load riwayat %}{% riwayat obj %}")


def _render(user, obj) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return TAG.render(Context({"request": request, "obj": obj}))


def _section(html: str) -> str:
    start = html.find('data-testid="riwayat-audit"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_hr_sees_everything_about_a_pegawai_on_their_page(client, cast):
    audit.catat(
        "pegawai:ubah", cast.pegawai, actor=cast.admin_opd, sebelum={"golongan": "II/a"}, sesudah={"golongan": "II/b"}
    )
    day = HariPresensi.objects.create(
        pemda=cast.pemda, pegawai=cast.pegawai, tanggal=TODAY, status=StatusHari.HADIR
    )  # a row about the person, not the pegawai object itself
    audit.catat("haripresensi:koreksi", day, actor=cast.hr, sesudah={"status": "HADIR"})
    audit.catat("pegawai:ubah", cast.atasan, actor=cast.hr, sesudah={"golongan": "III/a"})  # someone else

    url = reverse("org:pegawai_detail", args=[cast.pegawai.pk])
    client.force_login(cast.hr)
    section = _section(client.get(url).content.decode())
    assert "II/a → II/b" in section and "haripresensi:koreksi" in section and "III/a" not in section
    assert "<caption" in section and 'scope="col"' in section
    assert 'tabindex="0" role="region" aria-label=' in section
    link = urlparse(section.split('href="')[1].split('"')[0].replace("&amp;", "&"))
    assert link.path == reverse("org:audit_list") and parse_qs(link.query) == {"pegawai": [cast.pegawai.nip]}
    # the link opens the same rows
    page = client.get(f"{link.path}?{link.query}")
    assert {r.aksi for r in page.context["page"]} == {"pegawai:ubah", "haripresensi:koreksi"}

    client.force_login(cast.admin_opd)  # the page is theirs too, the history is not
    page = client.get(url)
    assert page.status_code == 200 and not _section(page.content.decode())


def test_the_tag_shows_nothing_to_admin_opd_and_pegawai_and_costs_hr_one_query(cast, django_assert_num_queries):
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    for i in range(25):
        audit.catat("periodetpp:hitung", periode, actor=cast.hr, sesudah={"status": f"CALCULATED-{i}"})
    for user in (cast.admin_opd, cast.pegawai.user, cast.atasan.user):
        with django_assert_num_queries(0):
            assert _render(user, periode).strip() == ""
    with django_assert_num_queries(1):
        html = _render(cast.hr, periode)
    assert html.count("<tr>") == 1 + 20  # the header and the newest 20
    assert "CALCULATED-24" in html and "CALCULATED-4<" not in html
    assert html.count("periodetpp:hitung") == 20
    assert "jenis=periodetpp%3A" in html and "q=10%2F2026" in html


def test_hr_reads_only_their_pemda_and_the_superadmin_every_pemda(cast):
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    other = Pemda.objects.create(nama="Pemda Lain", kode="LAIN")
    audit.catat("periodetpp:hitung", periode, actor=cast.hr, sesudah={"status": "SINI"})
    audit.catat("periodetpp:hitung", periode, actor=None, pemda_id=other.pk, sesudah={"status": "SANA"})
    assert "SINI" in _render(cast.hr, periode) and "SANA" not in _render(cast.hr, periode)
    html = _render(cast.superadmin, periode)
    assert "SINI" in html and "SANA" in html


def test_an_object_not_saved_yet_shows_an_empty_history_without_a_query(cast, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = _render(cast.hr, HariPresensi(pemda=cast.pemda, pegawai=cast.pegawai, tanggal=TODAY))
    assert "Belum ada perubahan" in html and "<table" not in html


def test_the_tpp_month_and_the_day_correction_show_their_history_to_hr_only(client, cast):
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    audit.catat("periodetpp:hitung", periode, actor=cast.hr, sesudah={"status": "CALCULATED"})
    day = date(2026, 11, 16)
    hari = HariPresensi.objects.create(
        pemda=cast.pemda, pegawai=cast.pegawai, tanggal=day, status=StatusHari.HADIR, manual=True
    )
    audit.catat("haripresensi:koreksi", hari, actor=cast.hr, sebelum={"status": "TK"}, sesudah={"status": "HADIR"})
    tpp = reverse("tpp:bulan") + "?bulan=2026-10"
    koreksi = reverse("presensi:koreksi", args=[cast.pegawai.pk, day.isoformat()])

    client.force_login(cast.hr)
    assert "periodetpp:hitung" in _section(client.get(tpp).content.decode())
    section = _section(client.get(koreksi).content.decode())
    assert "TK → HADIR" in section and f"pegawai={cast.pegawai.nip}" in section

    client.force_login(cast.admin_opd)
    page = client.get(koreksi)
    assert page.status_code == 200 and not _section(page.content.decode())
