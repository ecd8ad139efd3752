"""A fingerprint machine outage (issue 16): the admin OPD (their OPD) or HR (any OPD of the pemda)
records it for a unit and some days, and in the same action the unit's people are marked present
on the days the machine would otherwise leave them absent or with a missing punch.

Never on a leave (approved, or still waiting for its decision), a holiday, a day off or a day someone
already corrected by hand (rules_koreksi.perlu_ditandai_hadir), never on the actor's own days or
those of their atasan chain (they are counted and said). Each day changed gets an audit row naming
the outage; running it again changes nothing more. A fixed number of queries whatever the size of the unit.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.filters import subtree_ids
from accounts.models import UnitKerja, User
from accounts.permissions import Kebijakan, Tindakan, check_manage
from core import audit
from core.dates import today

from ..choices import StatusHari
from ..models import HariPresensi, Permohonan
from ..models_koreksi import GangguanMesin
from ..rules_koreksi import perlu_ditandai_hadir
from ..selectors import hari_efektif, penempatan_periode
from .koreksi import cek_bulan_terbuka
from .permohonan import MENUNGGU

_KOLOM = ("status", "menit_terlambat", "menit_pulang_cepat", "band_tl", "band_psw", "manual", "alasan_koreksi")
_UBAH = [*_KOLOM, "dikoreksi_oleh", "dihitung"]

# Who to tell, per skipped person: the actor themself, or someone in their atasan chain.
SENDIRI, ATASAN = "sendiri", "atasan"


@dataclass
class HasilGangguan:
    gangguan: GangguanMesin
    hari_diubah: int
    dilewati: dict[str, int] = field(default_factory=dict)  # SENDIRI/ATASAN → days left for someone else


def _periksa(*, unit: UnitKerja, mulai: date, selesai: date, alasan: str) -> None:
    errors: dict[str, str] = {}
    if not alasan:
        errors["alasan"] = _("Tulis alasan, misalnya: mesin absen rusak, menunggu perbaikan.")
    if selesai < mulai:
        errors["selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    elif (selesai - mulai).days > 62:
        errors["selesai"] = _("Satu catatan gangguan paling lama dua bulan; catat gangguan yang lebih lama per bulan.")
    if selesai > today():
        errors["selesai"] = _("Hari yang belum tiba tidak dapat ditandai hadir.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def gangguan_create(
    *, actor: User, unit: UnitKerja, mulai: date, selesai: date, alasan: str, mesin: str = ""
) -> HasilGangguan:
    """Record the outage and mark the unit's people present on its days (`gangguan_terapkan`)."""
    check_manage(actor, pemda_id=unit.pemda_id, opd_id=unit.opd_id)
    alasan = (alasan or "").strip()
    _periksa(unit=unit, mulai=mulai, selesai=selesai, alasan=alasan)
    cek_bulan_terbuka(unit.pemda_id, mulai, selesai)
    g = GangguanMesin(
        pemda_id=unit.pemda_id,
        unit=unit,
        mulai=mulai,
        selesai=selesai,
        mesin=(mesin or "").strip(),
        alasan=alasan,
        dicatat_oleh=actor,
    )
    g.full_clean(exclude=["pemda", "unit", "dicatat_oleh"])
    g.save()
    audit.catat(
        "gangguanmesin:buat", g, actor=actor, sesudah=audit.nilai(g, ("unit", "mulai", "selesai", "mesin", "alasan"))
    )
    return gangguan_terapkan(actor=actor, gangguan=g)


