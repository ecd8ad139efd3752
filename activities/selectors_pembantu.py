"""Reads of helper entry (issue 17), and the one gate every helper page and write passes: `izin_bantu`.

A named helper (`Pembantu`) acts for a colleague only while the colleague's consent (`IzinPembantu`)
stands; `izin_bantu` checks it, with every limit of `rules.alasan_tolak_bantu`, on each request, so no
access outlives a revocation, a deactivation or a change of unit.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Pegawai, UnitKerja, User
from accounts.selectors import approval_chain, pegawai_of, penempatan_utama_of
from core.dates import today

from . import rules
from .models import IzinPembantu, Pembantu
from .selectors import _unit_and_above

# Deep enough for any jabatan tree: the whole chain up to the head of the pemda.
_SELURUH_RANTAI = 50


class BukanRekan(PermissionDenied):
    """The colleague never asked this helper: their pages are out of the helper's scope (a view
    answers 404; a service, 403)."""


def unit_of(pegawai: Pegawai, on: date) -> int | None:
    """The unit of the pegawai's main posting on a date."""
    utama = penempatan_utama_of(pegawai, on)
    return utama.jabatan.unit_id if utama is not None else None


def unit_dan_atasnya(unit_id: int | None) -> list[int]:
    """The unit and every unit above it (one query)."""
    if unit_id is None:
        return []
    return list(UnitKerja.objects.filter(pk__in=_unit_and_above(unit_id)).values_list("pk", flat=True))


def rantai_atasan(pegawai: Pegawai, on: date) -> set[int]:
    """Pegawai ids of everyone above the pegawai, up to the top of the tree."""
    return {a.pegawai.pk for a in approval_chain(pegawai, on, depth=_SELURUH_RANTAI)}


def penyetuju_of(pegawai: Pegawai, on: date) -> set[int]:
    """Pegawai ids of who verifies and who validates the pegawai's entries of the date."""
    return {a.pegawai.pk for a in approval_chain(pegawai, on)}


def penunjukan_berlaku(on: date) -> Q:
    """A designation in force on a date: started and not deactivated."""
    return Q(mulai__lte=on, berakhir__isnull=True)


def tolak_bantu(helper: Pegawai, izin: IzinPembantu, on: date | None = None) -> str | None:
    """Why `helper` may not act for the colleague of `izin` now (None: allowed): the facts of
    rules.alasan_tolak_bantu, read from the database."""
    on = on or today()
    p = izin.pembantu
    owner = izin.pegawai
    return rules.alasan_tolak_bantu(
        nama=owner.nama_lengkap,
        sendiri=helper.pk == owner.pk or p.pegawai_id != helper.pk,
        atasan_pembantu=owner.pk in rantai_atasan(helper, on),
        penyetuju=helper.pk in penyetuju_of(owner, on),
        dicabut=izin.dicabut is not None,
        penunjukan_berakhir=p.berakhir is not None,
        mulai=date_format(p.mulai, "j F Y") if p.mulai > on else None,
        pembantu_pindah=helper.opd_id != p.unit.opd_id,
        pemilik_pindah=unit_of(owner, on) != izin.unit_id,
    )


def izin_bantu(user: User, untuk: int) -> IzinPembantu:
    """The one gate of helper entry: the consent under which `user` acts for pegawai `untuk` now.

    PermissionDenied (403) for an account without a pegawai record and for every refusal of
    rules.alasan_tolak_bantu (revoked, deactivated, moved, one's own atasan chain); `BukanRekan` when
    that colleague never asked this helper."""
    helper = pegawai_of(user, _("Halaman ini untuk pegawai."))
    izin = (
        IzinPembantu.objects.select_related("pegawai", "pembantu__unit")
        .filter(pegawai_id=untuk, pembantu__pegawai=helper)
        .order_by(F("dicabut").desc(nulls_first=True), "-dibuat")
        .first()
    )
    if izin is None:
        raise BukanRekan(_("Pegawai ini tidak meminta bantuan pengisian kepada Anda."))
    alasan = tolak_bantu(helper, izin)
    if alasan:
        raise PermissionDenied(alasan)
    return izin


# --- the pages' lists -----------------------------------------------------------------------------


def pembantu_visible_to(user: User) -> QuerySet[Pembantu]:
    """Admin OPD: the designations of their OPD; HR: the pemda; superadmin: all."""
    qs = Pembantu.objects.select_related("pegawai", "unit__opd", "dibuat_oleh__pegawai", "diakhiri_oleh__pegawai")
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda:
        return qs.filter(pemda_id=user.pemda_id)
    if user.is_admin_opd:
        return qs.filter(pemda_id=user.pemda_id, unit__opd_id=user.opd_id)
    return qs.none()


def pembantu_tersedia(pegawai: Pegawai, on: date | None = None) -> list[Pembantu]:
    """The helpers a pegawai may ask: named for their unit or a unit above it, in force, in that unit's
    OPD still, not themselves, not anyone below them (nobody acts for their own atasan) and not their
    own verifier or validator (who could not approve what they typed)."""
    on = on or today()
    units = unit_dan_atasnya(unit_of(pegawai, on))
    rows = (
        Pembantu.objects.filter(penunjukan_berlaku(on), unit_id__in=units, pegawai__opd_id=F("unit__opd_id"))
        .exclude(pegawai=pegawai)
        .select_related("pegawai", "unit")
        .order_by("pegawai__nama", "pk")
    )
    penyetuju = penyetuju_of(pegawai, on)
    return [p for p in rows if pegawai.pk not in rantai_atasan(p.pegawai, on) and p.pegawai_id not in penyetuju]


def izin_milik(pegawai: Pegawai) -> list[IzinPembantu]:
    """The consents a pegawai has given and not revoked."""
    return list(
        IzinPembantu.objects.filter(pegawai=pegawai, dicabut__isnull=True)
        .select_related("pembantu__pegawai", "pembantu__unit")
        .order_by("-dibuat")
    )


@dataclass
class Rekan:
    """A colleague who asked the helper, and why the helper may not act for them now (if so)."""

    izin: IzinPembantu
    alasan: str | None


def rekan_dibantu(helper: Pegawai) -> list[Rekan]:
    """The colleagues who asked this helper and have not revoked it, each checked as the gate would."""
    rows = (
        IzinPembantu.objects.filter(pembantu__pegawai=helper, dicabut__isnull=True, pembantu__berakhir__isnull=True)
        .select_related("pegawai", "pembantu__unit")
        .order_by("pegawai__nama", "pk")
    )
    return [Rekan(izin, tolak_bantu(helper, izin)) for izin in rows]
