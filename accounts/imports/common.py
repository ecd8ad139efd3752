"""What every step of the pegawai import shares: the column layouts, limits and the row type.

The file-level types (`BarisError`, `HasilImpor`, the generic `Tabel`) are `core.imports`'.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core import imports
from core.imports import BarisError

from ..choices import Golongan, JenisPenempatan, KedudukanHukum
from ..models import Jabatan

MAX_BARIS = 5000  # data rows per file; a whole pemda is imported in a few files

TEMPLATE = "template"
SIASN = "siasn"

SHEET_PEGAWAI = "Pegawai"
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
    "siasn_id": "PNS ID",  # SIASN's own id of the ASN: pnsDinilaiId of the BKN bridge (issue 19)
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


# --- the table and its rows -----------------------------------------------------------------------


class Tabel(imports.Tabel):
    """A pegawai file read into rows; a field without a column of its own (the status SIASN implies,
    a service error on a model field) is labelled from _FIELD_LABELS."""

    labels = _FIELD_LABELS


@dataclass
class BarisPegawai:
    """One parsed row; a field is None where its cell was wrong (the reason is in `errors`)."""

    baris: int
    nip: str | None = None
    data: dict[str, Any] = field(default_factory=dict)  # Pegawai fields for services.pegawai_create
    jabatan_nama: str = ""
    jabatan_id: int | None = None
    unit_nama: str = ""
    # a SIASN row of a pegawai already registered (in the actor's scope): only its PNS ID is updated
    terdaftar: Any = None
    jenis_penempatan: str | None = None
    mulai: date | None = None
    nomor_sk: str = ""
    jabatan: Jabatan | None = None
    errors: list[BarisError] = field(default_factory=list)
