"""Reading an uploaded .xlsx or .csv into rows, and finding its header and columns (no database).

Every import (pegawai, activity catalog, holidays, punches in a spreadsheet) reads its file here;
what the columns mean is the importing app's business.
"""

import csv
import io
import logging
import warnings
import zipfile
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .cells import cell_text, normalise_header

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_TYPES = (".xlsx", ".csv")
MAX_SCAN = 50_000  # physical rows read before giving up (Excel keeps formatted empty rows)
HEADER_SEARCH = 10  # the header may sit below a title row or two
# A zip bomb (issue 15): an .xlsx is a zip archive, and a few kilobytes can unpack to gigabytes.
# Checked from the archive's directory before openpyxl unpacks anything. A real 5 MB workbook of
# 50,000 rows unpacks to well under 100 MB, its sheets at ratios of 10–30.
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024  # all members together
MAX_XLSX_RATIO = 100  # uncompressed / compressed, for a member above RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_XLSX_MEMBERS = 2000


def extension(nama: str) -> str:
    """`Data.XLSX` → `.xlsx`; "" when the file name has none."""
    nama = (nama or "").lower().strip()
    return nama[nama.rfind(".") :] if "." in nama.rsplit("/", 1)[-1] else ""


def check_upload(nama: str, size: int, *, allowed: Collection[str] = UPLOAD_TYPES, wrong_type: str = "") -> None:
    """Refuse a file by its name and size before reading it; `wrong_type` is the message for another
    extension (each import names its own files)."""
    ext = extension(nama)
    if ext == ".xls":
        raise ValidationError(
            _(
                "File .xls (Excel 97–2003) belum dapat dibaca. Buka file di Excel, pilih Simpan Sebagai "
                "(Save As) → Excel Workbook (.xlsx), lalu unggah file .xlsx tersebut."
            ),
            code="xls",
        )
    if ext not in allowed:
        raise ValidationError(
            wrong_type or _("Jenis file tidak dapat diimpor. Unggah file Excel (.xlsx) atau CSV (.csv)."),
            code="extension",
        )
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("File terlalu besar (%(mb).1f MB). Ukuran paling besar %(max)d MB; bagi data menjadi beberapa file.")
            % {"mb": size / 1024 / 1024, "max": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="size",
        )


def read_rows(
    nama: str,
    data: bytes,
    *,
    max_rows: int,
    sheet: str = "",
    allowed: Collection[str] = UPLOAD_TYPES,
    wrong_type: str = "",
) -> list[tuple[int, tuple]]:
    """The non-empty rows of an upload as (row number as Excel shows it, cell values), no database.

    An .xlsx is read from the sheet named `sheet` (else its first sheet); a .csv with its delimiter
    detected. Raises ValidationError with a message for the clerk when the file cannot be used at all
    (wrong type, too big, unreadable, more than `max_rows` data rows).
    """
    check_upload(nama, len(data), allowed=allowed, wrong_type=wrong_type)
    if extension(nama) == ".xlsx":
        return _xlsx_rows(data, sheet=sheet, max_rows=max_rows)
    return _csv_rows(data, max_rows=max_rows)


def too_many_rows(max_rows: int) -> ValidationError:
    return ValidationError(
        _("File berisi lebih dari %(n)s baris data. Bagi menjadi beberapa file, lalu unggah satu per satu.")
        % {"n": f"{max_rows:,}".replace(",", ".")},
        code="rows",
    )


def _not_empty(values: Iterable[Any]) -> bool:
    return any(cell_text(v) for v in values)


