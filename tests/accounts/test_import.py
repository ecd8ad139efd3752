"""The pegawai import (issue 3): the xlsx template and SIASN's Export Data ASN; any bad row imports nothing."""

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import imports
from accounts.choices import Eselon, JenisJabatan, JenisPenempatan, JenisUnit
from accounts.models import KodeAktivasi, LembarAktivasi, Pegawai, Penempatan, User
from accounts.rules import build_nip
from core.models import AuditLog
from tests.accounts.test_aktivasi import pdf_text
from tests.factories import JabatanFactory, UnitFactory
from tests.helpers import xlsx_upload

URL = reverse("org:impor")
TEMPLATE_URL = reverse("org:impor_template")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SIASN_SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "siasn-export-sample.csv"
HEADERS = list(imports.TEMPLATE_HEADERS)


def nip_pns(n: int, *, lahir=date(1990, 5, 1), tmt=date(2015, 3, 1), jk="L") -> str:
    return build_nip(tanggal_lahir=lahir.replace(day=n), jenis_kelamin=jk, nomor_urut=n, tmt_cpns=tmt)


def nip_pppk(n: int) -> str:
    return build_nip(tanggal_lahir=date(1992, 7, n), jenis_kelamin="P", nomor_urut=n, tahun_pppk=2023)


def row(n: int, **values) -> dict:
    base = {
        "NIP": nip_pns(n),
        "Nama": f"Pegawai Impor {n}",
        "Status": "PNS",
        "Golongan": "III/a",
        "Jabatan": "Pengadministrasi Perkantoran",
        "TMT": "02-01-2024",
    }
    return base | values


def xlsx_file(rows: list[dict], headers=HEADERS, name="pegawai.xlsx") -> SimpleUploadedFile:
    return xlsx_upload(rows, headers, name=name, sheet="Pegawai")


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


@pytest.mark.parametrize("url", [URL, TEMPLATE_URL])
def test_a_plain_pegawai_gets_403(client, cast, url):
    client.force_login(cast.pegawai.user)
    assert client.get(url).status_code == 403


def test_a_plain_pegawai_cannot_post_a_file(client, cast):
    client.force_login(cast.pegawai.user)
    before = Pegawai.objects.count()
    assert upload(client, xlsx_file([row(1)])).status_code == 403
    assert Pegawai.objects.count() == before


def test_the_page_explains_the_three_steps(client, cast):
    client.force_login(cast.admin_opd)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    for text in ("Unduh template", "Isi template", "Unggah file", cast.dinas.nama):
        assert text in html


# --- the template -------------------------------------------------------------------------------


def test_the_template_is_an_xlsx_with_the_headers_and_the_jabatan_in_scope(client, cast):
    client.force_login(cast.admin_opd)
    response = client.get(TEMPLATE_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Pegawai", "Petunjuk", "Jabatan"]
    ws = wb["Pegawai"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws["B2"].value == imports.EXAMPLE_ROW["nama"]  # the example row
    assert len(ws.data_validations.dataValidation) >= 3  # Status, Golongan, Jenis Penempatan dropdowns
    jabatan = {r[0]: r[1:] for r in wb["Jabatan"].iter_rows(min_row=2, values_only=True)}
    assert jabatan[cast.j_staf.pk] == ("Pengadministrasi Perkantoran", "Subbagian Umum", cast.dinas.nama)
    assert {cast.j_kadis.pk, cast.j_sekretaris.pk, cast.j_kasubag.pk, cast.j_staf.pk} == set(jabatan)
    assert cast.j_badan_staf.pk not in jabatan  # another OPD: not the admin OPD's to fill
    assert "NIP" in " ".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)


def test_the_downloaded_template_filled_in_imports_and_skips_the_example_row(client, cast):
    client.force_login(cast.admin_opd)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(TEMPLATE_URL).content))
    ws = wb["Pegawai"]
    values = row(1) | {"TMT": datetime(2024, 1, 2)}
    for i, header in enumerate(HEADERS, start=1):
        ws.cell(row=3, column=i, value=values.get(header))
    out = io.BytesIO()
    wb.save(out)
    response = upload(client, SimpleUploadedFile("isi.xlsx", out.getvalue()))
    assert response.status_code == 302
    assert Pegawai.objects.filter(nip=nip_pns(1)).exists()
    assert not Pegawai.objects.filter(nip=imports.EXAMPLE_ROW["nip"]).exists()


