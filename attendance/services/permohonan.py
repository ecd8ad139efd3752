"""Leave and absence requests (PP 11/2017 cuti; izin, sakit, dinas luar, tugas belajar): filing, the
approval workflow (DESIGN.md §3: one transitions table, one move service) and the cuti tahunan balance.

The approver is derived from the jabatan tree on the request's first day (`approval_chain`), never
typed. An approval (or the undoing of one) has the day statuses of the request's dates recomputed.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.choices import StatusPegawai
from accounts.models import Pegawai, User
from accounts.rules import parse_nip
from accounts.selectors import approval_chain, pegawai_of, periode_tertutup
from core import workflow
from core.locks import kunci_bulan
from core.months import month_start, next_month_start
from notifikasi.choices import Jenis
from notifikasi.services import isi_keputusan, notifikasi_buat

from .. import rules
from ..choices import JenisPermohonan, PeranPermohonan, StatusPermohonan
from ..models import AturanPresensi, Permohonan, PermohonanLog
from ..rules import hari_kerja_antara
from ..selectors_cuti import saldo_cuti_tahunan
from ..selectors_jadwal import libur_antara

S = StatusPermohonan
J = JenisPermohonan
P = PeranPermohonan

# Requests that still hold their dates (an overlapping one is refused).
AKTIF = (S.DIAJUKAN, S.DISETUJUI_ATASAN, S.DISETUJUI)
MENUNGGU = (S.DIAJUKAN, S.DISETUJUI_ATASAN)

JENIS_CUTI = frozenset(
    {
        J.CUTI_TAHUNAN,
        J.CUTI_BESAR,
        J.CUTI_SAKIT,
        J.CUTI_MELAHIRKAN,
        J.CUTI_ALASAN_PENTING,
        J.CUTI_BERSAMA,
        J.CLTN,
    }
)
# Absences that make no sense on a range without a working day (dinas luar may fall on a holiday:
# working on a holiday needs one).
PERLU_HARI_KERJA = JENIS_CUTI | {J.IZIN, J.SAKIT}
MASA_KERJA_CUTI_BESAR = 5  # years, PP 11/2017 Pasal 315


# --- reads -------------------------------------------------------------------------------------


def _cuti_dua_tingkat(pemda_id: int, on: date) -> bool:
    aturan = AturanPresensi.objects.filter(pemda_id=pemda_id, berlaku_mulai__lte=on).first()
    return bool(aturan and aturan.cuti_dua_tingkat)


def perlu_dua_tingkat(permohonan: Permohonan) -> bool:
    """A cuti needs the atasan's atasan too when the pemda says so (AturanPresensi.cuti_dua_tingkat)."""
    return permohonan.jenis in JENIS_CUTI and _cuti_dua_tingkat(permohonan.pemda_id, permohonan.mulai)


def hari_kerja_permohonan(*, pemda_id: int, mulai: date, selesai: date) -> list[date]:
    """Working days of a range: Mon–Fri minus the pemda's holidays and cuti bersama."""
    return hari_kerja_antara(mulai, selesai, libur_antara(pemda_id=pemda_id, start=mulai, end=selesai))


# --- filing ------------------------------------------------------------------------------------


def _tgl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def _check_open_months(pemda_id: int, mulai: date, selesai: date) -> None:
    kunci_bulan(pemda_id, mulai, selesai)  # shared with the closing (core.locks), then the check
    d = month_start(mulai)
    while d <= selesai:
        if periode_tertutup(pemda_id=pemda_id, on=d):
            raise ValidationError(
                _("Bulan %(b)s sudah ditutup; permohonan untuk bulan itu tidak dapat diproses lagi.")
                % {"b": d.strftime("%m/%Y")}
            )
        d = next_month_start(d)


