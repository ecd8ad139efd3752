"""The import pipeline every upload of rows goes through, whatever the rows are (issues 3, 4, 5).

- `reading`: an .xlsx or .csv into rows, refused as a whole with a message for the clerk when it
  cannot be used (type, size, unreadable, too many rows); the header found and its columns mapped.
- `cells`: one cell as text, a name to compare, a date.
- `results`: a row's errors (`BarisError`, or `DaftarError` for files that may fail on every line),
  the table read (`Tabel`) and the outcome (`HasilImpor`).
- `write`: every row saved through the app's service in one transaction, or none
  (`write_all_or_nothing`), and the upload a background import reads (`stored_upload`).
- `template`: the pieces of an xlsx template (header and example row, dropdowns, instructions and
  reference sheets).

What the columns mean, how a row is checked against the database and which service writes it stay
with each app (accounts: pegawai; activities: the catalog; attendance: holidays and punches).
"""

from .cells import cell_text, name_key, normalise_header, parse_date
from .reading import (
    HEADER_SEARCH,
    MAX_UPLOAD_BYTES,
    UPLOAD_TYPES,
    check_upload,
    data_rows,
    detect_delimiter,
    extension,
    header_at,
    locate_header,
    map_columns,
    read_rows,
    require_columns,
    row_cells,
    too_many_rows,
)
from .results import BarisError, DaftarError, HasilImpor, Tabel
from .template import (
    SHEET_PETUNJUK,
    add_choice_list,
    add_list_sheet,
    add_petunjuk_sheet,
    add_reference_list,
    add_validation,
    new_template,
    style_header,
    workbook_bytes,
    write_header,
)
from .write import PROGRESS_EVERY, column_order, service_errors, stored_upload, write_all_or_nothing

__all__ = [
    "HEADER_SEARCH",
    "MAX_UPLOAD_BYTES",
    "PROGRESS_EVERY",
    "SHEET_PETUNJUK",
    "UPLOAD_TYPES",
    "BarisError",
    "DaftarError",
    "HasilImpor",
    "Tabel",
    "add_choice_list",
    "add_list_sheet",
    "add_petunjuk_sheet",
    "add_reference_list",
    "add_validation",
    "cell_text",
    "check_upload",
    "column_order",
    "data_rows",
    "detect_delimiter",
    "extension",
    "header_at",
    "locate_header",
    "map_columns",
    "name_key",
    "new_template",
    "normalise_header",
    "parse_date",
    "read_rows",
    "require_columns",
    "row_cells",
    "service_errors",
    "stored_upload",
    "style_header",
    "too_many_rows",
    "workbook_bytes",
    "write_all_or_nothing",
    "write_header",
]
