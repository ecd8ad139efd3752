"""Reads of activities, scoped to who asks (DESIGN.md §4)."""

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.models import Pegawai, UnitKerja, User
from accounts.selectors import MEMO_ATTR, penempatan_utama_of
from attendance.models import HariLibur
from attendance.selectors import masih_menyetujui
from attendance.selectors_jadwal import hari_kerja_banyak, hari_kerja_pegawai
from core.months import month_bounds

from . import rules
from .choices import LingkupKatalog, Status
from .models import Aktivitas, AturanAktivitas, Dispensasi, Gangguan, KegiatanKatalog


def aturan_for(*, pemda_id: int, on: date) -> AturanAktivitas:
    """The rule set in force on a date; the national defaults when the pemda has none yet."""
    aturan = AturanAktivitas.objects.filter(pemda_id=pemda_id, berlaku_mulai__lte=on).first()
    return aturan or _aturan_bawaan(pemda_id)


def aturan_banyak(pemda_ids) -> Callable[[int, date], AturanAktivitas]:
    """`(pemda_id, day) -> the version in force`, what aturan_for answers, for many days and pemda in
    one query (the queues)."""
    rows = list(AturanAktivitas.objects.filter(pemda_id__in=pemda_ids).order_by("-berlaku_mulai"))
    found: dict[tuple[int, date], AturanAktivitas] = {}  # asked once per row of a 500-row queue

    def on(pemda_id: int, day: date) -> AturanAktivitas:
        if (pemda_id, day) not in found:
            versi = next((a for a in rows if a.pemda_id == pemda_id and a.berlaku_mulai <= day), None)
            found[pemda_id, day] = versi or found.get((pemda_id, None)) or _aturan_bawaan(pemda_id)
            if versi is None:
                found[pemda_id, None] = found[pemda_id, day]
        return found[pemda_id, day]

    return on


def _aturan_bawaan(pemda_id: int) -> AturanAktivitas:
    """The national defaults (the model's), for a pemda before its first rule version."""
    return AturanAktivitas(pemda_id=pemda_id, berlaku_mulai=date(2000, 1, 1))


# --- what the input window depends on, per pemda, kept in each process ---------------------------
#
# The rule versions, holidays and outages of a pemda are read on every save and submit at month end
# and change a few times a year. Each process keeps them for KALENDER_TTL seconds; a write in the
# same process forgets them at once (activities.receivers), other processes see it within the TTL.
# Only the input window uses this copy: the payroll (tpp.calculation, uang makan) always reads the
# database.

KALENDER_TTL = 30.0


@dataclass(frozen=True)
class KalenderInput:
    pemda_id: int
    aturan: tuple[AturanAktivitas, ...]  # newest first
    libur: frozenset[date]
    gangguan: tuple[tuple[datetime, datetime], ...]  # (mulai, selesai), aware

    def aturan_on(self, on: date) -> AturanAktivitas:
        """What aturan_for answers, from the kept versions."""
        return next((a for a in self.aturan if a.berlaku_mulai <= on), None) or _aturan_bawaan(self.pemda_id)


_kalender: dict[int, tuple[float, KalenderInput]] = {}


def kalender_input(pemda_id: int) -> KalenderInput:
    hit = _kalender.get(pemda_id)
    now = time.monotonic()
    if hit is not None and now - hit[0] < KALENDER_TTL:
        return hit[1]
    kalender = KalenderInput(
        pemda_id=pemda_id,
        aturan=tuple(AturanAktivitas.objects.filter(pemda_id=pemda_id).order_by("-berlaku_mulai")),
        libur=frozenset(HariLibur.objects.filter(pemda_id=pemda_id).values_list("tanggal", flat=True)),
        gangguan=tuple(Gangguan.objects.filter(pemda_id=pemda_id).values_list("mulai", "selesai")),
    )
    _kalender[pemda_id] = (now, kalender)
    return kalender


def kalender_lupakan(pemda_id: int | None = None) -> None:
    """Forget the kept copy (of one pemda, or of all): the next read goes to the database."""
    if pemda_id is None:
        _kalender.clear()
    else:
        _kalender.pop(pemda_id, None)


def batas_input_for(pegawai: Pegawai, tanggal: date, aturan=None) -> datetime:
    """When entries for this pegawai's day close (aware): window + outages, or a dispensation's end.

    `aturan`: the pemda's rules on that day, when the caller has them already. One query (the
    dispensation) when the pemda's kalender_input is kept."""
    batas = batas_input_pemda(pegawai.pemda_id, tanggal, aturan)
    dispensasi = (
        Dispensasi.objects.filter(pegawai=pegawai, tanggal_mulai__lte=tanggal, tanggal_selesai__gte=tanggal)
        .order_by("-batas")
        .values_list("batas", flat=True)
        .first()
    )
    if dispensasi is not None:
        akhir = datetime.combine(dispensasi + timedelta(days=1), datetime.min.time())
        batas = max(batas, timezone.make_aware(akhir, timezone.get_current_timezone()))
    return batas


