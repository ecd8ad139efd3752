"""The one access policy (DESIGN.md §4): every "may this person …" question of the app.

- Roles: an org admin (admin OPD, HR pemda, superadmin) manages units and people; HR (HR pemda or a
  superadmin) keeps what belongs to a whole pemda (the calendar, pemda-wide catalog items, outages,
  TPP rules and months, SKP settings); admin OPD read the TPP months of their OPD.
- Scope: admin OPD act within their OPD, HR pemda within their pemda, a superadmin anywhere
  (`may_manage`); what a user may *see* is the selectors' business (out of scope → 404).
- Separation of duties: in an admin capacity nobody acts on their own record or on anyone in their
  own atasan chain (who verify and validate their work): attendance corrections and discipline
  events, dispensations, golongan and salary fields, password resets; nobody changes their own
  postings (which could put them in their own chain). Only a higher role resets a role holder: HR
  pemda (or a superadmin) for an admin OPD, a superadmin for HR; a superadmin's password is reset
  on the server (`manage.py changepassword`), never from a page.

Views are gated with `requires(predicate, message)` (and the named decorators below); services call
the predicates and `check_*` helpers, which raise PermissionDenied (403) with the refusal's reason.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import today

from .models import Pegawai, User
from .selectors import approval_chain, pegawai_of

# Deep enough for any jabatan tree: the whole chain up to the head of the pemda.
_SELURUH_RANTAI = 50

# The pegawai fields the TPP calculation reads (tpp.calculation): a pay matter, never one's own.
BIDANG_GAJI = ("golongan", "kedudukan_hukum", "gaji_dasar")


# --- roles ------------------------------------------------------------------------------------


def _has(user, flag: str) -> bool:
    return bool(getattr(user, flag, False))  # an anonymous user has no role


def is_org_admin(user: User) -> bool:
    """Admin OPD (own OPD), HR pemda (whole pemda) and superadmin manage units and people."""
    return _has(user, "can_manage_org")


def is_hr(user: User) -> bool:
    """HR pemda (BKPSDM/keuangan) or a superadmin: the duties that span a pemda."""
    return _has(user, "is_hr_pemda") or _has(user, "is_superadmin")


def is_hr_of(user: User, pemda_id: int | None) -> bool:
    """HR of this pemda, or a superadmin (any pemda)."""
    if _has(user, "is_superadmin"):
        return True
    return _has(user, "is_hr_pemda") and pemda_id is not None and user.pemda_id == pemda_id


def is_superadmin(user: User) -> bool:
    """The installation's superadmin: creates pemda and their first HR account (issue 16)."""
    return _has(user, "is_superadmin")


def may_keep_pemda(user: User) -> bool:
    """The calendar and the pemda-wide catalog items of a pemda are kept by its HR (BKPSDM), or a
    superadmin acting for a pemda (a superadmin bound to no pemda has none to keep)."""
    return is_hr(user) and bool(getattr(user, "pemda_id", None))


def may_keep_tpp(user: User) -> bool:
    """HR pemda and superadmin change TPP rules, sentences and months."""
    return is_hr(user)


def may_view_opd_reports(user: User) -> bool:
    """HR, superadmin and admin OPD (read only, their own OPD) read the per-OPD reports."""
    return is_hr(user) or _has(user, "is_admin_opd")


def may_view_tpp(user: User) -> bool:
    """HR, superadmin and admin OPD (read only, own OPD) open the TPP month pages."""
    return may_view_opd_reports(user)


def may_manage(actor: User, *, pemda_id: int | None, opd_id: int | None) -> bool:
    """Admin OPD act within their OPD, HR pemda within their pemda, superadmin anywhere."""
    if _has(actor, "is_superadmin"):
        return True
    if _has(actor, "is_hr_pemda"):
        return pemda_id is not None and actor.pemda_id == pemda_id
    if _has(actor, "is_admin_opd"):
        return pemda_id is not None and actor.pemda_id == pemda_id and opd_id is not None and actor.opd_id == opd_id
    return False