# --- a good file --------------------------------------------------------------------------------


def test_a_good_xlsx_creates_pegawai_postings_and_accounts(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.admin_opd)
    rows = [
        row(
            1,
            Nama="Budi Santoso",
            **{"Gelar Depan": "Drs.", "Gelar Belakang": "M.Si."},
            Jabatan="pengadministrasi  PERKANTORAN",  # case and spacing do not matter
            TMT=datetime(2024, 1, 2),
            **{"Gaji Dasar": "4.500.000", "Email": "budi@contoh.go.id", "No HP": "0812 3456 7890"},
            **{"Nomor SK": "800/1/2024"},
        ),
        row(
            2,
            NIP=nip_pns(2, tmt=date(2025, 3, 1), jk="P"),
            Nama="Citra Lestari",
            Status="cpns",
            Golongan="II/a",
            TMT="2025-03-01",
        ),
        row(3, NIP=nip_pppk(3), Nama="Dewi Anggraeni", Status="PPPK", Golongan="IX", Jabatan=None, TMT="01-03-2023")
        | {"Jabatan ID": cast.j_staf.pk},
        row(4, Nama="Eko Plt", Golongan="III/d", Jabatan="Kepala Subbagian Umum")
        | {"Jenis Penempatan": "Plt", "Kedudukan Hukum": "1"},
    ]
    pegawai_before, users_before = Pegawai.objects.count(), User.objects.count()

    response = upload(client, xlsx_file(rows))

    assert response.status_code == 302
    assert Pegawai.objects.count() == pegawai_before + 4
    assert User.objects.count() == users_before + 4
    budi = Pegawai.objects.get(nip=nip_pns(1))
    assert (budi.nama, budi.gelar_depan, budi.gelar_belakang) == ("Budi Santoso", "Drs.", "M.Si.")
    assert (budi.status, budi.golongan, budi.kedudukan_hukum) == ("PNS", "III/a", "01")
    assert (budi.gaji_dasar, budi.email, budi.no_hp) == (4_500_000, "budi@contoh.go.id", "081234567890")
    assert (budi.pemda, budi.opd, budi.tanggal_lahir, budi.jenis_kelamin) == (
        cast.pemda,
        cast.dinas,
        date(1990, 5, 1),
        "L",
    )
    posting = Penempatan.objects.get(pegawai=budi)
    assert (posting.jabatan, posting.jenis, posting.mulai, posting.selesai, posting.nomor_sk) == (
        cast.j_staf,
        JenisPenempatan.DEFINITIF,
        date(2024, 1, 2),
        None,
        "800/1/2024",
    )
    assert posting.dibuat_oleh == cast.admin_opd

    citra = Pegawai.objects.get(nip=nip_pns(2, tmt=date(2025, 3, 1), jk="P"))
    assert (citra.status, citra.golongan, citra.jenis_kelamin) == ("CPNS", "II/a", "P")
    assert citra.penempatan.get().mulai == date(2025, 3, 1)

    dewi = Pegawai.objects.get(nip=nip_pppk(3))
    assert (dewi.status, dewi.golongan, dewi.kedudukan_hukum) == ("PPPK", "IX", "71")
    assert dewi.penempatan.get().mulai == date(2023, 3, 1)

    eko = Pegawai.objects.get(nip=nip_pns(4))
    eko_posting = eko.penempatan.get()
    assert (eko_posting.jabatan, eko_posting.jenis) == (cast.j_kasubag, JenisPenempatan.PLT)
    assert eko.opd == cast.dinas

    for p in (budi, citra, dewi, eko):
        user = p.user
        assert user.username == p.nip
        assert user.wajib_ganti_password is True
        assert not user.has_usable_password() and not user.check_password(p.nip)
        assert user.pemda == cast.pemda
    # Each gets an activation code, except Eko: as Plt Kasubag he is now the importing admin's own
    # atasan, whose code she may not make (HR does).
    valid = KodeAktivasi.objects.filter(dibatalkan__isnull=True, dipakai__isnull=True)
    assert sorted(valid.values_list("user", flat=True)) == sorted(p.user_id for p in (budi, citra, dewi))

    # The codes of this import wait on one sheet, to download once.
    assert response.url == reverse("org:aktivasi")
    page = client.get(response.url).content.decode()
    assert "4 pegawai berhasil diimpor" in page and "Lembar kode aktivasi untuk 3 pegawai" in page
    assert "1 pegawai tidak dibuatkan kode oleh Anda" in page
    sheet = LembarAktivasi.objects.get(dibuat_oleh=cast.admin_opd)
    assert sheet.jumlah == 3 and reverse("org:lembar_unduh", args=[sheet.pk]) in page


