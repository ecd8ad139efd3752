"""Issue 17: a leave or izin request decided through its page reaches the requester: the final
approval (one level, or the second of two), a refusal at either level, an approval withdrawn by the
atasan; never a first-level approval still waiting, never the requester's own cancellation."""

import pytest
from django.urls import reverse

from attendance.choices import JenisPermohonan as J
from attendance.choices import StatusPermohonan as S
from attendance.models import Permohonan
from notifikasi.choices import Jenis
from notifikasi.models import Notifikasi
from tests.attendance.test_permohonan import JUMAT, ajukan, dua_tingkat

pytestmark = pytest.mark.django_db


def tindak(client, who, p, **data):
    client.force_login(who.user)
    response = client.post(reverse("presensi:permohonan_tindak", args=[p.pk]), data)
    assert response.status_code == 302
    return Permohonan.objects.get(pk=p.pk)


def rows():
    return list(Notifikasi.objects.order_by("pk").values_list("user_id", "jenis", "judul", "isi", "url"))


def test_a_one_level_approval_reaches_the_requester_once(client, cast):
    p = ajukan(cast.pegawai)
    assert tindak(client, cast.atasan, p, aksi="setujui").status == S.DISETUJUI
    detail = reverse("presensi:permohonan_detail", args=[p.pk])
    assert rows() == [
        (
            cast.pegawai.user.pk,
            Jenis.PERMOHONAN_DIPUTUS,
            "Izin 2 Maret 2026 disetujui",
            "Diputuskan oleh Kasubag Teliti.",
            detail,
        )
    ]
    tindak(client, cast.atasan, p, aksi="setujui")  # a second click: refused, nobody hears twice
    assert len(rows()) == 1


def test_a_refusal_says_why(client, cast):
    p = ajukan(cast.pegawai, jenis=J.CUTI_TAHUNAN, selesai=JUMAT)
    assert tindak(client, cast.atasan, p, aksi="tolak", catatan="Rapat akhir tahun").status == S.DITOLAK
    [(user_id, _j, judul, isi, _u)] = rows()
    assert user_id == cast.pegawai.user.pk
    assert judul == "Cuti tahunan 2 Maret 2026–6 Maret 2026 ditolak"
    assert isi == "Diputuskan oleh Kasubag Teliti. Catatan: Rapat akhir tahun"


def test_two_levels_notify_at_the_final_decision_only(client, cast):
    dua_tingkat(cast)
    p = ajukan(cast.pegawai, jenis=J.CUTI_TAHUNAN)
    assert tindak(client, cast.atasan, p, aksi="setujui").status == S.DISETUJUI_ATASAN
    assert rows() == []
    assert tindak(client, cast.atasan_atasan, p, aksi="setujui").status == S.DISETUJUI
    [(user_id, _j, judul, isi, _u)] = rows()
    assert user_id == cast.pegawai.user.pk and judul.endswith("disetujui")
    assert isi == "Diputuskan oleh Sekretaris Sejati."


def test_a_refusal_at_the_second_level_reaches_the_requester(client, cast):
    dua_tingkat(cast)
    p = ajukan(cast.pegawai, jenis=J.CUTI_TAHUNAN)
    tindak(client, cast.atasan, p, aksi="setujui")
    assert tindak(client, cast.atasan_atasan, p, aksi="tolak", catatan="Kuota unit penuh").status == S.DITOLAK
    [(user_id, _j, judul, isi, _u)] = rows()
    assert user_id == cast.pegawai.user.pk and judul.endswith("ditolak") and "Kuota unit penuh" in isi


def test_the_owners_own_cancellation_notifies_nobody_but_a_withdrawal_does(client, cast):
    p = ajukan(cast.pegawai)
    assert tindak(client, cast.pegawai, p, aksi="batalkan").status == S.DIBATALKAN
    assert rows() == []
    q = ajukan(cast.pegawai)
    tindak(client, cast.atasan, q, aksi="setujui")
    assert tindak(client, cast.atasan, q, aksi="batalkan", catatan="Tugas dibatalkan").status == S.DIBATALKAN
    assert [r[2] for r in rows()] == ["Izin 2 Maret 2026 disetujui", "Izin 2 Maret 2026 dibatalkan oleh atasan"]
    assert {r[0] for r in rows()} == {cast.pegawai.user.pk}
