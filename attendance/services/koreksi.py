"""Correction requests of a pegawai's attendance (issue 16, "moderasi"): filing (by the pegawai, or
by the admin OPD on their behalf), and the decisions through the one workflow engine
(core.workflow, attendance/rules_koreksi.py). An approval changes the days exactly as the admin's
manual correction does (`services.hari.hari_tetapkan`), each day with its audit row.

Who decides: the pegawai's atasan langsung on the first day, or the admin OPD of the pegawai's OPD;
never the pegawai, never the person who filed it, never an admin whose own atasan chain it is.
"""

from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Pegawai, User
from accounts.permissions import Kebijakan, Tindakan, check_no_conflict, ensure, may_manage
from accounts.selectors import approval_chain, pegawai_of, pegawai_visible_to, periode_tertutup
from core import audit, workflow
from core.dates import today
from core.locks import kunci_bulan
from core.months import month_start, next_month_start

from .. import rules_koreksi as rules
from ..choices import StatusHari
from ..choices_koreksi import JenisKoreksi, PeranKoreksi, StatusKoreksi
from ..models_koreksi import KoreksiPresensi, KoreksiPresensiLog
from ..selectors import hari_efektif
from ..selectors_jadwal import jadwal_hari_for
from .hari import hari_tetapkan

S, P = StatusKoreksi, PeranKoreksi


def cek_bulan_terbuka(pemda_id: int, mulai: date, selesai: date) -> None:
    """Every month of the range still open (its TPP not closed), under the months' lock."""
    kunci_bulan(pemda_id, mulai, selesai)  # shared with the closing (core.locks), then the check
    d = month_start(mulai)
    while d <= selesai:
        if periode_tertutup(pemda_id=pemda_id, on=d):
            raise ValidationError(
                _("Bulan %(b)s sudah ditutup; presensinya tidak dapat diubah lagi.") % {"b": d.strftime("%m/%Y")}
            )
        d = next_month_start(d)


def _hari_dikoreksi(pegawai: Pegawai, mulai: date, selesai: date) -> list:
    """The days of the range a correction changes: with a posting, not a holiday or day off."""
    days = hari_efektif(pegawai_ids=[pegawai.pk], start=mulai, end=selesai)
    return [h for (_pid, _d), h in sorted(days.items(), key=lambda kv: kv[0][1]) if h.status != StatusHari.LIBUR]


@transaction.atomic
def koreksi_create(
    *,
    actor: User,
    jenis: str,
    mulai: date,
    selesai: date,
    alasan: str,
    jam_masuk: time | None = None,
    jam_pulang: time | None = None,
    lampiran: Any = None,
    pegawai: Pegawai | None = None,
) -> KoreksiPresensi:
    """File a correction: for oneself, or (an admin, `pegawai` given) on a pegawai's behalf, which is
    recorded as such. Not for a future day, not in a closed month, not over a pending one."""
    atas_nama = pegawai is not None and getattr(actor, "pegawai", None) != pegawai
    if atas_nama:
        ensure(
            pegawai_visible_to(actor).filter(pk=pegawai.pk).exists(),
            _("Anda tidak berwenang mengajukan koreksi presensi untuk pegawai ini."),
        )
        check_no_conflict(actor, pegawai, Tindakan.PRESENSI)
    else:
        pegawai = pegawai_of(actor)
    alasan = (alasan or "").strip()
    rules.periksa_isian(
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        hari_ini=today(),
        jam_masuk=jam_masuk,
        jam_pulang=jam_pulang,
        alasan=alasan,
    )
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()  # one filing at a time per pegawai
    cek_bulan_terbuka(pegawai.pemda_id, mulai, selesai)
    hari = _hari_dikoreksi(pegawai, mulai, selesai)
    if not hari:
        raise ValidationError(
            {
                "selesai": _(
                    "Tanggal yang dipilih tidak berisi hari kerja (akhir pekan, libur, atau belum ada penempatan)."
                )
            }
        )
    clash = KoreksiPresensi.objects.filter(
        pegawai=pegawai, status=S.DIAJUKAN, mulai__lte=selesai, selesai__gte=mulai
    ).first()
    if clash is not None:
        raise ValidationError(
            {"mulai": _("Sudah ada koreksi yang menunggu keputusan untuk tanggal itu: %(k)s.") % {"k": str(clash)}}
        )
    chain = approval_chain(pegawai, mulai, depth=1)
    k = KoreksiPresensi(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        jam_masuk=jam_masuk if jenis == JenisKoreksi.JAM else None,
        jam_pulang=jam_pulang if jenis == JenisKoreksi.JAM else None,
        alasan=alasan,
        hari=len(hari),
        diajukan_oleh=actor,
        atas_nama=atas_nama,
        penyetuju=chain[0].pegawai if chain else None,
    )
    if lampiran:
        k.lampiran = lampiran
    k.full_clean(exclude=["pegawai", "pemda", "penyetuju", "diajukan_oleh", "lampiran"])
    k.save()
    KoreksiPresensiLog.objects.create(koreksi=k, dari="", ke=S.DIAJUKAN, oleh=actor, peran=P.PEMOHON)
    audit.catat(
        "koreksipresensi:ajukan",
        k,
        actor=actor,
        sesudah={
            **audit.nilai(k, ("jenis", "mulai", "selesai", "jam_masuk", "jam_pulang", "alasan")),
            "atas_nama": atas_nama,
        },
    )
    return k