def test_an_imported_account_opens_with_its_code_from_the_sheet_never_with_the_nip(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.admin_opd)
    upload(client, xlsx_file([row(1)]))
    sheet = LembarAktivasi.objects.get()
    text = pdf_text(client.post(reverse("org:lembar_unduh", args=[sheet.pk])).content)
    client.logout()
    response = client.post(reverse("login"), {"username": nip_pns(1), "password": nip_pns(1)})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    kode = next(w for w in text.split() if len(w) == 11 and w[5] == "-")
    baru = "Kinerja-baik-2026"
    data = {"login": nip_pns(1), "kode": kode, "new_password1": baru, "new_password2": baru}
    assert client.post(reverse("aktivasi"), data).status_code == 302
    assert client.get(reverse("beranda")).status_code == 200


def test_hr_pemda_imports_into_any_opd_of_the_pemda(client, cast):
    client.force_login(cast.hr)
    response = upload(client, xlsx_file([row(1, Jabatan="Pengelola Keuangan")]))
    assert response.status_code == 302
    assert Pegawai.objects.get(nip=nip_pns(1)).opd == cast.badan


# --- bad rows: nothing is imported --------------------------------------------------------------


def test_a_file_with_bad_rows_imports_nothing_and_lists_each_reason(client, cast):
    client.force_login(cast.admin_opd)
    rows = [
        row(1),
        row(2, NIP="12345"),
        row(3, Golongan="III/z"),
        row(4, Jabatan="Pengelola Keuangan"),  # the Badan's: another OPD
        row(5, TMT="31-02-2024"),
        row(6, NIP=nip_pppk(6)),  # an NI PPPK marked PNS
        row(7, Status="Honorer", Email="bukan-email"),
        row(8),
    ]
    pegawai_before, users_before = Pegawai.objects.count(), User.objects.count()

    response = upload(client, xlsx_file(rows))

    assert response.status_code == 200
    assert Pegawai.objects.count() == pegawai_before
    assert User.objects.count() == users_before
    assert errors(response) == [
        "Baris 3: NIP: NIP harus 18 angka, yang diisi 5 angka.",
        "Baris 4: Golongan: Golongan III/z tidak dikenal. Tulis seperti III/a (PNS/CPNS) atau IX (PPPK).",
        'Baris 5: Jabatan: Jabatan tidak ditemukan di OPD Anda: "Pengelola Keuangan".',
        "Baris 6: TMT: Tanggal 31-02-2024 tidak dikenali; tulis tanggal-bulan-tahun, misalnya 02-01-2024.",
        "Baris 7: Status: NIP ini berformat NI PPPK, tetapi status pegawai PNS.",
        "Baris 8: Status: Status Honorer tidak dikenal; isi PNS, CPNS atau PPPK.",
        "Baris 8: Email: Alamat email bukan-email tidak sah.",
    ]
    html = response.content.decode()
    assert "Tidak ada data yang disimpan" in html
    assert "Dari 8 baris, ada 6 baris yang perlu diperbaiki." in html
    assert "<strong>Baris 5:</strong> Jabatan: Jabatan tidak ditemukan di OPD Anda" in html


