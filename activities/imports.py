"""Import catalog items (KegiatanKatalog) from an xlsx template (issue 4): all or nothing.

Reading the file and checking each row's values touch no database (`read_katalog`, `parse_rows`,
`template_xlsx`); the file-level pieces are the pegawai import's (`accounts.imports`).
`katalog_import` then loads the jabatan and units in the actor's scope once, resolves every row,
and writes the rows through `services.katalog_save` in ONE transaction, or nothing at all: a file
with any bad row imports nothing and lists each bad row as "Baris N: kolom: alasan".
"""

import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from accounts import imports as base
from accounts.models import Jabatan, UnitKerja, User
from accounts.permissions import may_keep_pemda
from accounts.selectors import jabatan_visible_to, unit_visible_to
from core.xlsx import PESAN_RUMUS, looks_like_formula, put

from . import services
from .choices import LingkupKatalog
from .models import KegiatanKatalog

SHEET_KATALOG = "Katalog"
SHEET_JABATAN = "Jabatan"
SHEET_UNIT = "Unit"
# Each row is saved in the request through the service (a few queries each): a catalog of an OPD
# is some hundreds of items, so this many rows stay well inside a proxy's timeout.
MAX_BARIS = 1000
MENIT_MIN, MENIT_MAX = 1, 480

# Column headers are a data contract between the file and this parser: they are not translated.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("nama", "Nama Kegiatan"),
    ("satuan", "Satuan"),
    ("menit", "Menit per Satuan"),
    ("lingkup", "Berlaku Untuk"),
    ("jabatan", "Jabatan"),
    ("unit", "Unit"),
)
HEADERS = tuple(header for _name, header in COLUMNS)
_ALIASES = {
    "KEGIATAN": "nama",
    "NAMA": "nama",
    "SATUAN HASIL": "satuan",
    "MENIT": "menit",
    "MENIT STANDAR": "menit",
    "MENIT STANDAR PER SATUAN": "menit",
    "LINGKUP": "lingkup",
    "BERLAKU": "lingkup",
    "NAMA JABATAN": "jabatan",
    "JABATAN ID": "jabatan",
    "ID JABATAN": "jabatan",
    "UNIT KERJA": "unit",
    "NAMA UNIT": "unit",
    "UNIT ID": "unit",
    "ID UNIT": "unit",
}
_MAPPING = {base.normalise_header(header): name for name, header in COLUMNS} | _ALIASES
_ANCHORS = {header for header, name in _MAPPING.items() if name == "nama"}
_REQUIRED = ("nama", "satuan", "menit")
_LABELS = dict(COLUMNS)
# A service error on a model field is reported under the column it came from.
_SERVICE_FIELDS = {"menit_per_satuan": "menit", "opd": "jabatan", "pemda": "lingkup"}
_LINGKUP = {
    "JABATAN": LingkupKatalog.JABATAN,
    "UNIT": LingkupKatalog.UNIT,
    "UNIT KERJA": LingkupKatalog.UNIT,
    "PEMDA": LingkupKatalog.PEMDA,
    "SELURUH PEMDA": LingkupKatalog.PEMDA,
    "SEMUA": LingkupKatalog.PEMDA,
}

EXAMPLE_ROW = {
    "nama": "Contoh: Menyusun konsep surat dinas",
    "satuan": "surat",
    "menit": 30,
    "lingkup": LingkupKatalog.JABATAN.value,
    "jabatan": "Pengadministrasi Perkantoran",
    "unit": "",
}
WRONG_TYPE = gettext_lazy(
    "Jenis file tidak dapat diimpor. Unggah file Excel (.xlsx) dari template katalog, atau file CSV (.csv)."
)


# --- reading a file (no database) ---------------------------------------------------------------


def _label(tabel: base.Tabel, name: str) -> str:
    return tabel.kolom.get(name) or _LABELS.get(name) or _("Data")


def _is_example(raw: dict[str, Any]) -> bool:
    return base.name_key(base.cell_text(raw.get("nama"))) == base.name_key(EXAMPLE_ROW["nama"])


