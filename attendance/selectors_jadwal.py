"""The calendar of a pemda as other apps read it: holidays, the work schedules of its units and the
working days of a pegawai or of many (activities' targets, TPP), in a fixed number of queries."""

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from datetime import date, timedelta

from django.db.models import Q

from accounts.choices import JenisPenempatan
from accounts.models import Pegawai, Penempatan, UnitKerja
from accounts.selectors import penempatan_utama_of
from core.months import month_bounds

from .models import HariLibur, JadwalKerja
from .rules import JADWAL_DEFAULT, JamKerja, hari_kerja_antara


def libur_antara(*, pemda_id: int, start: date, end: date) -> set[date]:
    rows = HariLibur.objects.filter(pemda_id=pemda_id, tanggal__range=(start, end))
    return set(rows.values_list("tanggal", flat=True))


def hari_kerja_bulan(*, pemda_id: int, tahun: int, bulan: int) -> list[date]:
    """Mon–Fri minus the pemda's holidays (the attendance issue adds per-unit schedules)."""
    start, end = month_bounds(tahun, bulan)
    return hari_kerja_antara(start, end, libur_antara(pemda_id=pemda_id, start=start, end=end))


# --- schedules (issue 5) ----------------------------------------------------------------------


class JadwalResolver:
    """The schedules of one pemda over a period, loaded once (three queries), answered per unit and day.

    Precedence: the schedule of the nearest unit (the posting's unit, then its ancestors) over the
    pemda-wide one; within the same level a dated schedule (Ramadan) over an open-ended one, then
    the latest start. A unit's open-ended schedule (a six-day or shift unit) thus also wins over a
    pemda-wide Ramadan range: such a unit enters its own Ramadan range. No schedule at all → the
    Perpres 21/2023 default of `rules.JADWAL_DEFAULT`.
    """

    def __init__(self, *, pemda_id: int, start: date, end: date):
        rows = (
            JadwalKerja.objects.filter(pemda_id=pemda_id, berlaku_mulai__lte=end)
            .filter(Q(berlaku_selesai__isnull=True) | Q(berlaku_selesai__gte=start))
            .prefetch_related("hari")
        )
        self.jadwal = [
            (
                j.unit_id,
                j.berlaku_mulai,
                j.berlaku_selesai,
                j.pk,
                {h.hari: JamKerja(h.masuk, h.pulang, h.istirahat_mulai, h.istirahat_selesai) for h in j.hari.all()},
            )
            for j in rows
        ]
        self.parent: dict[int, int | None] = {}
        if any(j[0] is not None for j in self.jadwal):
            self.parent = dict(UnitKerja.objects.filter(pemda_id=pemda_id).values_list("pk", "parent_id"))
        self._cache: dict[tuple[int | None, date], Mapping[int, JamKerja]] = {}

    def _level(self, unit_id: int | None) -> dict[int | None, int]:
        """Distance of each ancestor from the unit (the pemda-wide level None is farthest)."""
        levels: dict[int | None, int] = {}
        node, depth = unit_id, 0
        while node is not None and node not in levels:
            levels[node] = depth
            node, depth = self.parent.get(node), depth + 1
        levels[None] = 10_000
        return levels

    def hari_jadwal(self, unit_id: int | None, on: date) -> Mapping[int, JamKerja]:
        """The weekday → hours map in force for a unit on a date (memoised: a month of 10,000
        pegawai asks the same few (unit, day) pairs hundreds of thousands of times)."""
        key = (unit_id, on)
        if key not in self._cache:
            self._cache[key] = self._hari_jadwal(unit_id, on)
        return self._cache[key]

    def _hari_jadwal(self, unit_id: int | None, on: date) -> Mapping[int, JamKerja]:
        levels = self._level(unit_id)
        best, best_key = None, None
        for j_unit, mulai, selesai, pk, hari in self.jadwal:
            if j_unit not in levels or mulai > on or (selesai is not None and selesai < on):
                continue
            key = (levels[j_unit], selesai is None, -mulai.toordinal(), -pk)
            if best_key is None or key < best_key:
                best, best_key = hari, key
        return JADWAL_DEFAULT if best is None else best

    def jam(self, unit_id: int | None, on: date) -> JamKerja | None:
        """The hours of a unit on a date; None when the schedule does not work that weekday."""
        return self.hari_jadwal(unit_id, on).get(on.weekday())


def jadwal_hari_for(pegawai: Pegawai, on: date) -> JamKerja | None:
    """The hours a pegawai works on a date per their posting's unit; None on a day off in the schedule."""
    utama = penempatan_utama_of(pegawai, on)
    unit_id = utama.jabatan.unit_id if utama else None
    return JadwalResolver(pemda_id=pegawai.pemda_id, start=on, end=on).jam(unit_id, on)


def hari_kerja_pegawai(pegawai: Pegawai, start: date, end: date) -> list[date]:
    """A pegawai's working days per their unit's schedule, minus the pemda's holidays."""
    resolver = JadwalResolver(pemda_id=pegawai.pemda_id, start=start, end=end)
    libur = libur_antara(pemda_id=pegawai.pemda_id, start=start, end=end)
    unit = unit_per_hari([pegawai.pk], start, end).get(pegawai.pk, {})
    days, day = [], start
    while day <= end:
        if day in unit and day not in libur and resolver.jam(unit[day], day) is not None:
            days.append(day)
        day += timedelta(days=1)
    return days