def test_a_nip_twice_in_the_file_is_refused(client, cast):
    client.force_login(cast.admin_opd)
    response = upload(client, xlsx_file([row(1), row(2), row(3, NIP=nip_pns(1))]))
    assert response.status_code == 200
    assert errors(response) == [
        f"Baris 4: NIP: NIP {nip_pns(1)} sudah ada di baris 2 file ini; satu pegawai cukup satu baris."
    ]
    assert not Pegawai.objects.filter(nip__in=[nip_pns(1), nip_pns(2)]).exists()


def test_a_registered_nip_is_refused(client, cast):
    client.force_login(cast.admin_opd)
    response = upload(client, xlsx_file([row(1), row(2, NIP=cast.pegawai.nip)]))
    assert errors(response) == [
        "Baris 3: NIP: NIP sudah terdaftar. Data pegawai yang sudah ada diubah lewat halaman Pegawai, "
        "bukan lewat impor."
    ]
    assert not Pegawai.objects.filter(nip=nip_pns(1)).exists()


def test_a_filled_structural_post_is_reported_and_rows_already_written_are_rolled_back(client, cast):
    client.force_login(cast.admin_opd)
    rows = [row(1), row(2, Jabatan="Kepala Dinas", Golongan="IV/c")]
    response = upload(client, xlsx_file(rows))
    assert response.status_code == 200
    assert errors(response) == [
        "Baris 3: Jabatan: Jabatan Kepala Dinas sudah diisi (Definitif) oleh Kadis Utama mulai 01-01-2020."
    ]
    assert not Pegawai.objects.filter(nip=nip_pns(1)).exists()  # row 2 was written, then rolled back
    assert not User.objects.filter(username=nip_pns(1)).exists()


def test_two_rows_for_one_vacant_structural_post_clash(client, cast):
    JabatanFactory(
        unit=cast.sekretariat,
        parent=cast.j_sekretaris,
        nama="Kepala Subbagian Keuangan",
        jenis=JenisJabatan.PENGAWAS,
        eselon=Eselon.IV_A,
        kelas=9,
    )
    client.force_login(cast.admin_opd)
    rows = [row(1, Jabatan="Kepala Subbagian Keuangan"), row(2, Nama="Kedua", Jabatan="Kepala Subbagian Keuangan")]
    response = upload(client, xlsx_file(rows))
    assert errors(response) == [
        "Baris 3: Jabatan: Jabatan Kepala Subbagian Keuangan sudah diisi (Definitif) oleh Pegawai Impor 1 "
        "mulai 02-01-2024."
    ]
    assert not Pegawai.objects.filter(nip__in=[nip_pns(1), nip_pns(2)]).exists()


def test_an_ambiguous_jabatan_name_asks_for_the_jabatan_id(client, cast):
    other = JabatanFactory(unit=cast.sekretariat, parent=cast.j_sekretaris, nama="Pengadministrasi Perkantoran")
    client.force_login(cast.admin_opd)
    response = upload(client, xlsx_file([row(1), row(2) | {"Jabatan ID": cast.j_kadis.pk}]))
    assert errors(response) == [
        'Baris 2: Jabatan: Ada 2 jabatan bernama "Pengadministrasi Perkantoran" (Sekretariat, Subbagian Umum). '
        "Isi kolom Jabatan ID dengan ID dari sheet Jabatan.",
        f'Baris 3: Jabatan ID: Jabatan ID {cast.j_kadis.pk} adalah "Kepala Dinas", bukan '
        '"Pengadministrasi Perkantoran". Periksa kembali sheet Jabatan.',
    ]

    response = upload(client, xlsx_file([row(1) | {"Jabatan ID": other.pk}]))
    assert response.status_code == 302
    assert Pegawai.objects.get(nip=nip_pns(1)).penempatan.get().jabatan == other


