"""Reading punches (issue 5): a fingerprint machine's ATTLOG, a spreadsheet of punches, or the JSON
of the integration API, into `BarisAbsen` with line numbers. No database.

A spreadsheet is read by `core.imports` (the same reader as every other import); the ATTLOG and the
API are this module's own formats.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from accounts.rules import parse_nip
from core.imports import cell_text, extension, header_at, map_columns, parse_date, read_rows, row_cells

ATTLOG_TYPES = (".dat", ".txt", ".log", "")
TABEL_TYPES = (".xlsx", ".csv")
MAX_ATTLOG_BYTES = 20 * 1024 * 1024  # a month of 5,000 people is ~4 MB of ATTLOG
MAX_ABSEN = 300_000  # punch lines per file
MAX_API_ITEMS = 20_000
PIN = re.compile(r"[0-9A-Za-z_\-]{1,30}")  # a machine's user id


@dataclass(frozen=True, slots=True)
class BarisAbsen:
    """One punch as read: a machine PIN or a NIP, and an aware time; `baris` is the line number."""

    baris: int
    waktu: datetime
    pin: str = ""
    nip: str = ""
    mesin: str = ""


def _aware(value: datetime) -> datetime:
    """Machines write local wall-clock time (the active zone: the pemda's, core.dates.di_zona); an
    explicit offset is kept."""
    if timezone.is_aware(value):
        return value
    return timezone.make_aware(value)


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # some PC tools save the log as UTF-16
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parse_attlog(text: str, *, mesin: str = "") -> tuple[list[BarisAbsen], list[tuple[int, str]]]:
    """Read a ZKTeco ATTLOG: `PIN <tab> YYYY-MM-DD HH:MM:SS <tab> state <tab> verify <tab> workcode`.

    Tabs or runs of spaces separate the columns; the state column is ignored (always 1 on many
    terminals). Blank lines are skipped; any other line that cannot be read is an error with its
    line number. Returns (punches, errors as (line, reason)).
    """
    punches: list[BarisAbsen] = []
    errors: list[tuple[int, str]] = []
    fromiso = datetime.fromisoformat
    tz = timezone.get_current_timezone()
    for n, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 3:
            errors.append((n, _("tidak berisi ID pengguna, tanggal dan jam.")))
            continue
        pin = parts[0]
        if not PIN.fullmatch(pin):
            errors.append((n, _("ID pengguna “%(pin)s” tidak dapat dibaca.") % {"pin": pin[:40]}))
            continue
        tanggal, jam = parts[1], parts[2]
        try:
            if len(tanggal) != 10 or tanggal[4] != "-":
                raise ValueError(tanggal)
            waktu = fromiso(f"{tanggal} {jam}")
        except ValueError:
            errors.append(
                (
                    n,
                    _("tanggal/jam “%(t)s” tidak dapat dibaca (harus TTTT-BB-HH JJ:MM:DD).")
                    % {"t": f"{tanggal} {jam}"[:40]},
                )
            )
            continue
        if waktu.tzinfo is None:
            waktu = waktu.replace(tzinfo=tz)  # the zone has no DST (WIB/WITA/WIT): replace is exact
        punches.append(BarisAbsen(n, waktu, pin=pin, mesin=mesin))
    return punches, errors


_TABEL_HEADERS = {
    "NIP": "nip",
    "NIP BARU": "nip",
    "PIN": "pin",
    "USER ID": "pin",
    "ID PENGGUNA": "pin",
    "WAKTU": "waktu",
    "TANGGAL JAM": "waktu",
    "DATETIME": "waktu",
    "TANGGAL": "tanggal",
    "JAM": "jam",
    "MESIN": "mesin",
}
_DMY_HM = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")
_HM = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")


def _parse_waktu(value: Any) -> datetime:
    """A date-time cell: a datetime, an Excel serial, ISO `2026-04-13 07:31:23`, or `13-04-2026 07.31`."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_excel(value)
    text = cell_text(value)
    if m := _DMY_HM.fullmatch(text):
        d, mth, y, hh, mm, ss = m.groups()
        return datetime(int(y), int(mth), int(d), int(hh), int(mm), int(ss or 0))
    if len(text) < 16:  # a date alone is not a punch
        raise ValueError(text)
    return datetime.fromisoformat(text)


def _parse_jam(value: Any) -> time:
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, float | int) and not isinstance(value, bool) and 0 <= value < 1:
        return from_excel(value).time()
    text = cell_text(value)
    if m := _HM.fullmatch(text):
        return time(int(m[1]), int(m[2]), int(m[3] or 0))
    raise ValueError(text)


