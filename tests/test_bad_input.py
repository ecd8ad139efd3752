"""Bad input never gets a 500: every page, opened with garbage in every query parameter it reads."""

import pytest
from django.urls import reverse

from tests.helpers import PAGES

GARBAGE = {
    "bulan": "2026-13",
    "tanggal": "kemarin",
    "tahun": "dua ribu",
    "unit": "x",
    "opd": "-1",
    "pegawai": "abc",
    "page": "999999",
    "q": "<script>alert(1)</script>",
    "status": "APA",
    "dari": "1e9",
    "sampai": "2026-02-30",
    "lingkup": "??",
    "jenis": "'; DROP TABLE x; --",
}


@pytest.mark.parametrize("who", list(PAGES))
def test_no_page_breaks_on_garbage_query_parameters(client, cast, who):
    user = getattr(cast, who)
    client.force_login(getattr(user, "user", user))
    for name in PAGES[who]:
        response = client.get(reverse(name), GARBAGE)
        assert response.status_code < 500, name
        assert b"<script>alert(1)</script>" not in response.content, name


@pytest.mark.parametrize(
    "path",
    [
        "/aktivitas/999999/",
        "/aktivitas/999999/ubah/",
        "/presensi/koreksi/999999/2026-11-02/",
        "/presensi/permohonan/999999/",
        "/organisasi/pegawai/999999/",
        "/pekerjaan/999999/",
    ],
)
def test_unknown_objects_are_404_not_500(client, cast, path):
    client.force_login(cast.admin_opd)
    assert client.get(path).status_code == 404


def test_a_bad_date_in_a_path_is_404(client, cast):
    client.force_login(cast.admin_opd)
    assert client.get(f"/presensi/koreksi/{cast.pegawai.pk}/2026-02-30/").status_code == 404


@pytest.mark.parametrize(
    "name",
    ["aktivitas:tambah", "presensi:permohonan_create", "org:pegawai_create", "org:penempatan_create"],
)
def test_posting_garbage_to_a_form_re_renders_it(client, cast, name):
    client.force_login(cast.admin_opd)
    response = client.post(reverse(name), GARBAGE)
    assert response.status_code in (200, 400), name
