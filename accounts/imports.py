"""Import pegawai with their first posting: the project's xlsx template or SIASN's "Export Data ASN".

Two layers. Reading a file and checking each row's values touch no database (`check_upload`,
`read_table`, `parse_rows`, `template_xlsx`). `pegawai_import` then loads the jabatan in the
actor's scope once, checks every row against the database, and writes every row through
`services.pegawai_create` in ONE transaction, or nothing at all (issue 3: a file with any bad row
imports nothing and lists each bad row with its reason).
"""

import csv
import io
import logging
import re
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from ekinerja.lib.money import round_rupiah

from . import services
from .choices import Golongan, JenisPenempatan, KedudukanHukum, StatusPegawai
from .models import Jabatan, Pegawai, User
from .rules import parse_nip
from .selectors import jabatan_visible_to

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_BARIS = 5000  # data rows per file; a whole pemda is imported in a few files
_MAX_SCAN = 50_000  # physical rows read before giving up (Excel keeps formatted empty rows)
_HEADER_SEARCH = 10  # the header may sit below a title row or two

TEMPLATE = "template"
SIASN = "siasn"

SHEET_PEGAWAI = "Pegawai"
SHEET_PETUNJUK = "Petunjuk"
SHEET_JABATAN = "Jabatan"

# Column headers are a data contract between the file and this parser: they are not translated.
TEMPLATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("nip", "NIP"),
    ("nama", "Nama"),
    ("gelar_depan", "Gelar Depan"),
    ("gelar_belakang", "Gelar Belakang"),
    ("status", "Status"),
    ("golongan", "Golongan"),
    ("kedudukan_hukum", "Kedudukan Hukum"),
    ("gaji_dasar", "Gaji Dasar"),
    ("email", "Email"),
    ("no_hp", "No HP"),
    ("jabatan", "Jabatan"),
    ("jabatan_id", "Jabatan ID"),
    ("jenis_penempatan", "Jenis Penempatan"),
    ("mulai", "TMT"),
    ("nomor_sk", "Nomor SK"),
)
TEMPLATE_HEADERS = tuple(header for _field, header in TEMPLATE_COLUMNS)
_TEMPLATE_ALIASES = {
    "NOMOR HP": "no_hp",
    "E MAIL": "email",
    "ID JABATAN": "jabatan_id",
    "NAMA JABATAN": "jabatan",
    "TMT JABATAN": "mulai",
    "NO SK": "nomor_sk",
}
# SIASN "Export Data ASN" (BKN): 64 to 67 columns; only these are read. Its JABATAN ID is SIASN's
# own reference, not an E-Kinerja id, so it is deliberately not mapped.
SIASN_COLUMNS: dict[str, str] = {
    "nip": "NIP BARU",
    "nama": "NAMA",
    "gelar_depan": "GELAR DEPAN",
    "gelar_belakang": "GELAR BELAKANG",
    "tanggal_lahir": "TANGGAL LAHIR",
    "jenis_kelamin": "JENIS KELAMIN",
    "email": "EMAIL",
    "email_gov": "EMAIL GOV",
    "no_hp": "NOMOR HP",
    "kedudukan_hukum": "KEDUDUKAN HUKUM ID",
    "status_cpns_pns": "STATUS CPNS PNS",
    "golongan": "GOL AKHIR NAMA",
    "jabatan": "JABATAN NAMA",
    "unit": "UNOR NAMA",
    "mulai": "TMT JABATAN",
}
_REQUIRED = {
    TEMPLATE: ("nip", "nama", "status", "golongan", "mulai"),
    SIASN: ("nip", "nama", "golongan", "jabatan", "mulai"),
}
# Labels for errors on fields that have no column of their own (status derived from SIASN codes,
# service errors on model fields).
_FIELD_LABELS = {
    "nip": "NIP",
    "nama": "Nama",
    "status": "Status",
    "golongan": "Golongan",
    "kedudukan_hukum": "Kedudukan Hukum",
    "tanggal_lahir": "Tanggal Lahir",
    "jenis_kelamin": "Jenis Kelamin",
    "jabatan": "Jabatan",
    "mulai": "TMT",
    "selesai": "Selesai",
}

