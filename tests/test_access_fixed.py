"""The answers tests/access_registry.py once marked wrong, and what the corrected pages say beyond the
status code the matrix checks: the refusal's message, and that nothing of the object leaks."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from activities.choices import Status
from activities.models import Aktivitas
from tests.access_registry import _aktivitas, _permohonan, _rhk, _skp

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["aktivitas:antrean_verifikasi", "aktivitas:antrean_validasi"])
@pytest.mark.parametrize("who", ["hr", "superadmin"])
def test_the_queues_refuse_an_account_without_a_pegawai_record(client, cast, name, who):
    _aktivitas(cast)
    client.force_login(getattr(cast, who))
    response = client.get(reverse(name))
    assert response.status_code == 403 and "Halaman ini untuk pegawai." in response.content.decode()


def test_a_bulk_move_by_an_account_without_a_pegawai_record_is_403_and_moves_nothing(client, cast):
    a = _aktivitas(cast)
    client.force_login(cast.hr)
    response = client.post(
        reverse("aktivitas:tindakan_massal"), {"aksi": "verifikasi", "ids": [a.pk], "kembali": "verifikasi"}
    )
    assert response.status_code == 403 and "Halaman ini untuk pegawai." in response.content.decode()
    assert Aktivitas.objects.get(pk=a.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("who", ["hr", "superadmin"])
def test_a_leave_request_is_read_only_for_an_account_without_a_pegawai_record(client, cast, who):
    # issue 16: HR and a superadmin read the requests of their scope (once 404 for them); out of
    # scope stays 404 (tests/attendance/test_permohonan_kelola.py), deciding stays the approvers'
    p = _permohonan(cast)
    p.lampiran.save("surat.pdf", ContentFile(b"%PDF-1.4 isi"), save=True)
    client.force_login(getattr(cast, who))
    url = reverse("presensi:permohonan_detail", args=[p.pk])
    assert client.get(url).status_code == 200
    assert client.get(url, {"unduh": "1"}).status_code == 200  # its attachment too
    assert client.post(reverse("presensi:permohonan_tindak", args=[p.pk]), {"aksi": "setujui"}).status_code == 403


# --- SKP form pages: a GET refuses whom the POST refuses, and shows nothing of the plan ---------------


@pytest.mark.parametrize("who", ["atasan", "admin_opd", "hr", "superadmin"])
def test_the_rhk_form_is_refused_to_all_but_the_owner_and_shows_nothing(client, cast, who):
    rhk = _rhk(cast.pegawai)
    client.force_login(getattr(getattr(cast, who), "user", getattr(cast, who)))
    for url in (
        reverse("skp:rhk_ubah", args=[rhk.pk]),
        reverse("skp:rencana_aksi", args=[rhk.pk]),
        reverse("skp:rhk_tambah", args=[rhk.skp_id]),
    ):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 403, url
        assert "Hanya pegawai pemilik SKP yang dapat mengubahnya." in html
        assert rhk.uraian not in html and "Jumlah laporan" not in html
        assert response.context.get("form") is None


def test_the_data_dukung_form_is_refused_to_the_atasan(client, cast):
    skp = _skp(cast.pegawai)
    client.force_login(cast.atasan.user)
    response = client.get(reverse("skp:data_dukung", args=[skp.pk]), {"periode": "TRIWULAN-4"})
    assert response.status_code == 403
    assert "Hanya pegawai pemilik SKP yang dapat menambah data dukung." in response.content.decode()
    # an unknown period stays 404, as on POST
    assert client.get(reverse("skp:data_dukung", args=[skp.pk]), {"periode": "x"}).status_code == 404


@pytest.mark.parametrize("who", ["pegawai", "admin_opd", "hr"])
def test_the_expectations_form_is_for_the_leader_only(client, cast, who):
    skp = _skp(cast.pegawai)
    client.force_login(getattr(getattr(cast, who), "user", getattr(cast, who)))
    response = client.get(reverse("skp:ekspektasi", args=[skp.pk]))
    assert response.status_code == 403
    assert "Hanya pejabat penilai atau atasan langsung pegawai ini" in response.content.decode()
    client.force_login(cast.atasan.user)
    assert client.get(reverse("skp:ekspektasi", args=[skp.pk])).status_code == 200
