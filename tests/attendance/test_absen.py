"""Punches in (issue 5): parsing a real ZKTeco ATTLOG, all-or-nothing import, PIN mapping, the API."""

import io
import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from attendance.models import Absen, ImporAbsen, PinMesin, TokenIntegrasi
from attendance.services import absen as svc
from attendance.services import absen_baca, absen_simpan
from tests.factories import posted

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "zkteco-attlog-week.dat"
PINS = ["10021", "10073", "10502", "20071", "22928", "23272", "23469", "23686", "23923", "24084", "24172",
        "24387", "24388", "24410", "24411"]  # fmt: skip


def _attlog() -> bytes:
    return FIXTURE.read_bytes()


@pytest.fixture
def mapped(cast):
    """Each PIN of the fixture mapped (any machine) to a pegawai of the dinas (the admin OPD's OPD)."""
    people = {}
    for pin in PINS:
        pegawai = posted(cast.j_staf, nama=f"Pegawai PIN {pin}")
        PinMesin.objects.create(pemda=cast.pemda, pin=pin, mesin="", pegawai=pegawai)
        people[pin] = pegawai
    return people


def _xlsx(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _wita(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


# --- parsing (no database) ----------------------------------------------------------------------


def test_it_parses_the_real_attlog_with_counts_per_pin_and_double_reads():
    punches, errors = absen_baca.parse_attlog(_attlog().decode())
    assert errors == []
    assert len(punches) == 97
    counts = Counter(p.pin for p in punches)
    assert counts["10021"] == 13 and counts["23469"] == 1 and counts["23272"] == 10
    assert set(counts) == set(PINS)
    first = punches[0]
    assert (first.baris, first.pin, first.waktu) == (1, "23272", _wita(2026, 4, 13, 7, 31, 23))
    assert str(first.waktu.utcoffset()) == "8:00:00"  # WITA
    # the same finger read twice, three seconds apart: both kept
    assert punches[1].pin == "23272" and (punches[1].waktu - first.waktu).seconds == 3


def test_it_reads_spaces_and_skips_blank_lines_but_numbers_bad_lines():
    text = "\n23272  2026-04-13 07:31:23  1  0  0\n\nrusak\n10021\t13-04-2026 07:31\t1\n"
    punches, errors = absen_baca.parse_attlog(text)
    assert [p.baris for p in punches] == [2]
    assert [n for n, _ in errors] == [4, 5]


def test_it_reads_a_csv_with_nip_and_waktu_and_an_xlsx_with_tanggal_and_jam(cast):
    nip = cast.pegawai.nip
    csv = f"NIP;Waktu\n{nip};13-04-2026 07:31\n'{nip};2026-04-13 16:05:00\n".encode()
    punches, errors = absen_baca.parse_berkas("absen.csv", csv)
    assert errors == []
    assert [p.waktu for p in punches] == [_wita(2026, 4, 13, 7, 31), _wita(2026, 4, 13, 16, 5)]
    data = _xlsx([["NIP", "Tanggal", "Jam"], [nip, date(2026, 4, 14), "07.45"], [nip, "14-04-2026", "16:10:30"]])
    punches, errors = absen_baca.parse_berkas("absen.xlsx", data)
    assert errors == []
    assert [p.waktu for p in punches] == [_wita(2026, 4, 14, 7, 45), _wita(2026, 4, 14, 16, 10, 30)]
    assert {p.nip for p in punches} == {nip}


# --- import ---------------------------------------------------------------------------------------


def test_it_imports_the_real_file_and_a_reupload_adds_nothing(cast, mapped):
    hasil = absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="1_attlog.dat", data=_attlog())
    assert hasil.ok, hasil.errors
    assert (hasil.baru, hasil.sudah_ada, hasil.pegawai) == (97, 0, 15)
    assert (hasil.mulai, hasil.selesai) == (date(2026, 4, 13), date(2026, 4, 17))
    assert Absen.objects.count() == 97
    assert Absen.objects.filter(pegawai=mapped["10021"]).count() == 13
    impor = ImporAbsen.objects.get()
    assert (impor.jumlah_baris, impor.jumlah_baru, impor.pemda_id) == (97, 97, cast.pemda.pk)

    again = absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="1_attlog (1).dat", data=_attlog())
    assert (again.baru, again.sudah_ada) == (0, 97)
    assert again.pernah_diunggah is not None
    assert Absen.objects.count() == 97


