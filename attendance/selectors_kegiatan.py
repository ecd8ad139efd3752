"""Reads of the compulsory gatherings (issue 16): a pemda's events, their names, the days called off,
and which recorded events still count (the TPP calculation reads `kejadian_berlaku`)."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from accounts.models import User

from .models import KegiatanWajib, Kejadian, PembatalanKegiatan


def kegiatan_pemda(pemda_id: int, *, aktif: bool | None = None) -> QuerySet[KegiatanWajib]:
    qs = KegiatanWajib.objects.filter(pemda_id=pemda_id)
    return qs if aktif is None else qs.filter(aktif=aktif)


def nama_kejadian(pemda_id: int) -> dict[str, str]:
    """{code: "tidak mengikuti apel"} of every event of the pemda (active or not), as pages name it."""
    return {k.kode: k.label_kejadian[:1].lower() + k.label_kejadian[1:] for k in kegiatan_pemda(pemda_id)}


def _dibatalkan():
    """Whether the gathering of a Kejadian row was called off that day for its pegawai's OPD."""
    return Exists(
        PembatalanKegiatan.objects.filter(
            pemda_id=OuterRef("pemda_id"), kegiatan__kode=OuterRef("jenis"), tanggal=OuterRef("tanggal")
        ).filter(Q(opd__isnull=True) | Q(opd_id=OuterRef("pegawai__opd_id")))
    )


def kejadian_dengan_batal(qs: QuerySet[Kejadian]) -> QuerySet[Kejadian]:
    """The rows with `dibatalkan` (their gathering was called off that day: they cut nothing) and
    `nama_kegiatan` (the pemda's name of the gathering)."""
    nama = KegiatanWajib.objects.filter(pemda_id=OuterRef("pemda_id"), kode=OuterRef("jenis")).values("nama")[:1]
    return qs.annotate(dibatalkan=_dibatalkan(), nama_kegiatan=Subquery(nama))


def kejadian_berlaku(qs: QuerySet[Kejadian]) -> QuerySet[Kejadian]:
    """Only the rows that count: a row whose gathering was called off that day is left out."""
    return qs.filter(~_dibatalkan())


def kegiatan_dibatalkan(*, pemda_id: int, kode: str, tanggal: date, opd_id: int | None) -> PembatalanKegiatan | None:
    """The cancellation that covers an event on a day for someone of `opd_id`, if any."""
    return (
        PembatalanKegiatan.objects.filter(pemda_id=pemda_id, kegiatan__kode=kode, tanggal=tanggal)
        .filter(Q(opd__isnull=True) | Q(opd_id=opd_id))
        .select_related("kegiatan")
        .first()
    )


def pembatalan_visible_to(user: User, pemda_id: int) -> QuerySet[PembatalanKegiatan]:
    """HR and superadmin: every cancellation of the pemda; an admin OPD: the pemda-wide ones and their
    OPD's (they see what applies to them); anyone else nothing."""
    qs = PembatalanKegiatan.objects.filter(pemda_id=pemda_id).select_related("kegiatan", "opd", "dicatat_oleh")
    if getattr(user, "is_superadmin", False) or (getattr(user, "is_hr_pemda", False) and user.pemda_id == pemda_id):
        return qs
    if getattr(user, "is_admin_opd", False) and user.pemda_id == pemda_id:
        return qs.filter(Q(opd__isnull=True) | Q(opd_id=user.opd_id))
    return qs.none()
