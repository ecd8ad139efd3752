"""What the beranda leads with for each role (issue 17, "the first screen"): the reads behind its
task cards. Each is one query at most, run only for the role it serves."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Sum

from accounts.models import Pegawai
from activities.selectors import antrean_verifikasi
from activities.selectors_lewat_batas import jumlah_lewat_batas_bawahan, tunggakan_bulan
from core.months import month_value, previous_month
from tpp.calculation import aturan_bulan, nilai_aturan
from tpp.choices import StatusPeriode
from tpp.models import PeriodeTpp
from tpp.rincian import persen
from tpp.rules import potongan_kaskade

HARI_DI_BERANDA = 3  # the waiting days of the verification queue listed on the atasan's card


@dataclass(frozen=True)
class HariMenunggu:
    """One person's day with entries waiting for the atasan's verification."""

    pegawai: Pegawai  # unsaved, for its name only
    tanggal: date
    jumlah: int
    menit: int

    @property
    def kunci(self) -> str:
        """The anchor of this day on the queue page (HariAntrean.kunci in activities/views_antrean.py)."""
        return f"h-{self.pegawai.pk}-{self.tanggal:%Y%m%d}"


def hari_menunggu(atasan: Pegawai, *, limit: int = HARI_DI_BERANDA) -> list[HariMenunggu]:
    """The first days of the verification queue, in the queue's order (by name, then date), so that
    each links to a day the queue page shows (one query)."""
    rows = (
        antrean_verifikasi(atasan)
        .order_by()
        .values("pegawai_id", "pegawai__nama", "pegawai__gelar_depan", "pegawai__gelar_belakang", "tanggal")
        .annotate(jumlah=Count("pk"), menit=Sum("menit"))
        .order_by("pegawai__nama", "pegawai_id", "tanggal")[:limit]
    )
    return [
        HariMenunggu(
            pegawai=Pegawai(
                pk=r["pegawai_id"],
                nama=r["pegawai__nama"],
                gelar_depan=r["pegawai__gelar_depan"],
                gelar_belakang=r["pegawai__gelar_belakang"],
            ),
            tanggal=r["tanggal"],
            jumlah=r["jumlah"],
            menit=r["menit"] or 0,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class BulanTpp:
    """A TPP month as HR's card shows it: its state, and whether it still waits to be closed."""

    tahun: int
    bulan: int
    status: str
    label: str

    @property
    def tanggal(self) -> date:
        return date(self.tahun, self.bulan, 1)

    @property
    def nilai(self) -> str:
        """The month page's `?bulan=` value."""
        return month_value(self.tahun, self.bulan)

    @property
    def ditutup(self) -> bool:
        return self.status == StatusPeriode.CLOSED


def bulan_tpp(pemda_id: int, hari_ini: date) -> list[BulanTpp]:
    """Last month (the one HR closes now) and this month, with their TPP state; a month never
    calculated is open (one query, nothing written)."""
    bulan = [previous_month(hari_ini.year, hari_ini.month), (hari_ini.year, hari_ini.month)]
    rows = PeriodeTpp.objects.filter(
        pemda_id=pemda_id, tahun__in={t for t, _b in bulan}, bulan__in={b for _t, b in bulan}
    ).values_list("tahun", "bulan", "status")
    found = {(t, b): status for t, b, status in rows}
    labels = dict(StatusPeriode.choices)
    result = []
    for t, b in bulan:
        status = found.get((t, b), StatusPeriode.OPEN)
        result.append(BulanTpp(t, b, status, str(labels[status])))
    return result


@dataclass(frozen=True)
class LewatBatas:
    """Issue 18, the leader cascade before the month closes: the entries overdue in my queue this
    month, the cut of my kinerja part they mean under the TPP rule set in force (the TPP's own
    function), and how many wait past their deadline in my bawahan's queues."""

    jumlah: int
    potongan: str  # "3%"
    per_aktivitas: str
    maks: str
    bawahan: int

    @property
    def ada(self) -> bool:
        return bool(self.jumlah or self.bawahan)


def lewat_batas(pegawai: Pegawai, hari_ini: date) -> LewatBatas:
    """Run only for an atasan (the beranda's card asks when the menu says they hold a post above others)."""
    saya = tunggakan_bulan(pegawai, tahun=hari_ini.year, bulan=hari_ini.month, today=hari_ini)
    bawahan = jumlah_lewat_batas_bawahan(pegawai, today=hari_ini)
    potongan = per = maks = ""
    if saya.jumlah:
        aturan = aturan_bulan(pemda_id=pegawai.pemda_id, tahun=hari_ini.year, bulan=hari_ini.month, bawaan=True)
        if aturan is not None:
            nilai = nilai_aturan(aturan.untuk(pegawai.opd_id), menit_default=aturan.menit_default)
            potongan = persen(potongan_kaskade(saya.jumlah, nilai))
            per, maks = persen(nilai.kaskade_persen), persen(nilai.kaskade_maks)
    return LewatBatas(saya.jumlah, potongan, per, maks, bawahan)
