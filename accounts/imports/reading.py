"""Reading an uploaded file into a Tabel (no database): xlsx template or SIASN csv."""

import csv
import io
import re
import warnings
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .common import (
    _HEADER_SEARCH,
    _MAX_SCAN,
    _REQUIRED,
    _TEMPLATE_ALIASES,
    EXAMPLE_ROW,
    MAX_BARIS,
    MAX_UPLOAD_BYTES,
    SHEET_PEGAWAI,
    SIASN,
    SIASN_COLUMNS,
    TEMPLATE,
    TEMPLATE_COLUMNS,
    Tabel,
    logger,
)
from .rows import _text

# --- reading a file (no database) ---------------------------------------------------------------


def _extension(nama: str) -> str:
    nama = (nama or "").lower().strip()
    return nama[nama.rfind(".") :] if "." in nama else ""


UPLOAD_TYPES = (".xlsx", ".csv")


def check_upload(nama: str, size: int, *, allowed: Collection[str] = UPLOAD_TYPES, wrong_type: str = "") -> None:
    """Refuse a file by its name and size before reading it.

    `allowed` and `wrong_type` (the message for another extension) let other imports (the activity
    catalog) reuse this check; the defaults are the pegawai import's.
    """
    ext = _extension(nama)
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
            wrong_type
            or _(
                "Jenis file tidak dapat diimpor. Unggah file Excel (.xlsx) dari template, atau file CSV (.csv) SIASN."
            ),
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
    sheet: str = SHEET_PEGAWAI,
    max_rows: int = MAX_BARIS,
    allowed: Collection[str] = UPLOAD_TYPES,
    wrong_type: str = "",
) -> list[tuple[int, tuple]]:
    """The non-empty rows of an upload as (row number as Excel shows it, cell values), no database.

    An .xlsx is read from the sheet named `sheet` (else its first sheet); a .csv with its delimiter
    detected. Raises ValidationError with a message for the clerk when the file cannot be used at all
    (wrong type, too big, unreadable, more than `max_rows` data rows).
    """
    check_upload(nama, len(data), allowed=allowed, wrong_type=wrong_type)
    if _extension(nama) == ".xlsx":
        return _xlsx_rows(data, sheet=sheet, max_rows=max_rows)
    return _csv_rows(data, max_rows=max_rows)


def read_table(nama: str, data: bytes) -> Tabel:
    """Read the template (.xlsx) or a SIASN export (.csv, pipe/comma/semicolon) into a Tabel.

    Raises ValidationError with a message for the clerk when the file cannot be used at all.
    """
    return _tabulate(read_rows(nama, data))


def _too_many_rows(max_rows: int = MAX_BARIS) -> ValidationError:
    return ValidationError(
        _("File berisi lebih dari %(n)s baris data. Bagi menjadi beberapa file, lalu unggah satu per satu.")
        % {"n": f"{max_rows:,}".replace(",", ".")},
        code="rows",
    )


def _not_empty(values: Iterable[Any]) -> bool:
    return any(_text(v) for v in values)


def _xlsx_rows(data: bytes, *, sheet: str = SHEET_PEGAWAI, max_rows: int = MAX_BARIS) -> list[tuple[int, tuple]]:
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
    rows: list[tuple[int, tuple]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                ws = wb[sheet] if sheet in wb.sheetnames else wb.worksheets[0]
                for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    if n > _MAX_SCAN:
                        raise _too_many_rows(max_rows)
                    if _not_empty(values):
                        rows.append((n, values))
                        if len(rows) > max_rows + _HEADER_SEARCH:
                            raise _too_many_rows(max_rows)
            finally:
                wb.close()
    except ValidationError:
        raise
    except Exception as exc:  # an upload is untrusted: any failure to read it is the file's fault, never a 500
        logger.info("import: unreadable xlsx: %r", exc)
        raise unreadable from None
    return rows


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


def _csv_rows(data: bytes, *, max_rows: int = MAX_BARIS) -> list[tuple[int, tuple]]:
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
                if len(rows) > max_rows + _HEADER_SEARCH:
                    raise _too_many_rows(max_rows)
    except csv.Error as exc:
        logger.info("import: unreadable csv: %r", exc)
        raise ValidationError(
            _("File CSV ini tidak dapat dibaca: susunan kolomnya rusak."), code="unreadable"
        ) from None
    return rows


def normalise_header(value: Any) -> str:
    """`Status (PNS/CPNS/PPPK)`, `nip_baru`, ` Gol  Akhir Nama ` → `STATUS`, `NIP BARU`, `GOL AKHIR NAMA`."""
    text = re.sub(r"\(.*?\)", " ", _text(value))
    return re.sub(r"[\s_\-.*:]+", " ", text).strip().upper()


def _header_map(layout: str) -> dict[str, str]:
    if layout == SIASN:
        return {header: name for name, header in SIASN_COLUMNS.items()}
    mapping = {normalise_header(header): name for name, header in TEMPLATE_COLUMNS}
    mapping.update(_TEMPLATE_ALIASES)
    return mapping


def locate_header(rows: list[tuple[int, tuple]], anchors: Collection[str]) -> int | None:
    """Where the header is in `rows` (it may sit below a title row or two): the first of the first
    rows holding one of the `anchors` (normalised headers), or None."""
    for i, (_n, values) in enumerate(rows[:_HEADER_SEARCH]):
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
            kolom[name] = _text(value)
    return index, kolom


def row_cells(values: tuple, index: Mapping[str, int]) -> dict[str, Any]:
    """One data row as field → raw cell value (None where the row is shorter than the header)."""
    return {name: (values[i] if i < len(values) else None) for name, i in index.items()}


def _tabulate(rows: list[tuple[int, tuple]]) -> Tabel:
    header_at = locate_header(rows, {"NIP", "NIP BARU"})
    if header_at is None:
        raise ValidationError(
            _(
                "Baris judul dengan kolom NIP tidak ditemukan. Gunakan template dari halaman ini (jangan ubah baris "
                "judulnya) atau file Export Data ASN dari SIASN."
            ),
            code="header",
        )
    headers = [normalise_header(v) for v in rows[header_at][1]]
    layout = SIASN if "NIP BARU" in headers else TEMPLATE
    index, kolom = map_columns(rows[header_at][1], _header_map(layout))
    required = list(_REQUIRED[layout])
    missing = [n for n in required if n not in index]
    if layout == TEMPLATE and "jabatan" not in index and "jabatan_id" not in index:
        missing.append("jabatan")
    if missing:
        labels = dict(TEMPLATE_COLUMNS) if layout == TEMPLATE else SIASN_COLUMNS
        raise ValidationError(
            _("Kolom wajib tidak ada: %(kolom)s. Gunakan template terbaru dari halaman ini.")
            % {"kolom": ", ".join(labels[n] for n in missing)},
            code="columns",
        )
    baris = []
    for n, values in rows[header_at + 1 :]:
        raw = row_cells(values, index)
        if layout == TEMPLATE and _is_example(raw):
            continue
        baris.append((n, raw))
    if not baris:
        raise ValidationError(_("File tidak berisi data pegawai: hanya ada baris judul."), code="empty")
    if len(baris) > MAX_BARIS:
        raise _too_many_rows()
    return Tabel(layout=layout, kolom=kolom, baris=baris)


def _is_example(raw: dict[str, Any]) -> bool:
    return _text(raw.get("nip")) == EXAMPLE_ROW["nip"] and _text(raw.get("nama")).upper() == EXAMPLE_ROW["nama"]
