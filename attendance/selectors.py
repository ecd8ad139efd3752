"""Calendar reads other apps use (activities, tpp): holidays and working days of a pemda."""

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.choices import JenisPenempatan
from accounts.models import Pegawai, Penempatan, UnitKerja, User
from accounts.selectors import pegawai_visible_to, penempatan_utama_of
from core.dates import today
from core.months import month_bounds

from .choices import STATUS_PERMOHONAN, JenisKejadian, StatusHari, StatusPermohonan
from .models import (
    Absen,
    CakupanAbsen,
    HariLibur,
    HariPresensi,
    JadwalKerja,
    Kejadian,
    Permohonan,
    PinMesin,
    TokenIntegrasi,
)
from .rules import (
    JADWAL_DEFAULT,
    STATUS_DARI_ABSEN,
    STATUS_TANPA_AKTIVITAS,
    JamKerja,
    hari_final,
    hari_kerja_antara,
    sanksi_ketidakhadiran,
    status_hari,
    tanpa_keterangan_berturut,
)
from .signals import kejadian_dikenal


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
    unit = _unit_per_hari([pegawai.pk], start, end).get(pegawai.pk, {})
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
            counts[pid] = bisect_right(days, last) - bisect_left(days, first)
        else:
            units = _expand(rows, start, end)
            counts[pid] = sum(
                1 for day, unit in units.items() if day not in libur and resolver.jam(unit, day) is not None
            )
    return counts


# --- the days of many pegawai (issue 5) -------------------------------------------------------


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


def _unit_per_hari(pegawai_ids: Collection[int], start: date, end: date, pemda: dict | None = None) -> dict:
    """pegawai → {date: unit of the main posting} over a period, from one query."""
    per_pegawai: dict[int, list[tuple]] = {}
    for row in _penempatan_periode_rows(start, end, pegawai_ids=pegawai_ids):
        if pemda is not None:
            pemda[row[1]] = row[2]
        per_pegawai.setdefault(row[1], []).append(row)
    return {pid: _expand(rows, start, end) for pid, rows in per_pegawai.items()}


def hari_dihitung(*, pegawai_ids: Collection[int], start: date, end: date) -> list[HariPresensi]:
    """The computed days (unsaved) of pegawai over a period, only days with a posting and ≤ today.

    A fixed number of queries whatever the number of pegawai: postings, schedules and units per
    pemda, holidays, punches, approved requests.
    """
    end = min(end, today())
    if start > end or not pegawai_ids:
        return []
    pemda_of: dict[int, int] = {}
    unit_per_hari = _unit_per_hari(pegawai_ids, start, end, pemda_of)
    pemda_ids = set(pemda_of.values())
    resolvers = {p: JadwalResolver(pemda_id=p, start=start, end=end) for p in pemda_ids}
    libur = set(
        HariLibur.objects.filter(pemda_id__in=pemda_ids, tanggal__range=(start, end)).values_list("pemda_id", "tanggal")
    )
    tz = timezone.get_current_timezone()
    awal = datetime.combine(start, time.min, tzinfo=tz)
    akhir = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    absen: dict[tuple[int, date], list[time]] = {}
    for pid, waktu in Absen.objects.filter(pegawai_id__in=pegawai_ids, waktu__gte=awal, waktu__lt=akhir).values_list(
        "pegawai_id", "waktu"
    ):
        lokal = waktu.astimezone(tz)
        absen.setdefault((pid, lokal.date()), []).append(lokal.time())
    izin: dict[tuple[int, date], str] = {}
    for pid, jenis, mulai, selesai in Permohonan.objects.filter(
        pegawai_id__in=pegawai_ids, status=StatusPermohonan.DISETUJUI, mulai__lte=end, selesai__gte=start
    ).values_list("pegawai_id", "jenis", "mulai", "selesai"):
        day = max(mulai, start)
        while day <= min(selesai, end):
            izin.setdefault((pid, day), str(STATUS_PERMOHONAN[jenis]))
            day += timedelta(days=1)
    hasil = []
    for pid, days in unit_per_hari.items():
        pemda_id = pemda_of[pid]
        resolver = resolvers[pemda_id]
        for day, unit_id in sorted(days.items()):
            jam = resolver.jam(unit_id, day)
            h = status_hari(
                hari_kerja=jam is not None,
                libur=(pemda_id, day) in libur,
                absen=absen.get((pid, day), ()),
                masuk=jam.masuk if jam else None,
                pulang=jam.pulang if jam else None,
                permohonan=izin.get((pid, day)),
            )
            hasil.append(
                HariPresensi(
                    pemda_id=pemda_id,
                    pegawai_id=pid,
                    tanggal=day,
                    status=h.status,
                    jam_masuk=h.jam_masuk,
                    jam_pulang=h.jam_pulang,
                    menit_terlambat=h.menit_terlambat,
                    menit_pulang_cepat=h.menit_pulang_cepat,
                    band_tl=h.band_tl or "",
                    band_psw=h.band_psw or "",
                )
            )
    return hasil