def read_katalog(nama: str, data: bytes) -> base.Tabel:
    """Read the catalog template (.xlsx, sheet Katalog) or a .csv with the same columns into a Tabel.

    Raises ValidationError with a message for the clerk when the file cannot be used at all.
    """
    rows = base.read_rows(nama, data, sheet=SHEET_KATALOG, max_rows=MAX_BARIS, wrong_type=str(WRONG_TYPE))
    header_at = base.locate_header(rows, _ANCHORS)
    if header_at is None:
        raise ValidationError(
            _(
                "Baris judul dengan kolom Nama Kegiatan tidak ditemukan. Gunakan template dari halaman ini dan "
                "jangan ubah baris judulnya."
            ),
            code="header",
        )
    index, kolom = base.map_columns(rows[header_at][1], _MAPPING)
    missing = [_LABELS[n] for n in _REQUIRED if n not in index]
    if not {"lingkup", "jabatan", "unit"} & index.keys():
        missing.append(_LABELS["lingkup"])
    if missing:
        raise ValidationError(
            _("Kolom wajib tidak ada: %(kolom)s. Gunakan template terbaru dari halaman ini.")
            % {"kolom": ", ".join(missing)},
            code="columns",
        )
    baris = []
    for n, values in rows[header_at + 1 :]:
        raw = base.row_cells(values, index)
        if not _is_example(raw):
            baris.append((n, raw))
    if not baris:
        raise ValidationError(_("File tidak berisi kegiatan: hanya ada baris judul dan contoh."), code="empty")
    if len(baris) > MAX_BARIS:
        raise ValidationError(
            _("File berisi lebih dari %(n)s baris kegiatan. Bagi menjadi beberapa file, lalu unggah satu per satu.")
            % {"n": f"{MAX_BARIS:,}".replace(",", ".")},
            code="rows",
        )
    return base.Tabel(layout="katalog", kolom=kolom, baris=baris)


@dataclass
class Ref:
    """A jabatan or unit as written in a cell: a number is an ID from the template's sheet, else a name."""

    text: str

    @property
    def id(self) -> int | None:
        return int(self.text) if self.text.isdigit() else None

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass
class BarisKatalog:
    """One parsed row; a value is None where its cell was wrong (the reason is in `errors`)."""

    baris: int
    nama: str = ""
    satuan: str = ""
    menit: int | None = None
    lingkup: str | None = None
    jabatan_ref: Ref = field(default_factory=lambda: Ref(""))
    unit_ref: Ref = field(default_factory=lambda: Ref(""))
    jabatan: Jabatan | None = None
    unit: UnitKerja | None = None
    errors: list[base.BarisError] = field(default_factory=list)


def parse_menit(value: Any) -> int:
    """`30`, `30.0`, ` 30 ` → 30; anything else (30.5, `tiga puluh`, empty) raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    if isinstance(value, int):
        return value
    text = base.cell_text(value)
    if not re.fullmatch(r"\d{1,6}", text):
        raise ValueError(text)
    return int(text)


def parse_lingkup(value: Any) -> str | None:
    """`JABATAN`, `Unit kerja`, `seluruh pemda` → the LingkupKatalog value; None when not one."""
    return _LINGKUP.get(base.normalise_header(value))


def parse_rows(tabel: base.Tabel) -> list[BarisKatalog]:
    """Check every row's values (no database); errors go on the row."""
    return [_parse_row(n, raw, tabel) for n, raw in tabel.baris]


def _parse_row(n: int, raw: dict[str, Any], tabel: base.Tabel) -> BarisKatalog:
    """One catalog row read field by field; every problem becomes a BarisError of its column."""
    row = BarisKatalog(baris=n)

    def error(name: str, alasan: str) -> None:
        row.errors.append(base.BarisError(n, _label(tabel, name), alasan))

    _row_text(row, raw, error)
    _row_menit(row, raw, error)
    _row_lingkup(row, raw, tabel, error)
    return row


