"""Import pegawai with their first posting: the project's xlsx template or SIASN's "Export Data ASN".

Two layers. Reading a file and checking each row's values touch no database (`check_upload`,
`read_table`, `parse_rows`, `template_xlsx`). `pegawai_import` then loads the jabatan in the
actor's scope once, checks every row against the database, and writes every row through
`services.pegawai_create` in ONE transaction, or nothing at all (issue 3: a file with any bad row
imports nothing and lists each bad row with its reason).

The file-level pieces (`check_upload`, `read_rows`, `locate_header`, `map_columns`, `row_cells`,
`cell_text`, `parse_date`, `BarisError`, `HasilImpor` and the template sheet helpers) know nothing of
pegawai: other imports (the activity catalog) build on them.
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
from .reading import (
    UPLOAD_TYPES,
    check_upload,
    detect_delimiter,
    locate_header,
    map_columns,
    normalise_header,
    read_rows,
    read_table,
    row_cells,
)
from .rows import _key as name_key
from .rows import _text as cell_text
from .rows import parse_date, parse_golongan, parse_kedudukan, parse_no_hp, parse_rows, parse_rupiah
from .template import add_list_sheet, add_petunjuk_sheet, style_header, template_xlsx
from .write import INLINE_ROWS, lembar_impor, pegawai_import, pegawai_import_job

__all__ = [
    "EXAMPLE_ROW",
    "INLINE_ROWS",
    "MAX_BARIS",
    "MAX_UPLOAD_BYTES",
    "TEMPLATE",
    "TEMPLATE_HEADERS",
    "UPLOAD_TYPES",
    "BarisError",
    "HasilImpor",
    "Tabel",
    "add_list_sheet",
    "add_petunjuk_sheet",
    "cell_text",
    "check_upload",
    "detect_delimiter",
    "locate_header",
    "map_columns",
    "lembar_impor",
    "name_key",
    "normalise_header",
    "parse_date",
    "parse_golongan",
    "parse_kedudukan",
    "parse_no_hp",
    "parse_rows",
    "parse_rupiah",
    "pegawai_import",
    "pegawai_import_job",
    "read_rows",
    "read_table",
    "row_cells",
    "style_header",
    "template_xlsx",
]
