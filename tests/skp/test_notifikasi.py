"""Issue 17: an SKP approved or returned through its page reaches its owner; a new feedback message
(the thread on the SKP, the umpan balik of a period's evaluation) reaches the person it is about."""

import pytest
from django.urls import reverse

from notifikasi.choices import Jenis
from notifikasi.models import Notifikasi
from skp.choices import Status
from tests.skp.conftest import add_rhk, approved, new_skp

pytestmark = pytest.mark.django_db


@pytest.fixture
def skp_pegawai(cast, rencana):
    skp = new_skp(cast.pegawai)
    add_rhk(skp, induk=rencana.rhk_atasan)
    return skp


@pytest.fixture
def baru():
    """Only what the test itself causes: the fixtures' approvals notified the supervisors already."""
    Notifikasi.objects.all().delete()

    def rows():
        return list(Notifikasi.objects.order_by("pk").values_list("user_id", "jenis", "judul", "isi", "url"))

    return rows


def pindah(client, who, skp, **data):
    client.force_login(who.user)
    assert client.post(reverse("skp:pindah", args=[skp.pk]), data).status_code == 302
    skp.refresh_from_db()
    return skp


def test_a_return_and_then_an_approval_reach_the_owner(client, cast, skp_pegawai, baru):
    detail = reverse("skp:detail", args=[skp_pegawai.pk])
    pindah(client, cast.pegawai, skp_pegawai, aksi="ajukan")
    assert baru() == []  # a submission is the penilai's queue, not a message
    assert pindah(client, cast.atasan, skp_pegawai, aksi="kembalikan", catatan="Target terlalu rendah").status == (
        Status.DIKEMBALIKAN
    )
    assert baru() == [
        (
            cast.pegawai.user.pk,
            Jenis.SKP_DIPUTUS,
            "SKP 2026 Anda dikembalikan untuk diperbaiki",
            "Diputuskan oleh Kasubag Teliti. Catatan: Target terlalu rendah",
            detail,
        )
    ]
    pindah(client, cast.pegawai, skp_pegawai, aksi="ajukan")
    assert pindah(client, cast.atasan, skp_pegawai, aksi="setujui").status == Status.DISETUJUI
    pindah(client, cast.atasan, skp_pegawai, aksi="setujui")  # again: refused, no second message
    assert [(r[0], r[2]) for r in baru()] == [
        (cast.pegawai.user.pk, "SKP 2026 Anda dikembalikan untuk diperbaiki"),
        (cast.pegawai.user.pk, "SKP 2026 Anda disetujui"),
    ]


def test_a_message_in_the_thread_reaches_the_other_side(client, cast, skp_pegawai, baru):
    url = reverse("skp:komentar", args=[skp_pegawai.pk])
    detail = reverse("skp:detail", args=[skp_pegawai.pk])
    client.force_login(cast.atasan.user)
    client.post(url, {"isi": "Laporan triwulan sudah bagus, lanjutkan."})
    assert baru() == [
        (
            cast.pegawai.user.pk,
            Jenis.UMPAN_BALIK,
            "Umpan balik baru pada SKP 2026 dari Kasubag Teliti",
            "Laporan triwulan sudah bagus, lanjutkan.",
            f"{detail}#umpan-balik",
        )
    ]
    client.force_login(cast.pegawai.user)
    client.post(url, {"isi": "Terima kasih, Pak."})
    assert [(r[0], r[2]) for r in baru()][1] == (
        cast.atasan.user.pk,
        "Umpan balik baru pada SKP 2026 dari Pegawai Rajin",
    )
    assert len(baru()) == 2


def test_the_umpan_balik_of_a_periods_evaluation_reaches_the_owner(client, cast, skp_pegawai, baru):
    approved(skp_pegawai)
    Notifikasi.objects.all().delete()
    url = reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-4"])
    client.force_login(cast.atasan.user)
    data = {"nilai": "1", "hasil_kerja": "SESUAI", "perilaku_kerja": "DI_ATAS", "alasan_beda_saran": "x"}
    assert client.post(url, data).status_code == 302
    assert baru() == []  # a rating without feedback says nothing new
    data["umpan_balik"] = "Tingkatkan ketepatan waktu laporan."
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # saved again unchanged: no second message
    assert baru() == [
        (
            cast.pegawai.user.pk,
            Jenis.UMPAN_BALIK,
            "Umpan balik penilaian Triwulan IV 2026 dari Kasubag Teliti",
            "Tingkatkan ketepatan waktu laporan.",
            url,
        )
    ]


