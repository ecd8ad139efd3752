"""Scoped reads of attendance moderation (issue 16): correction requests and machine outages."""

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.permissions import Kebijakan
from accounts.selectors import pegawai_visible_to, unit_visible_to

from .choices_koreksi import StatusKoreksi
from .models_koreksi import GangguanMesin, KoreksiPresensi


def _koreksi() -> QuerySet[KoreksiPresensi]:
    return KoreksiPresensi.objects.select_related("pegawai__opd", "penyetuju", "diajukan_oleh", "diputus_oleh")


def koreksi_lingkup_admin(user: User) -> QuerySet[KoreksiPresensi]:
    """The corrections an admin keeps an eye on: HR pemda their pemda's, a superadmin every pemda's,
    admin OPD their OPD's; anyone else none."""
    if not getattr(user, "can_manage_org", False):
        return _koreksi().none()
    return _koreksi().filter(pegawai__in=pegawai_visible_to(user).values("pk"))


def koreksi_visible_to(user: User) -> QuerySet[KoreksiPresensi]:
    """One's own corrections, those one filed for someone, those one decides as atasan, and those
    of an admin's scope; nothing else (→ 404)."""
    pegawai = getattr(user, "pegawai", None)
    cond = Q(diajukan_oleh=user)
    if pegawai is not None:
        cond |= Q(pegawai=pegawai) | Q(penyetuju=pegawai)
    if getattr(user, "can_manage_org", False):
        cond |= Q(pegawai__in=pegawai_visible_to(user).values("pk"))
    return _koreksi().filter(cond)


def koreksi_milik(user: User) -> QuerySet[KoreksiPresensi]:
    """A pegawai's own corrections (filed by them or for them), newest first."""
    return _koreksi().filter(pegawai=getattr(user, "pegawai", None)).order_by("-dibuat", "-pk")


def antrean_koreksi(user: User) -> QuerySet[KoreksiPresensi]:
    """Corrections waiting for the user's decision: as atasan langsung (stored at filing), and for an
    admin OPD those of their OPD but their atasan's; never their own days nor those they filed."""
    pegawai = getattr(user, "pegawai", None)
    cond = Q(penyetuju=pegawai) if pegawai is not None else Q(pk__in=[])
    if getattr(user, "is_admin_opd", False) and user.opd_id:
        # never their own atasan chain (accounts.permissions: separation of duties)
        rantai = Kebijakan(user).rantai_atasan()
        cond |= Q(pegawai__opd_id=user.opd_id, pemda_id=user.pemda_id) & ~Q(pegawai_id__in=list(rantai))
    qs = _koreksi().filter(cond, status=StatusKoreksi.DIAJUKAN).exclude(diajukan_oleh=user)
    if pegawai is not None:
        qs = qs.exclude(pegawai=pegawai)
    return qs.order_by("mulai", "pk")


def gangguan_visible_to(user: User) -> QuerySet[GangguanMesin]:
    """Machine outages of the units the admin manages."""
    return GangguanMesin.objects.filter(unit__in=unit_visible_to(user).values("pk")).select_related(
        "unit__opd", "dicatat_oleh"
    )
