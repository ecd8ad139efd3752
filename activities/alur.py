"""The activity workflow's engine set-up: who holds which role on an entry (the jabatan tree on its
date, an escalation's atasan today), what follows a move (the owner told, an escalation audited), and
`WORKFLOW`, the one engine every move of an entry goes through (core.workflow; the table is
`rules.TRANSITIONS`)."""

from accounts.models import Pegawai
from accounts.selectors import approval_chain, atasan_of, pegawai_of
from core import audit, workflow
from core.dates import today

from . import pemberitahuan, rules, tunggakan
from .checks import check_open_month, check_window
from .choices import Peran, Status
from .models import Aktivitas, AktivitasLog, IzinPembantu
from .selectors import aturan_for

# --- the approvers on a date ----------------------------------------------------------------------------------


def penyetuju(aktivitas: Aktivitas, memo: dict | None = None) -> tuple[Pegawai | None, Pegawai | None]:
    """The verifier and validator on the entry's date; `memo` shares the lookups across a bulk move."""
    key = (aktivitas.pegawai_id, aktivitas.tanggal)
    if memo is not None and key in memo:
        return memo[key]
    chain = approval_chain(aktivitas.pegawai, aktivitas.tanggal, depth=2)
    result = (chain[0].pegawai if chain else None, chain[1].pegawai if len(chain) > 1 else None)
    if memo is not None:
        memo[key] = result
    return result


# --- the workflow -----------------------------------------------------------------------------


def _actor_role_ok(
    actor_pegawai: Pegawai, aktivitas: Aktivitas, peran: str, memo: dict | None, izin: IzinPembantu | None = None
) -> tuple[bool, Pegawai | None, Pegawai | None]:
    if peran == Peran.OWNER and izin is not None:
        # a helper acts as the owner only under the owner's consent, and only on what they typed
        ok = (
            izin.pembantu.pegawai_id == actor_pegawai.pk
            and izin.dicabut is None
            and izin.pegawai_id == aktivitas.pegawai_id
            and aktivitas.dicatat_oleh_id == actor_pegawai.user_id
        )
        return ok, None, None
    if peran == Peran.OWNER:
        return aktivitas.pegawai_id == actor_pegawai.pk, None, None
    atasan, atasan2 = penyetuju(aktivitas, memo)
    who = atasan if peran == Peran.ATASAN else atasan2
    return who is not None and who.pk == actor_pegawai.pk, atasan, atasan2


class KonteksAktivitas(workflow.Context):
    """What the activity workflow's rules ask of the database, for one move."""

    atasan: Pegawai | None = None
    atasan2: Pegawai | None = None

    def has_role(self, role: str) -> bool:
        """The actor's role on the entry's date, from the jabatan tree (never a stored role); for an
        escalation, the atasan today of whoever's queue holds the entry (issue 18)."""
        m = self.move
        if role == Peran.ESKALASI:
            return self._eskalasi(pegawai_of(m.actor))
        allowed, self.atasan, self.atasan2 = _actor_role_ok(
            pegawai_of(m.actor), m.obj, role, m.extra.get("memo"), m.extra.get("izin")
        )
        return allowed

    def _eskalasi(self, actor_pegawai: Pegawai) -> bool:
        a = self.move.obj
        _sejak, pemilik_antrean, _peran = tunggakan.antrean_dari(
            a.status,
            diajukan_pada=a.diajukan_pada,
            diverifikasi_pada=a.diverifikasi_pada,
            verifikator_id=a.verifikator_id,
            validator_id=a.validator_id,
        )
        if pemilik_antrean is None or pemilik_antrean == actor_pegawai.pk:
            return False
        holder = Pegawai.objects.filter(pk=pemilik_antrean).first()
        atasan = atasan_of(holder, today()) if holder is not None else None
        if atasan is None or atasan.pk != actor_pegawai.pk:
            return False
        # the entry keeps its approvers of record; the log names who acted, in which role
        self.atasan, self.atasan2 = self.approvers()
        self.actor_pegawai = actor_pegawai
        return True

    def _menunggu(self) -> tunggakan.Menunggu | None:
        found = tunggakan.menunggu_dari([self.move.obj], today=today())
        return found[0] if found else None

    def lewat_batas(self) -> bool:
        w = self._menunggu()
        return w is not None and w.lewat(today())

    def eskalasi_diizinkan(self) -> bool:
        return aturan_for(pemda_id=self.move.obj.pemda_id, on=today()).eskalasi_boleh_bertindak

    def milik_sendiri(self) -> bool:
        return self.move.obj.pegawai_id == pegawai_of(self.move.actor).pk

    def approvers(self) -> tuple[Pegawai | None, Pegawai | None]:
        return penyetuju(self.move.obj, self.move.extra.get("memo"))

    def check_open_month(self) -> None:
        check_open_month(self.move.obj.pemda_id, self.move.obj.tanggal)

    def check_window(self) -> None:
        check_window(self.move.obj.pegawai, self.move.obj.tanggal)

    def verifikasi_final_di_puncak(self) -> bool:
        a = self.move.obj
        return aturan_for(pemda_id=a.pemda_id, on=a.tanggal).verifikasi_final_di_puncak


def _kembali_diberitahu(m: workflow.Move) -> None:
    """A returned entry reaches its owner (issue 17), in the move's transaction. A bulk move collects
    its returns (`kembali`) and tells each owner once, when the batch is done (`aktivitas_bulk`)."""
    if m.to != Status.RETURNED:
        return
    kumpul = m.extra.get("kembali")
    if kumpul is not None:
        kumpul.append(m)
    else:
        pemberitahuan.kembali_beritahu([m])


def _eskalasi_diaudit(m: workflow.Move) -> None:
    """A move made in an atasan's place (issue 18) acts on someone else's queue: on the audit trail too."""
    if m.role == Peran.ESKALASI:
        audit.catat(
            f"aktivitas:eskalasi_{m.transition.action}",
            m.obj,
            actor=m.actor,
            peran=m.role,
            sebelum={"status": m.frm},
            sesudah={"status": m.to, "catatan": m.note},
        )


WORKFLOW = workflow.Workflow(
    model=Aktivitas,
    transitions=rules.TRANSITIONS,
    guards=rules.GUARDS,
    effects=rules.EFFECTS,
    after=(_kembali_diberitahu, _eskalasi_diaudit),
    log_model=AktivitasLog,
    log_fk="aktivitas",
    context=KonteksAktivitas,
    role_messages=rules.ROLE_MESSAGES,
    not_in_table=rules.NOT_IN_TABLE,
    stale=rules.STALE,
    note_message=rules.NOTE_MESSAGE,
)
