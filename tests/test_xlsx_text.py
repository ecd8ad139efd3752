"""Formula-looking text stays text (issue 13, item 4).

Every xlsx the app writes is produced with names that look like formulas (saved through the ORM, as
old data may hold them), read back with openpyxl, and every string cell must be a string cell with
the exact text, never a formula. Names and free text typed in forms or imported from a file are
refused when they start with =, +, - or @ followed by a formula.
"""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.forms_org import JabatanCreateForm, PegawaiCreateForm, PegawaiUpdateForm, UnitCreateForm
from accounts.imports.common import SHEET_JABATAN
from accounts.models import Jabatan, Pegawai, Pemda, UnitKerja
from activities import imports_rows as katalog_imports
from activities.forms_admin import KatalogForm
from activities.models import Aktivitas, KegiatanKatalog
from core.models import Job
from core.xlsx import PESAN_RUMUS, looks_like_formula, put, reject_formula
from tests.helpers import form_aktivitas
from tests.tpp.util import aturan, bulan_hadir, validated
from tpp import recap
from tpp.recap import rekap_bulanan_job, rekap_triwulan_job
from tpp.uang_makan import uang_makan_ekspor_job

pytestmark = pytest.mark.django_db

PEGAWAI = '=HYPERLINK("http://x","klik")'
JABATAN = '=HYPERLINK("http://x","jabatan")'
KEPALA = '=HYPERLINK("http://x","kepala")'
OPD = "=1+1"
PEMDA = "@SUM(1,1)"
UNIT = "-2+3"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def job_book(job: Job):
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    with job.file.open("rb") as f:
        return book(f.read())


def assert_all_text(wb, *expected: str) -> dict[str, openpyxl.cell.Cell]:
    """No cell of any sheet is a formula; every str cell is a string cell; each expected text is
    there exactly. Returns the last cell of each text."""
    cells = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"
                if isinstance(c.value, str):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    cells[c.value] = c
    for text in expected:
        assert text in cells, f"{text!r} not written as text"
        assert cells[text].quotePrefix  # Excel keeps it text even when the cell is edited
    return cells


@pytest.fixture
def rumus(cast):
    """Formula-looking names saved straight into the database (bypassing every form)."""
    Pegawai.objects.filter(pk=cast.pegawai.pk).update(nama=PEGAWAI, gelar_depan="", gelar_belakang="")
    Pegawai.objects.filter(pk=cast.kadis.pk).update(nama=KEPALA, gelar_depan="", gelar_belakang="")
    Jabatan.objects.filter(pk=cast.j_staf.pk).update(nama=JABATAN)
    UnitKerja.objects.filter(pk=cast.dinas.pk).update(nama=OPD, singkatan="")
    UnitKerja.objects.filter(pk=cast.subbag.pk).update(nama=UNIT)
    Pemda.objects.filter(pk=cast.pemda.pk).update(nama=PEMDA)
    return cast