def test_admin_opd_cannot_import_into_another_opds_jabatan_by_id(client, cast):
    client.force_login(cast.admin_opd)
    response = upload(client, xlsx_file([row(1, Jabatan=None) | {"Jabatan ID": cast.j_badan_staf.pk}]))
    assert errors(response) == [f"Baris 2: Jabatan ID: Jabatan tidak ditemukan di OPD Anda: ID {cast.j_badan_staf.pk}."]
    assert not Pegawai.objects.filter(nip=nip_pns(1)).exists()


def test_a_nip_that_excel_turned_into_a_number_is_refused(client, cast):
    client.force_login(cast.admin_opd)
    response = upload(client, xlsx_file([row(1, NIP=float(nip_pns(1)))]))
    assert errors(response) == [
        "Baris 2: NIP: NIP tersimpan sebagai angka sehingga angka terakhirnya berubah. Ubah format kolom NIP "
        "menjadi Teks, lalu ketik ulang NIP."
    ]


def test_a_pppk_with_a_pns_golongan_or_kedudukan_is_refused(client, cast):
    client.force_login(cast.admin_opd)
    rows = [row(1, NIP=nip_pppk(1), Status="PPPK", Golongan="III/a") | {"Kedudukan Hukum": "01"}]
    response = upload(client, xlsx_file(rows))
    assert errors(response) == [
        "Baris 2: Golongan: Golongan III/a adalah golongan PNS; PPPK memakai angka Romawi I sampai XVII, misalnya IX.",
        "Baris 2: Kedudukan Hukum: Kedudukan hukum 01 adalah kode PNS; untuk PPPK gunakan 71, 72, 73 atau 101.",
    ]


# --- SIASN Export Data ASN ------------------------------------------------------------------------


@pytest.fixture
def siasn_jabatan(cast):
    """Jabatan whose names match the four synthetic rows of the SIASN sample."""
    bkpsdm = UnitFactory(pemda=cast.pemda, nama="Badan Kepegawaian dan Pengembangan SDM")
    mutasi = UnitFactory(pemda=cast.pemda, parent=bkpsdm, nama="Bidang Mutasi dan Promosi")
    data = UnitFactory(pemda=cast.pemda, parent=bkpsdm, nama="Bidang Data dan Informasi")
    umum = UnitFactory(
        pemda=cast.pemda, parent=cast.sekretariat, nama="Subbagian Umum dan Kepegawaian", jenis=JenisUnit.SUBBAGIAN
    )
    sd = UnitFactory(pemda=cast.pemda, parent=cast.dinas, nama="SD Negeri 3 Contoh", jenis=JenisUnit.UPT)
    kabid = JabatanFactory(
        unit=mutasi,
        nama="Kepala Bidang Mutasi dan Promosi",
        jenis=JenisJabatan.ADMINISTRATOR,
        eselon=Eselon.III_B,
        kelas=11,
    )
    return {
        "kabid": kabid,
        "pranata": JabatanFactory(
            unit=data, parent=kabid, nama="Pranata Komputer Ahli Pertama", jenis=JenisJabatan.FUNGSIONAL, kelas=8
        ),
        # A second "Pengadministrasi Perkantoran" besides the cast's: UNOR NAMA picks this one.
        "pengadministrasi": JabatanFactory(unit=umum, parent=cast.j_kasubag, nama="Pengadministrasi Perkantoran"),
        "guru": JabatanFactory(unit=sd, nama="Guru Ahli Pertama", jenis=JenisJabatan.FUNGSIONAL, kelas=8),
    }


