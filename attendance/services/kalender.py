"""Writes of the calendar: holidays and cuti bersama (entered or imported), work schedules.

Holidays come each year from the SKB 3 Menteri (RULES.md §3): they are data, loaded by HR pemda.
A new holiday changes the day status of everyone in the pemda on that date, so the days are
recomputed (attendance.services.hari) when that module is there.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import UnitKerja, User
from accounts.permissions import ensure, may_keep_pemda
from core import audit
from core import imports as base
from core.dates import today

from ..models import HariLibur, JadwalHari, JadwalKerja
from ..signals import libur_berubah
from ..tasks import hari_recompute_pemda_task

# --- who --------------------------------------------------------------------------------------


def _pemda_kept_by(actor: User) -> int:
    """The pemda whose calendar the actor keeps (accounts.permissions.may_keep_pemda), else 403."""
    ensure(may_keep_pemda(actor), _("Hanya BKPSDM (HR pemda) yang dapat mengubah kalender kerja."))
    return actor.pemda_id


def _recompute_pemda(pemda_id: int, start: date, end: date | None) -> bool:
    """After commit, recompute every pegawai's days from start to end (never the future) in the worker:
    a calendar change touches the whole pemda, too much for the request."""
    end = min(end or today(), today())
    if start > end:
        return False
    transaction.on_commit(lambda: hari_recompute_pemda_task.delay(pemda_id, start.isoformat(), end.isoformat()))
    return True


# --- holidays ---------------------------------------------------------------------------------


def _libur_errors(pemda_id: int, tanggal: date | None, nama: str, jenis: str | None) -> dict[str, str]:
    errors = {}
    if tanggal is None:
        errors["tanggal"] = _("Isi tanggal libur.")
    elif HariLibur.objects.filter(pemda_id=pemda_id, tanggal=tanggal).exists():
        errors["tanggal"] = _("Tanggal %(t)s sudah tercatat sebagai hari libur.") % {"t": tanggal.strftime("%d-%m-%Y")}
    if not nama:
        errors["nama"] = _("Tulis keterangan hari libur, misalnya: Hari Raya Idul Fitri.")
    elif len(nama) > 150:
        errors["nama"] = _("Keterangan paling panjang 150 huruf.")
    if jenis not in HariLibur.Jenis.values:
        errors["jenis"] = _("Jenis harus Libur nasional, Cuti bersama atau Libur daerah.")
    return errors


_KOLOM_LIBUR = ("tanggal", "nama", "jenis")


@transaction.atomic
def hari_libur_create(*, actor: User, tanggal: date, nama: str, jenis: str) -> HariLibur:
    """Add one holiday or cuti bersama day of the actor's pemda (SKB 3 Menteri; not a working day)."""
    pemda_id = _pemda_kept_by(actor)
    nama = (nama or "").strip()
    if errors := _libur_errors(pemda_id, tanggal, nama, jenis):
        raise ValidationError(errors)
    libur = HariLibur.objects.create(pemda_id=pemda_id, tanggal=tanggal, nama=nama, jenis=jenis)
    audit.catat("harilibur:buat", libur, actor=actor, sesudah=audit.nilai(libur, _KOLOM_LIBUR))
    _recompute_pemda(pemda_id, tanggal, tanggal)
    return libur


# Column headers are a data contract between the file and this parser: they are not translated.
COLUMNS = (("tanggal", "Tanggal"), ("nama", "Keterangan"), ("jenis", "Jenis"))
_LABELS = dict(COLUMNS)
_MAPPING = {base.normalise_header(h): n for n, h in COLUMNS} | {
    "TGL": "tanggal",
    "NAMA": "nama",
    "NAMA LIBUR": "nama",
    "HARI LIBUR": "nama",
    "JENIS LIBUR": "jenis",
}
_JENIS = {
    "": HariLibur.Jenis.LIBUR_NASIONAL,
    "LIBUR NASIONAL": HariLibur.Jenis.LIBUR_NASIONAL,
    "NASIONAL": HariLibur.Jenis.LIBUR_NASIONAL,
    "LIBUR": HariLibur.Jenis.LIBUR_NASIONAL,
    "CUTI BERSAMA": HariLibur.Jenis.CUTI_BERSAMA,
    "CB": HariLibur.Jenis.CUTI_BERSAMA,
    "LIBUR DAERAH": HariLibur.Jenis.LIBUR_DAERAH,
    "DAERAH": HariLibur.Jenis.LIBUR_DAERAH,
}
MAX_BARIS = 200  # a year has some 25 holidays and cuti bersama days
WRONG_TYPE = gettext_lazy("Jenis file tidak dapat diimpor. Unggah file Excel (.xlsx) atau CSV (.csv).")


