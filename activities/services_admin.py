"""Admin writes of activities: the activity catalog, dispensations from the entry window, and
outages of the service (which lengthen every entry window they overlap)."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, User
from accounts.permissions import Tindakan, check_manage, check_no_conflict, ensure, may_keep_pemda
from attendance.rules import tambah_hari_kerja
from attendance.selectors_jadwal import libur_antara
from core import audit

from .choices import LingkupKatalog
from .models import Dispensasi, Gangguan, KegiatanKatalog
from .selectors import aturan_for

# --- admin: catalog, exemptions, outages --------------------------------------------------------


@transaction.atomic
def katalog_save(*, actor: User, katalog: KegiatanKatalog | None = None, **data: Any) -> KegiatanKatalog:
    """An admin OPD keeps the items of their OPD's jabatan and units; pemda-wide items are HR's."""
    item = katalog or KegiatanKatalog(pemda_id=actor.pemda_id)
    for name, value in data.items():
        setattr(item, name, value)
    if item.lingkup == LingkupKatalog.JABATAN and item.jabatan_id:
        item.unit, item.opd_id, item.pemda_id = None, item.jabatan.opd_id, item.jabatan.pemda_id
    elif item.lingkup == LingkupKatalog.UNIT and item.unit_id:
        item.jabatan, item.opd_id, item.pemda_id = None, item.unit.opd_id, item.unit.pemda_id
    elif item.lingkup == LingkupKatalog.PEMDA:
        item.jabatan = item.unit = item.opd = None
    check_manage(actor, pemda_id=item.pemda_id, opd_id=item.opd_id)
    if katalog is not None and katalog.pk:
        original = KegiatanKatalog.objects.get(pk=katalog.pk)
        check_manage(actor, pemda_id=original.pemda_id, opd_id=original.opd_id)
    sebelum = audit.nilai(original, _KOLOM_KATALOG) if katalog is not None and katalog.pk else {}
    item.full_clean()
    item.save()
    sesudah = audit.nilai(item, _KOLOM_KATALOG)
    lama, baru = audit.beda(sebelum, sesudah) if sebelum else ({}, sesudah)
    audit.catat(f"kegiatankatalog:{'ubah' if sebelum else 'buat'}", item, actor=actor, sebelum=lama, sesudah=baru)
    return item


_KOLOM_KATALOG = ("lingkup", "jabatan", "unit", "opd", "nama", "satuan", "menit_per_satuan", "aktif")


@transaction.atomic
def dispensasi_create(
    *, actor: User, pegawai: Pegawai, tanggal_mulai: date, tanggal_selesai: date, alasan: str, batas: date | None = None
) -> Dispensasi:
    """Let one pegawai enter activities for given dates outside the window (admin OPD, with a reason)."""
    check_manage(actor, pemda_id=pegawai.pemda_id, opd_id=pegawai.opd_id)
    check_no_conflict(actor, pegawai, Tindakan.DISPENSASI)  # never one's own, nor one's atasan's
    if not (alasan or "").strip():
        raise ValidationError({"alasan": _("Tulis alasan dispensasi.")})
    today = timezone.localdate()
    if batas is None:
        libur = libur_antara(pemda_id=pegawai.pemda_id, start=today, end=today + timedelta(days=30))
        batas = tambah_hari_kerja(today, aturan_for(pemda_id=pegawai.pemda_id, on=today).batas_input_hari_kerja, libur)
    if batas < today:
        raise ValidationError({"batas": _("Batas pengisian tidak boleh sebelum hari ini.")})
    if tanggal_selesai > today:
        raise ValidationError({"tanggal_selesai": _("Dispensasi hanya untuk tanggal yang sudah lewat.")})
    if tanggal_selesai < tanggal_mulai:
        # the model's check constraint would say so only in its own (English) words
        raise ValidationError({"tanggal_selesai": _("Tanggal akhir tidak boleh sebelum tanggal awal.")})
    d = Dispensasi(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        batas=batas,
        alasan=alasan.strip(),
        dibuat_oleh=actor,
    )
    d.full_clean(exclude=["dibuat_oleh"])
    d.save()
    kolom = ("tanggal_mulai", "tanggal_selesai", "batas", "alasan")
    audit.catat("dispensasi:buat", d, actor=actor, sesudah=audit.nilai(d, kolom))
    return d


@transaction.atomic
def gangguan_create(*, actor: User, mulai, selesai, alasan: str) -> Gangguan:
    """Record an outage of the pemda's service; every entry window it overlaps grows by its length."""
    ensure(may_keep_pemda(actor), _("Hanya HR pemda yang dapat mencatat gangguan layanan."))
    if not (alasan or "").strip():
        raise ValidationError({"alasan": _("Tulis penyebab atau keterangan gangguan.")})
    if selesai <= mulai:
        raise ValidationError({"selesai": _("Waktu selesai harus sesudah waktu mulai.")})
    if selesai > timezone.now() + timedelta(minutes=5):
        raise ValidationError(
            {"selesai": _("Catat gangguan setelah selesai; waktu selesai tidak boleh di masa depan.")}
        )
    # Every recorded outage extends the windows by its whole length: the same outage recorded twice
    # (two officers, or a retry) would extend them twice.
    overlap = Gangguan.objects.filter(pemda_id=actor.pemda_id, mulai__lt=selesai, selesai__gt=mulai).first()
    if overlap is not None:
        raise ValidationError(
            _(
                "Gangguan pada waktu itu sudah dicatat (%(m)s sampai %(s)s: %(a)s). Satu gangguan cukup dicatat "
                "sekali; jika gangguan berlanjut, catat waktu sesudahnya saja."
            )
            % {
                "m": timezone.localtime(overlap.mulai).strftime("%d-%m-%Y %H.%M"),
                "s": timezone.localtime(overlap.selesai).strftime("%d-%m-%Y %H.%M"),
                "a": overlap.alasan,
            }
        )
    g = Gangguan(pemda_id=actor.pemda_id, mulai=mulai, selesai=selesai, alasan=alasan.strip(), dicatat_oleh=actor)
    g.full_clean(exclude=["dicatat_oleh"])
    g.save()
    audit.catat("gangguan:buat", g, actor=actor, sesudah=audit.nilai(g, ("mulai", "selesai", "alasan")))
    return g
