"""Punches in (issue 5): fingerprint-machine files, PIN mapping and the integration API.

Two layers. Parsing (`parse_attlog`, `parse_tabel`, `parse_berkas`, `parse_api_items`) reads text
or a spreadsheet into `BarisAbsen` with line numbers and touches no database. `absen_impor` and
`absen_api_simpan` then map PIN/NIP to pegawai with a handful of set queries (never one per line)
and write every punch in ONE transaction, or nothing at all: a file with any bad line imports
nothing and lists each bad line (issue 5, "A file with errors imports nothing").

A punch already stored (a re-upload, an overlapping file) is skipped and counted; a double read of
the same finger seconds apart is kept, since the day computation takes the first and last punch.
"""

import hashlib
import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from accounts.imports import cell_text, locate_header, map_columns, read_rows, row_cells
from accounts.imports.rows import parse_date
from accounts.models import Pegawai, User
from accounts.permissions import ensure, is_hr, is_org_admin
from accounts.rules import parse_nip
from accounts.selectors import pegawai_visible_to
from core.jobs import job_finish, job_run, job_start

from ..choices import SumberAbsen
from ..models import Absen, CakupanAbsen, ImporAbsen, PinMesin, TokenIntegrasi
from ..selectors import token_visible_to

logger = logging.getLogger(__name__)

ATTLOG_TYPES = (".dat", ".txt", ".log", "")
TABEL_TYPES = (".xlsx", ".csv")
MAX_ATTLOG_BYTES = 20 * 1024 * 1024  # a month of 5,000 people is ~4 MB of ATTLOG
MAX_ABSEN = 300_000  # punch lines per file
MAX_ERRORS = 200  # a wrong file can fail on every line; the first ones show why
BATCH = 5000
MAX_API_ITEMS = 20_000


@dataclass(frozen=True, slots=True)
class BarisAbsen:
    """One punch as read: a machine PIN or a NIP, and an aware time; `baris` is the line number."""

    baris: int
    waktu: datetime
    pin: str = ""
    nip: str = ""
    mesin: str = ""


@dataclass
class HasilImpor:
    """What an import did, for the clerk: new punches, those already stored, whom and which dates."""

    total: int = 0
    baru: int = 0
    sudah_ada: int = 0
    pegawai: int = 0
    mulai: date | None = None
    selesai: date | None = None
    errors: list[str] = field(default_factory=list)  # "Baris N: alasan", at most MAX_ERRORS
    jumlah_error: int = 0
    pin_tidak_dikenal: list[str] = field(default_factory=list)
    impor: ImporAbsen | None = None
    pernah_diunggah: datetime | None = None  # the same file content came before
    dihitung_ulang: bool | None = None  # None: the day computation is not available yet
    api_errors: list[tuple[int, str]] = field(default_factory=list)  # (item index, reason) for the API

    @property
    def ok(self) -> bool:
        return not self.jumlah_error

    @property
    def errors_hidden(self) -> int:
        return max(self.jumlah_error - len(self.errors), 0)


class _Errors:
    """Line errors, capped for display but fully counted."""

    def __init__(self, cap: int = MAX_ERRORS):
        self.cap = cap
        self.items: list[tuple[int, str]] = []
        self.count = 0

    def add(self, baris: int, alasan: str) -> None:
        self.count += 1
        if len(self.items) < self.cap:
            self.items.append((baris, alasan))

    def __bool__(self) -> bool:
        return self.count > 0

    def lines(self) -> list[str]:
        return [_("Baris %(n)d: %(alasan)s") % {"n": n, "alasan": alasan} for n, alasan in sorted(self.items)]


# --- parsing (no database) ----------------------------------------------------------------------


def _extension(nama: str) -> str:
    nama = (nama or "").lower().strip()
    return nama[nama.rfind(".") :] if "." in nama.rsplit("/", 1)[-1] else ""


def _aware(value: datetime) -> datetime:
    """Machines write local wall-clock time (settings.TIME_ZONE, WITA); an explicit offset is kept."""
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