@transaction.atomic
def gangguan_terapkan(*, actor: User, gangguan: GangguanMesin) -> HasilGangguan:
    """Mark present the outage's days that need it (again: a day already marked is left alone)."""
    g = gangguan
    check_manage(actor, pemda_id=g.pemda_id, opd_id=g.unit.opd_id)
    cek_bulan_terbuka(g.pemda_id, g.mulai, g.selesai)
    end = min(g.selesai, today())
    postings = penempatan_periode(unit_ids=subtree_ids(g.unit), start=g.mulai, end=end)
    # the days each person was posted to the unit (a mutasi mid-outage counts only the unit's days)
    di_unit: dict[int, list[tuple[date, date]]] = {}
    orang = {}
    for p in postings:
        di_unit.setdefault(p.pegawai_id, []).append((p.mulai, p.selesai or end))
        orang[p.pegawai_id] = p.pegawai
    kebijakan = Kebijakan(actor)
    boleh = {pid for pid, pegawai in orang.items() if kebijakan.alasan_konflik(pegawai, Tindakan.PRESENSI) is None}
    days = hari_efektif(pegawai_ids=set(orang), start=g.mulai, end=end)
    # a leave still waiting for its decision keeps its days: its approval (or refusal) decides them
    menunggu = set()
    for pid, mulai, selesai in Permohonan.objects.filter(
        pegawai_id__in=boleh, status__in=MENUNGGU, mulai__lte=end, selesai__gte=g.mulai
    ).values_list("pegawai_id", "mulai", "selesai"):
        menunggu.update((pid, mulai + timedelta(days=i)) for i in range((selesai - mulai).days + 1))
    alasan = (_("Gangguan mesin absen #%(n)d: %(a)s") % {"n": g.pk, "a": g.alasan})[:500]
    now = timezone.now()
    ubah: list[HariPresensi] = []
    sebelum: dict[tuple[int, date], dict] = {}
    lewat = {SENDIRI: 0, ATASAN: 0}
    for (pid, day), h in sorted(days.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if not any(a <= day <= b for a, b in di_unit.get(pid, ())) or (pid, day) in menunggu:
            continue
        if not perlu_ditandai_hadir(
            status=h.status,
            manual=h.manual,
            menit_terlambat=h.menit_terlambat,
            menit_pulang_cepat=h.menit_pulang_cepat,
            band_tl=h.band_tl,
            band_psw=h.band_psw,
        ):
            continue
        if pid not in boleh:
            lewat[SENDIRI if kebijakan.pegawai and kebijakan.pegawai.pk == pid else ATASAN] += 1
            continue
        sebelum[(pid, day)] = audit.nilai(h, _KOLOM)
        h.status = StatusHari.HADIR
        h.menit_terlambat = h.menit_pulang_cepat = None
        h.band_tl = h.band_psw = ""
        h.manual, h.alasan_koreksi, h.dikoreksi_oleh, h.dihitung = True, alasan, actor, now
        ubah.append(h)
    _simpan(ubah)
    ids = dict(
        ((pid, d), pk)
        for pk, pid, d in HariPresensi.objects.filter(
            pegawai_id__in={h.pegawai_id for h in ubah}, tanggal__range=(g.mulai, end), manual=True
        ).values_list("pk", "pegawai_id", "tanggal")
    )
    audit.catat_banyak(
        [
            audit.Entri(
                "haripresensi:gangguan_mesin",
                sebelum=sebelum[(h.pegawai_id, h.tanggal)],
                sesudah={**audit.nilai(h, _KOLOM), "gangguan_mesin": g.pk},
                pemda_id=h.pemda_id,
                pegawai_id=h.pegawai_id,
                objek_tipe="attendance.haripresensi",
                objek_id=ids.get((h.pegawai_id, h.tanggal), ""),
                objek_repr=str(h),
            )
            for h in ubah
        ],
        actor=actor,
    )
    g.hari_diubah += len(ubah)
    GangguanMesin.objects.filter(pk=g.pk).update(hari_diubah=g.hari_diubah)
    return HasilGangguan(g, len(ubah), {k: v for k, v in lewat.items() if v})


def _simpan(rows: list[HariPresensi]) -> None:
    """Stored days: one UPDATE batch; days no recomputation has stored yet: one INSERT batch."""
    lama = [h for h in rows if h.pk]
    baru = [h for h in rows if not h.pk]
    if lama:
        HariPresensi.objects.bulk_update(lama, _UBAH, batch_size=500)
    if baru:
        HariPresensi.objects.bulk_create(baru, batch_size=500)
