"""Pure rules of daily activities: windows, outages, overlap, minutes, capaian, transitions.

No database and no request here (DESIGN.md §6); services pass in the pemda's rule values.
"""

from collections.abc import Collection, Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from attendance.rules import tambah_hari_kerja
from core.workflow import Move, Transition

from .choices import Peran, Status

# --- the activity workflow (DESIGN.md §3), run by core.workflow ------------------------------------
# Guards and effects read the database only through `m.ctx` (activities.alur.KonteksAktivitas).

TANPA_ATASAN = gettext_noop(
    "Belum ada atasan yang dapat memverifikasi aktivitas Anda. Hubungi admin kepegawaian OPD Anda."
)


def _bulan_terbuka(m: Move) -> None:
    if not m.extra.get("dicek"):  # aktivitas_save has just checked it
        m.ctx.check_open_month()


def _cap_waktu(m: Move) -> None:
    m.fields["diubah"] = m.now


def _bukan_validasi_atasan2(m: Move) -> None:
    # only a final verification at the top of the tree is the verifier's to take back
    if m.obj.validator_id is not None:
        raise ValidationError(_("Aktivitas ini sudah divalidasi atasan dari atasan; minta validatornya membatalkan."))


def _ajukan(m: Move) -> None:
    """Submitted to the verifier and validator of the entry's date (derived again now)."""
    if not m.extra.get("dicek"):
        m.ctx.check_window()
    atasan, atasan2 = m.ctx.approvers()
    if atasan is None:
        raise ValidationError(_(TANPA_ATASAN))
    m.fields |= {"verifikator": atasan, "validator": atasan2, "diajukan_pada": m.now, "catatan": ""}


def _verifikasi(m: Move) -> None:
    a, atasan2 = m.obj, m.ctx.atasan2
    m.fields |= {"verifikator": m.ctx.atasan, "validator": atasan2, "diverifikasi_pada": m.now}
    menit = m.extra.get("menit")
    if menit is not None and menit != a.menit:  # a verifier lowers the minutes of a free-text entry
        if a.katalog_id:
            raise ValidationError({"menit": _("Menit kegiatan dari daftar mengikuti standar; tidak dapat diubah.")})
        if not 1 <= menit <= a.menit_diajukan:
            raise ValidationError({"menit": _("Menit diakui harus antara 1 dan %(m)d.") % {"m": a.menit_diajukan}})
        if not m.note:
            raise ValidationError({"catatan": _("Tulis alasan penyesuaian menit.")})
        m.fields["menit"] = menit
    if atasan2 is None and m.ctx.verifikasi_final_di_puncak():
        # the top of the tree: nobody above validates, so the verification is final
        m.fields |= {"status": Status.VALIDATED, "divalidasi_pada": m.now}
        m.note = m.note or _("Verifikasi final: tidak ada atasan dari atasan.")
    elif m.role == Peran.ESKALASI and atasan2 is not None and m.ctx.actor_pegawai.pk == atasan2.pk:
        # issue 18: the validator verified in the overdue atasan's place; a second click by the same
        # person would add no second pair of eyes, so the move says what it is: final, on the record
        m.fields |= {"status": Status.VALIDATED, "divalidasi_pada": m.now}
        m.note = m.note or _(
            "Diverifikasi dan divalidasi oleh atasan dari atasan: antrean atasan langsung lewat batas."
        )


def _validasi(m: Move) -> None:
    m.fields |= {"validator": m.ctx.atasan2, "divalidasi_pada": m.now}


def _kembalikan(m: Move) -> None:
    m.fields |= {"catatan": m.note, "menit": m.obj.menit_diajukan}


def _batal_verifikasi(m: Move) -> None:
    m.fields |= {"diverifikasi_pada": None, "divalidasi_pada": None, "menit": m.obj.menit_diajukan}


def _batal_validasi(m: Move) -> None:
    m.fields["divalidasi_pada"] = None