def hari_kerja_banyak(
    *,
    pemda_id: int,
    pegawai_ids: Collection[int] | None = None,
    start: date,
    end: date,
    penuh: dict[int, int] | None = None,
    daftar: dict[int, list[date]] | None = None,
) -> dict[int, int]:
    """How many working days each pegawai had over a period: posted, scheduled, not a holiday.

    The target of the activities' capaian (RULES.md §1.5: working days × minutes per day); a fixed
    number of queries for any number of pegawai. `pegawai_ids=None`: every pegawai posted in the
    pemda (the monthly TPP), without sending thousands of ids to the database.

    Most pegawai have one posting over the whole period: their count is the number of their unit's
    working days within the posting's dates, from a per-unit list of working days computed once.
    Only pegawai with several postings in the period are resolved day by day.

    `penuh`, when given, receives for each pegawai the working days of the whole period in the unit
    of their main posting: what someone posted throughout would have had (the TPP pro rata base).
    `daftar`, when given, receives the working days themselves (what was counted), for a calendar.
    """
    resolver = JadwalResolver(pemda_id=pemda_id, start=start, end=end)
    libur = libur_antara(pemda_id=pemda_id, start=start, end=end)
    period = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    per_unit: dict[int | None, list[date]] = {}

    def kerja(unit_id: int | None) -> list[date]:
        if unit_id not in per_unit:
            per_unit[unit_id] = [d for d in period if d not in libur and resolver.jam(unit_id, d) is not None]
        return per_unit[unit_id]

    per_pegawai: dict[int, list[tuple]] = {}
    for row in _penempatan_periode_rows(start, end, pegawai_ids=pegawai_ids, pemda_id=pemda_id):
        per_pegawai.setdefault(row[1], []).append(row)
    counts = {}
    for pid, rows in per_pegawai.items():
        if penuh is not None:
            penuh[pid] = len(kerja(rows[0][6]))
        if len(rows) == 1:
            _pk, _pid, _pemda, _jenis, mulai, selesai, unit_id = rows[0]
            days = kerja(unit_id)
            first, last = max(mulai, start), min(selesai or end, end)
            lo, hi = bisect_left(days, first), bisect_right(days, last)
            counts[pid] = max(hi - lo, 0)
            if daftar is not None:
                daftar[pid] = days[lo:hi]
        else:
            units = _expand(rows, start, end)
            kerja_hari = sorted(
                day for day, unit in units.items() if day not in libur and resolver.jam(unit, day) is not None
            )
            counts[pid] = len(kerja_hari)
            if daftar is not None:
                daftar[pid] = kerja_hari
    return counts


# --- postings over a period: whose unit on which day -----------------------------------------


def _penempatan_periode_rows(start: date, end: date, *, pegawai_ids=None, pemda_id: int | None = None) -> list[tuple]:
    """(pk, pegawai, pemda, jenis, mulai, selesai, unit) of the postings in force over a period, main
    posting first: the definitive one, else an acting one; among equals the latest start (the same
    order as `accounts.selectors.penempatan_utama_of`)."""
    rows = Penempatan.objects.filter(mulai__lte=end).filter(Q(selesai__isnull=True) | Q(selesai__gte=start))
    if pemda_id is not None:
        rows = rows.filter(pemda_id=pemda_id)
    if pegawai_ids is not None:
        rows = rows.filter(pegawai_id__in=pegawai_ids)
    rows = list(rows.values_list("pk", "pegawai_id", "pemda_id", "jenis", "mulai", "selesai", "jabatan__unit_id"))
    rows.sort(key=lambda r: (r[3] != JenisPenempatan.DEFINITIF, -r[4].toordinal(), -r[0]))
    return rows


def _expand(rows, start: date, end: date) -> dict[date, int]:
    """{date: unit of the main posting} of one pegawai's postings (in `_penempatan_periode_rows` order)."""
    days: dict[date, int] = {}
    for _pk, _pid, _pemda, _jenis, mulai, selesai, unit_id in rows:
        day, last = max(mulai, start), min(selesai or end, end)
        while day <= last:
            days.setdefault(day, unit_id)
            day += timedelta(days=1)
    return days


def unit_per_hari(pegawai_ids: Collection[int], start: date, end: date, pemda: dict | None = None) -> dict:
    """pegawai → {date: unit of the main posting} over a period, from one query."""
    per_pegawai: dict[int, list[tuple]] = {}
    for row in _penempatan_periode_rows(start, end, pegawai_ids=pegawai_ids):
        if pemda is not None:
            pemda[row[1]] = row[2]
        per_pegawai.setdefault(row[1], []).append(row)
    return {pid: _expand(rows, start, end) for pid, rows in per_pegawai.items()}


def panjang_hari_kerja(*, pemda_id: int, pairs: Collection[tuple[int, date]]) -> dict[tuple[int, date], int]:
    """(pegawai, date) → the length in minutes of that working day per their unit's schedule, from its
    start to its end (the break included); on a day off in the schedule, its longest working day.
    What activities' MELEBIHI_HARI flag compares a day's minutes with (issue 18). A fixed number of
    queries for any number of pairs: postings, schedules (and units when a unit has its own)."""
    if not pairs:
        return {}
    start, end = min(d for _p, d in pairs), max(d for _p, d in pairs)
    resolver = JadwalResolver(pemda_id=pemda_id, start=start, end=end)
    units = unit_per_hari({pid for pid, _d in pairs}, start, end)

    def menit(j: JamKerja) -> int:
        return (j.pulang.hour * 60 + j.pulang.minute) - (j.masuk.hour * 60 + j.masuk.minute)

    hasil = {}
    for pid, day in pairs:
        unit_id = units.get(pid, {}).get(day)
        jadwal = resolver.hari_jadwal(unit_id, day)
        jam = jadwal.get(day.weekday())
        pilihan = [jam] if jam is not None else list(jadwal.values()) or list(JADWAL_DEFAULT.values())
        hasil[(pid, day)] = max(menit(j) for j in pilihan)
    return hasil