_PIN = re.compile(r"[0-9A-Za-z_\-]{1,30}")


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
        if not _PIN.fullmatch(pin):
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
    header_at = locate_header(rows, {"NIP", "NIP BARU", "PIN", "USER ID", "ID PENGGUNA"})
    if header_at is None:
        raise ValidationError(
            _("Baris judul tidak ditemukan. Baris pertama harus berisi judul kolom NIP (atau PIN) dan Waktu."),
            code="header",
        )
    index, _kolom = map_columns(rows[header_at][1], _TABEL_HEADERS)
    if "waktu" not in index and not ("tanggal" in index and "jam" in index):
        raise ValidationError(
            _("Kolom Waktu tidak ada. Isi kolom Waktu (tanggal dan jam), atau dua kolom Tanggal dan Jam."),
            code="columns",
        )
    punches: list[BarisAbsen] = []
    errors: list[tuple[int, str]] = []
    for n, values in rows[header_at + 1 :]:
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
    ext = _extension(nama)
    if ext == ".xls":
        raise ValidationError(
            _("File .xls (Excel lama) belum dapat dibaca. Simpan sebagai Excel Workbook (.xlsx), lalu unggah lagi."),
            code="xls",
        )
    if ext in TABEL_TYPES:
        head = _decode(data[:4096]) if ext == ".csv" else ""
        first = next((line for line in head.splitlines() if line.strip()), "")
        if (
            ext == ".csv"
            and first.split()
            and _PIN.fullmatch(first.split()[0])
            and re.search(r"\d{4}-\d\d-\d\d", first)
        ):
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
        elif not _PIN.fullmatch(pin):
            errors.append((i, _("isi nip, atau pin (dan mesin).")))
            continue
        try:
            waktu = datetime.fromisoformat(str(item.get("waktu") or ""))
            if len(str(item["waktu"])) < 16:
                raise ValueError
        except ValueError:
            errors.append((i, _("waktu harus ISO 8601, misalnya 2026-11-23T07:31:05+08:00.")))
            continue
        punches.append(BarisAbsen(i, _aware(waktu), pin="" if nip else pin, nip=nip, mesin="" if nip else mesin))
    return punches, errors


# --- mapping and writing -----------------------------------------------------------------------


def _resolve(
    punches: list[BarisAbsen], *, pemda_id: int | None, scope: QuerySet[Pegawai], errors: _Errors
) -> tuple[list[tuple[int, int, datetime, str]], list[str]]:
    """PIN → pegawai (machine-specific mapping first, then mesin ""), NIP → pegawai; then scope.

    Returns ((line, pegawai_id, waktu, mesin) for the good punches, unknown PINs). Five queries at
    most, whatever the number of lines.
    """
    pins = {p.pin for p in punches if p.pin}
    nips = {p.nip for p in punches if p.nip}
    pin_map: dict[tuple[str, str], int] = {}
    if pins and pemda_id is not None:
        mesins = {p.mesin for p in punches if p.pin} | {""}
        rows = PinMesin.objects.filter(pemda_id=pemda_id, pin__in=pins, mesin__in=mesins)
        pin_map = {(m, pin): pid for m, pin, pid in rows.values_list("mesin", "pin", "pegawai_id")}
    nip_map = dict(Pegawai.objects.filter(nip__in=nips).values_list("nip", "pk")) if nips else {}

    mapped: list[tuple[int, int, datetime, str]] = []
    unknown: dict[str, None] = {}
    for p in punches:
        if p.pin:
            pid = pin_map.get((p.mesin, p.pin)) or pin_map.get(("", p.pin))
            if pid is None:
                unknown.setdefault(p.pin)
                if pemda_id is None:
                    errors.add(p.baris, _("PIN hanya dapat dipakai oleh akun yang terikat pada satu pemda."))
                else:
                    errors.add(
                        p.baris,
                        _("PIN %(pin)s belum dihubungkan dengan pegawai (halaman ID mesin absen).") % {"pin": p.pin},
                    )
                continue
        else:
            pid = nip_map.get(p.nip)
            if pid is None:
                errors.add(p.baris, _("NIP %(nip)s tidak terdaftar di E-Kinerja.") % {"nip": p.nip})
                continue
        mapped.append((p.baris, pid, p.waktu, p.mesin))

    ids = {m[1] for m in mapped}
    if ids:
        allowed = set(scope.filter(pk__in=ids).values_list("pk", flat=True))
        if outside := ids - allowed:
            names = dict(Pegawai.objects.filter(pk__in=outside).values_list("pk", "nip"))
            for baris, pid, _w, _m in mapped:
                if pid in outside:
                    errors.add(
                        baris,
                        _("pegawai NIP %(nip)s bukan pegawai di lingkup Anda; absennya tidak dapat diimpor di sini.")
                        % {"nip": names.get(pid, "?")},
                    )
    return mapped, list(unknown)