def read_libur(nama: str, data: bytes) -> base.Tabel:
    """Read an .xlsx (first sheet) or .csv with columns Tanggal, Keterangan, Jenis; no database."""
    rows = base.read_rows(nama, data, sheet="Libur", max_rows=MAX_BARIS, wrong_type=str(WRONG_TYPE))
    header_at = base.header_at(
        rows,
        {"TANGGAL", "TGL"},
        not_found=_("Baris judul dengan kolom Tanggal tidak ditemukan. Baris judul: Tanggal, Keterangan, Jenis."),
    )
    index, kolom = base.map_columns(rows[header_at][1], _MAPPING)
    base.require_columns([_LABELS[n] for n in ("tanggal", "nama") if n not in index], template_hint=False)
    baris = base.data_rows(rows, header_at, index, empty=_("File tidak berisi hari libur: hanya ada baris judul."))
    return base.Tabel(layout="libur", kolom=kolom, baris=baris)


def _parse_jenis(value: Any) -> str | None:
    text = base.normalise_header(value).replace("_", " ")
    if text in HariLibur.Jenis.values:
        return text
    return _JENIS.get(text) or _JENIS.get(text.replace("_", " "))


@dataclass
class _Baris:
    baris: int
    tanggal: date | None = None
    nama: str = ""
    jenis: str | None = None
    errors: list[base.BarisError] = field(default_factory=list)


def _parse(tabel: base.Tabel) -> list[_Baris]:
    rows, seen = [], {}
    for n, raw in tabel.baris:
        row = _Baris(n)

        def error(name: str, alasan: str, row=row) -> None:
            row.errors.append(base.BarisError(row.baris, tabel.kolom.get(name) or _LABELS[name], alasan))

        try:
            row.tanggal = base.parse_date(raw.get("tanggal"))
            if row.tanggal is None:
                error("tanggal", _("wajib diisi."))
        except ValueError:
            error("tanggal", _("bukan tanggal; tulis seperti 17-08-2026."))
        row.nama = base.cell_text(raw.get("nama"))
        if not row.nama:
            error("nama", _("wajib diisi."))
        elif len(row.nama) > 150:
            error("nama", _("paling panjang 150 huruf."))
        row.jenis = _parse_jenis(raw.get("jenis"))
        if row.jenis is None:
            error("jenis", _("tulis Libur nasional, Cuti bersama atau Libur daerah."))
        if row.tanggal is not None:
            if row.tanggal in seen:
                error("tanggal", _("tanggal yang sama sudah ada di baris %(n)d.") % {"n": seen[row.tanggal]})
            else:
                seen[row.tanggal] = n
        rows.append(row)
    return rows


@transaction.atomic
def hari_libur_import(*, actor: User, tabel: base.Tabel) -> base.HasilImpor:
    """Add every holiday of a file, or none (a file with any bad row imports nothing, each reason listed)."""
    pemda_id = _pemda_kept_by(actor)
    rows = _parse(tabel)
    dates = [r.tanggal for r in rows if r.tanggal]
    existing = set(HariLibur.objects.filter(pemda_id=pemda_id, tanggal__in=dates).values_list("tanggal", flat=True))
    for r in rows:
        if r.tanggal in existing:
            r.errors.append(
                base.BarisError(
                    r.baris, tabel.kolom.get("tanggal") or _LABELS["tanggal"], _("sudah tercatat sebagai hari libur.")
                )
            )
    errors = [e for r in rows for e in r.errors]
    if errors:
        return base.HasilImpor(dibuat=0, total=len(rows), errors=errors)
    dibuat = HariLibur.objects.bulk_create(
        HariLibur(pemda_id=pemda_id, tanggal=r.tanggal, nama=r.nama, jenis=r.jenis) for r in rows
    )
    # one audit row per holiday: a file has at most MAX_BARIS (200) of them, so each stays findable by date
    audit.catat_banyak(
        [audit.Entri("harilibur:impor", libur, sesudah=audit.nilai(libur, _KOLOM_LIBUR)) for libur in dibuat],
        actor=actor,
    )
    libur_berubah.send(sender=HariLibur, pemda_id=pemda_id)
    _recompute_pemda(pemda_id, min(r.tanggal for r in rows), max(r.tanggal for r in rows))
    return base.HasilImpor(dibuat=len(rows), total=len(rows), errors=[])