EXAMPLE_ROW = {
    "nip": "198609262015051001",
    "nama": "CONTOH NAMA PEGAWAI",
    "gelar_depan": "",
    "gelar_belakang": "S.Kom.",
    "status": "PNS",
    "golongan": "III/b",
    "kedudukan_hukum": "01",
    "gaji_dasar": 4_500_000,
    "email": "nama@contoh.go.id",
    "no_hp": "081234567890",
    "jabatan": "Pengadministrasi Perkantoran",
    "jabatan_id": None,
    "jenis_penempatan": JenisPenempatan.DEFINITIF.value,
    "mulai": date(2024, 1, 2),
    "nomor_sk": "800/123/BKPSDM/2024",
}

_PPPK_KEDUDUKAN = {
    KedudukanHukum.PPPK_AKTIF,
    KedudukanHukum.PPPK_CLTN,
    KedudukanHukum.PPPK_BERAKHIR,
    KedudukanHukum.PPPK_PARUH_WAKTU,
}
_BOTH_KEDUDUKAN = {KedudukanHukum.PENSIUN}
_PNS_GOLONGAN = {g for g in Golongan.values if "/" in g}
_PPPK_GOLONGAN = {g for g in Golongan.values if "/" not in g}


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisError:
    """One reason a row cannot be imported, numbered as the clerk sees the row in Excel."""

    baris: int
    kolom: str
    alasan: str

    def __str__(self) -> str:
        return _("Baris %(baris)d: %(kolom)s: %(alasan)s") % {
            "baris": self.baris,
            "kolom": self.kolom,
            "alasan": self.alasan,
        }


@dataclass
class Tabel:
    """A file read into rows: which layout, the header of each known field, raw cell values."""

    layout: str
    kolom: dict[str, str]  # field → header as written in the file
    baris: list[tuple[int, dict[str, Any]]]  # (Excel row number, field → raw cell value)

    def label(self, name: str) -> str:
        return self.kolom.get(name) or _FIELD_LABELS.get(name) or _("Data")


@dataclass
class BarisPegawai:
    """One parsed row; a field is None where its cell was wrong (the reason is in `errors`)."""

    baris: int
    nip: str | None = None
    data: dict[str, Any] = field(default_factory=dict)  # Pegawai fields for services.pegawai_create
    jabatan_nama: str = ""
    jabatan_id: int | None = None
    unit_nama: str = ""
    jenis_penempatan: str | None = None
    mulai: date | None = None
    nomor_sk: str = ""
    jabatan: Jabatan | None = None
    errors: list[BarisError] = field(default_factory=list)


@dataclass(frozen=True)
class HasilImpor:
    dibuat: int
    total: int
    errors: list[BarisError]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def baris_salah(self) -> int:
        return len({e.baris for e in self.errors})


# --- reading a file (no database) ---------------------------------------------------------------


def _extension(nama: str) -> str:
    nama = (nama or "").lower().strip()
    return nama[nama.rfind(".") :] if "." in nama else ""


def check_upload(nama: str, size: int) -> None:
    """Refuse a file by its name and size before reading it."""
    ext = _extension(nama)
    if ext == ".xls":
        raise ValidationError(
            _(
                "File .xls (Excel 97–2003) belum dapat dibaca. Buka file di Excel, pilih Simpan Sebagai "
                "(Save As) → Excel Workbook (.xlsx), lalu unggah file .xlsx tersebut."
            ),
            code="xls",
        )
    if ext not in (".xlsx", ".csv"):
        raise ValidationError(
            _("Jenis file tidak dapat diimpor. Unggah file Excel (.xlsx) dari template, atau file CSV (.csv) SIASN."),
            code="extension",
        )
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("File terlalu besar (%(mb).1f MB). Ukuran paling besar %(max)d MB; bagi data menjadi beberapa file.")
            % {"mb": size / 1024 / 1024, "max": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="size",
        )


