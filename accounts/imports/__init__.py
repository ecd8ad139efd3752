"""Import pegawai with their first posting: the project's xlsx template or SIASN's "Export Data ASN".

Two layers. Reading a file and checking each row's values touch no database (`check_upload`,
`read_table`, `parse_rows`, `template_xlsx`). `pegawai_import` then loads the jabatan in the
actor's scope once, checks every row against the database, and writes every row through
`services.pegawai_create` in ONE transaction, or nothing at all (issue 3: a file with any bad row
imports nothing and lists each bad row with its reason).

The pipeline itself (reading a file, the header and columns, the row errors, the all-or-nothing
write, the template's pieces) is `core.imports`; this package holds what is pegawai's: the two
layouts and their columns, the row checks, the jabatan lookup and the service call. The result
types, the upload limit and the cell readers the pegawai tests exercise are re-exported here.
"""

from core.imports import (
    MAX_UPLOAD_BYTES,
    BarisError,
    HasilImpor,
    detect_delimiter,
    normalise_header,
    parse_date,
)

from .common import EXAMPLE_ROW, MAX_BARIS, TEMPLATE, TEMPLATE_HEADERS, Tabel
from .reading import check_upload, read_table
from .rows import parse_golongan, parse_kedudukan, parse_no_hp, parse_rows, parse_rupiah
from .template import template_xlsx
from .write import INLINE_ROWS, lembar_impor, pegawai_import, pegawai_import_job, pesan_diperbarui

__all__ = [
    "EXAMPLE_ROW",
    "INLINE_ROWS",
    "MAX_BARIS",
    "MAX_UPLOAD_BYTES",
    "TEMPLATE",
    "TEMPLATE_HEADERS",
    "BarisError",
    "HasilImpor",
    "Tabel",
    "check_upload",
    "detect_delimiter",
    "lembar_impor",
    "normalise_header",
    "parse_date",
    "parse_golongan",
    "parse_kedudukan",
    "parse_no_hp",
    "parse_rows",
    "parse_rupiah",
    "pegawai_import",
    "pegawai_import_job",
    "pesan_diperbarui",
    "read_table",
    "template_xlsx",
]
