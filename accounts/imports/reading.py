"""Reading a pegawai file into a Tabel (no database): the xlsx template or a SIASN csv.

Reading the file itself (type, size, rows, header) is `core.imports`'; here: which layout it is,
which columns it must have and the template's example row.
"""

from collections.abc import Collection
from typing import Any

from django.utils.translation import gettext as _

from core import imports
from core.imports import UPLOAD_TYPES, cell_text, normalise_header

from .common import (
    _REQUIRED,
    _TEMPLATE_ALIASES,
    EXAMPLE_ROW,
    MAX_BARIS,
    SHEET_PEGAWAI,
    SIASN,
    SIASN_COLUMNS,
    TEMPLATE,
    TEMPLATE_COLUMNS,
    Tabel,
)


def check_upload(nama: str, size: int, *, allowed: Collection[str] = UPLOAD_TYPES, wrong_type: str = "") -> None:
    """`core.imports.check_upload`, whose message for another type names the pegawai import's files."""
    imports.check_upload(
        nama,
        size,
        allowed=allowed,
        wrong_type=wrong_type
        or _("Jenis file tidak dapat diimpor. Unggah file Excel (.xlsx) dari template, atau file CSV (.csv) SIASN."),
    )


def read_table(nama: str, data: bytes) -> Tabel:
    """Read the template (.xlsx) or a SIASN export (.csv, pipe/comma/semicolon) into a Tabel.

    Raises ValidationError with a message for the clerk when the file cannot be used at all.
    """
    check_upload(nama, len(data))
    return _tabulate(imports.read_rows(nama, data, sheet=SHEET_PEGAWAI, max_rows=MAX_BARIS))


def _header_map(layout: str) -> dict[str, str]:
    if layout == SIASN:
        return {header: name for name, header in SIASN_COLUMNS.items()}
    mapping = {normalise_header(header): name for name, header in TEMPLATE_COLUMNS}
    mapping.update(_TEMPLATE_ALIASES)
    return mapping


def _tabulate(rows: list[tuple[int, tuple]]) -> Tabel:
    header_at = imports.header_at(
        rows,
        {"NIP", "NIP BARU"},
        not_found=_(
            "Baris judul dengan kolom NIP tidak ditemukan. Gunakan template dari halaman ini (jangan ubah baris "
            "judulnya) atau file Export Data ASN dari SIASN."
        ),
    )
    headers = [normalise_header(v) for v in rows[header_at][1]]
    layout = SIASN if "NIP BARU" in headers else TEMPLATE
    index, kolom = imports.map_columns(rows[header_at][1], _header_map(layout))
    missing = [n for n in _REQUIRED[layout] if n not in index]
    if layout == TEMPLATE and "jabatan" not in index and "jabatan_id" not in index:
        missing.append("jabatan")
    labels = dict(TEMPLATE_COLUMNS) if layout == TEMPLATE else SIASN_COLUMNS
    imports.require_columns([labels[n] for n in missing])
    baris = imports.data_rows(
        rows,
        header_at,
        index,
        skip=_is_example if layout == TEMPLATE else None,
        empty=_("File tidak berisi data pegawai: hanya ada baris judul."),
    )
    if len(baris) > MAX_BARIS:
        raise imports.too_many_rows(MAX_BARIS)
    return Tabel(layout=layout, kolom=kolom, baris=baris)


def _is_example(raw: dict[str, Any]) -> bool:
    return cell_text(raw.get("nip")) == EXAMPLE_ROW["nip"] and cell_text(raw.get("nama")).upper() == EXAMPLE_ROW["nama"]
