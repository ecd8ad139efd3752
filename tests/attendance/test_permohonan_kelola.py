"""Kelola › Cuti & izin pegawai (issue 16): admins list, filter and export the leave requests of their
scope, and open them read only; out of scope → 404, a pegawai → 403."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.choices import Role
from attendance import selectors
from attendance.choices import JenisPermohonan as J
from attendance.choices import StatusPermohonan as S
from attendance.models import Permohonan
from tests.factories import PemdaFactory, UserFactory

pytestmark = pytest.mark.django_db

KELOLA = reverse("presensi:permohonan_kelola")
EKSPOR = reverse("presensi:permohonan_kelola_ekspor")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def buat(pegawai, jenis=J.IZIN, mulai=date(2026, 3, 2), selesai=None, status=S.DIAJUKAN, alasan="Keperluan keluarga"):
    return Permohonan.objects.create(
        pemda=pegawai.pemda,
        pegawai=pegawai,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai or mulai,
        alasan=alasan,
        status=status,
    )


def _ids(response) -> set[int]:
    return {p.pk for p in response.context["page"].object_list}


def test_the_selector_follows_the_admin_scope(cast):
    own, other = buat(cast.pegawai), buat(cast.pegawai_lain)
    lain = PemdaFactory(nama="Pemda Lain", kode="LAIN")
    hr_lain = UserFactory(username="hr.lain", role=Role.HR_PEMDA, pemda=lain)
    assert set(selectors.permohonan_lingkup_admin(cast.admin_opd)) == {own}
    assert set(selectors.permohonan_lingkup_admin(cast.hr)) == {own, other}
    assert set(selectors.permohonan_lingkup_admin(cast.superadmin)) == {own, other}
    assert not selectors.permohonan_lingkup_admin(hr_lain).exists()
    for p in (cast.pegawai, cast.atasan, cast.kadis):
        assert not selectors.permohonan_lingkup_admin(p.user).exists()


def test_admin_opd_lists_only_their_opd(client, cast):
    own, other = buat(cast.pegawai), buat(cast.pegawai_lain)
    client.force_login(cast.admin_opd)
    r = client.get(KELOLA)
    assert r.status_code == 200
    assert _ids(r) == {own.pk}
    assert cast.pegawai.nama in r.text and cast.pegawai_lain.nama not in r.text
    assert reverse("presensi:permohonan_detail", args=[own.pk]) in r.text
    assert "opd" not in r.context["filter"].fields  # one OPD: no OPD choice, no OPD column
    assert other.pk not in _ids(client.get(KELOLA, {"opd": cast.badan.pk}))


def test_hr_lists_the_pemda_and_filters_by_opd(client, cast):
    own, other = buat(cast.pegawai), buat(cast.pegawai_lain)
    client.force_login(cast.hr)
    assert _ids(client.get(KELOLA)) == {own.pk, other.pk}
    assert _ids(client.get(KELOLA, {"opd": cast.badan.pk})) == {other.pk}
    assert _ids(client.get(KELOLA, {"opd": cast.dinas.pk})) == {own.pk}


def test_a_pegawai_is_refused(client, cast):
    for who in (cast.pegawai, cast.atasan):
        client.force_login(who.user)
        assert client.get(KELOLA).status_code == 403
        assert client.get(EKSPOR).status_code == 403


def test_the_filters_narrow(client, cast):
    izin = buat(cast.pegawai, J.IZIN, date(2026, 3, 2))
    cuti = buat(cast.pegawai, J.CUTI_TAHUNAN, date(2026, 3, 10), date(2026, 3, 12), status=S.DISETUJUI)
    lain = buat(cast.atasan, J.SAKIT, date(2026, 4, 1))
    client.force_login(cast.admin_opd)
    assert _ids(client.get(KELOLA, {"q": "rajin"})) == {izin.pk, cuti.pk}
    assert _ids(client.get(KELOLA, {"q": cast.atasan.nip_tampil})) == {lain.pk}
    assert _ids(client.get(KELOLA, {"jenis": J.CUTI_TAHUNAN})) == {cuti.pk}
    assert _ids(client.get(KELOLA, {"status": S.DISETUJUI})) == {cuti.pk}
    # a request touching the range counts
    assert _ids(client.get(KELOLA, {"dari": "2026-03-11", "sampai": "2026-03-31"})) == {cuti.pk}
    assert _ids(client.get(KELOLA, {"dari": "2026-03-13"})) == {lain.pk}
    assert _ids(client.get(KELOLA, {"sampai": "2026-03-02"})) == {izin.pk}
    # a wrong value is ignored, the rest applies
    assert _ids(client.get(KELOLA, {"status": "NGAWUR", "jenis": J.SAKIT})) == {lain.pk}


def test_the_query_count_does_not_grow_with_the_rows(client, cast):
    client.force_login(cast.hr)
    buat(cast.pegawai)
    with CaptureQueriesContext(connection) as one:
        assert client.get(KELOLA).status_code == 200
    for p in (cast.atasan, cast.atasan_atasan, cast.kadis, cast.pegawai_lain):
        buat(p)
    with CaptureQueriesContext(connection) as five:
        r = client.get(KELOLA)
    assert len(_ids(r)) == 5
    assert len(five) == len(one)


def test_the_export_has_the_filtered_rows_as_text(client, cast):
    buat(cast.pegawai, alasan='=HYPERLINK("http://x","klik")')
    buat(cast.pegawai, J.CUTI_TAHUNAN, date(2026, 3, 10))
    buat(cast.pegawai_lain)
    client.force_login(cast.admin_opd)
    r = client.get(EKSPOR, {"jenis": J.IZIN})
    assert r.status_code == 200 and "cuti-izin-pegawai.xlsx" in r["Content-Disposition"]
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == 1
    cells = {c.value: c for c in rows[0]}
    assert cast.pegawai.nip in cells and cells[cast.pegawai.nip].data_type == "s"
    assert "2026-03-02" in cells and "Izin" in cells
    alasan = cells['=HYPERLINK("http://x","klik")']
    assert alasan.data_type == "s"
    assert all(c.data_type == "s" for c in rows[0] if c.value is not None)


@pytest.mark.parametrize("who", ["admin_opd", "hr", "superadmin"])
def test_the_detail_and_attachment_open_for_an_admin_in_scope_read_only(client, cast, who):
    p = buat(cast.pegawai, J.SAKIT)
    p.lampiran.save("surat.pdf", SimpleUploadedFile("surat.pdf", b"%PDF-1.4 isi"), save=True)
    client.force_login(getattr(cast, who))
    url = reverse("presensi:permohonan_detail", args=[p.pk])
    r = client.get(url)
    assert r.status_code == 200
    assert cast.pegawai.nama in r.text and KELOLA in r.text
    assert "Keputusan Anda" not in r.text and "Batalkan permohonan" not in r.text
    r = client.get(url, {"unduh": "1"})
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    # reading is not deciding
    r = client.post(reverse("presensi:permohonan_tindak", args=[p.pk]), {"aksi": "setujui"})
    assert r.status_code in (403, 404)
    p.refresh_from_db()
    assert p.status == S.DIAJUKAN


def test_the_detail_is_404_out_of_scope(client, cast):
    p = buat(cast.pegawai_lain)
    p.lampiran.save("surat.pdf", SimpleUploadedFile("surat.pdf", b"%PDF-1.4 isi"), save=True)
    url = reverse("presensi:permohonan_detail", args=[p.pk])
    client.force_login(cast.admin_opd)
    assert client.get(url).status_code == 404
    assert client.get(url, {"unduh": "1"}).status_code == 404
    lain = PemdaFactory(nama="Pemda Lain", kode="LAIN")
    client.force_login(UserFactory(username="hr.lain", role=Role.HR_PEMDA, pemda=lain))
    assert client.get(url).status_code == 404


def test_the_menu_links_the_page_for_admins(client, cast):
    client.force_login(cast.admin_opd)
    assert KELOLA in client.get(reverse("presensi:rekap_unit")).text
    client.force_login(cast.pegawai.user)
    assert KELOLA not in client.get(reverse("presensi:permohonan_list")).text
