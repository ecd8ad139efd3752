"""Writes of the day's status (issue 5): recomputation, manual correction, discipline events."""

from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, PeriodeTutup, User
from accounts.permissions import Tindakan, check_no_conflict
from accounts.selectors import pegawai_visible_to, periode_tertutup
from core import audit
from core.dates import today
from core.locks import kunci_bulan

from .. import rules
from ..choices import StatusHari
from ..models import HariPresensi, KegiatanWajib, Kejadian
from ..selectors import batas_band_per_hari, hari_dihitung
from ..selectors_jadwal import jadwal_hari_for
from ..selectors_kegiatan import kegiatan_dibatalkan

_FIELDS = [
    "pemda",
    "status",
    "jam_masuk",
    "jam_pulang",
    "menit_terlambat",
    "menit_pulang_cepat",
    "band_tl",
    "band_psw",
    "dihitung",
]


def hari_recompute(*, pegawai_ids: list[int], start: date, end: date) -> int:
    """Recompute and store the days of pegawai from punches, schedules, holidays and approved requests.

    Only days with a posting and not after today, outside closed months; a manual correction
    (manual=True) is never overwritten. Returns the number of rows written.
    """
    rows = hari_dihitung(pegawai_ids=pegawai_ids, start=start, end=end)
    with transaction.atomic():
        for pemda_id in sorted({h.pemda_id for h in rows}):  # the months' locks, then their state
            kunci_bulan(pemda_id, start, end)
        tertutup = set(
            PeriodeTutup.objects.filter(
                pemda_id__in={h.pemda_id for h in rows}, tahun__range=(start.year, end.year)
            ).values_list("pemda_id", "tahun", "bulan")
        )
        if tertutup:  # a closed month's days were paid as they stood: they are frozen (issue 6)
            rows = [h for h in rows if (h.pemda_id, h.tanggal.year, h.tanggal.month) not in tertutup]
        if not rows:
            return 0
        _upsert_unless_manual(rows)
    return len(rows)


def _upsert_unless_manual(rows: list[HariPresensi]) -> None:
    """INSERT … ON CONFLICT DO UPDATE … WHERE NOT manual, in batches: a correction saved while a
    recomputation runs is never overwritten (PostgreSQL and SQLite both speak this form)."""
    q = connection.ops.quote_name
    table = q(HariPresensi._meta.db_table)
    fields = [HariPresensi._meta.get_field(name) for name in ["pegawai", "tanggal", *_FIELDS]]
    columns = [q(f.column) for f in fields]
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns[2:])
    # the target is the unique constraint haripresensi_unique_day, which names the pemda (issue 20)
    conflict = ", ".join(q(HariPresensi._meta.get_field(n).column) for n in ["pegawai", "tanggal", "pemda"])
    placeholders = ", ".join(["%s"] * (len(columns) + 2))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}, {q('manual')}, {q('alasan_koreksi')}) VALUES ({placeholders}) "
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updates} WHERE NOT {table}.{q('manual')}"
    )
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(0, len(rows), 2000):
            params = []
            for h in rows[i : i + 2000]:
                h.dihitung = now
                values = [f.get_db_prep_save(getattr(h, f.attname), connection) for f in fields]
                params.append([*values, False, ""])
            cursor.executemany(sql, params)


def _cek_boleh(actor: User, pegawai: Pegawai, tanggal: date, tindakan: str = Tindakan.PRESENSI) -> None:
    if not pegawai_visible_to(actor).filter(pk=pegawai.pk).exists():
        raise PermissionDenied(_("Anda tidak berwenang mengoreksi presensi pegawai ini."))
    # separation of duties: never one's own days, nor those of one's atasan chain
    check_no_conflict(actor, pegawai, tindakan)
    _cek_hari(pegawai, tanggal)


