"""The checks an activity entry meets before it is stored or moves on: its month is open, it is
within the entry window (outages and dispensations count) and its day's final attendance does not
rule it out. The services (`activities.services`) run them on save and the workflow's guards on a
submission.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai
from accounts.selectors import periode_tertutup
from attendance.selectors import aktivitas_diblokir
from core.dates import batas_tampil
from core.locks import kunci_bulan

from .selectors import batas_input_for


def check_open_month(pemda_id: int, tanggal: date) -> None:
    """Under the month's lock (core.locks, shared until the caller's transaction ends): a closing
    waits for this write, or this check sees the month closed."""
    kunci_bulan(pemda_id, tanggal)
    if periode_tertutup(pemda_id=pemda_id, on=tanggal):
        raise ValidationError(
            _("Bulan %(b)s sudah ditutup; aktivitasnya tidak dapat diubah lagi.") % {"b": tanggal.strftime("%m/%Y")}
        )


def check_window(pegawai: Pegawai, tanggal: date) -> None:
    """Entries are made from the day itself until the window closes (outages and dispensations count).

    Four queries (rules, holidays, outages, dispensation): a save-and-submit checks it once."""
    sekarang = timezone.localtime()
    if tanggal > sekarang.date():
        raise ValidationError({"tanggal": _("Aktivitas tidak boleh untuk tanggal yang akan datang.")})
    batas = batas_input_for(pegawai, tanggal)
    if sekarang >= batas:
        raise ValidationError(
            {
                "tanggal": _(
                    "Batas pengisian aktivitas tanggal %(t)s sudah lewat (%(b)s). Jika ada alasan yang sah, "
                    "mintalah dispensasi kepada admin kepegawaian OPD Anda."
                )
                % {"t": tanggal.strftime("%d-%m-%Y"), "b": _batas_text(batas)}
            }
        )


def check_hari_presensi(pegawai: Pegawai, tanggal: date) -> None:
    """Issue 5 (per-pemda rule, on by default): no activity on a day whose final attendance says the
    pegawai was absent without explanation or on leave. A day not yet final never blocks (issue 13)."""
    hari = aktivitas_diblokir(pegawai, tanggal)
    if hari is not None:
        raise ValidationError(
            {
                "tanggal": ValidationError(
                    _(
                        "Aktivitas tidak dapat diisi untuk tanggal %(t)s karena presensi Anda hari itu sudah final: "
                        "%(s)s. Bila Anda bekerja hari itu, ajukan permohonan izin atau dinas luar, atau minta "
                        "admin kepegawaian OPD Anda mengoreksi presensinya; setelah itu aktivitas dapat diisi."
                    )
                    % {"t": tanggal.strftime("%d-%m-%Y"), "s": hari.label},
                    code=PRESENSI_FINAL,
                )
            }
        )


# The code of that refusal: the entry form shows the ways out (a request, a correction) beside it.
PRESENSI_FINAL = "presensi_final"


def _batas_text(batas) -> str:
    hari, jam = batas_tampil(timezone.localtime(batas))
    return _("%(d)s pukul %(j)s") % {"d": hari.strftime("%d-%m-%Y"), "j": jam}