def _row_text(row: BarisKatalog, raw: dict[str, Any], error) -> None:
    """The name and output unit: required, not too long, no formula."""
    row.nama = " ".join(base.cell_text(raw.get("nama")).split())
    if not row.nama:
        error("nama", _("Nama kegiatan wajib diisi."))
    elif len(row.nama) > 250:
        error("nama", _("Nama kegiatan paling panjang 250 huruf (terisi %(n)d).") % {"n": len(row.nama)})

    row.satuan = " ".join(base.cell_text(raw.get("satuan")).split())
    if not row.satuan:
        error("satuan", _("Satuan hasil wajib diisi, misalnya: surat, dokumen, laporan."))
    elif len(row.satuan) > 50:
        error("satuan", _("Satuan paling panjang 50 huruf (terisi %(n)d).") % {"n": len(row.satuan)})
    for name in ("nama", "satuan"):
        if looks_like_formula(getattr(row, name)):
            error(name, str(PESAN_RUMUS))


def _row_menit(row: BarisKatalog, raw: dict[str, Any], error) -> None:
    """Standard minutes per unit: a whole number within a working day."""
    menit_isi = base.cell_text(raw.get("menit"))
    try:
        row.menit = parse_menit(raw.get("menit"))
    except ValueError:
        if menit_isi:
            error("menit", _("Menit per satuan harus bilangan bulat, misalnya 30 (terisi: %(v)s).") % {"v": menit_isi})
        else:
            error("menit", _("Menit per satuan wajib diisi, misalnya 30."))
    else:
        if not MENIT_MIN <= row.menit <= MENIT_MAX:
            error(
                "menit",
                _("Menit per satuan harus antara %(min)d dan %(max)d (8 jam); terisi %(v)d.")
                % {"min": MENIT_MIN, "max": MENIT_MAX, "v": row.menit},
            )
            row.menit = None


def _row_lingkup(row: BarisKatalog, raw: dict[str, Any], tabel: base.Tabel, error) -> None:
    """What the item applies to (a jabatan, a unit or the whole pemda) and the matching column."""
    row.jabatan_ref = Ref(" ".join(base.cell_text(raw.get("jabatan")).split()))
    row.unit_ref = Ref(" ".join(base.cell_text(raw.get("unit")).split()))
    lingkup_isi = base.cell_text(raw.get("lingkup"))
    if lingkup_isi:
        row.lingkup = parse_lingkup(lingkup_isi)
        if row.lingkup is None:
            error("lingkup", _("%(v)s tidak dikenal; isi JABATAN, UNIT atau PEMDA.") % {"v": lingkup_isi})
    elif row.jabatan_ref:
        row.lingkup = LingkupKatalog.JABATAN
    elif row.unit_ref:
        row.lingkup = LingkupKatalog.UNIT
    else:
        error("lingkup", _("Isi JABATAN, UNIT atau PEMDA, lalu isi kolom Jabatan atau Unit yang sesuai."))

    if row.lingkup == LingkupKatalog.JABATAN and not row.jabatan_ref:
        error("jabatan", _("Isi nama jabatan (salin dari sheet Jabatan) atau ID-nya."))
    elif row.lingkup == LingkupKatalog.UNIT:
        if not row.unit_ref:
            error("unit", _("Isi nama unit kerja (salin dari sheet Unit) atau ID-nya."))
        if row.jabatan_ref:
            error(
                "jabatan",
                _("Kolom Jabatan diisi, padahal berlaku untuk UNIT. Kosongkan Jabatan, atau isi JABATAN di %(k)s.")
                % {"k": _label(tabel, "lingkup")},
            )
    elif row.lingkup == LingkupKatalog.PEMDA and (row.jabatan_ref or row.unit_ref):
        error(
            "jabatan" if row.jabatan_ref else "unit",
            _("Kegiatan untuk seluruh pemda tidak memakai kolom Jabatan dan Unit; kosongkan keduanya."),
        )


# --- checking against the database and writing --------------------------------------------------


