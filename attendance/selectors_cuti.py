"""Leave reads (issue 16): the cuti tahunan balance of one pegawai or of many at once, and the leave
recap HR files (approved days per leave type, per unit and per person, over a period).

The balance of many costs the same queries as the balance of one (the first postings, the cuti
tahunan requests, the holidays): "Cuti & izin" of a pegawai and the recap never disagree.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Exists, Min, OuterRef, Q, QuerySet

from accounts.choices import StatusPegawai
from accounts.models import Pegawai, Penempatan, UnitKerja
from accounts.rules import parse_nip

from .choices import JenisPermohonan, StatusPermohonan
from .models import HariLibur, Permohonan
from .rules import cuti_tahunan_hak, hari_kerja_antara
from .selectors_jadwal import _penempatan_periode_rows
from .selectors_rekap import kunci_unit

S = StatusPermohonan
MENUNGGU = (S.DIAJUKAN, S.DISETUJUI_ATASAN)


@dataclass(frozen=True)
class SaldoCuti:
    """The cuti tahunan of one year: entitlement, days used (approved), days waiting, what is left."""

    tahun: int
    hak: int
    terpakai: int
    menunggu: int

    @property
    def sisa(self) -> int:
        return max(self.hak - self.terpakai, 0)

    @property
    def sisa_setelah_menunggu(self) -> int:
        return max(self.hak - self.terpakai - self.menunggu, 0)


def _setahun_kemudian(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


def _tmt_cpns(pegawai: Pegawai) -> date | None:
    if pegawai.status == StatusPegawai.PPPK:
        return None
    try:
        return parse_nip(pegawai.nip).tmt_cpns
    except ValidationError:
        return None


def mulai_kerja_banyak(pegawai: Iterable[Pegawai]) -> dict[int, date | None]:
    """The start of service of each: TMT CPNS from the NIP (PNS), or the first posting, whichever is
    earlier (one query)."""
    pegawai = list(pegawai)
    pertama = dict(
        Penempatan.objects.filter(pegawai_id__in=[p.pk for p in pegawai])
        .values("pegawai_id")
        .annotate(m=Min("mulai"))
        .values_list("pegawai_id", "m")
    )
    hasil = {}
    for p in pegawai:
        dates = [d for d in (_tmt_cpns(p), pertama.get(p.pk)) if d is not None]
        hasil[p.pk] = min(dates) if dates else None
    return hasil


def mulai_kerja_of(pegawai: Pegawai) -> date | None:
    return mulai_kerja_banyak([pegawai])[pegawai.pk]


def _libur(pemda_ids: Collection[int], start: date, end: date) -> dict[int, set[date]]:
    libur: dict[int, set[date]] = defaultdict(set)
    rows = HariLibur.objects.filter(pemda_id__in=pemda_ids, tanggal__range=(start, end))
    for pemda_id, tanggal in rows.values_list("pemda_id", "tanggal"):
        libur[pemda_id].add(tanggal)
    return libur


def saldo_cuti_tahunan_banyak(pegawai: Iterable[Pegawai], tahun: int, *, exclude_pk=None) -> dict[int, SaldoCuti]:
    """Cuti tahunan of `tahun` for each pegawai (PP 11/2017 Pasal 310–314, `rules.cuti_tahunan_hak`),
    in three queries however many.

    A year gives an entitlement once one year of continuous service is complete within it; days
    used per year are the working days of approved CUTI_TAHUNAN requests. Cuti bersama is a holiday
    in the calendar, not a cuti tahunan day, so it does not reduce the balance (PP 11/2017 Pasal 333).
    """
    pegawai = list(pegawai)
    mulai_kerja = mulai_kerja_banyak(pegawai)
    qs = Permohonan.objects.filter(
        pegawai_id__in=[p.pk for p in pegawai if mulai_kerja[p.pk] is not None],
        jenis=JenisPermohonan.CUTI_TAHUNAN,
        status__in=(S.DISETUJUI, *MENUNGGU),
    )
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    rows = list(qs.values_list("pegawai_id", "pemda_id", "status", "mulai", "selesai"))
    libur = _libur({r[1] for r in rows}, min(r[3] for r in rows), max(r[4] for r in rows)) if rows else {}
    disetujui: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    menunggu: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for pid, pemda_id, status, mulai, selesai in rows:
        per_tahun = disetujui[pid] if status == S.DISETUJUI else menunggu[pid]
        for d in hari_kerja_antara(mulai, selesai, libur.get(pemda_id, ())):
            per_tahun[d.year] += 1
    hasil = {}
    for p in pegawai:
        if mulai_kerja[p.pk] is None:
            hasil[p.pk] = SaldoCuti(tahun, 0, 0, 0)
            continue
        pertama = _setahun_kemudian(mulai_kerja[p.pk]).year  # the first year with an entitlement
        pakai, tunggu = disetujui.get(p.pk, {}), menunggu.get(p.pk, {})
        if tahun < pertama:
            hasil[p.pk] = SaldoCuti(tahun, 0, pakai.get(tahun, 0), tunggu.get(tahun, 0))
            continue
        hak = cuti_tahunan_hak(tahun, {y: pakai.get(y, 0) for y in range(pertama, tahun)})
        hasil[p.pk] = SaldoCuti(tahun, hak, pakai.get(tahun, 0), tunggu.get(tahun, 0))
    return hasil


def saldo_cuti_tahunan(pegawai: Pegawai, tahun: int, *, exclude_pk=None) -> SaldoCuti:
    """The balance of one pegawai (`saldo_cuti_tahunan_banyak`)."""
    return saldo_cuti_tahunan_banyak([pegawai], tahun, exclude_pk=exclude_pk)[pegawai.pk]


# --- the leave recap ----------------------------------------------------------------------------

JENIS = tuple(JenisPermohonan.values)


@dataclass
class HariCuti:
    """Working days of approved requests per leave type (JenisPermohonan)."""

    nilai: dict[str, int] = field(default_factory=dict)

    def tambah(self, jenis: str, n: int) -> None:
        self.nilai[jenis] = self.nilai.get(jenis, 0) + n

    def daftar(self, jenis: Iterable[str] = JENIS) -> list[int]:
        return [self.nilai.get(j, 0) for j in jenis]

    @property
    def jumlah(self) -> int:
        return sum(self.nilai.values())


def _unit_utama(rows: list[tuple], day: date) -> int | None:
    """The unit of the main posting on a day among one pegawai's `_penempatan_periode_rows`."""
    for _pk, _pid, _pemda, _jenis, mulai, selesai, unit_id in rows:
        if mulai <= day and (selesai is None or selesai >= day):
            return unit_id
    return None