def test_an_overlapping_file_adds_only_the_new_punches_and_in_file_copies_count_once(cast, mapped):
    lines = _attlog().decode().splitlines()
    absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="a.dat", data="\n".join(lines[:60]).encode())
    overlap = "\n".join(lines[40:] + [lines[96]]).encode()  # the last line twice
    hasil = absen_simpan.absen_impor(actor=cast.hr, nama_file="b.dat", data=overlap)
    assert hasil.ok
    assert (hasil.baru, hasil.sudah_ada) == (37, 20)
    assert Absen.objects.count() == 97


def test_a_csv_with_nip_imports(cast):
    csv = f"NIP,Waktu\n{cast.pegawai.nip},2026-04-13 07:31:00\n{cast.pegawai.nip},2026-04-13 16:01:00\n".encode()
    hasil = absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="absen.csv", data=csv)
    assert hasil.ok and hasil.baru == 2
    assert list(cast.pegawai.absen.values_list("sumber", flat=True)) == ["BERKAS", "BERKAS"]


def test_a_garbage_file_imports_nothing_and_reports_lines(cast, mapped):
    with pytest.raises(ValidationError):
        absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="foto.dat", data=b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    hasil = absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="catatan.txt", data=b"halo\nini bukan absen\n")
    assert not hasil.ok
    assert hasil.errors[0].startswith("Baris 1:") and hasil.errors[1].startswith("Baris 2:")
    assert Absen.objects.count() == 0 and ImporAbsen.objects.count() == 0


def test_a_half_bad_file_imports_nothing_and_lists_the_unknown_pin(cast, mapped):
    lines = _attlog().decode().splitlines()
    lines[10] = "99999\t2026-04-13 08:00:00\t1\t0\t0"
    lines[20] = "23272\t2026-13-45 08:00:00\t1\t0\t0"
    hasil = absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="x.dat", data="\n".join(lines).encode())
    assert not hasil.ok
    assert hasil.jumlah_error == 2
    assert hasil.errors[0].startswith("Baris 11:") and "99999" in hasil.errors[0]
    assert hasil.errors[1].startswith("Baris 21:")
    assert hasil.pin_tidak_dikenal == ["99999"]
    assert Absen.objects.count() == 0


def test_a_machine_specific_pin_wins_over_the_any_machine_one(cast, mapped):
    PinMesin.objects.create(pemda=cast.pemda, pin="23469", mesin="Lobi", pegawai=cast.pegawai)
    absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="x.dat", data=_attlog(), mesin="Lobi")
    assert cast.pegawai.absen.count() == 1
    assert mapped["23469"].absen.count() == 0


def test_admin_opd_cannot_import_another_opds_pegawai_but_hr_can(cast, mapped):
    PinMesin.objects.filter(pin="24411").update(pegawai=cast.pegawai_lain)
    hasil = absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="x.dat", data=_attlog())
    assert not hasil.ok
    assert hasil.jumlah_error == 5 and all("bukan pegawai di lingkup Anda" in e for e in hasil.errors)
    assert Absen.objects.count() == 0
    assert absen_simpan.absen_impor(actor=cast.hr, nama_file="x.dat", data=_attlog()).baru == 97


def test_a_plain_pegawai_cannot_import(cast):
    with pytest.raises(PermissionDenied):
        absen_simpan.absen_impor(actor=cast.pegawai.user, nama_file="x.dat", data=_attlog())


# --- API ------------------------------------------------------------------------------------------


