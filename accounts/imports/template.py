"""The xlsx template that the pegawai import page offers for download (no database)."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy

from core import imports

from ..choices import Golongan, JenisPenempatan, StatusPegawai
from ..models import Jabatan
from .common import EXAMPLE_ROW, MAX_BARIS, SHEET_JABATAN, SHEET_PEGAWAI, TEMPLATE_COLUMNS

# --- the template (no database: the caller passes the jabatan) ----------------------------------

# (is a heading, text) lines of the Petunjuk sheet.
PETUNJUK: tuple[tuple[bool, Any], ...] = (
    (True, gettext_lazy("Cara mengisi template impor pegawai")),
    (False, ""),
    (False, gettext_lazy("1. Isi sheet Pegawai: satu baris untuk satu pegawai, mulai baris 3.")),
    (
        False,
        gettext_lazy(
            "   Baris 2 adalah contoh. Baris contoh boleh dihapus atau dibiarkan; baris itu tidak ikut diimpor."
        ),
    ),
    (False, gettext_lazy("   Jangan mengubah atau menghapus baris judul (baris 1).")),
    (False, gettext_lazy("2. Simpan file sebagai Excel (.xlsx), lalu unggah di halaman Impor Pegawai.")),
    (
        False,
        gettext_lazy(
            "3. Jika ada satu saja baris yang salah, TIDAK ADA data yang disimpan. Halaman impor menampilkan nomor "
            "baris dan alasannya. Perbaiki baris tersebut, lalu unggah lagi."
        ),
    ),
    (False, ""),
    (True, gettext_lazy("Isi setiap kolom")),
    (
        False,
        gettext_lazy(
            "NIP (wajib): 18 angka, spasi boleh. Kolom ini sudah berformat Teks. Jika NIP berubah menjadi "
            "1,98E+17, ketik ulang NIP dengan tanda petik (') di depannya."
        ),
    ),
    (False, gettext_lazy("Nama (wajib): nama tanpa gelar.")),
    (False, gettext_lazy("Gelar Depan, Gelar Belakang: misalnya Dr. atau S.Kom., M.Si. Boleh kosong.")),
    (
        False,
        gettext_lazy("Status (wajib): PNS, CPNS atau PPPK. Harus sesuai dengan NIP (NI PPPK berbeda dengan NIP PNS)."),
    ),
    (
        False,
        gettext_lazy(
            "Golongan (wajib): PNS/CPNS seperti III/a atau IV/b; PPPK angka Romawi I sampai XVII, misalnya IX."
        ),
    ),
    (
        False,
        gettext_lazy(
            "Kedudukan Hukum: kode SIASN, misalnya 01 Aktif, 02 CLTN, 03 Tugas Belajar, 71 PPPK Aktif, "
            "101 PPPK Paruh Waktu. Kosongkan untuk 01 (PNS/CPNS) atau 71 (PPPK)."
        ),
    ),
    (False, gettext_lazy("Gaji Dasar: rupiah, misalnya 4500000 atau 4.500.000. Boleh kosong.")),
    (False, gettext_lazy("Email dan No HP: boleh kosong.")),
    (
        False,
        gettext_lazy(
            "Jabatan (wajib): salin nama jabatan dari sheet Jabatan. Huruf besar atau kecil tidak berpengaruh."
        ),
    ),
    (
        False,
        gettext_lazy(
            "Jabatan ID: isi hanya jika ada beberapa jabatan dengan nama yang sama di unit berbeda. Ambil angka dari "
            "kolom ID di sheet Jabatan."
        ),
    ),
    (False, gettext_lazy("Jenis Penempatan: DEFINITIF, PLT atau PLH. Kosongkan untuk DEFINITIF.")),
    (
        False,
        gettext_lazy(
            "TMT (wajib): tanggal mulai menjabat, tulis tanggal-bulan-tahun, misalnya 02-01-2024, atau 2024-01-02."
        ),
    ),
    (False, gettext_lazy("Nomor SK: nomor SK penempatan. Boleh kosong.")),
    (False, ""),
    (True, gettext_lazy("Setelah impor")),
    (
        False,
        gettext_lazy(
            "Setiap pegawai baru mendapat akun dengan NIP sebagai nama pengguna, yang belum aktif. Setelah impor, "
            "unduh lembar kode aktivasi (PDF, sekali unduh) dan bagikan kodenya: pegawai mengetik NIP dan kodenya "
            "di halaman Aktivasi akun, lalu membuat kata sandinya sendiri."
        ),
    ),
    (
        False,
        gettext_lazy(
            "File Export Data ASN dari SIASN (.csv) juga dapat diunggah langsung, tanpa template ini. Nama jabatan "
            "di SIASN harus sama dengan nama jabatan di E-Kinerja."
        ),
    ),
)

_TEXT_COLUMNS = {"nip", "gelar_depan", "gelar_belakang", "status", "golongan", "kedudukan_hukum", "no_hp", "nomor_sk"}
_WIDTHS = {"nip": 22, "nama": 30, "jabatan": 40, "email": 26, "nomor_sk": 24, "jenis_penempatan": 18}
_HINTS = {
    "nip": "18 angka, format Teks",
    "status": "PNS, CPNS atau PPPK",
    "golongan": "III/a untuk PNS, IX untuk PPPK",
    "kedudukan_hukum": "Kosong = 01 (PNS) / 71 (PPPK)",
    "jabatan": "Salin dari sheet Jabatan",
    "jabatan_id": "Isi jika nama jabatan kembar",
    "jenis_penempatan": "DEFINITIF, PLT atau PLH",
    "mulai": "Tanggal mulai, mis. 02-01-2024",
}


def add_jabatan_sheet(wb, jabatan: Iterable[Jabatan], title: str = SHEET_JABATAN):
    """The reference sheet of the jabatan in scope (ID, name, unit, OPD) that a template's Jabatan
    column offers its names from; `jabatan` with `unit` and `opd` selected."""
    return imports.add_list_sheet(
        wb,
        title,
        (("ID", 8), ("Nama Jabatan", 48), ("Unit Kerja", 36), ("OPD", 40)),
        ((j.pk, j.nama, j.unit.nama, j.opd.nama) for j in jabatan),
    )


def template_xlsx(jabatan: Iterable[Jabatan]) -> bytes:
    """The import template: sheet Pegawai (header, example row, dropdowns), Petunjuk, Jabatan in scope.

    `jabatan` should come with `unit` and `opd` selected, so that building the file runs no query.
    """
    jabatan = list(jabatan)
    example = dict(EXAMPLE_ROW)
    if jabatan:
        example["jabatan"] = jabatan[0].nama
    text = dict.fromkeys(_TEXT_COLUMNS, "@")
    wb, ws, letters = imports.new_template(
        SHEET_PEGAWAI,
        TEMPLATE_COLUMNS,
        example,
        widths=_WIDTHS,
        hints=_HINTS,
        column_formats={**text, "mulai": "DD-MM-YYYY"},
        example_formats={**text, "mulai": "DD-MM-YYYY", "gaji_dasar": "#,##0"},
    )

    last = MAX_BARIS + 1
    dropdowns = {
        "status": StatusPegawai.values,
        "golongan": Golongan.values,
        "jenis_penempatan": JenisPenempatan.values,
    }
    for name, options in dropdowns.items():
        imports.add_choice_list(ws, f"{letters[name]}2:{letters[name]}{last}", options)
    # Jabatan names are offered from the Jabatan sheet, but typing is allowed (names may repeat).
    imports.add_reference_list(ws, f"{letters['jabatan']}2:{letters['jabatan']}{last}", SHEET_JABATAN, len(jabatan))

    imports.add_petunjuk_sheet(wb, PETUNJUK)
    add_jabatan_sheet(wb, jabatan)
    return imports.workbook_bytes(wb)