def assert_siasn_sample_imported(cast, jabatan):
    dimas = Pegawai.objects.get(nip="198003122005011004")
    assert (dimas.nama, dimas.gelar_belakang, dimas.status, dimas.golongan) == (
        "DIMAS PRASETYA NUGRAHA",
        "S.T., M.Si.",
        "PNS",
        "IV/a",
    )
    assert (dimas.tanggal_lahir, dimas.jenis_kelamin, dimas.kedudukan_hukum) == (date(1980, 3, 12), "L", "01")
    assert dimas.penempatan.get().jabatan == jabatan["kabid"]
    assert dimas.penempatan.get().mulai == date(2023, 1, 2)

    siti = Pegawai.objects.get(nip="199107252019032012")
    assert (siti.golongan, siti.jenis_kelamin) == ("III/b", "P")
    assert siti.penempatan.get().jabatan == jabatan["pranata"]

    agus = Pegawai.objects.get(nip="198511042010011003")
    assert agus.penempatan.get().jabatan == jabatan["pengadministrasi"]
    assert agus.penempatan.get().mulai == date(2022, 1, 3)
    assert agus.opd == cast.dinas

    ratna = Pegawai.objects.get(nip="199402182023212015")
    assert (ratna.status, ratna.golongan, ratna.kedudukan_hukum, ratna.jenis_kelamin) == ("PPPK", "IX", "71", "P")
    assert ratna.penempatan.get().jabatan == jabatan["guru"]
    assert ratna.penempatan.get().mulai == date(2023, 3, 1)
    assert ratna.user.wajib_ganti_password


def test_the_siasn_pipe_export_imports(client, cast, siasn_jabatan):
    client.force_login(cast.hr)
    file = SimpleUploadedFile("Export Data ASN.csv", SIASN_SAMPLE.read_bytes(), content_type="text/csv")
    response = upload(client, file)
    assert response.status_code == 302, response.context and errors(response)
    assert_siasn_sample_imported(cast, siasn_jabatan)


def test_the_siasn_pns_id_is_kept_and_a_reimport_updates_only_it(client, cast, siasn_jabatan):
    client.force_login(cast.hr)
    upload(client, SimpleUploadedFile("Export Data ASN.csv", SIASN_SAMPLE.read_bytes(), content_type="text/csv"))
    dimas = Pegawai.objects.get(nip="198003122005011004")
    assert dimas.siasn_id == "f0e1d2c3b4a5968778695a4b3c2d1e01"
    assert Pegawai.objects.get(nip="199107252019032012").siasn_id == "f0e1d2c3b4a5968778695a4b3c2d1e02"
    before = Pegawai.objects.count()

    # SIASN re-export: Dimas's PNS ID changed and his name differs; only the PNS ID is taken
    text = SIASN_SAMPLE.read_text(encoding="utf-8").replace(
        "f0e1d2c3b4a5968778695a4b3c2d1e01|198003122005011004||DIMAS PRASETYA NUGRAHA",
        "a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4|198003122005011004||DIMAS P. NUGRAHA",
    )
    response = upload(client, SimpleUploadedFile("Export Data ASN.csv", text.encode(), content_type="text/csv"))
    assert response.status_code == 302, response.context and errors(response)
    dimas.refresh_from_db()
    assert (dimas.siasn_id, dimas.nama) == ("a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4", "DIMAS PRASETYA NUGRAHA")
    assert Pegawai.objects.count() == before
    pesan = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(m.startswith("0 pegawai berhasil diimpor") and "4 pegawai yang sudah terdaftar" in m for m in pesan)
    assert AuditLog.objects.filter(aksi="pegawai:ubah", objek_id=str(dimas.pk)).count() == 1


def test_a_registered_nip_in_a_siasn_file_outside_ones_scope_is_still_refused(client, cast, siasn_jabatan):
    client.force_login(cast.hr)
    upload(client, SimpleUploadedFile("Export Data ASN.csv", SIASN_SAMPLE.read_bytes(), content_type="text/csv"))
    client.force_login(cast.admin_opd)  # the dinas's admin: Dimas (BKPSDM) is not theirs
    response = upload(client, SimpleUploadedFile("siasn.csv", SIASN_SAMPLE.read_bytes()))
    assert "Baris 2: NIP BARU: NIP sudah terdaftar." in " ".join(errors(response))
    assert Pegawai.objects.get(nip="198003122005011004").siasn_id == "f0e1d2c3b4a5968778695a4b3c2d1e01"