# --- helper entry (issue 17): a named helper enters and submits for a colleague who asked ----------

DICATAT_SENDIRI = gettext_noop(
    "Aktivitas ini Anda sendiri yang mencatatnya sebagai pembantu pengisian; Anda tidak dapat memverifikasi, "
    "memvalidasi atau mengembalikannya. Minta pemiliknya menarik kembali aktivitas ini dan mengisinya sendiri."
)


def _bukan_pencatat(m: Move) -> None:
    """Whoever typed an entry for its owner never approves it (their own atasan role is otherwise kept)."""
    if m.role != P.OWNER and m.obj.dicatat_oleh_id is not None and m.obj.dicatat_oleh_id == m.actor.pk:
        raise PermissionDenied(_(DICATAT_SENDIRI))


def _dicatat_pembantu(m: Move) -> None:
    """Only an entry a helper typed is taken back this way (the owner's own waits for the atasan)."""
    if m.obj.dicatat_oleh_id is None:
        raise ValidationError(_("Hanya aktivitas yang dicatat pembantu yang dapat ditarik kembali."))


def _oleh_pemilik_sendiri(m: Move) -> None:
    if m.extra.get("izin") is not None:
        raise PermissionDenied(_("Hanya pemilik aktivitas yang dapat menariknya kembali."))


def _tarik(m: Move) -> None:
    """Back to a draft, out of the atasan's queue: the owner may change or delete it."""
    m.fields |= {"verifikator": None, "validator": None, "diajukan_pada": None}


# --- escalation (issue 18): an entry left past its deadline in an atasan's queue ------------------
# The atasan of whoever's queue holds it (role ESKALASI, derived today by the context) may verify,
# validate or return it in their place, only while it is overdue and the pemda's rule today allows,
# never on their own entry and never on one they typed as a helper (the workflow guard `_bukan_pencatat`).

ESKALASI_DILARANG = gettext_noop(
    "Aturan pemda belum membolehkan atasan memproses antrean bawahannya yang lewat batas. Ingatkan "
    "atasan yang bersangkutan untuk memprosesnya."
)


def _lewat_batas(m: Move) -> None:
    if not m.ctx.lewat_batas():
        raise PermissionDenied(_("Aktivitas ini belum lewat batas antrean; biarkan atasannya yang memproses."))


def _eskalasi_diizinkan(m: Move) -> None:
    if not m.ctx.eskalasi_diizinkan():
        raise PermissionDenied(_(ESKALASI_DILARANG))


def _bukan_milik_sendiri(m: Move) -> None:
    if m.ctx.milik_sendiri():
        raise PermissionDenied(_("Anda tidak dapat memproses aktivitas Anda sendiri."))


_ESKALASI = (_bukan_milik_sendiri, _lewat_batas, _eskalasi_diizinkan)