def hari_cuti(
    *, pemda_id: int, start: date, end: date, pegawai_ids: Collection[int] | None = None
) -> list[tuple[int, int | None, str, int]]:
    """(pegawai, unit, jenis, working days) of each approved request over the period: its days in
    the period (Mon–Fri minus the pemda's holidays, as `hari_kerja` of a request), counted for the
    unit of the main posting on its first day in the period. Three queries."""
    qs = Permohonan.objects.filter(pemda_id=pemda_id, status=S.DISETUJUI, mulai__lte=end, selesai__gte=start)
    if pegawai_ids is not None:
        qs = qs.filter(pegawai_id__in=list(pegawai_ids))
    rows = list(qs.values_list("pegawai_id", "jenis", "mulai", "selesai"))
    if not rows:
        return []
    libur = _libur([pemda_id], start, end).get(pemda_id, set())
    postings: dict[int, list[tuple]] = defaultdict(list)
    for row in _penempatan_periode_rows(start, end, pegawai_ids={r[0] for r in rows}):
        postings[row[1]].append(row)
    hasil = []
    for pid, jenis, mulai, selesai in rows:
        awal, akhir = max(mulai, start), min(selesai, end)
        hasil.append((pid, _unit_utama(postings[pid], awal), jenis, len(hari_kerja_antara(awal, akhir, libur))))
    return hasil


@dataclass
class BarisUnitCuti:
    unit: UnitKerja
    hari: HariCuti


def rekap_cuti_per_unit(*, pemda_id: int, unit_ids: Collection[int] | None, start: date, end: date, per_opd: bool):
    """(rows, total): approved leave days per type for each unit (or OPD) of the scope."""
    per_unit: dict[int, HariCuti] = defaultdict(HariCuti)
    for _pid, unit_id, jenis, n in hari_cuti(pemda_id=pemda_id, start=start, end=end):
        if unit_id is not None and (unit_ids is None or unit_id in unit_ids):
            per_unit[unit_id].tambah(jenis, n)
    units = UnitKerja.objects.select_related("opd").in_bulk(per_unit)
    hasil: dict[int, BarisUnitCuti] = {}
    total = HariCuti()
    for unit_id, hari in per_unit.items():
        unit = units[unit_id]
        key = unit.opd if per_opd and unit.opd_id else unit
        baris = hasil.setdefault(key.pk, BarisUnitCuti(key, HariCuti()))
        for jenis, n in hari.nilai.items():
            baris.hari.tambah(jenis, n)
            total.tambah(jenis, n)
    urut = sorted(hasil.values(), key=lambda b: kunci_unit(b.unit))
    return urut, total


def pegawai_lingkup(*, pemda_id: int, unit_ids: Collection[int] | None, start: date, end: date) -> QuerySet[Pegawai]:
    """The pegawai posted in the units (None: anywhere in the pemda) on some day of the period, by name."""
    postings = Penempatan.objects.filter(pegawai_id=OuterRef("pk"), mulai__lte=end).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=start)
    )
    if unit_ids is not None:
        postings = postings.filter(jabatan__unit_id__in=list(unit_ids))
    return Pegawai.objects.filter(pemda_id=pemda_id).filter(Exists(postings)).order_by("nama", "pk")


@dataclass
class BarisPegawaiCuti:
    pegawai: Pegawai
    hari: HariCuti
    saldo: SaldoCuti


def baris_pegawai_cuti(pegawai: Iterable[Pegawai], *, pemda_id: int, start: date, end: date) -> list[BarisPegawaiCuti]:
    """Each pegawai's approved leave days per type over the period and their cuti tahunan balance of
    the period's year (a fixed number of queries for a page or for all of them)."""
    pegawai = list(pegawai)
    per_pegawai: dict[int, HariCuti] = defaultdict(HariCuti)
    for pid, _unit, jenis, n in hari_cuti(pemda_id=pemda_id, start=start, end=end, pegawai_ids=[p.pk for p in pegawai]):
        per_pegawai[pid].tambah(jenis, n)
    saldo = saldo_cuti_tahunan_banyak(pegawai, start.year)
    return [BarisPegawaiCuti(p, per_pegawai.get(p.pk, HariCuti()), saldo[p.pk]) for p in pegawai]
