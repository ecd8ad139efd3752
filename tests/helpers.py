"""Small builders shared by the test modules."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_upload(rows: list[dict], headers: list[str], *, name: str, sheet: str) -> SimpleUploadedFile:
    """An uploaded xlsx with one sheet: a header row, then each row's values in header order."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


# The pages each persona of tests/conftest.py opens (GET, no arguments): swept for accessibility
# in the browser and for bad input without it.
PAGES = {
    "pegawai": [
        "aktivitas:tambah",
        "aktivitas:kalender",
        "aktivitas:rekap",
        "presensi:saya",
        "presensi:permohonan_list",
        "presensi:permohonan_create",
        "password_change",
        "pengingat",
        "skp:saya",
        "skp:buat",
        "skp:pohon",
        "tpp:rincian_saya",
    ],
    "atasan": ["aktivitas:antrean_verifikasi", "presensi:permohonan_antrean", "skp:penilaian_grid"],
    "admin_opd": [
        "org:pegawai_list",
        "org:pegawai_create",
        "org:jabatan_list",
        "org:jabatan_create",
        "org:unit_list",
        "org:unit_create",
        "org:penempatan_list",
        "org:penempatan_create",
        "org:impor",
        "aktivitas:katalog_list",
        "aktivitas:katalog_create",
        "aktivitas:katalog_impor",
        "aktivitas:dispensasi_list",
        "aktivitas:dispensasi_create",
        "aktivitas:rekap_unit",
        "presensi:pin_list",
        "presensi:pin_create",
        "presensi:rekap_unit",
        "presensi:kumulatif",
        "presensi:kejadian_create",
        "tpp:uang_makan",
        "tpp:bulan",
        "tpp:baris_list",
        "skp:sebaran",
    ],
    "hr": [
        "aktivitas:gangguan_list",
        "aktivitas:gangguan_create",
        "presensi:libur_list",
        "presensi:libur_create",
        "presensi:libur_impor",
        "presensi:jadwal_list",
        "presensi:jadwal_create",
        "presensi:token_list",
        "skp:pengaturan",
        "tpp:bulan",
        "tpp:baris_list",
        "tpp:aturan_list",
        "tpp:aturan_create",
        "tpp:hukdis_list",
        "tpp:hukdis_create",
        "skp:sebaran",
    ],
}
