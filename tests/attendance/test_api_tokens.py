"""Integration tokens (issue 15, "Inputs"): scoped to OPDs or machines, with an expiry; punches outside
the pemda's date window refused; every punch records who sent it; another pemda's NIP is "not found"."""

import io
import json
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from attendance.models import Absen, AturanPresensi, PinMesin, TokenIntegrasi
from attendance.services import absen as svc
from tests.factories import PegawaiFactory


def _post(client, body, token):
    return client.post(
        reverse("presensi:api_absen"),
        json.dumps(body),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )


def _waktu(day: date, hour: int = 7, minute: int = 31) -> str:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute)).isoformat()


def _errors(response) -> list[str]:
    return [k["pesan"] for k in response.json()["kesalahan"]]


# --- expiry ------------------------------------------------------------------------------------


def test_a_new_token_runs_a_year_unless_hr_sets_its_expiry(cast, today):
    token, _raw = svc.token_create(actor=cast.hr, nama="Gateway")
    assert token.berlaku_sampai == today + timedelta(days=365)
    token, _raw = svc.token_create(actor=cast.hr, nama="RSUD", berlaku_sampai=today + timedelta(days=30))
    assert token.berlaku_sampai == today + timedelta(days=30)
    with pytest.raises(ValidationError) as e:
        svc.token_create(actor=cast.hr, nama="Lama", berlaku_sampai=today - timedelta(days=1))
    assert "berlaku_sampai" in e.value.error_dict
    with pytest.raises(ValidationError):
        svc.token_create(actor=cast.hr, nama="Abadi", berlaku_sampai=today + timedelta(days=3 * 365))


def test_a_token_works_through_its_last_day_and_not_after(client, cast, today, _pinned_clock):
    _token, raw = svc.token_create(actor=cast.hr, nama="Gateway", berlaku_sampai=today + timedelta(days=1))
    body = {"absen": []}
    assert _post(client, body, raw).status_code == 200
    _pinned_clock.shift(timedelta(days=1))  # the last day
    assert _post(client, body, raw).status_code == 200
    _pinned_clock.shift(timedelta(days=1))
    r = _post(client, body, raw)
    assert r.status_code == 401 and "habis masa berlakunya" in r.json()["error"]


def test_a_token_without_an_expiry_does_not_work(client, cast):
    token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    TokenIntegrasi.objects.filter(pk=token.pk).update(berlaku_sampai=None)
    assert _post(client, {"absen": []}, raw).status_code == 401


# --- scope ---------------------------------------------------------------------------------------


def test_a_token_of_one_opd_refuses_a_punch_of_another_opd_and_stores_nothing(client, cast, today):
    _token, raw = svc.token_create(actor=cast.hr, nama="Dinas", opd=[cast.dinas])
    yesterday = today - timedelta(days=1)
    r = _post(client, {"absen": [{"nip": cast.pegawai.nip, "waktu": _waktu(yesterday)}]}, raw)
    assert r.status_code == 200 and r.json() == {"baru": 1, "sudah_ada": 0}
    body = {"absen": [
        {"nip": cast.pegawai.nip, "waktu": _waktu(yesterday, 16, 5)},
        {"nip": cast.pegawai_lain.nip, "waktu": _waktu(yesterday)},  # Badan Keuangan
    ]}  # fmt: skip
    r = _post(client, body, raw)
    assert r.status_code == 400
    assert [k["indeks"] for k in r.json()["kesalahan"]] == [1]
    assert "di luar OPD" in _errors(r)[0]
    assert Absen.objects.count() == 1