@pytest.fixture
def oktober(cast, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("tpp.calculation.today", lambda: date(2027, 1, 5))
    monkeypatch.setattr("tpp.recap.today", lambda: date(2027, 1, 5))
    aturan(cast.pemda)
    for p in (cast.pegawai, cast.kadis):
        p.gaji_dasar = 5_000_000
        p.save()
        validated(p, 3_000)
        bulan_hadir(p)
    return cast


def _job(user, kind: str, params: dict) -> Job:
    return Job.objects.create(kind=kind, title="Ekspor", created_by=user, pemda=user.pemda, params=params)


# --- the exports -----------------------------------------------------------------------------


def test_the_uang_makan_list_keeps_formula_names_as_text(oktober, rumus):
    cast = rumus
    job = _job(cast.admin_opd, "uang_makan", {"opd": cast.dinas.pk, "tahun": 2026, "bulan": 10})
    uang_makan_ekspor_job(job.pk)
    wb = job_book(job)
    cells = assert_all_text(wb, PEGAWAI, KEPALA, OPD, PEMDA)
    ws = wb.active
    row = next(r for r in ws.iter_rows(min_row=6) if r[1].value == cast.pegawai.nip)
    assert (row[2].value, row[2].data_type) == (PEGAWAI, "s")
    assert (ws["A2"].value, ws["A3"].value) == (PEMDA, OPD)
    assert cells[KEPALA].font.b  # the head's name in the signature block keeps its style


def test_the_monthly_tpp_list_of_the_whole_pemda_keeps_formula_names_as_text(oktober, rumus):
    cast = rumus
    from tpp.services import periode_ambil

    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    job = _job(cast.hr, recap.KIND_BULANAN, {"periode": periode.pk, "opd": None})
    rekap_bulanan_job(job.pk)
    wb = job_book(job)
    assert_all_text(wb, PEGAWAI, JABATAN, KEPALA, OPD, PEMDA)
    assert wb.sheetnames[0] == "Rekapitulasi" and OPD in wb.sheetnames
    ws = wb[OPD]
    row = next(r for r in ws.iter_rows(min_row=6) if r[1].value == cast.pegawai.nip)
    assert [(c.value, c.data_type) for c in (row[2], row[4])] == [(PEGAWAI, "s"), (JABATAN, "s")]
    summary = [c for r in wb["Rekapitulasi"].iter_rows(min_row=6) for c in r if c.value == OPD]
    assert summary and summary[0].data_type == "s"


def test_the_quarterly_tpp_recap_keeps_formula_names_as_text(oktober, rumus):
    cast = rumus
    job = _job(cast.hr, recap.KIND_TRIWULAN, {"pemda": cast.pemda.pk, "tahun": 2026, "triwulan": 4, "opd": None})
    rekap_triwulan_job(job.pk)
    wb = job_book(job)
    assert_all_text(wb, PEGAWAI, JABATAN, OPD, PEMDA)  # the OPD column of a whole-pemda quarter too
    job = _job(
        cast.hr, recap.KIND_TRIWULAN, {"pemda": cast.pemda.pk, "tahun": 2026, "triwulan": 4, "opd": cast.dinas.pk}
    )
    rekap_triwulan_job(job.pk)
    assert_all_text(job_book(job), PEGAWAI, JABATAN, KEPALA, OPD, PEMDA)  # signed by the head


def test_the_pegawai_import_template_keeps_formula_names_as_text(client, rumus):
    cast = rumus
    client.force_login(cast.admin_opd)
    response = client.get(reverse("org:impor_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    wb = book(response.content)
    assert_all_text(wb, JABATAN, UNIT, OPD)
    jabatan = wb[SHEET_JABATAN]
    row = next(r for r in jabatan.iter_rows(min_row=2) if r[0].value == cast.j_staf.pk)
    assert [(c.value, c.data_type) for c in row[1:]] == [(JABATAN, "s"), (UNIT, "s"), (OPD, "s")]


def test_the_katalog_import_template_keeps_formula_names_as_text(client, rumus):
    cast = rumus
    client.force_login(cast.admin_opd)
    response = client.get(reverse("aktivitas:katalog_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    wb = book(response.content)
    assert_all_text(wb, JABATAN, UNIT, OPD)
    units = wb[katalog_imports.SHEET_UNIT]
    row = next(r for r in units.iter_rows(min_row=2) if r[0].value == cast.subbag.pk)
    assert (row[1].value, row[1].data_type, row[3].value) == (UNIT, "s", OPD)


# --- the check -------------------------------------------------------------------------------

FORMULAS = [
    PEGAWAI,
    "=1",
    "=A1",
    "  =1",
    "+1+1",
    "+1 + 1",
    "-2+3",
    "-(1+1)",
    "+=1",
    "@SUM(A1)",
    '+HYPERLINK("http://x")',
    "-cmd|' /C calc'!A0",
    "+A1",
    "-$B$2",
    "@A1",
    "+62-812-3456",  # arithmetic to a spreadsheet, however much it looks like a phone number
]
ORDINARY = [
    "-",
    "=",
    "- Rapat koordinasi",
    "-Rapat koordinasi",
    "- Rapat (persiapan)",
    "--- bagian kedua",
    "+62 812 3456 7890",
    "+ catatan",
    "@Bappeda",
    "-5",
    "-5 orang",
    "Rapat =1",
    "Kepala Dinas",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_sign_followed_by_a_formula_is_refused(text):
    assert looks_like_formula(text)
    with pytest.raises(Exception) as e:
        reject_formula(text)
    assert e.value.messages == ["Teks tidak boleh diawali tanda =, +, - atau @ diikuti rumus."]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_allowed(text):
    assert not looks_like_formula(text)
    reject_formula(text)


# --- the forms -------------------------------------------------------------------------------


def _forms(cast):
    """(form, the text fields that are names or free text) of every form that saves such text."""
    return [
        (lambda d: UnitCreateForm(d, user=cast.hr), ("nama", "singkatan")),
        (lambda d: JabatanCreateForm(d, user=cast.hr), ("nama",)),
        (lambda d: PegawaiCreateForm(d, user=cast.hr), ("nama", "gelar_depan", "gelar_belakang")),
        (lambda d: PegawaiUpdateForm(d, user=cast.hr, pegawai=cast.pegawai), ("nama", "gelar_depan", "gelar_belakang")),
        (lambda d: KatalogForm(d, user=cast.hr), ("nama", "satuan")),
    ]


def test_every_name_field_refuses_a_formula_and_takes_ordinary_text(cast):
    for make, fields in _forms(cast):
        for name in fields:
            refused = make({name: PEGAWAI})
            assert refused.errors.get(name) == [str(PESAN_RUMUS)], (type(refused).__name__, name)
            allowed = make({name: "- Rapat koordinasi"})
            assert name not in allowed.errors, (type(allowed).__name__, name, allowed.errors.get(name))


@pytest.mark.parametrize("field", ["nama_kegiatan", "uraian"])
def test_an_activity_with_a_formula_is_refused_with_the_reason(client, cast, field):
    client.force_login(cast.pegawai.user)
    response = client.post(reverse("aktivitas:tambah"), form_aktivitas(**{field: "=1+1"}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [str(PESAN_RUMUS)]
    assert str(PESAN_RUMUS) in response.content.decode()
    assert not Aktivitas.objects.filter(pegawai=cast.pegawai).exists()
    ok = client.post(reverse("aktivitas:tambah"), form_aktivitas(**{field: "- Rapat koordinasi"}))
    assert ok.status_code == 302
    assert Aktivitas.objects.filter(pegawai=cast.pegawai).count() == 1


# --- the imports -----------------------------------------------------------------------------


def text_upload(headers: list[str], rows: list[dict], *, sheet: str, name: str) -> SimpleUploadedFile:
    """An xlsx as a user types it: `'=…` in Excel is a text cell holding `=…`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for c, header in enumerate(headers, start=1):
        put(ws, 1, c, header)
    for r, values in enumerate(rows, start=2):
        for c, header in enumerate(headers, start=1):
            put(ws, r, c, values.get(header))
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


def test_the_pegawai_import_refuses_formula_names(client, cast):
    from tests.accounts.test_import import HEADERS, row

    client.force_login(cast.admin_opd)
    rows = [row(1, Nama=PEGAWAI), row(2, **{"Gelar Depan": "+1+1"}), row(3, Nama="- Budi")]
    before = Pegawai.objects.count()
    response = client.post(
        reverse("org:impor"), {"berkas": text_upload(HEADERS, rows, sheet="Pegawai", name="pegawai.xlsx")}
    )
    assert response.status_code == 200 and Pegawai.objects.count() == before
    assert [str(e) for e in response.context["hasil"].errors] == [
        f"Baris 2: Nama: {PESAN_RUMUS}",
        f"Baris 3: Gelar Depan: {PESAN_RUMUS}",
    ]


def test_the_katalog_import_refuses_formula_text(client, cast):
    from tests.activities.test_katalog_import import HEADERS, row

    client.force_login(cast.admin_opd)
    rows = [row(**{"Nama Kegiatan": "@SUM(1,2)"}), row(**{"Satuan": "=1"}), row(**{"Nama Kegiatan": "- Rapat"})]
    response = client.post(
        reverse("aktivitas:katalog_impor"),
        {"berkas": text_upload(HEADERS, rows, sheet="Katalog", name="katalog.xlsx")},
    )
    assert response.status_code == 200 and not KegiatanKatalog.objects.exists()
    assert [str(e) for e in response.context["hasil"].errors] == [
        f"Baris 2: Nama Kegiatan: {PESAN_RUMUS}",
        f"Baris 3: Satuan: {PESAN_RUMUS}",
    ]
