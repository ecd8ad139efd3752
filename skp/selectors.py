"""Reads of SKP, scoped to who asks (DESIGN.md §4). Activities read only `rhk_for_aktivitas` here."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from accounts.models import Pegawai, PeriodeTutup, UnitKerja, User
from accounts.selectors import atasan_of, bawahan_of
from core.dates import today

from . import rules
from .choices import PREDIKAT_ORGANISASI, JenisPeriode, Periodik, Predikat, Status
from .models import Keberatan, PengaturanSkp, Penilaian, PredikatOrganisasi, Rhk, Skp


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
    """One's own SKP, those one rates: as the stored pejabat penilai (the plan), as the atasan
    langsung today (the evaluation follows the atasan in force, see `penilai_periode`) or as the
    one who rated a period (`Penilaian.penilai`), and for admins their OPD or pemda."""
    qs = Skp.objects.select_related("pegawai", "penilai", "jabatan__unit")
    if user.is_superadmin:
        return qs
    pegawai = getattr(user, "pegawai", None)
    cond = Q(pk__in=[])
    if pegawai is not None:
        bawahan = [p.pk for p in bawahan_of(pegawai, today())]
        cond = (
            Q(pegawai_id=pegawai.pk)
            | Q(penilai_id=pegawai.pk)
            | Q(pegawai_id__in=bawahan)
            | Q(pk__in=Penilaian.objects.filter(penilai_id=pegawai.pk).values("skp_id"))
        )
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


def tanggal_penilaian(skp: Skp, start: date, end: date) -> date:
    """The day whose atasan rates an SKP for a period: the last day of the period the SKP covers,
    or today while that part of the period is still running (the first day if it has not begun).

    PermenPANRB 6/2022: the pejabat penilai kinerja is the atasan langsung at the time of the
    evaluation. An SKP ended early by a mutation is rated as of its own last day (the old post).
    """
    window = rules.overlap((skp.mulai, skp.selesai), (start, end)) or (start, end)
    return min(max(today(), window[0]), window[1])


def penilai_periode(skp: Skp, start: date, end: date) -> Pegawai | None:
    """Who rates an SKP for a period: `atasan_of` the pegawai on `tanggal_penilaian`. The plan is
    approved by the stored `Skp.penilai` (derived again on submit); the evaluation follows the
    atasan in force, so a new definitive holder of the atasan's post, a Plt or a Plh rates it."""
    return atasan_of(skp.pegawai, tanggal_penilaian(skp, start, end))


def memimpin(pegawai: Pegawai, skp: Skp) -> bool:
    """Whether this pegawai leads the SKP's owner now: the stored penilai, or the atasan langsung in
    force today within the SKP's dates (a new holder of the post, a Plt or a Plh). Such a leader
    joins the feedback thread and states the ekspektasi khusus (PermenPANRB 6/2022)."""
    if skp.penilai_id == pegawai.pk:
        return True
    atasan = atasan_of(skp.pegawai, min(max(today(), skp.mulai), skp.selesai))
    return atasan is not None and atasan.pk == pegawai.pk


def skp_untuk_dinilai(penilai: Pegawai, *, start: date, end: date) -> list[Skp]:
    """Approved SKP overlapping a period that this pegawai rates (the grid): those whose pegawai's
    atasan langsung on `tanggal_penilaian` is this pegawai (see `penilai_periode`).

    A fixed number of queries whatever the number of people: the pegawai's bawahan on the period's
    evaluation day (`bawahan_of`, fixed queries per level of the tree), then the SKP. Only an SKP
    that does not cover that day (ended or begun within the period by a mutation) is checked on its
    own day, one `bawahan_of` per such distinct day (rare)."""
    hari = min(max(today(), start), end)
    bawahan = {p.pk for p in bawahan_of(penilai, hari)}
    candidates = (
        Skp.objects.filter(status=Status.DISETUJUI, mulai__lte=end, selesai__gte=start)
        .filter(Q(pegawai_id__in=bawahan) | Q(penilai=penilai))
        .select_related("pegawai", "jabatan")
        .order_by("pegawai__nama", "mulai")
    )
    per_hari: dict[date, set[int]] = {hari: bawahan}
    result = []
    for skp in candidates:
        tanggal = tanggal_penilaian(skp, start, end)
        if tanggal not in per_hari:
            per_hari[tanggal] = {p.pk for p in bawahan_of(penilai, tanggal)}
        if skp.pegawai_id in per_hari[tanggal]:
            result.append(skp)
    return result


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


@dataclass
class SebaranOpd:
    """One OPD's row on the "Sebaran predikat per OPD" page."""

    opd: UnitKerja
    jumlah: dict[str, int]
    predikat_organisasi: str
    ditetapkan: bool  # False: no PredikatOrganisasi row, the OPD counts as Baik
    peringatan: list[str] = field(default_factory=list)

    @property
    def predikat_organisasi_label(self) -> str:
        return dict(PREDIKAT_ORGANISASI)[self.predikat_organisasi]

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def baris(self) -> list[tuple[str, str, int]]:
        """(value, label, count) per predikat, in the order of the choices."""
        return [(value, label, self.jumlah.get(value, 0)) for value, label in Predikat.choices]


