"""Persiapan pemda (issue 16): the HR checklist counts what a pemda lacks, and the counts move as
HR adds what was missing; a superadmin reads any pemda through the picker; nobody else opens it."""

from datetime import date

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Pegawai
from accounts.services import pegawai_create
from activities.models import AturanAktivitas
from attendance.models import HariLibur, JadwalKerja, PinMesin
from tests.factories import JabatanFactory, PegawaiFactory, PemdaFactory, posted
from tpp.models import AturanTpp

pytestmark = pytest.mark.django_db

URL = reverse("persiapan")


def _baris(client, **query) -> dict[str, tuple[int, bool]]:
    response = client.get(URL, query)
    assert response.status_code == 200
    return {b.kunci: (b.jumlah, b.siap) for b in response.context["baris"]}


def test_the_counts_follow_what_hr_adds(client, cast, today):
    client.force_login(cast.hr)
    awal = _baris(client)
    assert awal == {
        "organisasi": (4, True), "penempatan": (0, True), "atasan": (0, True), "jadwal": (0, False),
        "libur": (0, False), "aturan_tpp": (0, False), "aturan_aktivitas": (0, False),
        "aturan_presensi": (0, False), "pin": (6, False),
        "aktivasi": (0, True), "faktor": (2, False),
    }  # fmt: skip
    # a post without an atasan (not the head of its OPD), a pegawai without a posting, a new account
    lepas = JabatanFactory(unit=cast.dinas, nama="Analis Lepas", kelas=7)
    posted(lepas, nama="Tanpa Atasan")
    PegawaiFactory(pemda=cast.pemda, nama="Belum Ditempatkan")
    pegawai_create(
        actor=cast.hr, jabatan=cast.j_staf, mulai=date(2026, 1, 1), nip="199001012020121001", nama="Baru Masuk",
        status="PNS", golongan="III/a",
    )  # fmt: skip
    sesudah = _baris(client)
    assert sesudah["atasan"] == (1, False)
    assert sesudah["penempatan"] == (1, False)
    assert sesudah["pin"] == (8, False)
    assert sesudah["aktivasi"] == (1, False)
    # HR fills the gaps
    HariLibur.objects.create(pemda=cast.pemda, tanggal=date(today.year, 12, 25), nama="Natal")
    JadwalKerja.objects.create(pemda=cast.pemda, nama="Jadwal umum", berlaku_mulai=date(today.year, 1, 1))
    AturanTpp.objects.create(pemda=cast.pemda, berlaku_mulai=date(today.year, 1, 1), catatan="Perwali 1")
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(today.year, 1, 1), catatan="Perwali 1")
    for i, p in enumerate(Pegawai.objects.filter(pemda=cast.pemda)):
        PinMesin.objects.create(pemda=cast.pemda, pin=str(100 + i), pegawai=p)
    TOTPDevice.objects.create(user=cast.admin_opd, name="ponsel", confirmed=True)
    akhir = _baris(client)
    assert (akhir["libur"], akhir["jadwal"], akhir["aturan_tpp"]) == ((1, True), (1, True), (1, True))
    assert (akhir["aturan_aktivitas"], akhir["aturan_presensi"]) == ((1, True), (0, False))
    assert akhir["pin"] == (0, True) and akhir["faktor"] == (1, False)
    page = client.get(URL).content.decode()
    assert reverse("tpp:aturan_presensi_list") in page
    assert reverse("presensi:pin_list") in page and reverse("org:peran") in page and "belum siap" in page


def test_a_superadmin_reads_a_new_pemda_and_others_are_refused(client, cast):
    baru = PemdaFactory(nama="Pemerintah Kabupaten Baru", kode="BARU")
    client.force_login(cast.superadmin)
    assert [t.name for t in client.get(URL).templates][0] == "core/pemda_pilih.html"
    kosong = _baris(client, pemda=baru.pk)
    assert kosong["organisasi"] == (0, False) and kosong["penempatan"] == (0, False)
    assert kosong["faktor"] == (0, True)
    assert f"?pemda={baru.pk}" in client.get(URL, {"pemda": baru.pk}).content.decode()
    for who in (cast.admin_opd, cast.pegawai.user):
        client.force_login(who)
        assert client.get(URL).status_code == 403