def _write(
    mapped: list[tuple[int, int, datetime, str]], *, sumber: str, impor: ImporAbsen | None
) -> tuple[int, int, dict[int, tuple[date, date]]]:
    """Insert the punches not yet stored. Returns (new, already stored, pegawai → new date range)."""
    unique: dict[tuple[int, datetime], str] = {}
    for _b, pid, waktu, mesin in mapped:
        unique.setdefault((pid, waktu), mesin)
    if not unique:
        return 0, 0, {}
    ids = {k[0] for k in unique}
    lo, hi = min(k[1] for k in unique), max(k[1] for k in unique)
    existing = set(Absen.objects.filter(pegawai_id__in=ids, waktu__range=(lo, hi)).values_list("pegawai_id", "waktu"))
    info = {
        pk: (pemda_id, opd_id)
        for pk, pemda_id, opd_id in Pegawai.objects.filter(pk__in=ids).values_list("pk", "pemda_id", "opd_id")
    }
    new = [k for k in unique if k not in existing]
    rows = [
        Absen(
            pemda_id=info[pid][0], pegawai_id=pid, waktu=waktu, sumber=sumber, mesin=unique[(pid, waktu)], impor=impor
        )
        for pid, waktu in new
    ]
    for i in range(0, len(rows), BATCH):
        # ignore_conflicts: a punch another upload stored meanwhile is skipped, not an error
        Absen.objects.bulk_create(rows[i : i + BATCH], ignore_conflicts=True)
    _cakupan_perbarui(unique, info)
    baru = Absen.objects.filter(impor=impor).count() if impor is not None else len(new)
    tz = timezone.get_current_timezone()
    ranges: dict[int, tuple[date, date]] = {}
    for pid, waktu in new:
        d = waktu.astimezone(tz).date()
        a, b = ranges.get(pid, (d, d))
        ranges[pid] = (min(a, d), max(b, d))
    return baru, len(unique) - baru, ranges


def _cakupan_perbarui(punches: Iterable[tuple[int, datetime]], info: dict[int, tuple[int, int | None]]) -> None:
    """Record how far each OPD's punches have been received (issue 13: a day is final once the data
    reaches a later day). Punches already stored count too: a file sent again still proves its days.
    A punch from a machine whose clock runs ahead counts only up to now."""
    now = timezone.now()
    per_opd: dict[int, tuple[int, datetime]] = {}
    for pid, waktu in punches:
        pemda_id, opd_id = info[pid]
        if opd_id is not None and (opd_id not in per_opd or waktu > per_opd[opd_id][1]):
            per_opd[opd_id] = (pemda_id, min(waktu, now))
    for opd_id, (pemda_id, sampai) in per_opd.items():
        _obj, created = CakupanAbsen.objects.get_or_create(
            opd_id=opd_id, defaults={"pemda_id": pemda_id, "sampai": sampai}
        )
        if not created:  # a conditional UPDATE: an older file uploaded later never moves it back
            CakupanAbsen.objects.filter(opd_id=opd_id, sampai__lt=sampai).update(sampai=sampai)


def _recompute(ranges: dict[int, tuple[date, date]]) -> bool | None:
    """Recompute the day statuses the new punches touch (attendance/services/hari.py)."""
    if not ranges:
        return True
    try:
        from .hari import hari_recompute
    except (ImportError, AttributeError):
        # The day computation is written in parallel; until it exists, punches wait for its first run.
        logger.warning("absen: hari_recompute not available; day statuses not recomputed")
        return None
    start = min(r[0] for r in ranges.values())
    end = max(r[1] for r in ranges.values())
    hari_recompute(pegawai_ids=sorted(ranges), start=start, end=end)
    return True


def _pemda_of(actor: User) -> int | None:
    return actor.pemda_id


