"""The read API (issue 19): every endpoint of the OpenAPI document is called for real and its answers
(200, 400, 401, 404) are validated against the document's schemas; scope, permissions and query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attendance.models import TokenIntegrasi
from attendance.services import absen as svc
from skp.models import Penilaian, Skp
from tests.factories import PegawaiFactory, PemdaFactory, UnitFactory
from tests.tpp.util import aturan, validated
from tpp.choices import StatusPeriode
from tpp.models import BarisTpp
from tpp.services import periode_ambil

from .schema import errors

pytestmark = pytest.mark.django_db
BASE = "/api/v1"
BACA = ["baca"]


@pytest.fixture
def doc(client):
    response = client.get(f"{BASE}/openapi.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def _token(cast, **kw) -> str:
    kw.setdefault("izin", BACA)
    return svc.token_create(actor=cast.hr, nama="Sistem keuangan", **kw)[1]


def _get(client, path: str, raw: str | None, **params):
    headers = {"authorization": f"Bearer {raw}"} if raw else {}
    return client.get(BASE + path, params, headers=headers)


def _dinilai(pegawai, predikat="BAIK", ke=4) -> Penilaian:
    skp = Skp.objects.create(
        pemda=pegawai.pemda, pegawai=pegawai, tahun=2026, mulai=date(2026, 1, 1), selesai=date(2026, 12, 31)
    )
    return Penilaian.objects.create(
        pemda=pegawai.pemda,
        skp=skp,
        jenis="TRIWULAN",
        ke=ke,
        hasil_kerja="SESUAI",
        perilaku_kerja="SESUAI",
        predikat=predikat,
        angka_kredit=Decimal("3.125"),
        dinilai_pada=timezone.now(),
    )


def _baris(periode, pegawai, rule, neto=2_500_000) -> BarisTpp:
    return BarisTpp.objects.create(
        periode=periode,
        pemda_id=periode.pemda_id,
        pegawai=pegawai,
        opd=pegawai.opd,
        aturan=rule,
        nama_jabatan="Pengadministrasi",
        kelas=5,
        golongan="III/a",
        capaian=Decimal("0.875"),
        besaran=3_000_000,
        neto=neto,
        dihitung=timezone.now(),
    )


def _tutup(periode):
    PeriodeTpp = type(periode)
    PeriodeTpp.objects.filter(pk=periode.pk).update(status=StatusPeriode.CLOSED, ditutup=timezone.now())


@pytest.fixture
def data(cast):
    """A finished evaluation, validated minutes in October, a closed October and an open November."""
    _dinilai(cast.pegawai)
    validated(cast.pegawai, 600)
    rule = aturan(cast.pemda)
    oktober = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    _baris(oktober, cast.pegawai, rule)
    _tutup(oktober)
    november = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=11)
    _baris(november, cast.pegawai, rule, neto=1)
    return cast


# each path of the document: the query of a good call, and one bad parameter (None: no parameter)
CASES = {
    "/pegawai/": ({}, {"halaman": "nol"}),
    "/pegawai/{nip}/": ({}, None),
    "/rekap-aktivitas/": ({"tahun": "2026", "bulan": "10"}, {"tahun": "2026", "bulan": "13"}),
    "/penilaian-skp/": ({"tahun": "2026"}, {"nip": "123"}),
    "/tpp/": ({"tahun": "2026", "bulan": "10"}, {"bulan": "10"}),
}


def _path(template: str, cast) -> str:
    return template.replace("{nip}", cast.pegawai.nip)


def _schema(doc, path: str, status: str) -> dict:
    return doc["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]


def test_every_path_of_the_document_is_tested(doc):
    assert set(doc["paths"]) == set(CASES)
    assert doc["openapi"] == "3.1.0"
    assert doc["components"]["securitySchemes"]["token"] == {
        "type": "http",
        "scheme": "bearer",
        "description": doc["components"]["securitySchemes"]["token"]["description"],
    }


@pytest.mark.parametrize("path", sorted(CASES))
def test_each_endpoint_answers_as_the_document_says(client, doc, data, path):
    raw = _token(data)
    good, bad = CASES[path]
    response = _get(client, _path(path, data), raw, **good)
    assert response.status_code == 200, response.content
    body = response.json()
    assert errors(body, _schema(doc, path, "200"), doc) == []
    if "data" in body:
        assert body["jumlah"] >= 1 and body["data"], "the seeded data gives each list at least one row"
    # every parameter the view reads is described
    names = {p["name"] for p in doc["paths"][path]["get"]["parameters"]}
    assert set(good) | set(bad or {}) <= names

    response = _get(client, _path(path, data), None, **good)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert errors(response.json(), _schema(doc, path, "401"), doc) == []

    if bad is not None:
        response = _get(client, _path(path, data), raw, **bad)
        assert response.status_code == 400
        assert errors(response.json(), _schema(doc, path, "400"), doc) == []


def test_the_validator_can_fail(doc):
    schema = _schema(doc, "/pegawai/", "200")
    assert errors({"halaman": 1}, schema, doc)
    good = {"halaman": 1, "per_halaman": 1, "jumlah": 0, "halaman_berikutnya": None, "data": []}
    assert errors(good, schema, doc) == []
    assert errors({**good, "lain": 1}, schema, doc) == ["$: unexpected lain"]
    assert errors({**good, "data": [{"nip": "1"}]}, schema, doc)


def test_bad_parameters_get_an_indonesian_message(client, data):
    raw = _token(data)
    assert _get(client, "/rekap-aktivitas/", raw, bulan="10").json() == {"error": "Parameter tahun wajib diisi."}
    response = _get(client, "/pegawai/", raw, per_halaman="101")
    assert response.json() == {"error": "Parameter per_halaman harus bilangan bulat 1 sampai 100."}
    response = _get(client, "/tpp/", raw, bulan="10")
    assert response.json() == {"error": "Parameter bulan hanya dapat dipakai bersama parameter tahun."}


def test_a_token_reads_only_its_pemda(client, data):
    lain = PemdaFactory(nama="Kabupaten Lain", kode="LAIN")
    orang_lain = PegawaiFactory(pemda=lain, opd=UnitFactory(pemda=lain))
    _dinilai(orang_lain)
    raw = _token(data)
    nips = {p["nip"] for p in _get(client, "/pegawai/", raw).json()["data"]}
    assert data.pegawai.nip in nips and data.pegawai_lain.nip in nips and orang_lain.nip not in nips
    assert _get(client, f"/pegawai/{orang_lain.nip}/", raw).status_code == 404
    assert _get(client, "/penilaian-skp/", raw, nip=orang_lain.nip).json()["jumlah"] == 0


def test_an_opd_token_reads_only_its_opds(client, data):
    _dinilai(data.pegawai_lain)
    raw = _token(data, opd=[data.dinas])
    body = _get(client, "/pegawai/", raw).json()
    assert {p["opd"]["id"] for p in body["data"]} == {data.dinas.pk}
    assert _get(client, f"/pegawai/{data.pegawai_lain.nip}/", raw).status_code == 404
    assert _get(client, f"/pegawai/{data.pegawai.nip}/", raw).json()["nip"] == data.pegawai.nip
    skp = _get(client, "/penilaian-skp/", raw).json()["data"]
    assert [n["nip"] for n in skp] == [data.pegawai.nip]
    assert _get(client, "/rekap-aktivitas/", raw, tahun=2026, bulan=10, nip=data.pegawai_lain.nip).json()["data"] == []


def test_a_punch_only_token_cannot_read_and_a_read_only_token_cannot_punch(client, data):
    absen = _token(data, izin=["absen"])
    assert _get(client, "/pegawai/", absen).status_code == 401
    baca = _token(data)
    response = client.post(
        "/presensi/api/absen/",
        {"absen": []},
        content_type="application/json",
        headers={"authorization": f"Bearer {baca}"},
    )
    assert response.status_code == 401
    both = _token(data, izin=["absen", "baca"])
    assert _get(client, "/pegawai/", both).status_code == 200
    TokenIntegrasi.objects.update(aktif=False)
    assert _get(client, "/pegawai/", both).status_code == 401


def test_only_closed_tpp_months_are_read(client, data):
    raw = _token(data)
    rows = _get(client, "/tpp/", raw).json()["data"]
    assert [(r["tahun"], r["bulan"], r["neto"]) for r in rows] == [(2026, 10, 2_500_000)]
    assert _get(client, "/tpp/", raw, tahun=2026, bulan=11).json()["jumlah"] == 0
    oktober = periode_ambil(pemda_id=data.pemda.pk, tahun=2026, bulan=10)
    type(oktober).objects.filter(pk=oktober.pk).update(status=StatusPeriode.REOPENED)
    assert _get(client, "/tpp/", raw).json()["jumlah"] == 0


def test_the_activity_summary_is_the_dashboards_count(client, data):
    from activities.selectors import rekap_pegawai_bulan

    raw = _token(data)
    row = _get(client, "/rekap-aktivitas/", raw, tahun=2026, bulan=10, nip=data.pegawai.nip).json()["data"][0]
    (rekap,) = rekap_pegawai_bulan([data.pegawai], pemda_id=data.pemda.pk, tahun=2026, bulan=10)
    assert row["menit_divalidasi"] == 600 == rekap.divalidasi
    assert row["hari_kerja"] == rekap.hari_kerja > 0
    assert row["capaian_persen"] == str(rekap.capaian_persen)


def test_skp_results_carry_period_ratings_and_predikat(client, data):
    raw = _token(data)
    (row,) = _get(client, "/penilaian-skp/", raw).json()["data"]
    assert (row["tahun"], row["jenis_periode"], row["periode_ke"]) == (2026, "TRIWULAN", 4)
    assert (row["hasil_kerja"], row["perilaku_kerja"], row["predikat"]) == ("SESUAI", "SESUAI", "BAIK")
    assert row["angka_kredit"] == "3.125000"


def test_pages_follow_one_another(client, data):
    raw = _token(data)
    first = _get(client, "/pegawai/", raw, per_halaman=4).json()
    second = _get(client, "/pegawai/", raw, per_halaman=4, halaman=2).json()
    assert first["jumlah"] == second["jumlah"] == 6
    assert first["halaman_berikutnya"] == 2 and second["halaman_berikutnya"] is None
    assert len(first["data"]) == 4 and len(second["data"]) == 2
    assert not {p["nip"] for p in first["data"]} & {p["nip"] for p in second["data"]}


def _seed(cast, n: int, rule, oktober) -> None:
    for _ in range(n):
        p = PegawaiFactory(pemda=cast.pemda, opd=cast.dinas)
        _dinilai(p)
        _baris(oktober, p, rule)


@pytest.mark.parametrize("path", ["/pegawai/", "/rekap-aktivitas/", "/penilaian-skp/", "/tpp/"])
def test_lists_take_the_same_queries_for_5_and_100_rows(client, cast, path):
    raw = _token(cast, opd=[cast.dinas])
    rule = aturan(cast.pemda)
    oktober = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    _tutup(oktober)
    good = CASES[path][0]
    counts = []
    for n in (5, 95):
        _seed(cast, n, rule, oktober)
        with CaptureQueriesContext(connection) as ctx:
            response = _get(client, path, raw, per_halaman=100, **good)
        assert response.status_code == 200
        assert len(response.json()["data"]) >= n
        counts.append(len(ctx))
    assert counts[0] == counts[1] <= 12  # rekap: the rule, working days and minutes; constant