def _post(client, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(reverse("presensi:api_absen"), body if isinstance(body, str) else json.dumps(body),
                       content_type="application/json", **headers)  # fmt: skip


def test_api_stores_punches_by_nip_and_pin(client, cast, mapped):
    _token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    body = {"absen": [
        {"nip": cast.pegawai_lain.nip, "waktu": "2026-11-17T07:31:05+08:00"},
        {"pin": "23272", "mesin": "X", "waktu": "2026-11-17T07:40:00"},
    ]}  # fmt: skip
    r = _post(client, body, raw)
    assert r.status_code == 200, r.content
    assert r.json() == {"baru": 2, "sudah_ada": 0}
    assert _post(client, body, raw).json() == {"baru": 0, "sudah_ada": 2}
    assert cast.pegawai_lain.absen.get().waktu == _wita(2026, 11, 17, 7, 31, 5)
    assert mapped["23272"].absen.get().sumber == "API"
    assert TokenIntegrasi.objects.get().terakhir_dipakai is not None
    assert TokenIntegrasi.objects.get().token_hash != raw


def test_api_refuses_without_or_with_a_bad_or_inactive_token(client, cast):
    token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    body = {"absen": []}
    assert _post(client, body).status_code == 401
    assert _post(client, body, "salah").status_code == 401
    svc.token_deactivate(actor=cast.hr, token=token)
    assert _post(client, body, raw).status_code == 401


def test_api_400_lists_bad_items_and_stores_nothing(client, cast):
    _token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    body = {"absen": [
        {"nip": cast.pegawai.nip, "waktu": "2026-11-17T07:31:05+08:00"},
        {"nip": "123", "waktu": "2026-11-17T07:31:05+08:00"},
        {"pin": "77777", "waktu": "2026-11-17T07:31:05+08:00"},
        {"nip": cast.pegawai.nip, "waktu": "kemarin"},
    ]}  # fmt: skip
    r = _post(client, body, raw)
    assert r.status_code == 400
    assert [k["indeks"] for k in r.json()["kesalahan"]] == [1, 2, 3]
    assert Absen.objects.count() == 0
    assert _post(client, "{bukan json", raw).status_code == 400
    assert _post(client, {"x": 1}, raw).status_code == 400


def test_api_refuses_another_pemdas_pegawai(client, cast):
    from tests.factories import PegawaiFactory

    asing = PegawaiFactory()  # another pemda
    _token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    r = _post(client, {"absen": [{"nip": asing.nip, "waktu": "2026-11-17T07:31:05+08:00"}]}, raw)
    assert r.status_code == 400
    assert Absen.objects.count() == 0


# --- pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["impor", "pin_list", "pin_create", "token_list"])
def test_pages_send_anonymous_to_login_and_refuse_a_pegawai(client, cast, name):
    url = reverse(f"presensi:{name}")
    r = client.get(url)
    assert r.status_code == 302 and r.url.startswith(reverse(settings.LOGIN_URL))
    client.force_login(cast.pegawai.user)
    assert client.get(url).status_code == 403


def test_token_page_is_hr_only(client, cast):
    client.force_login(cast.admin_opd)
    assert client.get(reverse("presensi:token_list")).status_code == 403


def test_upload_page_imports_and_shows_the_result(client, cast, mapped):
    client.force_login(cast.admin_opd)
    assert client.get(reverse("presensi:impor")).status_code == 200
    f = io.BytesIO(_attlog())
    f.name = "1_attlog.dat"
    r = client.post(reverse("presensi:impor"), {"berkas": f, "mesin": ""})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Data absen sudah disimpan" in html and "<strong>97</strong>" in html
    assert Absen.objects.count() == 97


def test_upload_page_lists_bad_lines_and_the_pin_page_offers_unknown_pins(client, cast):
    client.force_login(cast.admin_opd)
    f = io.BytesIO(_attlog())
    f.name = "1_attlog.dat"
    r = client.post(reverse("presensi:impor"), {"berkas": f})
    html = r.content.decode()
    assert "Tidak ada data yang disimpan" in html and "Baris 1:" in html
    r = client.get(reverse("presensi:pin_list"))
    assert "23272" in r.content.decode() and 'data-testid="pin-tidak-dikenal"' in r.content.decode()


def test_pin_create_maps_a_pegawai_in_scope_only(client, cast):
    client.force_login(cast.admin_opd)
    url = reverse("presensi:pin_create")
    r = client.post(url, {"pegawai": cast.pegawai.pk, "pin": "23272", "mesin": ""})
    assert r.status_code == 302
    assert PinMesin.objects.get().pegawai == cast.pegawai
    r = client.post(url, {"pegawai": cast.atasan.pk, "pin": "23272", "mesin": ""})
    assert r.status_code == 200 and "sudah dipakai" in r.content.decode()
    r = client.post(url, {"pegawai": cast.pegawai_lain.pk, "pin": "1", "mesin": ""})
    assert r.status_code == 200 and PinMesin.objects.count() == 1  # not a choice for this admin
    assert "Pegawai Rajin" in client.get(reverse("presensi:pin_list")).content.decode()


def test_hr_creates_a_token_shown_once_and_deactivates_it(client, cast):
    client.force_login(cast.hr)
    url = reverse("presensi:token_list")
    r = client.post(url, {"nama": "Server RSUD", "izin": ["absen"]})
    assert r.status_code == 200
    token = TokenIntegrasi.objects.get()
    raw = r.context["raw"]
    assert raw and raw in r.content.decode() and token.token_hash == svc._hash(raw)
    assert raw not in client.get(url).content.decode()
    r = client.post(url, {"nonaktif": token.pk})
    assert r.status_code == 302
    token.refresh_from_db()
    assert not token.aktif
