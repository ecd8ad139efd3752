"""Inputs (issue 15): an oversized body is refused before it is read, and an .xlsx zip bomb before it
is unpacked."""

import io
import zipfile

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from attendance.services.absen_baca import MAX_ATTLOG_BYTES
from core import uploads
from core.imports import reading
from core.imports.reading import MAX_UPLOAD_BYTES, read_rows

# --- the request body ------------------------------------------------------------------------------


def _declared(client, url, length, content_type="multipart/form-data; boundary=xyz", **extra):
    """A POST that declares `length` bytes but carries a few: the middleware must answer from the header."""
    return client.generic("POST", url, b"--xyz--\r\n", content_type=content_type, CONTENT_LENGTH=length, **extra)


def test_the_body_limit_covers_the_largest_upload_with_room_for_the_form():
    largest = max(MAX_ATTLOG_BYTES, MAX_UPLOAD_BYTES, uploads.MAX_BYTES)
    assert largest < settings.MAX_REQUEST_BODY_BYTES <= largest + 2 * 1024 * 1024
    order = settings.MIDDLEWARE
    check = order.index("core.middleware_upload.BatasUnggahanMiddleware")
    assert check < order.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert check < order.index("django.middleware.csrf.CsrfViewMiddleware")  # the first to read request.POST


def test_a_body_over_the_limit_gets_an_indonesian_413_before_anything_reads_it(client, cast):
    client.force_login(cast.admin_opd)
    url = reverse("presensi:impor")
    r = _declared(client, url, str(settings.MAX_REQUEST_BODY_BYTES + 1))
    assert r.status_code == 413
    html = r.content.decode()
    assert "Kiriman terlalu besar" in html and "Paling besar 21 MB" in html
    assert r["Cache-Control"] == "no-store" and not r.cookies  # answered before the session


def test_an_anonymous_oversized_post_is_refused_too_not_sent_to_login(client):
    r = _declared(client, reverse(settings.LOGIN_URL), str(2 * 1024 * 1024 * 1024))
    assert r.status_code == 413


def test_an_upload_without_a_length_is_refused(client, cast):
    client.force_login(cast.admin_opd)
    r = _declared(client, reverse("presensi:impor"), "", HTTP_TRANSFER_ENCODING="chunked")
    assert r.status_code == 411
    assert "Ukuran kiriman tidak" in r.content.decode()


def test_the_api_gets_its_413_as_json(client):
    r = _declared(client, reverse("presensi:api_absen"), str(50 * 1024 * 1024), content_type="application/json")
    assert r.status_code == 413
    assert "terlalu besar" in r.json()["error"]


def test_a_body_within_the_limit_reaches_the_view(client, cast):
    client.force_login(cast.admin_opd)
    f = io.BytesIO(b"23272\t2026-11-17 07:31:23\t1\t0\t0\n")
    f.name = "1_attlog.dat"
    r = client.post(reverse("presensi:impor"), {"berkas": f, "mesin": ""})
    assert r.status_code == 200  # the page with the file's result (an unknown PIN)
    assert client.get(reverse("presensi:impor")).status_code == 200


# --- the xlsx zip bomb ---------------------------------------------------------------------------


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one more member, deflated (a crafted file: tiny on disk, large unpacked)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != name:
                dst.writestr(item, src.read(item.filename))
        dst.writestr(name, content)
    return out.getvalue()


def test_a_normal_workbook_still_reads():
    rows = read_rows("x.xlsx", _xlsx([["NIP", "Nama"], ["1", "Ani"]]), max_rows=10)
    assert [values[:2] for _n, values in rows] == [("NIP", "Nama"), ("1", "Ani")]


def test_a_member_packed_at_an_absurd_ratio_is_refused_before_parsing(monkeypatch):
    bomb = _with_member(_xlsx([["NIP"]]), "xl/worksheets/sheet1.xml", b"<" + b"\x00" * (4 * 1024 * 1024))
    assert len(bomb) < 50_000
    monkeypatch.setattr(reading.openpyxl, "load_workbook", _never)
    with pytest.raises(ValidationError) as e:
        read_rows("bom.xlsx", bomb, max_rows=10)
    assert e.value.code == "zip" and "terlalu besar saat dibuka" in e.value.messages[0]


def test_a_workbook_unpacking_past_the_total_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_XLSX_UNCOMPRESSED", 300 * 1024)
    monkeypatch.setattr(reading, "RATIO_FROM", 10**12)  # only the total counts here
    big = _with_member(_xlsx([["NIP"]]), "xl/media/padding.bin", bytes(range(256)) * 2048)  # 512 kB
    monkeypatch.setattr(reading.openpyxl, "load_workbook", _never)
    with pytest.raises(ValidationError) as e:
        read_rows("besar.xlsx", big, max_rows=10)
    assert e.value.code == "zip"


def test_a_crafted_xlsx_upload_shows_the_message_on_the_import_page(client, cast):
    bomb = _with_member(_xlsx([["NIP", "Waktu"]]), "xl/worksheets/sheet1.xml", b"\x00" * (4 * 1024 * 1024))
    client.force_login(cast.admin_opd)
    f = io.BytesIO(bomb)
    f.name = "absen.xlsx"
    r = client.post(reverse("presensi:impor"), {"berkas": f, "mesin": ""})
    assert r.status_code == 200
    assert "terlalu besar saat dibuka" in r.content.decode()


def _never(*args, **kwargs):
    raise AssertionError("openpyxl must not open a refused archive")