# --- schedules --------------------------------------------------------------------------------

# Perpres 21/2023 / Keppres 68/1995 hours (RULES.md §3): weekday → (masuk, pulang, istirahat).
JAM_DEFAULT: dict[int, tuple[time, time, time, time]] = {
    0: (time(7, 30), time(16, 0), time(12, 0), time(13, 0)),
    1: (time(7, 30), time(16, 0), time(12, 0), time(13, 0)),
    2: (time(7, 30), time(16, 0), time(12, 0), time(13, 0)),
    3: (time(7, 30), time(16, 0), time(12, 0), time(13, 0)),
    4: (time(7, 30), time(16, 30), time(11, 30), time(13, 0)),
}


@transaction.atomic
def jadwal_create(
    *,
    actor: User,
    nama: str,
    berlaku_mulai: date,
    berlaku_selesai: date | None = None,
    unit: UnitKerja | None = None,
    hari: Iterable[Mapping[str, Any]],
) -> JadwalKerja:
    """A work schedule for the pemda or one unit (and its sub-units), with the hours of each weekday worked.

    `hari`: one mapping per worked weekday: hari (0 = Monday), masuk, pulang, istirahat_mulai/selesai.
    """
    pemda_id = _pemda_kept_by(actor)
    errors: dict[str, str] = {}
    nama = (nama or "").strip()
    if not nama:
        errors["nama"] = _("Tulis nama jadwal, misalnya: Jadwal Ramadan 2027.")
    if unit is not None and unit.pemda_id != pemda_id:
        errors["unit"] = _("Unit kerja harus dari pemda Anda.")
    if berlaku_selesai is not None and berlaku_selesai < berlaku_mulai:
        errors["berlaku_selesai"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
    hari = list(hari)
    if not hari:
        errors["__all__"] = _("Isi jam kerja paling sedikit satu hari.")
    for h in hari:
        if h["pulang"] <= h["masuk"]:
            errors[f"pulang_{h['hari']}"] = _("Jam pulang harus sesudah jam masuk.")
        a, b = h.get("istirahat_mulai"), h.get("istirahat_selesai")
        if (a is None) != (b is None):
            errors[f"istirahat_selesai_{h['hari']}"] = _(
                "Isi jam mulai dan selesai istirahat, atau kosongkan keduanya."
            )
        elif a is not None and not (h["masuk"] <= a < b <= h["pulang"]):
            errors[f"istirahat_selesai_{h['hari']}"] = _("Istirahat harus di antara jam masuk dan jam pulang.")
    if errors:
        raise ValidationError(errors)
    jadwal = JadwalKerja.objects.create(
        pemda_id=pemda_id, unit=unit, nama=nama, berlaku_mulai=berlaku_mulai, berlaku_selesai=berlaku_selesai
    )
    JadwalHari.objects.bulk_create(
        JadwalHari(
            pemda_id=pemda_id,
            jadwal=jadwal,
            hari=h["hari"],
            masuk=h["masuk"],
            pulang=h["pulang"],
            istirahat_mulai=h.get("istirahat_mulai"),
            istirahat_selesai=h.get("istirahat_selesai"),
        )
        for h in hari
    )
    audit.catat(
        "jadwalkerja:buat",
        jadwal,
        actor=actor,
        sesudah={
            **audit.nilai(jadwal, ("nama", "unit", "berlaku_mulai", "berlaku_selesai")),
            "hari": [dict(h) for h in hari],
        },
    )
    _recompute_pemda(pemda_id, berlaku_mulai, berlaku_selesai)
    return jadwal
