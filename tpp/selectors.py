"""TPP reads that depend on who asks (DESIGN.md §4): views fetch through these, so an object out of
the actor's scope is a 404, and a role that may not open a page at all gets a 403.

- HR pemda: every rule set, month and row of their pemda; the superadmin: everything.
- Admin OPD: the months of their pemda and the rows of their own OPD, read only.
- A pegawai: their own TPP; an atasan also that of their bawahan langsung.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, UnitKerja, User
from accounts.permissions import may_keep_tpp
from accounts.selectors import bawahan_of, pegawai_visible_to
from activities.choices import Status
from activities.models import Aktivitas
from attendance.selectors_kegiatan import nama_kejadian
from core.dates import today
from core.money import format_rupiah

from . import rincian as rincian_mod
from . import services
from .calculation import aturan_bulan, bulan_range, hitung_bulan, nilai_aturan
from .choices import StatusPeriode
from .models import AturanTpp, BarisTpp, HukumanDisiplin, PeriodeTpp


def _pemda_scoped(qs: QuerySet, user: User) -> QuerySet:
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda or user.is_admin_opd:
        return qs.filter(pemda_id=user.pemda_id)
    return qs.none()


def aturan_visible_to(user: User) -> QuerySet[AturanTpp]:
    qs = AturanTpp.objects.select_related("opd", "dibuat_oleh")
    return _pemda_scoped(qs, user) if may_keep_tpp(user) else qs.none()


def hukdis_visible_to(user: User) -> QuerySet[HukumanDisiplin]:
    qs = HukumanDisiplin.objects.select_related("pegawai", "dibuat_oleh")
    return _pemda_scoped(qs, user) if may_keep_tpp(user) else qs.none()


def periode_visible_to(user: User) -> QuerySet[PeriodeTpp]:
    return _pemda_scoped(PeriodeTpp.objects.all(), user)


def baris_visible_to(user: User) -> QuerySet[BarisTpp]:
    """Rows of the pemda (HR), of the own OPD (admin OPD), everything (superadmin), else none."""
    qs = BarisTpp.objects.select_related("pegawai", "opd")
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda:
        return qs.filter(pemda_id=user.pemda_id)
    if user.is_admin_opd:
        return qs.filter(pemda_id=user.pemda_id, opd_id=user.opd_id)
    return qs.none()


# rows that could not be computed shown on the month page; the rest through the filtered row list
GALAT_DI_HALAMAN = 100


def baris_galat(user: User, periode: PeriodeTpp) -> QuerySet[BarisTpp]:
    """The month's rows that could not be computed (a data error left the amount empty), in the
    actor's scope, by OPD and name: HR sees them before closing, and closing is refused while any
    remain (tpp.services.tpp_periode_tutup)."""
    if not periode.pk:
        return BarisTpp.objects.none()
    return baris_visible_to(user).filter(periode=periode).exclude(galat="").order_by("opd__nama", "pegawai__nama", "pk")


def opd_visible_to(user: User) -> QuerySet[UnitKerja]:
    """The OPDs whose figures the actor sees on the month pages."""
    qs = UnitKerja.objects.filter(parent__isnull=True).order_by("nama", "pk")
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda:
        return qs.filter(pemda_id=user.pemda_id)
    if user.is_admin_opd:
        return qs.filter(pk=user.opd_id)
    return qs.none()


def periode_of(user: User, *, pemda_id: int, tahun: int, bulan: int) -> PeriodeTpp:
    """The month of the actor's pemda; a month never touched is shown as OPEN (not saved by a GET)."""
    bulan_range(tahun, bulan)
    found = periode_visible_to(user).filter(pemda_id=pemda_id, tahun=tahun, bulan=bulan).first()
    return found or PeriodeTpp(pemda_id=pemda_id, tahun=tahun, bulan=bulan, status=StatusPeriode.OPEN)


