"""Import catalog items (KegiatanKatalog) from an xlsx template (issue 4): all or nothing.

Reading the file and checking each row's values touch no database (`read_katalog`, `parse_rows`,
`template_xlsx`); the file-level pieces are `core.imports`. `katalog_import` then loads the jabatan
and units in the actor's scope once, resolves every row, and writes the rows through
`services_admin.katalog_save` in ONE transaction, or nothing at all: a file with any bad row imports
nothing and lists each bad row as "Baris N: kolom: alasan".

The parts: `imports_rows` (the columns and each row's values), `imports_write` (the scope, the
duplicates and the write), `imports_template` (the template); this module reads the file.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import imports as base

from .imports_rows import (
    _ANCHORS,
    _LABELS,
    _MAPPING,
    _REQUIRED,
    MAX_BARIS,  # read here at call time: the tests lower it on this module
    SHEET_KATALOG,
    is_example,
)

WRONG_TYPE = gettext_lazy(
    "Jenis file tidak dapat diimpor. Unggah file Excel (.xlsx) dari template katalog, atau file CSV (.csv)."
)


def read_katalog(nama: str, data: bytes) -> base.Tabel:
    """Read the catalog template (.xlsx, sheet Katalog) or a .csv with the same columns into a Tabel.

    Raises ValidationError with a message for the clerk when the file cannot be used at all.
    """
    rows = base.read_rows(nama, data, sheet=SHEET_KATALOG, max_rows=MAX_BARIS, wrong_type=str(WRONG_TYPE))
    header_at = base.header_at(
        rows,
        _ANCHORS,
        not_found=_(
            "Baris judul dengan kolom Nama Kegiatan tidak ditemukan. Gunakan template dari halaman ini dan "
            "jangan ubah baris judulnya."
        ),
    )
    index, kolom = base.map_columns(rows[header_at][1], _MAPPING)
    missing = [_LABELS[n] for n in _REQUIRED if n not in index]
    if not {"lingkup", "jabatan", "unit"} & index.keys():
        missing.append(_LABELS["lingkup"])
    base.require_columns(missing)
    baris = base.data_rows(
        rows,
        header_at,
        index,
        skip=is_example,
        empty=_("File tidak berisi kegiatan: hanya ada baris judul dan contoh."),
    )
    if len(baris) > MAX_BARIS:
        raise ValidationError(
            _("File berisi lebih dari %(n)s baris kegiatan. Bagi menjadi beberapa file, lalu unggah satu per satu.")
            % {"n": f"{MAX_BARIS:,}".replace(",", ".")},
            code="rows",
        )
    return base.Tabel(layout="katalog", kolom=kolom, baris=baris)
