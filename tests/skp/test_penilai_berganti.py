"""The evaluation follows the atasan in force (PermenPANRB 6/2022), not the stored Skp.penilai:
a new definitive holder of the atasan's post, a Plt or a Plh rates the period and sees the person
in the grid; the old atasan no longer does; the stored penilai still approves the plan."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.choices import JenisPenempatan
from accounts.models import Penempatan
from skp import selectors, services
from skp.choices import Status
from skp.models import Penilaian
from skp.services_penilaian import penilaian_save
from tests.factories import PenempatanFactory, posted
from tests.skp.conftest import TAHUN, add_rhk, approved, new_skp

GRID = reverse("skp:penilaian_grid") + f"?tahun={TAHUN}&periode=TRIWULAN-4"
GANTI = date(TAHUN, 10, 1)  # the atasan's post changes hands at the start of Q4


@pytest.fixture
def skp_pegawai(cast, rencana):
    skp = new_skp(cast.pegawai)
    add_rhk(skp, induk=rencana.rhk_atasan)
    return skp


def _pensiun(pegawai) -> None:
    Penempatan.objects.filter(pegawai=pegawai).update(selesai=date(TAHUN, 9, 30))


def _baru(cast, jenis: str):
    """The new atasan: a new definitive holder of the kasubag post after the old one retires, a
    Plt for the vacancy (who keeps their own post), or a Plh while the old one is still in office."""
    if jenis == JenisPenempatan.DEFINITIF:
        _pensiun(cast.atasan)
        return posted(cast.j_kasubag, mulai=GANTI, nama="Kasubag Baru")
    acting = posted(cast.j_badan_staf, nama="Pejabat Pelaksana")
    PenempatanFactory(pegawai=acting, jabatan=cast.j_kasubag, mulai=GANTI, jenis=jenis)
    if jenis == JenisPenempatan.PLT:
        _pensiun(cast.atasan)
    return acting


def _nilai(actor, skp, ke=4):
    return penilaian_save(
        actor=actor.user, skp=skp, jenis="TRIWULAN", ke=ke, hasil_kerja="SESUAI", perilaku_kerja="SESUAI", saran=""
    )


JENIS = [JenisPenempatan.DEFINITIF, JenisPenempatan.PLT, JenisPenempatan.PLH]


@pytest.mark.parametrize("jenis", JENIS)
def test_the_new_atasan_sees_the_person_in_the_grid_and_rates(client, cast, skp_pegawai, jenis):
    approved(skp_pegawai)
    baru = _baru(cast, jenis)
    client.force_login(baru.user)
    assert "Pegawai Rajin" in client.get(GRID).content.decode()
    data = {f"s{skp_pegawai.pk}-hasil_kerja": "SESUAI", f"s{skp_pegawai.pk}-perilaku_kerja": "SESUAI"}
    data[f"s{skp_pegawai.pk}-alasan_beda_saran"] = "Dinilai oleh atasan baru"
    assert client.post(GRID, data).status_code == 302
    p = Penilaian.objects.get(skp=skp_pegawai, jenis="TRIWULAN", ke=4)
    assert p.penilai_id == baru.pk  # who actually rated, not the stored penilai
    assert p.predikat == "BAIK"
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.penilai_id == cast.atasan.pk  # the plan's penilai is unchanged


@pytest.mark.parametrize("jenis", JENIS)
def test_the_old_atasan_no_longer_rates(client, cast, skp_pegawai, jenis):
    approved(skp_pegawai)
    _baru(cast, jenis)
    client.force_login(cast.atasan.user)
    assert "Pegawai Rajin" not in client.get(GRID).content.decode()
    with pytest.raises(PermissionDenied):
        _nilai(cast.atasan, skp_pegawai)
    page = client.get(reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-4"])).content.decode()
    assert 'name="nilai"' not in page
    assert not Penilaian.objects.filter(skp=skp_pegawai).exists()


def test_the_service_records_the_actual_rater(cast, skp_pegawai):
    approved(skp_pegawai)
    baru = _baru(cast, JenisPenempatan.PLT)
    assert _nilai(baru, skp_pegawai).penilai_id == baru.pk


def test_a_finished_period_stays_with_the_atasan_of_its_last_day(cast, skp_pegawai):
    """Q3 ended before the post changed hands: the old atasan rates it, the new one cannot."""
    approved(skp_pegawai)
    baru = _baru(cast, JenisPenempatan.DEFINITIF)
    with pytest.raises(PermissionDenied):
        _nilai(baru, skp_pegawai, ke=3)
    assert _nilai(cast.atasan, skp_pegawai, ke=3).penilai_id == cast.atasan.pk
    start, end = date(TAHUN, 7, 1), date(TAHUN, 9, 30)
    assert [s.pk for s in selectors.skp_untuk_dinilai(cast.atasan, start=start, end=end)] == [skp_pegawai.pk]
    assert selectors.skp_untuk_dinilai(baru, start=start, end=end) == []


def test_the_new_atasan_sees_the_skp_and_others_still_do_not(client, cast, skp_pegawai):
    approved(skp_pegawai)
    baru = _baru(cast, JenisPenempatan.DEFINITIF)
    client.force_login(baru.user)
    assert client.get(reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-4"])).status_code == 200
    assert client.get(reverse("skp:detail", args=[skp_pegawai.pk])).status_code == 200
    client.force_login(cast.pegawai_lain.user)
    assert client.get(reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-4"])).status_code == 404


def test_the_new_atasan_rates_on_the_period_page(client, cast, skp_pegawai):
    approved(skp_pegawai)
    baru = _baru(cast, JenisPenempatan.PLT)
    client.force_login(baru.user)
    url = reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-4"])
    assert 'name="nilai"' in client.get(url).content.decode()
    data = {"nilai": "1", "hasil_kerja": "SESUAI", "perilaku_kerja": "DI_ATAS", "alasan_beda_saran": "x"}
    assert client.post(url, data).status_code == 302
    assert Penilaian.objects.get(skp=skp_pegawai).penilai_id == baru.pk


@pytest.mark.parametrize("jenis", JENIS)
def test_the_stored_penilai_still_approves_the_plan(cast, skp_pegawai, jenis):
    services.skp_submit(actor=cast.pegawai.user, skp=skp_pegawai)
    baru = _baru(cast, jenis)
    with pytest.raises(PermissionDenied):
        services.skp_approve(actor=baru.user, skp=skp_pegawai)
    assert services.skp_approve(actor=cast.atasan.user, skp=skp_pegawai).status == Status.DISETUJUI


def test_the_evaluation_pdf_names_who_rated(client, cast, skp_pegawai):
    from tests.skp.test_views import pdf_text

    approved(skp_pegawai)
    baru = _baru(cast, JenisPenempatan.PLT)
    _nilai(baru, skp_pegawai)
    client.force_login(cast.pegawai.user)
    text = pdf_text(client.get(reverse("skp:periode_pdf", args=[skp_pegawai.pk, "TRIWULAN-4"])).content)
    assert "Pejabat Pelaksana" in text and "Kepala Subbagian Umum" in text  # the Plt, through the acting post
    assert "Kasubag Teliti" not in text


@pytest.mark.parametrize("jenis", JENIS)
def test_the_new_atasan_joins_the_feedback_thread_and_sets_the_expectations(cast, skp_pegawai, jenis):
    approved(skp_pegawai)
    baru = _baru(cast, jenis)
    k = services.komentar_add(actor=baru.user, skp=skp_pegawai, isi="Selamat bekerja dengan atasan baru.")
    assert k.penulis_id == baru.pk
    services.skp_ekspektasi_save(actor=baru.user, skp=skp_pegawai, ekspektasi={"BERORIENTASI_PELAYANAN": "Ramah"})
    assert services.komentar_add(actor=cast.pegawai.user, skp=skp_pegawai, isi="Baik, Pak.").penulis_id == (
        cast.pegawai.pk
    )
    with pytest.raises(PermissionDenied):  # someone who leads nobody here
        services.komentar_add(actor=cast.pegawai_lain.user, skp=skp_pegawai, isi="x")


def test_the_detail_page_offers_the_new_atasan_the_thread_and_the_expectations(client, cast, skp_pegawai):
    approved(skp_pegawai)
    baru = _baru(cast, JenisPenempatan.PLT)
    client.force_login(baru.user)
    page = client.get(reverse("skp:detail", args=[skp_pegawai.pk])).content.decode()
    assert reverse("skp:komentar", args=[skp_pegawai.pk]) in page
    assert reverse("skp:ekspektasi", args=[skp_pegawai.pk]) in page
    client.force_login(cast.atasan.user)  # retired: sees the plan they approved, leads no longer
    page = client.get(reverse("skp:detail", args=[skp_pegawai.pk])).content.decode()
    assert reverse("skp:komentar", args=[skp_pegawai.pk]) in page  # still the stored penilai