def aturan_berlaku(*, pemda_id: int, opd: UnitKerja | None = None, on: date | None = None) -> AturanTpp | None:
    """The version in force on a date (today by default): the OPD's override if it has one."""
    on = on or today()
    aturan = aturan_bulan(pemda_id=pemda_id, tahun=on.year, bulan=on.month)
    if aturan is None:
        return None
    return aturan.untuk(opd.pk if opd is not None else None)


# --- the HR dashboard ----------------------------------------------------------------------------


@dataclass
class RingkasanOpd:
    """One OPD's month on the dashboard."""

    opd: UnitKerja
    pegawai: int = 0
    capai_target: int = 0
    antrean: int = 0
    bruto: int = 0
    neto: int = 0
    galat: int = 0

    @property
    def persen_capai(self) -> int:
        return self.capai_target * 100 // self.pegawai if self.pegawai else 0


@dataclass
class Dasbor:
    baris: list[RingkasanOpd] = field(default_factory=list)

    @property
    def total(self) -> RingkasanOpd:
        t = RingkasanOpd(opd=UnitKerja(nama=_("Jumlah")))
        for r in self.baris:
            t.pegawai += r.pegawai
            t.capai_target += r.capai_target
            t.antrean += r.antrean
            t.bruto += r.bruto
            t.neto += r.neto
            t.galat += r.galat
        return t


def dasbor_bulan(user: User, periode: PeriodeTpp) -> Dasbor:
    """Per OPD in the actor's scope: employees with a row, how many reached 100%, activities of the
    month still waiting (submitted or verified), rupiah totals. Three queries whatever the size."""
    opds = list(opd_visible_to(user).filter(pemda_id=periode.pemda_id))
    ids = [o.pk for o in opds]
    per_opd = {}
    if periode.pk:
        per_opd = {
            r["opd_id"]: r
            for r in baris_visible_to(user)
            .filter(periode=periode, opd_id__in=ids)
            .values("opd_id")
            .annotate(
                n=Count("pk"),
                capai=Count("pk", filter=Q(capaian__gte=1)),
                bruto_=Sum("bruto"),
                neto_=Sum("neto"),
                galat_=Count("pk", filter=~Q(galat="")),
            )
        }
    start, end = bulan_range(periode.tahun, periode.bulan)
    antrean = dict(
        Aktivitas.objects.filter(
            pemda_id=periode.pemda_id,
            tanggal__range=(start, end),
            status__in=(Status.SUBMITTED, Status.VERIFIED),
            pegawai__opd_id__in=ids,
        )
        .values("pegawai__opd_id")
        .annotate(n=Count("pk"))
        .values_list("pegawai__opd_id", "n")
    )
    baris = []
    for o in opds:
        r = per_opd.get(o.pk, {})
        baris.append(
            RingkasanOpd(
                opd=o,
                pegawai=r.get("n", 0),
                capai_target=r.get("capai", 0),
                antrean=antrean.get(o.pk, 0),
                bruto=r.get("bruto_") or 0,
                neto=r.get("neto_") or 0,
                galat=r.get("galat_", 0),
            )
        )
    return Dasbor(baris)


@dataclass(frozen=True)
class Batang:
    """One bar of the server-drawn SVG chart (attributes only: the CSP forbids style attributes)."""

    label: str
    nilai: str
    y: int
    lebar: int


def grafik(dasbor: Dasbor, *, lebar: int = 340, tinggi_baris: int = 72) -> dict:
    """Bars of the neto total per OPD, scaled to the largest; the table above it is the text version.
    Drawn for a phone's width (a name line, the bar, the amount); long names are shortened."""
    rows = [r for r in dasbor.baris if r.pegawai]
    maks = max((r.neto for r in rows), default=0)
    bars = [
        Batang(
            label=r.opd.nama if len(r.opd.nama) <= 36 else r.opd.nama[:34] + "…",
            nilai=format_rupiah(r.neto),
            y=i * tinggi_baris,
            lebar=max(round(r.neto * lebar / maks), 2) if maks else 2,
        )
        for i, r in enumerate(rows)
    ]
    return {"batang": bars, "tinggi": max(len(bars) * tinggi_baris, 1), "lebar": lebar}


