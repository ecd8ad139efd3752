"""Sebaran predikat per OPD: who may open it, the counts, the curve warning per OPD's own predikat,
setting that predikat through the service, and a query count that does not grow with the OPDs."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from skp import services_penilaian as services
from skp.choices import Predikat
from skp.models import Penilaian, PredikatOrganisasi, Skp
from skp.rules import MATRIKS
from tests.factories import PegawaiFactory, UnitFactory
from tests.skp.conftest import TAHUN

URL = reverse("skp:sebaran")
Q4 = {"tahun": str(TAHUN), "periode": "TRIWULAN-4"}
RATINGS = {p: hk_pk for hk_pk, p in reversed(MATRIKS.items())}  # one pair of ratings per predikat
PERINGATAN_BAIK_70 = "Organisasi berpredikat Baik: paling banyak 70% pegawai berpredikat Baik."
PERINGATAN_BAIK_BP = "sebagian pegawai semestinya berpredikat Butuh Perbaikan atau Kurang"


def dinilai(opd, *predikat: str, jenis="TRIWULAN", ke=4) -> None:
    """One pegawai of `opd` per predikat given, each with a finished evaluation of the period."""
    for p in predikat:
        pegawai = PegawaiFactory(pemda=opd.pemda, opd=opd)
        skp = Skp.objects.create(
            pemda=opd.pemda, pegawai=pegawai, tahun=TAHUN, mulai=date(TAHUN, 1, 1), selesai=date(TAHUN, 12, 31)
        )
        hk, pk = RATINGS[p]
        Penilaian.objects.create(
            pemda=opd.pemda, skp=skp, jenis=jenis, ke=ke, hasil_kerja=hk, perilaku_kerja=pk, predikat=p
        )


def page(client, user, **params):
    client.force_login(getattr(user, "user", user))
    return client.get(URL, {**Q4, **params})


def test_anonymous_goes_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


@pytest.mark.parametrize("who", ["pegawai", "atasan"])
def test_a_pegawai_gets_403(client, cast, who):
    assert page(client, getattr(cast, who)).status_code == 403


def test_the_admin_opd_sees_only_their_opd_read_only(client, cast):
    dinilai(cast.dinas, Predikat.BAIK)
    dinilai(cast.badan, Predikat.KURANG)
    response = page(client, cast.admin_opd)
    assert response.status_code == 200
    body = response.content.decode()
    assert cast.dinas.nama in body and cast.badan.nama not in body
    assert 'id="atur-predikat"' not in body
    response = client.post(URL + "?tahun=2026", {"opd": cast.dinas.pk, "predikat": Predikat.SANGAT_BAIK})
    assert response.status_code == 403
    assert not PredikatOrganisasi.objects.exists()


@pytest.mark.parametrize("who", ["hr", "superadmin"])
def test_hr_and_superadmin_see_every_opd(client, cast, who):
    body = page(client, getattr(cast, who), pemda=str(cast.pemda.pk)).content.decode()
    assert cast.dinas.nama in body and cast.badan.nama in body
    assert 'id="atur-predikat"' in body


def test_the_counts_per_predikat_are_exact(client, cast):
    P = Predikat
    dinilai(cast.dinas, P.SANGAT_BAIK, P.BAIK, P.BAIK, P.BAIK, P.BUTUH_PERBAIKAN, P.SANGAT_KURANG)
    dinilai(cast.badan, P.KURANG, P.KURANG)
    dinilai(cast.dinas, P.SANGAT_BAIK, jenis="TRIWULAN", ke=3)  # another period
    dinilai(cast.dinas, P.SANGAT_BAIK, jenis="TAHUNAN", ke=1)
    rows = {r.opd.pk: r for r in page(client, cast.hr).context["rows"]}
    assert rows[cast.dinas.pk].jumlah == {P.SANGAT_BAIK: 1, P.BAIK: 3, P.BUTUH_PERBAIKAN: 1, P.SANGAT_KURANG: 1}
    assert rows[cast.dinas.pk].total == 6
    assert rows[cast.badan.pk].jumlah == {P.KURANG: 2}
    body = page(client, cast.hr).content.decode()
    assert f'data-testid="jumlah-{cast.dinas.pk}-BAIK">3<' in body
    assert f'data-testid="jumlah-{cast.dinas.pk}-KURANG">0<' in body
    assert f'data-testid="total-{cast.badan.pk}">2<' in body
    annual = {r.opd.pk: r for r in page(client, cast.hr, periode="TAHUNAN-1").context["rows"]}
    assert annual[cast.dinas.pk].jumlah == {P.SANGAT_BAIK: 1}


def test_the_warning_shows_when_the_curve_is_broken_and_not_when_respected(client, cast):
    P = Predikat
    dinilai(cast.dinas, P.BAIK, P.BAIK, P.BAIK, P.BUTUH_PERBAIKAN)  # 75% Baik in a Baik OPD
    dinilai(cast.badan, P.SANGAT_BAIK, P.SANGAT_BAIK, P.BAIK, P.BAIK, P.BUTUH_PERBAIKAN)
    body = page(client, cast.hr).content.decode()
    assert f'data-testid="peringatan-{cast.dinas.pk}"' in body
    assert PERINGATAN_BAIK_70 in body
    assert f'data-testid="peringatan-{cast.badan.pk}"' not in body


def test_setting_the_opd_predikat_changes_the_curve(client, cast):
    P = Predikat
    dinilai(cast.dinas, P.SANGAT_BAIK, P.SANGAT_BAIK, P.SANGAT_BAIK, P.BAIK, P.BAIK)
    body = page(client, cast.hr).content.decode()
    assert PERINGATAN_BAIK_BP in body  # a Baik OPD (the default) needs some Butuh Perbaikan
    response = client.post(
        URL + f"?tahun={TAHUN}&periode=TRIWULAN-4", {"opd": cast.dinas.pk, "predikat": "SANGAT_BAIK"}
    )
    assert response.status_code == 302
    assert PredikatOrganisasi.objects.get(opd=cast.dinas, tahun=TAHUN).predikat == P.SANGAT_BAIK
    response = client.get(response["Location"])
    body = response.content.decode()
    assert "Istimewa" in body
    assert f'data-testid="peringatan-{cast.dinas.pk}"' not in body  # 60% Sangat Baik suits Istimewa


def test_the_form_shows_the_service_error_in_indonesian(client, cast):
    page(client, cast.hr)
    response = client.post(URL + f"?tahun={TAHUN}", {"opd": cast.dinas.pk, "predikat": ""})
    assert response.status_code == 200
    assert "Predikat belum tersimpan" in response.content.decode()
    assert not PredikatOrganisasi.objects.exists()


def test_the_service_keeps_one_predikat_per_opd_and_year(cast):
    services.predikat_organisasi_set(actor=cast.hr, opd=cast.dinas, tahun=TAHUN, predikat=Predikat.KURANG)
    services.predikat_organisasi_set(actor=cast.hr, opd=cast.dinas, tahun=TAHUN, predikat=Predikat.BAIK)
    services.predikat_organisasi_set(actor=cast.hr, opd=cast.dinas, tahun=TAHUN - 1, predikat=Predikat.KURANG)
    rows = dict(PredikatOrganisasi.objects.filter(opd=cast.dinas).values_list("tahun", "predikat"))
    assert rows == {TAHUN: Predikat.BAIK, TAHUN - 1: Predikat.KURANG}
    assert PredikatOrganisasi.objects.get(tahun=TAHUN).pemda == cast.pemda


@pytest.mark.parametrize("who", ["admin_opd", "pegawai"])
def test_the_service_refuses_anyone_but_hr(cast, who):
    actor = getattr(cast, who)
    with pytest.raises(PermissionDenied, match="Hanya HR pemda"):
        services.predikat_organisasi_set(
            actor=getattr(actor, "user", actor), opd=cast.dinas, tahun=TAHUN, predikat=Predikat.BAIK
        )


def test_the_service_refuses_hr_of_another_pemda(cast):
    other = UnitFactory(nama="OPD Pemda Lain")
    with pytest.raises(PermissionDenied):
        services.predikat_organisasi_set(actor=cast.hr, opd=other, tahun=TAHUN, predikat=Predikat.BAIK)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"predikat": "ISTIMEWA"}, "Pilih salah satu predikat organisasi."),
        ({"tahun": 1999}, "Tahun tidak dikenal."),
        ({"opd": "subbag"}, "Predikat organisasi hanya untuk OPD, bukan untuk unit di bawahnya."),
    ],
)
def test_the_service_rejects_bad_input_in_indonesian(cast, kwargs, message):
    args = {"opd": cast.dinas, "tahun": TAHUN, "predikat": Predikat.BAIK, **kwargs}
    if args["opd"] == "subbag":
        args["opd"] = cast.subbag
    with pytest.raises(ValidationError) as e:
        services.predikat_organisasi_set(actor=cast.hr, **args)
    assert message in e.value.messages


def test_the_query_count_does_not_grow_with_the_opds(client, cast, django_assert_max_num_queries):
    P = Predikat
    dinilai(cast.dinas, P.BAIK, P.BUTUH_PERBAIKAN)
    dinilai(cast.badan, P.SANGAT_BAIK)
    client.force_login(cast.hr)
    client.get(URL, Q4)  # warm the session
    # the user, the second factor's device (django-otp), the pemda's rhythm (twice), the OPDs, the
    # grouped counts, the OPD predikat, and the menu's unread notifications (an account without a
    # pegawai has no menu query to fold the count into)
    with django_assert_max_num_queries(8) as small:
        assert len(client.get(URL, Q4).context["rows"]) == 2
    for i in range(4):
        opd = UnitFactory(pemda=cast.pemda, nama=f"OPD Tambahan {i}")
        dinilai(opd, P.BAIK, P.SANGAT_BAIK, P.KURANG)
        services.predikat_organisasi_set(actor=cast.hr, opd=opd, tahun=TAHUN, predikat=P.SANGAT_BAIK)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(URL, Q4).context["rows"]) == 6