# --- the workflow ------------------------------------------------------------------------------


def pemutus_sebagai(actor: User, k: KoreksiPresensi, memo: dict | None = None) -> str:
    """The capacity in which the actor may decide this correction ("ATASAN", "ADMIN_OPD"), or "".

    Never the pegawai whose days they are, nor the person who filed it; an admin OPD only within
    their OPD and never for someone in their own atasan chain."""
    me = getattr(actor, "pegawai", None)
    if actor.pk == k.diajukan_oleh_id or (me is not None and me.pk == k.pegawai_id):
        return ""
    memo = {} if memo is None else memo
    if "chain" not in memo:
        memo["chain"] = approval_chain(k.pegawai, k.mulai, depth=1)
    chain = memo["chain"]
    if me is not None and chain and chain[0].pegawai.pk == me.pk:
        return P.ATASAN
    if getattr(actor, "is_admin_opd", False) and may_manage(actor, pemda_id=k.pemda_id, opd_id=k.pegawai.opd_id):
        if Kebijakan(actor).alasan_konflik(k.pegawai, Tindakan.PRESENSI) is None:
            return P.ADMIN_OPD
    return ""


class KonteksKoreksi(workflow.Context):
    """What the correction workflow's rules ask of the database, for one move."""

    sebagai = ""

    def has_role(self, role: str) -> bool:
        m, k = self.move, self.move.obj
        if role == P.PEMOHON:
            me = getattr(m.actor, "pegawai", None)
            return m.actor.pk == k.diajukan_oleh_id or (me is not None and me.pk == k.pegawai_id)
        self.sebagai = pemutus_sebagai(m.actor, k, m.extra.setdefault("memo", {}))
        return bool(self.sebagai)

    def check_open_months(self) -> None:
        k = self.move.obj
        cek_bulan_terbuka(k.pemda_id, k.mulai, k.selesai)

    def terapkan(self) -> None:
        """Each day of the range as the admin's manual correction would set it, with its history."""
        m, k = self.move, self.move.obj
        alasan = _("Koreksi presensi #%(n)d disetujui: %(a)s") % {"n": k.pk, "a": k.alasan}
        n = 0
        for h in _hari_dikoreksi(k.pegawai, k.mulai, k.selesai):
            masuk, pulang = h.jam_masuk, h.jam_pulang
            if k.jenis == JenisKoreksi.JAM:
                masuk, pulang = k.jam_masuk or masuk, k.jam_pulang or pulang
            if masuk and pulang and pulang <= masuk:  # a corrected check-in after the day's last punch
                pulang = None
            status = rules.status_koreksi(k.jenis, masuk, pulang, jadwal_hari_for(k.pegawai, h.tanggal))
            if status == StatusHari.DINAS_LUAR:
                masuk = pulang = None
            hari_tetapkan(
                actor=m.actor,
                pegawai=k.pegawai,
                tanggal=h.tanggal,
                status=status,
                jam_masuk=masuk,
                jam_pulang=pulang,
                alasan=alasan,
                aksi="haripresensi:koreksi_presensi",
                sumber={"koreksi_presensi": k.pk},
            )
            n += 1
        KoreksiPresensi.objects.filter(pk=k.pk).update(hari_diubah=n)
        k.hari_diubah = n


WORKFLOW = workflow.Workflow(
    model=KoreksiPresensi,
    transitions=rules.KOREKSI_TRANSITIONS,
    effects=rules.KOREKSI_EFFECTS,
    after=rules.KOREKSI_AFTER,
    log_model=KoreksiPresensiLog,
    log_fk="koreksi",
    context=KonteksKoreksi,
    role_messages=rules.KOREKSI_ROLE_MESSAGES,
    not_in_table=rules.KOREKSI_NOT_IN_TABLE,
    stale=rules.KOREKSI_STALE,
    note_message=rules.KOREKSI_NOTE,
    audit=True,  # decisions change the days and the pay: "koreksipresensi:setujui|tolak|batalkan"
)


def koreksi_setujui(*, actor: User, koreksi: KoreksiPresensi, catatan: str = "") -> KoreksiPresensi:
    return workflow.move(koreksi, S.DISETUJUI, actor=actor, note=catatan)


def koreksi_tolak(*, actor: User, koreksi: KoreksiPresensi, catatan: str = "") -> KoreksiPresensi:
    return workflow.move(koreksi, S.DITOLAK, actor=actor, note=catatan)


def koreksi_batalkan(*, actor: User, koreksi: KoreksiPresensi, catatan: str = "") -> KoreksiPresensi:
    return workflow.move(koreksi, S.DIBATALKAN, actor=actor, note=catatan)