def absen_impor(*, actor: User, nama_file: str, data: bytes, mesin: str = "") -> HasilImpor:
    """Import a machine file all-or-nothing (issue 5): any bad line → nothing stored, each line reported.

    PINs map through PinMesin of the actor's pemda (the file's machine first, then "any machine");
    NIPs directly. Pegawai must be in the actor's scope (admin OPD: their OPD; HR: their pemda).
    """
    ensure(is_org_admin(actor), _("Hanya admin kepegawaian yang dapat mengimpor data absen."))
    mesin = (mesin or "").strip()[:50]
    punches, line_errors = parse_berkas(nama_file, data, mesin=mesin)
    errors = _Errors()
    for n, alasan in line_errors:
        errors.add(n, alasan)
    pemda_id = _pemda_of(actor)
    mapped, unknown = _resolve(punches, pemda_id=pemda_id, scope=pegawai_visible_to(actor), errors=errors)
    hasil = HasilImpor(total=len(punches) + len(line_errors), pin_tidak_dikenal=unknown)
    if errors:
        hasil.errors, hasil.jumlah_error = errors.lines(), errors.count
        return hasil

    sha = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        impor_pemda = pemda_id or Pegawai.objects.filter(pk=mapped[0][1]).values_list("pemda_id", flat=True).first()
        before = ImporAbsen.objects.filter(pemda_id=impor_pemda, sha256=sha).order_by("dibuat").first()
        impor = ImporAbsen.objects.create(
            pemda_id=impor_pemda, nama_file=nama_file[:255], sha256=sha, jumlah_baris=len(punches), dibuat_oleh=actor
        )
        baru, sudah_ada, ranges = _write(mapped, sumber=SumberAbsen.BERKAS, impor=impor)
        ImporAbsen.objects.filter(pk=impor.pk).update(jumlah_baru=baru)
        impor.jumlah_baru = baru
    hasil.impor, hasil.baru, hasil.sudah_ada = impor, baru, sudah_ada
    hasil.pernah_diunggah = before.dibuat if before else None
    hasil.pegawai = len({m[1] for m in mapped})
    tz = timezone.get_current_timezone()
    hasil.mulai = min(m[2] for m in mapped).astimezone(tz).date()
    hasil.selesai = max(m[2] for m in mapped).astimezone(tz).date()
    hasil.dihitung_ulang = _recompute(ranges)
    return hasil


def absen_api_simpan(*, token: TokenIntegrasi, payload: Any) -> HasilImpor:
    """Store punches an integration posts, all-or-nothing; the token's pemda scopes every lookup.

    Errors are (item index, reason) in `hasil.errors` as "Baris i: …" and, raw, in `api_errors`.
    """
    punches, item_errors = parse_api_items(payload)
    errors = _Errors(cap=1000)
    for i, alasan in item_errors:
        errors.add(i, alasan)
    scope = Pegawai.objects.filter(pemda_id=token.pemda_id)
    mapped, unknown = _resolve(punches, pemda_id=token.pemda_id, scope=scope, errors=errors)
    hasil = HasilImpor(total=len(punches) + len(item_errors), pin_tidak_dikenal=unknown)
    if errors:
        hasil.jumlah_error = errors.count
        hasil.api_errors = sorted(errors.items)
        return hasil
    with transaction.atomic():
        baru, sudah_ada, ranges = _write(mapped, sumber=SumberAbsen.API, impor=None)
    hasil.baru, hasil.sudah_ada = baru, sudah_ada
    hasil.pegawai = len({m[1] for m in mapped})
    hasil.dihitung_ulang = _recompute(ranges)
    return hasil


# --- PIN mapping and tokens --------------------------------------------------------------------


