"""Discipline events (apel, upacara, senam): every event an admin can record has a TPP cut, so recording
one never voids a person's TPP (issue 13, item 2)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from attendance.choices import JenisKejadian
from attendance.models import Kejadian
from attendance.services.hari import kejadian_create
from tests.tpp.util import aturan, bulan_hadir, validated
from tpp.models import AturanTpp, BarisTpp
from tpp.services import periode_ambil, tpp_periode_hitung

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
SENIN = date(2026, 10, 5)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    for where in (
        "tpp.calculation.today",
        "attendance.selectors.today",
        "attendance.services.hari.today",
        "tpp.selectors.today",
        "tpp.views_rincian.today",
        "tpp.views_hr.today",
    ):
        monkeypatch.setattr(where, lambda: TODAY)


def catat(client, cast, jenis: str, tanggal: date = SENIN):
    """The admin OPD records an event through the real page."""
    client.force_login(cast.admin_opd)
    data = {"pegawai": cast.pegawai.pk, "tanggal": tanggal.isoformat(), "jenis": jenis, "catatan": ""}
    return client.post(reverse("presensi:kejadian_create"), data)


def hitung_oktober(cast) -> BarisTpp:
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return BarisTpp.objects.get(periode=periode, pegawai=cast.pegawai)


def bulan_kerja(cast, **aturan_kw) -> None:
    """Kelas 5 (Rp3.000.000), every working day present, 3.300 validated minutes (half the target)."""
    aturan(cast.pemda, **aturan_kw)
    bulan_hadir(cast.pegawai)
    validated(cast.pegawai, 3_300)


def test_a_missed_senam_recorded_on_the_form_is_cut_not_a_void_tpp(client, cast):
    """The regression: "Tidak mengikuti senam" was offered but had no cut, so the person got nothing."""
    bulan_kerja(cast)
    response = catat(client, cast, JenisKejadian.TIDAK_SENAM)
    assert response.status_code == 302
    assert list(cast.pegawai.kejadian.values_list("jenis", flat=True)) == ["TIDAK_SENAM"]

    row = hitung_oktober(cast)
    assert row.galat == ""
    assert row.kejadian == {"TIDAK_SENAM": 1}
    assert row.potongan_disiplin_pct == 2
    # kinerja 3.000.000 × 60% × 50% = 900.000; disiplin 3.000.000 × 40% × (100% − 2%) = 1.176.000
    assert (row.bagian_kinerja, row.bagian_disiplin, row.bruto) == (900_000, 1_176_000, 2_076_000)
    # BPJS 1% of the TPP part (gaji 4.000.000 + 2.076.000 is under the ceiling)
    assert (row.bpjs_pegawai, row.neto) == (20_760, 2_055_240)
    # and the pegawai's own explanation names the cut
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("tpp:rincian_saya") + "?bulan=2026-10").content.decode()
    assert "1 kali tidak mengikuti senam" in html and "−2% dari bagian disiplin" in html
    assert "TPP belum dapat dihitung" not in html and "Rp2.055.240" in html


def test_a_saved_cut_table_without_senam_extends_the_defaults(client, cast):
    """A pemda's table saved before senam had a cut keeps its own figures and gains the default one."""
    bulan_kerja(cast, tabel_potongan={"TIDAK_APEL": "3", "TIDAK_UPACARA": "2", "TL1": "0.5"})
    assert catat(client, cast, JenisKejadian.TIDAK_SENAM).status_code == 302
    assert catat(client, cast, JenisKejadian.TIDAK_APEL, date(2026, 10, 6)).status_code == 302
    row = hitung_oktober(cast)
    assert row.galat == ""
    assert row.potongan_disiplin_pct == 5  # apel 3 (saved) + senam 2 (default)
    assert row.bagian_disiplin == 1_140_000  # 3.000.000 × 40% × 95%


def test_a_zero_cut_is_a_valid_cut(client, cast):
    bulan_kerja(cast, tabel_potongan={"TIDAK_SENAM": "0"})
    assert catat(client, cast, JenisKejadian.TIDAK_SENAM).status_code == 302
    row = hitung_oktober(cast)
    assert (row.galat, row.potongan_disiplin_pct, row.bagian_disiplin) == ("", 0, 1_200_000)


def test_the_form_offers_every_event_the_rules_know(client, cast):
    client.force_login(cast.admin_opd)
    response = client.get(reverse("presensi:kejadian_create"))
    assert response.status_code == 200
    choices = [v for v, _label in response.context["form"].fields["jenis"].choices if v]
    assert choices == JenisKejadian.values
    assert "Tidak mengikuti senam" in response.content.decode()
    assert not AturanTpp.objects.exists()  # asking the rules in force wrote no default version


def test_an_event_without_a_cut_in_the_rules_cuts_nothing_and_the_rincian_says_so(client, cast):
    """A gathering the rule set in force gives no cut (added after it) is recorded and cuts 0 (issue 16)."""
    from attendance.services.kegiatan import kegiatan_create as kegiatan_baru

    bulan_kerja(cast)
    senam = kegiatan_baru(actor=cast.hr, pemda=cast.pemda, nama="Senam Jumat")
    assert senam.kode == "TIDAK_SENAM_JUMAT"
    assert catat(client, cast, senam.kode).status_code == 302
    row = hitung_oktober(cast)
    assert (row.galat, row.kejadian, row.potongan_disiplin_pct, row.bagian_disiplin) == (
        "",
        {"TIDAK_SENAM_JUMAT": 1},
        0,
        1_200_000,
    )
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("tpp:rincian_saya") + "?bulan=2026-10").content.decode()
    assert "1 kali tidak mengikuti senam Jumat" in html
    assert "belum menetapkan potongan untuk kejadian ini" in html


def test_an_inactive_or_unknown_event_is_neither_offered_nor_recorded(client, cast):
    from attendance.models import KegiatanWajib

    KegiatanWajib.objects.filter(pemda=cast.pemda, kode="TIDAK_SENAM").update(aktif=False)
    client.force_login(cast.admin_opd)
    form = client.get(reverse("presensi:kejadian_create")).context["form"]
    assert [v for v, _label in form.fields["jenis"].choices if v] == ["TIDAK_APEL", "TIDAK_UPACARA"]
    response = catat(client, cast, JenisKejadian.TIDAK_SENAM)
    assert response.status_code == 200 and not Kejadian.objects.exists()
    for jenis in ("TIDAK_SENAM", "TL1", "NGAWUR"):
        with pytest.raises(ValidationError) as e:
            kejadian_create(actor=cast.admin_opd, pegawai=cast.pegawai, tanggal=SENIN, jenis=jenis)
        assert e.value.message_dict["jenis"] == ["Pilih kejadian dari daftar."]
    assert not Kejadian.objects.exists()
