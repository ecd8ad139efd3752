"""Import pegawai with their first posting: the project's xlsx template or SIASN's "Export Data ASN".

Two layers. Reading a file and checking each row's values touch no database (`check_upload`,
`read_table`, `parse_rows`, `template_xlsx`). `pegawai_import` then loads the jabatan in the
actor's scope once, checks every row against the database, and writes every row through
`services.pegawai_create` in ONE transaction, or nothing at all (issue 3: a file with any bad row
imports nothing and lists each bad row with its reason).
"""

from .common import (
    EXAMPLE_ROW,
    MAX_BARIS,
    MAX_UPLOAD_BYTES,
    TEMPLATE,
    TEMPLATE_HEADERS,
    BarisError,
    HasilImpor,
    Tabel,
)
from .reading import check_upload, detect_delimiter, normalise_header, read_table
from .rows import parse_date, parse_golongan, parse_kedudukan, parse_no_hp, parse_rows, parse_rupiah
from .template import template_xlsx
from .write import INLINE_ROWS, pegawai_import, pegawai_import_job, upload_store

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
    "normalise_header",
    "parse_date",
    "parse_golongan",
    "parse_kedudukan",
    "parse_no_hp",
    "parse_rows",
    "parse_rupiah",
    "pegawai_import",
    "pegawai_import_job",
    "read_table",
    "template_xlsx",
    "upload_store",
]