def parse_tabel(nama: str, data: bytes, *, mesin: str = "") -> tuple[list[BarisAbsen], list[tuple[int, str]]]:
    """Read an .xlsx/.csv with columns NIP (or PIN) and Waktu, or Tanggal + Jam; row numbers as in Excel."""
    rows = read_rows(nama, data, sheet="", max_rows=MAX_ABSEN, allowed=TABEL_TYPES)
    at = header_at(
        rows,
        {"NIP", "NIP BARU", "PIN", "USER ID", "ID PENGGUNA"},
        not_found=_("Baris judul tidak ditemukan. Baris pertama harus berisi judul kolom NIP (atau PIN) dan Waktu."),
    )
    index, _kolom = map_columns(rows[at][1], _TABEL_HEADERS)
    if "waktu" not in index and not ("tanggal" in index and "jam" in index):
        raise ValidationError(
            _("Kolom Waktu tidak ada. Isi kolom Waktu (tanggal dan jam), atau dua kolom Tanggal dan Jam."),
            code="columns",
        )
    punches: list[BarisAbsen] = []
    errors: list[tuple[int, str]] = []
    for n, values in rows[at + 1 :]:
        raw = row_cells(values, index)
        nip, pin = cell_text(raw.get("nip")), cell_text(raw.get("pin"))
        if nip:
            try:
                nip = parse_nip(nip).nip
            except ValidationError as e:
                errors.append((n, _("NIP %(nip)s: %(alasan)s") % {"nip": nip, "alasan": e.messages[0]}))
                continue
        elif not pin:
            errors.append((n, _("NIP (atau PIN) kosong.")))
            continue
        try:
            if "waktu" in index and cell_text(raw.get("waktu")):
                waktu = _parse_waktu(raw["waktu"])
            else:
                tanggal = parse_date(raw.get("tanggal"))
                if tanggal is None:
                    raise ValueError("")
                waktu = datetime.combine(tanggal, _parse_jam(raw.get("jam")))
        except (ValueError, TypeError, OverflowError):
            errors.append((n, _("waktu tidak dapat dibaca (tulis misalnya 13-04-2026 07:31).")))
            continue
        punches.append(
            BarisAbsen(n, _aware(waktu), pin="" if nip else pin, nip=nip, mesin=cell_text(raw.get("mesin")) or mesin)
        )
    return punches, errors


def parse_berkas(nama: str, data: bytes, *, mesin: str = "") -> tuple[list[BarisAbsen], list[tuple[int, str]]]:
    """A machine file by its name: .xlsx/.csv with a header, anything else (.dat, .txt) as ATTLOG.

    Raises ValidationError (no line number) when the file as a whole cannot be used.
    """
    ext = extension(nama)
    if ext == ".xls":
        raise ValidationError(
            _("File .xls (Excel lama) belum dapat dibaca. Simpan sebagai Excel Workbook (.xlsx), lalu unggah lagi."),
            code="xls",
        )
    if ext in TABEL_TYPES:
        head = _decode(data[:4096]) if ext == ".csv" else ""
        first = next((line for line in head.splitlines() if line.strip()), "")
        if ext == ".csv" and first.split() and PIN.fullmatch(first.split()[0]) and re.search(r"\d{4}-\d\d-\d\d", first):
            pass  # an ATTLOG saved as .csv: no header, read it as ATTLOG below
        else:
            punches, errors = parse_tabel(nama, data, mesin=mesin)
            return _nonempty(punches, errors)
    elif ext not in ATTLOG_TYPES:
        raise ValidationError(
            _("Jenis file tidak dapat diimpor. Unggah file log mesin (.dat atau .txt), Excel (.xlsx) atau CSV (.csv)."),
            code="extension",
        )
    if len(data) > MAX_ATTLOG_BYTES:
        raise ValidationError(
            _("File terlalu besar (%(mb).1f MB). Paling besar %(max)d MB; bagi per minggu atau per mesin.")
            % {"mb": len(data) / 1024 / 1024, "max": MAX_ATTLOG_BYTES // (1024 * 1024)},
            code="size",
        )
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise ValidationError(
            _("File ini bukan file teks dari mesin absen. Ambil ulang file ATTLOG (.dat) dari mesin."),
            code="unreadable",
        )
    punches, errors = parse_attlog(_decode(data), mesin=mesin)
    if len(punches) > MAX_ABSEN:
        raise ValidationError(
            _("File berisi lebih dari %(n)s baris absen. Bagi menjadi beberapa file.") % {"n": f"{MAX_ABSEN:,}"},
            code="rows",
        )
    return _nonempty(punches, errors)


def _nonempty(punches, errors):
    if not punches and not errors:
        raise ValidationError(_("File tidak berisi data absen."), code="empty")
    return punches, errors


def parse_api_items(payload: Any) -> tuple[list[BarisAbsen], list[tuple[int, str]]]:
    """The JSON of the integration API: `{"absen": [{"nip"|"pin"[, "mesin"], "waktu": ISO 8601}]}`.

    Errors carry the item's index (0-based). A time without an offset is local time.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("absen"), list):
        raise ValidationError(_('JSON harus berbentuk {"absen": [...]}.'), code="shape")
    items = payload["absen"]
    if len(items) > MAX_API_ITEMS:
        raise ValidationError(_("Paling banyak %(n)d absen per panggilan.") % {"n": MAX_API_ITEMS}, code="rows")
    punches: list[BarisAbsen] = []
    errors: list[tuple[int, str]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append((i, _("item harus berupa objek JSON.")))
            continue
        nip, pin, mesin = (str(item.get(k) or "").strip() for k in ("nip", "pin", "mesin"))
        if nip:
            try:
                nip = parse_nip(nip).nip
            except ValidationError as e:
                errors.append((i, _("NIP %(nip)s: %(alasan)s") % {"nip": nip[:30], "alasan": e.messages[0]}))
                continue
        elif not PIN.fullmatch(pin):
            errors.append((i, _("isi nip, atau pin (dan mesin).")))
            continue
        try:
            waktu = datetime.fromisoformat(str(item.get("waktu") or ""))
            if len(str(item["waktu"])) < 16:
                raise ValueError
        except ValueError:
            errors.append((i, _("waktu harus ISO 8601, misalnya 2026-11-23T07:31:05+08:00.")))
            continue
        # the machine is kept for a NIP too: a token limited to machines checks it (issue 15)
        punches.append(BarisAbsen(i, _aware(waktu), pin="" if nip else pin, nip=nip, mesin=mesin[:50]))
    return punches, errors


def unique_pins(punches: Iterable[BarisAbsen]) -> dict[str, int]:
    """Punches per PIN (a summary for tests and the clerk)."""
    counts: dict[str, int] = {}
    for p in punches:
        counts[p.pin or p.nip] = counts.get(p.pin or p.nip, 0) + 1
    return counts
