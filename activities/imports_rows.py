"""The activity catalog's file: its columns and the check of each row's values (no database)."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import Jabatan, UnitKerja
from core import imports as base
from core.xlsx import PESAN_RUMUS, looks_like_formula

from .choices import LingkupKatalog

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


def label(tabel: base.Tabel, name: str) -> str:
    """The header of a field as the file wrote it, else the template's."""
    return tabel.kolom.get(name) or _LABELS.get(name) or _("Data")


def is_example(raw: dict[str, Any]) -> bool:
    return base.name_key(base.cell_text(raw.get("nama"))) == base.name_key(EXAMPLE_ROW["nama"])


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
        row.errors.append(base.BarisError(n, label(tabel, name), alasan))

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
                % {"k": label(tabel, "lingkup")},
            )
    elif row.lingkup == LingkupKatalog.PEMDA and (row.jabatan_ref or row.unit_ref):
        error(
            "jabatan" if row.jabatan_ref else "unit",
            _("Kegiatan untuk seluruh pemda tidak memakai kolom Jabatan dan Unit; kosongkan keduanya."),
        )
