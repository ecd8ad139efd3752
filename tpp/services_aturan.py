"""Versions of the activity and attendance/uang makan rule sets, saved by HR (issue 16).

They live in tpp, not in their apps, because a version must not start inside a closed TPP month
(tpp.services._bulan_tertutup_sejak) and the page previews its effect on the payroll: tpp reads
activities and attendance, never the other way (DESIGN.md §2). Rows are never edited: a change is a
new version from a date, so the list of versions is the history and a calculated month names the
versions it used (tpp.BarisTpp.aturan_aktivitas / aturan_presensi).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Pemda, User
from accounts.permissions import check_hr_of
from activities.models import AturanAktivitas
from attendance.models import AturanPresensi
from attendance.rules import BATAS_BAND
from attendance.selectors import aturan_presensi_for
from attendance.tasks import hari_recompute_pemda_task
from core import audit
from core.dates import today

from .services import HANYA_HR, _bulan_tertutup_sejak

KOLOM_AKTIVITAS = ("berlaku_mulai", "menit_per_hari", "batas_input_hari_kerja", "batas_tunggu_hari_kerja",
                   "pengingat_tutup_hari_kerja", "verifikasi_final_di_puncak", "eskalasi_boleh_bertindak",
                   "kemiripan_teks_persen", "teks_berulang_hari", "teks_rekan_orang", "teks_min_huruf",
                   "stempel_min_aktivitas", "stempel_detik_per_aktivitas", "catatan")  # fmt: skip
KOLOM_PRESENSI = (
    "berlaku_mulai", "batas_tl1", "batas_tl2", "batas_tl3", "uang_makan_tarif", "uang_makan_pph",
    "uang_makan_maks_hari", "cuti_dua_tingkat", "blokir_aktivitas", "absen_api_maks_hari_lalu",
    "absen_api_maks_hari_depan", "catatan",
)  # fmt: skip


def _tolak_bulan_tertutup(pemda_id: int, berlaku_mulai: date, *, kunci: bool = True) -> None:
    tertutup = _bulan_tertutup_sejak(pemda_id, berlaku_mulai, kunci=kunci)
    if tertutup is not None:
        raise ValidationError(
            {
                "berlaku_mulai": _(
                    "Bulan %(b)s sudah ditutup. Aturan baru tidak boleh berlaku surut ke bulan yang sudah "
                    "ditutup; buka kembali bulan itu lebih dulu atau pilih tanggal berlaku sesudahnya."
                )
                % {"b": tertutup}
            }
        )


def _catatan(catatan: str) -> str:
    if not (catatan or "").strip():
        raise ValidationError({"catatan": _("Tuliskan alasan perubahan aturan (misalnya nomor Perkada).")})
    return catatan.strip()


# --- activities ----------------------------------------------------------------------------------


def aturan_aktivitas_calon(
    *, actor: User, pemda: Pemda, berlaku_mulai: date, catatan: str, kunci: bool = False, **nilai
) -> AturanAktivitas:
    """A checked, unsaved version (the preview computes with it; the save stores it)."""
    check_hr_of(actor, pemda.pk, HANYA_HR)
    row = AturanAktivitas(pemda=pemda, berlaku_mulai=berlaku_mulai, catatan=_catatan(catatan), dibuat_oleh=actor)
    for name, value in nilai.items():
        setattr(row, name, value)
    errors = {}
    if not 1 <= (row.menit_per_hari or 0) <= 1440:
        errors["menit_per_hari"] = _("Menit kerja per hari harus antara 1 dan 1440.")
    for name in ("batas_input_hari_kerja", "batas_tunggu_hari_kerja"):
        if not 0 <= (getattr(row, name) or 0) <= 60:
            errors[name] = _("Isi 0 sampai 60 hari kerja.")
    if not 0 <= (row.pengingat_tutup_hari_kerja or 0) <= 10:
        errors["pengingat_tutup_hari_kerja"] = _("Isi 0 sampai 10 hari kerja (0: tanpa pengingat).")
    if errors:
        raise ValidationError(errors)
    _tolak_bulan_tertutup(pemda.pk, berlaku_mulai, kunci=kunci)
    if AturanAktivitas.objects.filter(pemda=pemda, berlaku_mulai=berlaku_mulai).exists():
        raise ValidationError(
            {"berlaku_mulai": _("Sudah ada versi yang berlaku mulai tanggal ini; pilih tanggal lain.")}
        )
    return row


@transaction.atomic
def aturan_aktivitas_simpan(*, actor: User, pemda: Pemda, **kwargs) -> AturanAktivitas:
    """Save a new activity rule version (minutes per day, entry window, queue limit, month-close
    reminder, final check)."""
    row = aturan_aktivitas_calon(actor=actor, pemda=pemda, kunci=True, **kwargs)
    row.full_clean()
    row.save()
    audit.catat("aturanaktivitas:buat", row, actor=actor, sesudah=audit.nilai(row, KOLOM_AKTIVITAS))
    return row


# --- attendance and uang makan -------------------------------------------------------------------


def _tabel_rupiah(tabel: dict, label: str, errors: dict, field: str) -> dict:
    hasil = {}
    for k, v in (tabel or {}).items():
        if v in (None, ""):
            continue
        if not isinstance(v, int) or v < 0:
            errors[field] = _("%(f)s harus rupiah bulat, tidak negatif.") % {"f": label}
        else:
            hasil[str(k)] = v
    return hasil


def _tabel_persen(tabel: dict, label: str, errors: dict, field: str) -> dict:
    hasil = {}
    for k, v in (tabel or {}).items():
        if v in (None, ""):
            continue
        d = Decimal(str(v))
        if not Decimal(0) <= d <= Decimal(100):
            errors[field] = _("%(f)s harus antara 0 dan 100 persen.") % {"f": label}
        else:
            hasil[str(k)] = str(d.normalize())
    return hasil


def aturan_presensi_calon(
    *, actor: User, pemda: Pemda, berlaku_mulai: date, catatan: str, kunci: bool = False, **nilai
) -> AturanPresensi:
    """A checked, unsaved version: bands strictly increasing within 1..600 minutes (RULES.md §1.6a),
    rates whole non-negative rupiah, PPh 0..100%, at most 31 days."""
    check_hr_of(actor, pemda.pk, HANYA_HR)
    row = AturanPresensi(pemda=pemda, berlaku_mulai=berlaku_mulai, catatan=_catatan(catatan), dibuat_oleh=actor)
    for name, value in nilai.items():
        setattr(row, name, value)
    errors: dict[str, str] = {}
    batas = (row.batas_tl1, row.batas_tl2, row.batas_tl3)
    if any(b is None or not 1 <= b <= 600 for b in batas):
        errors["batas_tl1"] = _("Batas setiap tingkat harus 1 sampai 600 menit.")
    elif not batas[0] < batas[1] < batas[2]:
        errors["batas_tl2"] = _("Batas tingkat 1, 2 dan 3 harus makin besar (misalnya 30, 60, 90 menit).")
    row.uang_makan_tarif = _tabel_rupiah(row.uang_makan_tarif, _("Tarif uang makan"), errors, "uang_makan_tarif")
    row.uang_makan_pph = _tabel_persen(row.uang_makan_pph, _("Tarif PPh uang makan"), errors, "uang_makan_pph")
    if not 0 <= (row.uang_makan_maks_hari or 0) <= 31:
        errors["uang_makan_maks_hari"] = _("Hari uang makan paling banyak 0 sampai 31.")
    if errors:
        raise ValidationError(errors)
    _tolak_bulan_tertutup(pemda.pk, berlaku_mulai, kunci=kunci)
    if AturanPresensi.objects.filter(pemda=pemda, berlaku_mulai=berlaku_mulai).exists():
        raise ValidationError(
            {"berlaku_mulai": _("Sudah ada versi yang berlaku mulai tanggal ini; pilih tanggal lain.")}
        )
    return row


@transaction.atomic
def aturan_presensi_simpan(*, actor: User, pemda: Pemda, **kwargs) -> AturanPresensi:
    """Save a new attendance/uang makan rule version. When its bands differ from those in force on its
    start, the pemda's days from then to yesterday are recomputed in the worker after the commit (like a
    calendar change), so the next TPP calculation counts the new bands."""
    row = aturan_presensi_calon(actor=actor, pemda=pemda, kunci=True, **kwargs)
    row.full_clean()
    sebelum = aturan_presensi_for(pemda_id=pemda.pk, on=row.berlaku_mulai)
    row.save()
    audit.catat("aturanpresensi:buat", row, actor=actor, sesudah=audit.nilai(row, KOLOM_PRESENSI))
    lama = sebelum.batas_band if sebelum is not None else BATAS_BAND
    akhir = today() - timedelta(days=1)  # as the nightly run: today's day has only begun
    if row.batas_band != lama and row.berlaku_mulai <= akhir:
        mulai, pemda_id = row.berlaku_mulai, pemda.pk
        transaction.on_commit(lambda: hari_recompute_pemda_task.delay(pemda_id, mulai.isoformat(), akhir.isoformat()))
    return row