class _Lingkup:
    """The active jabatan and units an actor may attach items to, loaded once (no query per row)."""

    def __init__(self, actor: User):
        self.jabatan_by_id: dict[int, Jabatan] = {}
        self.jabatan_by_name: dict[str, list[Jabatan]] = defaultdict(list)
        for j in jabatan_visible_to(actor).filter(aktif=True).select_related(None).select_related("unit", "opd"):
            self.jabatan_by_id[j.pk] = j
            self.jabatan_by_name[base.name_key(j.nama)].append(j)
        self.unit_by_id: dict[int, UnitKerja] = {}
        self.unit_by_name: dict[str, list[UnitKerja]] = defaultdict(list)
        for u in unit_visible_to(actor).filter(aktif=True):
            self.unit_by_id[u.pk] = u
            self.unit_by_name[base.name_key(u.nama)].append(u)
        self.may_pemda = may_keep_pemda(actor)
        if actor.is_superadmin:
            self.where = ""
        elif actor.is_hr_pemda:
            self.where = _(" di pemda Anda")
        else:
            self.where = _(" di OPD Anda")

    @staticmethod
    def _matches(unit: UnitKerja, ref: Ref) -> bool:
        return unit.pk == ref.id or base.name_key(unit.nama) == base.name_key(ref.text)

    def jabatan(self, row: BarisKatalog) -> tuple[Jabatan | None, str]:
        ref = row.jabatan_ref
        if ref.id is not None:
            found = self.jabatan_by_id.get(ref.id)
            if found is None:
                return None, _("Jabatan ID %(id)d tidak ditemukan%(di)s (lihat kolom ID di sheet Jabatan).") % {
                    "id": ref.id,
                    "di": self.where,
                }
            return found, ""
        candidates = self.jabatan_by_name.get(base.name_key(ref.text), [])
        if not candidates:
            return None, _('Jabatan "%(j)s" tidak ditemukan%(di)s. Salin namanya dari sheet Jabatan.') % {
                "j": ref.text,
                "di": self.where,
            }
        if row.unit_ref:
            # the Unit column may name the jabatan's unit or its OPD, to tell apart posts of one name
            narrowed = [
                j for j in candidates if self._matches(j.unit, row.unit_ref) or self._matches(j.opd, row.unit_ref)
            ]
            if not narrowed:
                return None, _('Tidak ada jabatan "%(j)s" di unit "%(u)s".') % {"j": ref.text, "u": row.unit_ref.text}
            candidates = narrowed
        if len(candidates) > 1:
            units = ", ".join(sorted({j.unit.nama for j in candidates})[:5])
            return None, _(
                'Ada %(n)d jabatan bernama "%(j)s" (%(units)s). Tulis ID jabatan dari sheet Jabatan, atau nama unitnya '
                "di kolom Unit."
            ) % {"n": len(candidates), "j": ref.text, "units": units}
        return candidates[0], ""

    def unit(self, row: BarisKatalog) -> tuple[UnitKerja | None, str]:
        ref = row.unit_ref
        if ref.id is not None:
            found = self.unit_by_id.get(ref.id)
            if found is None:
                return None, _("Unit ID %(id)d tidak ditemukan%(di)s (lihat kolom ID di sheet Unit).") % {
                    "id": ref.id,
                    "di": self.where,
                }
            return found, ""
        candidates = self.unit_by_name.get(base.name_key(ref.text), [])
        if not candidates:
            return None, _('Unit kerja "%(u)s" tidak ditemukan%(di)s. Salin namanya dari sheet Unit.') % {
                "u": ref.text,
                "di": self.where,
            }
        if len(candidates) > 1:
            where = ", ".join(sorted({(u.parent.nama if u.parent_id else u.nama) for u in candidates})[:5])
            return None, _('Ada %(n)d unit bernama "%(u)s" (di bawah: %(where)s). Tulis ID unit dari sheet Unit.') % {
                "n": len(candidates),
                "u": ref.text,
                "where": where,
            }
        return candidates[0], ""


def _target_key(row: BarisKatalog) -> tuple:
    return (
        base.name_key(row.nama),
        row.lingkup,
        row.jabatan.pk if row.jabatan else None,
        row.unit.pk if row.unit else None,
    )