def is_self(user: User, pegawai_id: int | None) -> bool:
    """Whether the account is this pegawai (their own record); never for an account without one."""
    pegawai = getattr(user, "pegawai", None)
    return pegawai is not None and pegawai_id is not None and pegawai.pk == pegawai_id


# --- refusing -----------------------------------------------------------------------------------


def pegawai_halaman(request) -> Pegawai:
    """The signed-in pegawai of a page meant for pegawai; 403 for an account without one."""
    return pegawai_of(request.user, _("Halaman ini untuk pegawai."))


def ensure(allowed: bool, message: str) -> None:
    """Raise PermissionDenied (403) with `message` unless `allowed`."""
    if not allowed:
        raise PermissionDenied(str(message))


def check_manage(actor: User, *, pemda_id: int | None, opd_id: int | None) -> None:
    """An admin write within the actor's scope (`may_manage`), else 403."""
    ensure(may_manage(actor, pemda_id=pemda_id, opd_id=opd_id), _("Anda tidak berwenang mengubah data ini."))


def check_hr_of(actor: User, pemda_id: int | None, message: str) -> None:
    """A write that belongs to HR of this pemda (or a superadmin), else 403 with `message`."""
    ensure(is_hr_of(actor, pemda_id), message)


def requires(predicate: Callable[[User], bool], message: str | Promise):
    """A view decorator: `predicate(request.user)` or 403 with `message` (the one gate of every page)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            ensure(predicate(request.user), message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


HALAMAN_ADMIN = gettext_lazy("Halaman ini hanya untuk admin kepegawaian.")
HALAMAN_HR = gettext_lazy("Halaman ini hanya untuk BKPSDM (HR pemda).")
HALAMAN_TPP = gettext_lazy("Halaman ini hanya untuk petugas BKPSDM/keuangan pemda.")

HALAMAN_SUPERADMIN = gettext_lazy("Halaman ini hanya untuk superadmin.")

admin_required = requires(is_org_admin, HALAMAN_ADMIN)
superadmin_required = requires(is_superadmin, HALAMAN_SUPERADMIN)
hr_required = requires(is_hr, HALAMAN_HR)
pemda_keeper_required = requires(may_keep_pemda, HALAMAN_HR)
tpp_keeper_required = requires(may_keep_tpp, HALAMAN_TPP)
tpp_viewer_required = requires(may_view_tpp, HALAMAN_ADMIN)


# --- separation of duties -----------------------------------------------------------------------


class Tindakan:
    """What an admin does to a pegawai's record, for the separation-of-duties refusal's wording."""

    PRESENSI = "presensi"  # correct a day, or undo a correction
    KEJADIAN = "kejadian"  # record a discipline event
    DISPENSASI = "dispensasi"  # let them enter activities after the window
    GAJI = "gaji"  # golongan, kedudukan hukum, gaji dasar
    PENEMPATAN = "penempatan"  # post them, end a posting
    PEMBANTU = "pembantu"  # name them helper entry for colleagues, or end that (issue 17)


def _pesan_sendiri(tindakan: str) -> str:
    return {
        Tindakan.PRESENSI: _(
            "Presensi Anda sendiri tidak dapat Anda koreksi. Mintalah kepada admin lain atau HR/BKPSDM."
        ),
        Tindakan.KEJADIAN: _(
            "Kejadian disiplin tidak dapat Anda catat untuk diri Anda sendiri. Mintalah kepada admin lain atau "
            "HR/BKPSDM."
        ),
        Tindakan.DISPENSASI: _(
            "Dispensasi tidak dapat Anda berikan kepada diri Anda sendiri. Mintalah kepada admin lain atau HR/BKPSDM."
        ),
        Tindakan.GAJI: _(
            "Golongan, kedudukan hukum dan gaji dasar Anda sendiri tidak dapat Anda ubah. Mintalah kepada admin "
            "lain atau HR/BKPSDM."
        ),
        Tindakan.PENEMPATAN: _(
            "Penempatan Anda sendiri tidak dapat Anda ubah. Mintalah kepada admin lain atau HR/BKPSDM."
        ),
        Tindakan.PEMBANTU: _(
            "Anda tidak dapat menunjuk atau menonaktifkan diri Anda sendiri sebagai pembantu pengisian. Mintalah "
            "kepada admin lain atau HR/BKPSDM."
        ),
    }[tindakan]


def _pesan_atasan(tindakan: str) -> str:
    return {
        Tindakan.PRESENSI: _(
            "%(nama)s adalah atasan Anda (langsung atau di atasnya); presensinya tidak dapat Anda koreksi. "
            "Mintalah kepada HR/BKPSDM atau admin lain yang bukan bawahannya."
        ),
        Tindakan.KEJADIAN: _(
            "%(nama)s adalah atasan Anda (langsung atau di atasnya); kejadian disiplin untuknya tidak dapat Anda "
            "catat. Mintalah kepada HR/BKPSDM atau admin lain yang bukan bawahannya."
        ),
        Tindakan.DISPENSASI: _(
            "%(nama)s adalah atasan Anda (langsung atau di atasnya); dispensasi untuknya tidak dapat Anda berikan. "
            "Mintalah kepada HR/BKPSDM atau admin lain yang bukan bawahannya."
        ),
        Tindakan.GAJI: _(
            "%(nama)s adalah atasan Anda (langsung atau di atasnya); golongan, kedudukan hukum dan gaji dasarnya "
            "tidak dapat Anda ubah. Mintalah kepada HR/BKPSDM atau admin lain yang bukan bawahannya."
        ),
        Tindakan.PEMBANTU: _(
            "%(nama)s adalah atasan Anda (langsung atau di atasnya); penunjukannya sebagai pembantu pengisian "
            "tidak dapat Anda atur. Mintalah kepada HR/BKPSDM atau admin lain yang bukan bawahannya."
        ),
    }[tindakan]


class Kebijakan:
    """The separation-of-duties questions for one actor and many targets (a sheet of codes for a
    whole OPD): the actor's own atasan chain is read once."""

    def __init__(self, actor: User):
        self.actor = actor
        self._rantai: dict[int, str] | None = None

    @property
    def pegawai(self) -> Pegawai | None:
        return getattr(self.actor, "pegawai", None)

    def rantai_atasan(self) -> dict[int, str]:
        """Pegawai id → name of everyone above the actor, up to the top of the tree, today."""
        if self._rantai is None:
            pegawai = self.pegawai
            chain = approval_chain(pegawai, today(), depth=_SELURUH_RANTAI) if pegawai is not None else []
            self._rantai = {a.pegawai.pk: a.pegawai.nama_lengkap for a in chain}
        return self._rantai

    def alasan_konflik(self, pegawai: Pegawai, tindakan: str) -> str | None:
        """Why the actor may not do `tindakan` to this pegawai as an admin: it is their own record or
        someone in their atasan chain (None: no conflict). A posting is refused on one's own record
        only: posting oneself (say as Plt of one's own atasan's post) would put one in one's own chain,
        while posting one's atasan (a Plt, a mutasi) is the OPD's ordinary work."""
        own = self.pegawai
        if own is not None and own.pk == pegawai.pk:
            return _pesan_sendiri(tindakan)
        if tindakan != Tindakan.PENEMPATAN and pegawai.pk in self.rantai_atasan():
            return _pesan_atasan(tindakan) % {"nama": pegawai.nama_lengkap}
        return None

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