def _check_cuti_besar(pegawai: Pegawai, mulai: date) -> None:
    """Cuti besar: PNS only, after 5 years of continuous service (PP 11/2017 Pasal 315)."""
    try:
        info = parse_nip(pegawai.nip)
    except ValidationError:
        info = None
    if pegawai.status != StatusPegawai.PNS or info is None or info.tmt_cpns is None:
        raise ValidationError({"jenis": _("Cuti besar hanya untuk PNS (TMT CPNS dibaca dari NIP).")})
    tmt = info.tmt_cpns
    try:
        cukup = tmt.replace(year=tmt.year + MASA_KERJA_CUTI_BESAR)
    except ValueError:
        cukup = tmt.replace(year=tmt.year + MASA_KERJA_CUTI_BESAR, day=28)
    if mulai < cukup:
        raise ValidationError(
            {
                "jenis": _(
                    "Cuti besar baru dapat diambil setelah %(n)d tahun masa kerja (TMT CPNS %(tmt)s), yaitu mulai "
                    "%(tgl)s."
                )
                % {"n": MASA_KERJA_CUTI_BESAR, "tmt": _tgl(tmt), "tgl": _tgl(cukup)}
            }
        )


def _check_cuti_tahunan(pegawai: Pegawai, mulai: date, selesai: date, hari: int) -> None:
    if mulai.year != selesai.year:
        raise ValidationError(
            {"selesai": _("Cuti tahunan dihitung per tahun. Ajukan terpisah untuk bulan Desember dan Januari.")}
        )
    saldo = saldo_cuti_tahunan(pegawai, mulai.year)
    if saldo.hak == 0:
        raise ValidationError(
            {
                "jenis": _("Anda belum berhak atas cuti tahunan %(t)d: hak cuti tahunan ada setelah 1 tahun bekerja.")
                % {"t": mulai.year}
            }
        )
    tersedia = saldo.sisa_setelah_menunggu
    if hari > tersedia:
        pesan = _(
            "Cuti tahunan yang diminta %(n)d hari kerja, sedangkan sisa cuti tahunan %(t)d Anda %(s)d hari kerja."
        ) % {"n": hari, "t": mulai.year, "s": tersedia}
        if saldo.menunggu:
            pesan += " " + _("(%(m)d hari lain masih menunggu persetujuan.)") % {"m": saldo.menunggu}
        raise ValidationError({"selesai": pesan})


@transaction.atomic
def permohonan_create(
    *,
    actor: User,
    jenis: str,
    mulai: date,
    selesai: date,
    alasan: str,
    lampiran: Any = None,
) -> Permohonan:
    """A pegawai files a request for themself (PP 11/2017 for cuti): no overlap, within the balance."""
    pegawai = pegawai_of(actor)
    alasan = (alasan or "").strip()
    errors: dict[str, str] = {}
    if jenis not in J.values:
        errors["jenis"] = _("Pilih jenis permohonan dari daftar.")
    if not alasan:
        errors["alasan"] = _("Tulis alasan permohonan.")
    if selesai < mulai:
        errors["selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if errors:
        raise ValidationError(errors)
    # lock this pegawai's requests: two simultaneous submissions must not both pass the overlap check
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()
    _check_open_months(pegawai.pemda_id, mulai, selesai)
    hari = len(hari_kerja_permohonan(pemda_id=pegawai.pemda_id, mulai=mulai, selesai=selesai))
    if hari == 0 and jenis in PERLU_HARI_KERJA:
        raise ValidationError({"selesai": _("Tanggal yang dipilih tidak berisi hari kerja (akhir pekan atau libur).")})
    clash = (
        Permohonan.objects.filter(pegawai=pegawai, status__in=AKTIF, mulai__lte=selesai, selesai__gte=mulai)
        .order_by("mulai")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "mulai": _("Tanggalnya bertabrakan dengan permohonan Anda yang lain: %(p)s (%(s)s).")
                % {"p": str(clash), "s": clash.get_status_display()}
            }
        )
    if jenis == J.CUTI_BESAR:
        _check_cuti_besar(pegawai, mulai)
    if jenis == J.CUTI_TAHUNAN:
        _check_cuti_tahunan(pegawai, mulai, selesai, hari)
    chain = approval_chain(pegawai, mulai, depth=2)
    if not chain:
        raise ValidationError(
            _("Belum ada atasan yang dapat memutus permohonan Anda pada tanggal itu. Hubungi admin kepegawaian OPD.")
        )
    p = Permohonan(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        alasan=alasan,
        hari_kerja=hari,
        penyetuju=chain[0].pegawai,
        penyetuju_kedua=chain[1].pegawai if len(chain) > 1 else None,
    )
    if lampiran:
        p.lampiran = lampiran
    p.full_clean(exclude=["pegawai", "pemda", "penyetuju", "penyetuju_kedua", "lampiran"])
    p.save()
    PermohonanLog.objects.create(permohonan=p, dari="", ke=S.DIAJUKAN, oleh=actor, peran=P.OWNER)
    return p


