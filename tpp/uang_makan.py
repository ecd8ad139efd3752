"""Uang makan of a month per employee (RULES.md §4), on screen and as an xlsx job.

The days come from HariPresensi (filled by the attendance day-status computation); the rates from the
pemda's AturanPresensi in force in the month, else the national defaults of `tpp.rules_uang_makan`.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.choices import JenisPenempatan, StatusPegawai
from accounts.models import Pegawai, Penempatan, UnitKerja
from attendance.models import AturanPresensi, HariPresensi
from attendance.selectors_jadwal import libur_antara
from core.files import simpan_atomik
from core.jobs import job_finish, job_progress, job_run, job_start
from core.models import Job
from core.months import month_bounds

from . import rules_uang_makan

PROGRESS_EVERY = 50  # rows between two progress writes of the export job
NAMA_BULAN = [
    "", "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


@dataclass(frozen=True)
class AturanUangMakan:
    """The numbers of a month: rates and PPh per golongan key, and the day cap (RULES.md §7)."""

    tarif: dict[str, int]
    pph: dict[str, Decimal]
    maks_hari: int


@dataclass(frozen=True)
class Baris:
    """One employee's uang makan of a month; `galat` says why the amounts are empty (data error)."""

    pegawai_id: int
    nip: str
    nama: str
    golongan: str
    hari: int
    tarif: int | None
    bruto: int
    pph: int
    neto: int
    galat: str = ""

    @property
    def nip_tampil(self) -> str:
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 else n


@dataclass(frozen=True)
class Total:
    hari: int
    bruto: int
    pph: int
    neto: int


def _bounds(tahun: int, bulan: int) -> tuple[date, date]:
    try:
        return month_bounds(tahun, bulan)
    except (ValueError, TypeError):
        raise ValidationError(_("Bulan tidak sah."), code="bulan_tidak_sah") from None


def aturan_uang_makan(*, pemda_id: int, tahun: int, bulan: int) -> AturanUangMakan:
    """The rule set of a month: the latest AturanPresensi that started by the month's last day.

    Configured keys override the national defaults one by one (a pemda may add only its PPPK rates);
    an empty JSON or no row means the defaults (PMK 32/2025 SBM, PP 80/2010).
    """
    _start, end = _bounds(tahun, bulan)
    row = AturanPresensi.objects.filter(pemda_id=pemda_id, berlaku_mulai__lte=end).order_by("-berlaku_mulai").first()
    return aturan_uang_makan_dari(row)


def aturan_uang_makan_dari(row: AturanPresensi | None) -> AturanUangMakan:
    """The numbers of one version (saved, or a preview's candidate) over the national defaults."""
    tarif = dict(rules_uang_makan.TARIF_UANG_MAKAN)
    pph = dict(rules_uang_makan.PPH_UANG_MAKAN)
    maks = rules_uang_makan.MAKS_HARI_UANG_MAKAN
    if row is not None:
        tarif.update({str(k): int(v) for k, v in (row.uang_makan_tarif or {}).items()})
        pph.update({str(k): Decimal(str(v)) for k, v in (row.uang_makan_pph or {}).items()})
        maks = row.uang_makan_maks_hari
    return AturanUangMakan(tarif=tarif, pph=pph, maks_hari=maks)


def golongan_key(pegawai: Pegawai) -> str:
    """The key a pegawai's rate is looked up by.

    PPPK golongan I–XVII (Perpres 98/2020) have no sourced equivalence to the PNS groups, and PPPK
    "III" must not silently get the PNS group III rate: PPPK keys are `PPPK <golongan>`, which only a
    pemda's own rule set defines. Without it the row is shown as a data error.
    """
    if pegawai.status == StatusPegawai.PPPK:
        return f"PPPK {pegawai.golongan}"
    return pegawai.golongan


def uang_makan_bulan(
    *,
    pegawai_qs: QuerySet[Pegawai],
    pemda_id: int,
    tahun: int,
    bulan: int,
    opd_id: int | None = None,
    aturan: AturanUangMakan | None = None,
) -> list[Baris]:
    """Every pegawai of `pegawai_qs` with the month's eligible days and amounts (RULES.md §4, §7).

    Eligible day = HADIR or TERLAMBAT on a working day, capped at the rule set's maximum; a pegawai
    without any HariPresensi row gets 0 days. The day-status computation already marks a day the
    unit's schedule does not work as LIBUR (so a six-day unit's Saturdays count); a pemda holiday is
    excluded here too, in case a day was corrected by hand. With `opd_id`, only the days on which the
    pegawai's definitive posting was in that OPD count: someone moved mid-month is paid by each OPD
    for their own days, never twice. Five queries whatever the size.
    """
    aturan = aturan or aturan_uang_makan(pemda_id=pemda_id, tahun=tahun, bulan=bulan)  # a preview's, or in force
    start, end = _bounds(tahun, bulan)
    libur = libur_antara(pemda_id=pemda_id, start=start, end=end)
    pegawai = list(
        pegawai_qs.order_by("nama", "pk").only(
            "pk", "nip", "nama", "gelar_depan", "gelar_belakang", "golongan", "status"
        )
    )
    ids = [p.pk for p in pegawai]
    in_opd = _hari_di_opd(ids, opd_id, start, end) if opd_id is not None else None
    statuses: dict[int, list[str]] = defaultdict(list)
    days = (
        HariPresensi.objects.filter(
            pegawai_id__in=ids, tanggal__range=(start, end), status__in=rules_uang_makan.STATUS_UANG_MAKAN
        )
        .exclude(tanggal__in=libur)
        .values_list("pegawai_id", "tanggal", "status")
    )
    for pegawai_id, tanggal, status in days:
        if in_opd is None or in_opd(pegawai_id, tanggal):
            statuses[pegawai_id].append(status)
    return [_baris(p, statuses[p.pk], aturan) for p in pegawai]