_NOTE_RETURN = gettext_noop("Tulis catatan: apa yang perlu diperbaiki pegawai.")
S, P = Status, Peran
TRANSITIONS: list[Transition] = [
    Transition(S.DRAFT, S.SUBMITTED, P.OWNER, action="ajukan", effects=(_ajukan,)),
    Transition(S.RETURNED, S.SUBMITTED, P.OWNER, action="ajukan", effects=(_ajukan,)),
    Transition(S.SUBMITTED, S.VERIFIED, P.ATASAN, action="verifikasi", effects=(_verifikasi,)),
    # a return always says why, so the owner knows what to fix
    Transition(S.SUBMITTED, S.RETURNED, P.ATASAN, True, action="kembalikan", effects=(_kembalikan,)),
    # the verifier takes a verification back
    Transition(S.VERIFIED, S.SUBMITTED, P.ATASAN, action="batal_verifikasi", effects=(_batal_verifikasi,)),
    Transition(S.VERIFIED, S.VALIDATED, P.ATASAN_ATASAN, action="validasi", effects=(_validasi,)),
    Transition(S.VERIFIED, S.RETURNED, P.ATASAN_ATASAN, True, action="kembalikan", effects=(_kembalikan,)),
    # the validator takes a validation back
    Transition(S.VALIDATED, S.VERIFIED, P.ATASAN_ATASAN, action="batal_validasi", effects=(_batal_validasi,)),
    # only a final verification at the top of the tree
    Transition(
        S.VALIDATED,
        S.SUBMITTED,
        P.ATASAN,
        action="batal_verifikasi",
        guards=(_bukan_validasi_atasan2,),
        effects=(_batal_verifikasi,),
    ),
    # issue 18: in the place of an atasan whose queue left it overdue (declared after the atasan's own)
    Transition(S.SUBMITTED, S.VERIFIED, P.ESKALASI, action="verifikasi", guards=_ESKALASI, effects=(_verifikasi,)),
    Transition(
        S.SUBMITTED, S.RETURNED, P.ESKALASI, True, action="kembalikan", guards=_ESKALASI, effects=(_kembalikan,)
    ),
    Transition(S.VERIFIED, S.VALIDATED, P.ESKALASI, action="validasi", guards=_ESKALASI, effects=(_validasi,)),
    Transition(S.VERIFIED, S.RETURNED, P.ESKALASI, True, action="kembalikan", guards=_ESKALASI, effects=(_kembalikan,)),
    # the owner takes back what a helper submitted for them (issue 17), before the atasan acts
    Transition(
        S.SUBMITTED,
        S.DRAFT,
        P.OWNER,
        action="tarik",
        guards=(_oleh_pemilik_sendiri, _dicatat_pembantu),
        effects=(_tarik,),
    ),
]
# What every move checks and sets, besides its own guards and effects.
GUARDS = (_bukan_pencatat, _bulan_terbuka)
EFFECTS = (_cap_waktu,)
NOTE_MESSAGE = _NOTE_RETURN
ROLE_MESSAGES = {
    P.OWNER: gettext_noop("Hanya pemilik aktivitas yang dapat mengajukannya."),
    P.ATASAN: gettext_noop("Hanya atasan langsung pegawai pada tanggal aktivitas yang dapat melakukannya."),
    P.ATASAN_ATASAN: gettext_noop("Hanya atasan dari atasan pegawai pada tanggal aktivitas yang dapat melakukannya."),
    P.ESKALASI: gettext_noop("Hanya atasan dari pemilik antrean yang lewat batas yang dapat melakukannya."),
}
NOT_IN_TABLE = gettext_noop("Aktivitas berstatus %(s)s tidak dapat diubah menjadi %(t)s.")
STALE = gettext_noop("Aktivitas ini baru saja diproses oleh orang lain. Muat ulang halaman untuk melihat statusnya.")
# The owner may change or delete an entry only while it is theirs to work on.
EDITABLE = {Status.DRAFT, Status.RETURNED}


def peran_for(frm: str, to: str) -> str | None:
    """Who may move an entry from `frm` to `to`; None if the move does not exist."""
    return next((t.role for t in TRANSITIONS if (t.frm, t.to) == (frm, to)), None)


