"""The dashboards' reads (issue 18): an atasan's month of each bawahan, and a unit's month for admin
OPD and HR. Every figure comes from `selectors.rekap_pegawai_bulan` (the one way a month is counted);
this module only arranges it, adds the attendance of each day, the waiting queues and the open
anomaly flags, each in a fixed number of queries however many people there are.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import Pegawai, UnitKerja
from attendance.rules import hari_final
from attendance.selectors import data_absen_sampai, hari_efektif
from attendance.selectors_jadwal import unit_per_hari
from core.months import month_bounds, previous_month

from . import selectors
from .choices import JenisKejanggalan, Status
from .models import Aktivitas
from .models_kejanggalan import Kejanggalan

# --- the state of a subordinate's day ----------------------------------------------------------

# key: (the letter shown in the cell, the words a screen reader and the legend say). Colour is a
# third signal only (a CSS class per key).
KEADAAN = {
    "valid": ("V", gettext_lazy("Divalidasi")),
    "verifikasi": ("P", gettext_lazy("Diverifikasi, menunggu validasi")),
    "diajukan": ("A", gettext_lazy("Diajukan, menunggu verifikasi")),
    "draf": ("D", gettext_lazy("Draf, belum diajukan")),
    "dikembalikan": ("K", gettext_lazy("Dikembalikan untuk diperbaiki")),
    "kosong": ("!", gettext_lazy("Belum diisi")),
    "cuti": ("C", gettext_lazy("Cuti, sakit, izin atau tugas belajar")),
    "absen": ("T", gettext_lazy("Tidak hadir tanpa keterangan")),
    "libur": ("–", gettext_lazy("Libur atau bukan hari kerja")),
    "nanti": ("", gettext_lazy("Belum tiba")),
}
# the attendance statuses of a day on which nobody expects an entry (attendance.choices.StatusHari)
STATUS_CUTI = frozenset({"CUTI", "SAKIT", "IZIN", "TUGAS_BELAJAR"})


def keadaan_hari(hari: selectors.Hari, *, presensi: str | None, absen_final: bool) -> str:
    """One day of a bawahan: what is wrong first (returned, a draft), then the furthest step its
    entries reached; a day without entries says why (holiday, leave, absent) or that it is missing."""
    m = hari.menit
    for status, key in (
        (Status.RETURNED, "dikembalikan"),
        (Status.DRAFT, "draf"),
        (Status.SUBMITTED, "diajukan"),
        (Status.VERIFIED, "verifikasi"),
        (Status.VALIDATED, "valid"),
    ):
        if m.get(status):
            return key
    if not hari.hari_kerja:
        return "libur"
    if presensi in STATUS_CUTI:
        return "cuti"
    if presensi == "TANPA_KETERANGAN" and absen_final:
        return "absen"
    return "kosong"


@dataclass
class HariBawahan:
    tanggal: date
    keadaan: str
    hari_kerja: bool = False

    @property
    def huruf(self) -> str:
        return KEADAAN[self.keadaan][0]

    @property
    def label(self) -> str:
        return str(KEADAAN[self.keadaan][1])


@dataclass
class BulanBawahan:
    """A bawahan's month: each day's state and the minutes against the standard so far."""

    pegawai: Pegawai
    rekap: selectors.RekapBulan
    hari: list[HariBawahan]

    def keadaan_pada(self, tanggal: date) -> str | None:
        return next((h.keadaan for h in self.hari if h.tanggal == tanggal), None)

    @property
    def di_standar(self) -> bool:
        return di_standar(self.rekap)


def di_standar(rekap: selectors.RekapBulan) -> bool:
    """At the standard: validated minutes reach working days × minutes per day (capaian 100%)."""
    return rekap.target > 0 and rekap.divalidasi >= rekap.target


def sampai_untuk(tahun: int, bulan: int, hari_ini: date) -> date | None:
    """The month is counted up to today while it runs ("so far"), whole once it is over."""
    start, end = month_bounds(tahun, bulan)
    return hari_ini if start <= hari_ini <= end else None


def bulan_bawahan(pegawai: list[Pegawai], *, tahun: int, bulan: int, hari_ini: date) -> list[BulanBawahan]:
    """The month of each person (in the order given): the days up to today from their activities,
    schedule and attendance, the later days "not yet". A fixed number of queries per pemda."""
    if not pegawai:
        return []
    start, end = month_bounds(tahun, bulan)
    sampai = sampai_untuk(tahun, bulan, hari_ini)
    rekap: dict[int, selectors.RekapBulan] = {}
    for pemda_id in dict.fromkeys(p.pemda_id for p in pegawai):
        qs = Pegawai.objects.filter(pk__in=[p.pk for p in pegawai if p.pemda_id == pemda_id])
        for r in selectors.rekap_pegawai_bulan(
            qs, pemda_id=pemda_id, tahun=tahun, bulan=bulan, sampai=sampai, harian=True
        ):
            rekap[r.pegawai_id] = r
    ids = [p.pk for p in pegawai]
    presensi = hari_efektif(pegawai_ids=ids, start=start, end=min(end, hari_ini)) if start <= hari_ini else {}
    data_sampai = data_absen_sampai({p.opd_id for p in pegawai if p.opd_id})
    hasil = []
    for p in pegawai:
        r = rekap[p.pk]
        days = []
        for h in r.hari:
            hp = presensi.get((p.pk, h.tanggal))
            status = hp.status if hp is not None else None
            final = status is not None and hari_final(
                h.tanggal,
                hari_ini=hari_ini,
                status=status,
                manual=bool(getattr(hp, "manual", False)),
                data_sampai=data_sampai.get(p.opd_id),
            )
            days.append(HariBawahan(h.tanggal, keadaan_hari(h, presensi=status, absen_final=final), h.hari_kerja))
        days += [HariBawahan(d, "nanti") for d in _hari_antara(start, end) if d > (sampai or end)]
        hasil.append(BulanBawahan(p, r, days))
    return hasil


def _hari_antara(start: date, end: date) -> list[date]:
    return [date.fromordinal(o) for o in range(start.toordinal(), end.toordinal() + 1)]


@dataclass
class BelumMengisi:
    pegawai: Pegawai
    tanggal: date


def belum_mengisi(bulan: list[BulanBawahan], hari_ini: date) -> tuple[list[BelumMengisi], list[BelumMengisi]]:
    """Who has not filled in today, and who not on their previous working day (of this month)."""
    hari_ini_kosong, kemarin_kosong = [], []
    for b in bulan:
        if b.keadaan_pada(hari_ini) == "kosong":
            hari_ini_kosong.append(BelumMengisi(b.pegawai, hari_ini))
        sebelum = [h for h in b.hari if h.tanggal < hari_ini and h.hari_kerja]
        if sebelum and sebelum[-1].keadaan == "kosong":
            kemarin_kosong.append(BelumMengisi(b.pegawai, sebelum[-1].tanggal))
    return hari_ini_kosong, kemarin_kosong


# --- a unit's month (admin OPD, HR) ----------------------------------------------------------------


@dataclass
class BarisUnit:
    """One unit (or OPD) of the dashboard: its people, those at the standard, its open flags."""

    unit_id: int | None
    nama: str
    orang: int = 0
    di_standar: int = 0
    kejanggalan: dict[str, int] = field(default_factory=dict)

    @property
    def persen(self) -> Decimal:
        return persen(self.di_standar, self.orang)

    @property
    def kejanggalan_total(self) -> int:
        return sum(self.kejanggalan.values())

    @property
    def kejanggalan_urut(self) -> list[tuple[str, int]]:
        """(label, count) of every kind, in the order of JenisKejanggalan (the table's columns)."""
        return [(str(label), self.kejanggalan.get(value, 0)) for value, label in JenisKejanggalan.choices]


def persen(bagian: int, semua: int) -> Decimal:
    return (Decimal(bagian * 100) / Decimal(semua)).quantize(Decimal("0.1")) if semua else Decimal(0)


@dataclass
class BarisAntrean:
    """One approver: entries of the unit's people waiting for them, and since when the oldest waits."""

    penyetuju: Pegawai | None
    verifikasi: int = 0
    validasi: int = 0
    sejak: date | None = None

    @property
    def jumlah(self) -> int:
        return self.verifikasi + self.validasi

    lama: int | None = None  # days waited by the oldest, on the day asked


@dataclass
class TitikTren:
    tahun: int
    bulan: int
    orang: int
    di_standar: int

    @property
    def persen(self) -> Decimal:
        return persen(self.di_standar, self.orang)

    @property
    def tanggal(self) -> date:
        return date(self.tahun, self.bulan, 1)


def rekap_orang(pegawai: list[Pegawai], *, tahun: int, bulan: int, hari_ini: date) -> dict[int, selectors.RekapBulan]:
    """pegawai id → their month (so far, while it runs); a fixed number of queries per pemda."""
    sampai = sampai_untuk(tahun, bulan, hari_ini)
    hasil = {}
    for pemda_id in dict.fromkeys(p.pemda_id for p in pegawai):
        qs = Pegawai.objects.filter(pk__in=[p.pk for p in pegawai if p.pemda_id == pemda_id])
        for r in selectors.rekap_pegawai_bulan(qs, pemda_id=pemda_id, tahun=tahun, bulan=bulan, sampai=sampai):
            hasil[r.pegawai_id] = r
    return hasil


def kelompok_unit(pegawai: list[Pegawai], *, per_opd: bool, on: date) -> dict[int, tuple[int | None, str]]:
    """pegawai id → (unit id, name) of the row they count in: their OPD (HR's view of a pemda), or
    the unit of their main posting on the date (an OPD seen from inside). Two queries at most."""
    if per_opd:
        return {p.pk: (p.opd_id, p.opd.nama if p.opd_id else "—") for p in pegawai}
    units = unit_per_hari([p.pk for p in pegawai], on, on)
    unit_of = {pid: days.get(on) for pid, days in units.items()}
    names = dict(UnitKerja.objects.filter(pk__in={u for u in unit_of.values() if u}).values_list("pk", "nama"))
    return {p.pk: (unit_of.get(p.pk), names.get(unit_of.get(p.pk), "—")) for p in pegawai}


def baris_unit(
    pegawai: list[Pegawai],
    rekap: dict[int, selectors.RekapBulan],
    kelompok: dict[int, tuple[int | None, str]],
    kejanggalan: dict[int, dict[str, int]],
) -> list[BarisUnit]:
    """The unit rows, ordered by name."""
    rows: dict[int | None, BarisUnit] = {}
    for p in pegawai:
        unit_id, nama = kelompok[p.pk]
        row = rows.setdefault(unit_id, BarisUnit(unit_id, nama))
        row.orang += 1
        row.di_standar += di_standar(rekap[p.pk])
        for jenis, n in kejanggalan.get(p.pk, {}).items():
            row.kejanggalan[jenis] = row.kejanggalan.get(jenis, 0) + n
    return sorted(rows.values(), key=lambda r: (r.nama, r.unit_id or 0))


def kejanggalan_terbuka(pegawai_qs: QuerySet[Pegawai], *, start: date, end: date) -> dict[int, dict[str, int]]:
    """pegawai id → {jenis: open flags} on entries of the period (dismissed ones left out); one query."""
    rows = (
        Kejanggalan.objects.filter(
            pegawai_id__in=pegawai_qs.order_by().values("pk"),
            tanggal__range=(start, end),
            diabaikan__isnull=True,
            aktivitas__dihapus__isnull=True,
        )
        .values("pegawai_id", "jenis")
        .annotate(n=Count("pk"))
        .order_by()
    )
    hasil: dict[int, dict[str, int]] = defaultdict(dict)
    for r in rows:
        hasil[r["pegawai_id"]][r["jenis"]] = r["n"]
    return hasil


def antrean_penyetuju(pegawai_qs: QuerySet[Pegawai], *, hari_ini: date) -> list[BarisAntrean]:
    """Entries of these people waiting now, per approver: for verification (at the atasan) and for
    validation (at the atasan's atasan), and the day the oldest began to wait. Three queries."""
    orang = pegawai_qs.order_by().values("pk")
    rows: dict[int | None, BarisAntrean] = {}
    tz = timezone.get_current_timezone()
    for status, kolom, waktu, atribut in (
        (Status.SUBMITTED, "verifikator_id", "diajukan_pada", "verifikasi"),
        (Status.VERIFIED, "validator_id", "diverifikasi_pada", "validasi"),
    ):
        for r in (
            Aktivitas.objects.filter(pegawai_id__in=orang, status=status)
            .values(kolom)
            .annotate(n=Count("pk"), sejak=Min(waktu), tanggal=Min("tanggal"))
            .order_by()
        ):
            row = rows.setdefault(r[kolom], BarisAntrean(None))
            setattr(row, atribut, r["n"])
            # an entry moved before the timestamps were kept waits since its own date at the latest
            sejak = timezone.localtime(r["sejak"], tz).date() if r["sejak"] else r["tanggal"]
            row.sejak = min(row.sejak, sejak) if row.sejak else sejak
    orang_ids = [pk for pk in rows if pk is not None]
    penyetuju = Pegawai.objects.filter(pk__in=orang_ids).only("nama", "gelar_depan", "gelar_belakang", "nip")
    for p in penyetuju:
        rows[p.pk].penyetuju = p
    for row in rows.values():
        row.lama = (hari_ini - row.sejak).days if row.sejak else None
    return sorted(rows.values(), key=lambda r: (r.sejak or date.max, -r.jumlah))


def bulan_mundur(tahun: int, bulan: int, n: int) -> list[tuple[int, int]]:
    """The n months ending with this one, oldest first."""
    months = [(tahun, bulan)]
    for _ in range(n - 1):
        months.append(previous_month(*months[-1]))
    return months[::-1]


def tren(pegawai_per_bulan: Iterable[tuple[int, int, list[Pegawai]]], *, hari_ini: date) -> list[TitikTren]:
    """The share of people at the standard in each month (so far for the running month)."""
    hasil = []
    for tahun, bulan, pegawai in pegawai_per_bulan:
        rekap = rekap_orang(pegawai, tahun=tahun, bulan=bulan, hari_ini=hari_ini)
        hasil.append(TitikTren(tahun, bulan, len(pegawai), sum(di_standar(rekap[p.pk]) for p in pegawai)))
    return hasil


JENIS = list(JenisKejanggalan)