def _xlsx_rows(data: bytes, *, sheet: str, max_rows: int) -> list[tuple[int, tuple]]:
    if data[:4] == b"\xd0\xcf\x11\xe0":  # an OLE2 .xls renamed to .xlsx
        raise ValidationError(
            _("File ini berformat Excel lama (.xls) walau namanya .xlsx. Simpan ulang sebagai Excel Workbook (.xlsx)."),
            code="xls",
        )
    unreadable = ValidationError(
        _(
            "File ini tidak dapat dibuka sebagai file Excel (.xlsx). Mungkin file rusak, atau bukan file Excel "
            "yang diganti namanya. Unduh template dari halaman ini, isi, simpan sebagai .xlsx, lalu unggah lagi."
        ),
        code="unreadable",
    )
    if data[:2] != b"PK":  # every .xlsx is a zip archive
        raise unreadable
    check_zip(data, unreadable=unreadable)
    rows: list[tuple[int, tuple]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                ws = wb[sheet] if sheet in wb.sheetnames else wb.worksheets[0]
                for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    if n > MAX_SCAN:
                        raise too_many_rows(max_rows)
                    if _not_empty(values):
                        rows.append((n, values))
                        if len(rows) > max_rows + HEADER_SEARCH:
                            raise too_many_rows(max_rows)
            finally:
                wb.close()
    except ValidationError:
        raise
    except Exception as exc:  # an upload is untrusted: any failure to read it is the file's fault, never a 500
        logger.info("import: unreadable xlsx: %r", exc)
        raise unreadable from None
    return rows


def check_zip(data: bytes, *, unreadable: ValidationError) -> None:
    """Refuse an archive that would unpack too large, by the sizes its directory declares (zipfile
    never returns more than a member's declared size: a member that lies fails its CRC instead)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise unreadable from None
    total = sum(m.file_size for m in members)
    bomb = (
        len(members) > MAX_XLSX_MEMBERS
        or total > MAX_XLSX_UNCOMPRESSED
        or any(m.file_size > RATIO_FROM and m.file_size > MAX_XLSX_RATIO * max(m.compress_size, 1) for m in members)
    )
    if bomb:
        logger.warning("import: xlsx refused as a zip bomb (%d members, %d bytes unpacked)", len(members), total)
        raise ValidationError(
            _(
                "File Excel ini tidak dapat dibaca: isinya menjadi terlalu besar saat dibuka (lebih dari %(max)d MB, "
                "atau dipadatkan secara tidak wajar). Buka file di Excel, simpan ulang sebagai .xlsx, atau bagi "
                "data menjadi beberapa file, lalu unggah lagi."
            )
            % {"max": MAX_XLSX_UNCOMPRESSED // (1024 * 1024)},
            code="zip",
        )


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def detect_delimiter(header_line: str) -> str:
    """SIASN writes `|` (recent) or `,` (older); Excel in an Indonesian locale saves CSV with `;`."""
    counts = {d: header_line.count(d) for d in ("|", ";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(data: bytes, *, max_rows: int) -> list[tuple[int, tuple]]:
    if data[:2] == b"PK" or b"\x00" in data[:4096]:
        raise ValidationError(
            _("File ini bukan file CSV berisi teks. Jika ini file Excel, simpan sebagai .xlsx lalu unggah lagi."),
            code="unreadable",
        )
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first))
    rows: list[tuple[int, tuple]] = []
    try:
        for n, record in enumerate(reader, start=1):
            if _not_empty(record):
                rows.append((n, tuple(record)))
                if len(rows) > max_rows + HEADER_SEARCH:
                    raise too_many_rows(max_rows)
    except csv.Error as exc:
        logger.info("import: unreadable csv: %r", exc)
        raise ValidationError(
            _("File CSV ini tidak dapat dibaca: susunan kolomnya rusak."), code="unreadable"
        ) from None
    return rows


# --- the header and the columns ------------------------------------------------------------------


def locate_header(rows: list[tuple[int, tuple]], anchors: Collection[str]) -> int | None:
    """Where the header is in `rows` (it may sit below a title row or two): the first of the first
    rows holding one of the `anchors` (normalised headers), or None."""
    for i, (_n, values) in enumerate(rows[:HEADER_SEARCH]):
        if any(normalise_header(v) in anchors for v in values):
            return i
    return None


def map_columns(header: tuple, mapping: Mapping[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """Read a header row with `mapping` (normalised header → field): each field's column index, and
    its header as written in the file (for error messages). A repeated column: the first one counts."""
    index: dict[str, int] = {}
    kolom: dict[str, str] = {}
    for i, value in enumerate(header):
        name = mapping.get(normalise_header(value))
        if name and name not in index:
            index[name] = i
            kolom[name] = cell_text(value)
    return index, kolom


def row_cells(values: tuple, index: Mapping[str, int]) -> dict[str, Any]:
    """One data row as field → raw cell value (None where the row is shorter than the header)."""
    return {name: (values[i] if i < len(values) else None) for name, i in index.items()}


def header_at(rows: list[tuple[int, tuple]], anchors: Collection[str], *, not_found: str) -> int:
    """`locate_header`, or a ValidationError with the import's own `not_found` message."""
    found = locate_header(rows, anchors)
    if found is None:
        raise ValidationError(not_found, code="header")
    return found


def require_columns(missing: list[str], *, template_hint: bool = True) -> None:
    """Refuse a file whose header lacks required columns (`missing`: their headers)."""
    if not missing:
        return
    if template_hint:
        message = _("Kolom wajib tidak ada: %(kolom)s. Gunakan template terbaru dari halaman ini.")
    else:
        message = _("Kolom wajib tidak ada: %(kolom)s.")
    raise ValidationError(message % {"kolom": ", ".join(missing)}, code="columns")


def data_rows(rows: list[tuple[int, tuple]], at: int, index: Mapping[str, int], *, empty: str, skip=None) -> list:
    """The rows below the header at `at` as (row number, field → raw value), without the rows `skip`
    says are not data (an example row); a ValidationError with the `empty` message when none is left."""
    baris = []
    for n, values in rows[at + 1 :]:
        raw = row_cells(values, index)
        if skip is None or not skip(raw):
            baris.append((n, raw))
    if not baris:
        raise ValidationError(empty, code="empty")
    return baris