def _check_against_db(actor: User, rows: list[BarisKatalog], tabel: base.Tabel) -> None:
    """Each row's jabatan or unit found among those the actor keeps, and no item twice."""
    lingkup = _Lingkup(actor)
    _resolve_targets(lingkup, rows, tabel)
    # The same item twice (in the file, or already in the catalog) would be offered twice to pegawai.
    names = _check_file_duplicates(rows, tabel)
    if names:
        _check_catalog_duplicates(actor, lingkup, rows, tabel, names)


def _resolve_targets(lingkup: _Lingkup, rows: list[BarisKatalog], tabel: base.Tabel) -> None:
    for row in rows:
        if row.errors:
            continue
        if row.lingkup == LingkupKatalog.JABATAN:
            row.jabatan, alasan = lingkup.jabatan(row)
            if row.jabatan is None:
                row.errors.append(base.BarisError(row.baris, _label(tabel, "jabatan"), alasan))
        elif row.lingkup == LingkupKatalog.UNIT:
            row.unit, alasan = lingkup.unit(row)
            if row.unit is None:
                row.errors.append(base.BarisError(row.baris, _label(tabel, "unit"), alasan))
        elif row.lingkup == LingkupKatalog.PEMDA and not lingkup.may_pemda:
            row.errors.append(
                base.BarisError(
                    row.baris,
                    _label(tabel, "lingkup"),
                    _(
                        "Kegiatan untuk seluruh pemda hanya dapat ditambahkan oleh BKPSDM (HR pemda). "
                        "Isi JABATAN atau UNIT."
                    ),
                )
            )


def _check_file_duplicates(rows: list[BarisKatalog], tabel: base.Tabel) -> set[str]:
    """A row repeating an earlier row of the file is an error; the names of the rows still valid."""
    first_row: dict[tuple, int] = {}
    for row in rows:
        if row.errors:
            continue
        key = _target_key(row)
        if key in first_row:
            row.errors.append(
                base.BarisError(
                    row.baris,
                    _label(tabel, "nama"),
                    _("Kegiatan yang sama sudah ada di baris %(n)d file ini.") % {"n": first_row[key]},
                )
            )
        else:
            first_row[key] = row.baris
    return {key[0] for key in first_row}


def _check_catalog_duplicates(
    actor: User, lingkup: _Lingkup, rows: list[BarisKatalog], tabel: base.Tabel, names: set[str]
) -> None:
    """A row naming an item the catalog already has (active or not) is an error."""
    existing = {}
    pemda_ids = {j.pemda_id for j in lingkup.jabatan_by_id.values()} | {u.pemda_id for u in lingkup.unit_by_id.values()}
    if actor.pemda_id:
        pemda_ids.add(actor.pemda_id)
    for item in KegiatanKatalog.objects.filter(pemda_id__in=pemda_ids).only(
        "pk", "nama", "lingkup", "jabatan_id", "unit_id", "aktif"
    ):
        key = (base.name_key(item.nama), item.lingkup, item.jabatan_id, item.unit_id)
        if key[0] in names:
            existing[key] = item
    for row in rows:
        if row.errors or (item := existing.get(_target_key(row))) is None:
            continue
        if item.aktif:
            alasan = _("Kegiatan ini sudah ada di katalog (ID %(id)d). Ubah lewat halaman Katalog Kegiatan.")
        else:
            alasan = _(
                "Kegiatan ini sudah ada di katalog tetapi tidak aktif (ID %(id)d). Aktifkan lagi lewat halaman "
                "Katalog Kegiatan."
            )
        row.errors.append(base.BarisError(row.baris, _label(tabel, "nama"), alasan % {"id": item.pk}))