def pin_mesin_create(*, actor: User, pegawai: Pegawai, pin: str, mesin: str = "") -> PinMesin:
    """Link a machine PIN to a pegawai in the actor's scope; a PIN is unique per pemda and machine."""
    if not pegawai_visible_to(actor).filter(pk=pegawai.pk).exists():
        raise PermissionDenied(_("Pegawai ini di luar lingkup Anda."))
    pin, mesin = pin.strip(), (mesin or "").strip()
    if not _PIN.fullmatch(pin):
        raise ValidationError({"pin": _("PIN berisi angka atau huruf saja, paling banyak 30.")})
    taken = PinMesin.objects.filter(pemda_id=pegawai.pemda_id, mesin=mesin, pin=pin).select_related("pegawai").first()
    if taken is not None:
        raise ValidationError(
            {"pin": _("PIN %(pin)s sudah dipakai untuk %(nama)s.") % {"pin": pin, "nama": taken.pegawai.nama_lengkap}}
        )
    row = PinMesin(pemda_id=pegawai.pemda_id, pegawai=pegawai, pin=pin, mesin=mesin)
    row.full_clean()
    row.save()
    return row


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(*, actor: User, nama: str, pemda=None) -> tuple[TokenIntegrasi, str]:
    """A new integration token: returns the row and the raw token, shown once; only its sha256 is kept."""
    ensure(is_hr(actor), _("Hanya HR pemda yang dapat membuat token integrasi."))
    pemda_id = actor.pemda_id or (pemda.pk if pemda else None)
    if pemda_id is None:
        raise ValidationError({"pemda": _("Pilih pemda token ini.")})
    raw = "ekt_" + secrets.token_urlsafe(32)
    token = TokenIntegrasi(pemda_id=pemda_id, nama=nama.strip(), token_hash=_hash(raw), dibuat_oleh=actor)
    token.full_clean()
    token.save()
    return token, raw


def token_deactivate(*, actor: User, token: TokenIntegrasi) -> None:
    if not token_visible_to(actor).filter(pk=token.pk).exists():
        raise PermissionDenied
    TokenIntegrasi.objects.filter(pk=token.pk).update(aktif=False)


def token_autentikasi(raw: str) -> TokenIntegrasi | None:
    """The active token with this value, its last use stamped; None for anything else."""
    if not raw:
        return None
    token = TokenIntegrasi.objects.filter(token_hash=_hash(raw), aktif=True).first()
    if token is not None:
        now = timezone.now()
        TokenIntegrasi.objects.filter(pk=token.pk).update(terakhir_dipakai=now)
        token.terakhir_dipakai = now
    return token


def unique_pins(punches: Iterable[BarisAbsen]) -> dict[str, int]:
    """Punches per PIN (a summary for tests and the clerk)."""
    counts: dict[str, int] = {}
    for p in punches:
        counts[p.pin or p.nip] = counts.get(p.pin or p.nip, 0) + 1
    return counts


__all__ = [
    "BarisAbsen",
    "HasilImpor",
    "absen_api_simpan",
    "absen_impor",
    "parse_api_items",
    "parse_attlog",
    "parse_berkas",
    "parse_tabel",
    "pin_mesin_create",
    "token_autentikasi",
    "token_create",
    "token_deactivate",
    "unique_pins",
]


# --- large files: a background job -------------------------------------------------------------

# A month of a whole OPD (tens of thousands of lines, ~20 s with the day recomputation) must not
# hang on a proxy timeout: above this many lines the upload runs in the worker with a progress bar.
INLINE_BARIS = 20_000


def absen_impor_job(job_id: int) -> None:
    """Run a stored upload through `absen_impor`; the upload is deleted afterwards."""

    def body(job) -> None:
        path = job.params["upload"]
        try:
            with default_storage.open(path, "rb") as f:
                data = f.read()
            job_start(job_id, total=data.count(b"\n") + 1, message=_("Membaca dan menyimpan data absen"))
            hasil = absen_impor(
                actor=job.created_by, nama_file=job.params["nama"], data=data, mesin=job.params.get("mesin", "")
            )
        finally:
            default_storage.delete(path)
        if hasil.ok:
            message = _("%(baru)d absen baru disimpan, %(ada)d sudah ada sebelumnya.") % {
                "baru": hasil.baru,
                "ada": hasil.sudah_ada,
            }
        else:
            message = _("Tidak ada data yang disimpan: %(n)d baris perlu diperbaiki.") % {"n": hasil.jumlah_error}
        job_finish(
            job_id,
            message=message,
            result={"errors": hasil.errors, "errors_hidden": max(hasil.jumlah_error - len(hasil.errors), 0)},
        )

    job_run(job_id, body)