def test_a_token_of_some_machines_refuses_another_machine_or_none(client, cast, today):
    PinMesin.objects.create(pemda=cast.pemda, pin="23272", mesin="", pegawai=cast.pegawai)
    _token, raw = svc.token_create(actor=cast.hr, nama="Lobi", mesin=["LOBI", " Aula "])
    token = TokenIntegrasi.objects.get()
    assert token.mesin == ["LOBI", "Aula"]
    yesterday = today - timedelta(days=1)
    ok = {"absen": [
        {"pin": "23272", "mesin": "lobi", "waktu": _waktu(yesterday)},
        {"nip": cast.pegawai_lain.nip, "mesin": "Aula", "waktu": _waktu(yesterday)},
    ]}  # fmt: skip
    assert _post(client, ok, raw).status_code == 200
    bad = {"absen": [
        {"pin": "23272", "mesin": "GUDANG", "waktu": _waktu(yesterday, 16)},
        {"nip": cast.pegawai_lain.nip, "waktu": _waktu(yesterday, 16)},
    ]}  # fmt: skip
    r = _post(client, bad, raw)
    assert r.status_code == 400
    assert "GUDANG" in _errors(r)[0] and "isi nama mesin" in _errors(r)[1]
    assert Absen.objects.count() == 2
    assert set(Absen.objects.values_list("mesin", flat=True)) == {"lobi", "Aula"}


def test_a_token_scope_takes_only_its_own_pemdas_opds(cast):
    other_opd = PegawaiFactory().pemda.units.create(nama="Dinas Lain", jenis="PERANGKAT_DAERAH")
    with pytest.raises(ValidationError) as e:
        svc.token_create(actor=cast.hr, nama="Salah", opd=[other_opd])
    assert "opd" in e.value.error_dict
    with pytest.raises(ValidationError):  # a unit under an OPD is not an OPD
        svc.token_create(actor=cast.hr, nama="Salah", opd=[cast.subbag])


# --- the date window ---------------------------------------------------------------------------


def test_punches_more_than_31_days_back_or_1_day_ahead_are_refused(client, cast, today):
    _token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    nip = cast.pegawai.nip
    body = {"absen": [
        {"nip": nip, "waktu": _waktu(today - timedelta(days=31))},
        {"nip": nip, "waktu": _waktu(today + timedelta(days=1))},
        {"nip": nip, "waktu": _waktu(today - timedelta(days=32))},
        {"nip": nip, "waktu": _waktu(today + timedelta(days=2))},
    ]}  # fmt: skip
    r = _post(client, body, raw)
    assert r.status_code == 400
    assert [k["indeks"] for k in r.json()["kesalahan"]] == [2, 3]
    assert "di luar rentang" in _errors(r)[0]
    assert Absen.objects.count() == 0
    body["absen"] = body["absen"][:2]
    assert _post(client, body, raw).json() == {"baru": 2, "sudah_ada": 0}


def test_the_window_is_the_pemdas_dated_rule(client, cast, today):
    AturanPresensi.objects.create(
        pemda=cast.pemda, berlaku_mulai=date(2020, 1, 1), absen_api_maks_hari_lalu=7, absen_api_maks_hari_depan=0
    )
    AturanPresensi.objects.create(  # not in force yet
        pemda=cast.pemda, berlaku_mulai=today + timedelta(days=10), absen_api_maks_hari_lalu=60
    )
    _token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    nip = cast.pegawai.nip
    assert _post(client, {"absen": [{"nip": nip, "waktu": _waktu(today - timedelta(days=8))}]}, raw).status_code == 400
    assert _post(client, {"absen": [{"nip": nip, "waktu": _waktu(today + timedelta(days=1))}]}, raw).status_code == 400
    assert _post(client, {"absen": [{"nip": nip, "waktu": _waktu(today - timedelta(days=7))}]}, raw).status_code == 200


# --- who sent it -----------------------------------------------------------------------------------


def test_every_punch_records_its_token_or_the_uploading_user(client, cast, today):
    token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    yesterday = today - timedelta(days=1)
    assert _post(client, {"absen": [{"nip": cast.pegawai.nip, "waktu": _waktu(yesterday)}]}, raw).status_code == 200
    via_api = Absen.objects.get()
    assert via_api.token == token and via_api.dikirim_oleh is None

    client.force_login(cast.admin_opd)
    f = io.BytesIO(f"NIP;Waktu\n{cast.pegawai.nip};{yesterday:%d-%m-%Y} 16:05\n".encode())
    f.name = "absen.csv"
    r = client.post(reverse("presensi:impor"), {"berkas": f, "mesin": ""})
    assert r.status_code == 200 and Absen.objects.count() == 2
    via_file = Absen.objects.exclude(pk=via_api.pk).get()
    assert via_file.dikirim_oleh == cast.admin_opd and via_file.token is None


