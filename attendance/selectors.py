"""Attendance reads other apps use (activities, tpp): the days of pegawai as they count, the recaps,
whether a day is final, and the scoped reads of requests, machine PINs and tokens.

The calendar (holidays, schedules, working days) is `selectors_jadwal`.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Pegawai, Penempatan, User
from accounts.selectors import approval_chain, pegawai_visible_to
from core.dates import today

from .choices import STATUS_PERMOHONAN, StatusHari, StatusPermohonan
from .models import (
    Absen,
    AturanPresensi,
    CakupanAbsen,
    HariLibur,
    HariPresensi,
    Permohonan,
    PinMesin,
    TokenIntegrasi,
)
from .rules import (
    BATAS_BAND,
    STATUS_DARI_ABSEN,
    STATUS_TANPA_AKTIVITAS,
    hari_final,
    sanksi_ketidakhadiran,
    status_hari,
    tanpa_keterangan_berturut,
)
from .selectors_jadwal import JadwalResolver, unit_per_hari

# --- the days of many pegawai (issue 5) -------------------------------------------------------


def aturan_presensi_for(*, pemda_id: int, on: date) -> AturanPresensi | None:
    """The attendance rule version in force on a date; None when the pemda has none (the defaults)."""
    return AturanPresensi.objects.filter(pemda_id=pemda_id, berlaku_mulai__lte=on).order_by("-berlaku_mulai").first()


def batas_band_per_hari(pemda_ids: Collection[int], end: date):
    """A test `(pemda_id, day) -> (TL1, TL2, TL3 upper bounds)` of the versions in force on each day
    (one query for the whole batch; RULES.md §1.6a defaults before a pemda's first version)."""
    rows = list(
        AturanPresensi.objects.filter(pemda_id__in=pemda_ids, berlaku_mulai__lte=end)
        .order_by("-berlaku_mulai")
        .values_list("pemda_id", "berlaku_mulai", "batas_tl1", "batas_tl2", "batas_tl3")
    )

    def batas(pemda_id: int, day: date) -> tuple[int, int, int]:
        return next((tuple(r[2:]) for r in rows if r[0] == pemda_id and r[1] <= day), BATAS_BAND)

    return batas


def hari_dihitung(*, pegawai_ids: Collection[int], start: date, end: date) -> list[HariPresensi]:
    """The computed days (unsaved) of pegawai over a period, only days with a posting and ≤ today.

    A fixed number of queries whatever the number of pegawai: postings, schedules and units per
    pemda, holidays, punches, approved requests.
    """
    end = min(end, today())
    if start > end or not pegawai_ids:
        return []
    pemda_of: dict[int, int] = {}
    units = unit_per_hari(pegawai_ids, start, end, pemda_of)
    pemda_ids = set(pemda_of.values())
    resolvers = {p: JadwalResolver(pemda_id=p, start=start, end=end) for p in pemda_ids}
    batas = batas_band_per_hari(pemda_ids, end)
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
    for pid, days in units.items():
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
                batas=batas(pemda_id, day),
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


def penempatan_periode(*, unit_ids: Collection[int], start: date, end: date) -> list[Penempatan]:
    """Every posting to the units in force on some day of a period (people with no punch included)."""
    qs = (
        Penempatan.objects.filter(jabatan__unit_id__in=unit_ids, mulai__lte=end)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=start))
        .select_related("pegawai", "jabatan__unit")
        .order_by("pegawai__nama", "mulai", "pk")
    )
    return list(qs)


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


@dataclass(frozen=True)
class HariTercatat:
    """A stored day as activities' anomaly flags read it (issue 18): status, punches, finality."""

    status: str
    jam_masuk: time | None
    jam_pulang: time | None
    final: bool


def hari_tercatat_pemda(*, pemda_id: int, start: date, end: date) -> dict[tuple[int, date], HariTercatat]:
    """(pegawai, date) → every stored day of a pemda over a period, with whether it is final
    (rules.hari_final, as `presensi_hari_banyak`); two queries whatever the number of pegawai."""
    hari_ini = today()
    rows = list(
        HariPresensi.objects.filter(pemda_id=pemda_id, tanggal__range=(start, end)).values_list(
            "pegawai_id", "tanggal", "status", "jam_masuk", "jam_pulang", "manual", "pegawai__opd_id"
        )
    )
    perlu = {r[6] for r in rows if r[2] in STATUS_DARI_ABSEN and not r[5] and r[6] and r[1] < hari_ini}
    sampai = data_absen_sampai(perlu) if perlu else {}
    return {
        (pid, d): HariTercatat(
            status,
            masuk,
            pulang,
            hari_final(d, hari_ini=hari_ini, status=status, manual=manual, data_sampai=sampai.get(opd)),
        )
        for pid, d, status, masuk, pulang, manual, opd in rows
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


# --- scoped reads of requests, machine PINs and tokens (DESIGN.md §4) ----------------------------


def permohonan_visible_to(user: User) -> QuerySet[Permohonan]:
    """One's own requests and those one approves (as first or second level); nothing else (→ 404)."""
    pegawai = getattr(user, "pegawai", None)
    qs = Permohonan.objects.select_related("pegawai", "penyetuju", "penyetuju_kedua")
    if pegawai is None:
        return qs.none()
    return qs.filter(Q(pegawai=pegawai) | Q(penyetuju=pegawai) | Q(penyetuju_kedua=pegawai))


def permohonan_lingkup_admin(user: User) -> QuerySet[Permohonan]:
    """The requests an admin keeps an eye on (Kelola › Cuti & izin pegawai): HR pemda their pemda's,
    a superadmin every pemda's, admin OPD their OPD's; anyone else none. Read only: deciding stays
    with the approvers (`permohonan_visible_to`)."""
    qs = Permohonan.objects.select_related("pegawai__opd", "penyetuju", "penyetuju_kedua")
    if not getattr(user, "can_manage_org", False):
        return qs.none()
    return qs.filter(pegawai__in=pegawai_visible_to(user).values("pk"))


def masih_menyetujui(penyetuju_id: int, pegawai: Pegawai, memo: dict[int, bool] | None = None) -> bool:
    """Whether `penyetuju_id` approves `pegawai` today (their atasan or the atasan's atasan in the
    jabatan tree on today's date): a former approver reads no more of that person's records.
    `memo` (pegawai id → answer) spares the walk for a second record of the same person."""
    memo = {} if memo is None else memo
    if pegawai.pk not in memo:
        memo[pegawai.pk] = any(a.pegawai.pk == penyetuju_id for a in approval_chain(pegawai, today(), depth=2))
    return memo[pegawai.pk]


def permohonan_terbuka(user: User, p: Permohonan) -> bool:
    """Whether a request found through `permohonan_visible_to` may be opened (its attachment
    included): one's own, one waiting for one's decision, or of a person one still approves today."""
    pegawai = getattr(user, "pegawai", None)
    if pegawai is None:
        return False
    if p.pegawai_id == pegawai.pk:
        return True
    if (p.status == StatusPermohonan.DIAJUKAN and p.penyetuju_id == pegawai.pk) or (
        p.status == StatusPermohonan.DISETUJUI_ATASAN and p.penyetuju_kedua_id == pegawai.pk
    ):
        return True
    return masih_menyetujui(pegawai.pk, p.pegawai)


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
