"""Reads of the anomaly flags and the approvers' monthly figures (issue 18), scoped to who asks.

The queue reads the open flags of the rows it shows in one query (`kejanggalan_terbuka`); the entry's
page lists all of its own; HR and the admin OPD read a month's flags of their scope
(`kejanggalan_visible_to`); HR alone reads the approvers' figures (`rekap_persetujuan_visible_to`)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, QuerySet

from accounts.models import User

from .choices import JenisKejanggalan
from .models import Aktivitas
from .models_kejanggalan import Kejanggalan, RekapPersetujuan


@dataclass(frozen=True)
class TandaAntrean:
    """What a queue row shows of one open flag: its kind's label and its one-sentence reason."""

    pk: int
    jenis: str
    label: str
    penjelasan: str


def kejanggalan_terbuka(aktivitas_ids: Iterable[int]) -> dict[int, list[TandaAntrean]]:
    """Entry id → its open (not dismissed) flags, for the rows a queue shows: one query for any number."""
    ids = list(aktivitas_ids)
    if not ids:
        return {}
    label = dict(JenisKejanggalan.choices)
    out: dict[int, list[TandaAntrean]] = {}
    rows = (
        Kejanggalan.objects.filter(aktivitas_id__in=ids, diabaikan__isnull=True)
        .order_by("aktivitas_id", "jenis")
        .values_list("pk", "aktivitas_id", "jenis", "penjelasan")
    )
    for pk, aktivitas_id, jenis, penjelasan in rows:
        out.setdefault(aktivitas_id, []).append(TandaAntrean(pk, jenis, str(label.get(jenis, jenis)), penjelasan))
    return out


def kejanggalan_of(aktivitas: Aktivitas) -> list[Kejanggalan]:
    """All flags of one entry (open first, then dismissed), with who dismissed them."""
    return list(
        aktivitas.kejanggalan.select_related("diabaikan_oleh__pegawai").order_by(
            F("diabaikan").asc(nulls_first=True), "jenis", "pk"
        )
    )


def kejanggalan_visible_to(user: User) -> QuerySet[Kejanggalan]:
    """The report's flags: HR pemda their pemda, an admin OPD the entries of their OPD's people, a
    superadmin every pemda, anyone else none (an approver sees flags in the queue and on the entry)."""
    qs = Kejanggalan.objects.select_related("pegawai__opd", "aktivitas", "diabaikan_oleh__pegawai")
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda:
        return qs.filter(pemda_id=user.pemda_id)
    if user.is_admin_opd:
        return qs.filter(pemda_id=user.pemda_id, pegawai__opd_id=user.opd_id)
    return qs.none()


def kejanggalan_dapat_dibuka(aktivitas_qs: QuerySet[Aktivitas]) -> QuerySet[Kejanggalan]:
    """The flags on the entries `aktivitas_qs` (already scoped to the user by `aktivitas_visible_to`):
    the dismissal's lookup, so a flag on an entry out of scope is not found (404)."""
    return Kejanggalan.objects.select_related("aktivitas__pegawai").filter(aktivitas__in=aktivitas_qs.values("pk"))


def rekap_persetujuan_visible_to(user: User) -> QuerySet[RekapPersetujuan]:
    """The approvers' monthly figures: HR pemda their pemda, a superadmin all; nobody else."""
    qs = RekapPersetujuan.objects.select_related("penyetuju__opd")
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda:
        return qs.filter(pemda_id=user.pemda_id)
    return qs.none()
