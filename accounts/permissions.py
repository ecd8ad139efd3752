"""The access policy of accounts (DESIGN.md §4): who may manage whom, and who may reset whose password.

Separation of duties: in an admin capacity nobody acts on their own account or on anyone in their
own atasan chain (who verify and validate their work), and only a higher role resets a role holder:
HR pemda (or a superadmin) for an admin OPD, a superadmin for HR; a superadmin's password is reset
on the server (`manage.py changepassword`), never from a page.
"""

from django.utils.translation import gettext as _

from ekinerja.lib.dates import today

from .models import User
from .selectors import approval_chain

# Deep enough for any jabatan tree: the whole chain up to the head of the pemda.
_SELURUH_RANTAI = 50


def may_manage(actor: User, *, pemda_id: int | None, opd_id: int | None) -> bool:
    """Admin OPD act within their OPD, HR pemda within their pemda, superadmin anywhere."""
    if actor.is_superadmin:
        return True
    if actor.is_hr_pemda:
        return pemda_id is not None and actor.pemda_id == pemda_id
    if actor.is_admin_opd:
        return pemda_id is not None and actor.pemda_id == pemda_id and opd_id is not None and actor.opd_id == opd_id
    return False


class KebijakanReset:
    """`reset_password_refusal` for one actor and many targets (a sheet of codes for a whole OPD):
    the actor's own atasan chain is read once."""

    def __init__(self, actor: User):
        self.actor = actor
        self._rantai: dict[int, str] | None = None

    def rantai_atasan(self) -> dict[int, str]:
        """Pegawai id → name of everyone above the actor, up to the top of the tree, today."""
        if self._rantai is None:
            pegawai = getattr(self.actor, "pegawai", None)
            chain = approval_chain(pegawai, today(), depth=_SELURUH_RANTAI) if pegawai is not None else []
            self._rantai = {a.pegawai.pk: a.pegawai.nama_lengkap for a in chain}
        return self._rantai

    def alasan_tolak(self, target: User) -> str | None:
        """Why the actor may not reset the target's password (or issue its activation code); None if allowed."""
        actor = self.actor
        if not actor.can_manage_org:
            return _("Hanya admin kepegawaian yang dapat mengatur ulang kata sandi.")
        if actor.pk == target.pk:
            return _(
                "Kata sandi akun Anda sendiri tidak dapat diatur ulang oleh Anda. Gantilah lewat menu "
                "Ganti kata sandi, atau mintalah kepada admin lain."
            )
        if target.is_superadmin:
            return _("Kata sandi superadmin hanya dapat diatur ulang di server oleh pengelola sistem.")
        if target.is_hr_pemda and not actor.is_superadmin:
            return _("Kata sandi akun HR/BKPSDM hanya dapat diatur ulang oleh superadmin.")
        if target.is_admin_opd and not (actor.is_hr_pemda or actor.is_superadmin):
            return _("Kata sandi admin OPD hanya dapat diatur ulang oleh HR/BKPSDM.")
        pegawai = getattr(target, "pegawai", None)
        pemda_id = pegawai.pemda_id if pegawai is not None else target.pemda_id
        opd_id = pegawai.opd_id if pegawai is not None else target.opd_id
        if not may_manage(actor, pemda_id=pemda_id, opd_id=opd_id):
            return _("Akun ini di luar lingkup Anda.")
        if pegawai is not None and pegawai.pk in self.rantai_atasan():
            return _(
                "%(nama)s adalah atasan Anda (langsung atau di atasnya). Kata sandi atasan sendiri harus "
                "diatur ulang oleh HR/BKPSDM atau admin lain yang bukan bawahannya."
            ) % {"nama": pegawai.nama_lengkap}
        return None


def reset_password_refusal(actor: User, target: User) -> str | None:
    """Why `actor` may not reset `target`'s password or issue it an activation code (None: allowed)."""
    return KebijakanReset(actor).alasan_tolak(target)


def may_reset_password(actor: User, target: User) -> bool:
    return reset_password_refusal(actor, target) is None