def test_a_token_that_sent_punches_cannot_be_deleted(cast, today):
    token, _raw = svc.token_create(actor=cast.hr, nama="Gateway")
    Absen.objects.create(pemda=cast.pemda, pegawai=cast.pegawai, waktu=timezone.now(), sumber="API", token=token)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        token.delete()


# --- another pemda's NIP ---------------------------------------------------------------------------


def test_another_pemdas_nip_gets_the_same_answer_as_an_unknown_nip(client, cast, today):
    asing = PegawaiFactory(nip="199001012015011001")  # another pemda
    unknown = "199202022016022002"
    _token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    yesterday = _waktu(today - timedelta(days=1))
    r1 = _post(client, {"absen": [{"nip": asing.nip, "waktu": yesterday}]}, raw)
    r2 = _post(client, {"absen": [{"nip": unknown, "waktu": yesterday}]}, raw)
    assert r1.status_code == r2.status_code == 400
    assert _errors(r1)[0].replace(asing.nip, "N") == _errors(r2)[0].replace(unknown, "N")
    assert "tidak terdaftar" in _errors(r1)[0]


def test_an_hr_upload_names_another_pemdas_nip_as_unknown_too(client, cast, today):
    asing = PegawaiFactory(nip="199001012015011001")
    client.force_login(cast.hr)
    f = io.BytesIO(f"NIP;Waktu\n{asing.nip};{today - timedelta(days=1):%d-%m-%Y} 07:31\n".encode())
    f.name = "absen.csv"
    html = client.post(reverse("presensi:impor"), {"berkas": f, "mesin": ""}).content.decode()
    assert f"NIP {asing.nip} tidak terdaftar di E-Kinerja" in html
    assert "lingkup Anda" not in html


# --- the HR page -----------------------------------------------------------------------------------


def test_hr_sets_scope_and_expiry_on_the_token_page(client, cast, today):
    client.force_login(cast.hr)
    url = reverse("presensi:token_list")
    page = client.get(url).content.decode()
    assert cast.dinas.nama in page and cast.subbag.nama not in page  # OPDs only
    until = today + timedelta(days=90)
    r = client.post(
        url,
        {
            "nama": "Server RSUD",
            "izin": ["absen"],
            "opd": [cast.dinas.pk],
            "mesin": "LOBI\nAULA\n",
            "berlaku_sampai": until,
        },
    )
    assert r.status_code == 200 and r.context["raw"]
    token = TokenIntegrasi.objects.get()
    assert list(token.opd.all()) == [cast.dinas] and token.mesin == ["LOBI", "AULA"]
    assert token.berlaku_sampai == until

    page = client.get(url, {"ubah": token.pk}).content.decode()
    assert 'data-testid="token-ubah"' in page and "LOBI\nAULA" in page
    later = today + timedelta(days=400)
    r = client.post(
        f"{url}?ubah={token.pk}",
        {
            "ubah": token.pk,
            "ubah-izin": ["absen", "baca"],
            "ubah-opd": [cast.badan.pk],
            "ubah-mesin": "",
            "ubah-berlaku_sampai": later,
        },
    )
    assert r.status_code == 302
    token.refresh_from_db()
    assert list(token.opd.all()) == [cast.badan] and token.mesin == [] and token.berlaku_sampai == later
    assert token.izin == ["absen", "baca"]  # issue 19: HR gives a token the read API
    assert "baca data" in client.get(url).content.decode()
    assert token.token_hash == TokenIntegrasi.objects.get().token_hash

    lama = {"ubah": token.pk, "ubah-izin": ["absen"], "ubah-berlaku_sampai": today - timedelta(days=1)}
    r = client.post(f"{url}?ubah={token.pk}", lama)
    assert r.status_code == 200 and "sebelum hari ini" in r.content.decode()


def test_the_change_form_reaches_only_the_hrs_own_tokens(client, cast):
    other = PegawaiFactory().pemda
    token = TokenIntegrasi.objects.create(pemda=other, nama="Lain", token_hash="y" * 64)
    client.force_login(cast.hr)
    assert client.get(reverse("presensi:token_list"), {"ubah": token.pk}).status_code == 404
    assert client.post(reverse("presensi:token_list"), {"ubah": token.pk}).status_code == 404