def _cek_hari(pegawai: Pegawai, tanggal: date) -> None:
    """A day that may change: not in the future, and its month still open."""
    if tanggal > today():
        raise ValidationError({"tanggal": _("Hari yang belum tiba tidak dapat dikoreksi.")})
    kunci_bulan(pegawai.pemda_id, tanggal)  # shared with the closing (core.locks), then the check
    if periode_tertutup(pemda_id=pegawai.pemda_id, on=tanggal):
        raise ValidationError(_("Bulan ini sudah ditutup; presensinya tidak dapat diubah lagi."))


@transaction.atomic
def hari_koreksi(
    *,
    actor: User,
    pegawai: Pegawai,
    tanggal: date,
    status: str,
    jam_masuk: time | None,
    jam_pulang: time | None,
    alasan: str,
) -> HariPresensi:
    """A manual correction by the admin OPD or HR, with its reason kept; recomputation leaves it alone.

    HADIR clears late/early minutes (the admin excuses them); TERLAMBAT counts them from the times
    and the pegawai's schedule; any other status carries no band.
    """
    _cek_boleh(actor, pegawai, tanggal)
    return hari_tetapkan(
        actor=actor,
        pegawai=pegawai,
        tanggal=tanggal,
        status=status,
        jam_masuk=jam_masuk,
        jam_pulang=jam_pulang,
        alasan=alasan,
    )


@transaction.atomic
def hari_tetapkan(
    *,
    actor: User,
    pegawai: Pegawai,
    tanggal: date,
    status: str,
    jam_masuk: time | None,
    jam_pulang: time | None,
    alasan: str,
    aksi: str = "haripresensi:koreksi",
    sumber: dict | None = None,
) -> HariPresensi:
    """The write of a manual correction, for a caller that has checked who may make it (the admin's
    correction above; an approved correction request, attendance.services.koreksi). `sumber` names
    what the correction came from on the audit row."""
    _cek_hari(pegawai, tanggal)
    alasan = (alasan or "").strip()
    errors = {}
    if not alasan:
        errors["alasan"] = _("Alasan koreksi wajib diisi.")
    if status not in StatusHari.values:
        errors["status"] = _("Status tidak dikenal.")
    if jam_masuk and jam_pulang and jam_pulang <= jam_masuk:
        errors["jam_pulang"] = _("Jam pulang harus setelah jam masuk.")
    if status == StatusHari.TERLAMBAT and jam_masuk is None and jam_pulang is None:
        errors["jam_masuk"] = _("Untuk status terlambat/pulang cepat, isi jam masuk atau jam pulang.")
    if errors:
        raise ValidationError(errors)
    telat = cepat = None
    tl = psw = ""
    if status == StatusHari.TERLAMBAT:
        jam = jadwal_hari_for(pegawai, tanggal)
        if jam is None:
            raise ValidationError({"status": _("Hari ini bukan hari kerja menurut jadwal pegawai.")})
        telat = rules.minutes_late(jam_masuk, jam.masuk)
        cepat = rules.minutes_early(jam_pulang, jam.pulang)
        batas = batas_band_per_hari([pegawai.pemda_id], tanggal)(pegawai.pemda_id, tanggal)
        tl, psw = rules.late_band(telat, batas=batas) or "", rules.early_band(cepat, batas=batas) or ""
        if not tl and not psw:
            raise ValidationError({"status": _("Menurut jam yang diisi pegawai tidak terlambat; pilih Hadir.")})
    sebelum = HariPresensi.objects.filter(pegawai=pegawai, tanggal=tanggal).first()
    hari, _created = HariPresensi.objects.update_or_create(
        pegawai=pegawai,
        tanggal=tanggal,
        defaults={
            "pemda_id": pegawai.pemda_id,
            "status": status,
            "jam_masuk": jam_masuk,
            "jam_pulang": jam_pulang,
            "menit_terlambat": telat,
            "menit_pulang_cepat": cepat,
            "band_tl": tl,
            "band_psw": psw,
            "manual": True,
            "alasan_koreksi": alasan[:500],
            "dikoreksi_oleh": actor,
        },
    )
    _catat_hari(aksi, actor, sebelum, hari, pegawai, sumber)
    return hari


