"""Writes of the compulsory gatherings (issue 16): a pemda's list of events (apel, upacara, senam and
the ones it adds) and the days one is called off. Every write is audited (core.audit.catat)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Pemda, UnitKerja, User
from accounts.permissions import check_hr_of, is_hr_of
from accounts.selectors import periode_tertutup
from core import audit
from core.locks import kunci_bulan

from ..models import KegiatanWajib, Kejadian, PembatalanKegiatan

# The events every pemda starts with (RULES.md §1.6): their codes are the keys of the national cut
# defaults (tpp.rules.POTONGAN_DISIPLIN) and of attendance.choices.JenisKejadian.
BAWAAN = (("TIDAK_APEL", "Apel"), ("TIDAK_UPACARA", "Upacara"), ("TIDAK_SENAM", "Senam"))
_KOLOM = ("kode", "nama", "aktif", "urutan")
HANYA_HR = _("Hanya BKPSDM pemda yang dapat mengatur daftar kegiatan wajib.")


def kegiatan_wajib_bawaan(pemda: Pemda) -> list[KegiatanWajib]:
    """Give a pemda the default events it lacks (apel, upacara, senam); idempotent. Called for every
    new pemda (attendance.apps: post_save of Pemda) and by the data migration for existing ones."""
    hasil = []
    for urutan, (kode, nama) in enumerate(BAWAAN, start=1):
        row, _created = KegiatanWajib.objects.get_or_create(
            pemda=pemda, kode=kode, defaults={"nama": nama, "urutan": urutan}
        )
        hasil.append(row)
    return hasil


def _nama_bersih(nama: str) -> str:
    nama = " ".join((nama or "").split())
    if not nama:
        raise ValidationError({"nama": _("Isi nama kegiatan, misalnya “Senam Jumat”.")})
    if len(nama) > 60:
        raise ValidationError({"nama": _("Nama kegiatan paling panjang 60 huruf.")})
    return nama


def _cek_nama_unik(pemda_id: int, nama: str, kecuali: int | None = None) -> None:
    qs = KegiatanWajib.objects.filter(pemda_id=pemda_id, nama__iexact=nama)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    if qs.exists():
        raise ValidationError({"nama": _("Kegiatan “%(n)s” sudah ada.") % {"n": nama}})


def _kode_baru(pemda_id: int, nama: str) -> str:
    """TIDAK_<NAMA> in capitals, at most 20 characters, unique within the pemda (a number appended)."""
    dasar = ("TIDAK_" + slugify(nama).replace("-", "_").upper())[:20].rstrip("_") or "TIDAK_KEGIATAN"
    dipakai = set(KegiatanWajib.objects.filter(pemda_id=pemda_id).values_list("kode", flat=True))
    kode, n = dasar, 2
    while kode in dipakai:
        akhir = f"_{n}"
        kode, n = dasar[: 20 - len(akhir)] + akhir, n + 1
    return kode


@transaction.atomic
def kegiatan_create(*, actor: User, pemda: Pemda, nama: str) -> KegiatanWajib:
    """A new event of the pemda, active, last in the list. Its cut is 0 until a TPP rule version
    gives one (the TPP rule form shows a field for it at once)."""
    check_hr_of(actor, pemda.pk, HANYA_HR)
    nama = _nama_bersih(nama)
    _cek_nama_unik(pemda.pk, nama)
    urutan = (KegiatanWajib.objects.filter(pemda=pemda).aggregate(m=Max("urutan"))["m"] or 0) + 1
    row = KegiatanWajib(pemda=pemda, kode=_kode_baru(pemda.pk, nama), nama=nama, urutan=urutan)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the same name saved a moment ago by someone else
        raise ValidationError({"nama": _("Kegiatan “%(n)s” sudah ada.") % {"n": nama}}) from None
    audit.catat("kegiatanwajib:buat", row, actor=actor, sesudah=audit.nilai(row, _KOLOM))
    return row


@transaction.atomic
def kegiatan_update(*, actor: User, kegiatan: KegiatanWajib, nama: str, aktif: bool, urutan: int) -> KegiatanWajib:
    """Rename, reorder, deactivate or reactivate an event; its code (and so its recorded events and
    cuts) never changes. An inactive event can no longer be recorded; recorded ones still count."""
    check_hr_of(actor, kegiatan.pemda_id, HANYA_HR)
    row = KegiatanWajib.objects.select_for_update().get(pk=kegiatan.pk)
    sebelum = audit.nilai(row, _KOLOM)
    row.nama = _nama_bersih(nama)
    _cek_nama_unik(row.pemda_id, row.nama, kecuali=row.pk)
    row.aktif, row.urutan = bool(aktif), urutan
    row.save()
    lama, baru = audit.beda(sebelum, audit.nilai(row, _KOLOM))
    if baru:
        audit.catat("kegiatanwajib:ubah", row, actor=actor, sebelum=lama, sesudah=baru)
    return row


@transaction.atomic
def kegiatan_hapus(*, actor: User, kegiatan: KegiatanWajib) -> None:
    """Remove an event nobody was ever recorded for (a typo); one with records can only be deactivated."""
    check_hr_of(actor, kegiatan.pemda_id, HANYA_HR)
    row = KegiatanWajib.objects.select_for_update().get(pk=kegiatan.pk)
    if Kejadian.objects.filter(pemda_id=row.pemda_id, jenis=row.kode).exists() or row.pembatalan.exists():
        raise ValidationError(
            _("Kegiatan “%(n)s” sudah dipakai pada kejadian yang tercatat, jadi tidak dapat dihapus. Nonaktifkan saja.")
            % {"n": row.nama}
        )
    audit.catat("kegiatanwajib:hapus", row, actor=actor, sebelum=audit.nilai(row, _KOLOM))
    row.delete()


# --- a gathering called off for a day --------------------------------------------------------------


def _cek_bulan_terbuka(pemda_id: int, tanggal: date) -> None:
    kunci_bulan(pemda_id, tanggal)  # shared with the closing (core.locks), then the check
    if periode_tertutup(pemda_id=pemda_id, on=tanggal):
        raise ValidationError(
            {"tanggal": _("Bulan ini sudah ditutup; pembatalan kegiatan pada bulan itu tidak dapat diubah lagi.")}
        )


def _cek_cakupan(actor: User, pemda_id: int, opd: UnitKerja | None) -> None:
    """HR (or a superadmin) for the whole pemda or any of its OPD; an admin OPD only for their OPD."""
    if is_hr_of(actor, pemda_id):
        return
    if getattr(actor, "is_admin_opd", False) and actor.pemda_id == pemda_id and opd is not None:
        if opd.pk == actor.opd_id:
            return
    raise PermissionDenied(_("Anda hanya dapat membatalkan kegiatan untuk OPD Anda sendiri."))


@transaction.atomic
def pembatalan_create(
    *, actor: User, kegiatan: KegiatanWajib, tanggal: date, opd: UnitKerja | None, alasan: str
) -> PembatalanKegiatan:
    """Call off an event for a day, for the whole pemda (opd None) or one OPD: that day's recorded
    events of its kind stop counting for everyone in scope, and no new one can be recorded."""
    if opd is not None and (opd.pemda_id != kegiatan.pemda_id or opd.parent_id is not None):
        raise ValidationError({"opd": _("Pilih OPD dari daftar.")})
    _cek_cakupan(actor, kegiatan.pemda_id, opd)
    alasan = " ".join((alasan or "").split())
    if len(alasan) < 5:
        raise ValidationError({"alasan": _("Tuliskan alasannya, misalnya “hujan deras” atau “hari libur daerah”.")})
    _cek_bulan_terbuka(kegiatan.pemda_id, tanggal)
    sudah = PembatalanKegiatan.objects.filter(kegiatan=kegiatan, tanggal=tanggal)
    ganda = ValidationError(_("%(k)s pada tanggal itu sudah dibatalkan untuk cakupan ini.") % {"k": kegiatan.nama})
    if sudah.filter(opd__isnull=True).exists() or (opd is not None and sudah.filter(opd=opd).exists()):
        raise ganda
    row = PembatalanKegiatan(
        pemda_id=kegiatan.pemda_id, kegiatan=kegiatan, tanggal=tanggal, opd=opd, alasan=alasan[:250], dicatat_oleh=actor
    )
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the same day called off a moment ago by someone else
        raise ganda from None
    audit.catat(
        "pembatalankegiatan:buat", row, actor=actor, sesudah=audit.nilai(row, ("kegiatan", "tanggal", "opd", "alasan"))
    )
    return row


@transaction.atomic
def pembatalan_hapus(*, actor: User, pembatalan: PembatalanKegiatan) -> None:
    """Undo a cancellation: that day's recorded events count again."""
    row = PembatalanKegiatan.objects.select_for_update().get(pk=pembatalan.pk)
    _cek_cakupan(actor, row.pemda_id, row.opd)
    _cek_bulan_terbuka(row.pemda_id, row.tanggal)
    audit.catat(
        "pembatalankegiatan:hapus", row, actor=actor, sebelum=audit.nilai(row, ("kegiatan", "tanggal", "opd", "alasan"))
    )
    row.delete()