def alasan_tolak_bantu(
    *,
    nama: str,
    sendiri: bool,
    atasan_pembantu: bool,
    penyetuju: bool,
    dicabut: bool,
    penunjukan_berakhir: bool,
    mulai: str | None,
    pembantu_pindah: bool,
    pemilik_pindah: bool,
) -> str | None:
    """Why a helper may not act for the colleague `nama` now (None: allowed), issue 17. Checked on
    every request: nobody acts for themselves or for anyone in their own atasan chain; the colleague's
    revocation, the end of the designation (`mulai`: the start date when it is still ahead) or a change
    of unit of either ends the permission. A helper who verifies or validates the colleague's entries
    (`penyetuju`) may not type them either: what they typed nobody could then approve."""
    if sendiri:
        return _("Anda tidak dapat menjadi pembantu pengisian untuk diri Anda sendiri.")
    if atasan_pembantu:
        return _(
            "%(nama)s adalah atasan Anda (langsung atau di atasnya); Anda tidak dapat mengisi aktivitas atas namanya."
        ) % {"nama": nama}
    if penyetuju:
        return _(
            "Anda adalah atasan yang memeriksa aktivitas %(nama)s; aktivitas yang Anda catat tidak dapat Anda "
            "setujui sendiri. Ia dapat meminta pembantu pengisian lain."
        ) % {"nama": nama}
    if dicabut:
        return _(
            "%(nama)s sudah mencabut izin bantuan pengisian; Anda tidak dapat lagi mengisi aktivitas atas namanya."
        ) % {"nama": nama}
    if penunjukan_berakhir:
        return _("Penunjukan Anda sebagai pembantu pengisian sudah dinonaktifkan.")
    if mulai:
        return _("Penunjukan Anda sebagai pembantu pengisian baru berlaku mulai %(t)s.") % {"t": mulai}
    if pembantu_pindah:
        return _(
            "Anda tidak lagi berada di OPD tempat Anda ditunjuk sebagai pembantu pengisian; penunjukan itu "
            "tidak berlaku lagi."
        )
    if pemilik_pindah:
        return _(
            "%(nama)s sudah pindah unit; izin bantuan pengisiannya berakhir. Ia dapat meminta bantuan lagi di "
            "unit barunya."
        ) % {"nama": nama}
    return None


def batas_input(
    tanggal: date,
    *,
    hari_kerja: int = 3,
    libur: Collection[date] = (),
    gangguan: Iterable[tuple[datetime, datetime]] = (),
) -> datetime:
    """The moment (local, naive) from which an entry for `tanggal` can no longer be made or resubmitted.

    The window runs from the day itself to the end of the `hari_kerja`-th working day after it (the
    Tomohon re-input window of 3 working days). Every recorded outage that overlaps the window
    extends it by the outage's whole length; an extension that reaches a later outage takes that one
    in too. Nobody loses pay because the server was down.
    """
    start = datetime.combine(tanggal, time.min)
    base = datetime.combine(tambah_hari_kerja(tanggal, hari_kerja, libur) + timedelta(days=1), time.min)
    outages = sorted((a, b) for a, b in gangguan if b > a)
    counted: set[int] = set()
    end = base
    changed = True
    while changed:
        changed = False
        for i, (a, b) in enumerate(outages):
            if i not in counted and a < end and b > start:
                counted.add(i)
                end += b - a
                changed = True
    return end


def masih_boleh_input(tanggal: date, sekarang: datetime, batas: datetime) -> bool:
    """An entry may be made from the day itself until the deadline; never for a future date."""
    return tanggal <= sekarang.date() and sekarang < batas


def bentrok(a: tuple[time, time], b: tuple[time, time]) -> bool:
    """Two time ranges of one person overlap (touching ends do not: 08.00–09.00 and 09.00–10.00)."""
    return a[0] < b[1] and b[0] < a[1]


def durasi_menit(mulai: time, selesai: time) -> int:
    return (selesai.hour * 60 + selesai.minute) - (mulai.hour * 60 + mulai.minute)


def menit_katalog(volume: int, menit_per_satuan: int) -> int:
    """Minutes of a catalog activity: volume × standard minutes per unit."""
    return volume * menit_per_satuan


def capaian(menit_valid: int, hari_kerja: int, menit_per_hari: int = 300, menit_pengurang: int = 0) -> Decimal:
    """Monthly activity achievement, DKI formula (RULES.md §1.5): min(validated, cap) / target.

    target = working days × minutes per day; cap = target − minutes lost to absence. 0..1.
    """
    target = hari_kerja * menit_per_hari
    if target <= 0:
        return Decimal(0)
    cap = max(target - max(menit_pengurang, 0), 0)
    return Decimal(min(max(menit_valid, 0), cap)) / Decimal(target)
