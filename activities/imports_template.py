"""The xlsx template the catalog import page offers for download (no database)."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy

from accounts.imports.template import add_jabatan_sheet
from accounts.models import Jabatan, UnitKerja
from core import imports as base

from .choices import LingkupKatalog
from .imports_rows import (
    COLUMNS,
    EXAMPLE_ROW,
    MAX_BARIS,
    MENIT_MAX,
    MENIT_MIN,
    SHEET_JABATAN,
    SHEET_KATALOG,
    SHEET_UNIT,
)

# --- the template (no database: the caller passes what is in scope) -----------------------------

PETUNJUK: tuple[tuple[bool, Any], ...] = (
    (True, gettext_lazy("Cara mengisi template impor katalog kegiatan")),
    (False, ""),
    (False, gettext_lazy("1. Isi sheet Katalog: satu baris untuk satu kegiatan, mulai baris 3.")),
    (
        False,
        gettext_lazy(
            "   Baris 2 adalah contoh. Baris contoh boleh dihapus atau dibiarkan; baris itu tidak ikut diimpor."
        ),
    ),
    (False, gettext_lazy("   Jangan mengubah atau menghapus baris judul (baris 1).")),
    (False, gettext_lazy("2. Simpan file sebagai Excel (.xlsx), lalu unggah di halaman Impor Katalog Kegiatan.")),
    (
        False,
        gettext_lazy(
            "3. Jika ada satu saja baris yang salah, TIDAK ADA kegiatan yang disimpan. Halaman impor menampilkan "
            "nomor baris dan alasannya. Perbaiki baris tersebut, lalu unggah lagi."
        ),
    ),
    (False, ""),
    (True, gettext_lazy("Isi setiap kolom")),
    (
        False,
        gettext_lazy("Nama Kegiatan (wajib): nama kegiatan seperti yang dipilih pegawai, paling panjang 250 huruf."),
    ),
    (False, gettext_lazy("Satuan (wajib): satuan hasil kerja, misalnya surat, dokumen, laporan, berkas.")),
    (
        False,
        gettext_lazy(
            "Menit per Satuan (wajib): waktu standar untuk menghasilkan satu satuan, bilangan bulat 1 sampai 480."
        ),
    ),
    (
        False,
        gettext_lazy(
            "Berlaku Untuk: JABATAN (hanya pemegang satu jabatan), UNIT (semua pegawai di satu unit kerja dan unit "
            "di bawahnya) atau PEMDA (seluruh pegawai pemda; hanya BKPSDM/HR pemda)."
        ),
    ),
    (
        False,
        gettext_lazy(
            "Jabatan: untuk JABATAN, salin nama jabatan dari sheet Jabatan, atau tulis angka ID-nya. Jika ada "
            "beberapa jabatan dengan nama yang sama, tulis ID-nya."
        ),
    ),
    (
        False,
        gettext_lazy(
            "Unit: untuk UNIT, salin nama unit kerja dari sheet Unit, atau tulis angka ID-nya. Untuk JABATAN boleh "
            "diisi nama unitnya agar jabatan bernama sama dapat dibedakan."
        ),
    ),
    (False, gettext_lazy("Untuk PEMDA, kosongkan kolom Jabatan dan Unit.")),
    (False, ""),
    (True, gettext_lazy("Setelah impor")),
    (
        False,
        gettext_lazy(
            "Kegiatan langsung aktif dan dapat dipilih pegawai. Mengubah atau menonaktifkan kegiatan dilakukan di "
            "halaman Katalog Kegiatan; kegiatan yang sudah ada tidak diimpor dua kali."
        ),
    ),
)
_WIDTHS = {"nama": 50, "satuan": 16, "menit": 18, "lingkup": 18, "jabatan": 40, "unit": 32}
_TEXT_COLUMNS = {"nama", "satuan", "lingkup", "jabatan", "unit"}


def template_xlsx(jabatan: Iterable[Jabatan], units: Iterable[UnitKerja], *, may_pemda: bool) -> bytes:
    """The import template: sheet Katalog (header, example row, dropdowns), Petunjuk, and the jabatan
    and units in scope on sheets Jabatan and Unit.

    `jabatan` should come with `unit` and `opd` selected and `units` with `parent` and `opd`, so
    that building the file runs no query.
    """
    jabatan, units = list(jabatan), list(units)
    example = dict(EXAMPLE_ROW)
    if jabatan:
        example["jabatan"] = jabatan[0].nama
    wb, ws, letters = base.new_template(
        SHEET_KATALOG, COLUMNS, example, widths=_WIDTHS, column_formats=dict.fromkeys(_TEXT_COLUMNS, "@")
    )

    last = MAX_BARIS + 1
    choices = [c for c in LingkupKatalog.values if may_pemda or c != LingkupKatalog.PEMDA]
    base.add_choice_list(ws, f"{letters['lingkup']}2:{letters['lingkup']}{last}", choices)
    base.add_validation(
        ws,
        f"{letters['menit']}2:{letters['menit']}{last}",
        type="whole",
        operator="between",
        formula1=str(MENIT_MIN),
        formula2=str(MENIT_MAX),
        error=str(gettext_lazy("Isi bilangan bulat 1 sampai 480.")),
    )
    # Names are offered from the reference sheets, but typing is allowed (an ID, or a repeated name).
    for name, sheet, count in (("jabatan", SHEET_JABATAN, len(jabatan)), ("unit", SHEET_UNIT, len(units))):
        base.add_reference_list(ws, f"{letters[name]}2:{letters[name]}{last}", sheet, count)

    base.add_petunjuk_sheet(wb, PETUNJUK)
    add_jabatan_sheet(wb, jabatan, SHEET_JABATAN)
    base.add_list_sheet(
        wb,
        SHEET_UNIT,
        (("ID", 8), ("Nama Unit", 44), ("Unit Induk", 36), ("OPD", 40)),
        ((u.pk, u.nama, u.parent.nama if u.parent_id else "", u.opd.nama if u.opd_id else u.nama) for u in units),
    )
    return base.workbook_bytes(wb)