def read_table(nama: str, data: bytes) -> Tabel:
    """Read the template (.xlsx) or a SIASN export (.csv, pipe/comma/semicolon) into a Tabel.

    Raises ValidationError with a message for the clerk when the file cannot be used at all.
    """
    check_upload(nama, len(data))
    rows = _xlsx_rows(data) if _extension(nama) == ".xlsx" else _csv_rows(data)
    return _tabulate(rows)


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("File berisi lebih dari %(n)s baris data. Bagi menjadi beberapa file, lalu unggah satu per satu.")
        % {"n": f"{MAX_BARIS:,}".replace(",", ".")},
        code="rows",
    )


def _not_empty(values: Iterable[Any]) -> bool:
    return any(_text(v) for v in values)


def _xlsx_rows(data: bytes) -> list[tuple[int, tuple]]:
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
                ws = wb[SHEET_PEGAWAI] if SHEET_PEGAWAI in wb.sheetnames else wb.worksheets[0]
                for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    if n > _MAX_SCAN:
                        raise _too_many_rows()
                    if _not_empty(values):
                        rows.append((n, values))
                        if len(rows) > MAX_BARIS + _HEADER_SEARCH:
                            raise _too_many_rows()
            finally:
                wb.close()
    except ValidationError:
        raise
    except Exception as exc:  # an upload is untrusted: any failure to read it is the file's fault, never a 500
        logger.info("pegawai import: unreadable xlsx: %r", exc)
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


def _csv_rows(data: bytes) -> list[tuple[int, tuple]]:
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
                if len(rows) > MAX_BARIS + _HEADER_SEARCH:
                    raise _too_many_rows()
    except csv.Error as exc:
        logger.info("pegawai import: unreadable csv: %r", exc)
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


def _tabulate(rows: list[tuple[int, tuple]]) -> Tabel:
    header_at = None
    for i, (_n, values) in enumerate(rows[:_HEADER_SEARCH]):
        names = {normalise_header(v) for v in values}
        if "NIP" in names or "NIP BARU" in names:
            header_at = i
            break
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
    mapping = _header_map(layout)
    index: dict[str, int] = {}
    kolom: dict[str, str] = {}
    for i, header in enumerate(headers):
        name = mapping.get(header)
        if name and name not in index:
            index[name] = i
            kolom[name] = _text(rows[header_at][1][i])
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
        raw = {name: (values[i] if i < len(values) else None) for name, i in index.items()}
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


# --- checking each row's values (no database) ---------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: SIASN's leading `'` and the text `null` are dropped; 12.0 reads as 12."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u00a0", " ").replace("\ufeff", "").strip()
    if text.startswith("'"):
        text = text[1:].strip()
    return "" if text.lower() == "null" else text


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def parse_date(value: Any) -> date | None:
    """A date cell, an Excel serial number, `dd-mm-yyyy` (or / .) or `yyyy-mm-dd`; None when empty.

    Raises ValueError for anything else; a day-first reading is the Indonesian one (02-01-2024 is
    2 January).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2_958_466:
            raise ValueError(value)
        return from_excel(value).date()
    text = _text(value)
    if not text:
        return None
    if m := _DMY.fullmatch(text):
        d, mth, y = int(m[1]), int(m[2]), int(m[3])
    elif m := _YMD.fullmatch(text):
        y, mth, d = int(m[1]), int(m[2]), int(m[3])
    else:
        raise ValueError(text)
    if not 1900 <= y <= 2100:
        raise ValueError(text)
    return date(y, mth, d)


def parse_golongan(value: Any) -> str | None:
    """`III/a`, `iii/A`, `IIIa`, `3/a` → `III/a`; PPPK `ix` → `IX`; None when not a golongan."""
    text = re.sub(r"\s+", "", _text(value))
    if m := re.fullmatch(r"(IV|I{1,3}|[1-4])[/\-]?([A-Ea-e])", text, re.IGNORECASE):
        ruang = m[1].upper()
        ruang = {"1": "I", "2": "II", "3": "III", "4": "IV"}.get(ruang, ruang)
        text = f"{ruang}/{m[2].lower()}"
    else:
        text = text.upper()
    return text if text in Golongan.values else None


def parse_status(value: Any) -> str | None:
    text = re.sub(r"[\s.]+", "", _text(value)).upper()
    text = {"P3K": StatusPegawai.PPPK}.get(text, text)
    return text if text in StatusPegawai.values else None


def parse_kedudukan(value: Any) -> str | None:
    """A SIASN kedudukan hukum code (`1`, `01`, `71`, `101`) or its name (`Aktif`)."""
    text = _text(value)
    if text.isdigit():
        text = f"{int(text):02d}"
        return text if text in KedudukanHukum.values else None
    labels = {_key(str(label)): code for code, label in KedudukanHukum.choices}
    return labels.get(_key(text))


def parse_rupiah(value: Any) -> int:
    """`4500000`, `4.500.000`, `Rp 4.500.000,00`, `4,500,000` → 4500000; empty → 0."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        text = _text(value).upper().replace("RP", "").replace(" ", "")
        if not text:
            return 0
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", text):
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d{1,2})?", text):
            text = text.replace(",", "")
        elif re.fullmatch(r"\d+([.,]\d{1,2})?", text):
            text = text.replace(",", ".")
        else:
            raise ValueError(text)
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(text) from None
    if amount < 0:
        raise ValueError(value)
    return round_rupiah(amount)