def batas_input_pemda(pemda_id: int, tanggal: date, aturan=None) -> datetime:
    """When entries for a day close in the pemda (aware): the window and the outages, before any
    one person's dispensation (`batas_input_for`). No query when the pemda's kalender_input is kept."""
    kalender = kalender_input(pemda_id)
    aturan = aturan or kalender.aturan_on(tanggal)
    horizon = tanggal + timedelta(days=60)
    libur = {d for d in kalender.libur if tanggal <= d <= horizon}
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(tanggal, datetime.min.time()), tz)
    until = timezone.make_aware(datetime.combine(horizon, datetime.min.time()), tz)
    gangguan = [
        (timezone.localtime(mulai, tz).replace(tzinfo=None), timezone.localtime(selesai, tz).replace(tzinfo=None))
        for mulai, selesai in kalender.gangguan
        if selesai >= since and mulai <= until
    ]
    batas = rules.batas_input(tanggal, hari_kerja=aturan.batas_input_hari_kerja, libur=libur, gangguan=gangguan)
    return timezone.make_aware(batas, tz)


def katalog_for(pegawai: Pegawai, on: date) -> QuerySet[KegiatanKatalog]:
    """Catalog items a pegawai may pick on a date: of their jabatan, of their unit or above, of the pemda."""
    utama = penempatan_utama_of(pegawai, on)
    cond = Q(lingkup=LingkupKatalog.PEMDA)
    if utama is not None:
        cond |= Q(lingkup=LingkupKatalog.JABATAN, jabatan_id=utama.jabatan_id)
        cond |= Q(lingkup=LingkupKatalog.UNIT, unit_id__in=_unit_and_above(utama.jabatan.unit_id))
    return KegiatanKatalog.objects.filter(cond, pemda_id=pegawai.pemda_id, aktif=True).order_by("nama")


def katalog_tersedia(pegawai: Pegawai, on: date) -> list[KegiatanKatalog]:
    """katalog_for, loaded. Memoised on the request's own Pegawai (accounts.selectors.MEMO_ATTR), so the
    entry form and the service's check of the chosen item share one query."""
    memo = getattr(pegawai, MEMO_ATTR, None)
    key = ("katalog", on)
    if memo is not None and key in memo:
        return memo[key]
    items = list(katalog_for(pegawai, on))
    if memo is not None:
        memo[key] = items
    return items


def _unit_and_above(unit_id: int) -> RawSQL:
    """The unit and every unit above it, as a subquery (one recursive walk inside the catalog query,
    instead of one query per level of the tree)."""
    table = connection.ops.quote_name(UnitKerja._meta.db_table)
    return RawSQL(
        f"""WITH RECURSIVE naik (id, parent_id, tingkat) AS (
                SELECT id, parent_id, 1 FROM {table} WHERE id = %s
                UNION ALL
                SELECT u.id, u.parent_id, naik.tingkat + 1 FROM {table} u JOIN naik ON u.id = naik.parent_id
                WHERE naik.tingkat < 100
            )
            SELECT id FROM naik""",
        [unit_id],
    )


def aktivitas_visible_to(user: User) -> QuerySet[Aktivitas]:
    """Own entries, those of the people one approves, and for admins their OPD or pemda."""
    qs = Aktivitas.objects.select_related("pegawai", "katalog")
    if user.is_superadmin:
        return qs
    pegawai_id = getattr(getattr(user, "pegawai", None), "pk", None)
    cond = Q(pk__in=[])
    if pegawai_id:
        cond = Q(pegawai_id=pegawai_id) | Q(verifikator_id=pegawai_id) | Q(validator_id=pegawai_id)
    if user.is_hr_pemda:
        cond |= Q(pemda_id=user.pemda_id)
    elif user.is_admin_opd:
        cond |= Q(pemda_id=user.pemda_id, pegawai__opd_id=user.opd_id)
    return qs.filter(cond)


def aktivitas_terbuka(user: User, entries: list[Aktivitas]) -> list[Aktivitas]:
    """Those of `entries` (found through `aktivitas_visible_to`) the user may open, evidence included:
    the owner's, an admin's in scope, one waiting for the user's decision, and, of an entry the user
    once verified or validated, only while they still approve its owner today (a former approver
    reads no more). The approval chain is walked only for that last case, once per owner."""
    if user.is_superadmin:
        return entries
    pegawai_id = getattr(getattr(user, "pegawai", None), "pk", None)
    memo: dict[int, bool] = {}

    def terbuka(a: Aktivitas) -> bool:
        if pegawai_id is not None and a.pegawai_id == pegawai_id:
            return True
        if a.pemda_id == user.pemda_id and (
            user.is_hr_pemda or (user.is_admin_opd and a.pegawai.opd_id == user.opd_id)
        ):
            return True
        if pegawai_id is None:
            return False
        if (a.status == Status.SUBMITTED and a.verifikator_id == pegawai_id) or (
            a.status == Status.VERIFIED and a.validator_id == pegawai_id
        ):
            return True
        return masih_menyetujui(pegawai_id, a.pegawai, memo)

    return [a for a in entries if terbuka(a)]