# --- the workflow ------------------------------------------------------------------------------


def _recompute(p: Permohonan) -> bool:
    """Have the day statuses of the request's dates recomputed (attendance.services.hari).

    Returns False while that module is not there yet (the days are then computed when it is).
    """
    try:
        from attendance.services.hari import hari_recompute
    except ImportError:
        return False
    hari_recompute(pegawai_ids=[p.pegawai_id], start=p.mulai, end=p.selesai)
    return True


class KonteksPermohonan(workflow.Context):
    """What the request workflow's rules ask of the database, for one move."""

    atasan: Pegawai | None = None
    atasan2: Pegawai | None = None

    def has_role(self, role: str) -> bool:
        """The actor's role on the request's first day; nobody decides their own request."""
        m, p = self.move, self.move.obj
        me = pegawai_of(m.actor)
        memo = m.extra.setdefault("memo", {})
        if "chain" not in memo:
            memo["chain"] = approval_chain(p.pegawai, p.mulai, depth=2)
        chain = memo["chain"]
        self.atasan = chain[0].pegawai if chain else None
        self.atasan2 = chain[1].pegawai if len(chain) > 1 else None
        who = {P.OWNER: p.pegawai, P.ATASAN: self.atasan, P.ATASAN_ATASAN: self.atasan2}[role]
        return who is not None and who.pk == me.pk and (role == P.OWNER or me.pk != p.pegawai_id)

    def dua_tingkat(self) -> bool:
        return perlu_dua_tingkat(self.move.obj) and self.atasan2 is not None

    def check_open_months(self) -> None:
        p = self.move.obj
        _check_open_months(p.pemda_id, p.mulai, p.selesai)

    def recompute_days(self) -> None:
        _recompute(self.move.obj)


_DIPUTUS = {
    S.DISETUJUI: gettext_noop("%(p)s disetujui"),
    S.DITOLAK: gettext_noop("%(p)s ditolak"),
    S.DIBATALKAN: gettext_noop("%(p)s dibatalkan oleh atasan"),
}


def _putusan_diberitahu(m: workflow.Move) -> None:
    """The requester hears of the decision (issue 17), in the move's transaction: the final approval,
    a refusal at either level, or an approved request withdrawn by the atasan (their days change).
    A first-level approval that waits for the second level is no decision yet."""
    if m.to not in _DIPUTUS or m.role == P.OWNER:
        return
    p = m.obj
    user = User.objects.filter(pegawai__pk=p.pegawai_id, is_active=True).first()
    if user is None:
        return
    oleh = m.ctx.atasan if m.role == P.ATASAN else m.ctx.atasan2
    with translation.override(settings.LANGUAGE_CODE):
        judul = _(_DIPUTUS[m.to]) % {
            "p": f"{p.get_jenis_display()} {date_format(p.mulai, 'j F Y')}"
            + (f"–{date_format(p.selesai, 'j F Y')}" if p.selesai != p.mulai else "")
        }
        isi = isi_keputusan(oleh.nama_lengkap if oleh else "", m.note)
    notifikasi_buat(
        users=[user],
        jenis=Jenis.PERMOHONAN_DIPUTUS,
        judul=judul,
        isi=isi,
        url=reverse("presensi:permohonan_detail", args=[p.pk]),
        kunci=f"permohonan:{p.pk}:{m.to}",
    )