def parse_no_hp(value: Any) -> str:
    """Keep digits and a leading +; a number cell that lost its leading 0 (8123…) gets it back."""
    text = re.sub(r"[\s\-.()]", "", _text(value))
    if not text:
        return ""
    if not re.fullmatch(r"\+?\d{6,15}", text):
        raise ValueError(text)
    if isinstance(value, int | float) and text.startswith("8"):
        text = "0" + text
    return text


def parse_rows(tabel: Tabel) -> list[BarisPegawai]:
    """Check every row's values; errors go on the row. Duplicated NIPs within the file are flagged."""
    rows = [_parse_row(n, raw, tabel) for n, raw in tabel.baris]
    first_row: dict[str, int] = {}
    for row in rows:
        if row.nip is None:
            continue
        if row.nip in first_row:
            row.errors.append(
                BarisError(
                    row.baris,
                    tabel.label("nip"),
                    _("NIP %(nip)s sudah ada di baris %(n)d file ini; satu pegawai cukup satu baris.")
                    % {"nip": row.nip, "n": first_row[row.nip]},
                )
            )
        else:
            first_row[row.nip] = row.baris
    return rows


def _parse_row(n: int, raw: dict[str, Any], tabel: Tabel) -> BarisPegawai:
    row = BarisPegawai(baris=n)

    def error(name: str, alasan: str) -> None:
        row.errors.append(BarisError(n, tabel.label(name), alasan))

    # NIP: Excel turns an 18-digit number into a float and loses its last digits.
    info = None
    nip_raw = raw.get("nip")
    if isinstance(nip_raw, float):
        error(
            "nip",
            _(
                "NIP tersimpan sebagai angka sehingga angka terakhirnya berubah. Ubah format kolom NIP menjadi "
                "Teks, lalu ketik ulang NIP."
            ),
        )
    else:
        try:
            info = parse_nip(_text(nip_raw))
            row.nip = info.nip
        except ValidationError as e:
            error("nip", " ".join(e.messages))

    nama = " ".join(_text(raw.get("nama")).split())
    if not nama:
        error("nama", _("Nama wajib diisi."))

    kedudukan = None
    kedudukan_isi = _text(raw.get("kedudukan_hukum"))
    if kedudukan_isi:
        kedudukan = parse_kedudukan(kedudukan_isi)
        if kedudukan is None:
            error(
                "kedudukan_hukum",
                _("Kode kedudukan hukum %(v)s tidak dikenal (contoh: 01 Aktif, 71 PPPK Aktif).") % {"v": kedudukan_isi},
            )

    status = _row_status(raw, tabel, info, kedudukan, error)

    golongan = parse_golongan(raw.get("golongan"))
    if golongan is None:
        if _text(raw.get("golongan")):
            error(
                "golongan",
                _("Golongan %(v)s tidak dikenal. Tulis seperti III/a (PNS/CPNS) atau IX (PPPK).")
                % {"v": _text(raw.get("golongan"))},
            )
        else:
            error("golongan", _("Golongan wajib diisi, misalnya III/a (PNS/CPNS) atau IX (PPPK)."))
    elif status == StatusPegawai.PPPK and golongan in _PNS_GOLONGAN:
        error(
            "golongan",
            _("Golongan %(g)s adalah golongan PNS; PPPK memakai angka Romawi I sampai XVII, misalnya IX.")
            % {"g": golongan},
        )
    elif status in (StatusPegawai.PNS, StatusPegawai.CPNS) and golongan in _PPPK_GOLONGAN:
        error(
            "golongan",
            _("Golongan %(g)s adalah golongan PPPK; PNS/CPNS memakai golongan ruang seperti III/a.") % {"g": golongan},
        )

    if status is not None and not kedudukan_isi:
        kedudukan = KedudukanHukum.PPPK_AKTIF if status == StatusPegawai.PPPK else KedudukanHukum.AKTIF
    elif status is not None and kedudukan is not None and kedudukan not in _BOTH_KEDUDUKAN:
        if status == StatusPegawai.PPPK and kedudukan not in _PPPK_KEDUDUKAN:
            error(
                "kedudukan_hukum",
                _("Kedudukan hukum %(k)s adalah kode PNS; untuk PPPK gunakan 71, 72, 73 atau 101.") % {"k": kedudukan},
            )
        elif status != StatusPegawai.PPPK and kedudukan in _PPPK_KEDUDUKAN:
            error(
                "kedudukan_hukum",
                _("Kedudukan hukum %(k)s adalah kode PPPK, tetapi status pegawai %(s)s.")
                % {"k": kedudukan, "s": status},
            )

    gaji = 0
    try:
        gaji = parse_rupiah(raw.get("gaji_dasar"))
    except ValueError:
        error("gaji_dasar", _("Gaji dasar harus angka rupiah, misalnya 4500000 atau 4.500.000."))

    email = _text(raw.get("email")) or _text(raw.get("email_gov"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error("email", _("Alamat email %(v)s tidak sah.") % {"v": email})

    no_hp = ""
    try:
        no_hp = parse_no_hp(raw.get("no_hp"))
    except ValueError:
        error("no_hp", _("Nomor HP hanya boleh berisi angka (boleh diawali +), misalnya 081234567890."))

    row.jabatan_nama = " ".join(_text(raw.get("jabatan")).split())
    row.unit_nama = " ".join(_text(raw.get("unit")).split())
    jabatan_id = _text(raw.get("jabatan_id"))
    if jabatan_id:
        if jabatan_id.isdigit():
            row.jabatan_id = int(jabatan_id)
        else:
            error("jabatan_id", _("Jabatan ID harus angka dari kolom ID di sheet Jabatan."))
    elif not row.jabatan_nama:
        error("jabatan", _("Nama jabatan wajib diisi (salin dari sheet Jabatan di template)."))

    jenis = re.sub(r"[\s.]+", "", _text(raw.get("jenis_penempatan"))).upper() or JenisPenempatan.DEFINITIF
    if jenis in JenisPenempatan.values:
        row.jenis_penempatan = jenis
    else:
        error(
            "jenis_penempatan",
            _("Jenis penempatan %(v)s tidak dikenal; isi DEFINITIF, PLT atau PLH.")
            % {"v": _text(raw.get("jenis_penempatan"))},
        )

    try:
        row.mulai = parse_date(raw.get("mulai"))
        if row.mulai is None:
            error("mulai", _("Tanggal mulai menjabat (TMT) wajib diisi, misalnya 02-01-2024."))
    except ValueError:
        error(
            "mulai",
            _("Tanggal %(v)s tidak dikenali; tulis tanggal-bulan-tahun, misalnya 02-01-2024.")
            % {"v": _text(raw.get("mulai"))},
        )

    row.nomor_sk = _text(raw.get("nomor_sk"))
    row.data = {
        "nip": row.nip,
        "nama": nama,
        "gelar_depan": _text(raw.get("gelar_depan")),
        "gelar_belakang": _text(raw.get("gelar_belakang")),
        "status": status,
        "golongan": golongan,
        "kedudukan_hukum": kedudukan,
        "gaji_dasar": gaji,
        "email": email,
        "no_hp": no_hp,
    }
    if tabel.layout == SIASN:
        _siasn_identity(row, raw, error)
    return row


def _row_status(raw, tabel: Tabel, info, kedudukan: str | None, error) -> str | None:
    """The template states the status; SIASN implies it from kedudukan hukum, STATUS CPNS PNS, the NIP."""
    if tabel.layout == SIASN:
        cpns_pns = _text(raw.get("status_cpns_pns")).upper()
        if kedudukan in _PPPK_KEDUDUKAN:
            status = StatusPegawai.PPPK
        elif cpns_pns == "C":
            status = StatusPegawai.CPNS
        elif cpns_pns == "P":
            status = StatusPegawai.PNS
        elif info is not None:
            status = StatusPegawai.PPPK if info.jenis == "PPPK" else StatusPegawai.PNS
        else:
            return None
    else:
        text = _text(raw.get("status"))
        status = parse_status(text)
        if status is None:
            if text:
                error("status", _("Status %(v)s tidak dikenal; isi PNS, CPNS atau PPPK.") % {"v": text})
            else:
                error("status", _("Status wajib diisi: PNS, CPNS atau PPPK."))
            return None
    if info is not None and info.jenis == "PPPK" and status != StatusPegawai.PPPK:
        error("status", _("NIP ini berformat NI PPPK, tetapi status pegawai %(s)s.") % {"s": status})
    elif info is not None and info.jenis == "PNS" and status == StatusPegawai.PPPK:
        error("status", _("NIP ini berformat NIP PNS, tetapi status pegawai PPPK."))
    return status


def _siasn_identity(row: BarisPegawai, raw: dict[str, Any], error) -> None:
    """SIASN also carries birth date and sex; the service checks them against the NIP."""
    try:
        tanggal_lahir = parse_date(raw.get("tanggal_lahir"))
        if tanggal_lahir is not None:
            row.data["tanggal_lahir"] = tanggal_lahir
    except ValueError:
        error("tanggal_lahir", _("Tanggal lahir %(v)s tidak dikenali.") % {"v": _text(raw.get("tanggal_lahir"))})
    jk = _text(raw.get("jenis_kelamin")).upper()
    if jk:
        value = {"M": "L", "L": "L", "LAKI-LAKI": "L", "F": "P", "P": "P", "PEREMPUAN": "P"}.get(jk)
        if value is None:
            error("jenis_kelamin", _("Jenis kelamin %(v)s tidak dikenal (M/F atau L/P).") % {"v": jk})
        else:
            row.data["jenis_kelamin"] = value


# --- checking against the database and writing --------------------------------------------------


class _Lingkup:
    """The active jabatan an actor may fill, loaded in one query (a 2,000-row file must not query per row)."""

    def __init__(self, actor: User, layout: str):
        self.layout = layout
        self.by_id: dict[int, Jabatan] = {}
        self.by_name: dict[str, list[Jabatan]] = defaultdict(list)
        for jabatan in jabatan_visible_to(actor).filter(aktif=True).select_related(None).select_related("unit"):
            self.by_id[jabatan.pk] = jabatan
            self.by_name[_key(jabatan.nama)].append(jabatan)
        if actor.is_superadmin:
            self.not_found = _("Jabatan tidak ditemukan: %(j)s.")
        elif actor.is_hr_pemda:
            self.not_found = _("Jabatan tidak ditemukan di pemda Anda: %(j)s.")
        else:
            self.not_found = _("Jabatan tidak ditemukan di OPD Anda: %(j)s.")

    def resolve(self, row: BarisPegawai) -> tuple[Jabatan | None, str, str]:
        """The jabatan of a row, or the column and the reason it cannot be found."""
        if row.jabatan_id is not None:
            jabatan = self.by_id.get(row.jabatan_id)
            if jabatan is None:
                return None, "jabatan_id", self.not_found % {"j": f"ID {row.jabatan_id}"}
            if row.jabatan_nama and _key(row.jabatan_nama) != _key(jabatan.nama):
                return (
                    None,
                    "jabatan_id",
                    _('Jabatan ID %(id)d adalah "%(nama)s", bukan "%(isi)s". Periksa kembali sheet Jabatan.')
                    % {"id": jabatan.pk, "nama": jabatan.nama, "isi": row.jabatan_nama},
                )
            return jabatan, "", ""
        candidates = self.by_name.get(_key(row.jabatan_nama), [])
        if row.unit_nama and len(candidates) > 1:
            narrowed = [j for j in candidates if _key(j.unit.nama) == _key(row.unit_nama)]
            candidates = narrowed or candidates
        if not candidates:
            return None, "jabatan", self.not_found % {"j": f'"{row.jabatan_nama}"'}
        if len(candidates) > 1:
            units = ", ".join(sorted({j.unit.nama for j in candidates})[:5])
            if self.layout == SIASN:
                reason = _(
                    'Ada %(n)d jabatan bernama "%(j)s" (%(units)s) dan UNOR NAMA tidak cocok dengan '
                    "salah satu unitnya. Samakan nama unit kerja di E-Kinerja, atau impor pegawai ini lewat "
                    "template dengan kolom Jabatan ID."
                )
            else:
                reason = _(
                    'Ada %(n)d jabatan bernama "%(j)s" (%(units)s). Isi kolom Jabatan ID dengan ID dari sheet Jabatan.'
                )
            return None, "jabatan", reason % {"n": len(candidates), "j": row.jabatan_nama, "units": units}
        return candidates[0], "", ""


def _check_against_db(actor: User, rows: list[BarisPegawai], tabel: Tabel) -> None:
    lingkup = _Lingkup(actor, tabel.layout)
    nips = [r.nip for r in rows if r.nip]
    terdaftar = set(Pegawai.objects.filter(nip__in=nips).values_list("nip", flat=True))
    akun = set(User.objects.filter(username__in=nips).values_list("username", flat=True))
    for row in rows:
        if row.nip in terdaftar:
            row.errors.append(
                BarisError(
                    row.baris,
                    tabel.label("nip"),
                    _(
                        "NIP sudah terdaftar. Data pegawai yang sudah ada diubah lewat halaman Pegawai, "
                        "bukan lewat impor."
                    ),
                )
            )
        elif row.nip in akun:
            row.errors.append(
                BarisError(row.baris, tabel.label("nip"), _("Sudah ada akun dengan nama pengguna NIP ini."))
            )
        if row.jabatan_id is not None or row.jabatan_nama:
            row.jabatan, kolom, alasan = lingkup.resolve(row)
            if row.jabatan is None:
                row.errors.append(BarisError(row.baris, tabel.label(kolom), alasan))


def _service_errors(exc: ValidationError, row: BarisPegawai, tabel: Tabel) -> list[BarisError]:
    if hasattr(exc, "error_dict"):
        return [
            BarisError(row.baris, tabel.label(name), message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [BarisError(row.baris, tabel.label("__all__"), message) for message in exc.messages]


def _column_order(tabel: Tabel):
    order = {label: i for i, label in enumerate(tabel.kolom.values())}

    def key(error: BarisError):
        return (error.baris, order.get(error.kolom, len(order)), error.alasan)

    return key


def pegawai_import(*, actor: User, tabel: Tabel) -> HasilImpor:
    """Register every pegawai of a file with their first posting, or none of them (issue 3).

    Every row is checked first; the rows that pass are then written through
    `services.pegawai_create` in one transaction, which also surfaces what only the service knows
    (a structural post already filled, a clash between two rows). If anything failed, the whole
    transaction rolls back, so the clerk sees every reason in one pass and nothing is half-imported.
    """
    rows = parse_rows(tabel)
    _check_against_db(actor, rows, tabel)
    ready = [r for r in rows if not r.errors]
    with transaction.atomic():
        for row in ready:
            try:
                services.pegawai_create(
                    actor=actor,
                    jabatan=row.jabatan,
                    mulai=row.mulai,
                    jenis_penempatan=row.jenis_penempatan,
                    nomor_sk=row.nomor_sk,
                    **row.data,
                )
            except ValidationError as exc:
                row.errors.extend(_service_errors(exc, row, tabel))
            except PermissionDenied as exc:
                row.errors.append(BarisError(row.baris, tabel.label("jabatan"), str(exc)))
            except IntegrityError:
                # The service ran in its own savepoint, so the outer transaction is still usable.
                row.errors.append(
                    BarisError(
                        row.baris,
                        tabel.label("nip"),
                        _("NIP ini baru saja didaftarkan oleh pengguna lain. Unggah ulang file untuk memeriksa lagi."),
                    )
                )
        errors = sorted((e for r in rows for e in r.errors), key=_column_order(tabel))
        if errors:
            transaction.set_rollback(True)
    return HasilImpor(dibuat=0 if errors else len(ready), total=len(rows), errors=errors)


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
            "Setiap pegawai baru masuk ke E-Kinerja dengan NIP sebagai nama pengguna dan juga sebagai kata sandi "
            "pertama, lalu wajib mengganti kata sandi saat pertama kali masuk."
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

_HEADER_FILL = PatternFill("solid", fgColor="0A3D7A")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
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


def _put(ws, row: int, column: int, value: Any):
    """Write a cell; text starting with `=` stays text (a jabatan name must never become a formula)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def template_xlsx(jabatan: Iterable[Jabatan]) -> bytes:
    """The import template: sheet Pegawai (header, example row, dropdowns), Petunjuk, Jabatan in scope.

    `jabatan` should come with `unit` and `opd` selected, so that building the file runs no query.
    """
    jabatan = list(jabatan)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_PEGAWAI
    names = [name for name, _header in TEMPLATE_COLUMNS]
    letters = {name: get_column_letter(i) for i, name in enumerate(names, start=1)}
    for i, (name, header) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = _put(ws, 1, i, header)
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
        cell.alignment = Alignment(vertical="center")
        if name in _HINTS:
            cell.comment = Comment(_HINTS[name], "E-Kinerja")
        dim = ws.column_dimensions[letters[name]]
        dim.width = _WIDTHS.get(name, 16)
        if name in _TEXT_COLUMNS:
            dim.number_format = "@"
        elif name == "mulai":
            dim.number_format = "DD-MM-YYYY"
    example = dict(EXAMPLE_ROW)
    if jabatan:
        example["jabatan"] = jabatan[0].nama
    for i, name in enumerate(names, start=1):
        cell = _put(ws, 2, i, example[name])
        cell.font = Font(italic=True, color="555555")
        if name in _TEXT_COLUMNS:
            cell.number_format = "@"
        elif name == "mulai":
            cell.number_format = "DD-MM-YYYY"
        elif name == "gaji_dasar":
            cell.number_format = "#,##0"
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22

    last = MAX_BARIS + 1
    dropdowns = {
        "status": ",".join(StatusPegawai.values),
        "golongan": ",".join(Golongan.values),
        "jenis_penempatan": ",".join(JenisPenempatan.values),
    }
    for name, options in dropdowns.items():
        dv = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        dv.error = str(gettext_lazy("Pilih salah satu isian dari daftar."))
        dv.showErrorMessage = True
        ws.add_data_validation(dv)
        dv.add(f"{letters[name]}2:{letters[name]}{last}")
    if jabatan:
        # Jabatan names are offered from the Jabatan sheet, but typing is allowed (names may repeat).
        dv = DataValidation(type="list", formula1=f"={SHEET_JABATAN}!$B$2:$B${len(jabatan) + 1}", allow_blank=True)
        dv.showErrorMessage = False
        ws.add_data_validation(dv)
        dv.add(f"{letters['jabatan']}2:{letters['jabatan']}{last}")

    petunjuk = wb.create_sheet(SHEET_PETUNJUK)
    petunjuk.column_dimensions["A"].width = 120
    for i, (heading, line) in enumerate(PETUNJUK, start=1):
        cell = _put(petunjuk, i, 1, str(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = Font(bold=True, size=14 if i == 1 else 12)

    sheet = wb.create_sheet(SHEET_JABATAN)
    for i, (header, width) in enumerate((("ID", 8), ("Nama Jabatan", 48), ("Unit Kerja", 36), ("OPD", 40)), start=1):
        cell = _put(sheet, 1, i, header)
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
        sheet.column_dimensions[get_column_letter(i)].width = width
    for r, j in enumerate(jabatan, start=2):
        for c, value in enumerate((j.pk, j.nama, j.unit.nama, j.opd.nama), start=1):
            _put(sheet, r, c, value)
    sheet.freeze_panes = "A2"
    if jabatan:
        sheet.auto_filter.ref = f"A1:D{len(jabatan) + 1}"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