def antrean_verifikasi(pegawai: Pegawai) -> QuerySet[Aktivitas]:
    """Entries waiting for this pegawai's verification (they are the atasan on the entry's date)."""
    return (
        Aktivitas.objects.filter(verifikator=pegawai, status=Status.SUBMITTED)
        .select_related("pegawai", "katalog")
        .order_by("pegawai__nama", "tanggal", "jam_mulai")
    )


def antrean_validasi(pegawai: Pegawai) -> QuerySet[Aktivitas]:
    """Entries verified by this pegawai's bawahan and waiting for their validation."""
    return (
        Aktivitas.objects.filter(validator=pegawai, status=Status.VERIFIED)
        .select_related("pegawai", "katalog", "verifikator")
        .order_by("pegawai__nama", "tanggal", "jam_mulai")
    )


@dataclass
class Hari:
    tanggal: date
    hari_kerja: bool
    menit: dict[str, int] = field(default_factory=dict)  # status -> minutes

    @property
    def total(self) -> int:
        return sum(self.menit.values())

    @property
    def valid(self) -> int:
        return self.menit.get(Status.VALIDATED, 0)


@dataclass
class RekapBulan:
    """Per employee and month: minutes by status, working days, target and capaian (RULES.md §1.5)."""

    pegawai_id: int
    tahun: int
    bulan: int
    hari_kerja: int
    menit_per_hari: int
    menit: dict[str, int]
    hari: list[Hari]

    @property
    def target(self) -> int:
        return self.hari_kerja * self.menit_per_hari

    @property
    def diajukan(self) -> int:
        """Everything the employee sent (submitted and beyond)."""
        return sum(self.menit.get(s, 0) for s in (Status.SUBMITTED, Status.VERIFIED, Status.VALIDATED))

    @property
    def diverifikasi(self) -> int:
        return self.menit.get(Status.VERIFIED, 0) + self.menit.get(Status.VALIDATED, 0)

    @property
    def divalidasi(self) -> int:
        return self.menit.get(Status.VALIDATED, 0)

    @property
    def capaian(self) -> Decimal:
        return rules.capaian(self.divalidasi, self.hari_kerja, self.menit_per_hari)

    @property
    def capaian_persen(self) -> Decimal:
        return (self.capaian * 100).quantize(Decimal("0.01"))


def _month_range(tahun: int, bulan: int) -> tuple[date, date]:
    return month_bounds(tahun, bulan)


def rekap_bulan(pegawai: Pegawai, tahun: int, bulan: int) -> RekapBulan:
    """One employee's month: a day-by-day calendar and the totals (three queries)."""
    start, end = _month_range(tahun, bulan)
    kerja = set(hari_kerja_pegawai(pegawai, start, end))
    aturan = aturan_for(pemda_id=pegawai.pemda_id, on=end)
    days = {start + timedelta(days=i): Hari(start + timedelta(days=i), False) for i in range((end - start).days + 1)}
    for d in kerja:
        days[d].hari_kerja = True
    totals: dict[str, int] = defaultdict(int)
    rows = (
        Aktivitas.objects.filter(pegawai=pegawai, tanggal__range=(start, end))
        .values("tanggal", "status")
        .annotate(m=Sum("menit"))
    )
    for row in rows:
        days[row["tanggal"]].menit[row["status"]] = row["m"]
        totals[row["status"]] += row["m"]
    return RekapBulan(pegawai.pk, tahun, bulan, len(kerja), aturan.menit_per_hari, dict(totals), list(days.values()))


