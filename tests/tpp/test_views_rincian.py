""" "Rincian TPP saya" and the same page for an atasan's people."""

from datetime import date

import pytest
from django.urls import reverse

from tests.tpp.test_rincian import bulan_kerja
from tests.tpp.util import aturan, validated
from tpp.services import periode_ambil, tpp_periode_buka, tpp_periode_hitung, tpp_periode_tutup

pytestmark = pytest.mark.django_db
OKT = "?bulan=2026-10"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    for where in ("tpp.calculation.today", "tpp.selectors.today", "tpp.views_hr.today", "tpp.views_rincian.today"):
        monkeypatch.setattr(where, lambda: date(2026, 11, 22))


def test_anonymous_goes_to_login(client, cast):
    for path in (reverse("tpp:rincian_saya"), reverse("tpp:rincian_pegawai", args=[cast.pegawai.pk])):
        response = client.get(path)
        assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_an_account_without_a_pegawai_gets_403_on_my_page(client, cast):
    client.force_login(cast.hr)
    assert client.get(reverse("tpp:rincian_saya")).status_code == 403


@pytest.mark.parametrize(
    ("who", "whose"),
    [("pegawai", "atasan"), ("atasan_atasan", "pegawai"), ("pegawai_lain", "pegawai"), ("admin_opd", "pegawai_lain")],
)
def test_someone_else_out_of_scope_is_404(client, cast, who, whose):
    user = getattr(cast, who)
    client.force_login(getattr(user, "user", user))
    assert client.get(reverse("tpp:rincian_pegawai", args=[getattr(cast, whose).pk]) + OKT).status_code == 404


def test_an_unknown_pegawai_is_404(client, cast):
    client.force_login(cast.hr)
    assert client.get(reverse("tpp:rincian_pegawai", args=[999_999]) + OKT).status_code == 404


def test_an_open_month_is_a_preview_explained_line_by_line(client, cast):
    bulan_kerja(cast)
    client.force_login(cast.pegawai.user)
    response = client.get(reverse("tpp:rincian_saya") + OKT)
    html = response.content.decode()
    assert response.context["r"].perkiraan
    assert "Perkiraan jika bulan ditutup hari ini" in html
    assert "Rincian TPP saya, Oktober 2026" in html
    for text in (
        "Besaran TPP kelas jabatan 5", "22 hari kerja × 300 menit per hari", "6.600 menit", "75,76%",
        "3 kali terlambat TL2 (31–60 menit)", "−3% dari bagian disiplin", "1 hari tidak masuk tanpa keterangan",
        "Rp1.363.636", "Rp1.128.000", "Rp2.491.636", "−Rp24.916", "Iuran BPJS Kesehatan 4% dibayar pemda",
        "Rp2.466.720",
    ):  # fmt: skip
        assert text in html, text


def test_a_closed_month_shows_the_stored_row(client, cast):
    bulan_kerja(cast)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    validated(cast.pegawai, 1_000, tanggal=date(2026, 10, 28))  # typed into a closed month by other means
    client.force_login(cast.pegawai.user)
    response = client.get(reverse("tpp:rincian_saya") + OKT)
    html = response.content.decode()
    assert not response.context["r"].perkiraan
    assert "Bulan ini sudah ditutup. Angka di bawah ini yang dibayarkan." in html
    assert "Rp2.466.720" in html and "Perkiraan jika" not in html


def test_a_reopened_month_shows_the_frozen_amount_and_the_difference(client, cast):
    aturan(cast.pemda)
    validated(cast.pegawai, 3_300)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    tpp_periode_buka(actor=cast.hr, periode=periode, alasan="Validasi yang terlambat")
    validated(cast.pegawai, 3_300, tanggal=date(2026, 10, 20))
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("tpp:rincian_saya") + OKT).content.decode()
    assert "Dibayar saat bulan ditutup" in html and "Rp2.079.000" in html
    assert "+Rp891.000" in html and "Rp2.970.000" in html


def test_the_atasan_sees_the_list_and_the_rincian_of_their_people(client, cast):
    bulan_kerja(cast)
    client.force_login(cast.atasan.user)
    mine = client.get(reverse("tpp:rincian_saya") + OKT)
    link = reverse("tpp:rincian_pegawai", args=[cast.pegawai.pk]) + OKT
    assert cast.pegawai in mine.context["bawahan"]
    assert link in mine.content.decode()
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200 and "Rincian TPP Pegawai Rajin, Oktober 2026" in html
    assert "Rp2.466.720" in html


def test_a_missing_amount_says_what_to_do(client, cast):
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("tpp:rincian_saya") + OKT).content.decode()
    assert "Besaran TPP kelas jabatan 5 belum diatur pada aturan TPP. Hubungi BKPSDM agar data ini dilengkapi." in html


def test_a_garbage_month_falls_back_to_this_month(client, cast):
    aturan(cast.pemda)
    client.force_login(cast.pegawai.user)
    response = client.get(reverse("tpp:rincian_saya") + "?bulan=2026-99")
    assert response.status_code == 200
    assert "Tulis bulan sebagai tahun-bulan" in response.content.decode()


def test_the_menu_offers_rincian_to_a_pegawai_and_the_tpp_menu_to_hr(client, cast):
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("beranda")).content.decode()
    assert reverse("tpp:rincian_saya") in html and reverse("tpp:bulan") not in html
    client.force_login(cast.hr)
    html = client.get(reverse("beranda")).content.decode()
    assert reverse("tpp:bulan") in html and reverse("tpp:aturan_list") in html and reverse("tpp:hukdis_list") in html
    client.force_login(cast.admin_opd)
    html = client.get(reverse("beranda")).content.decode()
    assert reverse("tpp:bulan") in html and reverse("tpp:aturan_list") not in html


def test_opening_rincian_without_any_rule_set_writes_nothing(client, cast):
    """The page previews with the national default held in memory: a GET never writes (issue 13)."""
    from tpp.models import AturanTpp, BarisTpp, PeriodeTpp

    client.force_login(cast.pegawai.user)
    response = client.get(reverse("tpp:rincian_saya") + OKT)
    assert response.status_code == 200 and response.context["r"].perkiraan
    assert "Besaran TPP kelas jabatan 5 belum diatur pada aturan TPP." in response.content.decode()
    assert (AturanTpp.objects.count(), PeriodeTpp.objects.count(), BarisTpp.objects.count()) == (0, 0, 0)