def _service_errors(exc: ValidationError, row: BarisKatalog, tabel: base.Tabel) -> list[base.BarisError]:
    if hasattr(exc, "error_dict"):
        return [
            base.BarisError(row.baris, _label(tabel, _SERVICE_FIELDS.get(name, name)), message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [base.BarisError(row.baris, _("Data"), message) for message in exc.messages]


def _column_order(tabel: base.Tabel):
    order = {_label(tabel, name): i for i, (name, _header) in enumerate(COLUMNS)}

    def key(error: base.BarisError):
        return (error.baris, order.get(error.kolom, len(order)), error.alasan)

    return key


def katalog_import(*, actor: User, tabel: base.Tabel) -> base.HasilImpor:
    """Add every item of a file to the catalog, or none of them (issue 4: all or nothing).

    Every row is checked first (values, then jabatan/unit in the actor's scope, then duplicates);
    the rows that pass are written through `services.katalog_save` in one transaction, which also
    surfaces what only the service knows. If anything failed, the whole transaction rolls back, so
    the clerk sees every reason in one pass and nothing is half-imported.
    """
    rows = parse_rows(tabel)
    _check_against_db(actor, rows, tabel)
    ready = [r for r in rows if not r.errors]
    with transaction.atomic():
        for row in ready:
            try:
                services.katalog_save(
                    actor=actor,
                    lingkup=row.lingkup,
                    jabatan=row.jabatan,
                    unit=row.unit,
                    nama=row.nama,
                    satuan=row.satuan,
                    menit_per_satuan=row.menit,
                    aktif=True,
                )
            except ValidationError as exc:
                row.errors.extend(_service_errors(exc, row, tabel))
            except PermissionDenied as exc:
                kolom = {LingkupKatalog.UNIT: "unit", LingkupKatalog.PEMDA: "lingkup"}.get(row.lingkup, "jabatan")
                row.errors.append(base.BarisError(row.baris, _label(tabel, kolom), str(exc)))
        errors = sorted((e for r in rows for e in r.errors), key=_column_order(tabel))
        if errors:
            transaction.set_rollback(True)
    return base.HasilImpor(dibuat=0 if errors else len(ready), total=len(rows), errors=errors)


# --- the template (no database: the caller passes what is in scope) -----------------------------

PETUNJUK: tuple[tuple[bool, Any], ...] = (
    (True, gettext_lazy("Cara mengisi template impor katalog kegiatan")),
    (False, ""),
    (False, gettext_lazy("1. Isi sheet Katalog: satu baris untuk satu kegiatan, mulai baris 3.")),
    (
        False,
        gettext_lazy(
            "   Baris 2 adalah contoh. Baris contoh boleh dihapus atau dibiarkan; baris itu tidak ikut diimpor."
        ),
    ),
    (False, gettext_lazy("   Jangan mengubah atau menghapus baris judul (baris 1).")),
    (False, gettext_lazy("2. Simpan file sebagai Excel (.xlsx), lalu unggah di halaman Impor Katalog Kegiatan.")),
    (
        False,
        gettext_lazy(
            "3. Jika ada satu saja baris yang salah, TIDAK ADA kegiatan yang disimpan. Halaman impor menampilkan "
            "nomor baris dan alasannya. Perbaiki baris tersebut, lalu unggah lagi."
        ),
    ),
    (False, ""),
    (True, gettext_lazy("Isi setiap kolom")),
    (
        False,
        gettext_lazy("Nama Kegiatan (wajib): nama kegiatan seperti yang dipilih pegawai, paling panjang 250 huruf."),
    ),
    (False, gettext_lazy("Satuan (wajib): satuan hasil kerja, misalnya surat, dokumen, laporan, berkas.")),
    (
        False,
        gettext_lazy(
            "Menit per Satuan (wajib): waktu standar untuk menghasilkan satu satuan, bilangan bulat 1 sampai 480."
        ),
    ),
    (
        False,
        gettext_lazy(
            "Berlaku Untuk: JABATAN (hanya pemegang satu jabatan), UNIT (semua pegawai di satu unit kerja dan unit "
            "di bawahnya) atau PEMDA (seluruh pegawai pemda; hanya BKPSDM/HR pemda)."
        ),
    ),
    (
        False,
        gettext_lazy(
            "Jabatan: untuk JABATAN, salin nama jabatan dari sheet Jabatan, atau tulis angka ID-nya. Jika ada "
            "beberapa jabatan dengan nama yang sama, tulis ID-nya."
        ),
    ),
    (
        False,
        gettext_lazy(
            "Unit: untuk UNIT, salin nama unit kerja dari sheet Unit, atau tulis angka ID-nya. Untuk JABATAN boleh "
            "diisi nama unitnya agar jabatan bernama sama dapat dibedakan."
        ),
    ),
    (False, gettext_lazy("Untuk PEMDA, kosongkan kolom Jabatan dan Unit.")),
    (False, ""),
    (True, gettext_lazy("Setelah impor")),
    (
        False,
        gettext_lazy(
            "Kegiatan langsung aktif dan dapat dipilih pegawai. Mengubah atau menonaktifkan kegiatan dilakukan di "
            "halaman Katalog Kegiatan; kegiatan yang sudah ada tidak diimpor dua kali."
        ),
    ),
)
_WIDTHS = {"nama": 50, "satuan": 16, "menit": 18, "lingkup": 18, "jabatan": 40, "unit": 32}
_TEXT_COLUMNS = {"nama", "satuan", "lingkup", "jabatan", "unit"}


def template_xlsx(jabatan: Iterable[Jabatan], units: Iterable[UnitKerja], *, may_pemda: bool) -> bytes:
    """The import template: sheet Katalog (header, example row, dropdowns), Petunjuk, and the jabatan
    and units in scope on sheets Jabatan and Unit.

    `jabatan` should come with `unit` and `opd` selected and `units` with `parent` and `opd`, so
    that building the file runs no query.
    """
    jabatan, units = list(jabatan), list(units)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_KATALOG
    letters = {name: get_column_letter(i) for i, (name, _h) in enumerate(COLUMNS, start=1)}
    example = dict(EXAMPLE_ROW)
    if jabatan:
        example["jabatan"] = jabatan[0].nama
    for i, (name, header) in enumerate(COLUMNS, start=1):
        cell = put(ws, 1, i, header)
        base.style_header(cell)
        cell.alignment = Alignment(vertical="center")
        dim = ws.column_dimensions[letters[name]]
        dim.width = _WIDTHS[name]
        if name in _TEXT_COLUMNS:
            dim.number_format = "@"
        sample = put(ws, 2, i, example[name])
        sample.font = Font(italic=True, color="555555")
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22

    last = MAX_BARIS + 1
    choices = [c for c in LingkupKatalog.values if may_pemda or c != LingkupKatalog.PEMDA]
    dv = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True)
    dv.error = str(gettext_lazy("Pilih salah satu isian dari daftar."))
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(f"{letters['lingkup']}2:{letters['lingkup']}{last}")
    dv = DataValidation(type="whole", operator="between", formula1=str(MENIT_MIN), formula2=str(MENIT_MAX))
    dv.error = str(gettext_lazy("Isi bilangan bulat 1 sampai 480."))
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(f"{letters['menit']}2:{letters['menit']}{last}")
    # Names are offered from the reference sheets, but typing is allowed (an ID, or a repeated name).
    for name, sheet, count in (("jabatan", SHEET_JABATAN, len(jabatan)), ("unit", SHEET_UNIT, len(units))):
        if count:
            dv = DataValidation(type="list", formula1=f"={sheet}!$B$2:$B${count + 1}", allow_blank=True)
            dv.showErrorMessage = False
            ws.add_data_validation(dv)
            dv.add(f"{letters[name]}2:{letters[name]}{last}")

    base.add_petunjuk_sheet(wb, PETUNJUK)
    base.add_list_sheet(
        wb,
        SHEET_JABATAN,
        (("ID", 8), ("Nama Jabatan", 48), ("Unit Kerja", 36), ("OPD", 40)),
        ((j.pk, j.nama, j.unit.nama, j.opd.nama) for j in jabatan),
    )
    base.add_list_sheet(
        wb,
        SHEET_UNIT,
        (("ID", 8), ("Nama Unit", 44), ("Unit Induk", 36), ("OPD", 40)),
        ((u.pk, u.nama, u.parent.nama if u.parent_id else "", u.opd.nama if u.opd_id else u.nama) for u in units),
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