def rekap_pegawai_bulan(
    pegawai_qs: QuerySet[Pegawai],
    *,
    pemda_id: int,
    tahun: int,
    bulan: int,
    sampai: date | None = None,
    harian: bool = False,
) -> list[RekapBulan]:
    """The month of many employees at once (a unit table): a fixed number of queries.

    `sampai`: count the month only up to that day (working days and minutes "so far", the
    dashboards' standard); the rule version is still the one in force at the month's end.
    `harian`: also fill each RekapBulan's `hari` (every day of the counted period, its working-day
    flag per the person's schedule and its minutes by status), for a calendar; the same query."""
    start, end = _month_range(tahun, bulan)
    aturan = aturan_for(pemda_id=pemda_id, on=end)
    if sampai is not None:
        end = min(end, sampai)
    pegawai = list(pegawai_qs)
    ids = [p.pk for p in pegawai]
    if end < start:
        return [RekapBulan(p.pk, tahun, bulan, 0, aturan.menit_per_hari, {}, []) for p in pegawai]
    daftar: dict[int, list[date]] | None = {} if harian else None
    kerja = hari_kerja_banyak(pemda_id=pemda_id, pegawai_ids=ids, start=start, end=end, daftar=daftar)
    by_pegawai: dict[int, dict[str, int]] = defaultdict(dict)
    per_hari: dict[int, dict[date, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    keys = ("pegawai_id", "tanggal", "status") if harian else ("pegawai_id", "status")
    rows = (
        Aktivitas.objects.filter(pegawai__in=ids, tanggal__range=(start, end))
        .values(*keys)
        .annotate(m=Sum("menit"))
        .order_by()
    )
    for row in rows:
        totals = by_pegawai[row["pegawai_id"]]
        totals[row["status"]] = totals.get(row["status"], 0) + row["m"]
        if harian:
            per_hari[row["pegawai_id"]][row["tanggal"]][row["status"]] = row["m"]
    period = [start + timedelta(days=i) for i in range((end - start).days + 1)] if harian else []

    def hari(pid: int) -> list[Hari]:
        kerja_hari = set(daftar.get(pid, ())) if daftar is not None else set()
        menit = per_hari.get(pid, {})
        return [Hari(d, d in kerja_hari, dict(menit.get(d, {}))) for d in period]

    return [
        RekapBulan(p.pk, tahun, bulan, kerja.get(p.pk, 0), aturan.menit_per_hari, by_pegawai.get(p.pk, {}), hari(p.pk))
        for p in pegawai
    ]


def kegiatan_terakhir(pegawai: Pegawai, limit: int = 10) -> list[Aktivitas]:
    """The most recent distinct activities of a pegawai, to add again in one tap."""
    seen, result = set(), []
    recent = (
        Aktivitas.objects.filter(pegawai=pegawai)
        .select_related("katalog")
        .only("nama_kegiatan", "katalog__satuan", "volume", "menit_diajukan")  # what the buttons show
        .order_by("-tanggal", "-jam_mulai")[:100]
    )
    for a in recent:
        key = (a.katalog_id, a.nama_kegiatan.strip().lower())
        if key not in seen:
            seen.add(key)
            result.append(a)
            if len(result) == limit:
                break
    return result


@dataclass
class RingkasanHari:
    """A pegawai's day at a glance (Beranda): minutes entered against the standard, and what needs them."""

    tanggal: date
    menit: int
    menit_per_hari: int
    draf: int
    dikembalikan: int

    @property
    def persen(self) -> int:
        return min(100, self.menit * 100 // self.menit_per_hari) if self.menit_per_hari else 0


def ringkasan_hari(pegawai: Pegawai, tanggal: date) -> RingkasanHari:
    row = Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal).aggregate(
        menit=Sum("menit"),
        draf=Count("pk", filter=Q(status=Status.DRAFT)),
        dikembalikan=Count("pk", filter=Q(status=Status.RETURNED)),
    )
    aturan = aturan_for(pemda_id=pegawai.pemda_id, on=tanggal)
    return RingkasanHari(tanggal, row["menit"] or 0, aturan.menit_per_hari, row["draf"], row["dikembalikan"])


def katalog_visible_to(user: User) -> QuerySet[KegiatanKatalog]:
    """Catalog items an admin may look at: admin OPD those of their OPD plus the pemda-wide ones
    (read-only: HR keeps them); HR pemda the whole pemda; superadmin everything; anyone else none."""
    qs = KegiatanKatalog.objects.select_related("jabatan__unit", "unit", "opd")
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda:
        return qs.filter(pemda_id=user.pemda_id)
    if user.is_admin_opd:
        return qs.filter(Q(opd_id=user.opd_id) | Q(lingkup=LingkupKatalog.PEMDA), pemda_id=user.pemda_id)
    return qs.none()


def hari_kerja_sebelumnya(pegawai: Pegawai, day: date) -> date:
    """The pegawai's working day before `day` (for "salin kemarin" after a weekend or a holiday):
    their unit's schedule and the pemda's holidays, as attendance counts them."""
    days = hari_kerja_pegawai(pegawai, day - timedelta(days=31), day - timedelta(days=1))
    return days[-1] if days else day - timedelta(days=1)


def aktivitas_valid_rhk(*, rhk_ids: list[int], start: date, end: date) -> QuerySet[Aktivitas]:
    """Validated activities linked to the given SKP RHK between two dates: the only ones that count
    as SKP realisation (read by skp/evaluation.py)."""
    return Aktivitas.objects.filter(rhk_id__in=rhk_ids, status=Status.VALIDATED, tanggal__range=(start, end))
