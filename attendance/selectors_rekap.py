"""The attendance recap HR files (issue 16): days per status and times per TL/PSW band over a month,
a quarter, a semester or a year, per unit and per person, counted in SQL over the stored days.

Each stored day (attendance.HariPresensi; the nightly task stores every day up to yesterday, a
punch upload or an approved request stores theirs at once) counts for the unit of the pegawai's
main posting on that day (the definitive one, else an acting one; `penempatan_utama_of`'s order),
so a person who moved counts in each unit for their own days and a Plt counts once. A fixed number
of queries whatever the number of people, days or units.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from accounts.choices import JenisPenempatan
from accounts.models import Pegawai, Penempatan, UnitKerja

from .choices import StatusHari
from .models import HariPresensi
from .selectors import BANDS

# The statuses of a working day (a holiday or a day off is no column), in StatusHari's order.
STATUS_KERJA = tuple(s for s in StatusHari.values if s != StatusHari.LIBUR)
KOLOM = (*STATUS_KERJA, *BANDS)


def kolom_label() -> list[str]:
    return [*(str(StatusHari(s).label) for s in STATUS_KERJA), *BANDS]


def _agregat() -> dict:
    agg = {f"s_{s}": Count("pk", filter=Q(status=s)) for s in STATUS_KERJA}
    for b in BANDS:
        agg[f"b_{b}"] = Count("pk", filter=Q(band_tl=b) if b.startswith("TL") else Q(band_psw=b))
    return agg


def unit_utama(field_name: str = "jabatan__unit_id") -> Subquery:
    """The unit of the pegawai's main posting on the row's date (a correlated subquery)."""
    postings = (
        Penempatan.objects.filter(pegawai_id=OuterRef("pegawai_id"), mulai__lte=OuterRef("tanggal"))
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=OuterRef("tanggal")))
        .annotate(
            _acting=Case(When(jenis=JenisPenempatan.DEFINITIF, then=Value(0)), default=Value(1)),
        )
        .order_by("_acting", "-mulai", "-pk")
        .values(field_name)[:1]
    )
    return Subquery(postings, output_field=IntegerField())


def hari_lingkup(*, pemda_id: int, unit_ids: Collection[int] | None, start: date, end: date) -> QuerySet:
    """The stored days of a period, each with `unit_id` (its main posting's unit), in the units
    (None: the whole pemda)."""
    qs = HariPresensi.objects.filter(pemda_id=pemda_id, tanggal__range=(start, end)).annotate(unit_id=unit_utama())
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    else:
        qs = qs.filter(unit_id__isnull=False)
    return qs


@dataclass
class Jumlah:
    """Counts of one row: days per working-day status, times per band."""

    nilai: dict[str, int] = field(default_factory=dict)

    @classmethod
    def dari(cls, row: dict) -> "Jumlah":
        return cls({k: row.get(f"s_{k}", 0) if k in STATUS_KERJA else row.get(f"b_{k}", 0) for k in KOLOM})

    def tambah(self, other: "Jumlah") -> None:
        for k in KOLOM:
            self.nilai[k] = self.nilai.get(k, 0) + other.nilai.get(k, 0)

    @property
    def hari_kerja(self) -> int:
        return sum(self.nilai.get(s, 0) for s in STATUS_KERJA)

    def daftar(self) -> list[int]:
        """The counts in KOLOM order."""
        return [self.nilai.get(k, 0) for k in KOLOM]


def kunci_unit(unit: UnitKerja) -> tuple:
    """Units in the order of their OPD's name, the OPD before its units, then by name."""
    return (unit.opd.nama if unit.opd_id else unit.nama, unit.opd_id or 0, unit.parent_id is not None, unit.nama)


@dataclass
class BarisUnit:
    unit: UnitKerja
    jumlah: Jumlah


def rekap_per_unit(*, pemda_id: int, unit_ids: Collection[int] | None, start: date, end: date, per_opd: bool):
    """(rows, total): one row per unit (or per OPD when `per_opd`) with a stored day in the period,
    in the order of the OPD's name, then the OPD before its units, then the unit's name."""
    rows = hari_lingkup(pemda_id=pemda_id, unit_ids=unit_ids, start=start, end=end)
    per_unit = {r["unit_id"]: Jumlah.dari(r) for r in rows.values("unit_id").annotate(**_agregat()).order_by()}
    units = UnitKerja.objects.select_related("opd").in_bulk(per_unit)
    hasil: dict[int, BarisUnit] = {}
    total = Jumlah()
    for unit_id, jumlah in per_unit.items():
        unit = units[unit_id]
        key = unit.opd if per_opd and unit.opd_id else unit
        baris = hasil.setdefault(key.pk, BarisUnit(key, Jumlah()))
        baris.jumlah.tambah(jumlah)
        total.tambah(jumlah)
    urut = sorted(hasil.values(), key=lambda b: kunci_unit(b.unit))
    return urut, total


@dataclass
class BarisPegawai:
    pegawai: Pegawai
    unit: UnitKerja
    jumlah: Jumlah


def rekap_per_pegawai(*, pemda_id: int, unit_ids: Collection[int] | None, start: date, end: date) -> QuerySet:
    """One row per pegawai and unit (a person who moved has a row per unit): a values queryset to
    paginate, by name; `baris_pegawai` turns a page of it into rows."""
    rows = hari_lingkup(pemda_id=pemda_id, unit_ids=unit_ids, start=start, end=end)
    rows = rows.values("pegawai_id", "unit_id").annotate(**_agregat())
    return rows.order_by("pegawai__nama", "pegawai_id", "unit_id")


def baris_pegawai(rows) -> list[BarisPegawai]:
    """Rows of `rekap_per_pegawai` (a page, or all of them) with their pegawai and unit: two queries."""
    rows = list(rows)
    pegawai = Pegawai.objects.in_bulk({r["pegawai_id"] for r in rows})
    units = UnitKerja.objects.select_related("opd").in_bulk({r["unit_id"] for r in rows})
    return [BarisPegawai(pegawai[r["pegawai_id"]], units[r["unit_id"]], Jumlah.dari(r)) for r in rows]