WORKFLOW = workflow.Workflow(
    model=Permohonan,
    transitions=rules.PERMOHONAN_TRANSITIONS,
    effects=rules.PERMOHONAN_EFFECTS,
    after=(*rules.PERMOHONAN_AFTER, _putusan_diberitahu),
    log_model=PermohonanLog,
    log_fk="permohonan",
    context=KonteksPermohonan,
    role_messages=rules.PERMOHONAN_ROLE_MESSAGES,
    not_in_table=rules.PERMOHONAN_NOT_IN_TABLE,
    stale=rules.PERMOHONAN_STALE,
    note_message=rules.PERMOHONAN_NOTE,
    refresh=True,
    audit=True,  # decisions change the days and the pay: "permohonan:setujui|tolak|batalkan" on the audit trail
)


def permohonan_move(*, actor: User, permohonan: Permohonan, to: str, catatan: str = "") -> Permohonan:
    """Every move of a request, through the one engine (core.workflow, rules.PERMOHONAN_TRANSITIONS):
    the table, the actor's role on the request's first day, then a conditional UPDATE and a log row;
    if someone else moved it first, nothing is overwritten."""
    return workflow.move(permohonan, to, actor=actor, note=catatan)


def permohonan_setujui(*, actor: User, permohonan: Permohonan, catatan: str = "") -> Permohonan:
    """Approve at the level the request is at: the atasan's approval is final unless a second level is due."""
    p = permohonan
    if p.status == S.DIAJUKAN:
        two = perlu_dua_tingkat(p) and len(approval_chain(p.pegawai, p.mulai, depth=2)) > 1
        to = S.DISETUJUI_ATASAN if two else S.DISETUJUI
    else:
        to = S.DISETUJUI
    return permohonan_move(actor=actor, permohonan=p, to=to, catatan=catatan)


def permohonan_tolak(*, actor: User, permohonan: Permohonan, catatan: str) -> Permohonan:
    return permohonan_move(actor=actor, permohonan=permohonan, to=S.DITOLAK, catatan=catatan)


def permohonan_batalkan(*, actor: User, permohonan: Permohonan, catatan: str = "") -> Permohonan:
    return permohonan_move(actor=actor, permohonan=permohonan, to=S.DIBATALKAN, catatan=catatan)


def permohonan_reassign(*, pemda_id: int, pegawai_ids: list[int], opd_ids: list[int], since: date) -> int:
    """Re-derive who decides waiting requests after a posting change (the queue reads the stored ones)."""
    changed = 0
    waiting = Permohonan.objects.filter(
        Q(pegawai__opd_id__in=opd_ids) | Q(penyetuju_id__in=pegawai_ids) | Q(penyetuju_kedua_id__in=pegawai_ids),
        pemda_id=pemda_id,
        status__in=MENUNGGU,
        mulai__gte=since,
    ).select_related("pegawai")
    for p in waiting:
        chain = approval_chain(p.pegawai, p.mulai, depth=2)
        atasan = chain[0].pegawai.pk if chain else None
        atasan2 = chain[1].pegawai.pk if len(chain) > 1 else None
        if (p.penyetuju_id, p.penyetuju_kedua_id) != (atasan, atasan2):
            changed += Permohonan.objects.filter(pk=p.pk, status=p.status).update(
                penyetuju_id=atasan, penyetuju_kedua_id=atasan2
            )
    return changed