def hari_efektif(*, pegawai_ids: Collection[int], start: date, end: date) -> dict[tuple[int, date], HariPresensi]:
    """(pegawai, date) → the day as it counts: the stored row (a manual correction among them) when
    there is one, else the day computed now (a day no recomputation has reached yet)."""
    days = {(h.pegawai_id, h.tanggal): h for h in hari_dihitung(pegawai_ids=pegawai_ids, start=start, end=end)}
    stored = HariPresensi.objects.filter(pegawai_id__in=pegawai_ids, tanggal__range=(start, min(end, today())))
    for h in stored:
        days[(h.pegawai_id, h.tanggal)] = h
    return days


# --- recaps (issue 5) -------------------------------------------------------------------------

BANDS = ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4")


@dataclass
class BarisRekap:
    """One posting's month in the unit recap: counts per status and per band."""

    penempatan: Penempatan
    status: dict[str, int] = field(default_factory=dict)
    band: dict[str, int] = field(default_factory=dict)

    @property
    def pegawai(self) -> Pegawai:
        return self.penempatan.pegawai

    def status_list(self) -> list[int]:
        return [self.status.get(s, 0) for s in StatusHari.values]

    def band_list(self) -> list[int]:
        return [self.band.get(b, 0) for b in BANDS]


def penempatan_periode(*, unit_ids: Collection[int], start: date, end: date) -> list[Penempatan]:
    """Every posting to the units in force on some day of a period (people with no punch included)."""
    qs = (
        Penempatan.objects.filter(jabatan__unit_id__in=unit_ids, mulai__lte=end)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=start))
        .select_related("pegawai", "jabatan__unit")
        .order_by("pegawai__nama", "mulai", "pk")
    )
    return list(qs)


def rekap_unit_bulan(*, unit_ids: Collection[int], tahun: int, bulan: int) -> list[BarisRekap]:
    """The monthly recap of units: one row per posting of the month, counts per status and band."""
    start, end = month_bounds(tahun, bulan)
    postings = penempatan_periode(unit_ids=unit_ids, start=start, end=end)
    days = hari_efektif(pegawai_ids={p.pegawai_id for p in postings}, start=start, end=end)
    per_pegawai: dict[int, list[HariPresensi]] = {}
    for (pid, _day), h in days.items():
        per_pegawai.setdefault(pid, []).append(h)
    baris = []
    for p in postings:
        row = BarisRekap(p)
        last = min(p.selesai or end, end)
        for h in per_pegawai.get(p.pegawai_id, ()):
            if h.tanggal < p.mulai or h.tanggal > last:
                continue
            row.status[h.status] = row.status.get(h.status, 0) + 1
            for b in (h.band_tl, h.band_psw):
                if b:
                    row.band[b] = row.band.get(b, 0) + 1
        baris.append(row)
    return baris


@dataclass
class Kumulatif:
    """A pegawai's TANPA_KETERANGAN days in a year and the PP 94/2021 sanction they reach."""

    pegawai: Pegawai
    bulan: list[int]
    berturut: int
    sanksi: str | None = None

    @property
    def triwulan(self) -> list[int]:
        return [sum(self.bulan[i : i + 3]) for i in range(0, 12, 3)]

    @property
    def semester(self) -> list[int]:
        return [sum(self.bulan[:6]), sum(self.bulan[6:])]

    @property
    def tahun(self) -> int:
        return sum(self.bulan)


def kumulatif_tahun(*, unit_ids: Collection[int], tahun: int) -> list[Kumulatif]:
    """Cumulative days absent without a valid reason per month, quarter, semester and year."""
    start, end = date(tahun, 1, 1), date(tahun, 12, 31)
    postings = penempatan_periode(unit_ids=unit_ids, start=start, end=end)
    pegawai = {p.pegawai_id: p.pegawai for p in postings}
    days = hari_efektif(pegawai_ids=set(pegawai), start=start, end=end)
    per_pegawai: dict[int, list[HariPresensi]] = {}
    for (pid, _day), h in sorted(days.items(), key=lambda kv: kv[0][1]):
        per_pegawai.setdefault(pid, []).append(h)
    hasil = []
    for pid, p in sorted(pegawai.items(), key=lambda kv: kv[1].nama):
        hari = per_pegawai.get(pid, [])
        bulan = [0] * 12
        for h in hari:
            if h.status == StatusHari.TANPA_KETERANGAN:
                bulan[h.tanggal.month - 1] += 1
        k = Kumulatif(p, bulan, tanpa_keterangan_berturut(h.status for h in hari))
        k.sanksi = sanksi_ketidakhadiran(k.tahun, k.berturut)
        hasil.append(k)
    return hasil


# --- the activity block (issue 5; issue 13: only a final day blocks) ----------------------------


@dataclass(frozen=True)
class PresensiHari:
    """A stored day as the activity pages see it: its status and whether it is final (rules.hari_final)."""

    status: str
    final: bool

    @property
    def label(self) -> str:
        return str(StatusHari(self.status).label)

    @property
    def bertentangan(self) -> bool:
        """The final status says the pegawai did not work that day (an entry on it needs a look)."""
        return self.final and self.status in STATUS_TANPA_AKTIVITAS


