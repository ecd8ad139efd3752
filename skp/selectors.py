"""Reads of SKP, scoped to who asks (DESIGN.md §4). Activities read only `rhk_for_aktivitas` here."""

from collections import Counter
from datetime import date

from django.db.models import Q, QuerySet

from accounts.models import Pegawai, PeriodeTutup, User

from . import rules
from .choices import JenisPeriode, Periodik, Predikat, Status
from .models import PengaturanSkp, Penilaian, PredikatOrganisasi, Rhk, Skp


def pengaturan_for(pemda_id: int) -> PengaturanSkp:
    """The pemda's SKP settings; the defaults (quarterly, not feeding TPP) when none are saved."""
    return PengaturanSkp.objects.filter(pemda_id=pemda_id).first() or PengaturanSkp(pemda_id=pemda_id)


def periodik_jenis(pemda_id: int) -> str:
    periodik = pengaturan_for(pemda_id).periodik
    return JenisPeriode.BULANAN if periodik == Periodik.BULANAN else JenisPeriode.TRIWULAN


def tahun_tertutup(*, pemda_id: int, tahun: int) -> bool:
    """A year is closed once its December is closed: its approved SKP are then locked."""
    return PeriodeTutup.objects.filter(pemda_id=pemda_id, tahun=tahun, bulan=12).exists()


def periode_terkunci(*, pemda_id: int, tahun: int, jenis: str, ke: int) -> bool:
    """An evaluation is locked once the last month of its period is closed."""
    _start, end = rules.periode_range(tahun, jenis, ke)
    return PeriodeTutup.objects.filter(pemda_id=pemda_id, tahun=tahun, bulan=end.month).exists()


def skp_visible_to(user: User) -> QuerySet[Skp]:
    """One's own SKP, those one rates as pejabat penilai, and for admins their OPD or pemda."""
    qs = Skp.objects.select_related("pegawai", "penilai", "jabatan__unit")
    if user.is_superadmin:
        return qs
    pegawai_id = getattr(getattr(user, "pegawai", None), "pk", None)
    cond = Q(pk__in=[])
    if pegawai_id:
        cond = Q(pegawai_id=pegawai_id) | Q(penilai_id=pegawai_id)
    if user.is_hr_pemda:
        cond |= Q(pemda_id=user.pemda_id)
    elif user.is_admin_opd:
        cond |= Q(pemda_id=user.pemda_id, pegawai__opd_id=user.opd_id)
    return qs.filter(cond)


def skp_of(pegawai: Pegawai, tahun: int) -> QuerySet[Skp]:
    return Skp.objects.filter(pegawai=pegawai, tahun=tahun).select_related("penilai", "jabatan").order_by("mulai")


def rhk_induk_choices(skp: Skp) -> QuerySet[Rhk]:
    """The RHK this SKP may cascade from: those of the pejabat penilai's SKP over the same dates."""
    if skp.penilai_id is None:
        return Rhk.objects.none()
    return (
        Rhk.objects.filter(
            skp__pegawai_id=skp.penilai_id,
            skp__mulai__lte=skp.selesai,
            skp__selesai__gte=skp.mulai,
        )
        .exclude(skp__status=Status.DIKEMBALIKAN)
        .select_related("skp")
        .order_by("skp__mulai", "urutan", "pk")
    )


def rhk_for_aktivitas(pegawai: Pegawai, tanggal: date) -> QuerySet[Rhk]:
    """RHK an activity may realise: those of the pegawai's approved SKP covering the activity date."""
    return Rhk.objects.filter(
        skp__pegawai=pegawai, skp__status=Status.DISETUJUI, skp__mulai__lte=tanggal, skp__selesai__gte=tanggal
    ).order_by("urutan", "pk")


def skp_untuk_dinilai(penilai: Pegawai, *, start: date, end: date) -> QuerySet[Skp]:
    """Approved SKP this pegawai rates as pejabat penilai, overlapping a period (the grid)."""
    return (
        Skp.objects.filter(penilai=penilai, status=Status.DISETUJUI, mulai__lte=end, selesai__gte=start)
        .select_related("pegawai", "jabatan")
        .order_by("pegawai__nama", "mulai")
    )


def pohon_rhk(user: User, tahun: int) -> list[dict]:
    """The cascading tree of an OPD for a year, from the kepala OPD down: nested
    `{"rhk": Rhk, "anak": [...]}` (three queries). The pegawai's own OPD; an admin's OPD."""
    opd_id = user.opd_id if user.is_admin_opd else getattr(getattr(user, "pegawai", None), "opd_id", None)
    if opd_id is None:
        return []
    rows = list(
        Rhk.objects.filter(skp__tahun=tahun, skp__pemda_id=user.pemda_id or 0, skp__pegawai__opd_id=opd_id)
        .exclude(skp__status=Status.DIKEMBALIKAN)
        .select_related("skp__pegawai", "skp__jabatan")
        .prefetch_related("indikator")
        .order_by("urutan", "pk")
    )
    ids = {r.pk for r in rows}
    nodes = {r.pk: {"rhk": r, "anak": []} for r in rows}
    roots = []
    for r in rows:
        if r.induk_id in ids:
            nodes[r.induk_id]["anak"].append(nodes[r.pk])
        else:
            roots.append(nodes[r.pk])
    # the kepala OPD's RHK first: the highest jabatan class
    roots.sort(key=lambda n: (-(n["rhk"].skp.jabatan.kelas if n["rhk"].skp.jabatan else 0), n["rhk"].pk))
    return roots


def predikat_bulan(pemda_id: int, tahun: int, bulan: int) -> dict[int, str]:
    """Each pegawai's predikat for a month, for TPP (some provinces pay by predikat): the monthly
    evaluation, or under quarterly evaluation the quarter's. Evaluations not finished are left out."""
    jenis = periodik_jenis(pemda_id)
    ke = rules.periode_of(jenis, date(tahun, bulan, 1))
    rows = (
        Penilaian.objects.filter(pemda_id=pemda_id, skp__tahun=tahun, jenis=jenis, ke=ke)
        .exclude(predikat="")
        .order_by("skp__mulai")
        .values_list("skp__pegawai_id", "predikat")
    )
    return dict(rows)


def predikat_organisasi(*, opd_id: int, tahun: int) -> str:
    row = PredikatOrganisasi.objects.filter(opd_id=opd_id, tahun=tahun).values_list("predikat", flat=True).first()
    return row or Predikat.BAIK


def distribusi(*, opd_id: int, tahun: int, jenis: str, ke: int) -> Counter:
    """How many people of an OPD got each predikat in a period (one query)."""
    rows = Penilaian.objects.filter(skp__pegawai__opd_id=opd_id, skp__tahun=tahun, jenis=jenis, ke=ke).exclude(
        predikat=""
    )
    return Counter(rows.values_list("predikat", flat=True))