def reset_faktor_refusal(actor: User, target: User) -> str | None:
    """Why `actor` may not reset `target`'s second factor (None: allowed). HR of the pemda resets it,
    a superadmin for HR; never one's own, never someone in one's atasan chain; a superadmin's only on
    the server (`manage.py` shell), like its password."""
    if not is_hr(actor):
        return _("Hanya HR/BKPSDM yang dapat mengatur ulang verifikasi dua langkah.")
    if actor.pk == target.pk:
        return _("Verifikasi dua langkah akun Anda sendiri tidak dapat Anda atur ulang. Mintalah kepada admin lain.")
    if target.is_superadmin:
        return _("Verifikasi dua langkah superadmin hanya dapat diatur ulang di server oleh pengelola sistem.")
    if target.is_hr_pemda and not actor.is_superadmin:
        return _("Verifikasi dua langkah akun HR/BKPSDM hanya dapat diatur ulang oleh superadmin.")
    pegawai = getattr(target, "pegawai", None)
    pemda_id = pegawai.pemda_id if pegawai is not None else target.pemda_id
    if not is_hr_of(actor, pemda_id):
        return _("Akun ini di luar lingkup Anda.")
    if pegawai is not None and pegawai.pk in Kebijakan(actor).rantai_atasan():
        return _(
            "%(nama)s adalah atasan Anda (langsung atau di atasnya). Verifikasi dua langkahnya harus diatur "
            "ulang oleh HR/BKPSDM lain yang bukan bawahannya."
        ) % {"nama": pegawai.nama_lengkap}
    return None