_KOLOM_HARI = ("status", "jam_masuk", "jam_pulang", "menit_terlambat", "menit_pulang_cepat", "manual", "alasan_koreksi")


def _catat_hari(
    aksi: str, actor: User, sebelum: HariPresensi | None, sesudah: HariPresensi | None, pegawai, sumber=None
) -> None:
    """The audit row of a day's correction or its undoing: the changed fields, before and after."""
    baru = audit.nilai(sesudah, _KOLOM_HARI) if sesudah else {}
    lama, baru = audit.beda(audit.nilai(sebelum, _KOLOM_HARI), baru) if sebelum else ({}, baru)
    baru.update(sumber or {})
    objek = sesudah or sebelum  # None only for an undone day that has no row before or after
    audit.catat(
        aksi,
        objek,
        actor=actor,
        sebelum=lama,
        sesudah=baru,
        pegawai_id=pegawai.pk,
        pemda_id=pegawai.pemda_id,
        objek_tipe="attendance.haripresensi",
    )


@transaction.atomic
def hari_otomatis(*, actor: User, pegawai: Pegawai, tanggal: date) -> HariPresensi | None:
    """Undo a manual correction: the day is computed again from punches, schedule and requests."""
    _cek_boleh(actor, pegawai, tanggal)
    sebelum = HariPresensi.objects.filter(pegawai=pegawai, tanggal=tanggal).first()
    HariPresensi.objects.filter(pegawai=pegawai, tanggal=tanggal).update(
        manual=False, alasan_koreksi="", dikoreksi_oleh=None
    )
    hari_recompute(pegawai_ids=[pegawai.pk], start=tanggal, end=tanggal)
    hari = HariPresensi.objects.filter(pegawai=pegawai, tanggal=tanggal).first()
    _catat_hari("haripresensi:otomatis", actor, sebelum, hari, pegawai)
    return hari


@transaction.atomic
def kejadian_create(*, actor: User, pegawai: Pegawai, tanggal: date, jenis: str, catatan: str = "") -> Kejadian:
    """Record a discipline event (a missed apel, upacara, senam or another gathering of the pemda,
    RULES.md §1.6) for a pegawai on a day: only an active gathering of their pemda, never on a day it
    was called off for them (issue 16)."""
    _cek_boleh(actor, pegawai, tanggal, Tindakan.KEJADIAN)
    kegiatan = KegiatanWajib.objects.filter(pemda_id=pegawai.pemda_id, kode=jenis).first()
    if kegiatan is None or not kegiatan.aktif:
        raise ValidationError({"jenis": _("Pilih kejadian dari daftar.")})
    batal = kegiatan_dibatalkan(pemda_id=pegawai.pemda_id, kode=jenis, tanggal=tanggal, opd_id=pegawai.opd_id)
    if batal is not None:
        raise ValidationError(
            {
                "tanggal": _(
                    "%(k)s pada %(t)s dibatalkan (%(a)s), jadi tidak ada yang dapat dicatat tidak mengikutinya."
                )
                % {"k": kegiatan.nama, "t": tanggal.strftime("%d-%m-%Y"), "a": batal.alasan}
            }
        )
    if Kejadian.objects.filter(pegawai=pegawai, tanggal=tanggal, jenis=jenis).exists():
        raise ValidationError(_("Kejadian ini sudah tercatat untuk pegawai tersebut pada tanggal itu."))
    kejadian = Kejadian(
        pemda_id=pegawai.pemda_id, pegawai=pegawai, tanggal=tanggal, jenis=jenis, catatan=catatan, dicatat_oleh=actor
    )
    kejadian.full_clean(exclude=["dicatat_oleh"])
    kejadian.save()
    audit.catat("kejadian:buat", kejadian, actor=actor, sesudah=audit.nilai(kejadian, ("tanggal", "jenis", "catatan")))
    return kejadian