def test_an_older_comma_siasn_export_with_snake_case_headers_imports(client, cast, siasn_jabatan):
    with SIASN_SAMPLE.open(newline="", encoding="utf-8") as f:
        records = list(csv.reader(f, delimiter="|"))
    header = [h.lower().replace(" ", "_") for h in records[0]]
    nip_col, email_col = header.index("nip_baru"), header.index("email")
    for record in records[1:]:
        record[nip_col] = "'" + record[nip_col]  # SIASN quotes numbers as text
        record[email_col] = "null"
    out = io.StringIO()
    csv.writer(out).writerows([header[:64]] + [r[:64] for r in records[1:]])
    client.force_login(cast.hr)
    response = upload(client, SimpleUploadedFile("siasn-lama.csv", out.getvalue().encode("utf-8-sig")))
    assert response.status_code == 302, response.context and errors(response)
    assert_siasn_sample_imported(cast, siasn_jabatan)
    assert Pegawai.objects.get(nip="198003122005011004").email == ""


def test_admin_opd_importing_a_siasn_export_of_several_opds_gets_the_others_rows_refused(client, cast, siasn_jabatan):
    client.force_login(cast.admin_opd)
    file = SimpleUploadedFile("siasn.csv", SIASN_SAMPLE.read_bytes())
    before = Pegawai.objects.count()
    response = upload(client, file)
    assert errors(response) == [
        'Baris 2: JABATAN NAMA: Jabatan tidak ditemukan di OPD Anda: "KEPALA BIDANG MUTASI DAN PROMOSI".',
        'Baris 3: JABATAN NAMA: Jabatan tidak ditemukan di OPD Anda: "PRANATA KOMPUTER AHLI PERTAMA".',
    ]
    assert Pegawai.objects.count() == before


# --- files that cannot be used ------------------------------------------------------------------


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return out.getvalue()