def data_absen_sampai(opd_ids: Collection[int]) -> dict[int, date]:
    """OPD → the local date of the latest punch received from its machines or feed (CakupanAbsen)."""
    tz = timezone.get_current_timezone()
    rows = CakupanAbsen.objects.filter(opd_id__in=opd_ids).values_list("opd_id", "sampai")
    return {opd_id: sampai.astimezone(tz).date() for opd_id, sampai in rows}


def presensi_hari_banyak(pairs: Collection[tuple[int, date]]) -> dict[tuple[int, date], PresensiHari]:
    """(pegawai, date) → the stored day and its finality, for days before today (a stored day of today
    is never final); one query, two when a status read from punches needs the OPD's data date."""
    hari_ini = today()
    lalu = {(pid, d) for pid, d in pairs if d < hari_ini}
    if not lalu:
        return {}
    rows = [
        r
        for r in HariPresensi.objects.filter(
            pegawai_id__in={pid for pid, _d in lalu}, tanggal__in={d for _pid, d in lalu}
        ).values_list("pegawai_id", "tanggal", "status", "manual", "pegawai__opd_id")
        if (r[0], r[1]) in lalu
    ]
    perlu = {opd for _p, _d, status, manual, opd in rows if status in STATUS_DARI_ABSEN and not manual and opd}
    sampai = data_absen_sampai(perlu) if perlu else {}
    return {
        (pid, d): PresensiHari(
            status, hari_final(d, hari_ini=hari_ini, status=status, manual=manual, data_sampai=sampai.get(opd))
        )
        for pid, d, status, manual, opd in rows
    }


def aktivitas_diblokir(pegawai, tanggal: date) -> PresensiHari | None:
    """The final day that forbids entering activities on a date, when the pemda's rule is on.

    AturanPresensi.blokir_aktivitas (on when the pemda has no row): no activity on a day whose final
    status is absent without explanation or on leave. A day that is not final (today, or a day whose
    machine data has not arrived) never blocks; a holiday or day off never blocks (work on it may be
    logged). Today's entries cost no query here.
    """
    from .models import AturanPresensi

    hari = presensi_hari_banyak([(pegawai.pk, tanggal)]).get((pegawai.pk, tanggal))
    if hari is None or not hari.bertentangan:
        return None
    aturan = AturanPresensi.objects.filter(pemda_id=pegawai.pemda_id, berlaku_mulai__lte=tanggal).first()
    return hari if aturan is None or aturan.blokir_aktivitas else None


# --- discipline events (issue 13 §2) -----------------------------------------------------------


def jenis_kejadian_dikenal(*, pemda_id: int, tanggal: date, opd_id: int | None = None) -> list[str]:
    """The events that may be recorded on a day: those of JenisKejadian that the pay rules in force
    know (signals.kejadian_dikenal; attendance never imports tpp), in the order of JenisKejadian."""
    dikenal = set(JenisKejadian.values)
    for _receiver, jawaban in kejadian_dikenal.send(sender=Kejadian, pemda_id=pemda_id, opd_id=opd_id, tanggal=tanggal):
        if jawaban is not None:
            dikenal &= set(jawaban)
    return [j for j in JenisKejadian.values if j in dikenal]


# --- scoped reads of requests, machine PINs and tokens (DESIGN.md §4) ----------------------------


def permohonan_visible_to(user: User) -> QuerySet[Permohonan]:
    """One's own requests and those one approves (as first or second level); nothing else (→ 404)."""
    pegawai = getattr(user, "pegawai", None)
    qs = Permohonan.objects.select_related("pegawai", "penyetuju", "penyetuju_kedua")
    if pegawai is None:
        return qs.none()
    return qs.filter(Q(pegawai=pegawai) | Q(penyetuju=pegawai) | Q(penyetuju_kedua=pegawai))


def antrean_of(pegawai: Pegawai) -> QuerySet[Permohonan]:
    """Requests waiting for this pegawai's decision, at either level."""
    return (
        Permohonan.objects.filter(
            Q(status=StatusPermohonan.DIAJUKAN, penyetuju=pegawai)
            | Q(status=StatusPermohonan.DISETUJUI_ATASAN, penyetuju_kedua=pegawai)
        )
        .select_related("pegawai", "penyetuju", "penyetuju_kedua")
        .order_by("mulai", "pk")
    )


def pin_visible_to(user: User) -> QuerySet[PinMesin]:
    """Mappings of the pegawai the user manages."""
    return PinMesin.objects.filter(pegawai__in=pegawai_visible_to(user)).select_related("pegawai__opd")


def token_visible_to(user: User) -> QuerySet[TokenIntegrasi]:
    if user.is_superadmin and user.pemda_id is None:
        return TokenIntegrasi.objects.select_related("pemda", "dibuat_oleh")
    if user.is_hr_pemda or user.is_superadmin:
        return TokenIntegrasi.objects.filter(pemda_id=user.pemda_id).select_related("pemda", "dibuat_oleh")
    return TokenIntegrasi.objects.none()