# --- "Rincian TPP saya" --------------------------------------------------------------------------


def pegawai_rincian_of(user: User, pegawai_id: int, *, tahun: int, bulan: int) -> Pegawai:
    """Whose TPP the actor may read: their own, their bawahan langsung's (at the month's end, or today),
    and those in their admin scope. Anyone else: 404."""
    own = getattr(user, "pegawai", None)
    if own is not None and own.pk == pegawai_id:
        return own
    found = pegawai_visible_to(user).filter(pk=pegawai_id).first()
    if found is not None:
        return found
    if own is not None:
        _start, end = bulan_range(tahun, bulan)
        for p in bawahan_of(own, min(end, today())):
            if p.pk == pegawai_id:
                return p
    raise Http404


@dataclass
class RincianBulan:
    """What the page shows for one employee and month."""

    pegawai: Pegawai
    periode: PeriodeTpp | None
    baris: BarisTpp | None  # the stored row (closed month) or the live preview (unsaved)
    perkiraan: bool  # a preview "as if the month closed today"
    lines: list = field(default_factory=list)
    masalah: str = ""
    beku: dict | None = None  # figures frozen at the last closing (reopened month)
    selisih: int | None = None  # neto now − frozen neto

    @property
    def belum_mulai(self) -> bool:
        return self.baris is None


def rincian_bulan(pegawai: Pegawai, *, tahun: int, bulan: int) -> RincianBulan:
    """A closed month: the stored row. Any other month: the live calculation of this one employee
    with the rule set in force (the very code of the payroll), plus the frozen figures of a
    reopened month and the difference."""
    start, _end = bulan_range(tahun, bulan)
    periode = PeriodeTpp.objects.filter(pemda_id=pegawai.pemda_id, tahun=tahun, bulan=bulan).first()
    tersimpan = None
    if periode is not None:
        tersimpan = (
            BarisTpp.objects.select_related("aturan", "aturan_aktivitas", "aturan_presensi")
            .filter(periode=periode, pegawai=pegawai)
            .first()
        )
    if periode is not None and periode.status == StatusPeriode.CLOSED and tersimpan is not None:
        baris, perkiraan = tersimpan, False
    else:
        baris, perkiraan = _perkiraan(pegawai, periode, tahun, bulan), True
    hasil = RincianBulan(pegawai=pegawai, periode=periode, baris=baris, perkiraan=perkiraan)
    if baris is None:
        return hasil
    aturan = nilai_aturan(baris.aturan, menit_default=baris.menit_per_hari)
    hasil.lines = rincian_mod.rincian(baris, aturan, nama_kejadian(pegawai.pemda_id))
    hasil.masalah = rincian_mod.masalah(baris)
    if periode is not None and periode.status == StatusPeriode.REOPENED and tersimpan and tersimpan.beku:
        hasil.beku = tersimpan.beku
        hasil.selisih = baris.neto - int(tersimpan.beku.get("neto") or 0)
    return hasil


def _perkiraan(pegawai: Pegawai, periode: PeriodeTpp | None, tahun: int, bulan: int) -> BarisTpp | None:
    # the versions in force, else the national default unsaved: opening the page writes nothing
    aturan = aturan_bulan(pemda_id=pegawai.pemda_id, tahun=tahun, bulan=bulan, bawaan=True)
    if aturan is None:  # the default version starts in 2000: only a month before it
        return None
    hitungan = hitung_bulan(
        aturan=aturan, pemda_id=pegawai.pemda_id, tahun=tahun, bulan=bulan, pegawai_ids=[pegawai.pk]
    )
    if not hitungan:
        return None
    wadah = periode or PeriodeTpp(pemda_id=pegawai.pemda_id, tahun=tahun, bulan=bulan)
    # the same row builder as the payroll, so the preview equals the later calculation
    return services.baris_dari_hitungan(wadah, hitungan[0], timezone.now(), aturan.menit_default, False, aturan)