def _xlsx_bytes(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pegawai.xlsx", b"this is not a spreadsheet", "tidak dapat dibuka sebagai file Excel (.xlsx)"),
        ("pegawai.xlsx", _zip_without_workbook(), "tidak dapat dibuka sebagai file Excel (.xlsx)"),
        ("pegawai.xlsx", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "berformat Excel lama (.xls)"),
        ("pegawai.xls", b"\xd0\xcf\x11\xe0", "File .xls (Excel 97–2003) belum dapat dibaca"),
        ("foto.png", b"\x89PNG\r\n", "Jenis file tidak dapat diimpor"),
        ("data.csv", b"\x00\x01\x02binary", "bukan file CSV berisi teks"),
        ("data.csv", b"Nama;Alamat\nBudi;Jl. Mawar\n", "Baris judul dengan kolom NIP tidak ditemukan"),
        ("pegawai.xlsx", _xlsx_bytes([HEADERS]), "hanya ada baris judul"),
        ("pegawai.xlsx", _xlsx_bytes([["NIP", "Nama", "Jabatan"], [nip_pns(1), "A", "B"]]), "Kolom wajib tidak ada"),
        ("pegawai.xlsx", b"PK" + b"\x00" * (imports.MAX_UPLOAD_BYTES), "File terlalu besar"),
    ],
)
def test_a_file_that_cannot_be_used_gets_a_friendly_message_not_a_500(client, cast, name, content, message):
    client.force_login(cast.admin_opd)
    before = Pegawai.objects.count()
    response = upload(client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in file_error(response)
    assert "File belum dapat diimpor" in response.content.decode()
    assert Pegawai.objects.count() == before


def test_the_missing_columns_are_named(client, cast):
    client.force_login(cast.admin_opd)
    content = _xlsx_bytes([["NIP", "Nama", "Jabatan"], [nip_pns(1), "A", "B"]])
    response = upload(client, SimpleUploadedFile("p.xlsx", content))
    assert file_error(response) == (
        "Kolom wajib tidak ada: Status, Golongan, TMT. Gunakan template terbaru dari halaman ini."
    )


def test_no_file_is_asked_for_again(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert file_error(response) == "Pilih file yang akan diunggah terlebih dahulu."


# --- checking is not per-row queries ------------------------------------------------------------


def test_checking_a_large_file_runs_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    # 1,000 rows whose only fault is the date: jabatan, NIPs and accounts are looked up once for all.
    def raw(n: int) -> dict:
        nip = nip_pns(1 + n % 28, tmt=date(2000 + n // 28, 1, 1))
        return {
            "nip": nip,
            "nama": "X",
            "status": "PNS",
            "golongan": "III/a",
            "jabatan": "Pengadministrasi Perkantoran",
        }

    baris = [(n, raw(n) | {"mulai": "bukan tanggal"}) for n in range(2, 1002)]
    tabel = imports.Tabel(layout=imports.TEMPLATE, kolom={"mulai": "TMT"}, baris=baris)
    with django_assert_max_num_queries(6):  # jabatan, pegawai, users; the savepoint and its rollback
        hasil = imports.pegawai_import(actor=cast.admin_opd, tabel=tabel)
    assert len(hasil.errors) == 1000 and hasil.dibuat == 0


# --- reading values (no database) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2024, 1, 2, 0, 0), date(2024, 1, 2)),
        (date(2024, 1, 2), date(2024, 1, 2)),
        ("02-01-2024", date(2024, 1, 2)),
        ("2/1/2024", date(2024, 1, 2)),
        ("02.01.2024", date(2024, 1, 2)),
        ("2024-01-02", date(2024, 1, 2)),
        ("2024-01-02 00:00:00", date(2024, 1, 2)),
        ("'02-01-2024", date(2024, 1, 2)),
        (45293, date(2024, 1, 2)),  # an Excel serial number
        ("null", None),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_dates(value, expected):
    assert imports.parse_date(value) == expected


@pytest.mark.parametrize("value", ["31-02-2024", "2024/13/01", "kemarin", "02-01-24", "01-01-1800", -5])
def test_it_refuses_bad_dates(value):
    with pytest.raises(ValueError):
        imports.parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("III/a", "III/a"),
        ("iii/A", "III/a"),
        ("IIIa", "III/a"),
        ("III a", "III/a"),
        ("3/a", "III/a"),
        ("IV/e", "IV/e"),
        ("ix", "IX"),
        ("IV", "IV"),
        ("XVII", "XVII"),
        ("II/e", None),
        ("XVIII", None),
        ("", None),
    ],
)
def test_it_reads_golongan(value, expected):
    assert imports.parse_golongan(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 0),
        ("", 0),
        (4500000, 4_500_000),
        (4500000.0, 4_500_000),
        ("4500000", 4_500_000),
        ("4.500.000", 4_500_000),
        ("Rp 4.500.000,00", 4_500_000),
        ("4,500,000", 4_500_000),
        ("4500000,50", 4_500_001),
    ],
)
def test_it_reads_rupiah(value, expected):
    assert imports.parse_rupiah(value) == expected


@pytest.mark.parametrize("value", ["-5", "empat juta", "4.50.000", True])
def test_it_refuses_bad_rupiah(value):
    with pytest.raises(ValueError):
        imports.parse_rupiah(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", "01"), ("01", "01"), (1, "01"), ("71", "71"), ("101", "101"), ("aktif", "01"), ("9", None), ("x", None)],
)
def test_it_reads_kedudukan_hukum(value, expected):
    assert imports.parse_kedudukan(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("NIP BARU|NAMA|GELAR", "|"), ("nip,nama", ","), ("NIP;Nama;Status", ";"), ("NIP\tNama", "\t"), ("NIP", ",")],
)
def test_it_detects_the_csv_delimiter(line, expected):
    assert imports.detect_delimiter(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NIP BARU", "NIP BARU"),
        ("nip_baru", "NIP BARU"),
        (" Gol  Akhir Nama ", "GOL AKHIR NAMA"),
        ("Status (PNS/CPNS/PPPK)", "STATUS"),
        ("No. HP", "NO HP"),
        ("\ufeffPNS ID", "PNS ID"),
    ],
)
def test_it_normalises_headers(value, expected):
    assert imports.normalise_header(value) == expected


@pytest.mark.parametrize(("value", "expected"), [("0812-3456-7890", "081234567890"), (81234567890, "081234567890")])
def test_it_reads_phone_numbers(value, expected):
    assert imports.parse_no_hp(value) == expected