def _hari_di_opd(pegawai_ids: list[int], opd_id: int, start: date, end: date):
    """A test `(pegawai_id, day) -> bool`: was the pegawai's definitive posting that day in the OPD?"""
    ranges: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
    postings = Penempatan.objects.filter(
        Q(mulai__lte=end) & (Q(selesai__isnull=True) | Q(selesai__gte=start)),
        pegawai_id__in=pegawai_ids,
        jenis=JenisPenempatan.DEFINITIF,
    ).values_list("pegawai_id", "mulai", "selesai", "jabatan__opd_id")
    for pegawai_id, mulai, selesai, posting_opd in postings:
        ranges[pegawai_id].append((mulai, selesai, posting_opd))

    def test(pegawai_id: int, day: date) -> bool:
        own = [o for a, b, o in ranges.get(pegawai_id, ()) if a <= day and (b is None or b >= day)]
        return not own or opd_id in own  # no definitive posting that day: the OPD listing them pays

    return test


def _baris(p: Pegawai, statuses: list[str], aturan: AturanUangMakan) -> Baris:
    hari = rules_uang_makan.hari_uang_makan(statuses, max_hari=aturan.maks_hari)
    key = golongan_key(p)
    try:
        tarif, galat = rules_uang_makan.tarif_harian(key, aturan.tarif), ""
        bruto, pph, neto = rules_uang_makan.uang_makan(key, hari, tarif=aturan.tarif, pph=aturan.pph)
    except ValidationError as e:
        bruto = pph = neto = 0
        tarif, galat = None, " ".join(e.messages)
    return Baris(p.pk, p.nip, p.nama_lengkap, p.golongan, hari, tarif, bruto, pph, neto, galat)


def total_of(baris: list[Baris]) -> Total:
    return Total(
        hari=sum(b.hari for b in baris),
        bruto=sum(b.bruto for b in baris),
        pph=sum(b.pph for b in baris),
        neto=sum(b.neto for b in baris),
    )


def pegawai_opd_bulan(*, opd: UnitKerja, tahun: int, bulan: int) -> QuerySet[Pegawai]:
    """Everyone with a posting in the OPD in force on some day of the month (ended or acting ones too)."""
    start, end = _bounds(tahun, bulan)
    postings = Penempatan.objects.filter(
        Q(mulai__lte=end) & (Q(selesai__isnull=True) | Q(selesai__gte=start)),
        pegawai_id=OuterRef("pk"),
        jabatan__opd_id=opd.pk,
        jenis=JenisPenempatan.DEFINITIF,  # a Plt elsewhere does not move who pays
    )
    return Pegawai.objects.filter(pemda_id=opd.pemda_id).filter(Exists(postings))


def judul_bulan(tahun: int, bulan: int) -> str:
    return f"{NAMA_BULAN[bulan]} {tahun}"


def uang_makan_ekspor_job(job_id: int) -> None:
    """Job body: the month's uang makan of an OPD as an xlsx in Job.file, progress every N rows."""
    from .exports import uang_makan_xlsx
    from .pay_sheet import kepala_opd

    def body(job: Job) -> None:
        opd = UnitKerja.objects.select_related("pemda").get(pk=job.params["opd"])
        tahun, bulan = job.params["tahun"], job.params["bulan"]
        job_start(job_id, total=0, message=_("Menghitung hari uang makan"))
        baris = uang_makan_bulan(
            pegawai_qs=pegawai_opd_bulan(opd=opd, tahun=tahun, bulan=bulan),
            pemda_id=opd.pemda_id,
            tahun=tahun,
            bulan=bulan,
            opd_id=opd.pk,
        )
        job_start(job_id, total=len(baris), message=_("Menyusun berkas xlsx"))

        def progress(n: int) -> None:
            if n % PROGRESS_EVERY == 0 or n == len(baris):
                job_progress(job, done=n)

        data = uang_makan_xlsx(
            baris=baris,
            pemda=opd.pemda.nama,
            opd=opd.nama,
            bulan=judul_bulan(tahun, bulan),
            kepala=kepala_opd([opd.pk]).get(opd.pk),
            progress=progress,
        )
        nama = f"uang-makan-{opd.singkatan or opd.pk}-{tahun}-{bulan:02d}.xlsx".replace(" ", "-").lower()
        # complete under its final name or not at all: the Job row never points at half a file
        nama = simpan_atomik(Job._meta.get_field("file").generate_filename(job, nama), data)
        galat = sum(1 for b in baris if b.galat)
        message = _("%(n)d pegawai direkap.") % {"n": len(baris)}
        if galat:
            message += " " + _("%(n)d pegawai belum bertarif; lihat kolom keterangan.") % {"n": galat}
        job_finish(
            job_id,
            message=message,
            file_name=nama,
            result={"pegawai": len(baris), "neto": total_of(baris).neto, "galat": galat},
        )

    job_run(job_id, body)