def check_reset_faktor(actor: User, target: User) -> None:
    alasan = reset_faktor_refusal(actor, target)
    if alasan:
        raise PermissionDenied(alasan)


def buka_akun_refusal(actor: User, target: User) -> str | None:
    """Why `actor` may not open `target`'s closed login again (None: allowed): an admin in scope,
    never their own, and a role holder only by a higher role (as for a password reset)."""
    if not is_org_admin(actor):
        return _("Hanya admin kepegawaian yang dapat mengaktifkan kembali akun.")
    if actor.pk == target.pk:
        return _("Akun Anda sendiri tidak dapat Anda aktifkan kembali. Mintalah kepada admin lain.")
    if target.is_superadmin and not actor.is_superadmin:
        return _("Akun superadmin hanya dapat diaktifkan kembali oleh superadmin.")
    if target.is_hr_pemda and not actor.is_superadmin:
        return _("Akun HR/BKPSDM hanya dapat diaktifkan kembali oleh superadmin.")
    if target.is_admin_opd and not is_hr(actor):
        return _("Akun admin OPD hanya dapat diaktifkan kembali oleh HR/BKPSDM.")
    pegawai = getattr(target, "pegawai", None)
    pemda_id = pegawai.pemda_id if pegawai is not None else target.pemda_id
    opd_id = pegawai.opd_id if pegawai is not None else target.opd_id
    if not may_manage(actor, pemda_id=pemda_id, opd_id=opd_id):
        return _("Akun ini di luar lingkup Anda.")
    return None


def conflict_refusal(actor: User, pegawai: Pegawai, tindakan: str) -> str | None:
    """Why `actor` may not do `tindakan` to `pegawai` in an admin capacity (None: no conflict)."""
    return Kebijakan(actor).alasan_konflik(pegawai, tindakan)


def check_no_conflict(actor: User, pegawai: Pegawai, tindakan: str) -> None:
    """Separation of duties: 403 when the pegawai is the actor or someone in the actor's atasan chain."""
    alasan = conflict_refusal(actor, pegawai, tindakan)
    if alasan:
        raise PermissionDenied(alasan)


def may_act_for(actor: User, pegawai: Pegawai, tindakan: str) -> bool:
    """Whether `actor` may do `tindakan` to `pegawai` as an admin: in scope and no conflict of duties."""
    return may_manage(actor, pemda_id=pegawai.pemda_id, opd_id=pegawai.opd_id) and not conflict_refusal(
        actor, pegawai, tindakan
    )


def reset_password_refusal(actor: User, target: User) -> str | None:
    """Why `actor` may not reset `target`'s password or issue it an activation code (None: allowed)."""
    return Kebijakan(actor).alasan_tolak(target)


def may_reset_password(actor: User, target: User) -> bool:
    return reset_password_refusal(actor, target) is None
