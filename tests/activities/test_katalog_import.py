"""The catalog import (issue 4): an xlsx template with the jabatan and units in scope; a file with any
bad row imports nothing and lists every bad row as "Baris N: kolom: alasan"; garbage never 500s."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities import imports, imports_rows
from activities.choices import LingkupKatalog
from activities.models import KegiatanKatalog
from tests.factories import JabatanFactory, UnitFactory
from tests.helpers import xlsx_upload

pytestmark = pytest.mark.django_db

URL = reverse("aktivitas:katalog_impor")
TEMPLATE_URL = reverse("aktivitas:katalog_template")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = list(imports_rows.HEADERS)


def row(**values) -> dict:
    base = {
        "Nama Kegiatan": "Mengagendakan surat masuk",
        "Satuan": "surat",
        "Menit per Satuan": 10,
        "Berlaku Untuk": "JABATAN",
        "Jabatan": "Pengadministrasi Perkantoran",
    }
    return base | values


def xlsx_file(rows: list[dict], headers=HEADERS, name="katalog.xlsx", sheet="Katalog") -> SimpleUploadedFile:
    return xlsx_upload(rows, headers, name=name, sheet=sheet)


def upload(client, file):
    return client.post(URL, {"berkas": file})


def errors(response) -> list[str]:
    return [str(e) for e in response.context["hasil"].errors]


def file_error(response) -> str:
    return " ".join(response.context["form"].errors["berkas"])


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [URL, TEMPLATE_URL])
def test_anonymous_is_sent_to_login(client, cast, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_plain_pegawai_cannot_import(client, cast):
    client.force_login(cast.pegawai.user)
    assert client.get(URL).status_code == 403
    assert client.get(TEMPLATE_URL).status_code == 403
    assert upload(client, xlsx_file([row()])).status_code == 403
    assert not KegiatanKatalog.objects.exists()


def test_the_page_explains_the_three_steps(client, cast):
    client.force_login(cast.admin_opd)
    html = client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in html
    for text in ("Unduh template", "Isi template", "Unggah file", cast.dinas.nama, TEMPLATE_URL):
        assert text in html


# --- good files ---------------------------------------------------------------------------------


def test_a_good_file_adds_every_item(client, cast):
    client.force_login(cast.admin_opd)
    rows = [
        row(),
        row(**{"Nama Kegiatan": "Mengetik naskah dinas", "Satuan": "naskah", "Jabatan": str(cast.j_kasubag.pk)}),
        row(
            **{
                "Nama Kegiatan": "Rapat staf",
                "Satuan": "rapat",
                "Menit per Satuan": 60.0,
                "Berlaku Untuk": "UNIT",
                "Jabatan": None,
                "Unit": "Sekretariat",
            }
        ),
        row(
            **{
                "Nama Kegiatan": "Menyusun  laporan   bulanan",
                "Berlaku Untuk": "unit kerja",
                "Jabatan": None,
                "Unit": cast.subbag.pk,
                "Menit per Satuan": "120",
            }
        ),
    ]
    response = upload(client, xlsx_file(rows))
    assert response.status_code == 302 and response.url == reverse("aktivitas:katalog_list")
    items = {k.nama: k for k in KegiatanKatalog.objects.all()}
    assert len(items) == 4
    k = items["Mengagendakan surat masuk"]
    assert (k.lingkup, k.jabatan, k.unit, k.opd, k.pemda, k.menit_per_satuan, k.aktif) == (
        LingkupKatalog.JABATAN,
        cast.j_staf,
        None,
        cast.dinas,
        cast.pemda,
        10,
        True,
    )
    assert items["Mengetik naskah dinas"].jabatan == cast.j_kasubag
    assert (items["Rapat staf"].lingkup, items["Rapat staf"].unit, items["Rapat staf"].menit_per_satuan) == (
        LingkupKatalog.UNIT,
        cast.sekretariat,
        60,
    )
    assert items["Menyusun laporan bulanan"].unit == cast.subbag  # spaces tidied


def test_hr_imports_pemda_wide_items_and_items_of_any_opd(client, cast):
    client.force_login(cast.hr)
    rows = [
        row(**{"Nama Kegiatan": "Apel pagi", "Satuan": "kali", "Berlaku Untuk": "PEMDA", "Jabatan": None}),
        row(**{"Jabatan": "Pengelola Keuangan"}),
    ]
    assert upload(client, xlsx_file(rows)).status_code == 302
    apel = KegiatanKatalog.objects.get(nama="Apel pagi")
    assert (apel.lingkup, apel.opd, apel.jabatan, apel.unit, apel.pemda) == (
        LingkupKatalog.PEMDA,
        None,
        None,
        None,
        cast.pemda,
    )
    assert KegiatanKatalog.objects.get(nama="Mengagendakan surat masuk").opd == cast.badan


def test_an_empty_berlaku_untuk_follows_the_filled_column(client, cast):
    client.force_login(cast.admin_opd)
    rows = [
        row(**{"Berlaku Untuk": None}),
        row(**{"Nama Kegiatan": "Rapat", "Berlaku Untuk": None, "Jabatan": None, "Unit": "Subbagian Umum"}),
    ]
    assert upload(client, xlsx_file(rows)).status_code == 302
    assert set(KegiatanKatalog.objects.values_list("lingkup", flat=True)) == {"JABATAN", "UNIT"}


def test_a_unit_column_tells_apart_two_posts_of_one_name(client, cast):
    other = UnitFactory(pemda=cast.pemda, parent=cast.dinas, nama="Bidang SD")
    twin = JabatanFactory(unit=other, nama="Pengadministrasi Perkantoran")
    client.force_login(cast.admin_opd)
    response = upload(client, xlsx_file([row()]))
    assert response.status_code == 200
    assert 'Ada 2 jabatan bernama "Pengadministrasi Perkantoran"' in errors(response)[0]
    assert "ID" in errors(response)[0]
    assert upload(client, xlsx_file([row(Unit="Bidang SD")])).status_code == 302
    assert KegiatanKatalog.objects.get().jabatan == twin


def test_a_csv_with_the_same_columns_is_read_too(client, cast):
    client.force_login(cast.admin_opd)
    text = (
        "Nama Kegiatan;Satuan;Menit per Satuan;Berlaku Untuk;Jabatan\n"
        "Mengarsip;berkas;15;JABATAN;Pengadministrasi Perkantoran\n"
    )
    response = upload(client, SimpleUploadedFile("katalog.csv", text.encode("utf-8-sig")))
    assert response.status_code == 302
    assert KegiatanKatalog.objects.get().nama == "Mengarsip"


# --- bad rows: nothing saved, every reason listed ------------------------------------------------


def test_one_bad_row_saves_nothing_and_each_bad_row_is_listed(client, cast):
    client.force_login(cast.admin_opd)
    rows = [
        row(),  # row 2: good
        row(**{"Nama Kegiatan": "Mengetik", "Menit per Satuan": 0}),  # row 3
        row(**{"Nama Kegiatan": "Menghitung", "Menit per Satuan": 500}),  # row 4
        row(**{"Nama Kegiatan": "Membayar", "Jabatan": "Pengelola Keuangan"}),  # row 5: another OPD
        row(**{"Nama Kegiatan": "Apel", "Berlaku Untuk": "PEMDA", "Jabatan": None}),  # row 6: HR only
        row(**{"Nama Kegiatan": None, "Satuan": None, "Menit per Satuan": "tiga puluh"}),  # row 7
        row(**{"Nama Kegiatan": "Rapat", "Berlaku Untuk": "RAPAT"}),  # row 8
        row(**{"Nama Kegiatan": "Rapat", "Berlaku Untuk": "UNIT", "Jabatan": None, "Unit": "Badan Keuangan Uji"}),
        row(**{"Nama Kegiatan": "Mengarsip", "Jabatan": str(cast.j_badan_staf.pk)}),  # row 10
    ]
    response = upload(client, xlsx_file(rows))
    assert response.status_code == 200
    assert not KegiatanKatalog.objects.exists()
    found = errors(response)
    expected = [
        "Baris 3: Menit per Satuan: Menit per satuan harus antara 1 dan 480 (8 jam); terisi 0.",
        "Baris 4: Menit per Satuan: Menit per satuan harus antara 1 dan 480 (8 jam); terisi 500.",
        'Baris 5: Jabatan: Jabatan "Pengelola Keuangan" tidak ditemukan di OPD Anda.',
        "Baris 6: Berlaku Untuk: Kegiatan untuk seluruh pemda hanya dapat ditambahkan oleh BKPSDM",
        "Baris 7: Nama Kegiatan: Nama kegiatan wajib diisi.",
        "Baris 7: Satuan: Satuan hasil wajib diisi",
        "Baris 7: Menit per Satuan: Menit per satuan harus bilangan bulat",
        "Baris 8: Berlaku Untuk: RAPAT tidak dikenal; isi JABATAN, UNIT atau PEMDA.",
        'Baris 9: Unit: Unit kerja "Badan Keuangan Uji" tidak ditemukan di OPD Anda.',
        "Baris 10: Jabatan: Jabatan ID",
    ]
    for want in expected:
        assert any(e.startswith(want) for e in found), (want, found)
    assert not any(e.startswith("Baris 2:") for e in found)
    html = response.content.decode()
    assert "Tidak ada kegiatan yang disimpan" in html
    assert "Dari 9 baris, ada 8 baris yang perlu diperbaiki." in html
    assert "<strong>Baris 3:</strong> Menit per Satuan:" in html


def test_duplicates_in_the_file_or_in_the_catalog_are_refused(client, cast):
    KegiatanKatalog.objects.create(
        pemda=cast.pemda,
        lingkup="JABATAN",
        jabatan=cast.j_staf,
        opd=cast.dinas,
        nama="Mengarsip berkas",
        satuan="berkas",
        menit_per_satuan=5,
        aktif=False,
    )
    client.force_login(cast.admin_opd)
    rows = [
        row(),
        row(**{"Nama Kegiatan": "MENGAGENDAKAN surat  masuk"}),
        row(**{"Nama Kegiatan": "mengarsip berkas"}),
        row(**{"Nama Kegiatan": "Mengagendakan surat masuk", "Jabatan": "Kepala Subbagian Umum"}),  # another post
    ]
    response = upload(client, xlsx_file(rows))
    found = errors(response)
    assert found[0] == "Baris 3: Nama Kegiatan: Kegiatan yang sama sudah ada di baris 2 file ini."
    assert found[1].startswith("Baris 4: Nama Kegiatan: Kegiatan ini sudah ada di katalog tetapi tidak aktif")
    assert len(found) == 2
    assert KegiatanKatalog.objects.count() == 1


def test_an_empty_row_in_the_middle_is_skipped(client, cast):
    client.force_login(cast.admin_opd)
    rows = [row(), {}, row(**{"Nama Kegiatan": "Mengarsip"})]
    assert upload(client, xlsx_file(rows)).status_code == 302
    assert KegiatanKatalog.objects.count() == 2


# --- the template -------------------------------------------------------------------------------


def test_the_template_has_the_columns_and_the_jabatan_and_units_in_scope(client, cast):
    client.force_login(cast.admin_opd)
    response = client.get(TEMPLATE_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Katalog", "Petunjuk", "Jabatan", "Unit"]
    ws = wb["Katalog"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws["A2"].value == imports_rows.EXAMPLE_ROW["nama"]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"JABATAN,UNIT"' in lists  # an admin OPD cannot add pemda-wide items
    jabatan = {r[0]: r[1:] for r in wb["Jabatan"].iter_rows(min_row=2, values_only=True)}
    assert jabatan[cast.j_staf.pk] == ("Pengadministrasi Perkantoran", "Subbagian Umum", cast.dinas.nama)
    assert {cast.j_kadis.pk, cast.j_sekretaris.pk, cast.j_kasubag.pk, cast.j_staf.pk} == set(jabatan)
    units = {r[0]: r[1:] for r in wb["Unit"].iter_rows(min_row=2, values_only=True)}
    assert units[cast.subbag.pk] == ("Subbagian Umum", "Sekretariat", cast.dinas.nama)
    assert set(units) == {cast.dinas.pk, cast.sekretariat.pk, cast.subbag.pk}  # not the badan's
    assert "Menit per Satuan" in " ".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)


def test_hrs_template_offers_pemda_and_every_opd(client, cast):
    client.force_login(cast.hr)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(TEMPLATE_URL).content))
    lists = [dv.formula1 for dv in wb["Katalog"].data_validations.dataValidation if dv.type == "list"]
    assert '"JABATAN,UNIT,PEMDA"' in lists
    assert cast.j_badan_staf.pk in {r[0] for r in wb["Jabatan"].iter_rows(min_row=2, values_only=True)}
    assert cast.badan.pk in {r[0] for r in wb["Unit"].iter_rows(min_row=2, values_only=True)}


def test_the_downloaded_template_filled_in_imports_and_skips_the_example_row(client, cast):
    client.force_login(cast.admin_opd)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(TEMPLATE_URL).content))
    ws = wb["Katalog"]
    for i, value in enumerate(["Mengarsip berkas", "berkas", 5, "UNIT", None, "Sekretariat"], start=1):
        ws.cell(row=3, column=i, value=value)
    out = io.BytesIO()
    wb.save(out)
    response = upload(client, SimpleUploadedFile("isi.xlsx", out.getvalue()))
    assert response.status_code == 302
    k = KegiatanKatalog.objects.get()
    assert (k.nama, k.unit) == ("Mengarsip berkas", cast.sekretariat)


def test_a_template_with_only_the_example_is_an_empty_file(client, cast):
    client.force_login(cast.admin_opd)
    response = upload(client, SimpleUploadedFile("kosong.xlsx", client.get(TEMPLATE_URL).content))
    assert "hanya ada baris judul" in file_error(response)


# --- garbage: a friendly message, never a 500 ----------------------------------------------------


def _zip_not_xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "bukan excel")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("katalog.xlsx", b"ini bukan excel sama sekali", "tidak dapat dibuka sebagai file Excel"),
        ("katalog.xlsx", _zip_not_xlsx(), "tidak dapat dibuka sebagai file Excel"),
        ("katalog.xlsx", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "Excel lama"),
        ("katalog.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("katalog.pdf", b"%PDF-1.4", "template katalog"),
        ("katalog.csv", b"\x00\x01\x02binary", "bukan file CSV"),
        ("katalog.xlsx", b"PK" + b"\x00" * (5 * 1024 * 1024), "File terlalu besar"),
    ],
)
def test_garbage_gets_a_friendly_message(client, cast, name, content, message):
    client.force_login(cast.admin_opd)
    response = upload(client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in file_error(response)
    assert "Tidak ada kegiatan yang disimpan" in response.content.decode()
    assert not KegiatanKatalog.objects.exists()


def test_a_file_without_the_header_or_columns_is_explained(client, cast):
    client.force_login(cast.admin_opd)
    response = upload(client, xlsx_file([{"A": 1}], headers=["A", "B"]))
    assert "Nama Kegiatan tidak ditemukan" in file_error(response)
    response = upload(client, xlsx_file([row()], headers=["Nama Kegiatan", "Jabatan"]))
    assert "Kolom wajib tidak ada: Satuan, Menit per Satuan" in file_error(response)
    response = upload(client, xlsx_file([], headers=HEADERS))
    assert "hanya ada baris judul" in file_error(response)
    response = client.post(URL, {})
    assert "Pilih file" in file_error(response)


def test_the_pegawai_template_is_refused_with_a_reason(client, cast):
    client.force_login(cast.admin_opd)
    pegawai_template = client.get(reverse("org:impor_template")).content
    response = upload(client, SimpleUploadedFile("pegawai.xlsx", pegawai_template))
    assert response.status_code == 200
    assert "Kolom wajib tidak ada: Satuan, Menit per Satuan" in file_error(response)


def test_too_many_rows_are_refused_before_checking(client, cast, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BARIS", 3)
    client.force_login(cast.admin_opd)
    response = upload(client, xlsx_file([row(**{"Nama Kegiatan": f"K{i}"}) for i in range(20)]))
    assert "lebih dari 3 baris" in file_error(response)


# --- the row parser (no database) ----------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(30, 30), (30.0, 30), (" 45 ", 45), ("480", 480)])
def test_minutes_are_whole_numbers(value, expected):
    assert imports_rows.parse_menit(value) == expected


@pytest.mark.parametrize("value", [30.5, "30,5", "tiga", "", None, True, "-5"])
def test_other_minutes_are_refused(value):
    with pytest.raises(ValueError):
        imports_rows.parse_menit(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("JABATAN", "JABATAN"), ("unit kerja", "UNIT"), ("Unit", "UNIT"), ("seluruh pemda", "PEMDA"), ("x", None)],
)
def test_berlaku_untuk_reads_codes_and_words(value, expected):
    assert imports_rows.parse_lingkup(value) == expected