def opd_sebaran_visible_to(user: User, pemda_id: int) -> QuerySet[UnitKerja]:
    """The OPDs whose distribution the user may see: the pemda's for HR and superadmin, one's own
    OPD for an admin OPD, none otherwise."""
    qs = UnitKerja.objects.filter(pemda_id=pemda_id, parent__isnull=True).order_by("nama", "pk")
    if user.is_superadmin or (user.is_hr_pemda and user.pemda_id == pemda_id):
        return qs.filter(aktif=True)
    if user.is_admin_opd and user.pemda_id == pemda_id and user.opd_id:
        return qs.filter(pk=user.opd_id)
    return qs.none()


def sebaran_predikat(*, user: User, pemda_id: int, tahun: int, jenis: str, ke: int) -> list[SebaranOpd]:
    """Per OPD: how many people got each predikat in a period, the OPD's own predikat for the year
    and where the distribution breaks the PermenPANRB 6/2022 curve. Three queries whatever the
    number of OPDs: the OPDs, the counts grouped in the database, the organisation predikat. An
    evaluation counts for the pegawai's OPD, like the warning on the rating grid (`distribusi`)."""
    opds = list(opd_sebaran_visible_to(user, pemda_id))
    if not opds:
        return []
    ids = [o.pk for o in opds]
    jumlah: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    rows = (
        Penilaian.objects.filter(pemda_id=pemda_id, skp__tahun=tahun, jenis=jenis, ke=ke, skp__pegawai__opd_id__in=ids)
        .exclude(predikat="")
        .values_list("skp__pegawai__opd_id", "predikat")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for opd_id, predikat, n in rows:
        jumlah[opd_id][predikat] = n
    ditetapkan = dict(
        PredikatOrganisasi.objects.filter(pemda_id=pemda_id, tahun=tahun, opd_id__in=ids).values_list(
            "opd_id", "predikat"
        )
    )
    hasil = []
    for opd in opds:
        org = ditetapkan.get(opd.pk, Predikat.BAIK)
        hasil.append(
            SebaranOpd(
                opd=opd,
                jumlah=jumlah[opd.pk],
                predikat_organisasi=org,
                ditetapkan=opd.pk in ditetapkan,
                peringatan=rules.distribusi_peringatan(org, jumlah[opd.pk]),
            )
        )
    return hasil


def keberatan_visible_to(user: User) -> QuerySet[Keberatan]:
    """Objections one may see: one's own, those one decides, those against one's rating; HR of the
    pemda and the admin OPD of the pegawai's OPD; the superadmin all."""
    qs = Keberatan.objects.select_related("pegawai", "penilai", "pemutus", "penilaian__skp__pegawai", "diputus_oleh")
    if user.is_superadmin:
        return qs
    pegawai = getattr(user, "pegawai", None)
    cond = Q(pk__in=[])
    if pegawai is not None:
        cond = Q(pegawai_id=pegawai.pk) | Q(pemutus_id=pegawai.pk) | Q(penilai_id=pegawai.pk)
    if user.is_hr_pemda:
        cond |= Q(pemda_id=user.pemda_id)
    elif user.is_admin_opd:
        cond |= Q(pemda_id=user.pemda_id, pegawai__opd_id=user.opd_id)
    return qs.filter(cond)


def keberatan_daftar(user: User) -> dict:
    """The objections page: mine, those waiting for my decision (deadline first), and the others I may
    see (against my rating; for admins, their OPD or pemda), newest first."""
    pegawai = getattr(user, "pegawai", None)
    qs = keberatan_visible_to(user)
    if pegawai is None:
        return {"saya": [], "diputus": [], "lainnya": list(qs[:200])}
    return {
        "saya": list(qs.filter(pegawai_id=pegawai.pk)),
        "diputus": list(qs.filter(pemutus_id=pegawai.pk).order_by("status", "batas_putus", "pk")),
        "lainnya": list(qs.exclude(pegawai_id=pegawai.pk).exclude(pemutus_id=pegawai.pk)[:200]),
    }


# --- the bridge to BKN (issue 19) ---------------------------------------------------------------


def bkn_ekspor_visible_to(user: User) -> QuerySet:
    """The export log: HR pemda see their pemda's, a superadmin every pemda's; nobody else any."""
    from .models import BknEkspor

    qs = BknEkspor.objects.select_related("opd", "dibuat_oleh").order_by("-dibuat", "-pk")
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda and user.pemda_id:
        return qs.filter(pemda_id=user.pemda_id)
    return qs.none()


@dataclass
class BknStatus:
    """Where the rated evaluations of one period (and OPD) stand with BKN."""

    jumlah: int = 0
    terkirim: int = 0
    gagal: list = field(default_factory=list)  # BknKirim rows still failed, with the reason

    @property
    def belum(self) -> int:
        return self.jumlah - self.terkirim - len(self.gagal)


def bkn_status(*, pemda_id: int, tahun: int, jenis: str, ke: int, opd_id: int | None) -> BknStatus:
    """Three queries whatever the number of records."""
    from . import bkn
    from .models import BknKirim

    semua = bkn.penilaian_tertutup(pemda_id=pemda_id, tahun=tahun, jenis=jenis, ke=ke, opd_id=opd_id)
    kirim = BknKirim.objects.filter(penilaian__in=semua.values("pk"))
    return BknStatus(
        jumlah=semua.count(),
        terkirim=kirim.filter(status=BknKirim.Status.TERKIRIM).count(),
        gagal=list(
            kirim.filter(status=BknKirim.Status.GAGAL)
            .select_related("penilaian__skp__pegawai")
            .order_by("penilaian__skp__pegawai__nip", "pk")
        ),
    )