def test_the_thread_message_is_notified_once_however_often_the_trigger_runs(cast, skp_pegawai, baru):
    from skp import pemberitahuan, services

    k = services.komentar_add(actor=cast.atasan.user, skp=skp_pegawai, isi="Bagus")
    pemberitahuan.komentar_baru(k, cast.atasan.user)
    assert [r[0] for r in baru()] == [cast.pegawai.user.pk]


def test_per_rhk_umpan_balik_reaches_the_owner_once_per_save(client, cast, rencana, skp_pegawai, baru):
    from skp.models import PenilaianRhk

    kedua = add_rhk(skp_pegawai, uraian="Arsip surat tertata", induk=rencana.rhk_atasan)
    [pertama] = [r for r in skp_pegawai.rhk.all() if r.pk != kedua.pk]
    approved(skp_pegawai)
    Notifikasi.objects.all().delete()
    url = reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-4"])
    client.force_login(cast.atasan.user)
    data = {"nilai": "1", "hasil_kerja": "SESUAI", "perilaku_kerja": "DI_ATAS", "alasan_beda_saran": "x",
            f"rhk_{pertama.pk}": "SESUAI", f"rhk_{kedua.pk}": "SESUAI"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert baru() == []  # ratings without feedback
    # feedback on both RHK, none on the whole: one message naming both
    data |= {f"rhk_{pertama.pk}_umpan": "Lampirkan daftar hadir.", f"rhk_{kedua.pk}_umpan": "Beri kode klasifikasi."}
    assert client.post(url, data).status_code == 302
    judul = "Umpan balik penilaian Triwulan IV 2026 dari Kasubag Teliti"
    assert baru() == [
        (
            cast.pegawai.user.pk,
            Jenis.UMPAN_BALIK,
            judul,
            "Laporan kegiatan tersusun: Lampirkan daftar hadir.\nArsip surat tertata: Beri kode klasifikasi.",
            url,
        )
    ]
    assert client.post(url, data).status_code == 302  # saved again unchanged: nothing new
    assert len(baru()) == 1
    # one RHK's feedback changed, and the whole's written: one more message, with what is new
    data |= {f"rhk_{kedua.pk}_umpan": "Kode klasifikasi sudah benar.", "umpan_balik": "Pertahankan."}
    assert client.post(url, data).status_code == 302
    assert baru()[1:] == [
        (
            cast.pegawai.user.pk,
            Jenis.UMPAN_BALIK,
            judul,
            "Pertahankan.\nArsip surat tertata: Kode klasifikasi sudah benar.",
            url,
        )
    ]
    assert dict(PenilaianRhk.objects.values_list("rhk_id", "umpan_balik")) == {
        pertama.pk: "Lampirkan daftar hadir.",
        kedua.pk: "Kode klasifikasi sudah benar.",
    }


def test_a_double_submit_of_a_thread_message_writes_one_message_and_one_notification(client, cast, skp_pegawai, baru):
    import re

    from skp.models import Komentar

    detail = reverse("skp:detail", args=[skp_pegawai.pk])
    url = reverse("skp:komentar", args=[skp_pegawai.pk])
    client.force_login(cast.atasan.user)
    html = client.get(detail).content.decode()
    [kunci] = re.findall(r'name="kunci_idempotensi" value="([0-9a-f-]{36})"', html)
    data = {"isi": "Laporan triwulan sudah bagus.", "kunci_idempotensi": kunci}
    for _ in range(2):  # a double click, or a retry after a timeout
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"] == f"{detail}#umpan-balik"
    assert list(Komentar.objects.filter(skp=skp_pegawai).values_list("penulis_id", "isi")) == [
        (cast.atasan.pk, "Laporan triwulan sudah bagus.")
    ]
    assert [(r[0], r[1], r[3]) for r in baru()] == [
        (cast.pegawai.user.pk, Jenis.UMPAN_BALIK, "Laporan triwulan sudah bagus.")
    ]
    # an empty message is refused without using the key up; the corrected one is then written once
    [kunci2] = re.findall(r'name="kunci_idempotensi" value="([0-9a-f-]{36})"', client.get(detail).content.decode())
    assert kunci2 != kunci
    client.post(url, {"isi": " ", "kunci_idempotensi": kunci2})
    assert Komentar.objects.count() == 1
    client.post(url, {"isi": "Satu lagi.", "kunci_idempotensi": kunci2})
    client.post(url, {"isi": "Satu lagi.", "kunci_idempotensi": kunci2})
    assert list(Komentar.objects.order_by("pk").values_list("isi", flat=True)) == [
        "Laporan triwulan sudah bagus.",
        "Satu lagi.",
    ]
    assert len(baru()) == 2
